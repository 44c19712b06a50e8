/** Bilinear sampling (our grid_sample), the 3×3 median and the pyramid helpers, against plain loops; on CPU and WASM. */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bilinearSample, warpByFlow } from '../../../src/lib/video-nn/flow/bilinear';
import { samplePlain } from '../../../src/lib/video-nn/flow/reference';
import { median3x3, pyramidSizes } from '../../../src/lib/video-nn/flow/tvl1';
import { centredGradient, resizeFlow } from '../../../src/lib/video-nn/flow/pyramid';
import { Rng } from '../../../src/lib/video-nn/data/random';

const random = (n: number, seed: number, lo = 0, hi = 1): Float32Array => {
  const rng = new Rng(seed);
  return Float32Array.from({ length: n }, () => rng.uniform(lo, hi));
};
const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
};

/** Positions inside, on the border and well outside a 7×9 image, plus exact pixel centres. */
function samplingCase(seed: number) {
  const [h, w, c] = [7, 9, 3];
  const image = random(h * w * c, seed);
  const x = random(6 * 5, seed + 1, -3, w + 2);
  const y = random(6 * 5, seed + 2, -3, h + 2);
  x.set([0, w - 1, 4, 2.5], 0);
  y.set([0, h - 1, 3, 6], 0);
  const expected = new Float32Array(6 * 5 * c);
  for (let i = 0; i < 30; i++) expected.set(samplePlain(image, w, h, c, x[i]!, y[i]!), i * c);
  return { h, w, c, image, x, y, expected };
}

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`flow sampling on the ${backend} backend`, () => {
    let previous = 'cpu';
    beforeAll(async () => {
      previous = tf.getBackend() ?? 'cpu';
      expect(await tf.setBackend(backend)).toBe(true);
    });
    afterAll(async () => {
      await tf.setBackend(previous);
    });

    it('bilinearSample matches the plain loop inside, on and beyond the border (max error ≤ 1e-6)', () => {
      const t = samplingCase(backend === 'cpu' ? 10 : 20);
      const out = tf.tidy(() => bilinearSample(tf.tensor3d(t.image, [t.h, t.w, t.c]), tf.tensor2d(t.x, [6, 5]), tf.tensor2d(t.y, [6, 5])));
      expect(out.shape).toEqual([6, 5, 3]);
      expect(maxDiff(out.dataSync(), t.expected)).toBeLessThanOrEqual(1e-6);
      // Exact pixel centres return the pixel itself.
      expect(Array.from(out.dataSync().slice(0, 3))).toEqual(Array.from(t.image.slice(0, 3)));
      out.dispose();
    });

    it('warpByFlow samples at p + flow(p): zero flow is the identity, a whole-pixel shift moves columns', () => {
      const [h, w] = [5, 6];
      const image = random(h * w, 30);
      const flow = new Float32Array(h * w * 2);
      for (let i = 0; i < h * w; i++) flow[2 * i] = 1;
      const [same, shifted] = tf.tidy(() => {
        const img = tf.tensor3d(image, [h, w, 1]);
        return [warpByFlow(img, tf.zeros([h, w, 2])), warpByFlow(img, tf.tensor3d(flow, [h, w, 2]))];
      });
      expect(maxDiff(same!.dataSync(), image)).toBe(0);
      const s = shifted!.dataSync();
      for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) expect(s[y * w + x]).toBe(image[y * w + Math.min(x + 1, w - 1)]);
      tf.dispose([same!, shifted!]);
    });

    it('median3x3 equals sorting each clamped 3×3 window', () => {
      const [h, w, c] = [6, 7, 2];
      const data = random(h * w * c, 40, -5, 5);
      const out = tf.tidy(() => median3x3(tf.tensor3d(data, [h, w, c]))).dataSync();
      const at = (y: number, x: number, k: number): number => data[(Math.min(Math.max(y, 0), h - 1) * w + Math.min(Math.max(x, 0), w - 1)) * c + k]!;
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          for (let k = 0; k < c; k++) {
            const window: number[] = [];
            for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) window.push(at(y + dy, x + dx, k));
            window.sort((a, b) => a - b);
            expect(out[(y * w + x) * c + k]).toBe(Math.fround(window[4]!));
          }
        }
      }
    });
  });
}

describe('pyramid helpers', () => {
  it('centred differences of a ramp are its slope, one-sided halves at the border', () => {
    const [h, w] = [4, 5];
    const ramp = Float32Array.from({ length: h * w }, (_, i) => 3 * (i % w) - 2 * Math.floor(i / w));
    const g = tf.tidy(() => centredGradient(tf.tensor2d(ramp, [h, w]))).arraySync() as number[][][];
    expect(g[1]![2]).toEqual([3, -2]);
    expect(g[0]![0]).toEqual([1.5, -1]);
  });

  it('resizeFlow doubles the vectors with the size; pyramidSizes halves (rounding up) down to minSize', () => {
    const out = tf.tidy(() => resizeFlow(tf.fill([4, 4, 2], 1.5) as tf.Tensor3D, 8, 8));
    expect(out.shape).toEqual([8, 8, 2]);
    expect(new Set(out.dataSync())).toEqual(new Set([3]));
    out.dispose();
    expect(pyramidSizes(128, 96, 5, 16)).toEqual([[128, 96], [64, 48], [32, 24]]);
    expect(pyramidSizes(65, 65, 5, 16)).toEqual([[65, 65], [33, 33], [17, 17]]);
  });
});
