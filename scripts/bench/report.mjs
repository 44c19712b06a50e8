// Budgets, the results table, and the bench/README.md block.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import { CATEGORIES } from './pages.mjs';
import { LH_CATEGORIES } from './lighthouse.mjs';

export const KB = 1000; // 1 KB = 1000 bytes (stricter than KiB for the budget)
export const BUDGET = { accessibility: 100, performance: 95, chapterJsKB: 60 };
export const START = '<!-- bench:pages:start -->';
export const END = '<!-- bench:pages:end -->';
const SHORT = { performance: 'Perf', accessibility: 'A11y', 'best-practices': 'BP', seo: 'SEO' };

const kb = (n) => (n / KB).toFixed(1);
export const isChapter = (page) => page.startsWith('/chapters/') && page !== '/chapters/';

/** Budget verdict for one result: { ok, reasons[], partial } */
export function judge(r) {
  const reasons = [];
  if (r.weight && isChapter(r.page) && r.weight.jsBytes > BUDGET.chapterJsKB * KB) reasons.push(`JS ${kb(r.weight.jsBytes)} KB > ${BUDGET.chapterJsKB}`);
  const s = r.lighthouse?.scores;
  if (s) {
    if (s.accessibility !== null && s.accessibility < BUDGET.accessibility) reasons.push(`a11y ${s.accessibility}`);
    if (s.performance !== null && s.performance < BUDGET.performance) reasons.push(`perf ${s.performance}`);
  }
  const partial = !r.weight || !s || s.accessibility === null || s.performance === null;
  if (r.weightError) reasons.push('weight not measured');
  return { ok: reasons.length === 0, reasons, partial };
}

function mark(r) {
  const { ok, reasons, partial } = judge(r);
  if (!ok) return `❌ ${reasons.join('; ')}`;
  if (!partial) return '✅';
  return r.lighthouse ? '⚠️ weight ok; Lighthouse failed' : '✅ (weight only)';
}

export function table(results) {
  const head = ['Page', 'HTML', 'CSS', 'JS', 'Fonts', 'Other', 'Total', ...LH_CATEGORIES.map((c) => SHORT[c]), 'Budget'];
  const rows = results.map((r) => {
    const w = r.weight?.bytes;
    const weightCells = w ? [...CATEGORIES, 'total'].map((c) => kb(w[c])) : Array(6).fill(r.weightError ? 'error' : '–');
    let lhCells;
    if (!r.lighthouse) lhCells = LH_CATEGORIES.map(() => '–');
    else if (!r.lighthouse.scores || LH_CATEGORIES.every((c) => r.lighthouse.scores[c] === null)) {
      lhCells = [`error: ${(r.lighthouse.error ?? 'no scores').slice(0, 60)}`.replace(/\|/g, '\\|'), '', '', ''];
    } else lhCells = LH_CATEGORIES.map((c) => r.lighthouse.scores[c] ?? 'n/a');
    return [`\`${r.page}\``, ...weightCells, ...lhCells, mark(r)];
  });
  const align = head.map((_, i) => (i === 0 || i === head.length - 1 ? '---' : '--:'));
  return [head, align, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

async function osName() {
  const text = await fs.readFile('/etc/os-release', 'utf8').catch(() => '');
  const m = text.match(/^PRETTY_NAME="?([^"\n]*)"?/m);
  return `${m ? m[1] : os.type()} (${os.type()} ${os.release()}, ${os.arch()})`;
}

export async function machine(chromiumVersion) {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    ramGB: (os.totalmem() / 2 ** 30).toFixed(1),
    os: await osName(),
    node: process.version,
    chromium: chromiumVersion ?? 'unknown',
  };
}

function findings(results) {
  const lines = [];
  for (const r of results) {
    const out = [];
    if (r.weight && isChapter(r.page) && r.weight.jsBytes > BUDGET.chapterJsKB * KB) {
      const js = r.weight.resources.filter((x) => x.category === 'js').slice(0, 6);
      out.push(`  - JS on load: ${js.map((x) => `\`${new URL(x.url).pathname}\` ${kb(x.bytes)} KB`).join(', ')}`);
    }
    const paths = (t) => t.replace(/https?:\/\/(127\.0\.0\.1|localhost):\d+/g, '');
    if (r.weight && !r.weight.settled) out.push('  - page weight: the page had not settled after 45 s (requests still starting); bytes are those up to then');
    if (r.weight?.errors.length) out.push(`  - failed requests: ${r.weight.errors.slice(0, 5).map(paths).join('; ')}`);
    if (r.weight?.consoleErrors.length) out.push(`  - console errors: ${r.weight.consoleErrors.slice(0, 3).map((e) => e.slice(0, 160)).join('; ')}`);
    if (r.weightError) out.push(`  - page weight: ${r.weightError}`);
    if (r.lighthouse?.error) out.push(`  - Lighthouse: ${r.lighthouse.error}`);
    for (const w of r.lighthouse?.warnings ?? []) out.push(`  - Lighthouse warning: ${String(w).slice(0, 200)}`);
    const s = r.lighthouse?.scores;
    for (const c of LH_CATEGORIES) {
      const list = r.lighthouse?.failing?.[c] ?? [];
      if (!s || s[c] === null || s[c] === 100) continue;
      const parts = list.slice(0, 8).map((a) => `${a.title}${a.displayValue ? ` (${a.displayValue})` : ''}`);
      if (c === 'performance' && r.lighthouse.metrics) {
        const runs = r.lighthouse.perfRuns?.length > 1 ? `, runs ${r.lighthouse.perfRuns.join('/')}` : '';
        parts.unshift(`${Object.entries(r.lighthouse.metrics).map(([k, v]) => `${k} ${v}`).join(', ')} (CPU index ${r.lighthouse.benchmarkIndex}${runs})`);
      }
      if (parts.length) out.push(`  - ${SHORT[c]} ${s[c]}: ${parts.join('; ')}`);
    }
    if (out.length) lines.push(`- \`${r.page}\`\n${out.join('\n')}`);
  }
  return lines.length ? lines.join('\n') : 'None: every page is within budget and Lighthouse flagged nothing.';
}

export function block({ results, env, date, seconds, lh, encodings }) {
  const passed = results.filter((r) => judge(r).ok).length;
  return `${START}
## Page weight and Lighthouse

_Generated by \`npm run bench\` on ${date} (${seconds} s). Do not edit this block by hand; it is rewritten on every run._

**What is measured.** Each built page (\`astro build\` into \`bench/.out/dist\`, 404 page excluded) is served
by a small Node static server that compresses text responses like a static host does
(${encodings}). The page is loaded once in a fresh headless Chromium (empty cache, 1280×720 viewport,
WebGL through SwiftShader), with no scrolling or interaction, until it has settled: after \`load\`, wait for an idle
main thread (\`requestIdleCallback\`, so idle-time loads such as Starlight's Pagefind search UI count), then for
1 s with no request in flight, repeated until a round starts no new request (45 s cap).
Bytes are the compressed transfer sizes on the wire (CDP \`Network.loadingFinished\`
\`encodedDataLength\`, response headers included), totalled by resource type; 1 KB = 1000 bytes.
"Other" is images, WebAssembly, JSON, and anything else.
${lh ? `Scores are from Lighthouse ${lh.version} (Node API, ${lh.formFactor} preset, Lighthouse's default simulated
throttling), one fresh headless Chromium per run, pages run one after another, ${lh.runs === 1 ? 'one run per page' : `${lh.runs} runs per page, Lighthouse's median run kept`}.
Simulated throttling scales the CPU time observed on this machine, so performance (mainly TBT) moves with machine
load; the findings give each page's Lighthouse CPU benchmark index (higher is faster).` : 'Lighthouse was not run (`--no-lighthouse`).'}

**Budgets** (from the design): Lighthouse accessibility ${BUDGET.accessibility} and performance ≥ ${BUDGET.performance} on every page;
at most ${BUDGET.chapterJsKB} KB of compressed JavaScript on a chapter page before a widget needing TensorFlow.js
comes into view (checked on \`/chapters/*\` pages as loaded, without scrolling). Benchmarks report; they do
not fail the build. **${passed} of ${results.length} pages within budget.**

**Machine.** ${env.cpu}, ${env.cores} cores, ${env.ramGB} GiB RAM; ${env.os}; Node ${env.node}; Chromium ${env.chromium}.
Load average (1 min) ${env.load?.[0]} at the start, ${env.load?.[1]} at the end.

Sizes in KB (compressed); Perf, A11y, BP, SEO are Lighthouse scores (0–100).

${table(results)}

### Findings

${findings(results)}
${END}`;
}

/** Replace one block (pages by default) in README, creating the file or the markers as needed. */
export async function writeReadme(file, text, START_ = START, END_ = END) {
  const [START, END] = [START_, END_];
  const old = await fs.readFile(file, 'utf8').catch(() => null);
  let out;
  if (old === null) {
    out = `# Benchmarks\n\nMeasurements of the built book, regenerated by \`npm run bench\`.\n\n${text}\n\n<!-- bench:end -->\n`;
  } else if (old.includes(START) && old.includes(END)) {
    out = old.slice(0, old.indexOf(START)) + text + old.slice(old.indexOf(END) + END.length);
  } else if (old.includes('<!-- bench:end -->')) {
    const i = old.indexOf('<!-- bench:end -->');
    out = `${old.slice(0, i).trimEnd()}\n\n${text}\n\n${old.slice(i)}`;
  } else {
    out = `${old.trimEnd()}\n\n${text}\n`;
  }
  await fs.writeFile(file, out);
}
