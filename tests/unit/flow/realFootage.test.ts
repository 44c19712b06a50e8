/**
 * The TV-L1 engine on real recorded footage: OpenCV's vtest.avi (Debian's
 * opencv-doc; pedestrians crossing a courtyard seen by a fixed camera,
 * 768×576 at 10 fps), decoded with ffmpeg to 192×144 grey frames.
 *
 * Where pedestrians are is decided without flow: a temporal median over the
 * first 40 frames (4 s) is the empty background, and a pixel of frame t is
 * "moving" where it differs from it by more than 25 grey levels. "Static" is
 * every pixel more than 4 px from any pixel that differs so in any of frames
 * t − 3 … t + 4. Measured (WASM backend, defaults) for pairs 10→11, 20→21,
 * 30→31: median |flow| inside the moving mask 1.25 / 1.11 / 1.39 px; 90th
 * percentile on the static background 0.030 / 0.027 / 0.031 px; frame t + 1
 * warped back by the flow leaves 0.26 / 0.31 / 0.31 of the moving pixels'
 * absolute difference to frame t. Bounds are about twice those (the median
 * about half). 5 s on this machine's two cores when quiet, 15 s when busy.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { samplePlain } from '../../../src/lib/video-nn/flow/reference';
import { opticalFlow } from '../../../src/lib/video-nn/flow/tvl1';

const VIDEO = '/usr/share/doc/opencv-doc/examples/data/vtest.avi';
const [W, H] = [192, 144];
const FRAMES = 40;
const THRESHOLD = 25;
const PAIRS = [10, 20, 30];

/** The first FRAMES frames as W×H grey bytes, decoded by ffmpeg to stdout. */
function decodeFrames(): Uint8Array[] {
  if (!existsSync(VIDEO)) throw new Error(`${VIDEO} is missing: install Debian's opencv-doc package (apt-get install opencv-doc; .ci/run installs it)`);
  const args = ['-v', 'error', '-i', VIDEO, '-frames:v', String(FRAMES), '-vf', `scale=${W}:${H}:flags=area`, '-f', 'rawvideo', '-pix_fmt', 'gray', '-'];
  const run = spawnSync('ffmpeg', args, { maxBuffer: 64 * 2 ** 20 });
  if (run.error) throw new Error(`ffmpeg did not run (${run.error.message}): install ffmpeg (apt-get install ffmpeg; .ci/run installs it)`);
  if (run.status !== 0) throw new Error(`ffmpeg failed on ${VIDEO}: ${run.stderr.toString().trim()}`);
  const bytes = run.stdout;
  if (bytes.length !== FRAMES * W * H) throw new Error(`ffmpeg gave ${bytes.length} bytes, expected ${FRAMES} frames of ${W}×${H}`);
  return Array.from({ length: FRAMES }, (_, k) => new Uint8Array(bytes.subarray(k * W * H, (k + 1) * W * H)));
}

/** The per-pixel median over all frames: the courtyard without its passers-by. */
function medianBackground(frames: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(W * H);
  const column = new Uint8Array(frames.length);
  for (let i = 0; i < W * H; i++) {
    frames.forEach((f, k) => (column[k] = f[i]!));
    column.sort();
    out[i] = column[column.length >> 1]!;
  }
  return out;
}

const differs = (frame: Uint8Array, background: Uint8Array): Uint8Array => frame.map((v, i) => (Math.abs(v - background[i]!) > THRESHOLD ? 1 : 0));

function dilate(mask: Uint8Array, r: number): Uint8Array {
  const out = new Uint8Array(mask.length);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      if (!mask[y * W + x]) continue;
      for (let yy = Math.max(0, y - r); yy <= Math.min(H - 1, y + r); yy++) out.fill(1, yy * W + Math.max(0, x - r), yy * W + Math.min(W - 1, x + r) + 1);
    }
  }
  return out;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

let frames: Uint8Array[];
let background: Uint8Array;

beforeAll(async () => {
  frames = decodeFrames();
  background = medianBackground(frames);
  expect(await tf.setBackend('wasm')).toBe(true);
});

describe('opticalFlow on recorded footage (vtest.avi, 192×144)', () => {
  for (const t of PAIRS) {
    it(`frames ${t}→${t + 1}: large where pedestrians walk, near zero on the static background, and it explains the change`, { timeout: 60_000 }, () => {
      const moving = differs(frames[t]!, background);
      const nearMotion = new Uint8Array(W * H);
      for (let k = t - 3; k <= t + 4; k++) differs(frames[k]!, background).forEach((m, i) => (nearMotion[i] ||= m));
      const still = dilate(nearMotion, 4).map((m) => 1 - m);
      // Pedestrians cover a few hundred pixels (about 2%); the background most of the frame.
      const movingCount = moving.reduce((a, b) => a + b, 0);
      const stillCount = still.reduce((a, b) => a + b, 0);
      expect(movingCount).toBeGreaterThan(150);
      expect(movingCount).toBeLessThan(0.1 * W * H);
      expect(stillCount).toBeGreaterThan(0.7 * W * H);

      const grey = (f: Uint8Array): tf.Tensor2D => tf.div(tf.tensor2d(f, [H, W], 'int32'), 255);
      const flow = tf.tidy(() => opticalFlow(grey(frames[t]!), grey(frames[t + 1]!)));
      const data = flow.dataSync() as Float32Array;
      flow.dispose();
      const magnitude = Array.from({ length: W * H }, (_, i) => Math.hypot(data[2 * i]!, data[2 * i + 1]!));

      expect(percentile(magnitude.filter((_, i) => moving[i]), 0.5)).toBeGreaterThan(0.55);
      expect(percentile(magnitude.filter((_, i) => still[i]), 0.9)).toBeLessThan(0.06);

      // Frame t + 1 sampled at p + flow(p) should look like frame t where people moved.
      const next = Float32Array.from(frames[t + 1]!);
      const sample = new Float32Array(1);
      let [warpedError, plainError] = [0, 0];
      for (let i = 0; i < W * H; i++) {
        if (!moving[i]) continue;
        const [x, y] = [i % W, Math.floor(i / W)];
        warpedError += Math.abs(samplePlain(next, W, H, 1, x + data[2 * i]!, y + data[2 * i + 1]!, sample)[0]! - frames[t]![i]!);
        plainError += Math.abs(next[i]! - frames[t]![i]!);
      }
      expect(warpedError / plainError).toBeLessThan(0.65);
    });
  }
});
