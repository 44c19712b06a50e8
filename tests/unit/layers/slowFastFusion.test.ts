import { beforeAll, describe, expect, it } from 'vitest';
import { fuseIntoSlow, timeStridedConv, timeToChannel } from '../../../src/lib/video-nn/layers/slowFastFusion';
import { concatChannelsPlain, timeToChannelPlain } from '../../../src/lib/video-nn/layers/reference/slowFast';
import { conv3dPlain } from '../../../src/lib/video-nn/layers/reference/conv3d';
import { batchNormPlain, reluPlain } from '../../../src/lib/video-nn/layers/reference/batchNorm';
import { randomTensor } from '../../../src/lib/video-nn/layers/reference/tensor';
import { expectNoLeak, maxError, random, record, reportErrors, tf, useCpu } from './helpers';

reportErrors();
beforeAll(useCpu);

describe('SlowFast lateral fusion', () => {
  it('timeToChannel matches the plain loop', () => {
    for (const [shape, alpha] of [[[2, 8, 2, 3, 3], 4], [[1, 6, 2, 2, 2], 2], [[1, 3, 2, 2, 2], 1]] as [number[], number][]) {
      const fast = random<tf.Rank.R5>(shape, 300 + alpha);
      const out = timeToChannel(fast.tensor, alpha);
      expect(record('timeToChannel', maxError(out, timeToChannelPlain(fast.plain, alpha)))).toBe(0);
      tf.dispose([fast.tensor, out]);
    }
  });

  it('hand-worked: α = 2 packs frames (0, 1) and (2, 3) frame-major into channels', () => {
    // One pixel, two channels; frame f holds [10f, 10f + 1].
    const fast = tf.tensor5d([0, 1, 10, 11, 20, 21, 30, 31], [1, 4, 1, 1, 2]);
    const out = timeToChannel(fast, 2);
    expect(out.shape).toEqual([1, 2, 1, 1, 4]);
    expect(Array.from(out.dataSync())).toEqual([0, 1, 10, 11, 20, 21, 30, 31]);
    // Time-strided conv: kernel 5×1×1 of ones on one channel, stride 2, padding 2: windows centred on frames 0 and 2.
    const frames = tf.tensor5d([1, 2, 3, 4], [1, 4, 1, 1, 1]);
    const ones = tf.ones([5, 1, 1, 1, 1]) as tf.Tensor5D;
    const strided = timeStridedConv(frames, ones, 2);
    expect(Array.from(strided.dataSync())).toEqual([1 + 2 + 3, 1 + 2 + 3 + 4]);
    tf.dispose([fast, out, frames, ones, strided]);
  });

  it('time-strided conv (5×1×1, stride α, padding 2) with and without BN+ReLU matches the plain loop', () => {
    // The paper's shapes scaled down: Fast [N, 32, 56, 56, 8] → [N, 4, 56, 56, 16]; here 56 → 2.
    const fast = random<tf.Rank.R5>([1, 32, 2, 2, 8], 310);
    const kernel = random<tf.Rank.R5>([5, 1, 1, 8, 16], 311, 0.5);
    const plainNorm = {
      scale: randomTensor([16], 312).data,
      shift: randomTensor([16], 313).data,
      runningMean: randomTensor([16], 314, 0.2).data,
      runningVariance: randomTensor([16], 315).data.map((v) => 0.5 + Math.abs(v)),
    };
    const norm = { scale: tf.tensor1d(plainNorm.scale), shift: tf.tensor1d(plainNorm.shift), runningMean: tf.tensor1d(plainNorm.runningMean), runningVariance: tf.tensor1d(plainNorm.runningVariance) };
    const conv = conv3dPlain(fast.plain, kernel.plain, { stride: [8, 1, 1], padding: [[2, 2], [0, 0], [0, 0]] });
    const plain = timeStridedConv(fast.tensor, kernel.tensor, 8);
    expect(plain.shape).toEqual([1, 4, 2, 2, 16]);
    expect(record('timeStridedConv', maxError(plain, conv))).toBeLessThanOrEqual(1e-5);
    const withNorm = timeStridedConv(fast.tensor, kernel.tensor, 8, { norm });
    expect(record('timeStridedConv + BN + ReLU', maxError(withNorm, reluPlain(batchNormPlain(conv, plainNorm))))).toBeLessThanOrEqual(1e-5);
    // Concatenated with Slow [1, 4, 2, 2, 64]: 64 + 16 channels.
    const slow = random<tf.Rank.R5>([1, 4, 2, 2, 64], 316);
    const fused = fuseIntoSlow(slow.tensor, withNorm);
    expect(fused.shape).toEqual([1, 4, 2, 2, 80]);
    expect(record('fuseIntoSlow', maxError(fused, concatChannelsPlain(slow.plain, reluPlain(batchNormPlain(conv, plainNorm)))))).toBeLessThanOrEqual(1e-5);
    const t2c = fuseIntoSlow(slow.tensor, timeToChannel(fast.tensor, 8));
    expect(t2c.shape).toEqual([1, 4, 2, 2, 128]);
    tf.dispose([fast.tensor, kernel.tensor, plain, withNorm, slow.tensor, fused, t2c, norm]);
  });

  it('names expected and actual shapes on a wrong input', () => {
    const fast = tf.zeros([1, 6, 2, 2, 8]) as tf.Tensor5D;
    expect(() => timeToChannel(fast, 4)).toThrow('timeToChannel: fast features should have shape [N, 4·T, H, W, C] (frames a multiple of α = 4), got [1, 6, 2, 2, 8]');
    const kernel = tf.zeros([5, 1, 1, 4, 16]) as tf.Tensor5D;
    expect(() => timeStridedConv(fast, kernel, 2)).toThrow('timeStridedConv: fast features should have shape [N, T, H, W, 4], got [1, 6, 2, 2, 8]');
    const spatialKernel = tf.zeros([5, 3, 3, 8, 16]) as tf.Tensor5D;
    expect(() => timeStridedConv(fast, spatialKernel, 2)).toThrow("kernel should have shape [kT, 1, 1, C, C'], got [5, 3, 3, 8, 16]");
    const slow = tf.zeros([1, 4, 2, 2, 8]) as tf.Tensor5D;
    expect(() => fuseIntoSlow(slow, fast)).toThrow("fuseIntoSlow: lateral features should have shape [1, 4, 2, 2, C'], got [1, 6, 2, 2, 8]");
    tf.dispose([fast, kernel, spatialKernel, slow]);
  });

  it('leaks no tensors', () => {
    const fast = random<tf.Rank.R5>([1, 16, 2, 2, 4], 320).tensor;
    const slow = random<tf.Rank.R5>([1, 2, 2, 2, 8], 321).tensor;
    const kernel = random<tf.Rank.R5>([5, 1, 1, 4, 8], 322).tensor;
    const norm = { scale: tf.ones([8]) as tf.Tensor1D, shift: tf.zeros([8]) as tf.Tensor1D, runningMean: tf.zeros([8]) as tf.Tensor1D, runningVariance: tf.ones([8]) as tf.Tensor1D };
    expectNoLeak(() => timeToChannel(fast, 8));
    expectNoLeak(() => timeStridedConv(fast, kernel, 8, { norm }));
    expectNoLeak(() => tf.tidy(() => fuseIntoSlow(slow, timeStridedConv(fast, kernel, 8))));
    tf.dispose([fast, slow, kernel, norm]);
  });
});
