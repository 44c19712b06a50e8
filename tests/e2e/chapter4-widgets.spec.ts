/**
 * Chapter 4's parameter calculator, C3D table and learned filters: each renders,
 * answers keyboard and pointer, shows what the library computes for its state
 * (computed here in Node), honours its embed query and explains a bad one.
 * The filters figure reports a corrupted weight file and recovers on retry.
 */
import { readFileSync } from 'node:fs';
import { test, expect, type Locator, type Page } from '@playwright/test';
import { watchProblems } from './helpers';
import { compareConvWeights } from '../../src/lib/video-nn/analysis/costs';
import { formatCount } from '../../src/lib/video-nn/analysis/videoSize';
import { analyze } from '../../src/lib/video-nn/analysis/analyze';
import { c3d } from '../../src/lib/video-nn/spec/c3d';
import { specVariables } from '../../src/lib/video-nn/models/params';
import { findTrainable } from '../../src/lib/video-nn/training/registry';
import { MODEL_ID, WEIGHT_NAME, frameSums, bankFor, percent, relativeChange, signed, type Banks, type FilterBank } from '../../src/components/C3dFilters/state';

const CHAPTER = '/chapters/3d-convolution/';
const clip = { channels: 3, frames: 16, height: 112, width: 112 };

async function open(page: Page, url: string, tag: string): Promise<Locator> {
  await page.goto(url);
  const widget = page.locator(tag);
  await widget.scrollIntoViewIfNeeded();
  return widget;
}

test.describe('parameter calculator', () => {
  const card = (w: Locator, kind: string, result: string) => w.locator(`[data-layer="${kind}"] [data-result="${result}"] dd`);

  test('keyboard edits give the library’s weights and MACs', async ({ page }) => {
    const w = await open(page, CHAPTER, 'vnn-conv-params');
    // The curriculum's pair: 73,728 and 221,184 weights.
    await expect(card(w, 'conv2d', 'weights')).toHaveText('73,728');
    await expect(card(w, 'conv3d', 'weights')).toHaveText('221,184');
    await expect(card(w, 'conv3d', 'macs')).toHaveText('11,098,128,384 (11.10 GMACs)');

    await w.getByLabel('Input channels').focus();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('32');
    await page.keyboard.press('Tab');
    await expect(w.getByLabel('Output channels')).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('5');
    const c = compareConvWeights({ inChannels: 32, outChannels: 129, kt: 5, kh: 3, kw: 3 }, { frames: 16, height: 56, width: 56 });
    await expect(card(w, 'conv3d', 'weights')).toHaveText(formatCount(c.conv3d));
    await expect(card(w, 'conv2d', 'weights')).toHaveText(formatCount(c.conv2d));
    await expect(card(w, 'conv2plus1d', 'weights')).toHaveText(formatCount(c.conv2plus1d.total));
    await expect(w.locator('[data-layer="conv2plus1d"] .vnn-cp-name')).toHaveText(`(2+1)-D, M = ${c.conv2plus1d.mid}`);
    await expect(card(w, 'conv3d', 'macs')).toContainText(formatCount(c.macs!.conv3d));
    await expect(card(w, 'conv3d', 'formula')).toHaveText('129 · 32 · 5 · 3 · 3');
    await expect(w).toHaveAttribute('kt', '5');

    // A preset by pointer: C3D conv1a is 1,040 M MACs.
    await w.getByRole('button', { name: 'C3D conv1a' }).click();
    await expect(w.getByRole('button', { name: 'C3D conv1a' })).toHaveAttribute('aria-pressed', 'true');
    await expect(card(w, 'conv3d', 'macs')).toHaveText('1,040,449,536 (1.04 GMACs)');
    await expect(w.locator('.vnn-cp-summary')).toContainText('5,184 weights');
  });

  test('an invalid entry is flagged and does not change the result', async ({ page }) => {
    const w = await open(page, CHAPTER, 'vnn-conv-params');
    const kt = w.getByLabel('Kernel length in time');
    await kt.fill('0');
    await expect(kt).toHaveAttribute('aria-invalid', 'true');
    await expect(w.locator(`#${await kt.getAttribute('aria-describedby')}`)).toHaveText('Enter a whole number from 1 to 15.');
    await expect(card(w, 'conv3d', 'weights')).toHaveText('221,184');
  });

  test('embed: query state, and notes for a malformed query', async ({ page }) => {
    const problems = watchProblems(page);
    let w = await open(page, '/embed/conv-params/?cin=64&cout=64&theme=light', 'vnn-conv-params');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await expect(card(w, 'conv3d', 'weights')).toHaveText('110,592');
    await expect(w.locator('[data-layer="conv2plus1d"] .vnn-cp-name')).toHaveText('(2+1)-D, M = 144');
    await expect(card(w, 'conv2plus1d', 'weights')).toHaveText('110,592');
    w = await open(page, '/embed/conv-params/?cin=%3Cscript%3E&kt=99&frames=1e2', 'vnn-conv-params');
    await expect(w.locator('.vnn-notes li')).toHaveCount(3);
    await expect(w.locator('.vnn-notes')).toContainText('<script>');
    await expect(card(w, 'conv3d', 'weights')).toHaveText('221,184');
    expect(problems).toEqual([]);
  });
});

test.describe('C3D table', () => {
  const cell = (w: Locator, row: string, col: string) => w.locator(`tr[data-row="${row}"] td[data-col="${col}"]`);

  test('is in the page before any script runs, and toggles by keyboard', async ({ page, browser, baseURL }) => {
    // Without JavaScript the build-time table is complete.
    const noJs = await browser.newContext({ javaScriptEnabled: false, baseURL: baseURL! });
    const still = await noJs.newPage();
    await still.goto(CHAPTER);
    await expect(still.locator('vnn-c3d-table tr[data-row="conv1"] td[data-col="cost"]')).toHaveText('1,040');
    await noJs.close();

    const w = await open(page, CHAPTER, 'vnn-c3d-table');
    const a = analyze(c3d({ numClasses: 101 }), clip);
    const row = (name: string) => a.rows.find((r) => r.name === name)!;
    await expect(cell(w, 'conv1', 'shape')).toHaveText('64×16×56×56');
    await expect(cell(w, 'conv5', 'shape')).toHaveText('512×1×4×4');
    await expect(cell(w, 'conv3', 'cost')).toHaveText(formatCount((row('conv3a').macs + row('conv3b').macs) / 1e6));
    await expect(cell(w, 'total', 'params')).toHaveText(formatCount(a.totals.params));
    await expect(cell(w, 'total', 'share')).toHaveText('38.55 GMACs');

    await w.getByRole('button', { name: 'FLOPs' }).focus();
    await page.keyboard.press('Enter');
    await expect(w.getByRole('button', { name: 'FLOPs' })).toHaveAttribute('aria-pressed', 'true');
    await expect(cell(w, 'conv1', 'cost')).toHaveText(formatCount((2 * row('conv1a').macs) / 1e6));
    await expect(cell(w, 'total', 'share')).toHaveText('77.09 GFLOPs (2 × MACs)');
    await w.getByRole('button', { name: 'Layers' }).focus();
    await page.keyboard.press('Space');
    await expect(w.locator('tbody tr')).toHaveCount(16);
    await expect(cell(w, 'fc6', 'params')).toHaveText(formatCount(row('fc6').params));
    await w.getByRole('button', { name: '487 (Sports-1M)' }).click();
    const b = analyze(c3d({ numClasses: 487 }), clip);
    await expect(cell(w, 'total', 'params')).toHaveText(formatCount(b.totals.params));
    await expect(w).toHaveAttribute('classes', '487');
    await expect(w.locator('.vnn-c3d-summary')).toContainText(`${formatCount(b.totals.params)} parameters`);
  });

  test('embed: query state and a malformed query', async ({ page }) => {
    let w = await open(page, '/embed/c3d-table/?rows=layers&unit=flops', 'vnn-c3d-table');
    await expect(w.locator('tbody tr')).toHaveCount(16);
    await expect(w.getByRole('button', { name: 'FLOPs' })).toHaveAttribute('aria-pressed', 'true');
    w = await open(page, '/embed/c3d-table/?unit=tflops&classes=100', 'vnn-c3d-table');
    await expect(w.locator('.vnn-notes li')).toHaveCount(2);
    await expect(w.locator('tbody tr')).toHaveCount(6);
    await expect(w.getByRole('button', { name: 'MACs' })).toHaveAttribute('aria-pressed', 'true');
  });
});

test.describe('learned filters', () => {
  const manifest = JSON.parse(readFileSync(`public/weights/${MODEL_ID}/manifest.json`, 'utf8')) as { training: { seed: number }; test: { accuracy: number } };
  const modelJson = JSON.parse(readFileSync(`public/weights/${MODEL_ID}/model.json`, 'utf8')) as { weightsManifest: { weights: { name: string; shape: number[]; offset: number }[] }[] };
  const entry = modelJson.weightsManifest[0]!.weights.find((x) => x.name === WEIGHT_NAME)!;
  const shard = readFileSync(`public/weights/${MODEL_ID}/weights.bin`);
  const count = entry.shape.reduce((a, b) => a * b, 1);
  const trained: FilterBank = { shape: entry.shape as FilterBank['shape'], data: new Float32Array(shard.buffer.slice(shard.byteOffset + entry.offset, shard.byteOffset + entry.offset + 4 * count)) };
  const initial: FilterBank = {
    shape: trained.shape,
    data: specVariables(findTrainable(MODEL_ID)!.spec().layers, manifest.training.seed).find((v) => v.name === WEIGHT_NAME)!.values(),
  };
  const banks: Banks = { trained, initial };

  test('loads the weights when scrolled near and shows each filter’s change from its start', async ({ page }) => {
    const problems = watchProblems(page);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const w = await open(page, CHAPTER, 'vnn-c3d-filters');
    await expect(w).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    const tiles = w.locator('button.vnn-cf-tile');
    await expect(tiles).toHaveCount(12);
    for (const o of [0, 5, 11]) await expect(tiles.nth(o)).toHaveAccessibleName(`Filter ${o + 1}: training moved it ${percent(relativeChange(banks, o))}`);
    await expect(w.locator('.vnn-cf-facts')).toContainText(`${(manifest.test.accuracy * 100).toFixed(1)}%`);
    // Reduced motion: the clips wait for Play.
    await expect(w.getByRole('button', { name: 'Play' })).toHaveAttribute('aria-pressed', 'false');

    // Keyboard: select filter 3, step its frames.
    await tiles.nth(2).focus();
    await page.keyboard.press('Enter');
    await expect(tiles.nth(2)).toHaveAttribute('aria-pressed', 'true');
    await expect(w).toHaveAttribute('filter', '3');
    await expect(w.locator('.vnn-cf-sums')).toContainText(frameSums(trained, 2).map(signed).join(', '));
    await w.getByRole('button', { name: 'Next frame ▶' }).focus();
    await page.keyboard.press('Enter');
    await expect(w.locator('.vnn-cf-large-frame.is-current')).toHaveAttribute('data-frame', '2');
    await expect(w.getByRole('slider', { name: 'Frame' })).toHaveValue('2');

    // Pointer: the change view, whose frame sums are trained − initial.
    await w.getByLabel('Show').selectOption('change');
    await expect(w.locator('.vnn-cf-sums')).toContainText(frameSums(bankFor('change', banks), 2).map(signed).join(', '));
    await expect(w.locator('.vnn-cf-summary')).toContainText('What training changed');
    // Play loops the frames until paused.
    await w.getByRole('button', { name: 'Play' }).click();
    await expect(w.getByRole('button', { name: 'Pause' })).toHaveAttribute('aria-pressed', 'true');
    await w.getByRole('button', { name: 'Pause' }).click();
    await expect(w.getByRole('button', { name: 'Play' })).toHaveAttribute('aria-pressed', 'false');
    expect(problems).toEqual([]);
  });

  test('plays on its own when motion is welcome', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    const w = await open(page, '/embed/c3d-filters/', 'vnn-c3d-filters');
    await expect(w).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    await expect(w.getByRole('button', { name: 'Pause' })).toHaveAttribute('aria-pressed', 'true');
  });

  test('a corrupted weight file is refused with a clear message, and Try again recovers', async ({ page }) => {
    const problems = watchProblems(page);
    const corrupt = Buffer.from(shard);
    for (let i = 0; i < corrupt.length; i += 97) corrupt[i] = corrupt[i]! ^ 0xff;
    const url = `**/weights/${MODEL_ID}/weights.bin`;
    await page.route(url, (route) => route.fulfill({ status: 200, contentType: 'application/octet-stream', body: corrupt }));
    const w = await open(page, '/embed/c3d-filters/?theme=dark', 'vnn-c3d-filters');
    await expect(w).toHaveAttribute('data-state', 'error', { timeout: 60_000 });
    await expect(w.getByRole('alert')).toContainText('weights.bin');
    await expect(w.getByRole('alert')).toContainText('checksum mismatch');
    await expect(w.locator('.vnn-cf-body')).toBeHidden();
    await page.unroute(url);
    await w.getByRole('button', { name: 'Try again' }).click();
    await expect(w).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    await expect(w.getByRole('alert')).toBeEmpty();
    await expect(w.locator('button.vnn-cf-tile')).toHaveCount(12);
    expect(problems).toEqual([]);
  });

  test('embed: query state, and notes for values the layer does not have', async ({ page }) => {
    let w = await open(page, '/embed/c3d-filters/?filter=5&show=initial&norm=layer&frame=3', 'vnn-c3d-filters');
    await expect(w).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    await expect(w.locator('button.vnn-cf-tile').nth(4)).toHaveAttribute('aria-pressed', 'true');
    await expect(w.getByLabel('Show')).toHaveValue('initial');
    await expect(w.locator('.vnn-cf-sums')).toContainText(frameSums(initial, 4).map(signed).join(', '));
    w = await open(page, '/embed/c3d-filters/?filter=40&show=%3Cimg%3E', 'vnn-c3d-filters');
    await expect(w).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    await expect(w.locator('.vnn-notes li')).toHaveCount(2);
    await expect(w.locator('.vnn-notes')).toContainText('The layer has 12 filters; showing filter 12 instead of 40.');
    await expect(w.locator('.vnn-notes')).toContainText('Ignored show “<img>”');
    expect(await page.locator('vnn-c3d-filters img').count()).toBe(0);
  });
});
