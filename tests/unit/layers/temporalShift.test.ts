import { beforeAll, describe, expect, it } from 'vitest';
import { inPlaceShift, residualShift, shiftedChannels, temporalShift } from '../../../src/lib/video-nn/layers/temporalShift';
import { conv3d } from '../../../src/lib/video-nn/layers/conv3d';
import { temporalShiftPlain } from '../../../src/lib/video-nn/layers/reference/temporalShift';
import { conv3dPlain } from '../../../src/lib/video-nn/layers/reference/conv3d';
import { expectNoLeak, maxError, random, record, reportErrors, tf, useCpu } from './helpers';

reportErrors();
beforeAll(useCpu);

describe('temporalShift (TSM)', () => {
  it('matches the plain loop for several channel counts, fold divisors and clip lengths', () => {
    const cases: [number[], number][] = [
      [[2, 4, 3, 2, 16], 8],
      [[1, 5, 2, 2, 10], 8], // fold = 1, 8 channels unchanged
      [[2, 3, 2, 3, 8], 4],
      [[1, 1, 2, 2, 8], 4], // one frame: both shifted groups become zero
      [[1, 4, 2, 2, 7], 8], // fold = 0: nothing moves
    ];
    cases.forEach(([shape, foldDiv], i) => {
      const x = random<tf.Rank.R5>(shape, 100 + i);
      const out = temporalShift(x.tensor, { foldDiv });
      expect(record('temporalShift', maxError(out, temporalShiftPlain(x.plain, foldDiv)))).toBe(0);
      tf.dispose([x.tensor, out]);
    });
  });

  it('takes a frame batch [N·T, H, W, C] with segments, as the official code does', () => {
    const x = random<tf.Rank.R5>([3, 4, 2, 2, 8], 110);
    const frames = tf.reshape(x.tensor, [12, 2, 2, 8]) as tf.Tensor4D;
    const out = temporalShift(frames, { segments: 4, foldDiv: 4 });
    expect(out.shape).toEqual([12, 2, 2, 8]);
    expect(maxError(tf.reshape(out, [3, 4, 2, 2, 8]), temporalShiftPlain(x.plain, 4))).toBe(0);
    tf.dispose([x.tensor, frames, out]);
  });

  it('hand-worked: x[t, c] = 10t + c, 4 channels, fold 1', () => {
    const x = tf.tensor5d([0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23], [1, 3, 1, 1, 4]);
    const out = temporalShift(x, { foldDiv: 4 });
    // Channel 0 reads t + 1 (last frame 0), channel 1 reads t − 1 (first frame 0), 2 and 3 stay.
    expect(Array.from(out.dataSync())).toEqual([10, 0, 2, 3, 20, 1, 12, 13, 0, 11, 22, 23]);
    expect(shiftedChannels(64)).toBe(8);
    expect(shiftedChannels(10)).toBe(1);
    tf.dispose([x, out]);
  });

  it('residual placement adds branch(shift(x)) to the unshifted x; in-place shifts the shortcut too', () => {
    const x = random<tf.Rank.R5>([1, 4, 3, 3, 8], 120);
    const w = random<tf.Rank.R5>([1, 1, 1, 8, 8], 121);
    const branch = (s: tf.Tensor5D) => conv3d(s, w.tensor);
    const out = residualShift(x.tensor, branch, { foldDiv: 4 });
    const conv = conv3dPlain(temporalShiftPlain(x.plain, 4), w.plain);
    const expected = { shape: conv.shape, data: conv.data.map((v, i) => v + x.plain.data[i]!) };
    expect(record('residualShift', maxError(out, expected))).toBeLessThanOrEqual(1e-5);
    const inPlace = inPlaceShift(x.tensor, (s) => tf.add(s, branch(s)), { foldDiv: 4 });
    const shifted = temporalShiftPlain(x.plain, 4);
    const expectedInPlace = { shape: conv.shape, data: conv.data.map((v, i) => v + shifted.data[i]!) };
    expect(record('inPlaceShift', maxError(inPlace, expectedInPlace))).toBeLessThanOrEqual(1e-5);
    tf.dispose([x.tensor, w.tensor, out, inPlace]);
  });

  it('names expected and actual shapes on a wrong input', () => {
    const frames = tf.zeros([10, 2, 2, 8]) as tf.Tensor4D;
    expect(() => temporalShift(frames, { segments: 4 })).toThrow('temporalShift: input should have shape [N·4, H, W, C] (a multiple of 4 frames), got [10, 2, 2, 8]');
    expect(() => temporalShift(frames)).toThrow(/needs options.segments/);
    const vec = tf.zeros([4, 8]) as unknown as tf.Tensor5D;
    expect(() => temporalShift(vec)).toThrow('temporalShift: input should have shape [N, T, H, W, C], got [4, 8]');
    const x = tf.zeros([1, 2, 2, 2, 8]) as tf.Tensor5D;
    expect(() => residualShift(x, (s) => tf.slice(s, [0, 0, 0, 0, 0], [1, 1, 2, 2, 8]))).toThrow('residualShift: branch output should have shape [1, 2, 2, 2, 8], got [1, 1, 2, 2, 8]');
    tf.dispose([frames, vec, x]);
  });

  it('leaks no tensors', () => {
    const x = random<tf.Rank.R5>([2, 4, 2, 2, 16], 130).tensor;
    const single = random<tf.Rank.R5>([1, 1, 2, 2, 16], 131).tensor;
    const w = random<tf.Rank.R5>([1, 1, 1, 16, 16], 132).tensor;
    expectNoLeak(() => temporalShift(x));
    expectNoLeak(() => temporalShift(single));
    const frames = tf.reshape(x, [8, 2, 2, 16]) as tf.Tensor4D;
    expectNoLeak(() => temporalShift(frames, { segments: 4 }));
    expectNoLeak(() => residualShift(x, (s) => conv3d(s, w)));
    expectNoLeak(() => inPlaceShift(x, (s) => conv3d(s, w)));
    tf.dispose([x, single, w, frames]);
  });
});
