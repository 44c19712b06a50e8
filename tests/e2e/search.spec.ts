/** Full-text search (Pagefind) over the built site. */
import { test, expect } from '@playwright/test';

test('search finds a chapter by a word in its text', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Search' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Search' }).fill('flattened');
  const hit = dialog.locator('a[href*="/chapters/images-to-video/"]').first();
  await expect(hit).toBeVisible({ timeout: 30_000 });
  await hit.click();
  await expect(page).toHaveURL(/\/chapters\/images-to-video\//);
});
