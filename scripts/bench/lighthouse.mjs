// Lighthouse scores through the Node API, one fresh Chromium per run; with
// several runs per page, Lighthouse's own median run is kept.
import { createRequire } from 'node:module';
import lighthouse, { desktopConfig } from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { computeMedianRun, filterToValidRuns } from 'lighthouse/core/lib/median-run.js';

export const LH_CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const METRICS = {
  FCP: 'first-contentful-paint',
  LCP: 'largest-contentful-paint',
  TBT: 'total-blocking-time',
  CLS: 'cumulative-layout-shift',
  SI: 'speed-index',
};
export const LH_VERSION = createRequire(import.meta.url)('lighthouse/package.json').version;

/** One Lighthouse run in a fresh Chromium: { lhr } or { error }. Never throws. */
async function runOnce(url, { chromePath, chromeFlags, formFactor }) {
  let chrome;
  try {
    chrome = await chromeLauncher.launch({ chromePath, chromeFlags, logLevel: 'silent' });
    const flags = { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: LH_CATEGORIES, maxWaitForLoad: 90_000 };
    const result = await lighthouse(url, flags, formFactor === 'desktop' ? desktopConfig : undefined);
    return result?.lhr ? { lhr: result.lhr } : { error: 'Lighthouse returned no result' };
  } catch (err) {
    return { error: String(err?.message ?? err).split('\n')[0] };
  } finally {
    if (chrome) await Promise.resolve(chrome.kill()).catch(() => {});
  }
}

/**
 * Run Lighthouse `runs` times on one URL and keep Lighthouse's own median run
 * (by FCP and TTI). Never throws: returns { scores, metrics, failing, lhr,
 * perfRuns, benchmarkIndex } or { error }. Scores are 0-100, null if none.
 */
export async function runLighthouse(url, { runs = 1, ...opts }) {
  const done = [];
  for (let i = 0; i < runs; i++) done.push(await runOnce(url, opts));
  const valid = filterToValidRuns(done.filter((d) => d.lhr).map((d) => d.lhr));
  const lhr = valid.length ? computeMedianRun(valid) : done.findLast((d) => d.lhr)?.lhr;
  if (!lhr) return { error: done.at(-1).error };
  const score = (l, c) => (typeof l.categories[c]?.score === 'number' ? Math.round(l.categories[c].score * 100) : null);
  const scores = Object.fromEntries(LH_CATEGORIES.map((c) => [c, score(lhr, c)]));
  const metrics = {};
  for (const [key, id] of Object.entries(METRICS)) {
    const a = lhr.audits[id];
    if (a?.displayValue) metrics[key] = a.displayValue;
  }
  const error = lhr.runtimeError ? `${lhr.runtimeError.code}: ${lhr.runtimeError.message}` : undefined;
  return {
    scores,
    metrics,
    failing: failingAudits(lhr),
    lhr,
    error,
    perfRuns: done.map((d) => (d.lhr ? score(d.lhr, 'performance') : null)),
    benchmarkIndex: Math.round(lhr.environment?.benchmarkIndex ?? 0) || null,
    warnings: lhr.runWarnings ?? [],
    version: lhr.lighthouseVersion,
    formFactor: lhr.configSettings.formFactor,
  };
}

/** Per category: the audits that cost points, worst first (short, for the README). */
function failingAudits(lhr) {
  const out = {};
  for (const c of LH_CATEGORIES) {
    const cat = lhr.categories[c];
    if (!cat) continue;
    const list = [];
    for (const ref of cat.auditRefs) {
      const a = lhr.audits[ref.id];
      if (!a || a.score === null || a.score === undefined) continue;
      if (a.scoreDisplayMode === 'informative' || a.scoreDisplayMode === 'notApplicable' || a.scoreDisplayMode === 'manual') continue;
      const isMetric = ref.group === 'metrics';
      // Metrics count when below "good"; other audits when they fail outright
      // (or, for perf opportunities, when Lighthouse flags them).
      if (isMetric ? a.score >= 0.9 : a.score >= (c === 'performance' ? 0.9 : 1)) continue;
      if (!isMetric && ref.weight === 0 && c !== 'performance') continue;
      if (/savings of 0\s*(ms|KiB|B)\b/i.test(a.displayValue ?? '')) continue; // nothing to gain
      const items = a.details?.items?.length;
      list.push({
        id: a.id,
        title: a.title,
        score: a.score,
        weight: ref.weight,
        metric: isMetric,
        displayValue: a.displayValue ?? (items ? `${items} item${items === 1 ? '' : 's'}` : ''),
      });
    }
    list.sort((x, y) => y.weight * (1 - y.score) - x.weight * (1 - x.score) || x.score - y.score);
    out[c] = list;
  }
  return out;
}
