/** Math is rendered at build time by KaTeX and served by the site itself. */
import { test, expect } from '@playwright/test';

test('chapter 1 math is pre-rendered KaTeX with MathML, fonts from this site, no math script', async ({ page, baseURL }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto('/chapters/images-to-video/');
  await page.addStyleTag({ content: '.sl-markdown-content > * { content-visibility: visible !important; }' });
  await page.waitForLoadState('networkidle');
  expect(await page.locator('.katex').count()).toBeGreaterThan(10);
  // MathML alongside the HTML rendering, for screen readers.
  expect(await page.locator('.katex .katex-mathml math').count()).toBe(await page.locator('.katex').count());
  const text = await page.locator('main').innerText();
  expect(text).not.toContain('$$');
  const fonts = requests.filter((u) => /KaTeX_.*\.woff2?$/.test(u));
  expect(fonts.length).toBeGreaterThan(0);
  for (const url of fonts) expect(url.startsWith(`${baseURL}/_astro/`)).toBe(true);
  expect(requests.filter((u) => /katex.*\.js/i.test(u))).toEqual([]);
  expect(requests.filter((u) => !u.startsWith(baseURL!) && !u.startsWith('data:'))).toEqual([]);
});
