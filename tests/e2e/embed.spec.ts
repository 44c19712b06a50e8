/** /embed/video-size/: query state, hostile query state, theme, and height reporting. */
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from '@playwright/test';
import { watchProblems } from './helpers';

const EMBED = '/embed/video-size/';

test('honours valid query state and theme', async ({ page }) => {
  await page.goto(`${EMBED}?width=640&height=480&seconds=1&theme=light`);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  // 30 frames × 640 × 480 × 3 bytes.
  await expect(page.locator('[data-result="bytes-exact"] dd')).toContainText('27,648,000');
  await expect(page.locator('.vnn-notes li')).toHaveCount(0);

  await page.goto(`${EMBED}?preset=training-clip&theme=dark`);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.locator('[data-result="bytes"] dd')).toContainText('588 KiB');
});

test('the address bar follows the state, so a copied link reproduces it', async ({ page }) => {
  await page.goto(`${EMBED}?theme=dark`);
  await page.getByRole('button', { name: 'One minute of SD' }).click();
  await expect(page).toHaveURL(/\?width=640&height=480&theme=dark$/);
  await page.goto(page.url());
  await expect(page.locator('[data-result="bytes-exact"] dd')).toContainText('1,658,880,000');
});

test('survives hostile query state: defaults, visible notes, nothing injected', async ({ page }) => {
  const problems = watchProblems(page);
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs += 1;
    void d.dismiss();
  });
  const hostile = new URLSearchParams([
    ['width', '<script>window.__pwned=1</script>'],
    ['height', '-5'],
    ['fps', '1e99'],
    ['channels', 'abc'],
    ['seconds', '99999999999999999999'],
    ['preset', '"><img src=x onerror="window.__pwned=2">'],
    ['theme', '<svg onload=alert(1)>'],
    ['<b>bold</b>', '1'],
  ]);
  await page.goto(`${EMBED}?${hostile.toString()}`);
  const notes = page.locator('.vnn-notes li');
  await expect(notes).toHaveCount(8);
  await expect(notes.first()).toBeVisible();
  // Hostile text is shown as text, never parsed as markup.
  await expect(page.locator('.vnn-notes')).toContainText('<script>');
  expect(await page.locator('vnn-video-size :is(img, script, svg, b)').count()).toBe(0);
  expect(await page.locator('[onerror], [onload]').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(dialogs).toBe(0);
  // The notes stay a list that screen readers announce (a role on the <ul> would break its list semantics).
  await expect(page.locator('.vnn-notes')).toHaveAttribute('aria-live', 'polite');
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  // The widget still works with the defaults: one minute of HD.
  await expect(page.locator('[data-result="bytes-exact"] dd')).toContainText('11,197,440,000');
  await page.getByRole('button', { name: 'A training clip' }).click();
  await expect(page.locator('[data-result="bytes"] dd')).toContainText('588 KiB');
  expect(problems).toEqual([]);
});

test('reports its height to the parent window of an iframe', async ({ page, baseURL }) => {
  // The parent is another origin (about:blank), as an instructor's course page would be.
  await page.setContent('<!doctype html><title>Course page</title><iframe id="f" style="width:400px;height:100px" title="Video size calculator"></iframe>');
  const height = page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        window.addEventListener('message', (e) => {
          const data = e.data as { type?: string; widget?: string; height?: number };
          if (data.type === 'vnn:height' && data.widget === 'video-size' && (data.height ?? 0) > 300) resolve(data.height!);
        });
      }),
  );
  await page.locator('#f').evaluate((f, src) => ((f as HTMLIFrameElement).src = src), `${baseURL}${EMBED}?preset=training-clip`);
  const reported = await height;
  const actual = await page.frameLocator('#f').locator('html').evaluate((el) => Math.ceil(el.getBoundingClientRect().height));
  expect(Math.abs(reported - actual)).toBeLessThanOrEqual(2);
});
