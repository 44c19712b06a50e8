/**
 * Chapter 4's sliding 3-D kernel: it loads Three.js and TensorFlow.js only when
 * scrolled near, its controls work by keyboard and pointer, and every value it
 * shows equals a plain-loop convolution computed here, in Node, from the same
 * clip and kernel (the library's generator and weights, not its tfjs code).
 * Without WebGL it says so and still shows the same numbers.
 */
import { test, expect, chromium, type Locator, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH, NO_WEBGL_ARGS } from '../../scripts/chromium.mjs';
import { watchProblems } from './helpers';
import {
  SETTINGS, clipFor, formatValue, frame2d, inputWindow, kernelWeights, kernelWeights2d, padding, parseState, type Kernel3dState,
} from '../../src/components/Kernel3d/state';
import { conv3dPlain } from '../../src/lib/video-nn/layers/reference/conv3d';

const CHAPTER = '/chapters/3d-convolution/';
const EMBED = '/embed/kernel3d/';
const KEYS: readonly string[] = SETTINGS.map((s) => s.key);

/** The widget's state, read back from its attributes the way the element reads them. */
async function stateOf(widget: Locator): Promise<Kernel3dState> {
  const pairs = await widget.evaluate((el) => [...el.attributes].map((a) => [a.name, a.value] as [string, string]));
  return parseState(pairs.filter(([k]) => KEYS.includes(k))).state;
}

/** The 3-D and 2-D values for a state, by the plain loop. */
function expectedValues(state: Kernel3dState): { v3: number; v2: number } {
  const clip = clipFor(state);
  const input = { shape: [1, ...clip.shape], data: clip.data };
  const { kt, kh, kw, stride: s } = state;
  const pads = padding(state);
  const out3 = conv3dPlain(input, { shape: [kt, kh, kw, 3, 1], data: kernelWeights(state) }, { stride: [s, s, s], padding: pads });
  const out2 = conv3dPlain(input, { shape: [1, kh, kw, 3, 1], data: kernelWeights2d(state) }, { stride: [1, s, s], padding: [[0, 0], pads[1], pads[2]] });
  const [, , h3, w3] = out3.shape as number[];
  const [, , h2, w2] = out2.shape as number[];
  return {
    v3: out3.data[(state.t * h3! + state.y) * w3! + state.x]!,
    v2: out2.data[(frame2d(state) * h2! + state.y) * w2! + state.x]!,
  };
}

const result = (widget: Locator, name: string) => widget.locator(`[data-result="${name}"] dd`);

/** The values on screen equal the plain loop's for the widget's current state. */
async function expectTrueValues(widget: Locator): Promise<Kernel3dState> {
  await expect(widget).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  const state = await stateOf(widget);
  const { v3, v2 } = expectedValues(state);
  await expect(result(widget, 'value3d')).toHaveText(formatValue(v3));
  await expect(result(widget, 'value2d')).toHaveText(formatValue(v2));
  await expect(result(widget, 'position')).toHaveText(`${state.t}, ${state.y}, ${state.x}`);
  await expect(widget.locator('.vnn-k3-summary')).toContainText(`writes ${formatValue(v3)} there`);
  return state;
}

async function openWidget(page: Page, url: string): Promise<Locator> {
  await page.goto(url);
  const widget = page.locator('vnn-kernel3d');
  await widget.scrollIntoViewIfNeeded();
  return widget;
}

test('loads Three.js and tfjs only near the viewport, then shows the real conv3d value at each step', async ({ page }) => {
  const problems = watchProblems(page);
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(r.url());
  });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(CHAPTER);
  await page.waitForLoadState('networkidle');
  expect(await page.locator('html').getAttribute('data-vnn-backend'), 'no tfjs at the top of the chapter').toBeNull();
  // The Three.js view is its own chunk (threeView.<hash>.js), fetched only near the widget.
  const sceneChunk = (urls: string[]) => urls.some((u) => /\/threeView\.[\w-]+\.js$/.test(u));
  expect(sceneChunk(scripts), 'no Three.js at the top of the chapter').toBe(false);
  const before = scripts.length;
  const widget = page.locator('vnn-kernel3d');
  await widget.scrollIntoViewIfNeeded();
  await expect(widget).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  expect(scripts.length, 'scrolling to the widget loads its code').toBeGreaterThan(before);
  expect(sceneChunk(scripts), 'Three.js loaded once the widget is near').toBe(true);
  await expect(widget.locator('.vnn-k3-scene canvas')).toBeVisible();
  await expect(widget.locator('.vnn-k3-message')).toBeEmpty();
  const initial = await expectTrueValues(widget);
  expect(initial).toMatchObject({ t: 2, y: 6, x: 3, kernel: 'motion' });
  // The temporal difference on one frame sees nothing: its 2-D partner's weights cancel.
  await expect(result(widget, 'value2d')).toHaveText('0.000');

  // Keyboard: Step with Enter, Back with Space.
  await widget.getByRole('button', { name: 'Step ▶' }).focus();
  await page.keyboard.press('Enter');
  await expect(result(widget, 'position')).toHaveText('2, 6, 4');
  await expectTrueValues(widget);
  await widget.getByRole('button', { name: '◀ Back' }).focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('Space');
  await expect(result(widget, 'position')).toHaveText('2, 6, 2');
  await expectTrueValues(widget);

  // Sliders by keyboard: a longer kernel in time shrinks the output's time axis (valid padding).
  await widget.getByRole('slider', { name: 'Kernel frames' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(result(widget, 'shape3d')).toHaveText('5×14×14');
  await expectTrueValues(widget);
  await widget.getByRole('slider', { name: 'Output column' }).focus();
  await page.keyboard.press('End');
  await expect(result(widget, 'position')).toHaveText('2, 6, 13');
  await expectTrueValues(widget);

  // Pointer: other weights, padding and stride; the position is kept inside the new output.
  await widget.getByLabel('Kernel weights').selectOption('random');
  await expectTrueValues(widget);
  await widget.getByLabel('Padding').selectOption('same');
  await expect(result(widget, 'shape3d')).toHaveText('8×16×16');
  await expectTrueValues(widget);
  await widget.getByLabel('Stride').selectOption('2');
  await expect(result(widget, 'shape3d')).toHaveText('4×8×8');
  const strided = await expectTrueValues(widget);
  expect(strided.x).toBe(7);
  expect(inputWindow(strided).x).toEqual([13, 15]);
  await expect(result(widget, 'window')).toContainText('columns 13–15');

  // A new clip: the seed box.
  await widget.getByLabel('Motion').selectOption('up');
  const seed = widget.getByRole('spinbutton', { name: 'Clip seed' });
  await seed.fill('11');
  await expect(widget).toHaveAttribute('seed', '11');
  await expectTrueValues(widget);

  // Play moves the kernel on its own until paused.
  const play = widget.getByRole('button', { name: 'Play' });
  await play.click();
  await expect(widget.getByRole('button', { name: 'Pause' })).toHaveAttribute('aria-pressed', 'true');
  await page.waitForTimeout(1200);
  await widget.getByRole('button', { name: 'Pause' }).click();
  const played = await expectTrueValues(widget);
  expect(played.t * 64 + played.y * 8 + played.x).toBeGreaterThan(strided.t * 64 + strided.y * 8 + strided.x);
  expect(problems).toEqual([]);
});

test('an invalid seed is flagged and leaves the clip as it was', async ({ page }) => {
  const widget = await openWidget(page, CHAPTER);
  const seed = widget.getByRole('spinbutton', { name: 'Clip seed' });
  await seed.fill('-4');
  await expect(seed).toHaveAttribute('aria-invalid', 'true');
  await expect(widget.locator('.vnn-k3-error')).toHaveText('Enter a whole number from 0 to 9,999.');
  await expectTrueValues(widget);
  await seed.blur();
  await expect(seed).toHaveValue('3');
});

test('the embed page honours its query, and refuses a malformed one with notes', async ({ page }) => {
  const problems = watchProblems(page);
  let widget = await openWidget(page, `${EMBED}?kernel=average&kt=2&kh=4&pad=same&t=5&y=9&x=1&theme=dark`);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const state = await expectTrueValues(widget);
  expect(state).toMatchObject({ kernel: 'average', kt: 2, kh: 4, pad: 'same', t: 5, y: 9, x: 1 });
  await expect(widget.locator('.vnn-notes li')).toHaveCount(0);
  // The address bar follows the state.
  await widget.getByRole('button', { name: 'Step ▶' }).click();
  await expect(page).toHaveURL(/x=2/);
  await expect(page).toHaveURL(/theme=dark/);
  // Let the 3-D view finish loading, so leaving the page aborts no request.
  await expect(widget.locator('.vnn-k3-scene canvas')).toBeVisible();

  widget = await openWidget(page, `${EMBED}?kt=9&pad=%3Cb%3Ebold%3C%2Fb%3E&t=12&stride=0x2`);
  const notes = widget.locator('.vnn-notes li');
  await expect(notes).toHaveCount(4);
  await expect(widget.locator('.vnn-notes')).toContainText('Ignored padding “<b>bold</b>”');
  await expect(widget.locator('.vnn-notes')).toContainText('only 6 frames');
  expect(await page.locator('vnn-kernel3d b').count()).toBe(0);
  const fallback = await expectTrueValues(widget);
  expect(fallback).toMatchObject({ kt: 3, pad: 'valid', stride: 1, t: 5 });
  expect(problems).toEqual([]);
});

test('reduced motion: nothing moves until the reader presses Play', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const widget = await openWidget(page, EMBED);
  await expectTrueValues(widget);
  await page.waitForTimeout(800);
  await expect(result(widget, 'position')).toHaveText('2, 6, 3');
  await expect(widget.getByRole('button', { name: 'Play' })).toHaveAttribute('aria-pressed', 'false');
});

test('without WebGL: a clear message, the flat drawings and the same numbers (computed on WASM)', async ({ baseURL }) => {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...NO_WEBGL_ARGS] });
  try {
    const page = await browser.newPage({ baseURL: baseURL! });
    const problems = watchProblems(page);
    const widget = await openWidget(page, `${EMBED}?kernel=random&t=4&y=1&x=12`);
    await expect(widget).toHaveAttribute('data-webgl', 'missing');
    await expect(widget.locator('.vnn-k3-message')).toContainText('WebGL is not available');
    await expect(widget.locator('.vnn-k3-scene canvas')).toHaveCount(0);
    await expect(widget.locator('.vnn-k3-strip canvas')).toHaveCount(8);
    await expectTrueValues(widget);
    await expect(widget.locator('.vnn-k3-status')).toContainText('WebAssembly');
    await widget.getByRole('button', { name: 'Step ▶' }).click();
    await expect(result(widget, 'position')).toHaveText('4, 1, 13');
    await expectTrueValues(widget);
    expect(problems).toEqual([]);
  } finally {
    await browser.close();
  }
});

test('fits a 360 px wide screen', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  const widget = await openWidget(page, CHAPTER);
  await expectTrueValues(widget);
  const root = widget.locator('.vnn-widget');
  const box = await root.boundingBox();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(360);
  expect(await root.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
});
