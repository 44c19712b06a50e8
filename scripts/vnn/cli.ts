/**
 * The vnn command, as a function from arguments to output: no process access,
 * so tests call it directly. scripts/vnn.ts prints the result and sets the exit
 * status.
 */
import { analyze } from '../../src/lib/video-nn/analysis';
import { CATALOGUE, catalogueIds, findEntry } from '../../src/lib/video-nn/catalogue';
import { HELP, parseArgs } from './args';
import { analysisJson, analysisTable, listJson, listTable, type ListItem } from './format';
import { evaluateShipped, evaluateText, shippedModels, weightsJson, weightsTable } from './weights';

export interface CliResult {
  stdout: string;
  /** One line when the command failed. */
  stderr: string;
  code: 0 | 2;
}

const error = (line: string): CliResult => ({ stdout: '', stderr: line, code: 2 });

/** The closest id by edit distance, for "did you mean". */
export function closestId(id: string, ids: readonly string[]): string | undefined {
  const distance = (a: string, b: string): number => {
    const row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      let previous = row[0]!;
      row[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const current = row[j]!;
        row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
        previous = current;
      }
    }
    return row[b.length]!;
  };
  let best: { id: string; d: number } | undefined;
  for (const candidate of ids) {
    const d = distance(id, candidate);
    if (!best || d < best.d) best = { id: candidate, d };
  }
  return best && best.d <= Math.max(2, Math.floor(id.length / 3)) ? best.id : undefined;
}

function listItems(): ListItem[] {
  return CATALOGUE.map((e) => {
    const a = analyze(e.spec(), e.defaultInput);
    return { id: e.id, title: e.title, input: e.defaultInput, params: a.totals.params, macs: a.totals.macs };
  });
}

/**
 * Every command: `list` and `analyze` as runCli; `weights` reads the shipped
 * manifests; `evaluate` loads a shipped model and runs it (asynchronous).
 */
export async function runVnn(argv: readonly string[]): Promise<CliResult> {
  const parsed = parseArgs(argv);
  if (!parsed.ok || parsed.command.kind !== 'evaluate') return runCli(argv);
  const { id, seed, count, json } = parsed.command;
  const shipped = shippedModels().map((m) => m.id);
  if (!shipped.includes(id)) {
    const guess = closestId(id, shipped);
    return error(`vnn evaluate: no shipped model '${id}'${guess ? ` (did you mean '${guess}'?)` : ''}; \`vnn weights\` shows them all`);
  }
  try {
    const result = await evaluateShipped(id, seed, count);
    return { stdout: json ? JSON.stringify(result) : evaluateText(result), stderr: '', code: 0 };
  } catch (e) {
    return error(`vnn evaluate: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
  }
}

/** The synchronous commands (`evaluate` needs runVnn). */
export function runCli(argv: readonly string[]): CliResult {
  const parsed = parseArgs(argv);
  if (!parsed.ok) return error(parsed.error);
  const { command } = parsed;
  switch (command.kind) {
    case 'help':
      return { stdout: HELP, stderr: '', code: 0 };
    case 'list': {
      const items = listItems();
      return { stdout: command.json ? listJson(items) : listTable(items), stderr: '', code: 0 };
    }
    case 'weights': {
      const models = shippedModels();
      return { stdout: command.json ? weightsJson(models) : weightsTable(models), stderr: '', code: 0 };
    }
    case 'evaluate':
      return error('vnn evaluate: loads weights asynchronously; call runVnn');
    case 'analyze': {
      const entry = findEntry(command.id);
      if (!entry) {
        const guess = closestId(command.id, catalogueIds());
        return error(`vnn analyze: unknown model id '${command.id}'${guess ? ` (did you mean '${guess}'?)` : ''}; \`vnn list\` shows them all`);
      }
      const input = command.input ? { channels: entry.defaultInput.channels, ...command.input } : entry.defaultInput;
      let analysis;
      try {
        analysis = analyze(entry.spec(), input);
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        return error(`vnn analyze: ${entry.id} cannot take a ${input.frames}x${input.height}x${input.width} input: ${why.split('\n')[0]}`);
      }
      return { stdout: command.json ? analysisJson(entry.id, analysis) : analysisTable(entry.id, entry.title, analysis), stderr: '', code: 0 };
    }
  }
}
