// Page discovery and page-weight measurement (compressed bytes on the wire,
// before any interaction) with playwright-core's Chromium over CDP.
import { promises as fs } from 'node:fs';
import path from 'node:path';

const SKIP_DIRS = new Set(['_astro', 'pagefind', '_pagefind']);

/** Every built page as a URL path ('/', '/chapters/x/', '/foo.html'), 404 excluded. */
export async function findPages(root) {
  const pages = [];
  async function walk(dir, rel) {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    for (const e of entries) {
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('pagefind')) await walk(path.join(dir, e.name), `${rel}${e.name}/`);
      } else if (e.isFile() && e.name.endsWith('.html')) {
        if (rel === '/' && e.name === '404.html') continue;
        pages.push(e.name === 'index.html' ? rel : rel + e.name);
      }
    }
  }
  await walk(root, '/');
  return pages.sort((a, b) => (a === '/' ? -1 : b === '/' ? 1 : a.localeCompare(b)));
}

/** '/chapters/x' or 'chapters/x/' -> '/chapters/x/' (unless it names a .html file). */
export function normalizePage(p) {
  p = p.trim();
  if (!p.startsWith('/')) p = '/' + p;
  if (!p.endsWith('/') && !p.endsWith('.html')) p += '/';
  return p;
}


export const CATEGORIES = ['html', 'css', 'js', 'fonts', 'other'];

function classify(type, mimeType, url) {
  const mime = (mimeType || '').toLowerCase();
  const ext = path.extname(new URL(url).pathname).toLowerCase();
  if (type === 'Document' || mime === 'text/html') return 'html';
  if (type === 'Stylesheet' || mime === 'text/css') return 'css';
  if (type === 'Script' || /javascript|ecmascript/.test(mime)) return 'js';
  if (type === 'Font' || mime.startsWith('font/') || ['.woff', '.woff2', '.ttf', '.otf'].includes(ext)) return 'fonts';
  return 'other';
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Wait until the page has settled without interaction: the main thread has
 * been idle (requestIdleCallback, so work deferred to idle time, such as
 * Starlight loading Pagefind's UI, has started) and then no request has been
 * in flight for QUIET_MS; repeat while a round started new requests.
 * Playwright's 'networkidle' alone is racy on a busy machine: deferred
 * loads can start after it fires. Returns false if MAX_MS ran out first.
 */
const QUIET_MS = 1000;
const MAX_MS = 45_000;
async function settle(page, inflight, net) {
  const end = performance.now() + MAX_MS;
  for (let round = 0; round < 10; round++) {
    const before = net.count;
    await page
      .evaluate(() => new Promise((r) => (window.requestIdleCallback ?? ((f) => setTimeout(f, 50)))(() => r(), { timeout: 5000 })))
      .catch(() => {});
    for (;;) {
      if (performance.now() > end) return false;
      if (inflight.size === 0 && performance.now() - net.last >= QUIET_MS) break;
      await sleep(50);
    }
    if (net.count === before) return true;
  }
  return false;
}

/**
 * Load `url` in a fresh browser (empty cache; Chromium fetches the favicon
 * only once per browser, so a shared browser would count it on one page
 * only), let it settle (see settle), and total encodedDataLength (bytes on the
 * wire, headers included) per type.
 */
export async function measurePage(launch, url) {
  const browser = await launch();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    const consoleErrors = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    const cdp = await context.newCDPSession(page);
    const responses = new Map();
    const finished = [];
    const failed = [];
    // In-flight tracking for our own "settled" test (see settle below).
    const inflight = new Set();
    const net = { last: performance.now(), count: 0 };
    const touch = () => (net.last = performance.now());
    cdp.on('Network.requestWillBeSent', (e) => {
      inflight.add(e.requestId);
      net.count++;
      touch();
    });
    const done = (e) => {
      inflight.delete(e.requestId);
      touch();
    };
    cdp.on('Network.loadingFinished', done);
    cdp.on('Network.loadingFailed', done);
    cdp.on('Network.responseReceived', (e) => {
      responses.set(e.requestId, { type: e.type, mimeType: e.response.mimeType, url: e.response.url, status: e.response.status });
    });
    cdp.on('Network.loadingFinished', (e) => finished.push({ requestId: e.requestId, bytes: e.encodedDataLength }));
    cdp.on('Network.loadingFailed', (e) => failed.push({ requestId: e.requestId, error: e.errorText, canceled: e.canceled }));
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });

    const t0 = performance.now();
    const res = await page.goto(url, { waitUntil: 'load', timeout: 90_000 });
    const settled = await settle(page, inflight, net);
    const loadMs = performance.now() - t0;
    await page.waitForTimeout(100); // let trailing CDP events arrive

    const bytes = Object.fromEntries(CATEGORIES.map((c) => [c, 0]));
    const resources = [];
    for (const { requestId, bytes: n } of finished) {
      const r = responses.get(requestId);
      if (!r || !/^https?:/.test(r.url)) continue;
      const category = classify(r.type, r.mimeType, r.url);
      bytes[category] += n;
      resources.push({ url: r.url, type: r.type, mimeType: r.mimeType, status: r.status, category, bytes: n });
    }
    bytes.total = CATEGORIES.reduce((s, c) => s + bytes[c], 0);
    const errors = resources.filter((r) => r.status >= 400).map((r) => `${r.status} ${r.url}`);
    for (const f of failed) {
      if (!f.canceled) errors.push(`${f.error} ${responses.get(f.requestId)?.url ?? f.requestId}`);
    }
    await cdp.detach().catch(() => {});
    return {
      status: res?.status() ?? null,
      bytes,
      jsBytes: bytes.js,
      requests: resources.length,
      resources: resources.sort((a, b) => b.bytes - a.bytes),
      errors,
      consoleErrors,
      loadMs: Math.round(loadMs),
      settled,
      chromium: browser.version(),
    };
  } finally {
    await browser.close().catch(() => {});
  }
}
