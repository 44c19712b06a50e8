#!/usr/bin/env node
// npm run bench — page weight and Lighthouse scores for every built page.
// See --help. Benchmarks report; they never fail on a missed budget. The exit
// status is non-zero only when the harness itself breaks.
import { spawn } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { startServer } from './bench/server.mjs';
import { findPages, measurePage, normalizePage } from './bench/pages.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';
import { LH_CATEGORIES, LH_VERSION, runLighthouse } from './bench/lighthouse.mjs';
import { block, judge, machine, table, writeReadme } from './bench/report.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'bench/.out');
const DIST = path.join(OUT, 'dist');
const README = path.join(ROOT, 'bench/README.md');
const CHROME = CHROMIUM_PATH;

const HELP = `Usage: npm run bench -- [options]

Builds the site into bench/.out/dist, serves it with a compressing static
server, and for every page (404 excluded) records the compressed bytes
transferred before any interaction (HTML, CSS, JS, fonts, other) and the
Lighthouse scores (${LH_CATEGORIES.join(', ')}). Prints a table and rewrites the
block between <!-- bench:pages:start --> and <!-- bench:pages:end --> in
bench/README.md. Raw data goes to bench/.out/ (results.json, lighthouse/*.json).
Then runs the model benchmark (scripts/bench/models.ts: forward time of each tiny
model on CPU/WASM in Node and WebGL/WASM in Chromium) into its own block, and the
flow benchmark (scripts/bench/flow.ts: our TV-L1 flow on WebGL and WASM against
OpenCV.js's Farnebäck in Chromium, time per frame pair and endpoint error on
generated pairs with known flow) into its own block.

Options:
  --no-build         reuse bench/.out/dist instead of running astro build
  --pages LIST       comma-separated pages, e.g. /,/chapters/images-to-video/
  --no-lighthouse    page weight only
  --runs N           Lighthouse runs per page, median kept (default 1; 3-5 for
                     steadier performance scores on a busy machine)
  --desktop          Lighthouse desktop preset (default: mobile, Lighthouse's default)
  --no-readme        print the table but leave bench/README.md alone
  --port N           serve on port N (default: a free port)
  --no-models        skip the model benchmark
  --only-models      run only the model benchmark
  --no-flow          skip the flow benchmark (the slowest part: minutes)
  --only-flow        run only the flow benchmark
  -h, --help         this text

Environment: CHROMIUM_PATH (default /usr/bin/chromium).`;

function log(...a) {
  console.error('[bench]', ...a);
}

function build() {
  const bin = path.join(ROOT, 'node_modules/.bin');
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(bin, 'astro'), ['build', '--outDir', path.relative(ROOT, DIST)], {
      cwd: ROOT,
      stdio: ['ignore', 2, 2], // keep stdout for the table
      env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}`, ASTRO_TELEMETRY_DISABLED: '1' },
    });
    child.on('error', reject);
    child.on('exit', (code, sig) => (code === 0 ? resolve() : reject(new Error(`astro build failed (${sig ?? `exit ${code}`})`))));
  });
}

async function main() {
  const { values: opt } = parseArgs({
    options: {
      help: { type: 'boolean', short: 'h' },
      'no-build': { type: 'boolean' },
      'no-lighthouse': { type: 'boolean' },
      'no-readme': { type: 'boolean' },
      desktop: { type: 'boolean' },
      pages: { type: 'string' },
      port: { type: 'string' },
      runs: { type: 'string', default: '1' },
      'no-models': { type: 'boolean' },
      'only-models': { type: 'boolean' },
      'no-flow': { type: 'boolean' },
      'only-flow': { type: 'boolean' },
    },
  });
  if (!opt.help && opt['only-models']) return runTsxBench('scripts/bench/models.ts', opt);
  if (!opt.help && opt['only-flow']) return runTsxBench('scripts/bench/flow.ts', opt);
  if (opt.help) {
    console.log(HELP);
    return 0;
  }
  if (!existsSync(CHROME)) throw new Error(`Chromium not found at ${CHROME} (set CHROMIUM_PATH)`);
  const runs = Number(opt.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, got ${opt.runs}`);
  const t0 = Date.now();
  const loadStart = os.loadavg()[0];
  if (loadStart > os.cpus().length) log(`warning: load average ${loadStart.toFixed(1)} on ${os.cpus().length} cores; performance scores will be noisy`);
  const formFactor = opt.desktop ? 'desktop' : 'mobile';

  if (opt['no-build']) {
    if (!existsSync(path.join(DIST, 'index.html'))) throw new Error(`--no-build: no build in ${path.relative(ROOT, DIST)}; run without --no-build first`);
    log(`reusing ${path.relative(ROOT, DIST)}`);
  } else {
    log(`building into ${path.relative(ROOT, DIST)} ...`);
    await build();
    log(`build done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }

  let pages = await findPages(DIST);
  if (opt.pages) {
    const wanted = opt.pages.split(',').filter(Boolean).map(normalizePage);
    const missing = wanted.filter((p) => !pages.includes(p));
    if (missing.length) log(`warning: not in the build, skipped: ${missing.join(', ')}`);
    pages = wanted.filter((p) => pages.includes(p));
  }
  if (!pages.length) throw new Error('no pages to measure');
  log(`${pages.length} page(s): ${pages.join(' ')}`);

  const results = pages.map((page) => ({ page }));
  let server, chromiumVersion;
  try {
    server = await startServer(DIST, { port: opt.port ? Number(opt.port) : 0 });
    log(`serving on ${server.url}`);

    // 1. Page weight (a fresh browser per page).
    const launch = () => chromium.launch({ executablePath: CHROME, headless: true, args: CHROMIUM_ARGS });
    for (const r of results) {
      try {
        r.weight = await measurePage(launch, server.url + r.page);
        chromiumVersion ??= r.weight.chromium;
        const b = r.weight.bytes;
        log(`weight ${r.page}: ${(b.total / 1000).toFixed(1)} KB total, JS ${(b.js / 1000).toFixed(1)} KB, ${r.weight.requests} requests, ${r.weight.loadMs} ms`);
      } catch (err) {
        r.weightError = String(err?.message ?? err).split('\n')[0];
        log(`weight ${r.page}: ERROR ${r.weightError}`);
      }
    }

    // 2. Lighthouse, strictly one page at a time.
    if (!opt['no-lighthouse']) {
      await fs.mkdir(path.join(OUT, 'lighthouse'), { recursive: true });
      const chromeFlags = ['--headless=new', ...CHROMIUM_ARGS.filter((f) => f !== '--headless')];
      for (const r of results) {
        const t = Date.now();
        const lh = await runLighthouse(server.url + r.page, { chromePath: CHROME, chromeFlags, formFactor, runs });
        if (lh.lhr) {
          const name = r.page.replace(/^\/|\/$/g, '').replace(/[^\w.-]+/g, '_') || 'index';
          await fs.writeFile(path.join(OUT, 'lighthouse', `${name}.json`), JSON.stringify(lh.lhr));
          delete lh.lhr;
        }
        r.lighthouse = lh;
        const s = lh.scores ? LH_CATEGORIES.map((c) => `${c} ${lh.scores[c] ?? 'n/a'}`).join(', ') : '';
        const extra = lh.perfRuns?.length > 1 ? `, perf runs ${lh.perfRuns.join('/')}` : '';
        log(`lighthouse ${r.page}: ${s}${extra}${lh.error ? ` ERROR ${lh.error}` : ''} (${((Date.now() - t) / 1000).toFixed(0)} s)`);
      }
    }
  } finally {
    if (server) await server.close();
  }

  // 3. Report.
  const seconds = Math.round((Date.now() - t0) / 1000);
  const env = await machine(chromiumVersion);
  env.load = [loadStart, os.loadavg()[0]].map((x) => x.toFixed(1));
  const lhInfo = opt['no-lighthouse'] ? null : { version: results.find((r) => r.lighthouse?.version)?.lighthouse.version ?? LH_VERSION, formFactor, runs };
  const enc = server.stats.encodings;
  const encodings = `brotli quality 11 when the browser accepts it, else gzip level 9; this run served ${Object.entries(enc)
    .map(([k, v]) => `${v}× ${k}`)
    .join(', ')}`;
  const date = new Date().toISOString();
  await fs.mkdir(OUT, { recursive: true });
  await fs.writeFile(path.join(OUT, 'results.json'), JSON.stringify({ date, seconds, env, formFactor, runs, results }, null, 2));

  console.log(`\nPage weight (compressed KB) and Lighthouse ${lhInfo ? `${lhInfo.version}, ${formFactor}` : '(not run)'} — ${date}, ${seconds} s\n`);
  console.log(table(results));
  const over = results.filter((r) => !judge(r).ok);
  console.log(`\n${results.length - over.length} of ${results.length} pages within budget.`);
  if (!opt['no-readme']) {
    await writeReadme(README, block({ results, env, date, seconds, lh: lhInfo, encodings }));
    console.log(`Wrote ${path.relative(ROOT, README)}; raw data in ${path.relative(ROOT, OUT)}/.`);
  }
  const models = opt['no-models'] ? 0 : await runTsxBench('scripts/bench/models.ts', opt);
  const flow = opt['no-flow'] ? 0 : await runTsxBench('scripts/bench/flow.ts', opt);
  return models || flow;
}

/** The model and flow benchmarks are TypeScript over the library, so each runs under tsx in its own process. */
function runTsxBench(script, opt) {
  const args = [script, ...(opt['no-readme'] ? ['--no-readme'] : [])];
  return new Promise((resolve, reject) => {
    const child = spawn('tsx', args, { cwd: ROOT, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error('[bench] harness failed:', err?.stack ?? err);
    process.exit(1);
  },
);
