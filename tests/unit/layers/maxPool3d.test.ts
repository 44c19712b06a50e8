import { beforeAll, describe, expect, it } from 'vitest';
import { maxPool3d } from '../../../src/lib/video-nn/layers/maxPool3d';
import { maxPool3dPlain } from '../../../src/lib/video-nn/layers/reference/maxPool3d';
import { expectNoLeak, maxError, random, record, reportErrors, tf, useCpu } from './helpers';

reportErrors();
beforeAll(useCpu);

type T3 = [number, number, number];

describe('maxPool3d (separable, explicit padding)', () => {
  it('matches the plain loop for C3D-style and overlapping windows, with padding', () => {
    const cases: { shape: number[]; window: T3; stride?: T3; padding?: [[number, number], [number, number], [number, number]] }[] = [
      { shape: [2, 4, 6, 6, 5], window: [1, 2, 2] }, // C3D pool1
      { shape: [1, 4, 6, 6, 7], window: [2, 2, 2] }, // C3D pool2–4
      { shape: [1, 5, 7, 7, 3], window: [3, 3, 3], stride: [2, 2, 2], padding: [[1, 1], [1, 1], [1, 1]] }, // I3D-style
      { shape: [1, 2, 3, 3, 16], window: [2, 2, 2], stride: [2, 2, 2], padding: [[0, 0], [1, 1], [1, 1]] }, // C3D pool5 (padded)
      { shape: [1, 3, 2, 2, 9], window: [1, 1, 1] },
      { shape: [1, 6, 5, 4, 2], window: [3, 2, 2], stride: [1, 1, 2], padding: [[1, 0], [0, 1], [1, 0]] },
    ];
    cases.forEach((c, i) => {
      const x = random<tf.Rank.R5>(c.shape, 1000 + i);
      const out = maxPool3d(x.tensor, c.window, { stride: c.stride, padding: c.padding });
      expect(record('maxPool3d', maxError(out, maxPool3dPlain(x.plain, c.window, c.stride, c.padding)))).toBe(0);
      tf.dispose([x.tensor, out]);
    });
  });

  it('hand-worked: 1×2×2 keeps time, 2×2×2 halves it', () => {
    // Frame 0 holds 1..4 in a 2×2 image, frame 1 holds 8, 7, 6, 5.
    const x = tf.tensor5d([1, 2, 3, 4, 8, 7, 6, 5], [1, 2, 2, 2, 1]);
    const spatial = maxPool3d(x, [1, 2, 2]);
    expect(spatial.shape).toEqual([1, 2, 1, 1, 1]);
    expect(Array.from(spatial.dataSync())).toEqual([4, 8]);
    const full = maxPool3d(x, 2);
    expect(Array.from(full.dataSync())).toEqual([8]);
    // Padding never wins: a negative clip padded by 1 in time still gives its own maxima.
    const negative = tf.tensor5d([-5, -3], [1, 2, 1, 1, 1]);
    const padded = maxPool3d(negative, [3, 1, 1], { stride: 1, padding: [1, 0, 0] });
    expect(Array.from(padded.dataSync())).toEqual([-3, -3]);
    tf.dispose([x, spatial, full, negative, padded]);
  });

  it('names expected and actual shapes, and refuses too much padding', () => {
    const x4 = tf.zeros([2, 4, 4, 3]) as unknown as tf.Tensor5D;
    expect(() => maxPool3d(x4, 2)).toThrow('maxPool3d: input should have shape [N, T, H, W, C], got [2, 4, 4, 3]');
    const x = tf.zeros([1, 2, 4, 4, 3]) as tf.Tensor5D;
    expect(() => maxPool3d(x, [3, 2, 2])).toThrow(/window 3 along T is larger than the padded input 2/);
    expect(() => maxPool3d(x, [2, 2, 2], { padding: [0, 2, 0] })).toThrow(/padding along H must be whole numbers from 0 to half the window \(1\), got \[2, 2\]/);
    tf.dispose([x4, x]);
  });

  it('leaks no tensors', () => {
    const x = random<tf.Rank.R5>([1, 4, 6, 6, 4], 1010).tensor;
    expectNoLeak(() => maxPool3d(x, [1, 2, 2]));
    expectNoLeak(() => maxPool3d(x, 3, { stride: 2, padding: 1 }));
    x.dispose();
  });
});
