/** `npm run -s vnn -- flow`: the script run through tsx in a child process, on 32×32 PNGs in a temp dir. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { readFlo } from '../../../src/lib/video-nn/flow/flo';
import { framePair } from '../../../src/lib/video-nn/flow/groundTruth';
import { runFlow } from '../../../scripts/vnn/flow';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'vnn-flow-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function rgba(frame: Float32Array, n: number): Buffer {
  const data = Buffer.alloc(n * 4);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < 3; c++) data[4 * i + c] = Math.round(frame[3 * i + c]! * 255);
    data[4 * i + 3] = 255;
  }
  return data;
}
function writePng(name: string, frame: Float32Array, width: number, height: number): string {
  const png = new PNG({ width, height });
  rgba(frame, width * height).copy(png.data);
  writeFileSync(join(dir, name), PNG.sync.write(png));
  return join(dir, name);
}

const pair = framePair({ seed: 11, width: 32, height: 32, motion: { kind: 'translation', dx: 1.5, dy: -0.5 } });
const frame1 = writePng('a.png', pair.frame1, 32, 32);
const frame2 = writePng('b.png', pair.frame2, 32, 32);

function vnn(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'scripts/vnn.ts'), ...args], { cwd: root }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('vnn flow', () => {
  it('writes a .flo of the frames\' size and prints the JSON summary (PNG frames, child process)', { timeout: 60_000 }, async () => {
    const out = join(dir, 'out.flo');
    const r = await vnn('flow', frame1, frame2, '--out', out, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({ width: 32, height: 32, out });
    // The true motion has length √(1.5² + 0.5²) = 1.58.
    expect(summary.meanMagnitude).toBeGreaterThan(1.4);
    expect(summary.meanMagnitude).toBeLessThan(1.75);
    const flow = readFlo(readFileSync(out));
    expect([flow.width, flow.height]).toEqual([32, 32]);
    const centre = 2 * (16 * 32 + 16);
    expect(flow.data[centre]).toBeCloseTo(1.5, 1);
    expect(flow.data[centre + 1]).toBeCloseTo(-0.5, 1);
  });

  it('a missing file: one line on stderr, exit status 2 (child process)', { timeout: 60_000 }, async () => {
    const r = await vnn('flow', frame1, join(dir, 'missing.png'), '--out', join(dir, 'x.flo'));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([`vnn flow: cannot read ${join(dir, 'missing.png')}: ENOENT`]);
  });

  it('reads JPEG too, and refuses mismatched sizes, non-images, broken images and missing arguments with one line', { timeout: 60_000 }, async () => {
    const jpg = join(dir, 'a.jpg');
    writeFileSync(jpg, jpeg.encode({ width: 32, height: 32, data: rgba(pair.frame1, 32 * 32) }, 95).data);
    const ok = await runFlow([jpg, frame2, '--out', join(dir, 'j.flo')]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^wrote .*j\.flo: 32×32 flow, mean magnitude/);

    const small = writePng('small.png', pair.frame1.subarray(0, 16 * 16 * 3), 16, 16);
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'not an image');
    const broken = join(dir, 'broken.png');
    writeFileSync(broken, readFileSync(frame1).subarray(0, 60));
    const cases: [string[], RegExp][] = [
      [[frame1, small, '--out', 'x.flo'], /the frames differ in size: .*a\.png is 32×32, .*small\.png is 16×16/],
      [[frame1, text, '--out', 'x.flo'], /notes\.txt is not a PNG or JPEG image/],
      [[frame1, broken, '--out', 'x.flo'], /broken\.png could not be decoded as PNG/],
      [[frame1, frame2], /--out <file\.flo> is required/],
      [[frame1, '--out', 'x.flo'], /expected two image files/],
      [[frame1, frame2, '--out', 'x.flo', '--fast'], /unknown option '--fast'/],
    ];
    for (const [args, message] of cases) {
      const r = await runFlow(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toMatch(/^vnn flow: [^\n]+$/);
    }
    expect((await runFlow(['--help'])).stdout).toMatch(/usage: npm run -s vnn -- flow/);
  });
});
