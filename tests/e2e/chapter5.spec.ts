/**
 * Chapter 5's inflation demo (<vnn-inflation>): the page inflates the trained
 * single-frame model and shows the same outputs as the library computes in
 * Node for the same clip — equal to the 2-D model's within 1e-5 on a static
 * clip, different on the moving one — and accuracies on the fresh batch with
 * exactly the library's counts; the frame slider and the clip controls work by
 * keyboard and pointer; a corrupt weight file is reported and retried; the
 * embed honours its query; axe, themes and narrow screens.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect, type Locator, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { repeatFrame } from '../../src/lib/video-nn/data/staticClip';
import { compareOutputs } from '../../src/lib/video-nn/models/compareOutputs';
import { inflateModel } from '../../src/lib/video-nn/models/inflate';
import type { VideoModel } from '../../src/lib/video-nn/models/model';
import type { LoadedModel } from '../../src/lib/video-nn/models/loadModel';
import { predictSplit } from '../../src/lib/video-nn/training/evaluate';
import { loadTrained } from '../../scripts/train/manifest';
import { openInTheme, watchProblems } from './helpers';

const CHAPTER = '/chapters/inflation-i3d/';
const MEASURE_TIMEOUT = 180_000;
/** WebGL (SwiftShader) and Node's CPU backend sum in different orders: logits agree to about 1e-6. */
const BACKEND_TOLERANCE = 1e-4;

// The library in Node (CPU backend): the same models, inflated the same way, on the same clips.
let node: Promise<{ single: LoadedModel; i3d: LoadedModel; inflated: VideoModel }> | undefined;
function nodeModels() {
  node ??= (async () => {
    await tf.setBackend('cpu');
    const single = await loadTrained(path.join('public/weights', 'motion4_single_frame'));
    const i3d = await loadTrained(path.join('public/weights', 'motion4_i3d'));
    const init = i3d.entry.init;
    if (!init || !('inflate' in init)) throw new Error('motion4_i3d is not an inflated model');
    return { single, i3d, inflated: inflateModel(single.model, i3d.entry.spec(), init.inflate) };
  })();
  return node;
}

async function expectedComparison(seed: number, frame: number | 'moving') {
  const { single, inflated } = await nodeModels();
  const clip = single.entry.dataset(seed).clip('test', 0);
  return compareOutputs(single.model, inflated, frame === 'moving' ? clip : repeatFrame(clip, frame - 1));
}

async function expectedCorrect(seed: number, clips: number) {
  const { single, i3d, inflated } = await nodeModels();
  const dataset = single.entry.dataset(seed);
  const count = (model: VideoModel) => {
    const { labels, predictions } = predictSplit(model, dataset, { split: 'test', count: clips });
    return labels.reduce((n, label, i) => n + (label === predictions[i] ? 1 : 0), 0);
  };
  return { single: count(single.model), inflated: count(inflated), i3d: count(i3d.model) };
}

const widgetOf = (page: Page) => page.locator('vnn-inflation');

async function panelOutputs(widget: Locator, panel: 'static' | 'moving') {
  const p = widget.locator(`[data-panel="${panel}"]`);
  const read = (model: string) => p.locator(`td[data-model="${model}"]`).evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-value'))));
  return { a: await read('2d'), b: await read('inflated'), difference: Number(await p.locator('.vnn-in-verdict').getAttribute('data-difference')) };
}

/** The page's outputs for a panel equal the library's in Node (to backend precision), and so does the largest difference. */
async function expectPanel(widget: Locator, panel: 'static' | 'moving', seed: number, frame: number) {
  const shown = await panelOutputs(widget, panel);
  const expected = await expectedComparison(seed, panel === 'static' ? frame : 'moving');
  expect(shown.a.length).toBe(4);
  shown.a.forEach((v, i) => expect(Math.abs(v - expected.a[i]!), `2-D ${panel} ${i}`).toBeLessThanOrEqual(BACKEND_TOLERANCE));
  shown.b.forEach((v, i) => expect(Math.abs(v - expected.b[i]!), `inflated ${panel} ${i}`).toBeLessThanOrEqual(BACKEND_TOLERANCE));
  expect(Math.abs(shown.difference - expected.maxAbsDifference)).toBeLessThanOrEqual(BACKEND_TOLERANCE);
  if (panel === 'static') {
    // The boring-video fixed point, on the reader's backend.
    expect(shown.difference).toBeLessThanOrEqual(1e-5);
    await expect(widget.locator('[data-panel="static"] .vnn-in-verdict')).toContainText('the same output, up to float32 rounding');
  } else {
    expect(shown.difference).toBeGreaterThan(1e-3);
  }
}

async function expectAccuracies(widget: Locator, seed: number, clips: number) {
  const expected = await expectedCorrect(seed, clips);
  for (const [id, correct] of Object.entries(expected)) {
    const row = widget.locator(`.vnn-acc-row[data-model="${id}"]`);
    await expect(row, id).toHaveAttribute('data-correct', String(correct));
    await expect(row).toHaveAttribute('data-count', String(clips));
  }
}

async function waitDone(widget: Locator) {
  await expect(widget).toHaveAttribute('data-state', 'done', { timeout: MEASURE_TIMEOUT });
}

test('inflates in the browser: the 2-D output on a static clip, a different one on the moving clip, and the library’s accuracies', async ({ page }) => {
  test.setTimeout(400_000);
  const problems = watchProblems(page);
  const weightRequests: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/weights/')) weightRequests.push(r.url());
  });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(CHAPTER);
  await page.waitForLoadState('networkidle');
  const widget = widgetOf(page);
  // Below the fold: nothing loaded yet.
  expect(await page.locator('html').getAttribute('data-vnn-backend')).toBeNull();
  expect(weightRequests).toEqual([]);
  await widget.scrollIntoViewIfNeeded();
  await waitDone(widget);
  expect(weightRequests.some((u) => u.includes('motion4_single_frame/weights.bin'))).toBe(true);
  expect(weightRequests.some((u) => u.includes('motion4_i3d/weights.bin'))).toBe(true);

  await expect(widget.locator('[data-panel="static"] .vnn-in-heading')).toHaveText('A static clip: frame 5 repeated 8 times');
  await expectPanel(widget, 'static', 1, 5);
  await expectPanel(widget, 'moving', 1, 5);
  await expectAccuracies(widget, 1, 64);
  // The recorded figures beside the measured ones come from the manifests.
  const i3d = JSON.parse(readFileSync('public/weights/motion4_i3d/manifest.json', 'utf8')) as { test: { accuracy: number }; init: { testAccuracyBeforeTraining: number } };
  await expect(widget.locator('.vnn-acc-row[data-model="inflated"] .vnn-acc-value')).toContainText(`recorded ${(100 * i3d.init.testAccuracyBeforeTraining).toFixed(1)}% of 512`);
  await expect(widget.locator('.vnn-acc-row[data-model="i3d"] .vnn-acc-value')).toContainText(`held out ${(100 * i3d.test.accuracy).toFixed(1)}% of 512`);
  // The text alternative states the numbers.
  await expect(widget.locator('.vnn-in-description')).toContainText('Static clip (frame 5 of the clip from seed 1, repeated 8 times)');
  await expect(widget.locator('.vnn-in-description')).toContainText('On 64 fresh clips (chance 25.0%)');
  expect(problems).toEqual([]);
});

test('the frame slider and the clip controls work by keyboard and pointer', async ({ page }) => {
  test.setTimeout(600_000);
  const problems = watchProblems(page);
  await page.goto(CHAPTER);
  const widget = widgetOf(page);
  await widget.scrollIntoViewIfNeeded();
  await waitDone(widget);

  // Keyboard: the slider is a native range (role slider); ArrowLeft picks frame 4.
  const slider = widget.getByRole('slider', { name: 'Frame repeated in the static clip' });
  await slider.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(widget).toHaveAttribute('data-shown-frame', '4', { timeout: MEASURE_TIMEOUT });
  await expect(slider).toHaveAttribute('aria-valuetext', 'frame 4 of 8');
  await expect(widget).toHaveAttribute('frame', '4');
  await expectPanel(widget, 'static', 1, 4);

  // Pointer: a click at the slider's left end picks frame 1.
  const box = (await slider.boundingBox())!;
  await page.mouse.click(box.x + 2, box.y + box.height / 2);
  await expect(widget).toHaveAttribute('data-shown-frame', '1', { timeout: MEASURE_TIMEOUT });
  await expect(widget).toHaveAttribute('data-state', 'done', { timeout: MEASURE_TIMEOUT });
  await expectPanel(widget, 'static', 1, 1);

  // Keyboard: a new seed and 32 clips, Enter runs everything on clip 0 and the batch of that seed.
  const clips = widget.getByRole('combobox', { name: 'Clips in the batch' });
  await clips.focus();
  await page.keyboard.press('ArrowUp');
  const seed = widget.getByRole('spinbutton', { name: 'Clip seed' });
  await seed.focus();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('9');
  await page.keyboard.press('Enter');
  await expect(widget).toHaveAttribute('seed', '9');
  await waitDone(widget);
  await expectPanel(widget, 'static', 9, 1);
  await expectPanel(widget, 'moving', 9, 1);
  await expectAccuracies(widget, 9, 32);

  // Pointer: New clip takes the next seed.
  await widget.getByRole('button', { name: 'New clip' }).click();
  await expect(widget).toHaveAttribute('seed', '10');
  await waitDone(widget);
  await expectPanel(widget, 'moving', 10, 1);
  await expectAccuracies(widget, 10, 32);
  expect(problems).toEqual([]);
});

test('a corrupt weight file is named in an alert, and Try again recovers', async ({ page }) => {
  test.setTimeout(400_000);
  const problems = watchProblems(page);
  const shard = '**/weights/motion4_i3d/weights.bin';
  const corrupt = readFileSync(path.join('public/weights/motion4_i3d/weights.bin'));
  for (let i = 0; i < corrupt.length; i += 89) corrupt[i] = corrupt[i]! ^ 0xff;
  await page.route(shard, (route) => route.fulfill({ status: 200, contentType: 'application/octet-stream', body: corrupt }));
  await page.goto(CHAPTER);
  const widget = widgetOf(page);
  await widget.scrollIntoViewIfNeeded();
  await expect(widget).toHaveAttribute('data-state', 'error', { timeout: MEASURE_TIMEOUT });
  const alert = widget.getByRole('alert');
  await expect(alert).toContainText('Loading motion4_i3d failed');
  await expect(alert).toContainText('weights.bin');
  await expect(alert).toContainText('checksum mismatch');
  await expect(widget.locator('[data-panel="static"]')).toBeHidden();

  await page.unroute(shard);
  await widget.getByRole('button', { name: 'Try again' }).click();
  await waitDone(widget);
  await expect(alert).toBeEmpty();
  await expectPanel(widget, 'static', 1, 5);
  expect(problems).toEqual([]);
});

test('the embed page honours its query and explains a malformed one', async ({ page }) => {
  test.setTimeout(400_000);
  await page.goto('/embed/inflation/?seed=4&frame=2&clips=32&theme=light');
  const widget = widgetOf(page);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await waitDone(widget);
  await expect(widget.getByRole('slider')).toHaveValue('2');
  await expectPanel(widget, 'static', 4, 2);
  await expectPanel(widget, 'moving', 4, 2);
  await expectAccuracies(widget, 4, 32);
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  // The address bar follows the state.
  await widget.getByRole('slider').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/\/embed\/inflation\/\?seed=4&frame=3&clips=32&theme=light$/);

  await page.goto('/embed/inflation/?frame=12&seed=abc&clips=1e2&<b>=1');
  await expect(widget.locator('.vnn-notes li')).toHaveText([
    'Ignored repeated frame “12”: expected a whole number from 1 to 8. Using 5.',
    'Ignored clip seed “abc”: expected a whole number from 0 to 4,294,967,295. Using 1.',
    'Ignored clips “1e2”: expected one of 32, 64, 128, 256. Using 64.',
    'Ignored unknown setting “<b>”.',
  ]);
  await expect(widget.getByRole('slider')).toHaveValue('5');
  await expect(widget.locator('b')).toHaveCount(0);
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
    await waitDone(widget);
    await page.addStyleTag({ content: '.sl-markdown-content > * { content-visibility: visible !important; }' });
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`)).toEqual([]);
    await widget.screenshot({ path: `test-results/screenshots/chapter5-inflation-${theme}-1280.png`, style: HIDE_HEADER });
    await page.screenshot({ path: `test-results/screenshots/chapter5-${theme}-1280.png`, fullPage: true });
    for (const width of [375, 360]) {
      await page.setViewportSize({ width, height: 800 });
      await page.waitForTimeout(200);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), `sideways scrolling at ${width} px`).toBeLessThanOrEqual(0);
      const box = (await widget.locator('.vnn-widget').boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(width);
    }
    await page.setViewportSize({ width: 375, height: 800 });
    await widget.screenshot({ path: `test-results/screenshots/chapter5-inflation-${theme}-375.png`, style: HIDE_HEADER });
    await page.screenshot({ path: `test-results/screenshots/chapter5-${theme}-375.png`, fullPage: true });
  });
}
