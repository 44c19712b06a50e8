import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';

const DIST = path.resolve('dist');

/** Every built page as a URL path, from the build output (404 and search index excluded). */
export function builtPages(): string[] {
  const pages: string[] = [];
  const walk = (dir: string, rel: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) {
        if (name !== '_astro' && name !== 'pagefind') walk(full, `${rel}${name}/`);
      } else if (name === 'index.html') pages.push(rel);
    }
  };
  walk(DIST, '/');
  return pages.sort();
}

export type Theme = 'light' | 'dark';

/** Opens a page in a theme: Starlight reads localStorage, embeds follow the system. */
export async function openInTheme(page: Page, url: string, theme: Theme): Promise<void> {
  await page.emulateMedia({ colorScheme: theme });
  await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
  await page.goto(url);
}

/** Collects console errors, uncaught exceptions, failed requests and HTTP errors. */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  page.on('requestfailed', (r) => {
    // The browser drops its favicon request when a test navigates (or rewrites the URL) while it is in flight.
    if (r.failure()?.errorText === 'net::ERR_ABORTED' && new URL(r.url()).pathname === '/favicon.svg') return;
    problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return problems;
}

/** Runs the browser check on the page and waits for its report. */
export async function runRuntimeCheck(page: Page) {
  const panel = page.locator('vnn-runtime-status');
  await panel.getByRole('button', { name: 'Check this browser' }).click();
  await expect(panel.locator('tr[data-backend="cpu"] td').first()).toBeVisible({ timeout: 60_000 });
  await expect(panel.locator('progress')).toBeHidden();
  return panel;
}

/** Waits for the page to settle; on the browser-check page, runs the check so its report is tested too. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  // Chapters skip rendering far-off blocks (content-visibility: auto); render them
  // all so axe checks every block and full-page screenshots show the whole page.
  await page.addStyleTag({ content: '.sl-markdown-content > * { content-visibility: visible !important; }' });
  if ((await page.locator('vnn-runtime-status').count()) > 0) await runRuntimeCheck(page);
}

export function slug(url: string): string {
  return url.replace(/^\/|\/$/g, '').replace(/\//g, '_') || 'home';
}
