/**
 * Chapter 3's own figures (the flow viewer has its own spec): flow stacking and
 * the fusion weight. Each responds to keyboard and pointer, and what it shows
 * after an interaction is checked against values computed here, in Node, by the
 * library on the tfjs CPU backend — the flow stack of the same clip, and both
 * trained streams' forward passes on it — and against hand arithmetic (the
 * fused bars are w·p_s + (1 − w)·p_t of the bars shown). Also: the embed pages
 * honour their query, a corrupt weight file is refused with a clear message,
 * axe is clean in both themes, and screenshots of the chapter at 1280 and 375 px.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect, type Locator, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import sharp from 'sharp';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { openInTheme, watchProblems, type Theme } from './helpers';
import { loadTrained } from '../../scripts/train/manifest';
import { clipFlowStack } from '../../src/lib/video-nn/flow/clipFlows';
import type { FlowOptions } from '../../src/lib/video-nn/flow/tvl1';
import { findTrainable } from '../../src/lib/video-nn/training/registry';
import { modelDataset } from '../../src/lib/video-nn/training/modelInput';
import type { TrainingManifest } from '../../src/lib/video-nn/training/manifest';
import { DATASETS, classIndex, divergingColour, type FlowStackState } from '../../src/components/FlowStack/state';
import { PAIRS, classIndex as pairClassIndex } from '../../src/components/TwoStream/state';

const CHAPTER = '/chapters/two-stream/';
const WEIGHTS = path.resolve(process.env['E2E_DIST'] ?? 'dist', 'weights');
const MOTION4 = PAIRS.find((p) => p.id === 'motion4')!;
const shipped = (id: string) => existsSync(path.join(WEIGHTS, id, 'manifest.json'));
const manifest = (id: string) => JSON.parse(readFileSync(path.join(WEIGHTS, id, 'manifest.json'), 'utf8')) as TrainingManifest;

/**
 * WebGL (SwiftShader here) and Node's CPU backend both compute in float32 but
 * round differently inside TV-L1's iterations; measured: the flow stacks agree
 * to 8e-6 px at most (mean 1e-6), the softmax outputs to 1e-7. The bounds leave
 * room for a GPU's own rounding and still catch a wrong frame pair, channel
 * order or flow setting, which differ by tenths of a pixel.
 */
const FLOW_MEAN_TOLERANCE = 1e-4;
const FLOW_MAX_TOLERANCE = 1e-2;
const SOFTMAX_TOLERANCE = 1e-3;

test.beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

function flowOptions(data: FlowStackState['data']): FlowOptions {
  const input = findTrainable(DATASETS[data].temporalModel)!.input;
  if (input?.kind !== 'flow') throw new Error('not a temporal stream');
  return input.options as FlowOptions;
}

/** The flow stack of the figure's clip for L, computed here by the library on the CPU backend. */
function referenceStack(state: FlowStackState): Float32Array {
  const clip = findTrainable(DATASETS[state.data].temporalModel)!.dataset(state.seed).sample(state.seed, classIndex(state));
  return clipFlowStack(clip, { flows: state.flows, options: flowOptions(state.data) });
}

function compareArrays(actual: ArrayLike<number>, expected: ArrayLike<number>): { max: number; mean: number } {
  expect(actual.length).toBe(expected.length);
  let max = 0;
  let sum = 0;
  for (let i = 0; i < expected.length; i++) {
    const d = Math.abs(actual[i]! - expected[i]!);
    max = Math.max(max, d);
    sum += d;
  }
  return { max, mean: sum / expected.length };
}

/** Scrolls a figure into view and waits until it has drawn (or failed). */
async function waitDone(figure: Locator, timeout = 150_000): Promise<void> {
  await figure.scrollIntoViewIfNeeded();
  await expect(figure).toHaveAttribute('data-state', /^(done|error)$/, { timeout });
  await expect(figure.getByRole('alert')).toBeEmpty();
  await expect(figure).toHaveAttribute('data-state', 'done');
}

async function stackInPage(figure: Locator): Promise<number[]> {
  return figure.evaluate((el) => Array.from((el as HTMLElementTagNameMap['vnn-flow-stack']).stackValues ?? []));
}

/** The figure's channels, their canvases' pixels and the scale, against the library's stack for the state. */
async function expectStackMatches(figure: Locator, state: FlowStackState): Promise<void> {
  await expect(figure).toHaveAttribute('data-flows', String(state.flows));
  const L = state.flows;
  const labels = await figure.locator('canvas[data-channel]').evaluateAll((cs) => cs.map((c) => c.getAttribute('aria-label')!.split(' (')[0]));
  expect(labels).toEqual(Array.from({ length: 2 * L }, (_, c) => `channel ${c}: ${c % 2 === 0 ? 'u' : 'v'} of flow ${Math.floor(c / 2)}`));
  await expect(figure.locator('canvas[data-wheel]')).toHaveCount(L);
  const page = await stackInPage(figure);
  const reference = referenceStack(state);
  const { max, mean } = compareArrays(page, reference);
  const measured = `${JSON.stringify(state)}: max |Δ| ${max.toExponential(2)} px, mean ${mean.toExponential(2)} px`;
  test.info().annotations.push({ type: 'flow stack vs Node CPU', description: measured });
  console.log(`flow stack vs Node CPU ${measured}`);
  expect(mean).toBeLessThan(FLOW_MEAN_TOLERANCE);
  expect(max).toBeLessThan(FLOW_MAX_TOLERANCE);
  // Each channel's picture shows its values on the diverging map at the legend's scale.
  const scale = Number(await figure.locator('.vnn-fs-legend').getAttribute('data-scale'));
  expect(scale).toBeGreaterThan(0);
  const [h, w] = [32, 32];
  for (const c of [0, 2 * L - 1]) {
    for (const [y, x] of [[3, 5], [16, 16], [29, 27]] as const) {
      const rgb = await figure.locator(`canvas[data-channel="${c}"]`).evaluate((canvas, [px, py]) => Array.from((canvas as HTMLCanvasElement).getContext('2d')!.getImageData(px!, py!, 1, 1).data.slice(0, 3)), [x, y]);
      const value = page[(y * w + x) * 2 * L + c]!;
      expect(rgb).toEqual(divergingColour(value, scale));
      const expected = divergingColour(reference[(y * w + x) * 2 * L + c]!, scale);
      rgb.forEach((v, i) => expect(Math.abs(v - expected[i]!)).toBeLessThanOrEqual(8));
    }
  }
  expect(h * w * 2 * L).toBe(page.length);
  // The text alternative states L, 2L and the shape.
  await expect(figure.locator('.vnn-fs-description')).toContainText(`L = ${L} flow field${L === 1 ? '' : 's'}`);
  await expect(figure.locator('.vnn-fs-description')).toContainText(`2L = ${2 * L} channels`);
  await expect(figure.locator('.vnn-fs-description')).toContainText(`32×32×${2 * L}`);
}

test('flow stacking: L by keyboard and pointer, another clip by keyboard; the channels are the library’s stack', async ({ page }) => {
  test.setTimeout(300_000);
  const problems = watchProblems(page);
  await page.goto(CHAPTER);
  expect(await page.locator('html').getAttribute('data-vnn-backend'), 'no tfjs before the figures are near').toBeNull();
  const figure = page.locator('vnn-flow-stack');
  await waitDone(figure);
  await expectStackMatches(figure, { data: 'motion4', motion: 'right', seed: 1, flows: 3 });

  // Keyboard: the slider is an ARIA slider; one step right stacks a fourth flow.
  const slider = figure.getByRole('slider', { name: 'Flow fields stacked (L)' });
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await expect(slider).toHaveAttribute('aria-valuetext', 'L = 4: 8 channels');
  await expectStackMatches(figure, { data: 'motion4', motion: 'right', seed: 1, flows: 4 });
  await page.keyboard.press('End');
  await expectStackMatches(figure, { data: 'motion4', motion: 'right', seed: 1, flows: 7 });
  await expect(figure.locator('li.is-used')).toHaveCount(8);

  // Pointer: a click at the slider's left end sets L = 1, the flow from the middle frame 4 to frame 5.
  const box = (await slider.boundingBox())!;
  await page.mouse.click(box.x + 2, box.y + box.height / 2);
  await expectStackMatches(figure, { data: 'motion4', motion: 'right', seed: 1, flows: 1 });
  await expect(figure.locator('.vnn-fs-flow-title')).toHaveText([/^Flow 0: frame 4 → 5/]);
  await expect(figure.locator('li.is-used')).toHaveCount(2);

  // Keyboard: another class and seed; a new clip's flow is computed, and checked again.
  await figure.getByLabel('Class', { exact: true }).focus();
  await page.keyboard.press('ArrowDown'); // right → up
  await expect(figure).toHaveAttribute('motion', 'up');
  const seed = figure.getByRole('spinbutton', { name: 'Clip seed' });
  await seed.focus();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('7');
  await page.keyboard.press('Enter');
  await expect(figure).toHaveAttribute('data-clip', 'motion4:up:7', { timeout: 150_000 });
  await waitDone(figure);
  await expectStackMatches(figure, { data: 'motion4', motion: 'up', seed: 7, flows: 1 });

  // A seed that is not a whole number gets a note and the last good one stays.
  await seed.fill('2.5');
  await seed.press('Enter');
  await expect(figure.locator('.vnn-notes li')).toHaveText('Ignored seed “2.5”: expected a whole number from 0 to 4,294,967,295. Using 7.');
  await expect(seed).toHaveValue('7');
  expect(problems).toEqual([]);
});

/** Both trained streams on the figure's clip, computed here on the CPU backend. */
async function referenceStreams(seed: number, label: number): Promise<{ spatial: number[]; temporal: number[] }> {
  const out: Record<string, number[]> = {};
  for (const id of [MOTION4.spatial, MOTION4.temporal]) {
    const { entry, model } = await loadTrained(path.join(WEIGHTS, id));
    try {
      const clip = modelDataset(entry, seed).sample(seed, label);
      const p = tf.tidy(() => tf.softmax(model.predict(tf.tensor(clip.data, [1, ...clip.shape], 'float32')) as tf.Tensor2D));
      out[id] = Array.from(p.dataSync());
      p.dispose();
    } finally {
      model.dispose();
    }
  }
  return { spatial: out[MOTION4.spatial]!, temporal: out[MOTION4.temporal]! };
}

const bars = (figure: Locator, stream: string) =>
  figure.locator(`ul.vnn-ts-bars[data-stream="${stream}"] li`).evaluateAll((items) => items.map((li) => Number(li.getAttribute('data-probability'))));

/** The fused bars are w·p_s + (1 − w)·p_t of the two bar lists shown, worked out here. */
async function expectFused(figure: Locator, w: number): Promise<void> {
  await expect(figure).toHaveAttribute('data-w', String(w));
  const [ps, pt, fused] = await Promise.all([bars(figure, 'spatial'), bars(figure, 'temporal'), bars(figure, 'fused')]);
  fused.forEach((p, i) => expect(p).toBeCloseTo(w * ps[i]! + (1 - w) * pt[i]!, 6));
  await expect(figure.locator('.vnn-ts-description')).toContainText(`Fused with w = ${w.toFixed(2)} on the spatial stream`);
  await expect(figure.locator('.vnn-ts-current')).toHaveAttribute('data-w', String(w));
}

test.describe('fusion weight (needs the shipped motion4 two-stream network)', () => {
  test.skip(!shipped(MOTION4.spatial) || !shipped(MOTION4.temporal), 'motion4_spatial / motion4_temporal are not in this build');

  test('the streams’ outputs are the trained models’ forward passes; the fused bars follow w by keyboard and pointer', async ({ page }) => {
    test.setTimeout(300_000);
    const problems = watchProblems(page);
    await page.goto(CHAPTER);
    const figure = page.locator('vnn-two-stream');
    await waitDone(figure);
    const classes = manifest(MOTION4.temporal).dataset.classes;
    await expect(figure.locator('ul.vnn-ts-bars[data-stream="fused"] li')).toHaveCount(classes.length);
    await expect(figure.locator('ul.vnn-ts-bars li.is-predicted')).toHaveCount(3);
    // The true class is marked, in text, in all three lists.
    await expect(figure.locator('.vnn-ts-true')).toHaveCount(3);
    await expect(figure.locator('ul.vnn-ts-bars[data-stream="spatial"] li[data-class="up"]')).toContainText('true class');

    // The softmax outputs equal the library's forward passes of both shipped streams on this clip.
    const ref = await referenceStreams(1, pairClassIndex({ pair: 'motion4', motion: 'up' }));
    const [ps, pt] = await Promise.all([bars(figure, 'spatial'), bars(figure, 'temporal')]);
    const dSpatial = compareArrays(ps, ref.spatial).max;
    const dTemporal = compareArrays(pt, ref.temporal).max;
    const measured = `spatial max |Δ| ${dSpatial.toExponential(2)}, temporal ${dTemporal.toExponential(2)}`;
    test.info().annotations.push({ type: 'softmax vs Node CPU', description: measured });
    console.log(`softmax vs Node CPU: ${measured}`);
    expect(dSpatial).toBeLessThan(SOFTMAX_TOLERANCE);
    expect(dTemporal).toBeLessThan(SOFTMAX_TOLERANCE);
    await expectFused(figure, 0.5);

    // Keyboard: w is an ARIA slider in steps of 0.05; Home is the temporal stream alone, End the spatial one.
    const slider = figure.getByRole('slider', { name: 'Spatial weight w' });
    await slider.focus();
    await page.keyboard.press('ArrowLeft');
    await expect(slider).toHaveAttribute('aria-valuetext', 'w = 0.45 on the spatial stream, 0.55 on the temporal');
    await expectFused(figure, 0.45);
    await page.keyboard.press('Home');
    await expectFused(figure, 0);
    expect(await bars(figure, 'fused')).toEqual(await bars(figure, 'temporal'));
    await page.keyboard.press('End');
    await expectFused(figure, 1);
    expect(await bars(figure, 'fused')).toEqual(await bars(figure, 'spatial'));
    await expect(figure).toHaveAttribute('w', '1');

    // Pointer: the button sets the weight chosen on validation, recorded in the temporal stream's manifest.
    const record = manifest(MOTION4.temporal).twoStream!;
    await figure.getByRole('button', { name: `Use the validated w = ${record.weightSpatial.toFixed(2)}` }).click();
    await expectFused(figure, record.weightSpatial);
    const at = (w: number) => record.test.sweep.find((p) => Math.abs(p.weightSpatial - w) < 1e-6)!.accuracy;
    await expect(figure.locator('.vnn-ts-sweep figcaption')).toContainText(`fused at w = ${record.weightSpatial.toFixed(2)} ${(at(record.weightSpatial) * 100).toFixed(1)}%`);
    await expect(figure.locator('.vnn-ts-sweep figcaption')).toContainText(`temporal stream alone (w = 0) ${(record.test.temporal * 100).toFixed(1)}%`);
    await expect(figure.locator('.vnn-ts-chart')).toHaveAttribute('aria-label', /spatial stream alone \(w = 1\) \d+\.\d%/);

    // Another class, same seed: the spatial stream's input (the middle frame) is the same, so are its outputs;
    // the temporal stream sees the new motion, and the forward passes still match.
    const before = await bars(figure, 'spatial');
    await figure.getByLabel('Class', { exact: true }).selectOption('left');
    await expect(figure).toHaveAttribute('data-clip', 'motion4:left:1', { timeout: 150_000 });
    expect(await bars(figure, 'spatial')).toEqual(before);
    const refLeft = await referenceStreams(1, pairClassIndex({ pair: 'motion4', motion: 'left' }));
    expect(compareArrays(await bars(figure, 'temporal'), refLeft.temporal).max).toBeLessThan(SOFTMAX_TOLERANCE);
    await expectFused(figure, record.weightSpatial);
    await expect(figure.locator('ul.vnn-ts-bars[data-stream="temporal"] li[data-class="left"]')).toContainText('true class');
    expect(problems).toEqual([]);
  });

  test('a corrupted weight shard is refused with a message naming it, and Try again recovers', async ({ page }) => {
    test.setTimeout(240_000);
    const problems = watchProblems(page);
    const corrupt = readFileSync(path.join(WEIGHTS, MOTION4.temporal, 'weights.bin'));
    for (let i = 0; i < corrupt.length; i += 97) corrupt[i] = corrupt[i]! ^ 0xff;
    const url = `**/weights/${MOTION4.temporal}/weights.bin`;
    await page.route(url, (route) => route.fulfill({ status: 200, contentType: 'application/octet-stream', body: corrupt }));
    await page.goto('/embed/two-stream/');
    const figure = page.locator('vnn-two-stream');
    await expect(figure).toHaveAttribute('data-state', 'error', { timeout: 120_000 });
    const alert = figure.getByRole('alert');
    await expect(alert).toContainText(`Loading ${MOTION4.temporal} failed`);
    await expect(alert).toContainText('weights.bin');
    await expect(alert).toContainText('checksum mismatch');
    await expect(figure.locator('progress')).toBeHidden();
    await expect(figure.locator('.vnn-ts-outputs')).toBeHidden();

    await page.unroute(url);
    await figure.getByRole('button', { name: 'Try again' }).click();
    await waitDone(figure);
    await expectFused(figure, 0.5);
    expect(problems).toEqual([]);
  });
});

test('the embed pages honour their query; malformed values fall back with notes', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('/embed/flow-stack/?data=something&motion=grow&seed=5&flows=6&theme=dark');
  const stack = page.locator('vnn-flow-stack');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(stack.getByLabel('Dataset')).toHaveValue('something');
  await expect(stack.getByLabel('Class', { exact: true })).toHaveValue('grow');
  await expect(stack.getByRole('spinbutton', { name: 'Clip seed' })).toHaveValue('5');
  await expect(stack.getByRole('slider')).toHaveValue('6');
  await waitDone(stack);
  await expectStackMatches(stack, { data: 'something', motion: 'grow', seed: 5, flows: 6 });
  await expect(stack.locator('.vnn-notes li')).toHaveCount(0);
  // The address bar follows the state.
  await stack.getByRole('slider').focus();
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => new URL(page.url()).search).toBe('?data=something&seed=5&flows=5&motion=grow&theme=dark');

  await page.goto('/embed/flow-stack/?flows=99&motion=%3Cimg%20src%3Dx%3E&data=motion4&theme=purple');
  await expect(stack.locator('.vnn-notes li')).toHaveText([
    'Ignored theme “purple”: expected light, dark or auto.',
    'Ignored number of flow fields “99”: expected a whole number from 1 to 7. Using 3.',
    'Ignored motion “<img src=x>”: expected one of left, right, up, down. Using right.',
  ]);
  await expect(stack.locator('img')).toHaveCount(0);
  await expect(stack.getByRole('slider')).toHaveValue('3');

  await page.goto('/embed/two-stream/?motion=down&seed=3&w=0.25');
  const fusion = page.locator('vnn-two-stream');
  await expect(fusion.getByLabel('Class', { exact: true })).toHaveValue('down');
  await expect(fusion.getByRole('spinbutton', { name: 'Clip seed' })).toHaveValue('3');
  await expect(fusion.getByRole('slider')).toHaveValue('0.25');
  await expect(fusion.locator('.vnn-notes li')).toHaveCount(0);
  await page.goto('/embed/two-stream/?w=2&pair=kinetics&seed=abc&w2=1');
  await expect(fusion.locator('.vnn-notes li')).toHaveText([
    'Ignored spatial weight “2”: expected a number from 0 to 1. Using 0.5.',
    /^Ignored network “kinetics”: expected one of motion4/,
    'Ignored clip seed “abc”: expected a whole number from 0 to 4,294,967,295. Using 1.',
    'Ignored unknown setting “w2”.',
  ]);
  await page.goto('/embed/two-stream/?w=0.33');
  await expect(fusion.locator('.vnn-notes li')).toHaveText(['Rounded the spatial weight 0.33 to 0.35, a multiple of 0.05.']);
  await expect(fusion.getByRole('slider')).toHaveValue('0.35');
});

/**
 * A full-page screenshot in slices of 4,000 px, stitched: in one piece, a page
 * taller than 8,192 px (SwiftShader's largest texture) comes back with its top
 * repeated further down.
 */
async function fullPageScreenshot(page: Page, file: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  const { width, height } = await page.evaluate(() => ({ width: document.documentElement.clientWidth, height: document.documentElement.scrollHeight }));
  const slices = [];
  for (let top = 0; top < height; top += 4000) {
    slices.push({ input: await page.screenshot({ fullPage: true, clip: { x: 0, y: top, width, height: Math.min(4000, height - top) } }), left: 0, top });
  }
  await sharp({ create: { width, height, channels: 4, background: '#ffffff' } }).composite(slices).png().toFile(file);
}

/** Axe (the viewer has its own spec and is left out), no sideways scrolling at 375 px, screenshots at both widths. */
async function checkChapter(page: Page, theme: Theme): Promise<void> {
  await page.addStyleTag({ content: '.sl-markdown-content > * { content-visibility: visible !important; }' });
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).exclude('vnn-flow-viewer').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`)).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 900 });
  await fullPageScreenshot(page, `test-results/screenshots/chapter3-${theme}-1280.png`);
  await page.setViewportSize({ width: 375, height: 800 });
  await page.waitForTimeout(200);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 'sideways scrolling at 375 px').toBeLessThanOrEqual(0);
  await fullPageScreenshot(page, `test-results/screenshots/chapter3-${theme}-375.png`);
}

for (const theme of ['light', 'dark'] as const) {
  test(`the chapter in the ${theme} theme: both figures drawn, axe clean, screenshots at 1280 and 375 px`, async ({ page }) => {
    test.setTimeout(300_000);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await openInTheme(page, CHAPTER, theme);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await waitDone(page.locator('vnn-flow-stack'));
    if (shipped(MOTION4.spatial) && shipped(MOTION4.temporal)) {
      await waitDone(page.locator('vnn-two-stream'));
      // Reduced motion: the bars jump to their values.
      expect(await page.locator('.vnn-ts-fill').first().evaluate((e) => getComputedStyle(e).transitionDuration)).toBe('0s');
    }
    await checkChapter(page, theme);
  });
}
