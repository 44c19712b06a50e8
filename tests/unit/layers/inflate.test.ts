import { beforeAll, describe, expect, it } from 'vitest';
import { inflateKernel } from '../../../src/lib/video-nn/layers/inflate';
import { conv3d } from '../../../src/lib/video-nn/layers/conv3d';
import { inflateKernelPlain } from '../../../src/lib/video-nn/layers/reference/inflate';
import { conv3dPlain } from '../../../src/lib/video-nn/layers/reference/conv3d';
import { maxAbsDifference } from '../../../src/lib/video-nn/layers/reference/tensor';
import { expectNoLeak, maxError, random, record, reportErrors, tf, useCpu } from './helpers';

reportErrors();
beforeAll(useCpu);

/** A clip of T identical copies of one random frame. */
function staticClip(n: number, t: number, h: number, w: number, c: number, seed: number): tf.Tensor5D {
  const frame = random<tf.Rank.R4>([n, h, w, c], seed).tensor;
  const clip = tf.tile(tf.expandDims(frame, 1), [1, t, 1, 1, 1]) as tf.Tensor5D;
  frame.dispose();
  return clip;
}

describe('inflateKernel', () => {
  it('replicates along time and divides by kt, as the plain loop does', () => {
    for (const kt of [1, 3, 4]) {
      const w = random<tf.Rank.R4>([3, 3, 2, 5], 80 + kt);
      const inflated = inflateKernel(w.tensor, kt);
      expect(record('inflateKernel', maxError(inflated, inflateKernelPlain(w.plain, kt)))).toBeLessThanOrEqual(1e-7);
      const centre = kt % 2 ? inflateKernel(w.tensor, kt, { method: 'centre' }) : undefined;
      if (centre) expect(maxError(centre, inflateKernelPlain(w.plain, kt, 'centre'))).toBe(0);
      tf.dispose([w.tensor, inflated, centre ?? []]);
    }
  });

  it('on a static clip, the inflated 3-D conv (temporal valid) equals the 2-D conv at every t', () => {
    const N = 2, T = 5, H = 7, W = 6, C = 3, O = 4;
    const clip = staticClip(N, T, H, W, C, 90);
    const w2 = random<tf.Rank.R4>([3, 3, C, O], 91);
    const bias = random<tf.Rank.R1>([O], 92);
    for (const [kt, method] of [[3, 'mean'], [2, 'mean'], [3, 'centre']] as const) {
      const w3 = inflateKernel(w2.tensor, kt, { method });
      // 2-D: each frame on its own, spatial padding 1. 3-D: padding [0, 1, 1] (temporal 'valid').
      const frames = tf.reshape(clip, [N * T, H, W, C]) as tf.Tensor4D;
      const out2d = tf.add(tf.conv2d(frames, w2.tensor, 1, [[0, 0], [1, 1], [1, 1], [0, 0]]), bias.tensor);
      const out3d = conv3d(clip, w3, { padding: [0, 1, 1], bias: bias.tensor });
      expect(out3d.shape).toEqual([N, T - kt + 1, H, W, O]);
      const per2d = tf.slice(tf.reshape(out2d, [N, T, H, W, O]), [0, 0, 0, 0, 0], [N, T - kt + 1, H, W, O]);
      const diff = maxAbsDifference(out3d.dataSync(), per2d.dataSync());
      expect(record(`inflated 3-D vs 2-D on a static clip (${method}, kt ${kt})`, diff)).toBeLessThanOrEqual(1e-5);
      tf.dispose([w3, frames, out2d, out3d, per2d]);
    }
    // With zero temporal padding the border frames see fewer copies and differ: why the test uses 'valid'.
    const w3 = inflateKernel(w2.tensor, 3);
    const padded = conv3d(clip, w3, { padding: 1 });
    const inner = conv3d(clip, w3, { padding: [0, 1, 1] });
    const first = tf.slice(padded, [0, 0, 0, 0, 0], [N, 1, H, W, O]);
    const innerFirst = tf.slice(inner, [0, 0, 0, 0, 0], [N, 1, H, W, O]);
    expect(maxAbsDifference(first.dataSync(), innerFirst.dataSync())).toBeGreaterThan(1e-2);
    tf.dispose([clip, w2.tensor, bias.tensor, w3, padded, inner, first, innerFirst]);
  });

  it('agrees with the plain-loop conv on the inflated kernel (random, moving clip)', () => {
    const x = random<tf.Rank.R5>([1, 5, 5, 5, 2], 93);
    const w2 = random<tf.Rank.R4>([3, 3, 2, 3], 94);
    const w3 = inflateKernel(w2.tensor, 3);
    const out = conv3d(x.tensor, w3, { padding: 1 });
    const expected = conv3dPlain(x.plain, inflateKernelPlain(w2.plain, 3), { padding: [[1, 1], [1, 1], [1, 1]] });
    expect(record('conv3d with inflated kernel', maxError(out, expected))).toBeLessThanOrEqual(1e-5);
    tf.dispose([x.tensor, w2.tensor, w3, out]);
  });

  it('worked example: [[1,0],[0,1]] on [[a,b],[c,d]] gives a+d, and 3×(a+d)/3 = a+d inflated', () => {
    const [a, b, c, d] = [0.3, -1.2, 2.5, 0.9];
    const patch = tf.tensor4d([a, b, c, d], [1, 2, 2, 1]);
    const filter = tf.tensor4d([1, 0, 0, 1], [2, 2, 1, 1]);
    const out2d = tf.conv2d(patch, filter, 1, 'valid');
    expect(out2d.dataSync()[0]).toBeCloseTo(a + d, 6);
    const inflated = inflateKernel(filter, 3);
    expect(Array.from(inflated.dataSync()).map((v) => +v.toFixed(6))).toEqual([1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1].map((v) => +(v / 3).toFixed(6)));
    const clip = tf.tensor5d([a, b, c, d, a, b, c, d, a, b, c, d], [1, 3, 2, 2, 1]);
    const out3d = conv3d(clip, inflated);
    expect(out3d.shape).toEqual([1, 1, 1, 1, 1]);
    expect(Math.abs(out3d.dataSync()[0]! - (a + d))).toBeLessThanOrEqual(1e-6);
    tf.dispose([patch, filter, out2d, inflated, clip, out3d]);
  });

  it('names expected and actual shapes on a wrong input', () => {
    const w = tf.zeros([3, 3, 2]) as unknown as tf.Tensor4D;
    expect(() => inflateKernel(w, 3)).toThrow('inflateKernel: 2-D kernel should have shape [kH, kW, Cin, Cout], got [3, 3, 2]');
    const w4 = tf.zeros([3, 3, 2, 2]) as tf.Tensor4D;
    expect(() => inflateKernel(w4, 0)).toThrow(/kt must be a positive integer, got 0/);
    expect(() => inflateKernel(w4, 2, { method: 'centre' })).toThrow(/odd kt/);
    tf.dispose([w, w4]);
  });

  it('leaks no tensors', () => {
    const w = random<tf.Rank.R4>([3, 3, 2, 2], 95).tensor;
    expectNoLeak(() => inflateKernel(w, 3));
    expectNoLeak(() => inflateKernel(w, 3, { method: 'centre' }));
    w.dispose();
  });
});
