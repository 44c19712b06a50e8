/**
 * Every page, in both themes: loads with no console error, no failed request,
 * no axe violation; screenshots at desktop and phone width go to test-results/.
 */
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { builtPages, openInTheme, settle, slug, watchProblems, type Theme } from './helpers';

const pages = builtPages();

test('the build has the home page, 12 chapters, the browser check and the embeds', () => {
  expect(pages).toContain('/');
  expect(pages.filter((p) => p.startsWith('/chapters/'))).toHaveLength(12);
  expect(pages).toContain('/system-check/');
  expect(pages).toContain('/embed/video-size/');
});

for (const url of pages) {
  for (const theme of ['light', 'dark'] as Theme[]) {
    test(`${url} (${theme}): loads cleanly, passes axe, screenshots`, async ({ page }) => {
      const problems = watchProblems(page);
      await page.setViewportSize({ width: 1280, height: 800 });
      await openInTheme(page, url, theme);
      await settle(page);
      expect(await page.locator('html').getAttribute('data-theme')).toBe(theme);

      const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
      const summary = axe.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
      expect(summary, 'axe violations').toEqual([]);

      await page.screenshot({ path: `test-results/screenshots/${slug(url)}-${theme}-1280.png`, fullPage: true });
      await page.setViewportSize({ width: 375, height: 800 });
      await page.waitForTimeout(100);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, 'horizontal scrolling at 375 px').toBeLessThanOrEqual(0);
      await page.screenshot({ path: `test-results/screenshots/${slug(url)}-${theme}-375.png`, fullPage: true });
      expect(problems).toEqual([]);
    });
  }
}
