/**
 * The video size calculator in chapter 1, driven by keyboard alone. Expected
 * values are worked by hand here, independently of the library.
 */
import { test, expect, type Locator } from '@playwright/test';

const CHAPTER = '/chapters/images-to-video/';

const result = (widget: Locator, name: string) => widget.locator(`[data-result="${name}"] dd`);

test('the calculator answers keyboard input with the right numbers', async ({ page }) => {
  await page.goto(CHAPTER);
  const widget = page.locator('vnn-video-size');
  await widget.scrollIntoViewIfNeeded();
  // Default: one minute of 1920×1080 RGB at 30 fps = 1800 × 6,220,800 bytes.
  await expect(result(widget, 'bytes-exact')).toContainText('11,197,440,000');
  await expect(result(widget, 'bytes')).toContainText('11.2 GB');

  // A preset button, pressed with the keyboard: 16 frames × 112 × 112 × 3 = 602,112 bytes = 588 KiB.
  await widget.getByRole('button', { name: 'A training clip' }).focus();
  await page.keyboard.press('Enter');
  await expect(widget.getByRole('button', { name: 'A training clip' })).toHaveAttribute('aria-pressed', 'true');
  await expect(result(widget, 'frames')).toHaveText('16 of 96');
  await expect(result(widget, 'bytes-exact')).toContainText('602,112');
  await expect(result(widget, 'bytes')).toContainText('588 KiB');

  // SD with Space, then type a duration of 1 s: 30 × 640 × 480 × 3 = 27,648,000 bytes.
  await widget.getByRole('button', { name: 'One minute of SD' }).focus();
  await page.keyboard.press('Space');
  await widget.getByLabel('Duration (s)').focus();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('1');
  await expect(result(widget, 'bytes-exact')).toContainText('27,648,000');
  await expect(widget.getByRole('button', { name: 'One minute of SD' })).toHaveAttribute('aria-pressed', 'false');

  // Tab to "keep every n-th frame" and step it up with an arrow key: 15 frames = 13,824,000 bytes.
  await page.keyboard.press('Tab');
  await expect(widget.getByLabel('Keep every n-th frame')).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(result(widget, 'frames')).toHaveText('15 of 30');
  await expect(result(widget, 'bytes-exact')).toContainText('13,824,000');

  // Tab to the crop checkbox and toggle it with Space: 15 × 224 × 224 × 3 = 2,257,920 bytes.
  await page.keyboard.press('Tab');
  await expect(widget.getByLabel('Crop or resize frames')).toBeFocused();
  await page.keyboard.press('Space');
  await expect(result(widget, 'bytes-exact')).toContainText('2,257,920');
  await expect(result(widget, 'shape')).toHaveText('15×224×224×3');

  // 32-bit floats quadruple the bytes but not the count of numbers.
  await widget.getByLabel('Bits per value').selectOption('32');
  await expect(result(widget, 'bytes-exact')).toContainText('9,031,680');
  await expect(result(widget, 'values')).toHaveText('2,257,920');

  // The text alternative says the same in words.
  await expect(widget.locator('.vnn-vs-summary')).toContainText('2,257,920 numbers');
  // State is reflected in attributes, so it can be serialised.
  await expect(widget).toHaveAttribute('bits', '32');
  await expect(widget).toHaveAttribute('cropw', '224');
});

test('an invalid entry is flagged, explained, and does not change the result', async ({ page }) => {
  await page.goto(CHAPTER);
  const widget = page.locator('vnn-video-size');
  const width = widget.getByLabel('Width (px)', { exact: true });
  await width.focus();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('-5');
  await expect(width).toHaveAttribute('aria-invalid', 'true');
  await expect(widget.locator('.vnn-vs-error').first()).toContainText('whole number from 1 to 8,192');
  await expect(result(widget, 'bytes-exact')).toContainText('11,197,440,000');
  // Leaving the field restores the value in use.
  await page.keyboard.press('Tab');
  await expect(width).toHaveValue('1920');
  await expect(width).not.toHaveAttribute('aria-invalid', 'true');
});

test('the calculator fits a 360 px wide screen', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(CHAPTER);
  const widget = page.locator('vnn-video-size .vnn-widget');
  await widget.scrollIntoViewIfNeeded();
  const box = await widget.boundingBox();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(360);
  const overflow = await widget.evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
