/** The book's theme follows the system until the reader picks one, and the choice sticks. */
import { test, expect } from '@playwright/test';

test('follows the system theme, can be switched, and remembers the choice', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/chapters/images-to-video/');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');

  await page.getByRole('combobox', { name: 'Select theme' }).first().selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.goto('/chapters/temporal-fusion/');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('previous and next links walk the chapters in order', async ({ page }) => {
  await page.goto('/chapters/images-to-video/');
  await page.getByRole('link', { name: /Next.*Temporal fusion/ }).click();
  await expect(page).toHaveURL(/\/chapters\/temporal-fusion\/$/);
  await page.getByRole('link', { name: /Previous.*From images to video/ }).click();
  await expect(page).toHaveURL(/\/chapters\/images-to-video\/$/);
});

test('the home page lists all twelve chapters in order', async ({ page }) => {
  await page.goto('/');
  const links = page.getByRole('list', { name: 'Table of contents' }).getByRole('link');
  await expect(links).toHaveCount(12);
  await expect(links.first()).toHaveAttribute('href', '/chapters/images-to-video/');
  await expect(links.last()).toHaveAttribute('href', '/chapters/architecture-comparison/');
});
