/**
 * Chapter 6 (factorised and mixed convolutions): the factorisation calculator,
 * the block diagrams and the X3D explorer, driven by keyboard and pointer. After
 * each interaction the numbers on the page are checked against hand-worked values
 * and against the library run here in Node for the same state; the embed pages
 * must honour their query and survive hostile ones; axe runs in both themes;
 * screenshots of the chapter go to test-results/screenshots/.
 */
import { test, expect, type Locator, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { openInTheme, settle, watchProblems, type Theme } from './helpers';
import { compareFactorisation } from '../../src/lib/video-nn/analysis/factorisation';
import { analyze } from '../../src/lib/video-nn/analysis/analyze';
import { x3dExpansion } from '../../src/lib/video-nn/analysis/x3dExpansion';
import { networkUnits } from '../../src/lib/video-nn/analysis/networkUnits';
import { mixedConvResNet } from '../../src/lib/video-nn/spec/mixedConv';
import { s3d } from '../../src/lib/video-nn/spec/s3d';

const CHAPTER = '/chapters/factorised-convolutions/';
const count = (n: number) => n.toLocaleString('en-US');
const gmacs = (macs: number) => `${(macs / 1e9).toFixed(2)} GMACs`;

const cell = (widget: Locator, row: string, col: string) => widget.locator(`tr[data-row="${row}"] td[data-col="${col}"]`);

async function axeViolations(page: Page): Promise<string[]> {
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return axe.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}

/**
 * A full-page screenshot taken in 4,000 px slices: one capture of this long a
 * page (15,000 px at 1280 wide, 24,000 at 375) comes back with repeated tiles.
 */
async function screenshotInParts(page: Page, name: string): Promise<void> {
  const { width, height } = await page.evaluate(() => ({ width: document.documentElement.clientWidth, height: document.documentElement.scrollHeight }));
  const step = 4000;
  for (let y = 0, part = 1; y < height; y += step, part++) {
    const clip = { x: 0, y, width, height: Math.min(step, height - y) };
    await page.screenshot({ path: `test-results/screenshots/${name}-part${part}.png`, fullPage: true, clip });
  }
}

test.describe('factorisation calculator', () => {
  test('shows the 64 → 64 layer, then follows keyboard and pointer', async ({ page }) => {
    const problems = watchProblems(page);
    await page.goto(CHAPTER);
    const widget = page.locator('vnn-factorise');
    await widget.scrollIntoViewIfNeeded();
    // By hand: 64·64·27 = 110,592; M = ⌊110,592 / (9·64 + 3·64)⌋ = 144; 144·64·9 = 82,944; 64·144·3 = 27,648.
    await expect(cell(widget, 'weights', 'full')).toHaveText('110,592');
    await expect(cell(widget, 'spatial', 'matched')).toHaveText('82,944');
    await expect(cell(widget, 'temporal', 'matched')).toHaveText('27,648');
    await expect(cell(widget, 'weights', 'matched')).toHaveText('110,592');
    await expect(cell(widget, 'weights', 'same')).toHaveText('49,152');
    await expect(widget.locator('[data-result="formula"]')).toContainText('⌊110,592 / 768⌋ = ⌊144⌋ = 144');

    // Keyboard: k_t 3 → 4. By hand: 64·64·4·9 = 147,456; M = ⌊147,456 / (576 + 256)⌋ = ⌊177.2⌋ = 177;
    // 177·64·9 = 101,952 and 64·177·4 = 45,312, together 147,264.
    const kt = widget.getByRole('slider', { name: /Temporal extent/ });
    await kt.focus();
    await page.keyboard.press('ArrowRight');
    await expect(kt).toHaveValue('4');
    await expect(cell(widget, 'weights', 'full')).toHaveText('147,456');
    await expect(cell(widget, 'spatial', 'matched')).toHaveText('101,952');
    await expect(cell(widget, 'temporal', 'matched')).toHaveText('45,312');
    await expect(cell(widget, 'weights', 'matched')).toHaveText('147,264');
    await expect(widget).toHaveAttribute('kt', '4');

    // Keyboard: type a channel count. Then the library must agree with what is shown.
    const cin = widget.getByLabel(/Input channels/);
    await cin.focus();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('128');
    const typed = compareFactorisation({ inChannels: 128, outChannels: 64, kt: 4, k: 3 }, { frames: 16, height: 56, width: 56 });
    await expect(cell(widget, 'weights', 'full')).toHaveText(count(typed.full.weights));
    await expect(cell(widget, 'weights', 'matched')).toHaveText(count(typed.matched.total));
    await expect(cell(widget, 'macs', 'matched')).toHaveText(gmacs(typed.matched.macs.total));
    await expect(widget.locator('.vnn-fz-summary')).toContainText(`M = ${typed.matched.mid}:`);

    // Pointer: a preset button. layer4 by hand: 512·512·27 = 7,077,888; M = ⌊7,077,888 / 6,144⌋ = 1,152.
    await widget.getByRole('button', { name: 'layer4: 512 → 512' }).click();
    await expect(cell(widget, 'weights', 'full')).toHaveText('7,077,888');
    await expect(widget.locator('[data-result="formula"]')).toContainText('= 1,152');
    // 2×7×7 = 98 positions: 7,077,888 × 98 = 693,633,024 MACs.
    await expect(cell(widget, 'macs', 'full')).toHaveText('693.63 MMACs');

    // Pointer: drag the spatial slider to its far end (k = 7).
    const k = widget.getByRole('slider', { name: /Spatial extent/ });
    const box = (await k.boundingBox())!;
    await page.mouse.click(box.x + box.width - 2, box.y + box.height / 2);
    await expect(k).toHaveValue('7');
    const seven = compareFactorisation({ inChannels: 512, outChannels: 512, kt: 3, k: 7 }, { frames: 2, height: 7, width: 7 });
    await expect(cell(widget, 'weights', 'full')).toHaveText(count(seven.full.weights));
    await expect(cell(widget, 'weights', 'matched')).toHaveText(count(seven.matched.total));
    expect(problems).toEqual([]);
  });

  test('flags an invalid entry without changing the result', async ({ page }) => {
    await page.goto(CHAPTER);
    const widget = page.locator('vnn-factorise');
    const cout = widget.getByLabel(/Output channels/);
    await cout.focus();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('0');
    await expect(cout).toHaveAttribute('aria-invalid', 'true');
    await expect(widget.locator('.vnn-fz-error').filter({ hasText: 'whole number from 1 to 2,048' })).toBeVisible();
    await expect(cell(widget, 'weights', 'full')).toHaveText('110,592');
  });
});

test.describe('block diagrams', () => {
  test('switch networks by pointer and keyboard; the drawing and the text follow the spec', async ({ page }) => {
    const problems = watchProblems(page);
    await page.goto(CHAPTER);
    const widget = page.locator('vnn-block-diagram');
    await widget.scrollIntoViewIfNeeded();
    // R3D-18: stem, eight blocks and the head; 33,371,472 parameters (torchvision).
    await expect(widget.locator('.vnn-bd-summary')).toContainText('R3D-18 at a 3×16×112×112 input: 33,371,472 parameters');
    await expect(widget.locator('g.vnn-bd-unit')).toHaveCount(10);
    await expect(widget.locator('g.vnn-bd-kind-3d')).toHaveCount(9);
    await expect(widget.locator('.vnn-bd-groups')).toBeHidden();

    // Pointer: MC3. 3-D in the stem and layer1 only; torchvision's mc3_18 has 11,695,440 parameters.
    await widget.getByRole('button', { name: 'MC3', exact: true }).click();
    await expect(widget.getByRole('button', { name: 'MC3', exact: true })).toHaveAttribute('aria-pressed', 'true');
    await expect(widget.locator('.vnn-bd-summary')).toContainText('MC3-18 at a 3×16×112×112 input: 11,695,440 parameters, 43.34 GMACs');
    await expect(widget.locator('g.vnn-bd-kind-3d')).toHaveCount(3);
    await expect(widget.locator('g.vnn-bd-kind-2d')).toHaveCount(6);
    await expect(widget.locator('.vnn-bd-groups')).toBeVisible();

    // Keyboard: Tab from the pressed group button to x = 4 and press Enter: MC4.
    await widget.getByRole('button', { name: 'x = 3' }).focus();
    await page.keyboard.press('Tab');
    await expect(widget.getByRole('button', { name: 'x = 4' })).toBeFocused();
    await page.keyboard.press('Enter');
    // By hand: MC3 plus the temporal taps of conv3_x, 2·9·(64·128 + 3·128·128) = 1,032,192 → 12,727,632.
    const mc4 = analyze(mixedConvResNet('mc', 4), { channels: 3, frames: 16, height: 112, width: 112 }).totals;
    expect(mc4.params).toBe(12_727_632);
    await expect(widget.locator('.vnn-bd-summary')).toContainText(`MC4-18 at a 3×16×112×112 input: ${count(mc4.params)} parameters, ${gmacs(mc4.macs)}`);
    await expect(widget.locator('g.vnn-bd-kind-3d')).toHaveCount(5);
    await expect(widget).toHaveAttribute('net', 'mc');
    await expect(widget).toHaveAttribute('x', '4');

    // Keyboard: S3D with Space. Separable stem and Inception blocks, 17 units as the library cuts them.
    await widget.getByRole('button', { name: 'S3D' }).focus();
    await page.keyboard.press('Space');
    const s3dUnits = networkUnits(s3d()).units;
    await expect(widget.locator('g.vnn-bd-unit')).toHaveCount(s3dUnits.length);
    await expect(widget.locator('g.vnn-bd-kind-separable')).toHaveCount(s3dUnits.filter((u) => u.kind === 'separable').length);
    await expect(widget.locator('.vnn-bd-summary')).toContainText('8,320,048 parameters, 17.98 GMACs');
    await expect(widget.locator('.vnn-bd-groups')).toBeHidden();
    // The drawing shows Mixed_3b's four branches, read from the spec.
    await expect(widget.locator('svg')).toContainText('2: 1×1×1→96 ▸ 1×3×3→128 ▸ 3×1×1→128');

    // The text alternative lists every unit.
    await widget.getByText('The layers as text').click();
    await expect(widget.locator('.vnn-bd-list li')).toHaveCount(s3dUnits.length);
    await expect(widget.locator('.vnn-bd-list li').nth(5)).toContainText('Mixed_3b (separable)');
    await expect(widget.locator('tr.is-current th')).toContainText('S3D');
    expect(problems).toEqual([]);
  });
});

test.describe('X3D expansion explorer', () => {
  test('sizes, sliders and expansion steps give the library’s numbers', async ({ page }) => {
    const problems = watchProblems(page);
    await page.goto(CHAPTER);
    const widget = page.locator('vnn-x3d-explorer');
    await widget.scrollIntoViewIfNeeded();
    const result = (name: string) => widget.locator(`[data-result="${name}"] dd`);
    // X3D-M: 3,794,274 parameters and 4.73 G MACs (pytorchvideo's 3.79 M; the paper's 4.73 G).
    await expect(result('params')).toHaveText('3,794,274');
    await expect(result('macs')).toHaveText('4.73 GMACs');
    await expect(widget.getByRole('button', { name: 'X3D-M' })).toHaveAttribute('aria-pressed', 'true');

    // Pointer: X3D-L (depth 5.0, 312 px): 6,153,384 parameters, 18.37 G MACs.
    await widget.getByRole('button', { name: 'X3D-L' }).click();
    await expect(result('params')).toHaveText('6,153,384');
    await expect(result('macs')).toHaveText('18.37 GMACs');

    // Keyboard: frames 16 → 17 with an arrow key; parameters stay, MACs follow the library.
    await widget.getByRole('button', { name: 'X3D-M' }).click();
    const frames = widget.getByRole('slider', { name: 'Frames' });
    await frames.focus();
    await page.keyboard.press('ArrowRight');
    await expect(frames).toHaveValue('17');
    const seventeen = x3dExpansion({ frames: 17, frameStride: 5, crop: 224, width: 2, bottleneck: 2.25, depth: 2.2 });
    await expect(result('params')).toHaveText('3,794,274');
    await expect(result('macs')).toHaveText(gmacs(seventeen.macs));
    await expect(result('seconds')).toHaveText('2.83 s'); // 17 × 5 / 30
    await expect(widget.getByRole('button', { name: 'X3D-M' })).toHaveAttribute('aria-pressed', 'false');

    // Keyboard: the stride changes the time covered, not the cost.
    const stride = widget.getByRole('slider', { name: 'Frame stride' });
    await stride.focus();
    await page.keyboard.press('ArrowRight');
    await expect(result('seconds')).toHaveText('3.4 s'); // 17 × 6 / 30
    await expect(result('macs')).toHaveText(gmacs(seventeen.macs));

    // Pointer: take the width step from X3D-M: width 2 → 4.
    await widget.getByRole('button', { name: 'X3D-M' }).click();
    const wide = x3dExpansion({ frames: 16, frameStride: 5, crop: 224, width: 4, bottleneck: 2.25, depth: 2.2 });
    await expect(widget.locator('tr[data-axis="width"] td[data-col="params"]')).toHaveText(count(wide.params));
    await widget.getByRole('button', { name: 'Take the width (γw) step' }).click();
    await expect(result('params')).toHaveText(count(wide.params));
    await expect(result('macs')).toHaveText(gmacs(wide.macs));
    await expect(widget.getByRole('slider', { name: 'Width factor' })).toHaveValue('4');
    await expect(widget.locator('.vnn-x3-summary')).toContainText(`${count(wide.params)} parameters`);

    // Keyboard: the depth step with Enter (2.2 → 4.4); focus stays on the redrawn step button.
    const depthStep = widget.getByRole('button', { name: 'Take the depth (γd) step' });
    await expect(widget.locator('tr[data-axis="depth"] [data-col="change"]')).toHaveText('depth 2.2 → 4.4');
    await depthStep.focus();
    await page.keyboard.press('Enter');
    const deep = x3dExpansion({ frames: 16, frameStride: 5, crop: 224, width: 4, bottleneck: 2.25, depth: 4.4 });
    await expect(result('params')).toHaveText(count(deep.params));
    await expect(widget.getByRole('slider', { name: 'Depth factor' })).toHaveValue('4.4');
    await expect(widget.locator('tr[data-axis="depth"] [data-col="change"]')).toHaveText('depth 4.4 → 8.8');
    await expect(depthStep).toBeFocused();
    expect(problems).toEqual([]);
  });
});

test.describe('embed pages', () => {
  test('honour their query state', async ({ page }) => {
    // 128 → 128, 3×3×3: 442,368 weights; M = ⌊442,368 / (1,152 + 384)⌋ = 288.
    await page.goto('/embed/factorise/?cin=128&cout=128&t=8&h=28&w=28&theme=light');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await expect(cell(page.locator('vnn-factorise'), 'weights', 'full')).toHaveText('442,368');
    await expect(page.locator('[data-result="formula"]')).toContainText('= 288');
    await expect(page.locator('.vnn-notes li')).toHaveCount(0);

    await page.goto('/embed/block-diagram/?net=rmc&x=5&theme=dark');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    // R3D minus the temporal taps of conv1 … conv4_x: 27,896,784.
    await expect(page.locator('.vnn-bd-summary')).toContainText('rMC5-18 at a 3×16×112×112 input: 27,896,784 parameters');
    await expect(page.getByRole('button', { name: 'x = 5' })).toHaveAttribute('aria-pressed', 'true');

    await page.goto('/embed/x3d-explorer/?size=xs');
    const xs = x3dExpansion({ frames: 4, frameStride: 12, crop: 160, width: 2, bottleneck: 2.25, depth: 2.2 });
    await expect(page.locator('[data-result="macs"] dd')).toHaveText('605.26 MMACs');
    expect(xs.macs).toBe(605_256_512);
    await expect(page.getByRole('button', { name: 'X3D-XS' })).toHaveAttribute('aria-pressed', 'true');
  });

  test('the address bar follows the state', async ({ page }) => {
    await page.goto('/embed/block-diagram/?theme=light');
    await page.getByRole('button', { name: 'rMC3' }).click();
    await expect(page).toHaveURL(/\?net=rmc&theme=light$/);
    await page.goto('/embed/x3d-explorer/');
    await page.getByRole('button', { name: 'X3D-S' }).click();
    await expect(page).toHaveURL(/\?frames=13&stride=6&crop=160$/);
  });

  for (const [url, tag, good] of [
    ['/embed/factorise/', 'vnn-factorise', '110,592'],
    ['/embed/block-diagram/', 'vnn-block-diagram', '33,371,472 parameters'],
    ['/embed/x3d-explorer/', 'vnn-x3d-explorer', '3,794,274'],
  ] as const) {
    test(`${url} falls back on a malformed query, with notes, nothing injected`, async ({ page }) => {
      const problems = watchProblems(page);
      let dialogs = 0;
      page.on('dialog', (d) => {
        dialogs += 1;
        void d.dismiss();
      });
      const hostile = new URLSearchParams([
        ['cin', '<script>window.__pwned=1</script>'],
        ['net', '"><img src=x onerror="window.__pwned=2">'],
        ['frames', '1e99'],
        ['x', '-1'],
        ['theme', '<svg onload=alert(1)>'],
        ['<b>bold</b>', '1'],
      ]);
      await page.goto(`${url}?${hostile.toString()}`);
      const notes = page.locator('.vnn-notes li');
      // Every pair is refused: theme, the unknown key, and each setting this widget does not have or cannot parse.
      await expect(notes).toHaveCount(6);
      await expect(page.locator('.vnn-notes')).toContainText('<b>bold</b>');
      expect(await page.locator(`${tag} :is(img, script, b)`).count()).toBe(0);
      expect(await page.locator('[onerror], [onload]').count()).toBe(0);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(dialogs).toBe(0);
      await expect(page.locator(tag)).toContainText(good);
      expect(problems).toEqual([]);
    });
  }

  test('report their height to the parent window', async ({ page, baseURL }) => {
    await page.setContent('<!doctype html><title>Course page</title><iframe id="f" style="width:400px;height:100px" title="Block diagrams"></iframe>');
    const height = page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          window.addEventListener('message', (e) => {
            const data = e.data as { type?: string; widget?: string; height?: number };
            if (data.type === 'vnn:height' && data.widget === 'block-diagram' && (data.height ?? 0) > 600) resolve(data.height!);
          });
        }),
    );
    await page.locator('#f').evaluate((f, src) => ((f as HTMLIFrameElement).src = src), `${baseURL}/embed/block-diagram/?net=s3d`);
    const reported = await height;
    const actual = await page.frameLocator('#f').locator('html').evaluate((el) => Math.ceil(el.getBoundingClientRect().height));
    expect(Math.abs(reported - actual)).toBeLessThanOrEqual(2);
  });
});

test.describe('fits, themes, axe and screenshots', () => {
  test('every widget fits a 360 px wide screen', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(CHAPTER);
    for (const tag of ['vnn-factorise', 'vnn-block-diagram', 'vnn-x3d-explorer']) {
      const widget = page.locator(`${tag} .vnn-widget`);
      await widget.scrollIntoViewIfNeeded();
      const box = (await widget.boundingBox())!;
      expect(box.x, tag).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, tag).toBeLessThanOrEqual(360);
      const overflow = await widget.evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(overflow, tag).toBeLessThanOrEqual(0);
    }
    // The S3D diagram's widest text stays inside its boxes at this width.
    await page.locator('vnn-block-diagram').getByRole('button', { name: 'S3D' }).click();
    const svgWidth = await page.locator('vnn-block-diagram svg').evaluate((svg) => (svg as SVGSVGElement).getBoundingClientRect().width);
    const widest = await page.locator('vnn-block-diagram svg text').evaluateAll((texts) => Math.max(...texts.map((t) => (t as SVGTextElement).getBBox().x + (t as SVGTextElement).getBBox().width)));
    expect(widest).toBeLessThanOrEqual(svgWidth);
  });

  for (const theme of ['light', 'dark'] as Theme[]) {
    test(`the chapter in ${theme}: no console errors, axe clean, screenshots`, async ({ page }) => {
      // axe over a long page and eleven screenshot slices take minutes on a busy two-core machine.
      test.setTimeout(300_000);
      const problems = watchProblems(page);
      await page.setViewportSize({ width: 1280, height: 800 });
      await openInTheme(page, CHAPTER, theme);
      await settle(page);
      expect(await page.locator('html').getAttribute('data-theme')).toBe(theme);
      // Show the S3D diagram and the layer list too, so axe sees the largest drawing and the text alternative.
      const diagram = page.locator('vnn-block-diagram');
      await diagram.getByRole('button', { name: 'S3D' }).click();
      await diagram.getByText('The layers as text').click();
      expect(await axeViolations(page), 'axe violations').toEqual([]);
      await screenshotInParts(page, `chapters_factorised-convolutions-${theme}-1280`);
      await page.setViewportSize({ width: 375, height: 800 });
      await page.waitForTimeout(200);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, 'horizontal scrolling at 375 px').toBeLessThanOrEqual(0);
      await screenshotInParts(page, `chapters_factorised-convolutions-${theme}-375`);
      expect(problems).toEqual([]);
    });

    test(`the embeds in ${theme} pass axe`, async ({ page }) => {
      for (const url of ['/embed/factorise/', '/embed/block-diagram/?net=r2plus1d', '/embed/x3d-explorer/?size=l']) {
        await openInTheme(page, url, theme);
        await page.waitForLoadState('networkidle');
        expect(await axeViolations(page), url).toEqual([]);
      }
    });
  }
});
