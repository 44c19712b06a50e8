/**
 * /models/: lists every shipped model and runs one in the browser; a corrupted
 * weight shard or a missing manifest is reported in an alert that names the file,
 * while the rest of the page (other models, a retry) keeps working.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { openInTheme, watchProblems } from './helpers';

const WEIGHTS = path.resolve('dist/weights');
/** The manifests the built site serves (public/weights as it was at build time). */
const shipped = readdirSync(WEIGHTS)
  .filter((id) => existsSync(path.join(WEIGHTS, id, 'manifest.json')))
  .map((id) => JSON.parse(readFileSync(path.join(WEIGHTS, id, 'manifest.json'), 'utf8')) as { modelId: string; title: string; dataset: { classes: string[] } });

const runner = (page: Page, id: string) => page.locator(`section.vnn-model[data-model-id="${id}"] vnn-model-runner`);

/** Presses Run and waits until the runner has either a result or an error. */
async function run(page: Page, id: string) {
  const r = runner(page, id);
  await r.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(r).toHaveAttribute('data-state', /^(done|error)$/, { timeout: 60_000 });
  return r;
}

/** Axe-clean, no sideways scrolling at 375 px, and screenshots at both widths, in the state the page is in now. */
async function checkLayout(page: Page, name: string) {
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`)).toEqual([]);
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: `test-results/screenshots/${name}-1280.png`, fullPage: true });
  await page.setViewportSize({ width: 375, height: 800 });
  await page.waitForTimeout(100);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 'sideways scrolling at 375 px').toBeLessThanOrEqual(0);
  await page.screenshot({ path: `test-results/screenshots/${name}-375.png`, fullPage: true });
  await page.setViewportSize(size);
}

async function expectPrediction(page: Page, id: string) {
  const r = runner(page, id);
  await expect(r).toHaveAttribute('data-state', 'done');
  const classes = shipped.find((m) => m.modelId === id)!.dataset.classes;
  const bars = r.locator('li.vnn-mr-bar');
  await expect(bars).toHaveCount(classes.length);
  const probabilities = (await bars.evaluateAll((items) => items.map((li) => Number(li.getAttribute('data-probability')))));
  expect(probabilities.every((p) => p >= 0 && p <= 1)).toBe(true);
  expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
  // Exactly one class is marked as the truth, in text, and the summary names both.
  await expect(r.locator('li.is-true')).toHaveCount(1);
  await expect(r.locator('li.is-true')).toContainText('true class');
  await expect(r.getByRole('status').filter({ hasText: 'Predicted:' })).toHaveText(/^Predicted: .+ \(\d+%\); true class: .+ — (correct|wrong)\.$/);
  await expect(r.getByRole('img')).toHaveAttribute('aria-label', /frames 1, .* of the \d+-frame clip/);
  await expect(r.getByRole('alert')).toBeEmpty();
  return r;
}

test('lists every shipped model and runs one by keyboard, without loading tfjs before it is asked', async ({ page }) => {
  expect(shipped.length).toBeGreaterThan(0);
  const problems = watchProblems(page);
  await page.goto('/models/');
  await page.waitForLoadState('networkidle');
  const listed = await page.locator('section.vnn-model').evaluateAll((s) => s.map((e) => e.getAttribute('data-model-id')));
  expect(listed.sort()).toEqual(shipped.map((m) => m.modelId).sort());
  for (const m of shipped) {
    const section = page.locator(`section.vnn-model[data-model-id="${m.modelId}"]`);
    await expect(section.getByRole('heading', { level: 3 })).toHaveText(m.title);
    await expect(section).toContainText('Held-out');
    await expect(section).toContainText('parameters');
    await expect(section).toContainText('MACs');
  }
  expect(await page.locator('html').getAttribute('data-vnn-backend'), 'no tfjs before Run').toBeNull();

  // Keyboard only: type a seed, Enter submits.
  const r = runner(page, 'motion_slow_fusion');
  const seed = r.getByRole('spinbutton', { name: 'Clip seed' });
  await seed.focus();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('7');
  await page.keyboard.press('Enter');
  await expect(r).toHaveAttribute('data-state', /^(done|error)$/, { timeout: 60_000 });
  await expectPrediction(page, 'motion_slow_fusion');
  await expect(r.locator('figcaption')).toContainText('Seed 7');
  // The slow-fusion model is 100% on held-out clips; it gets this one right.
  await expect(r.getByRole('status').filter({ hasText: 'Predicted:' })).toContainText('— correct.');

  // New clip: the next seed, by keyboard.
  await r.getByRole('button', { name: 'New clip' }).focus();
  await page.keyboard.press('Enter');
  await expect(r.locator('figcaption')).toContainText('Seed 8', { timeout: 30_000 });
  await expectPrediction(page, 'motion_slow_fusion');
  expect(problems).toEqual([]);
});

test('a seed that is not a whole number gets a note and falls back to the last good one', async ({ page }) => {
  await page.goto('/models/');
  const r = runner(page, 'motion_slow_fusion');
  const seed = r.getByRole('spinbutton', { name: 'Clip seed' });
  await seed.fill('1.5');
  await run(page, 'motion_slow_fusion');
  await expect(r.locator('.vnn-notes li')).toHaveText('Ignored seed “1.5”: expected a whole number from 0 to 4,294,967,295. Using 1.');
  await expect(seed).toHaveValue('1');
  await expectPrediction(page, 'motion_slow_fusion');
  await seed.fill('');
  await run(page, 'motion_slow_fusion');
  await expect(r.locator('.vnn-notes li')).toContainText('The seed box is empty or not a number');
  await expect(seed).toHaveValue('1');
  await seed.fill('42');
  await run(page, 'motion_slow_fusion');
  await expect(r.locator('.vnn-notes li')).toHaveCount(0);
  await expect(r.locator('figcaption')).toContainText('Seed 42');
});

test('a corrupted weight shard is refused with a message naming it; other models still run, and a retry works', async ({ page }) => {
  const problems = watchProblems(page);
  const corrupt = readFileSync(path.join(WEIGHTS, 'motion_slow_fusion', 'weights.bin'));
  for (let i = 0; i < corrupt.length; i += 97) corrupt[i] = corrupt[i]! ^ 0xff;
  await page.route('**/weights/motion_slow_fusion/weights.bin', (route) =>
    route.fulfill({ status: 200, contentType: 'application/octet-stream', body: corrupt }),
  );
  await openInTheme(page, '/models/', 'light');
  const bad = await run(page, 'motion_slow_fusion');
  await expect(bad).toHaveAttribute('data-state', 'error');
  const alert = bad.getByRole('alert');
  await expect(alert).toContainText('weights.bin');
  await expect(alert).toContainText('checksum mismatch');
  await expect(bad.locator('.vnn-mr-result')).toBeHidden();

  // The page stays usable: another model runs on the same page.
  await run(page, 'motion_single_frame');
  await expectPrediction(page, 'motion_single_frame');
  await checkLayout(page, 'models-error-and-result-light');

  // With the real file back, Run on the failed model loads it afresh.
  await page.unroute('**/weights/motion_slow_fusion/weights.bin');
  await run(page, 'motion_slow_fusion');
  await expectPrediction(page, 'motion_slow_fusion');
  expect(problems).toEqual([]);
});

test('a missing manifest is reported clearly and can be retried', async ({ page }) => {
  const problems = watchProblems(page);
  const url = '**/weights/motion_single_frame/manifest.json';
  await page.route(url, (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'not here' }));
  await openInTheme(page, '/models/', 'dark');
  const r = await run(page, 'motion_single_frame');
  await expect(r).toHaveAttribute('data-state', 'error');
  await expect(r.getByRole('alert')).toContainText('motion_single_frame/manifest.json: not found (HTTP 404)');
  await expect(r.getByRole('status').filter({ hasText: 'try again' })).toBeVisible();
  await run(page, 'motion_slow_fusion');
  await expectPrediction(page, 'motion_slow_fusion');
  await checkLayout(page, 'models-error-and-result-dark');

  await page.unroute(url);
  await run(page, 'motion_single_frame');
  await expectPrediction(page, 'motion_single_frame');
  // The only problems are the 404 itself and the browser's log line about it.
  const unexpected = problems.filter((p) => !p.includes('404'));
  expect(unexpected).toEqual([]);
  expect(problems.length).toBeGreaterThan(0);
});
