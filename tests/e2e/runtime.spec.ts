/**
 * The TensorFlow.js runtime: WebGL in Chromium, WASM when WebGL is off, binaries
 * from the site's own origin, and no tfjs at all on a page that does not need it.
 */
import { test, expect, chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH, NO_WEBGL_ARGS } from '../../scripts/chromium.mjs';
import { runRuntimeCheck, watchProblems } from './helpers';

async function runtimePanel(page: Page, url: string) {
  await page.goto(url);
  return runRuntimeCheck(page);
}

test('picks WebGL in Chromium and every backend passes its self-test', async ({ page, baseURL }) => {
  const problems = watchProblems(page);
  const wasmRequests: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('.wasm')) wasmRequests.push(r.url());
  });
  const panel = await runtimePanel(page, '/system-check/');
  await expect(panel).toHaveAttribute('data-backend', 'webgl');
  await expect(panel.locator('.vnn-rs-status')).toContainText('run on WebGL (GPU)');
  expect(await page.locator('html').getAttribute('data-vnn-backend')).toBe('webgl');
  for (const backend of ['webgl', 'wasm', 'cpu']) {
    const row = panel.locator(`tr[data-backend="${backend}"]`);
    await expect(row).toContainText('Correct');
    expect(Number(await row.getAttribute('data-max-error'))).toBeLessThan(1e-4);
    // A tiny model built from its spec in the browser gives the CPU's output.
    expect(Number(await row.getAttribute('data-model-diff'))).toBeLessThanOrEqual(1e-4);
  }
  expect(Number(await panel.locator('tr[data-backend="cpu"]').getAttribute('data-model-diff'))).toBe(0);
  // The WASM binary came from this site, not a CDN.
  expect(wasmRequests.length).toBeGreaterThan(0);
  for (const url of wasmRequests) expect(url.startsWith(`${baseURL}/_astro/`)).toBe(true);
  expect(problems).toEqual([]);
});

test('falls back to WASM, and says so, when WebGL is disabled', async ({ baseURL }) => {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...NO_WEBGL_ARGS] });
  try {
    const page = await browser.newPage({ baseURL: baseURL! });
    const problems = watchProblems(page);
    const panel = await runtimePanel(page, '/system-check/');
    await expect(panel).toHaveAttribute('data-backend', 'wasm');
    await expect(panel.locator('.vnn-rs-status')).toContainText('WebGL is not available');
    await expect(panel.locator('tr[data-backend="webgl"]')).toContainText('Not available');
    await expect(panel.locator('tr[data-backend="wasm"]')).toContainText('Correct');
    expect(problems).toEqual([]);
  } finally {
    await browser.close();
  }
});

test('a reader can ask for a backend with ?backend=, and a bad value is explained', async ({ page }) => {
  let panel = await runtimePanel(page, '/system-check/?backend=cpu');
  await expect(panel).toHaveAttribute('data-backend', 'cpu');
  panel = await runtimePanel(page, '/system-check/?backend=%3Cb%3Egpu');
  await expect(panel).toHaveAttribute('data-backend', 'webgl');
  await expect(panel.locator('.vnn-notes li')).toContainText('Ignored backend “<b>gpu”');
});

test('TensorFlow.js is loaded lazily: only when asked, and never by a chapter without model widgets', async ({ page }) => {
  const seen = new Set<string>();
  page.on('request', (r) => {
    if (r.resourceType() === 'script') seen.add(new URL(r.url()).pathname);
  });
  const take = () => {
    const list = [...seen];
    seen.clear();
    return list;
  };
  await page.goto('/system-check/');
  await page.waitForLoadState('networkidle');
  take();
  expect(await page.locator('html').getAttribute('data-vnn-backend')).toBeNull();
  await runRuntimeCheck(page);
  const tfChunks = take();
  expect(tfChunks.length, 'asking for the check loads the tfjs chunks').toBeGreaterThan(0);

  await page.goto('/chapters/images-to-video/');
  await page.waitForLoadState('networkidle');
  await page.mouse.wheel(0, 20_000);
  await page.waitForTimeout(500);
  const chapter = take();
  expect(chapter.filter((s) => tfChunks.includes(s))).toEqual([]);
  expect(await page.locator('html').getAttribute('data-vnn-backend')).toBeNull();
});
