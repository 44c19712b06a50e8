#!/usr/bin/env tsx
// Model benchmark: forward time per clip of every tiny model variant on CPU and
// WASM in Node and on WebGL and WASM in Chromium, with its MACs and the achieved
// GMAC/s. Run by `npm run bench` (or alone: `tsx scripts/bench/models.ts --help`).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { build as esbuild } from 'esbuild';
import { chromium } from 'playwright-core';
import { TINY_VARIANTS } from '../../src/lib/video-nn/catalogue/tiny';
import { analyze } from '../../src/lib/video-nn/analysis/analyze';
import { gmacPerSecond } from '../../src/lib/video-nn/runtime/timing';
import { benchModels, timeAllVariants, type VariantTiming } from './modelTiming';
import type { TrainingManifest } from '../../src/lib/video-nn/training/manifest';
import { findTrainable } from '../../src/lib/video-nn/training/registry';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium.mjs';
import { startServer } from './server.mjs';
import { machine, writeReadme } from './report.mjs';

const START = '<!-- bench:models:start -->';
const END = '<!-- bench:models:end -->';
const OUT = path.resolve('bench/.out/models');
const BACKENDS = [
  { key: 'node-cpu', label: 'CPU (Node)' },
  { key: 'node-wasm', label: 'WASM (Node)' },
  { key: 'chromium-webgl', label: 'WebGL (Chromium)' },
  { key: 'chromium-wasm', label: 'WASM (Chromium)' },
] as const;

async function browserTimings(shipped: string[]): Promise<Record<string, VariantTiming[]>> {
  await fs.rm(OUT, { recursive: true, force: true });
  await fs.mkdir(path.join(OUT, 'wasm'), { recursive: true });
  await esbuild({ entryPoints: ['scripts/bench/modelsBrowserEntry.ts'], bundle: true, format: 'esm', platform: 'browser', outfile: path.join(OUT, 'bench.js'), logLevel: 'error' });
  const wasmDir = 'node_modules/@tensorflow/tfjs-backend-wasm/dist';
  for (const f of (await fs.readdir(wasmDir)).filter((f) => f.endsWith('.wasm'))) await fs.copyFile(path.join(wasmDir, f), path.join(OUT, 'wasm', f));
  await fs.writeFile(path.join(OUT, 'index.html'), '<!doctype html><meta charset="utf-8"><title>model bench</title><script type="module" src="/bench.js"></script>');
  const server = await startServer(OUT);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const out: Record<string, VariantTiming[]> = {};
    for (const backend of ['webgl', 'wasm']) {
      const page = await browser.newPage();
      await page.goto(`${server.url}/`);
      await page.waitForFunction(() => 'benchModels' in window);
      out[`chromium-${backend}`] = await page.evaluate(
        ([b, ids]) => (window as unknown as { benchModels: (b: string, ids: string[]) => Promise<VariantTiming[]> }).benchModels(b, ids),
        [backend, shipped] as [string, string[]],
      );
      await page.close();
    }
    return out;
  } finally {
    await browser.close();
    await server.close();
  }
}

/** Manifests of the shipped models (public/weights/<id>/manifest.json), in registry order. */
async function shippedManifests(): Promise<TrainingManifest[]> {
  const dir = path.resolve('public/weights');
  const ids = (await fs.readdir(dir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
  const manifests = await Promise.all(ids.map(async (id) => JSON.parse(await fs.readFile(path.join(dir, id, 'manifest.json'), 'utf8')) as TrainingManifest));
  return manifests.filter((m) => findTrainable(m.modelId)).sort((a, b) => a.modelId.localeCompare(b.modelId));
}

function timeCells(timings: Record<string, VariantTiming[]>, id: string): string[] {
  return BACKENDS.map((b) => {
    const t = timings[b.key]?.find((r) => r.id === id);
    if (!t) return '—';
    return t.millis === null ? `error: ${t.error}` : `${t.millis.toFixed(t.millis < 10 ? 2 : 1)} ms`;
  });
}

function minutes(seconds: number): string {
  return seconds >= 60 ? `${Math.floor(seconds / 60)} min ${String(Math.round(seconds % 60)).padStart(2, '0')} s` : `${seconds.toFixed(0)} s`;
}

function shippedTable(manifests: TrainingManifest[], timings: Record<string, VariantTiming[]>): string {
  const head = `| Model | Dataset | Params | Weights | MACs | Held-out accuracy | ${BACKENDS.map((b) => b.label).join(' | ')} | Training |`;
  const rule = `| --- | --- | --: | --: | --: | --: | ${BACKENDS.map(() => '--:').join(' | ')} | --: |`;
  const rows = manifests.map((m) => {
    const bytes = m.shards.reduce((a, s) => a + s.bytes, 0);
    const mAP = (m.test as { mAP50?: number }).mAP50;
    const acc = mAP !== undefined ? `mAP@0.5 ${mAP.toFixed(3)}` : `${(100 * m.test.accuracy).toFixed(1)}%`;
    return `| \`${m.modelId}\` | ${m.dataset.id} | ${m.params.toLocaleString('en-US')} | ${(bytes / 1024).toFixed(1)} KiB | ${(m.macs / 1e6).toFixed(2)} M | ${acc} (${m.test.count}) | ${timeCells(timings, m.modelId).join(' | ')} | ${minutes(m.training.seconds)}, ${m.training.epochsRun} epochs |`;
  });
  const total = manifests.reduce((a, m) => a + m.shards.reduce((b, s) => b + s.bytes, 0), 0);
  return [head, rule, ...rows, '', `All shipped weights: ${(total / 1024).toFixed(1)} KiB in ${manifests.length} models.`].join('\n');
}

function table(timings: Record<string, VariantTiming[]>): string {
  const head = `| Model | Design | Input (T×H×W) | Params | MACs | ${BACKENDS.map((b) => b.label).join(' | ')} | Best GMAC/s |`;
  const rule = `| --- | --- | --- | --: | --: | ${BACKENDS.map(() => '--:').join(' | ')} | --: |`;
  const rows = TINY_VARIANTS.map((v) => {
    const spec = v.spec();
    const { totals } = analyze(spec);
    const input = spec.defaultInput;
    const cells = BACKENDS.map((b) => {
      const t = timings[b.key]?.find((r) => r.id === v.id);
      if (!t) return '—';
      return t.millis === null ? `error: ${t.error}` : `${t.millis.toFixed(t.millis < 10 ? 2 : 1)} ms`;
    });
    const best = Math.min(...BACKENDS.map((b) => timings[b.key]?.find((r) => r.id === v.id)?.millis ?? Infinity));
    const gmacs = Number.isFinite(best) ? gmacPerSecond(totals.macs, best).toFixed(2) : '—';
    return `| \`${v.id}\` | ${v.design} | ${input.frames}×${input.height}×${input.width} | ${totals.params.toLocaleString('en-US')} | ${(totals.macs / 1e6).toFixed(2)} M | ${cells.join(' | ')} | ${gmacs} |`;
  });
  return [head, rule, ...rows].join('\n');
}

async function main() {
  const { values: opt } = parseArgs({ options: { help: { type: 'boolean' }, 'no-browser': { type: 'boolean' }, 'no-readme': { type: 'boolean' } } });
  if (opt.help) {
    console.log('usage: tsx scripts/bench/models.ts [--no-browser] [--no-readme]\n  Times each tiny model variant (batch of one clip) on CPU and WASM in Node and WebGL and WASM in Chromium.');
    return;
  }
  const began = Date.now();
  const timings: Record<string, VariantTiming[]> = {};
  const manifests = await shippedManifests();
  const shipped = manifests.map((m) => m.modelId);
  for (const backend of ['cpu', 'wasm']) {
    console.log(`[bench:models] Node ${backend}…`);
    timings[`node-${backend}`] = await timeAllVariants(tf, backend, benchModels(shipped));
  }
  if (!opt['no-browser']) {
    console.log('[bench:models] Chromium webgl and wasm…');
    Object.assign(timings, await browserTimings(shipped));
  }
  const env = await machine(null);
  const text = `${START}
## Model inference

_Generated by \`npm run bench\` on ${new Date().toISOString()} (${Math.round((Date.now() - began) / 1000)} s). Rewritten on every run._

Forward time for one clip (batch of one, inference mode) of each tiny variant in \`src/lib/video-nn/catalogue/tiny.ts\`,
built by \`build(spec)\` with seeded weights: one warm-up pass, then passes until at least 5 runs and 0.8 s; the median is shown.
MACs are the library's analysis (multiply-accumulates of convs, linear layers and attention products; FLOPs = 2 × MACs).
"Best GMAC/s" is MACs divided by the fastest backend's time. Node runs use tfjs-core's CPU and WASM backends; Chromium
runs use WebGL through SwiftShader (a software GPU: real GPUs are much faster) and WASM, in headless Chromium.

**Machine.** ${env.cpu}, ${env.cores} cores, ${env.ramGB} GiB RAM; ${env.os}; Node ${env.node}.

${table(timings)}

### Shipped trained models

Each model in \`public/weights/\`: its weight file size, MACs per clip, the held-out accuracy recorded in its manifest
(test clips in brackets; regenerated and re-checked by the unit tests), the forward time per clip on each backend
(measured as above), and the training time and epochs its manifest records (\`npm run train -- <id>\`, tfjs CPU
backend in Node on this machine). Most of these runs shared the machine's two cores with two to five other
trainings, so their times are as recorded, not what one run takes alone.

${shippedTable(manifests, timings)}
${END}`;
  console.log(`\n${table(timings)}\n\n${shippedTable(manifests, timings)}\n`);
  if (!opt['no-readme']) await writeReadme('bench/README.md', text, START, END);
}

main().catch((error) => {
  console.error(`bench:models: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
