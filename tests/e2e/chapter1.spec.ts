/**
 * Chapter 1's three live figures: the tensor explorer, per-frame flicker and
 * waving vs pointing. Each is driven by keyboard and pointer; what it shows is
 * checked against hand-worked offsets and against the library run here in
 * Node (the same generators, and the shipped models on tfjs's CPU backend,
 * while the page runs them on WebGL or WASM). Embed pages honour their query
 * and survive malformed ones; a corrupted weight shard gets a clear message
 * and Try again recovers; axe is clean in both themes; screenshots at 1280
 * and 375 px go to test-results/screenshots/.
 */
import { test, expect, chromium, type Locator, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { CHROMIUM_ARGS, CHROMIUM_PATH, NO_WEBGL_ARGS } from '../../scripts/chromium.mjs';
import { loadTrained } from '../../scripts/train/manifest';
import type { VideoModel } from '../../src/lib/video-nn/models/model';
import { clipOf } from '../../src/components/TensorExplorer/state';
import { meanRows, perFrameProbabilities, poseClip, softmaxRows } from '../../src/components/shared/poseScores';
import { openInTheme, watchProblems, type Theme } from './helpers';

const CHAPTER = '/chapters/images-to-video/';
/** WebGL (SwiftShader) and WASM against tfjs's CPU backend in Node: float32 arithmetic in another order. */
const TOLERANCE = 1e-4;

/** Renders every block of the chapter (it skips far-off ones otherwise), so widgets and axe see them all. */
async function showAll(page: Page) {
  await page.addStyleTag({ content: '.sl-markdown-content > * { content-visibility: visible !important; }' });
}

// ---------- The library in Node: the reference every figure is held to ----------

let models: Promise<{ single: VideoModel; temporal: VideoModel }> | undefined;
function referenceModels() {
  models ??= (async () => {
    await tf.setBackend('cpu');
    const [single, temporal] = await Promise.all([
      loadTrained(path.resolve('public/weights/stick_pose_single_frame')),
      loadTrained(path.resolve('public/weights/stick_stgcn')),
    ]);
    return { single: single.model, temporal: temporal.model };
  })();
  return models;
}
async function referencePerFrame(seed: number, label: number) {
  return perFrameProbabilities(tf, (await referenceModels()).single, poseClip(seed, label).data);
}
async function referenceClip(model: 'single' | 'temporal', seed: number, label: number) {
  return (await softmaxRows(tf, (await referenceModels())[model], poseClip(seed, label).data, 1))[0]!;
}

/** The probabilities a bar list draws, in class order. */
async function bars(figure: Locator): Promise<number[]> {
  return figure.locator('li.vnn-pb-row').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-probability'))));
}
function expectClose(actual: readonly number[], expected: ArrayLike<number>, what: string) {
  expect(actual.length, what).toBe(expected.length);
  const worst = Math.max(...actual.map((v, i) => Math.abs(v - expected[i]!)));
  expect(worst, `${what}: largest difference from the Node forward pass`).toBeLessThan(TOLERANCE);
}

/** Axe on the page in its current state. */
async function expectAxeClean(page: Page) {
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`)).toEqual([]);
}

/** Axe in the page's current state, then `screenshots`. */
async function checkLayout(page: Page, target: Locator, name: string) {
  await expectAxeClean(page);
  await screenshots(page, target, name);
}

/** No sideways scrolling at 375 px and `target` within the screen; screenshots of it at 1280 and 375 px. */
async function screenshots(page: Page, target: Locator, name: string) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await target.screenshot({ path: `test-results/screenshots/${name}-1280.png` });
  await page.setViewportSize({ width: 375, height: 800 });
  await page.waitForTimeout(200);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 'sideways scrolling at 375 px').toBeLessThanOrEqual(0);
  const box = await target.boundingBox();
  expect(box!.x + box!.width, `${name} fits a 375 px screen`).toBeLessThanOrEqual(375);
  await target.screenshot({ path: `test-results/screenshots/${name}-375.png` });
  await page.setViewportSize({ width: 1280, height: 900 });
}

// ---------- Tensor explorer ----------

const DIMS = { c: 3, t: 16, y: 32, x: 32 };
/** Offsets worked out here from the definition of strides, independently of the library. */
const offsetCTHW = (c: number, t: number, y: number, x: number) => c * (DIMS.t * DIMS.y * DIMS.x) + t * (DIMS.y * DIMS.x) + y * DIMS.x + x;
const offsetTHWC = (c: number, t: number, y: number, x: number) => t * (DIMS.y * DIMS.x * DIMS.c) + y * (DIMS.x * DIMS.c) + x * DIMS.c + c;

interface Selection { data: string; cls: string; seed: number; c: number; t: number; y: number; x: number }

/** Checks both panels' offsets and values, the pixel line and the drawn pixel against the selection. */
async function expectSelection(widget: Locator, s: Selection) {
  const thwc = widget.locator('section[data-layout="THWC"]');
  const cthw = widget.locator('section[data-layout="CTHW"]');
  await expect(cthw).toHaveAttribute('data-offset', String(offsetCTHW(s.c, s.t, s.y, s.x)));
  await expect(thwc).toHaveAttribute('data-offset', String(offsetTHWC(s.c, s.t, s.y, s.x)));
  // The value the library's generator gives for this clip, read here with the hand-worked offset.
  const clip = clipOf({ data: s.data as never, class: s.cls, seed: s.seed });
  const expected = clip.data[offsetTHWC(s.c, s.t, s.y, s.x)]!;
  for (const panel of [cthw, thwc]) {
    expect(Number(await panel.getAttribute('data-value'))).toBe(expected);
    await expect(panel.locator('[data-row="value"] dd')).toHaveText(expected.toFixed(4));
  }
  expect(Number(await widget.locator('.vnn-te-pixel').getAttribute('data-value'))).toBe(expected);
  // The pixel as drawn: the middle of the selected cell of the slice image has this channel's value.
  const drawn = await widget.locator('canvas.vnn-te-slice').evaluate((canvas: HTMLCanvasElement, c) => {
    const scale = canvas.width / Number(canvas.dataset.cols);
    const px = Math.floor((Number(canvas.dataset.col) + 0.5) * scale);
    const py = Math.floor((Number(canvas.dataset.row) + 0.5) * scale);
    return canvas.getContext('2d')!.getImageData(px, py, 1, 1).data[c];
  }, s.c);
  expect(drawn).toBe(Math.round(255 * expected));
  await expect(widget.locator('.vnn-te-summary')).toContainText(`offset ${offsetCTHW(s.c, s.t, s.y, s.x).toLocaleString('en-US')};`);
}

test('tensor explorer: offsets and values follow the keyboard and the pointer', async ({ page }) => {
  const problems = watchProblems(page);
  await page.goto(CHAPTER);
  await showAll(page);
  const widget = page.locator('vnn-tensor-explorer');
  await widget.scrollIntoViewIfNeeded();
  const s: Selection = { data: 'something-lite', cls: 'move right', seed: 1, c: 0, t: 8, y: 16, x: 20 };
  await expectSelection(widget, s);
  // Hand-worked for the default: 8·1,024 + 16·32 + 20 and 8·3,072 + 16·96 + 20·3.
  await expect(widget.locator('section[data-layout="CTHW"] [data-row="offset"] dd')).toHaveText('0·16,384 + 8·1,024 + 16·32 + 20 = 8,724');
  await expect(widget.locator('section[data-layout="THWC"] [data-row="offset"] dd')).toHaveText('8·3,072 + 16·96 + 20·3 + 0 = 26,172');
  await expect(widget.locator('section[data-layout="THWC"] [data-row="strides"] dd')).toHaveText('(3,072, 96, 3, 1) for (t, y, x, c)');

  // Keyboard: the slice's slider (row y, since the default slices along H), then the next one.
  const row = widget.getByRole('slider', { name: 'Row y: the slice' });
  await row.focus();
  await page.keyboard.press('ArrowRight');
  await expectSelection(widget, { ...s, y: 17 });
  await page.keyboard.press('End');
  await expectSelection(widget, { ...s, y: 31 });
  await page.keyboard.press('Tab');
  await expect(widget.getByRole('slider', { name: 'Column x' })).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expectSelection(widget, { ...s, y: 31, x: 19 });
  await expect(widget).toHaveAttribute('y', '31');
  await expect(widget).toHaveAttribute('x', '19');

  // Slice along T with the keyboard: the slice becomes a 32×32 frame and the frame slider its index.
  await widget.getByRole('button', { name: 'T: one frame' }).focus();
  await page.keyboard.press('Enter');
  await expect(widget.getByRole('button', { name: 'T: one frame' })).toHaveAttribute('aria-pressed', 'true');
  await expect(widget.getByRole('slider', { name: 'Frame t: the slice' })).toBeVisible();
  await expect(widget.locator('canvas.vnn-te-slice')).toHaveAttribute('data-rows', '32');
  await widget.getByRole('button', { name: 'blue (c = 2)' }).focus();
  await page.keyboard.press('Space');
  await expectSelection(widget, { ...s, c: 2, y: 31, x: 19 });
  // Channels last keeps a pixel's three colours together: the selected blue value follows its pixel's green.
  await expect(widget.locator('section[data-layout="THWC"] tr.is-selected')).toHaveAttribute('data-offset', String(offsetTHWC(2, 8, 31, 19)));

  // Pointer: a click on the slice image selects the pixel under it (row y = 5, column x = 7).
  const slice = widget.locator('canvas.vnn-te-slice');
  const [sw, sh] = await slice.evaluate((c) => [c.clientWidth, c.clientHeight]);
  await slice.click({ position: { x: ((7 + 0.5) / 32) * sw!, y: ((5 + 0.5) / 32) * sh! } });
  await expectSelection(widget, { ...s, c: 2, y: 5, x: 7 });
  // A click on frame 3 selects it and the pixel under the pointer.
  const frame3 = widget.locator('canvas.vnn-te-frame[data-t="3"]');
  // Positions are measured inside the canvas's border, where the picture is.
  const [fw, fh] = await frame3.evaluate((c) => [c.clientWidth, c.clientHeight]);
  await frame3.click({ position: { x: ((12 + 0.5) / 32) * fw!, y: ((25 + 0.5) / 32) * fh! } });
  await expectSelection(widget, { ...s, c: 2, t: 3, y: 25, x: 12 });

  // Along W: a T×H image; the column slider is the slice index.
  await widget.getByRole('button', { name: 'W: one column over time' }).click();
  await expect(slice).toHaveAttribute('data-rows', '16');
  await expect(slice).toHaveAttribute('data-cols', '32');
  await expect(widget.getByRole('slider', { name: 'Column x: the slice' })).toBeVisible();

  // Another dataset: its classes replace the list; the clip is regenerated.
  await widget.getByLabel('Dataset').selectOption('stick-figures');
  await expect(widget.getByLabel('Class').locator('option')).toHaveText(['wave', 'point', 'clap', 'jump', 'squat', 'walk in place', 'jumping jack', 'kick']);
  await widget.getByLabel('Class').selectOption('kick');
  await expectSelection(widget, { data: 'stick-figures', cls: 'kick', seed: 1, c: 2, t: 3, y: 25, x: 12 });

  // A seed that is not a whole number: a note, and the last good seed stays.
  const seed = widget.getByRole('spinbutton', { name: 'Clip seed' });
  await seed.fill('1.5');
  await seed.press('Enter');
  await expect(widget.locator('.vnn-notes li')).toHaveText('Ignored seed “1.5”: expected a whole number from 0 to 4,294,967,295. Using 1.');
  await widget.getByRole('button', { name: 'New clip' }).click();
  await expect(seed).toHaveValue('2');
  await expectSelection(widget, { data: 'stick-figures', cls: 'kick', seed: 2, c: 2, t: 3, y: 25, x: 12 });
  await expect(widget).toHaveAttribute('seed', '2');
  expect(problems).toEqual([]);
});

// ---------- Per-frame flicker ----------

async function expectFlicker(widget: Locator, action: string, label: number, seed: number, frame: number) {
  await expect(widget).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(widget).toHaveAttribute('data-scored', `${action}|${seed}`);
  const perFrame = await referencePerFrame(seed, label);
  expectClose(await bars(widget.locator('[data-bars="mean"]')), meanRows(perFrame), 'mean of the per-frame probabilities');
  expectClose(await bars(widget.locator('[data-bars="clip"]')), await referenceClip('single', seed, label), 'the model on the whole clip');
  // The legend states each drawn class's probability at the cursor.
  const legend = await widget.locator('.vnn-ff-legend li').evaluateAll((items) => items.map((li) => [li.getAttribute('data-class'), Number(li.getAttribute('data-probability'))] as const));
  expect(legend[0]![0]).toBe(action);
  const classes = ['wave', 'point', 'clap', 'jump', 'squat', 'walk in place', 'jumping jack', 'kick'];
  expectClose(legend.map(([, p]) => p), legend.map(([name]) => perFrame[frame - 1]![classes.indexOf(name!)]!), `probabilities at frame ${frame}`);
  // One line per drawn class; the summary names the frame.
  await expect(widget.locator('path.vnn-ff-line')).toHaveCount(legend.length);
  await expect(widget.locator('.vnn-ff-summary')).toContainText(`At frame ${frame} it says`);
  return perFrame;
}

test('per-frame flicker: the plotted probabilities and both clip averages are the model’s, frame by frame', async ({ page }) => {
  const problems = watchProblems(page);
  await page.goto(CHAPTER);
  await showAll(page);
  const widget = page.locator('vnn-frame-flicker');
  await widget.scrollIntoViewIfNeeded();
  const perFrame = await expectFlicker(widget, 'jumping jack', 6, 1, 9);
  // The flicker is real: the top class changes from frame to frame (counted here from the Node pass).
  const tops = perFrame.map((p) => p.indexOf(Math.max(...p)));
  const changes = tops.slice(1).filter((k, i) => k !== tops[i]).length;
  expect(changes).toBeGreaterThan(2);
  await expect(widget.locator('.vnn-frame-flicker')).toHaveAttribute('data-changes', String(changes));
  await expect(widget.locator('.vnn-ff-note')).toContainText('frames 1, 5, 9 and 13');

  // Keyboard: the frame slider.
  const slider = widget.getByRole('slider', { name: 'Frame' });
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await expect(widget).toHaveAttribute('frame', '10');
  await expectFlicker(widget, 'jumping jack', 6, 1, 10);
  await expect(widget.locator('figcaption').first()).toHaveText(/^Frame 10: .+ \d+\.\d%$/);

  // Pointer: a click on the chart at frame 3 moves the cursor there.
  const svg = widget.locator('svg.vnn-ff-svg');
  const tick = await widget.locator('text.vnn-ff-xtick', { hasText: /^3$/ }).getAttribute('x');
  await svg.click({ position: { x: Number(tick), y: 100 } });
  await expect(widget).toHaveAttribute('frame', '3');
  await expectFlicker(widget, 'jumping jack', 6, 1, 3);

  // Another action, chosen with the keyboard in the list, is scored afresh.
  await widget.getByLabel('Action').focus();
  await page.keyboard.press('ArrowDown');
  await expect(widget).toHaveAttribute('action', 'kick');
  await expectFlicker(widget, 'kick', 7, 1, 3);
  await widget.getByRole('button', { name: 'New clip' }).click();
  await expectFlicker(widget, 'kick', 7, 2, 3);
  expect(problems).toEqual([]);
});

// ---------- Waving vs pointing ----------

async function expectPair(widget: Locator, seed: number, frame: number) {
  await expect(widget).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(widget).toHaveAttribute('data-scored-seed', String(seed));
  const [wave, point] = await Promise.all([referencePerFrame(seed, 0), referencePerFrame(seed, 1)]);
  const single = widget.locator('section[data-model="single"]');
  const temporal = widget.locator('section[data-model="temporal"]');
  const singleWave = await bars(single.locator('[data-clip="wave"]'));
  const singlePoint = await bars(single.locator('[data-clip="point"]'));
  expectClose(singleWave, wave[frame - 1]!, `single-frame model, waving, frame ${frame}`);
  expectClose(singlePoint, point[frame - 1]!, `single-frame model, pointing, frame ${frame}`);
  expectClose(await bars(temporal.locator('[data-clip="wave"]')), await referenceClip('temporal', seed, 0), 'temporal model, waving');
  expectClose(await bars(temporal.locator('[data-clip="point"]')), await referenceClip('temporal', seed, 1), 'temporal model, pointing');
  await expect(single.locator('h3, .vnn-wp-model')).toHaveText(`Single-frame pose model, shown only frame ${frame}`);
  // The true class is marked in words in each list.
  await expect(widget.locator('[data-clip="wave"] li.is-true')).toHaveCount(2);
  await expect(widget.locator('[data-clip="point"] li.is-true .vnn-pb-true')).toHaveText(['true class', 'true class']);
  return { singleWave, singlePoint };
}

test('waving vs pointing: one answer on the shared middle frame, two from the temporal model; no tfjs before it is near', async ({ page }) => {
  const problems = watchProblems(page);
  const weightRequests: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/weights/')) weightRequests.push(r.url());
  });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(CHAPTER);
  await page.waitForLoadState('networkidle');
  // At the top of the chapter nothing has asked for TensorFlow.js or weights yet.
  expect(await page.locator('html').getAttribute('data-vnn-backend')).toBeNull();
  expect(weightRequests).toEqual([]);
  await expect(page.locator('vnn-wave-point')).toHaveAttribute('data-state', 'idle');

  await showAll(page);
  const widget = page.locator('vnn-wave-point');
  await widget.scrollIntoViewIfNeeded();
  const middle = await expectPair(widget, 1, 9);
  expect(weightRequests.some((u) => u.endsWith('/stick_stgcn/weights.bin'))).toBe(true);
  // The middle frames are identical, so the single-frame model's two answers are exactly equal…
  await expect(widget.locator('.vnn-wave-point')).toHaveAttribute('data-difference', '0');
  expect(middle.singlePoint).toEqual(middle.singleWave);
  // …while the temporal model names each clip's own action.
  await expect(widget.locator('section[data-model="temporal"] [data-clip="wave"]')).toHaveAttribute('data-predicted', 'wave');
  await expect(widget.locator('section[data-model="temporal"] [data-clip="point"]')).toHaveAttribute('data-predicted', 'point');
  await expect(widget.locator('.vnn-wp-summary')).toContainText('the single-frame pose model gives both the same answer');
  await expect(widget.locator('.vnn-ws-status, .vnn-ms-status')).toContainText('ran in your browser');

  // Keyboard: Home on the frame slider shows frame 1, where the two figures differ.
  const slider = widget.getByRole('slider', { name: 'Frame' });
  await slider.focus();
  await page.keyboard.press('Home');
  await expect(widget).toHaveAttribute('frame', '1');
  expect(Number(await widget.locator('.vnn-wave-point').getAttribute('data-difference'))).toBeGreaterThan(0.1);
  await expectPair(widget, 1, 1);
  await expect(slider).toHaveAttribute('aria-valuetext', 'Frame 1 of 16');

  // Play with the keyboard; it steps through the frames until paused.
  await widget.getByRole('button', { name: 'Play' }).focus();
  await page.keyboard.press('Enter');
  await expect(widget).not.toHaveAttribute('frame', '1');
  await expect(widget.getByRole('button', { name: 'Pause' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(widget.getByRole('button', { name: 'Play' })).toBeVisible();
  const paused = Number(await widget.getAttribute('frame') ?? '9');
  await expectPair(widget, 1, paused);
  await expect(widget.locator('.vnn-wp-summary')).toContainText(`Frame ${paused} of 16`);

  // Pointer: the Middle frame button, then a new pair of performances.
  await widget.getByRole('button', { name: 'Middle frame' }).click();
  await expect(widget).not.toHaveAttribute('frame');
  await widget.getByRole('button', { name: 'New pair' }).click();
  const second = await expectPair(widget, 2, 9);
  expect(second.singlePoint).toEqual(second.singleWave);
  expect(problems).toEqual([]);
});

// ---------- Failures ----------

test('a corrupted weight shard is refused with a clear message, and Try again recovers', async ({ page }) => {
  const problems = watchProblems(page);
  const shard = readFileSync(path.resolve('public/weights/stick_pose_single_frame/weights.bin'));
  const corrupt = Buffer.from(shard);
  for (let i = 0; i < corrupt.length; i += 97) corrupt[i] = corrupt[i]! ^ 0xff;
  const url = '**/weights/stick_pose_single_frame/weights.bin';
  await page.route(url, (route) => route.fulfill({ status: 200, contentType: 'application/octet-stream', body: corrupt }));
  await openInTheme(page, '/embed/wave-point/', 'light');
  const widget = page.locator('vnn-wave-point');
  await expect(widget).toHaveAttribute('data-state', 'error', { timeout: 60_000 });
  const alert = widget.getByRole('alert');
  await expect(alert).toContainText('stick_pose_single_frame');
  await expect(alert).toContainText('weights.bin: checksum mismatch');
  await expect(widget.locator('.vnn-wp-results')).toBeHidden();
  // The figures themselves still work without the models.
  await widget.getByRole('slider', { name: 'Frame' }).press('Home');
  await expect(widget.locator('.vnn-wp-note')).toContainText('Frame 1 of 16: the pictures differ');
  await checkLayout(page, widget, 'chapter1-wave-point-error-light');

  await page.unroute(url);
  await widget.getByRole('button', { name: 'Try again' }).click();
  await expectPair(widget, 1, 1);
  await expect(alert).toBeEmpty();
  expect(problems).toEqual([]);
});

test('without WebGL the flicker figure runs on WASM, says so, and gives the same numbers', async ({ baseURL }) => {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...NO_WEBGL_ARGS] });
  try {
    const page = await browser.newPage({ baseURL: baseURL! });
    const problems = watchProblems(page);
    await page.goto('/embed/frame-flicker/?action=squat&seed=5&frame=2');
    const widget = page.locator('vnn-frame-flicker');
    await expectFlicker(widget, 'squat', 4, 5, 2);
    await expect(widget.locator('.vnn-ms-status')).toContainText('WebAssembly (CPU) (WebGL was not available)');
    expect(problems).toEqual([]);
  } finally {
    await browser.close();
  }
});

// ---------- Embed pages ----------

test('embeds honour their query state and keep the address bar in step', async ({ page }) => {
  await page.goto('/embed/tensor-explorer/?data=motion-direction&class=up&seed=3&slice=w&t=2&y=7&x=9&c=1&theme=dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const explorer = page.locator('vnn-tensor-explorer');
  await expect(explorer.locator('.vnn-notes li')).toHaveCount(0);
  await expect(explorer.getByRole('button', { name: 'W: one column over time' })).toHaveAttribute('aria-pressed', 'true');
  await expectSelection(explorer, { data: 'motion-direction', cls: 'up', seed: 3, c: 1, t: 2, y: 7, x: 9 });
  await explorer.getByRole('slider', { name: 'Column x: the slice' }).press('ArrowRight');
  await expect(page).toHaveURL(/\?data=motion-direction&class=up&seed=3&slice=w&t=2&y=7&x=10&c=1&theme=dark$/);

  await page.goto('/embed/wave-point/?seed=4&frame=3&theme=light');
  const pair = page.locator('vnn-wave-point');
  await expect(pair.getByRole('slider', { name: 'Frame' })).toHaveValue('3');
  await expect(pair.getByRole('spinbutton', { name: 'Performance seed' })).toHaveValue('4');
  await expectPair(pair, 4, 3);

  await page.goto('/embed/frame-flicker/?action=walk+in+place&seed=3&frame=14');
  const flicker = page.locator('vnn-frame-flicker');
  await expect(flicker.getByLabel('Action')).toHaveValue('walk in place');
  await expectFlicker(flicker, 'walk in place', 5, 3, 14);
  await flicker.getByRole('slider', { name: 'Frame' }).press('ArrowLeft');
  await expect(page).toHaveURL(/\?action=walk\+in\+place&seed=3&frame=13$/);
});

test('embeds survive malformed and hostile queries: defaults, visible notes, nothing injected', async ({ page }) => {
  const problems = watchProblems(page);
  const hostile = (pairs: [string, string][]) => new URLSearchParams([...pairs, ['theme', '<svg onload=alert(1)>'], ['<b>x</b>', '1']]).toString();

  await page.goto(`/embed/tensor-explorer/?${hostile([['data', '"><img src=x onerror="window.__pwned=1">'], ['class', '<script>window.__pwned=2</script>'], ['t', '99'], ['c', '-1'], ['slice', 'q']])}`);
  const explorer = page.locator('vnn-tensor-explorer');
  await expect(explorer.locator('.vnn-notes li')).toHaveCount(7);
  await expect(explorer.locator('.vnn-notes')).toContainText('Ignored class “<script>window.__pwned=2…”');
  await expectSelection(explorer, { data: 'something-lite', cls: 'move right', seed: 1, c: 0, t: 8, y: 16, x: 20 });

  await page.goto(`/embed/wave-point/?${hostile([['seed', '1e9'], ['frame', '0x3']])}`);
  const pair = page.locator('vnn-wave-point');
  await expect(pair.locator('.vnn-notes li')).toHaveCount(4);
  await expect(pair.locator('.vnn-notes')).toContainText('Ignored frame “0x3”: expected a whole number from 1 to 16. Using 9.');
  await expectPair(pair, 1, 9);

  await page.goto(`/embed/frame-flicker/?${hostile([['action', 'moonwalk'], ['frame', '']])}`);
  const flicker = page.locator('vnn-frame-flicker');
  await expect(flicker.locator('.vnn-notes li')).toHaveCount(4);
  await expect(flicker.locator('.vnn-notes')).toContainText('Ignored action “moonwalk”');
  await expectFlicker(flicker, 'jumping jack', 6, 1, 9);

  expect(await page.locator(':is(vnn-tensor-explorer, vnn-wave-point, vnn-frame-flicker) :is(img, script, b)').count()).toBe(0);
  expect(await page.locator('[onerror], [onload]').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(problems).toEqual([]);
});

test('embeds report their height to the parent window', async ({ page, baseURL }) => {
  await page.setContent('<!doctype html><title>Course page</title><iframe id="f" style="width:420px;height:100px" title="Per-frame flicker"></iframe>');
  const height = page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        window.addEventListener('message', (e) => {
          const data = e.data as { type?: string; widget?: string; height?: number };
          if (data.type === 'vnn:height' && data.widget === 'frame-flicker' && (data.height ?? 0) > 300) resolve(data.height!);
        });
      }),
  );
  await page.locator('#f').evaluate((f, src) => ((f as HTMLIFrameElement).src = src), `${baseURL}/embed/frame-flicker/`);
  expect(await height).toBeGreaterThan(300);
});

// ---------- Accessibility and screenshots ----------

for (const theme of ['light', 'dark'] as Theme[]) {
  test(`chapter 1 with its figures running (${theme}): axe clean, fits 375 px, screenshots`, async ({ page }) => {
    // Axe over the whole chapter (KaTeX and all) takes a while on a loaded machine.
    test.setTimeout(240_000);
    const problems = watchProblems(page);
    await page.setViewportSize({ width: 1280, height: 900 });
    await openInTheme(page, CHAPTER, theme);
    await showAll(page);
    for (const tag of ['vnn-frame-flicker', 'vnn-wave-point'] as const) {
      await page.locator(tag).scrollIntoViewIfNeeded();
      await expect(page.locator(tag)).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
    }
    await expectAxeClean(page);
    // For the pictures only: Starlight's fixed header and phone contents bar would cover the tall widgets.
    await page.addStyleTag({ content: 'header.header, mobile-starlight-toc nav { position: absolute !important; }' });
    for (const [tag, name] of [['vnn-tensor-explorer', 'tensor-explorer'], ['vnn-frame-flicker', 'frame-flicker'], ['vnn-wave-point', 'wave-point']] as const) {
      await screenshots(page, page.locator(tag), `chapter1-${name}-${theme}`);
    }
    await page.screenshot({ path: `test-results/screenshots/chapter1-running-${theme}-1280.png`, fullPage: true });
    expect(problems).toEqual([]);
  });

  for (const id of ['tensor-explorer', 'wave-point', 'frame-flicker']) {
    test(`/embed/${id}/ (${theme}): axe clean, fits 375 px, screenshots`, async ({ page }) => {
      const problems = watchProblems(page);
      await openInTheme(page, `/embed/${id}/`, theme);
      const widget = page.locator(`vnn-${id}`);
      if (id !== 'tensor-explorer') await expect(widget).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
      await checkLayout(page, page.locator('body'), `embed-${id}-${theme}`);
      expect(problems).toEqual([]);
    });
  }
}
