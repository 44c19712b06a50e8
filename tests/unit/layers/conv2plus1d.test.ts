import { beforeAll, describe, expect, it } from 'vitest';
import { conv2plus1d, midWidth } from '../../../src/lib/video-nn/layers/conv2plus1d';
import type { BatchNormParams } from '../../../src/lib/video-nn/layers/batchNorm';
import { conv2plus1dPlain } from '../../../src/lib/video-nn/layers/reference/conv2plus1d';
import { randomTensor } from '../../../src/lib/video-nn/layers/reference/tensor';
import { expectNoLeak, maxError, random, record, reportErrors, tf, useCpu } from './helpers';

reportErrors();
beforeAll(useCpu);

function randomNorm(channels: number, seed: number) {
  const plain = {
    scale: randomTensor([channels], seed).data,
    shift: randomTensor([channels], seed + 1).data,
    runningMean: randomTensor([channels], seed + 2, 0.3).data,
    runningVariance: randomTensor([channels], seed + 3).data.map((v) => 0.5 + Math.abs(v)),
  };
  const tensors: BatchNormParams = {
    scale: tf.tensor1d(plain.scale),
    shift: tf.tensor1d(plain.shift),
    runningMean: tf.tensor1d(plain.runningMean),
    runningVariance: tf.tensor1d(plain.runningVariance),
  };
  return { plain, tensors };
}

describe('midWidth (torchvision R(2+1)D)', () => {
  it('gives the curriculum and torchvision r2plus1d_18 widths', () => {
    expect(midWidth(64, 64)).toBe(144);
    // torchvision computes M per BasicBlock from (inplanes, planes):
    expect([midWidth(64, 64), midWidth(64, 128), midWidth(128, 128), midWidth(128, 256), midWidth(256, 256), midWidth(256, 512), midWidth(512, 512)]).toEqual([
      144, 230, 288, 460, 576, 921, 1152,
    ]);
    // floor(kt·k²·Cin·Cout / (k²·Cin + kt·Cout)) for a non-cubic kernel: 5·49·8·16 / (49·8 + 5·16) = 31360 / 472.
    expect(midWidth(8, 16, 5, 7)).toBe(66);
    expect(() => midWidth(0, 4)).toThrow(/cin must be a positive integer/);
  });
});

describe('conv2plus1d', () => {
  it('matches the plain loop with batch norm (stride 1 and 2) and without', () => {
    const cin = 3;
    const cout = 4;
    const mid = midWidth(cin, cout); // 8
    expect(mid).toBe(8);
    for (const [i, stride] of [1, 2].entries()) {
      const x = random<tf.Rank.R5>([2, 4, 6, 6, cin], 40 + i);
      const spatial = random<tf.Rank.R5>([1, 3, 3, cin, mid], 50 + i);
      const temporal = random<tf.Rank.R5>([3, 1, 1, mid, cout], 60 + i);
      const norm = randomNorm(mid, 70 + i * 10);
      const out = conv2plus1d(x.tensor, { spatial: spatial.tensor, temporal: temporal.tensor, norm: norm.tensors }, { stride });
      const expected = conv2plus1dPlain(x.plain, spatial.plain, temporal.plain, { norm: norm.plain, stride });
      expect(out.shape).toEqual(stride === 1 ? [2, 4, 6, 6, cout] : [2, 2, 3, 3, cout]);
      expect(record('conv2plus1d', maxError(out, expected))).toBeLessThanOrEqual(1e-5);
      const noNorm = conv2plus1d(x.tensor, { spatial: spatial.tensor, temporal: temporal.tensor }, { stride });
      expect(record('conv2plus1d', maxError(noNorm, conv2plus1dPlain(x.plain, spatial.plain, temporal.plain, { stride })))).toBeLessThanOrEqual(1e-5);
      tf.dispose([x.tensor, spatial.tensor, temporal.tensor, out, noNorm, norm.tensors as unknown as tf.TensorContainer]);
    }
  });

  it('hand-worked: ×2, batch norm, ReLU, then a sum over three frames', () => {
    // One pixel, frames [0, 3, 5]. Spatial 1×1×1 weight 2 → [0, 6, 10].
    // BN with mean 1, variance 4, ε 0, scale 3, shift −1: (v − 1)/2·3 − 1 → [−2.5, 6.5, 12.5]; ReLU → [0, 6.5, 12.5].
    // Temporal kernel [1, 1, 1] with one frame of zero padding each side → [6.5, 19, 19].
    const x = tf.tensor5d([0, 3, 5], [1, 3, 1, 1, 1]);
    const spatial = tf.tensor5d([2], [1, 1, 1, 1, 1]);
    const temporal = tf.tensor5d([1, 1, 1], [3, 1, 1, 1, 1]);
    const norm = { scale: tf.tensor1d([3]), shift: tf.tensor1d([-1]), runningMean: tf.tensor1d([1]), runningVariance: tf.tensor1d([4]), epsilon: 0 };
    const out = conv2plus1d(x, { spatial, temporal, norm });
    expect(Array.from(out.dataSync())).toEqual([6.5, 19, 19]);
    tf.dispose([x, spatial, temporal, out, norm.scale, norm.shift, norm.runningMean, norm.runningVariance]);
  });

  it('names expected and actual shapes on a wrong input', () => {
    const spatial = tf.zeros([1, 3, 3, 3, 8]) as tf.Tensor5D;
    const temporal = tf.zeros([3, 1, 1, 8, 4]) as tf.Tensor5D;
    const x = tf.zeros([1, 4, 6, 6, 2]) as tf.Tensor5D;
    expect(() => conv2plus1d(x, { spatial, temporal })).toThrow('conv2plus1d: input should have shape [N, T, H, W, 3], got [1, 4, 6, 6, 2]');
    const badTemporal = tf.zeros([3, 1, 1, 7, 4]) as tf.Tensor5D;
    expect(() => conv2plus1d(x, { spatial, temporal: badTemporal })).toThrow('temporal filter should have shape [kT, 1, 1, 8, Cout], got [3, 1, 1, 7, 4]');
    tf.dispose([spatial, temporal, x, badTemporal]);
  });

  it('leaks no tensors', () => {
    const x = random<tf.Rank.R5>([1, 4, 5, 5, 2], 5).tensor;
    const spatial = random<tf.Rank.R5>([1, 3, 3, 2, 4], 6).tensor;
    const temporal = random<tf.Rank.R5>([3, 1, 1, 4, 3], 7).tensor;
    const norm = randomNorm(4, 8);
    expectNoLeak(() => conv2plus1d(x, { spatial, temporal, norm: norm.tensors }, { stride: 2 }));
    tf.dispose([x, spatial, temporal, norm.tensors as unknown as tf.TensorContainer]);
  });
});
