/**
 * The optical-flow viewer (/embed/flow/ and chapter 3): flow on a video made
 * here with ffmpeg (a texture sliding right at a known speed), every kind of
 * bad input with its message while the page goes on, the webcam refused,
 * missing and (a fake one) working, WASM when WebGL is off, a flat tensor count
 * over 300 frame pairs, query state, axe and screenshots.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect, chromium, type Locator, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';
import { openInTheme, watchProblems, type Theme } from './helpers';

const EMBED = '/embed/flow/';
const CHAPTER = '/chapters/two-stream/';
/** The test video: 320×240 at 15 fps for 2 s; its texture moves SPEED px right per frame. */
const SPEED = 4;
const VIDEO_WIDTH = 320;

// ---- Test videos, made on demand with Debian's ffmpeg in a folder per worker ----
let folder: string | undefined;
function video(name: 'moving.webm' | 'truncated.webm' | 'empty.webm' | 'notes.webm' | 'moving.avi' | 'big4k.webm' | 'long.webm'): string {
  folder ??= mkdtempSync(path.join(os.tmpdir(), 'vnn-flow-videos-'));
  const file = path.join(folder, name);
  if (existsSync(file)) return file;
  mkdirSync(folder, { recursive: true });
  const ffmpeg = (...args: string[]) => execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args, file]);
  switch (name) {
    case 'moving.webm':
      // A sum of sines in (x − SPEED·n, y): a pure translation of SPEED px per frame to the right.
      ffmpeg('-f', 'lavfi', '-i', `nullsrc=s=${VIDEO_WIDTH}x240:r=15:d=2,format=yuv444p,geq=lum='128+55*sin((X-${SPEED}*N)/7)*cos(Y/9)+45*sin((X-${SPEED}*N)/19+Y/13)':cb=128:cr=128`, '-c:v', 'libvpx', '-b:v', '1M', '-pix_fmt', 'yuv420p');
      break;
    case 'truncated.webm':
      writeFileSync(file, readFileSync(video('moving.webm')).subarray(0, 4000));
      break;
    case 'empty.webm':
      writeFileSync(file, '');
      break;
    case 'notes.webm':
      writeFileSync(file, 'This is a plain text file, renamed to look like a video.\n');
      break;
    case 'moving.avi':
      // Motion JPEG in AVI: a container Chromium does not play.
      ffmpeg('-i', video('moving.webm'), '-c:v', 'mjpeg', '-q:v', '5');
      break;
    case 'big4k.webm':
      // 3840×2160, four frames, a yellow square moving 200 px a frame: small on disk.
      ffmpeg('-filter_complex', "color=c=0x336699:s=3840x2160:r=4:d=1[bg];color=c=yellow:s=600x600:r=4:d=1[box];[bg][box]overlay=x='200+t*800':y=600:shortest=1,format=yuv420p", '-c:v', 'libvpx', '-b:v', '100k', '-deadline', 'realtime', '-cpu-used', '16');
      break;
    case 'long.webm':
      ffmpeg('-f', 'lavfi', '-i', 'testsrc2=s=96x72:r=10:d=30', '-c:v', 'libvpx', '-b:v', '50k', '-deadline', 'realtime', '-cpu-used', '16');
      break;
  }
  return file;
}

// ---- Helpers ----
const viewer = (page: Page) => page.locator('vnn-flow-viewer');
const flows = async (v: Locator) => Number((await v.getAttribute('data-flows')) ?? 0);

/** Waits until the viewer has computed more than `count` pairs. */
async function waitForFlows(v: Locator, count = 0, timeout = 90_000) {
  await expect.poll(() => flows(v), { timeout }).toBeGreaterThan(count);
}

/** Makes WebGL unavailable before any script runs, as in a browser with it switched off. */
async function withoutWebgl(page: Page) {
  await page.addInitScript(() => {
    const getContext = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
      return /webgl/i.test(type) ? null : (getContext as (...a: unknown[]) => RenderingContext | null).call(this, type, ...rest);
    } as typeof getContext;
  });
}

/** The flow canvas's pixels: how many differ from white, how many are grey (r = g = b). */
function canvasStats(v: Locator) {
  return v.locator('canvas.vnn-fv-flow').evaluate((c: HTMLCanvasElement) => {
    const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
    let coloured = 0;
    let grey = 0;
    let bright = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
      if (r < 250 || g < 250 || b < 250) coloured++;
      if (r === g && g === b) grey++;
      if (r > 40) bright++;
    }
    const n = data.length / 4;
    return { coloured: coloured / n, grey: grey / n, bright: bright / n, width: c.width, height: c.height };
  });
}

async function chooseFile(page: Page, file: string) {
  await page.locator('vnn-flow-viewer input[type="file"]').setInputFiles(file);
}

/** Axe on the page, or only on `include` (the chapter's own prose is the page-wide spec's business). */
async function checkAxe(page: Page, include?: string) {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']);
  if (include) builder = builder.include(include);
  const axe = await builder.analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`)).toEqual([]);
}

// ---- Tests ----

test('flow on a generated WebM has the known speed and direction; scrubber and play/pause work by keyboard and pointer', async ({ page }) => {
  // WebGL here is SwiftShader on the CPU: compiling the shaders and each pair take seconds.
  test.setTimeout(180_000);
  const problems = watchProblems(page);
  await page.goto(`${EMBED}?source=file&size=48&quality=quick`);
  const v = viewer(page);
  await expect(v).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
  await expect(v.getByText('Nothing leaves your machine')).toBeVisible();
  await chooseFile(page, video('moving.webm'));
  await waitForFlows(v);
  await expect(v).toHaveAttribute('data-backend', 'webgl');
  // 2 s at 15 fps, every frame read.
  await expect(v).toHaveAttribute('data-frames', '30');
  await expect(v.getByRole('alert')).toBeEmpty();

  // Independent value: the texture moves SPEED px per frame at 320 px, so SPEED·48/320 = 0.6 px a frame at 48×36, to the right.
  const gap = Number(await v.getAttribute('data-gap'));
  expect(gap).toBeCloseTo(1 / 15, 3);
  const expected = SPEED * (48 / VIDEO_WIDTH) * gap * 15;
  const meanU = Number(await v.getAttribute('data-mean-u'));
  expect(Math.abs(meanU - expected) / expected, `mean u ${meanU} vs ${expected}`).toBeLessThan(0.15);
  expect(Math.abs(Number(await v.getAttribute('data-mean-v')))).toBeLessThan(0.1);
  expect(Number(await v.getAttribute('data-mean-magnitude'))).toBeGreaterThan(0.5 * expected);
  await expect(v.locator('.vnn-fv-summary')).toContainText('on average moving right.');
  await expect(v.locator('.vnn-fv-summary')).toContainText('at 48×36 pixels');
  await expect(v.locator('[data-stat="mean"] dd')).toHaveText(/^0\.[5-7]\d px$/);
  // The colour picture is coloured where the texture moves (everywhere here), not white.
  const colour = await canvasStats(v);
  expect(colour.coloured).toBeGreaterThan(0.9);
  expect(colour.grey).toBeLessThan(0.5);
  const tensorsAtStart = await v.getAttribute('data-tensors');

  // Scrubber by keyboard: an ARIA slider with value text.
  const scrubber = v.getByRole('slider', { name: 'Frame pair' });
  await scrubber.focus();
  await page.keyboard.press('ArrowRight');
  await expect(v).toHaveAttribute('data-frame', '1');
  await expect(scrubber).toHaveAttribute('aria-valuetext', 'Frames 2 → 3 of 30');
  await page.keyboard.press('End');
  await expect(v).toHaveAttribute('data-frame', '28');
  await expect(v.locator('.vnn-fv-summary')).toContainText('Frames 29 → 30 of 30');
  await page.keyboard.press('Home');
  await expect(v).toHaveAttribute('data-frame', '0');

  // Scrubber by pointer: a click half-way along.
  const box = (await scrubber.boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect.poll(async () => Number(await v.getAttribute('data-frame'))).toBeGreaterThan(8);
  expect(Number(await v.getAttribute('data-frame'))).toBeLessThan(20);

  // Play and pause by keyboard (Enter on the button, Space on the slider) ...
  const play = v.getByRole('button', { name: 'Play' });
  await play.focus();
  await page.keyboard.press('Enter');
  await expect(v).toHaveAttribute('data-playing', 'true');
  const before = await flows(v);
  await waitForFlows(v, before + 2);
  await scrubber.focus();
  await page.keyboard.press(' ');
  await expect(v).not.toHaveAttribute('data-playing', 'true');
  await expect(v.getByRole('button', { name: 'Play' })).toBeVisible();
  // ... and by pointer.
  await v.getByRole('button', { name: 'Play' }).click();
  await expect(v).toHaveAttribute('data-playing', 'true');
  await waitForFlows(v, (await flows(v)) + 1);
  await v.getByRole('button', { name: 'Pause' }).click();
  await expect(v).not.toHaveAttribute('data-playing', 'true');

  // Display modes redraw the same field: magnitude is grey levels, arrows lie over the frame.
  await v.getByLabel('Magnitude', { exact: true }).check();
  await expect.poll(async () => (await canvasStats(v)).grey).toBe(1);
  await expect(v.locator('.vnn-fv-key figcaption')).toContainText('Black: still');
  await v.getByLabel('Arrows', { exact: true }).check();
  await expect.poll(async () => (await canvasStats(v)).grey).toBeLessThan(1);
  await expect(v.locator('.vnn-fv-key figcaption')).toContainText('Arrows point where each part moves');
  expect(await v.getAttribute('data-tensors')).toBe(tensorsAtStart);
  expect(problems).toEqual([]);
});

test('each bad file gets its own message, and the page goes on: a good file afterwards works', async ({ page }) => {
  test.setTimeout(150_000);
  const problems = watchProblems(page);
  // Reading files does not depend on the backend; WASM keeps the flows quick here.
  await withoutWebgl(page);
  // With reduced motion the video being read plays out of sight.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(`${EMBED}?source=file&size=48&quality=quick`);
  const v = viewer(page);
  await expect(v).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
  await expect(v.locator('.vnn-fv-summary')).toHaveText('Choose a video file above (or drop one on the box) to see its flow.');
  const alert = v.getByRole('alert');
  const cases: [Parameters<typeof video>[0], string, RegExp][] = [
    ['empty.webm', 'empty', /“empty\.webm” is empty \(0 bytes\)/],
    ['notes.webm', 'not-video', /“notes\.webm” is not a video: it looks like text/],
    ['moving.avi', 'unsupported', /This browser cannot play “moving\.avi” \(AVI format\): its format or codec is not supported here/],
    ['truncated.webm', 'damaged', /“truncated\.webm” (could not be decoded|stopped before its first two frames)/],
  ];
  for (const [name, kind, text] of cases) {
    await chooseFile(page, video(name));
    await expect(v).toHaveAttribute('data-error', kind === 'damaged' ? /^(damaged|stalled)$/ : kind, { timeout: 30_000 });
    await expect(alert).toHaveText(text);
    await expect(v.locator('progress')).toBeHidden();
  }
  // The page is still alive: the links and the other sources respond.
  await expect(page.getByRole('link', { name: 'Video Deep Learning, Live' })).toBeVisible();

  // A good file after the bad ones, dropped on the drop zone this time: the alert clears and flow is shown.
  const bytes = [...readFileSync(video('moving.webm'))];
  const dataTransfer = await page.evaluateHandle((data) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array(data)], 'moving.webm', { type: 'video/webm' }));
    return transfer;
  }, bytes);
  await v.locator('.vnn-fv-drop').dispatchEvent('drop', { dataTransfer });
  await waitForFlows(v);
  await expect(alert).toBeEmpty();
  await expect(v).not.toHaveAttribute('data-error', /./);
  await expect(v).toHaveAttribute('data-frames', '30');
  await expect(v.locator('.vnn-fv-preview')).toHaveClass(/is-still/);
  await expect(v.locator('canvas.vnn-fv-frame')).toBeVisible();

  // 4K: read, scaled down and said so.
  await chooseFile(page, video('big4k.webm'));
  await expect(v.locator('.vnn-notes')).toContainText('This video is 3840×2160, larger than full HD: its frames are scaled down to 160×90', { timeout: 60_000 });
  // Its four frames, each once, however many were caught while playing and how many by seeking.
  await expect(v).toHaveAttribute('data-frames', '4');
  await expect(v.locator('.vnn-fv-summary')).toContainText('of the video “big4k.webm”');
  await expect(v.locator('.vnn-fv-summary')).toContainText('at 48×27 pixels');
  // The square moves 200 px of 3840 a frame: 2.5 px at 48 px wide.
  await expect.poll(async () => Number(await v.getAttribute('data-mean-u'))).toBeGreaterThan(0);
  await expect(v.locator('[data-stat="max"] dd')).toHaveText(/^(2\.[2-9]\d|3\.[0-4]\d) px$/);

  // Long: only the first 10 s are read, and the note says so.
  await chooseFile(page, video('long.webm'));
  await expect(v.locator('.vnn-notes')).toContainText('This video lasts 30 s; the viewer reads only the first 10 s (at most 150 frames, 15 a second)', { timeout: 60_000 });
  await expect(v).toHaveAttribute('data-frames', /^(9\d|10[0-5])$/);
  await expect(v.locator('.vnn-fv-summary')).toContainText('of the video “long.webm”');
  expect(problems).toEqual([]);
});

test('the webcam refused, missing, or unavailable: a message each time, and the viewer goes on', async ({ page }) => {
  const problems = watchProblems(page);
  await withoutWebgl(page);
  await page.goto(`${EMBED}?source=webcam&size=48&quality=quick`);
  const v = viewer(page);
  await expect(v).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
  await expect(v.locator('.vnn-fv-summary')).toHaveText('Press “Turn on the webcam” to see the flow of what your camera sees.');
  const alert = v.getByRole('alert');
  const turnOn = v.getByRole('button', { name: 'Turn on the webcam' });
  const refuse = (name: string) =>
    page.evaluate((errorName) => {
      MediaDevices.prototype.getUserMedia = () => Promise.reject(new DOMException('refused in a test', errorName));
    }, name);

  await refuse('NotAllowedError');
  await turnOn.click();
  await expect(v).toHaveAttribute('data-error', 'webcam-denied');
  await expect(alert).toContainText('Camera access was refused, so the webcam is off.');

  await refuse('NotFoundError');
  await turnOn.focus();
  await page.keyboard.press('Enter');
  await expect(v).toHaveAttribute('data-error', 'webcam-missing');
  await expect(alert).toContainText('No camera was found.');

  // A page that is not a secure context has no navigator.mediaDevices at all.
  await page.evaluate(() => Object.defineProperty(Navigator.prototype, 'mediaDevices', { get: () => undefined, configurable: true }));
  await turnOn.click();
  await expect(v).toHaveAttribute('data-error', 'webcam-unavailable');
  await expect(alert).toContainText('This browser offers no camera access on this page');

  // The viewer goes on: the generated clip shows flow.
  await v.getByLabel('Generated clip', { exact: true }).check();
  await waitForFlows(v);
  await expect(v.locator('.vnn-fv-summary')).toContainText('of the generated clip (rotate clockwise, seed 24)');
  expect(problems).toEqual([]);
});

test('a (fake) webcam shows live flow; pausing keeps its frames for scrubbing; turning it off stops the camera', async ({ baseURL }) => {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
  });
  try {
    const context = await browser.newContext({ baseURL: baseURL!, permissions: ['camera'] });
    const page = await context.newPage();
    const problems = watchProblems(page);
    await withoutWebgl(page);
    await page.goto(`${EMBED}?source=webcam&size=48&quality=quick`);
    const v = viewer(page);
    await expect(v).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
    await v.getByRole('button', { name: 'Turn on the webcam' }).click();
    await expect(v).toHaveAttribute('data-playing', 'true', { timeout: 30_000 });
    await waitForFlows(v, 3);
    await expect(v.locator('.vnn-fv-summary')).toContainText('of the webcam');
    await expect(v.getByRole('alert')).toBeEmpty();
    await v.getByRole('button', { name: 'Pause' }).click();
    const frames = Number(await v.getAttribute('data-frames'));
    expect(frames).toBeGreaterThanOrEqual(5);
    const scrubber = v.getByRole('slider', { name: 'Frame pair' });
    await scrubber.focus();
    await page.keyboard.press('Home');
    await expect(v).toHaveAttribute('data-frame', '0');
    await v.getByRole('button', { name: 'Turn off the webcam' }).click();
    await expect(v.getByRole('button', { name: 'Turn on the webcam' })).toBeVisible();
    expect(problems).toEqual([]);
  } finally {
    await browser.close();
  }
});

test('without WebGL the viewer runs on WASM and says so; the tensor count stays flat over 300 frame pairs', async ({ page }) => {
  test.setTimeout(240_000);
  const problems = watchProblems(page);
  await withoutWebgl(page);
  await page.goto(`${EMBED}?size=48&quality=quick`);
  const v = viewer(page);
  await waitForFlows(v);
  await expect(v).toHaveAttribute('data-backend', 'wasm');
  await expect(v.locator('.vnn-notes')).toContainText('WebGL is not available in this browser, so flow runs on WebAssembly (CPU) instead');
  await expect(v.locator('.vnn-fv-runtime')).toHaveText('Flow runs on WebAssembly (CPU) in this browser.');
  await expect(v.locator('[data-stat="time"] dd')).toContainText('on WebAssembly (CPU)');

  await v.getByRole('button', { name: 'Play' }).click();
  await waitForFlows(v, 9);
  const early = { flows: await flows(v), tensors: await v.getAttribute('data-tensors') };
  await waitForFlows(v, 299, 200_000);
  const late = { flows: await flows(v), tensors: await v.getAttribute('data-tensors') };
  await v.getByRole('button', { name: 'Pause' }).click();
  expect(early.flows).toBeLessThan(20);
  expect(late.flows).toBeGreaterThanOrEqual(300);
  expect(early.tensors).not.toBeNull();
  expect(late.tensors, `tensors after ${early.flows} pairs: ${early.tensors}; after ${late.flows}: ${late.tensors}`).toBe(early.tensors);
  expect(problems).toEqual([]);
});

test('the embed honours its query state, explains bad values, and keeps the address bar in step', async ({ page }) => {
  const problems = watchProblems(page);
  await withoutWebgl(page);
  await page.goto(`${EMBED}?motion=right&seed=28&size=64&quality=quick&display=arrows&frame=5&theme=light`);
  const v = viewer(page);
  await waitForFlows(v);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await expect(v).toHaveAttribute('data-frame', '5');
  await expect(v.getByLabel('Arrows', { exact: true })).toBeChecked();
  await expect(v.getByLabel('Motion', { exact: true })).toHaveValue('right');
  await expect(v.getByLabel('Clip seed', { exact: true })).toHaveValue('28');
  await expect(v.locator('.vnn-fv-summary')).toContainText('Frames 6 → 7 of 16 of the generated clip (move right, seed 28)');
  await expect(v.locator('.vnn-fv-summary')).toContainText('at 64×64 pixels');
  await expect(v.locator('.vnn-notes li')).toHaveCount(1); // only the WASM note
  // An edit goes back into the URL (non-default values only).
  await v.getByLabel('Motion', { exact: true }).selectOption('grow');
  await expect(page).toHaveURL(/\?motion=grow&seed=28&size=64&quality=quick&display=arrows&frame=5&theme=light$/);

  // Hostile and out-of-range values: defaults, notes as text, nothing injected.
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  const hostile = new URLSearchParams([
    ['source', '<img src=x onerror=alert(1)>'],
    ['size', '7'],
    ['seed', '1e3'],
    ['display', '"><script>window.__pwned=1</script>'],
    ['frame', '40'],
  ]);
  await page.goto(`${EMBED}?${hostile.toString()}`);
  await waitForFlows(v);
  const notes = v.locator('.vnn-notes li');
  // Echoed as text, shortened to 24 characters.
  await expect(notes.filter({ hasText: 'Ignored source “<img src=x onerror=alert…”' })).toHaveCount(1);
  await expect(notes.filter({ hasText: 'Ignored working size “7”' })).toHaveCount(1);
  await expect(notes.filter({ hasText: 'Ignored clip seed “1e3”' })).toHaveCount(1);
  await expect(notes.filter({ hasText: 'Ignored display' })).toHaveCount(1);
  await expect(notes.filter({ hasText: 'Frame 41 is past the end of this 16-frame source' })).toHaveCount(1);
  await expect(v).toHaveAttribute('data-frame', '14');
  expect(await page.locator('vnn-flow-viewer :is(img, script)').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(dialogs).toBe(0);
  expect(problems).toEqual([]);
});

for (const theme of ['light', 'dark'] as Theme[]) {
  test(`axe finds nothing on the embed and the chapter (${theme}); the viewer fits 360 px`, async ({ page }) => {
    const problems = watchProblems(page);
    await withoutWebgl(page);
    await page.setViewportSize({ width: 1280, height: 900 });
    await openInTheme(page, `${EMBED}?size=48&quality=quick`, theme);
    const v = viewer(page);
    await waitForFlows(v);
    await checkAxe(page);
    await page.screenshot({ path: `test-results/screenshots/flow-viewer-embed-${theme}-1280.png`, fullPage: true });

    await openInTheme(page, CHAPTER, theme);
    await page.addStyleTag({ content: '.sl-markdown-content > * { content-visibility: visible !important; }' });
    await viewer(page).scrollIntoViewIfNeeded();
    await waitForFlows(viewer(page));
    await checkAxe(page, 'vnn-flow-viewer');
    await viewer(page).screenshot({ path: `test-results/screenshots/flow-viewer-chapter-${theme}-1280.png` });

    await page.setViewportSize({ width: 360, height: 800 });
    await viewer(page).scrollIntoViewIfNeeded();
    const widget = viewer(page).locator('.vnn-widget');
    const box = (await widget.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    expect(await widget.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await viewer(page).screenshot({ path: `test-results/screenshots/flow-viewer-chapter-${theme}-360.png` });
    expect(problems).toEqual([]);
  });
}
