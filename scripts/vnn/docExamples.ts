/**
 * Keeps the library documentation honest — docs/library.md and the module
 * pages docs/library/*.md: extracts their examples (a ```ts or ```sh block
 * followed by a ```text block with the output), runs them, and fills in what
 * they print, plus the catalogue's reference-figure table between its markers.
 *
 *   npx tsx scripts/vnn/docExamples.ts --write   # regenerate the outputs in place
 *
 * A TypeScript example runs as a file in the repository root would (`npx tsx
 * example.ts`): an ES module (top-level `await` works), './src/…' imports
 * resolve against the repository, bare imports ('@tensorflow/tfjs-core',
 * '@tensorflow/tfjs-backend-cpu') against its node_modules. Only stdout counts
 * (tfjs prints its Node banner on stderr).
 *
 * tests/unit/cli/libraryDocs.test.ts checks that the files are up to date.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATALOGUE, checkReferences } from '../../src/lib/video-nn/catalogue';
import { runCli } from './cli';

const FENCE = /```(ts|sh)\n([\s\S]*?)```\n\n```text\n([\s\S]*?)```/g;

export interface DocExample {
  lang: 'ts' | 'sh';
  code: string;
  output: string;
}

/** The documentation files, relative to the repository root: the overview, then the module pages in name order. */
export function libraryDocPaths(root: string): string[] {
  const dir = join(root, 'docs/library');
  const pages = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.md')).sort() : [];
  return ['docs/library.md', ...pages.map((f) => `docs/library/${f}`)];
}

export function extractExamples(markdown: string): DocExample[] {
  return [...markdown.matchAll(FENCE)].map((m) => ({ lang: m[1] as 'ts' | 'sh', code: m[2]!, output: m[3]! }));
}

/** `npm run -s vnn -- a b c` → what the command prints (stdout, or its one-line error). */
function runShell(code: string): string {
  const match = /^npm run -s vnn -- (.*)$/.exec(code.trim());
  if (!match) throw new Error(`unsupported shell example: ${code}`);
  const result = runCli(match[1]!.split(/\s+/));
  return `${result.code === 0 ? result.stdout : `${result.stderr}\n(exit status ${result.code})`}\n`;
}

/**
 * Runs a TypeScript example in `dir` (see exampleDirectory), from the
 * repository root, with imports from './src/…' resolved against it.
 */
function runTypeScript(code: string, root: string, dir: string): Promise<string> {
  const file = join(dir, `example-${Math.random().toString(36).slice(2)}.ts`);
  writeFileSync(file, code.replaceAll("'./src/", `'${root}/src/`));
  return new Promise((done, fail) => {
    const options = { cwd: root, encoding: 'utf8' as const, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 };
    execFile(join(root, 'node_modules/.bin/tsx'), [file], options, (error, stdout, stderr) => {
      if (error) fail(new Error(`example failed (${error.message.split('\n')[0]}):\n${code}\n${stderr}`));
      else done(stdout);
    });
  });
}

/** Examples run as separate processes, a few at a time (shared by every document being filled). */
const MAX_RUNNING = Math.max(2, Math.min(8, availableParallelism()));
let running = 0;
const waiting: (() => void)[] = [];

async function inTurn<T>(task: () => Promise<T>): Promise<T> {
  if (running >= MAX_RUNNING) await new Promise<void>((start) => waiting.push(start));
  else running++;
  try {
    return await task();
  } finally {
    const next = waiting.shift();
    if (next) next(); // hands its slot over
    else running--;
  }
}

export function runExample(example: DocExample, root: string, dir: string): Promise<string> {
  return example.lang === 'sh' ? Promise.resolve(runShell(example.code)) : inTurn(() => runTypeScript(example.code, root, dir));
}

/** The reference-figure table and the list of gaps, from the catalogue. */
export function referenceSections(): { table: string; gaps: string } {
  const rows = ['| id | quantity | reference | ours | source |', '| --- | --- | --- | --- | --- |'];
  const gaps: string[] = [];
  for (const entry of CATALOGUE) {
    for (const c of checkReferences(entry)) {
      const f = c.figure;
      const unit = f.scale === 1 ? '' : ` ${({ 1e6: 'M', 1e9: 'G', 1e12: 'T' } as Record<number, string>)[f.scale] ?? `×${f.scale}`}`;
      const views = f.views ? ` (${f.views} views)` : '';
      const mark = c.matches ? '' : ' ≠';
      rows.push(`| ${entry.id} | ${f.quantity} | ${f.printed}${unit}${views} | ${c.ours}${unit}${mark} | ${f.source.replaceAll('|', '/')} |`);
      if (!c.matches && f.gap) gaps.push(`- **${entry.id}**, ${f.quantity} ${f.printed}${unit} (${f.source}): ${f.gap.explanation}`);
    }
  }
  return { table: rows.join('\n'), gaps: gaps.join('\n') };
}

/** The generated sections, by marker name: `<!-- name:start -->` … `<!-- name:end -->`. */
export const GENERATED_SECTIONS = ['reference-table', 'reference-gaps'] as const;

/** Replaces what lies between a pair of markers; a document without the pair is returned as it is. */
function between(markdown: string, name: string, content: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const i = markdown.indexOf(start);
  const j = markdown.indexOf(end);
  if (i < 0 && j < 0) return markdown;
  if (i < 0 || j < i) throw new Error(`docs: missing or misplaced ${start} … ${end}`);
  return `${markdown.slice(0, i + start.length)}\n${content}\n${markdown.slice(j)}`;
}

/**
 * A scratch directory that behaves like the repository root for an example: an
 * ES-module package.json and a link to the repository's node_modules.
 */
function exampleDirectory(root: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'vnn-docs-'));
  writeFileSync(join(dir, 'package.json'), '{ "type": "module", "private": true }\n');
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

/**
 * The document with every example's output and the reference sections (where
 * it has their markers) regenerated. Examples run concurrently; each is its own
 * process, so they cannot affect one another.
 */
export async function fillDocument(markdown: string, root: string): Promise<string> {
  const dir = exampleDirectory(root);
  try {
    // allSettled: every run ends before the scratch directory goes, even when one fails.
    const runs = await Promise.allSettled(extractExamples(markdown).map((e) => runExample(e, root, dir)));
    const failed = runs.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    const outputs = runs.map((r) => (r as PromiseFulfilledResult<string>).value);
    let next = 0;
    const filled = markdown.replace(FENCE, (_all, lang: 'ts' | 'sh', code: string) => {
      const output = outputs[next++]!;
      return `\`\`\`${lang}\n${code}\`\`\`\n\n\`\`\`text\n${output}\`\`\``;
    });
    const { table, gaps } = referenceSections();
    return between(between(filled, 'reference-table', table), 'reference-gaps', gaps);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Checks (or, with --write, regenerates) the documentation files named on the command line, or all of them. */
async function main(args: readonly string[]): Promise<void> {
  const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
  const only = args.filter((a) => !a.startsWith('--'));
  const unknown = only.filter((f) => !libraryDocPaths(root).includes(f));
  if (unknown.length) throw new Error(`not a library documentation file: ${unknown.join(', ')} (expected one of ${libraryDocPaths(root).join(', ')})`);
  const files = libraryDocPaths(root).filter((f) => !only.length || only.includes(f));
  await Promise.all(
    files.map(async (file) => {
      const path = join(root, file);
      const before = readFileSync(path, 'utf8');
      const after = await fillDocument(before, root);
      if (args.includes('--write')) {
        if (after !== before) writeFileSync(path, after);
      } else if (before !== after) {
        process.stderr.write(`${file} is out of date: run npx tsx scripts/vnn/docExamples.ts --write\n`);
        process.exitCode = 1;
      }
    }),
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
