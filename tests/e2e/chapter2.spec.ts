/**
 * Chapter 2's figure, fusion strategies compared (<vnn-fusion>): the table and
 * diagram answer pointer and keyboard with the library's analysis of the same
 * specs (and the chapter's hand-worked example); the four trained models are
 * measured on freshly generated clips with exactly the counts the library's
 * evaluation gives in Node for the same seed; a corrupt weight file is
 * reported and can be retried; the embed honours its query; axe, themes,
 * narrow screens and reduced motion.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect, type Locator, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { analyze } from '../../src/lib/video-nn/analysis/analyze';
import { fusion, type FusionKind } from '../../src/lib/video-nn/spec/teaching';
import { findTrainable } from '../../src/lib/video-nn/training/registry';
import { predictSplit } from '../../src/lib/video-nn/training/evaluate';
import type { LoadedModel } from '../../src/lib/video-nn/models/loadModel';
import { loadTrained } from '../../scripts/train/manifest';
import { openInTheme, watchProblems } from './helpers';

const CHAPTER = '/chapters/temporal-fusion/';
const MODELS: Record<FusionKind, string> = { single: 'motion4_single_frame', late: 'motion4_late_fusion', early: 'motion4_early_fusion', slow: 'motion4_c3d' };
const KINDS = Object.keys(MODELS) as FusionKind[];
const manifest = (id: string) => JSON.parse(readFileSync(path.join('public/weights', id, 'manifest.json'), 'utf8')) as { test: { accuracy: number; count: number } };

/** The rows the table must show: the library's analysis of the same spec, window layers and where spatial processing ends. */
function expectedTable(kind: FusionKind, net: 'example' | 'trained') {
  const spec = net === 'example' ? fusion({ kind }) : findTrainable(MODELS[kind])!.spec();
  const rows = analyze(spec).rows;
  const shown = rows.filter((r, i) => ['conv3d', 'maxPool3d', 'globalAvgPool'].includes(r.kind) || (r.kind === 'linear' && rows[i - 1]!.receptiveField.temporal !== r.receptiveField.temporal));
  return shown.map((r) => ({ name: r.name, shape: r.outputShape.join('×'), temporal: String(r.receptiveField.temporal), spatial: String(r.receptiveField.spatial) }));
}

async function readTable(widget: Locator) {
  return widget.locator('table.vnn-fu-table tbody tr').evaluateAll((rows) =>
    rows.map((tr) => ({
      name: tr.getAttribute('data-layer'),
      shape: tr.querySelector('[data-col="shape"]')!.textContent,
      temporal: tr.querySelector('[data-col="temporal"]')!.textContent,
      spatial: tr.querySelector('[data-col="spatial"]')!.textContent,
    })),
  );
}

// The library's evaluation in Node (CPU backend), on the same split, seed and count as the page.
let models: Promise<Map<FusionKind, LoadedModel>> | undefined;
function loadModels() {
  models ??= (async () => {
    await tf.setBackend('cpu');
    const entries = await Promise.all(KINDS.map(async (k) => [k, await loadTrained(path.join('public/weights', MODELS[k]))] as const));
    return new Map(entries);
  })();
  return models;
}
async function expectedCorrect(seed: number, clips: number): Promise<Record<FusionKind, number>> {
  const loaded = await loadModels();
  const out = {} as Record<FusionKind, number>;
  for (const kind of KINDS) {
    const m = loaded.get(kind)!;
    const { labels, predictions } = predictSplit(m.model, m.entry.dataset(seed), { split: 'test', count: clips });
    out[kind] = labels.reduce((n, label, i) => n + (label === predictions[i] ? 1 : 0), 0);
  }
  return out;
}

async function measured(widget: Locator): Promise<Record<string, { correct: number; count: number }>> {
  const rows = await widget.locator('.vnn-acc-row').evaluateAll((els) =>
    els.map((li) => [li.getAttribute('data-model')!, { correct: Number(li.getAttribute('data-correct')), count: Number(li.getAttribute('data-count')) }] as const),
  );
  return Object.fromEntries(rows);
}

/** Four models on SwiftShader's software WebGL take a while on a busy machine. */
const MEASURE_TIMEOUT = 180_000;

async function waitMeasured(widget: Locator, seed: number) {
  await expect(widget).toHaveAttribute('data-measured-seed', String(seed), { timeout: MEASURE_TIMEOUT });
  await expect(widget).toHaveAttribute('data-state', 'done', { timeout: MEASURE_TIMEOUT });
}

async function expectCounts(widget: Locator, seed: number, clips: number) {
  const shown = await measured(widget);
  const expected = await expectedCorrect(seed, clips);
  for (const kind of KINDS) {
    expect(shown[kind], `${kind}, seed ${seed}`).toEqual({ correct: expected[kind], count: clips });
    // The text states the same count, and the manifest's held-out figure beside it.
    const m = manifest(MODELS[kind]);
    await expect(widget.locator(`.vnn-acc-row[data-model="${kind}"] .vnn-acc-value`)).toHaveText(
      `${((100 * expected[kind]) / clips).toFixed(1)}% (${expected[kind]} of ${clips}); held out ${(100 * m.test.accuracy).toFixed(1)}% of ${m.test.count}`,
    );
  }
}

const widgetOf = (page: Page) => page.locator('vnn-fusion');

test('the table and diagram answer pointer and keyboard with the library’s receptive fields', async ({ page }) => {
  const problems = watchProblems(page);
  const weightRequests: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/weights/')) weightRequests.push(r.url());
  });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(CHAPTER);
  await page.waitForLoadState('networkidle');
  const widget = widgetOf(page);
  await expect(widget.getByRole('button', { name: 'Late fusion' })).toHaveAttribute('aria-pressed', 'true');
  // Far below the fold, the figure has not loaded TensorFlow.js or any weights.
  expect(await page.locator('html').getAttribute('data-vnn-backend')).toBeNull();
  expect(weightRequests).toEqual([]);
  await expect(widget).toHaveAttribute('data-state', 'idle');

  // Default: the worked example, late fusion — the chapter's 1, 1, 1, 20 and 3, 6, 14, 64, as the library computes them.
  const late = await readTable(widget);
  expect(late).toEqual(expectedTable('late', 'example'));
  expect(late.map((r) => r.temporal)).toEqual(['1', '1', '1', '20']);
  expect(late.map((r) => r.spatial)).toEqual(['3', '6', '14', '64']);
  await expect(widget.locator('tr.is-meeting')).toHaveAttribute('data-layer', 'fc');

  // Pointer: slow fusion — 3, 6, 14 frames; the diagram has 20 + 20 + 5 + 5 + 1 units along time.
  // Scrolling the button into view can start the figure's lazy load, which redraws it under the pointer
  // (one CI run lost a click there); click again until the press registers.
  const slowButton = widget.getByRole('button', { name: 'Slow fusion' });
  await expect(async () => {
    await slowButton.click();
    await expect(slowButton).toHaveAttribute('aria-pressed', 'true', { timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
  const slow = await readTable(widget);
  expect(slow).toEqual(expectedTable('slow', 'example'));
  expect(slow.slice(0, 3).map((r) => [r.temporal, r.spatial])).toEqual([['3', '3'], ['6', '6'], ['14', '14']]);
  await expect(widget.locator('circle.vnn-fu-unit')).toHaveCount(51);
  // The traced unit of conv2 and the 14 input frames it sees are highlighted.
  await expect(widget.locator('svg.vnn-fu-svg')).toHaveAttribute('aria-label', /One unit of conv2 \(highlighted\) sees frames 4 to 17; frames first meet at conv1\./);
  await expect(widget).toHaveAttribute('fusion', 'slow');

  // Keyboard: Enter on Early fusion (20 frames at conv1, spatial 3), then Tab to the network and Space on "Trained model".
  await widget.getByRole('button', { name: 'Early fusion' }).focus();
  await page.keyboard.press('Enter');
  const early = await readTable(widget);
  expect(early).toEqual(expectedTable('early', 'example'));
  expect([early[0]!.temporal, early[0]!.spatial]).toEqual(['20', '3']);
  await expect(widget.locator('circle.vnn-fu-unit')).toHaveCount(24);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(widget.getByRole('button', { name: /Trained model/ })).toBeFocused();
  await page.keyboard.press('Space');
  await expect(widget.getByRole('button', { name: /Trained model/ })).toHaveAttribute('aria-pressed', 'true');
  expect(await readTable(widget)).toEqual(expectedTable('early', 'trained'));
  for (const kind of KINDS) {
    await widget.getByRole('button', { name: { single: 'Single frame', late: 'Late fusion', early: 'Early fusion', slow: 'Slow fusion' }[kind] }).click();
    expect(await readTable(widget), kind).toEqual(expectedTable(kind, 'trained'));
  }
  // State is mirrored in attributes, and the text alternative states the numbers.
  await expect(widget).toHaveAttribute('net', 'trained');
  await expect(widget.locator('.vnn-fu-description')).toHaveText(
    'Slow fusion on the trained model motion4_c3d, input 3×8×32×32 (C×T×H×W): after stage1.conv, stage2.conv, stage3.conv and pool, the temporal receptive field is 3, 5, 8 and 8 frames and the spatial one 3, 7, 15 and 32 pixels. Frames first meet at stage1.conv (conv 3×3×3, stride 1×2×2).',
  );
  expect(problems).toEqual([]);
});

test('measures the four trained models on fresh clips with exactly the library’s counts', async ({ page }) => {
  test.setTimeout(600_000);
  const problems = watchProblems(page);
  await page.goto(CHAPTER);
  const widget = widgetOf(page);
  await widget.scrollIntoViewIfNeeded();
  await waitMeasured(widget, 1);
  expect(await page.locator('html').getAttribute('data-vnn-backend')).not.toBeNull();
  await expectCounts(widget, 1, 64);
  await expect(widget.locator('.vnn-fu-accuracy-text')).toContainText('On 64 fresh clips of 4-way motion direction from seed 1 (chance 25.0%)');

  // Keyboard: 32 clips (arrow key on the select), a new seed, Enter submits.
  const clips = widget.getByRole('combobox', { name: 'Clips' });
  await clips.focus();
  await page.keyboard.press('ArrowUp');
  await expect(clips).toHaveValue('32');
  const seed = widget.getByRole('spinbutton', { name: 'Batch seed' });
  await seed.focus();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('5');
  await page.keyboard.press('Enter');
  await waitMeasured(widget, 5);
  await expectCounts(widget, 5, 32);
  await expect(widget).toHaveAttribute('seed', '5');
  await expect(widget).toHaveAttribute('clips', '32');

  // Pointer: New batch measures the next seed.
  await widget.getByRole('button', { name: 'New batch' }).click();
  await waitMeasured(widget, 6);
  await expectCounts(widget, 6, 32);

  // A seed that is not a whole number is refused with a note; the last good seed is used again.
  await seed.fill('2.5');
  await widget.getByRole('button', { name: 'Measure' }).click();
  await expect(widget.locator('.vnn-notes li')).toHaveText('Ignored seed “2.5”: expected a whole number from 0 to 4,294,967,295. Using 6.');
  await expect(seed).toHaveValue('6');
  await expect(widget).toHaveAttribute('data-state', 'done', { timeout: MEASURE_TIMEOUT });
  await expectCounts(widget, 6, 32);
  expect(problems).toEqual([]);
});

test('a corrupt weight file is named in an alert; the rest keeps working and Try again recovers', async ({ page }) => {
  test.setTimeout(400_000);
  const problems = watchProblems(page);
  const shard = '**/weights/motion4_c3d/weights.bin';
  const corrupt = readFileSync(path.join('public/weights/motion4_c3d/weights.bin'));
  for (let i = 0; i < corrupt.length; i += 101) corrupt[i] = corrupt[i]! ^ 0xff;
  await page.route(shard, (route) => route.fulfill({ status: 200, contentType: 'application/octet-stream', body: corrupt }));
  await page.goto(CHAPTER);
  const widget = widgetOf(page);
  await widget.scrollIntoViewIfNeeded();
  await expect(widget).toHaveAttribute('data-state', 'error', { timeout: MEASURE_TIMEOUT });
  const alert = widget.getByRole('alert');
  await expect(alert).toContainText('Loading motion4_c3d failed');
  await expect(alert).toContainText('weights.bin');
  await expect(alert).toContainText('checksum mismatch');
  await expect(widget.locator('.vnn-acc')).toBeHidden();
  // The analysis half of the figure needs no weights and still answers.
  await widget.getByRole('button', { name: 'Single frame' }).click();
  expect(await readTable(widget)).toEqual(expectedTable('single', 'example'));

  await page.unroute(shard);
  await widget.getByRole('button', { name: 'Try again' }).click();
  await waitMeasured(widget, 1);
  await expect(alert).toBeEmpty();
  await expectCounts(widget, 1, 64);
  expect(problems).toEqual([]);
});

test('the embed page honours its query, keeps the address bar in step, and explains a malformed query', async ({ page }) => {
  test.setTimeout(400_000);
  await page.goto('/embed/fusion/?fusion=early&net=trained&seed=3&clips=32&theme=dark');
  const widget = widgetOf(page);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(widget.getByRole('button', { name: 'Early fusion' })).toHaveAttribute('aria-pressed', 'true');
  await expect(widget.getByRole('button', { name: /Trained model/ })).toHaveAttribute('aria-pressed', 'true');
  expect(await readTable(widget)).toEqual(expectedTable('early', 'trained'));
  await waitMeasured(widget, 3);
  await expectCounts(widget, 3, 32);
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await widget.getByRole('button', { name: 'Late fusion' }).click();
  await expect(page).toHaveURL(/\/embed\/fusion\/\?net=trained&seed=3&clips=32&theme=dark$/);
  await expect(widget.locator('.vnn-notes li')).toHaveCount(0);

  await page.goto('/embed/fusion/?fusion=sideways&clips=7&seed=-2&theme=purple&x=<img>');
  await expect(widget.locator('.vnn-notes li')).toHaveText([
    'Ignored theme “purple”: expected light, dark or auto.',
    'Ignored fusion “sideways”: expected one of single, late, early, slow. Using late.',
    'Ignored clips “7”: expected one of 32, 64, 128, 256. Using 64.',
    'Ignored batch seed “-2”: expected a whole number from 0 to 4,294,967,295. Using 1.',
    'Ignored unknown setting “x”.',
  ]);
  await expect(widget.getByRole('button', { name: 'Late fusion' })).toHaveAttribute('aria-pressed', 'true');
  expect(await readTable(widget)).toEqual(expectedTable('late', 'example'));
  // Nothing from the query became markup.
  await expect(widget.locator('img')).toHaveCount(0);
});

/** The site's sticky header would cover part of a widget's own screenshot. */
const HIDE_HEADER = 'header.header, mobile-starlight-toc { visibility: hidden !important; }';

for (const theme of ['light', 'dark'] as const) {
  test(`axe-clean in ${theme}, fits 375 and 360 px, screenshots`, async ({ page }) => {
    test.setTimeout(400_000);
    await page.setViewportSize({ width: 1280, height: 800 });
    await openInTheme(page, CHAPTER, theme);
    const widget = widgetOf(page);
    await widget.scrollIntoViewIfNeeded();
    await waitMeasured(widget, 1);
    await page.addStyleTag({ content: '.sl-markdown-content > * { content-visibility: visible !important; }' });
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`)).toEqual([]);
    await widget.screenshot({ path: `test-results/screenshots/chapter2-fusion-${theme}-1280.png`, style: HIDE_HEADER });
    await page.screenshot({ path: `test-results/screenshots/chapter2-${theme}-1280.png`, fullPage: true });
    for (const width of [375, 360]) {
      await page.setViewportSize({ width, height: 800 });
      await page.waitForTimeout(200);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), `sideways scrolling at ${width} px`).toBeLessThanOrEqual(0);
      const box = (await widget.locator('.vnn-widget').boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(width);
    }
    await page.setViewportSize({ width: 375, height: 800 });
    await widget.screenshot({ path: `test-results/screenshots/chapter2-fusion-${theme}-375.png`, style: HIDE_HEADER });
    await page.screenshot({ path: `test-results/screenshots/chapter2-${theme}-375.png`, fullPage: true });
  });
}

test('the diagram draws itself in from the input up, except for readers who prefer reduced motion', async ({ page }) => {
  await page.goto(CHAPTER);
  const widget = widgetOf(page);
  await widget.getByRole('button', { name: 'Slow fusion' }).click();
  await expect(widget.locator('svg.vnn-fu-svg')).toHaveClass(/is-animated/);
  expect(await widget.locator('path.vnn-fu-link').first().evaluate((el) => getComputedStyle(el).animationName)).toBe('vnn-fu-draw');
  await expect(widget.getByRole('button', { name: 'Replay the animation' })).toBeVisible();

  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.reload();
  await widget.getByRole('button', { name: 'Early fusion' }).click();
  await expect(widget.getByRole('button', { name: 'Early fusion' })).toHaveAttribute('aria-pressed', 'true');
  await expect(widget.locator('svg.vnn-fu-svg')).not.toHaveClass(/is-animated/);
  expect(await widget.locator('path.vnn-fu-link').first().evaluate((el) => getComputedStyle(el).animationName)).toBe('none');
  await expect(widget.getByRole('button', { name: 'Replay the animation' })).toBeHidden();
});
