import { beforeAll, describe, expect, it } from 'vitest';
import { conv3d, conv3dOutputSize } from '../../../src/lib/video-nn/layers/conv3d';
import { conv3dPlain } from '../../../src/lib/video-nn/layers/reference/conv3d';
import { conv3dReference } from '../../../src/lib/video-nn/layers/conv3dReference';
import { maxAbsDifference, randomTensor } from '../../../src/lib/video-nn/layers/reference/tensor';
import { expectNoLeak, maxError, random, record, reportErrors, tf, useCpu } from './helpers';

reportErrors();
beforeAll(useCpu);

describe('conv3d (explicit padding, stride, bias)', () => {
  it('matches the plain loop on random inputs for several paddings and strides', () => {
    const cases: { input: number[]; kernel: [number, number, number]; stride: [number, number, number]; padding: [[number, number], [number, number], [number, number]] }[] = [
      { input: [2, 5, 6, 6, 3], kernel: [3, 3, 3], stride: [1, 1, 1], padding: [[1, 1], [1, 1], [1, 1]] },
      { input: [1, 6, 7, 5, 2], kernel: [3, 3, 2], stride: [2, 2, 1], padding: [[1, 0], [0, 2], [1, 1]] },
      { input: [1, 8, 6, 6, 2], kernel: [5, 1, 1], stride: [4, 1, 1], padding: [[2, 2], [0, 0], [0, 0]] },
      { input: [2, 3, 9, 9, 3], kernel: [1, 3, 3], stride: [1, 2, 2], padding: [[0, 0], [1, 1], [1, 1]] },
    ];
    cases.forEach((c, i) => {
      const x = random<tf.Rank.R5>(c.input, 10 + i);
      const w = random<tf.Rank.R5>([...c.kernel, c.input[4]!, 4], 20 + i);
      const b = random<tf.Rank.R1>([4], 30 + i);
      const out = conv3d(x.tensor, w.tensor, { stride: c.stride, padding: c.padding, bias: b.tensor });
      const expected = conv3dPlain(x.plain, w.plain, { stride: c.stride, padding: c.padding, bias: b.plain.data });
      expect(record('conv3d', maxError(out, expected))).toBeLessThanOrEqual(1e-5);
      tf.dispose([x.tensor, w.tensor, b.tensor, out]);
    });
  });

  it('the padded, strided reference agrees with the original valid-only reference', () => {
    const x = randomTensor([1, 4, 5, 5, 2], 1);
    const w = randomTensor([3, 3, 3, 2, 3], 2);
    const plain = conv3dPlain(x, w);
    const original = conv3dReference({ shape: [4, 5, 5, 2], data: x.data }, { shape: [3, 3, 3, 2, 3], data: w.data });
    expect(maxAbsDifference(plain.data, original.data)).toBe(0);
  });

  it('hand-worked: padding 1 and an all-ones 3×3×3 kernel count the in-range neighbours', () => {
    // A 2×2×2 clip of ones, padded by 1: every output sees all 8 real cells (the rest is padding).
    const x = tf.ones([1, 2, 2, 2, 1]) as tf.Tensor5D;
    const w = tf.ones([3, 3, 3, 1, 1]) as tf.Tensor5D;
    const out = conv3d(x, w, { padding: 1, bias: tf.tensor1d([0.5]) });
    expect(out.shape).toEqual([1, 2, 2, 2, 1]);
    expect(Array.from(out.dataSync())).toEqual(new Array(8).fill(8.5));
    // Stride 2 on 3 frames with padding 1: windows centred on t = 0 and t = 2.
    const clip = tf.tensor5d([1, 2, 3], [1, 3, 1, 1, 1]);
    const sum3 = tf.ones([3, 1, 1, 1, 1]) as tf.Tensor5D;
    const strided = conv3d(clip, sum3, { stride: [2, 1, 1], padding: [1, 0, 0] });
    expect(Array.from(strided.dataSync())).toEqual([1 + 2, 2 + 3]);
    tf.dispose([x, w, out, clip, sum3, strided]);
  });

  it('computes output sizes as floor((n + pad − k) / stride) + 1', () => {
    expect(conv3dOutputSize([16, 112, 112], [3, 7, 7], [1, 2, 2], [1, 3, 3])).toEqual([16, 56, 56]);
    expect(conv3dOutputSize([32, 56, 56], [5, 1, 1], [8, 1, 1], [2, 0, 0])).toEqual([4, 56, 56]);
  });

  it('names expected and actual shapes on a wrong input', () => {
    const x = tf.zeros([1, 4, 4, 4, 3]) as tf.Tensor5D;
    const w = tf.zeros([3, 3, 3, 2, 4]) as tf.Tensor5D;
    expect(() => conv3d(x, w)).toThrow('conv3d: input should have shape [N, T, H, W, 2], got [1, 4, 4, 4, 3]');
    const w2 = tf.zeros([5, 1, 1, 3, 4]) as tf.Tensor5D;
    expect(() => conv3d(x, w2)).toThrow(/kernel 5 along T is larger than the padded input 4/);
    expect(() => conv3d(x, w2, { bias: tf.zeros([3]) as tf.Tensor1D })).toThrow('bias should have shape [4], got [3]');
    expect(() => conv3d(tf.zeros([4, 4, 4, 3]) as unknown as tf.Tensor5D, w2)).toThrow(/got \[4, 4, 4, 3\]/);
    tf.dispose([x, w, w2]);
  });

  it('leaks no tensors', () => {
    const x = random<tf.Rank.R5>([1, 4, 5, 5, 2], 5).tensor;
    const w = random<tf.Rank.R5>([3, 3, 3, 2, 3], 6).tensor;
    const b = tf.zeros([3]) as tf.Tensor1D;
    expectNoLeak(() => conv3d(x, w, { padding: 1, stride: 2, bias: b }));
    tf.dispose([x, w, b]);
  });
});
