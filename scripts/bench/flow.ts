#!/usr/bin/env tsx
// Flow benchmark: our TV-L1 (src/lib/video-nn/flow) on WebGL and WASM against
// OpenCV.js's Farnebäck, in one headless Chromium, on the same generated frame
// pairs with known flow: milliseconds per pair and endpoint/angular error.
// Run by `npm run bench` (or alone: `tsx scripts/bench/flow.ts --help`).
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build as esbuild } from 'esbuild';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium.mjs';
import { FARNEBACK, FLOW_SIZES, MOTIONS, PRESETS, SEED, TEXTURES, type TextureId } from './flowCases';
import type { FlowBenchConfig } from './flowBrowserEntry';
import { median, type CaseResult, type FlowRun } from './flowRuns';
import { startServer } from './server.mjs';
import { machine, writeReadme } from './report.mjs';

const START = '<!-- bench:flow:start -->';
const END = '<!-- bench:flow:end -->';
const OUT = path.resolve('bench/.out/flow');

const HELP = `usage: tsx scripts/bench/flow.ts [--no-readme] [--sizes 128x128,320x240]
  Times our TV-L1 flow (WebGL and WASM, ${PRESETS.length} option presets) and OpenCV.js's Farnebäck
  in one headless Chromium on generated frame pairs with known flow, and writes
  the ${START} block of bench/README.md (raw results in bench/.out/flow/results.json).`;

interface Row {
  key: string;
  label: string;
  backend: string;
  config: Omit<FlowBenchConfig, 'width' | 'height'>;
}

/**
 * Farnebäck first, then each preset on WebGL and on WASM. SwiftShader's WebGL
 * takes seconds per pair, so the WebGL rows run the fine texture only, timed
 * over fewer calls.
 */
const ROWS: Row[] = [
  { key: 'farneback', label: 'OpenCV.js Farnebäck', backend: 'WASM', config: { method: 'farneback' } },
  ...PRESETS.flatMap((p) => [
    { key: `${p.id}-webgl`, label: p.label, backend: 'WebGL', config: { method: 'tvl1' as const, backend: 'webgl' as const, preset: p.id, textures: ['fine' as const] } },
    { key: `${p.id}-wasm`, label: p.label, backend: 'WASM', config: { method: 'tvl1' as const, backend: 'wasm' as const, preset: p.id } },
  ]),
];

type Results = Record<string, Record<string, FlowRun | { error: string }>>;
const sizeKey = ([w, h]: readonly [number, number]): string => `${w}x${h}`;
const sizeLabel = ([w, h]: readonly [number, number]): string => `${w}×${h}`;

async function bundle(): Promise<void> {
  await fs.rm(OUT, { recursive: true, force: true });
  await fs.mkdir(path.join(OUT, 'wasm'), { recursive: true });
  // OpenCV.js's Node branches require fs, path and crypto (never run in the browser), and its UMD
  // wrapper assigns an undeclared `Module`, which strict module code only allows once declared.
  await esbuild({
    entryPoints: ['scripts/bench/flowBrowserEntry.ts'],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    external: ['fs', 'path', 'crypto'],
    banner: { js: 'var Module;' },
    outfile: path.join(OUT, 'flow.js'),
    logLevel: 'error',
  });
  const wasmDir = 'node_modules/@tensorflow/tfjs-backend-wasm/dist';
  for (const f of (await fs.readdir(wasmDir)).filter((f) => f.endsWith('.wasm'))) await fs.copyFile(path.join(wasmDir, f), path.join(OUT, 'wasm', f));
  await fs.writeFile(path.join(OUT, 'index.html'), '<!doctype html><meta charset="utf-8"><title>flow bench</title><script type="module" src="/flow.js"></script>');
}

type Bench = { info(): Promise<Record<string, string>>; run(c: FlowBenchConfig): Promise<FlowRun> };

/** Farnebäck's median time before and after each size's block, for how far the machine's load moved meanwhile. */
type Drift = Record<string, [number, number]>;

async function measure(sizes: readonly (readonly [number, number])[]): Promise<{ results: Results; info: Record<string, string>; chromium: string; drift: Drift }> {
  await bundle();
  const server = await startServer(OUT);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  // Uncompressed: brotli at quality 11 on the 8 MB OpenCV bundle would take the server half a minute.
  const context = await browser.newContext({ extraHTTPHeaders: { 'Accept-Encoding': 'identity' } });
  const results: Results = Object.fromEntries(ROWS.map((r) => [r.key, {}]));
  const drift: Drift = {};
  try {
    // One page for everything; per size, Farnebäck runs before and after our rows, so on a machine whose
    // load changes it shares their conditions (its two timings are pooled).
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await page.waitForFunction(() => 'flowBench' in window);
    const info = await page.evaluate(() => (window as unknown as { flowBench: Bench }).flowBench.info());
    const one = async (row: Row, size: readonly [number, number], note = ''): Promise<FlowRun | { error: string }> => {
      const began = Date.now();
      try {
        const run = await page.evaluate((c) => (window as unknown as { flowBench: Bench }).flowBench.run(c), { ...row.config, width: size[0], height: size[1] });
        console.log(`[bench:flow] ${row.key}${note} ${sizeLabel(size)}: ${ms(run.millis)} ms (${run.runs} timed), mean EPE ${mean(run.cases.map((c) => c.epe)).toFixed(3)} px (${((Date.now() - began) / 1000).toFixed(0)} s)`);
        return run;
      } catch (error) {
        const message = String((error as Error)?.message ?? error).split('\n')[0]!;
        console.log(`[bench:flow] ${row.key}${note} ${sizeLabel(size)}: error ${message}`);
        return { error: message };
      }
    };
    const farneback = ROWS[0]!;
    for (const size of sizes) {
      const before = await one(farneback, size, ' (before)');
      for (const row of ROWS.slice(1)) results[row.key]![sizeKey(size)] = await one(row, size);
      const after = await one(farneback, size, ' (after)');
      if (isRun(before) && isRun(after)) {
        const times = [...before.times, ...after.times];
        results[farneback.key]![sizeKey(size)] = { ...before, times, runs: times.length, millis: median(times) };
        drift[sizeKey(size)] = [before.millis, after.millis];
        if (after.library) info['opencv'] = after.library;
      } else results[farneback.key]![sizeKey(size)] = isRun(before) ? before : after;
    }
    await page.close();
    console.log(`[bench:flow] served ${Object.entries(server.stats.encodings).map(([k, v]) => `${v}× ${k}`).join(', ')}`);
    return { results, info, chromium: browser.version(), drift };
  } finally {
    await browser.close();
    await server.close();
  }
}

const isRun = (r: FlowRun | { error: string } | undefined): r is FlowRun => !!r && 'millis' in r;
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const ms = (x: number): string => x.toFixed(x < 10 ? 2 : x < 100 ? 1 : 0);
const epeOf = (cases: CaseResult[], texture: string): number => mean(cases.filter((c) => c.texture === texture).map((c) => c.epe));
const texturesOf = (r: FlowRun): string[] => TEXTURES.map((t) => t.id).filter((t) => r.cases.some((c) => c.texture === t));

/** Time and mean EPE per texture, one row per method and backend. */
function summaryTable(results: Results, sizes: readonly (readonly [number, number])[]): string {
  const names: Record<TextureId, string> = { fine: 'EPE fine', framepair: 'EPE framePair' };
  const head = `| Method | Backend | ${sizes.map((s) => `${sizeLabel(s)} ms | ${TEXTURES.map((t) => names[t.id]).join(' | ')}`).join(' | ')} |`;
  const rule = `| --- | --- | ${sizes.map(() => ['--:', ...TEXTURES.map(() => '--:')].join(' | ')).join(' | ')} |`;
  const rows = ROWS.map((row) => {
    const cells = sizes.map((s) => {
      const r = results[row.key]?.[sizeKey(s)];
      if (!isRun(r)) return [r ? `error: ${r.error.replace(/\|/g, '\\|').slice(0, 80)}` : '—', ...TEXTURES.map(() => '')].join(' | ');
      return `${ms(r.millis)} | ${TEXTURES.map((t) => (r.cases.some((c) => c.texture === t.id) ? epeOf(r.cases, t.id).toFixed(3) : '—')).join(' | ')}`;
    });
    return `| ${row.label} | ${row.backend} | ${cells.join(' | ')} |`;
  });
  return [head, rule, ...rows].join('\n');
}

/** EPE / AAE of each motion at each size for Farnebäck and each preset (the WASM runs), on one texture. */
function caseTable(results: Results, sizes: readonly (readonly [number, number])[], texture: string): string {
  const head = `| Size | Method | ${MOTIONS.map((m) => m.id).join(' | ')} | mean |`;
  const rule = `| --- | --- | ${MOTIONS.map(() => '--:').join(' | ')} | --: |`;
  const keys = ['farneback', ...PRESETS.map((p) => `${p.id}-wasm`)];
  const rows: string[] = [];
  for (const s of sizes) {
    const first = keys.map((k) => results[k]?.[sizeKey(s)]).find(isRun);
    if (first) {
      const truth = MOTIONS.map((m) => first.cases.find((c) => c.texture === texture && c.motion === m.id)!.truthMagnitude);
      rows.push(`| ${sizeLabel(s)} | _mean true motion, px_ | ${truth.map((t) => t.toFixed(2)).join(' | ')} | ${mean(truth).toFixed(2)} |`);
    }
    for (const key of keys) {
      const r = results[key]?.[sizeKey(s)];
      const label = ROWS.find((row) => row.key === key)!.label;
      if (!isRun(r)) {
        rows.push(`| ${sizeLabel(s)} | ${label} | ${MOTIONS.map(() => '—').join(' | ')} | — |`);
        continue;
      }
      const cases = MOTIONS.map((m) => r.cases.find((c) => c.texture === texture && c.motion === m.id)!);
      rows.push(`| ${sizeLabel(s)} | ${label} | ${cases.map((c) => `${c.epe.toFixed(3)} / ${c.aae.toFixed(2)}°`).join(' | ')} | ${mean(cases.map((c) => c.epe)).toFixed(3)} / ${mean(cases.map((c) => c.aae)).toFixed(2)}° |`);
    }
  }
  return [head, rule, ...rows].join('\n');
}

/** Largest difference in EPE between the WebGL and WASM runs of the same preset, pair and size. */
function backendAgreement(results: Results, sizes: readonly (readonly [number, number])[]): number {
  let worst = 0;
  for (const p of PRESETS) {
    for (const s of sizes) {
      const [a, b] = [results[`${p.id}-webgl`]?.[sizeKey(s)], results[`${p.id}-wasm`]?.[sizeKey(s)]];
      if (!isRun(a) || !isRun(b)) continue;
      for (const c of a.cases) worst = Math.max(worst, Math.abs(c.epe - b.cases.find((d) => d.motion === c.motion && d.texture === c.texture)!.epe));
    }
  }
  return worst;
}

/**
 * Per size: each of our rows' time as a multiple of Farnebäck's (the median of
 * call-by-call ratios, each against a Farnebäck call timed right after on the
 * same pair), and whether its mean EPE is lower on every background it ran.
 */
function goalTable(results: Results, sizes: readonly (readonly [number, number])[]): string {
  const head = `| Ours | Backend | ${sizes.map(sizeLabel).join(' | ')} |`;
  const rule = `| --- | --- | ${sizes.map(() => '---').join(' | ')} |`;
  const rows = ROWS.filter((r) => r.key !== 'farneback').map((row) => {
    const cells = sizes.map((s) => {
      const [fb, r] = [results['farneback']?.[sizeKey(s)], results[row.key]?.[sizeKey(s)]];
      if (!isRun(fb) || !isRun(r)) return '—';
      const ratio = r.ratio ?? r.millis / fb.millis;
      const worse = texturesOf(r).filter((t) => epeOf(r.cases, t) >= epeOf(fb.cases, t));
      return `${ratio.toFixed(ratio < 10 ? 1 : 0)}× the time, ${worse.length ? `EPE not lower (${worse.join(', ')})` : 'lower EPE'}`;
    });
    return `| ${row.label} | ${row.backend} | ${cells.join(' | ')} |`;
  });
  return [head, rule, ...rows].join('\n');
}

function agreement(worst: number): string {
  // Both compute in IEEE float32 in the same order (SwiftShader included), so identical results are expected.
  if (worst === 0) return "the WebGL runs' flow gave exactly the same EPE on every pair they ran.";
  return `on the same pairs the WebGL runs' EPE differs from them by at most ${worst.toExponential(1)} px.`;
}

/** Every run must have generated the same frames at each size. */
function framesCheck(results: Results, sizes: readonly (readonly [number, number])[]): string {
  const bad = sizes.filter((s) => new Set(ROWS.map((r) => results[r.key]?.[sizeKey(s)]).filter(isRun).map((r) => r.checksum)).size > 1);
  if (bad.length) throw new Error(`the runs generated different frames at ${bad.map(sizeLabel).join(', ')}`);
  return sizes.map((s) => `${sizeLabel(s)} ${ROWS.map((r) => results[r.key]?.[sizeKey(s)]).find(isRun)?.checksum ?? '—'}`).join(', ');
}

interface Load {
  start: number;
  end: number;
}

function report(results: Results, sizes: readonly (readonly [number, number])[], env: Awaited<ReturnType<typeof machine>>, info: Record<string, string>, seconds: number, load: Load, drift: Drift): string {
  const f = FARNEBACK;
  const runs = (keys: (k: string) => boolean): string => {
    const n = ROWS.filter((r) => keys(r.key)).flatMap((r) => sizes.map((s) => results[r.key]?.[sizeKey(s)]).filter(isRun).map((x) => x.runs));
    if (!n.length) return '—';
    return Math.min(...n) === Math.max(...n) ? String(n[0]) : `${Math.min(...n)}–${Math.max(...n)}`;
  };
  return `${START}
## Optical flow: TV-L1 (ours) against OpenCV.js Farnebäck

_Generated by \`npm run bench\` on ${new Date().toISOString()} (${seconds} s). Rewritten on every run._

**What is measured.** Dense flow between two frames, in one headless Chromium, every method on the same frame pairs: ${MOTIONS.map((m) => m.label).join('; ')};
generated by \`framePair\` (seed ${SEED}) on two backgrounds, ${TEXTURES.map((t) => t.label).join(' and ')}, and rounded to 8-bit RGB
(every run generated identical frames: FNV-1a checksums ${framesCheck(results, sizes)}).
Ours is \`opticalFlow\` (\`src/lib/video-nn/flow\`) on tfjs's WebGL and WASM backends with ${PRESETS.length} option presets
(${PRESETS.map((p) => `${p.id} ${JSON.stringify(p.options)}`).join(', ')}; the rest FLOW_DEFAULTS).
OpenCV's is \`cv.calcOpticalFlowFarneback\` (${info['opencv'] ?? 'OpenCV.js'}, from \`@techstark/opencv-js\`) on \`cv.cvtColor\` grey frames with the
parameters of OpenCV's samples: pyr_scale ${f.pyrScale}, levels ${f.levels}, winsize ${f.winsize}, iterations ${f.iterations}, poly_n ${f.polyN}, poly_sigma ${f.polySigma}, flags ${f.flags}
(OpenCV stops its pyramid before a side falls below 32 px, so levels 3 to 5 give the same flow at these sizes).
**Time** is per frame pair, from the 8-bit RGB frames in to the flow read back as floats (\`await flow.data()\`, which waits for WebGL to finish).
The first call is a warm-up (WebGL compiles its shaders there) and not timed; then the remaining pairs, and further rounds over all of them
while less than 1.5 s has been spent; the median is shown (${runs((k) => !k.endsWith('-webgl'))} timed calls per cell). SwiftShader's WebGL takes seconds per pair,
so the WebGL rows run only the four fine-texture pairs (${runs((k) => k.endsWith('-webgl'))} timed calls per cell). All runs share one page; at each size
Farnebäck runs before and after our rows and its two timings are pooled.
**EPE** (average endpoint error, px) and **AAE** (average angular error) are against the generated truth on the pixels its mask marks
checkable; "EPE fine" and "EPE framePair" average the four motions on each background.

**Machine.** ${env.cpu}, ${env.cores} cores, ${env.ramGB} GiB RAM; ${env.os}; Chromium ${env.chromium}; tfjs ${info['tfjs'] ?? '?'}.
WebGL renderer: ${info['webglRenderer'] ?? '?'}. tfjs WASM: SIMD ${info['wasmSimd'] === 'true' ? 'on' : 'off'}, threads ${info['wasmThreads'] === 'true' ? 'on' : 'off'}.
Load average (1 min) ${load.start.toFixed(1)} at the start, ${load.end.toFixed(1)} at the end${load.start > env.cores || load.end > env.cores ? ': other work shared the cores, so times are inflated and noisy' : ''}.
Farnebäck's median before → after each size's block (how much the load moved meanwhile): ${Object.entries(drift).map(([k, [a, b]]) => `${k.replace('x', '×')} ${ms(a)} → ${ms(b)} ms`).join(', ') || '—'}.

${summaryTable(results, sizes)}

### Against the goal (lower EPE than Farnebäck at no more time per frame)

"× the time" is the median, over our timed calls, of each call's time over that of one Farnebäck call on the same pair run right
after it, so a change in the machine's load cancels out of it (dividing the table's medians instead can be off by a few times on a busy machine).
"Lower EPE" means a lower mean EPE than Farnebäck's on every background the row ran.

${goalTable(results, sizes)}

### Error per motion (EPE px / AAE), fine texture

Our rows are the WASM runs; ${agreement(backendAgreement(results, sizes))}

${caseTable(results, sizes, 'fine')}

### Error per motion (EPE px / AAE), framePair's texture

${caseTable(results, sizes, 'framepair')}

**Notes.** WebGL here is SwiftShader, a CPU emulation of a GPU (see the renderer above): its times are not GPU times, and on a
real GPU each of TV-L1's many small passes costs far less. On WASM every tfjs operation pays for an allocation and a dispatch, and
TV-L1 runs about 17 of them per iteration, (levels × warps × iterations) times, against Farnebäck's single compiled call.
framePair's texture gets smoother as the frame grows; where Farnebäck's EPE on it comes close to the mean true motion, it has found
almost no motion (a 5-pixel polynomial fit sees too little structure), while TV-L1's smoothness term carries flow in from the
textured parts. The fine texture, with the same detail at every size, is the fairer comparison.
${END}`;
}

async function main() {
  const { values: opt } = parseArgs({ options: { help: { type: 'boolean', short: 'h' }, 'no-readme': { type: 'boolean' }, sizes: { type: 'string' } } });
  if (opt.help) {
    console.log(HELP);
    return;
  }
  const sizes = opt.sizes
    ? opt.sizes.split(',').map((s) => {
        const m = /^(\d+)x(\d+)$/.exec(s.trim());
        if (!m || Number(m[1]) < 32 || Number(m[2]) < 32) throw new Error(`--sizes: expected WIDTHxHEIGHT (each ≥ 32), got "${s}"`);
        return [Number(m[1]), Number(m[2])] as const;
      })
    : FLOW_SIZES;
  const began = Date.now();
  const loadStart = os.loadavg()[0]!;
  const { results, info, chromium: version, drift } = await measure(sizes);
  const load = { start: loadStart, end: os.loadavg()[0]! };
  const seconds = Math.round((Date.now() - began) / 1000);
  await fs.writeFile(path.join(OUT, 'results.json'), JSON.stringify({ date: new Date().toISOString(), seconds, load, drift, info, results }, null, 2));
  const env = await machine(version);
  const text = report(results, sizes, env, info, seconds, load, drift);
  console.log(`\n${summaryTable(results, sizes)}\n\n${goalTable(results, sizes)}\n`);
  if (!opt['no-readme']) await writeReadme('bench/README.md', text, START, END);
}

main().catch((error) => {
  console.error(`bench:flow: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
