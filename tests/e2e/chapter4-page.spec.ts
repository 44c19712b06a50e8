/**
 * Chapter 4 as a reader sees it: every widget loaded, no console errors, axe
 * clean in both themes, and screenshots at 1280 and 375 px; the embed pages of
 * its widgets pass axe too.
 */
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { openInTheme, settle, watchProblems, type Theme } from './helpers';

const CHAPTER = '/chapters/3d-convolution/';
const WIDGETS = ['vnn-kernel3d', 'vnn-conv-params', 'vnn-c3d-table', 'vnn-c3d-filters'];
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function axe(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}

/** Scrolls each widget into view so it loads, and waits until the ones that compute are ready. */
async function loadWidgets(page: Page): Promise<void> {
  for (const tag of WIDGETS) await page.locator(tag).scrollIntoViewIfNeeded();
  for (const tag of ['vnn-kernel3d', 'vnn-c3d-filters']) await expect(page.locator(tag)).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
}

async function widgetShots(page: Page, theme: Theme, width: number): Promise<void> {
  // The site's sticky header would otherwise sit on top of a tall widget's picture.
  await page.evaluate(() => {
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      const { position } = getComputedStyle(el);
      if (position === 'fixed' || position === 'sticky') el.style.position = 'static';
    }
  });
  for (const tag of WIDGETS) {
    const widget = page.locator(tag);
    await widget.scrollIntoViewIfNeeded();
    await widget.screenshot({ path: `test-results/screenshots/chapter4-${tag.replace('vnn-', '')}-${theme}-${width}.png` });
  }
}

for (const theme of ['light', 'dark'] as Theme[]) {
  test(`the chapter with every widget loaded (${theme}): axe clean, screenshots at 1280 and 375 px`, async ({ page }) => {
    // Four widgets, two of them loading tfjs, axe and a dozen pictures: more than the default 90 s on a busy machine.
    test.setTimeout(240_000);
    const problems = watchProblems(page);
    // Still pictures: no autoplay while the screenshots are taken.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.setViewportSize({ width: 1280, height: 800 });
    await openInTheme(page, CHAPTER, theme);
    await settle(page);
    await loadWidgets(page);
    for (const tag of WIDGETS) await expect(page.locator(`${tag} .vnn-widget`)).toBeVisible();
    expect(await axe(page), 'axe violations').toEqual([]);
    await page.screenshot({ path: `test-results/screenshots/chapter4-${theme}-1280.png`, fullPage: true });
    await page.setViewportSize({ width: 375, height: 800 });
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 'sideways scrolling at 375 px').toBeLessThanOrEqual(0);
    await page.screenshot({ path: `test-results/screenshots/chapter4-${theme}-375.png`, fullPage: true });
    // Chromium's full-page capture repeats the top of pages taller than about 8,000 px,
    // so each widget is also captured on its own (last: this unpins the sticky header).
    await widgetShots(page, theme, 375);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.waitForTimeout(300);
    await widgetShots(page, theme, 1280);
    expect(problems).toEqual([]);
  });
}

for (const embed of ['kernel3d', 'conv-params', 'c3d-table', 'c3d-filters']) {
  test(`/embed/${embed}/ passes axe in both themes`, async ({ page }) => {
    const problems = watchProblems(page);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    for (const theme of ['light', 'dark']) {
      await page.goto(`/embed/${embed}/?theme=${theme}`);
      await page.waitForLoadState('networkidle');
      const widget = page.locator('main > *').first();
      if ((await widget.getAttribute('data-state')) !== null) await expect(widget).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
      expect(await axe(page), `axe (${theme})`).toEqual([]);
    }
    expect(problems).toEqual([]);
  });
}
