/**
 * Keeps docs/library.md honest: extracts its examples (a ```ts or ```sh block
 * followed by a ```text block with the output), runs them, and fills in what
 * they print, plus the catalogue's reference-figure table between its markers.
 *
 *   npx tsx scripts/vnn/docExamples.ts --write   # regenerate the outputs in place
 *
 * tests/unit/cli/libraryDocs.test.ts checks that the file is up to date.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

/** Runs a TypeScript example with imports from './src/…' resolved against the repository root. */
function runTypeScript(code: string, root: string, dir: string): string {
  const file = join(dir, `example-${Math.random().toString(36).slice(2)}.ts`);
  writeFileSync(file, code.replaceAll("'./src/", `'${root}/src/`));
  const result = spawnSync(join(root, 'node_modules/.bin/tsx'), [file], { encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) throw new Error(`example failed:\n${code}\n${result.stderr}`);
  return result.stdout;
}

export function runExample(example: DocExample, root: string, dir: string): string {
  return example.lang === 'sh' ? runShell(example.code) : runTypeScript(example.code, root, dir);
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

function between(markdown: string, name: string, content: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const i = markdown.indexOf(start);
  const j = markdown.indexOf(end);
  if (i < 0 || j < i) throw new Error(`docs: missing ${start} … ${end}`);
  return `${markdown.slice(0, i + start.length)}\n${content}\n${markdown.slice(j)}`;
}

/** The document with every example's output and the reference sections regenerated. */
export function fillDocument(markdown: string, root: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'vnn-docs-'));
  try {
    const filled = markdown.replace(FENCE, (_all, lang: 'ts' | 'sh', code: string) => {
      const output = runExample({ lang, code, output: '' }, root, dir);
      return `\`\`\`${lang}\n${code}\`\`\`\n\n\`\`\`text\n${output}\`\`\``;
    });
    const { table, gaps } = referenceSections();
    return between(between(filled, 'reference-table', table), 'reference-gaps', gaps);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const path = join(root, 'docs/library.md');
  const before = readFileSync(path, 'utf8');
  const after = fillDocument(before, root);
  if (process.argv.includes('--write')) writeFileSync(path, after);
  else if (before !== after) {
    process.stderr.write('docs/library.md is out of date: run npx tsx scripts/vnn/docExamples.ts --write\n');
    process.exitCode = 1;
  }
}
