import { beforeAll, describe, expect, it } from 'vitest';
import { nonLocal, nonLocalAttention, type NonLocalWeights } from '../../../src/lib/video-nn/layers/nonLocal';
import { nonLocalPlain, type PlainPointwise } from '../../../src/lib/video-nn/layers/reference/nonLocal';
import { randomTensor } from '../../../src/lib/video-nn/layers/reference/tensor';
import { expectNoLeak, maxError, random, record, reportErrors, tf, toTensor, useCpu } from './helpers';

reportErrors();
beforeAll(useCpu);

function pointwiseWeights(cin: number, cout: number, seed: number) {
  const plain: PlainPointwise = { kernel: randomTensor([cin, cout], seed), bias: randomTensor([cout], seed + 1, 0.5).data };
  return { plain, tensors: { kernel: toTensor<tf.Rank.R2>(plain.kernel), bias: tf.tensor1d(plain.bias!) } };
}

function weights(c: number, ci: number, seed: number, withNorm: boolean) {
  const theta = pointwiseWeights(c, ci, seed);
  const phi = pointwiseWeights(c, ci, seed + 2);
  const g = pointwiseWeights(c, ci, seed + 4);
  const out = pointwiseWeights(ci, c, seed + 6);
  const normPlain = {
    scale: randomTensor([c], seed + 8).data,
    shift: randomTensor([c], seed + 9).data,
    runningMean: randomTensor([c], seed + 10, 0.2).data,
    runningVariance: randomTensor([c], seed + 11).data.map((v) => 0.5 + Math.abs(v)),
  };
  const tensors: NonLocalWeights = { theta: theta.tensors, phi: phi.tensors, g: g.tensors, out: out.tensors };
  if (withNorm)
    tensors.norm = { scale: tf.tensor1d(normPlain.scale), shift: tf.tensor1d(normPlain.shift), runningMean: tf.tensor1d(normPlain.runningMean), runningVariance: tf.tensor1d(normPlain.runningVariance) };
  const plain = { theta: theta.plain, phi: phi.plain, g: g.plain, out: out.plain, ...(withNorm ? { norm: normPlain } : {}) };
  const dispose = () => tf.dispose([theta.tensors, phi.tensors, g.tensors, out.tensors, (tensors.norm ?? {}) as tf.TensorContainer]);
  return { plain, tensors, dispose };
}

describe('nonLocal (embedded Gaussian, SlowFast form)', () => {
  it('matches the plain loop with and without batch norm, scaling and pooling', () => {
    const settings = [
      { norm: true, scale: true },
      { norm: false, scale: false },
      { norm: true, scale: true, poolSize: [1, 2, 2] as [number, number, number] },
    ];
    settings.forEach((s, i) => {
      const x = random<tf.Rank.R5>([2, 2, 4, 4, 6], 140 + i);
      const w = weights(6, 3, 150 + 20 * i, s.norm);
      const options = { scale: s.scale, ...(s.poolSize ? { poolSize: s.poolSize } : {}) };
      const out = nonLocal(x.tensor, w.tensors, options);
      const expected = nonLocalPlain(x.plain, w.plain, options);
      expect(record('nonLocal output', maxError(out, expected.output))).toBeLessThanOrEqual(1e-5);
      const attention = nonLocalAttention(x.tensor, w.tensors, options);
      expect(record('nonLocal attention', maxError(attention, expected.attention))).toBeLessThanOrEqual(1e-5);
      tf.dispose([x.tensor, out, attention]);
      w.dispose();
    });
  });

  it('hand-worked: θ = 0 gives uniform attention, so every position adds out(mean of g)', () => {
    // Two frames of one pixel, x = [1, 3]; g = 2x → [2, 6], mean 4; out = 0.5·4 + 1 = 3; x + 3 = [4, 6].
    const x = tf.tensor5d([1, 3], [1, 2, 1, 1, 1]);
    const pw = (k: number, b: number) => ({ kernel: tf.tensor2d([k], [1, 1]), bias: tf.tensor1d([b]) });
    const w: NonLocalWeights = { theta: pw(0, 0), phi: pw(1, 0), g: pw(2, 0), out: pw(0.5, 1) };
    const out = nonLocal(x, w);
    expect(Array.from(out.dataSync())).toEqual([4, 6]);
    const attention = nonLocalAttention(x, w);
    expect(Array.from(attention.dataSync())).toEqual([0.5, 0.5, 0.5, 0.5]);
    tf.dispose([x, out, attention, w as unknown as tf.TensorContainer]);
  });

  it('names expected and actual shapes on a wrong input', () => {
    const w = weights(6, 3, 200, true);
    const x = tf.zeros([1, 2, 2, 2, 5]) as tf.Tensor5D;
    expect(() => nonLocal(x, w.tensors)).toThrow('nonLocal: input should have shape [N, T, H, W, 6], got [1, 2, 2, 2, 5]');
    const bad = { ...w.tensors, out: { kernel: tf.zeros([3, 5]) as tf.Tensor2D } };
    expect(() => nonLocal(x, bad)).toThrow('nonLocal: out kernel should have shape [3, 6], got [3, 5]');
    const x6 = tf.zeros([1, 2, 2, 2, 6]) as tf.Tensor5D;
    expect(() => nonLocal(x6, w.tensors, { poolSize: [1, 3, 3] })).toThrow(/pool size \[1,3,3\] does not fit the input T×H×W 2×2×2/);
    tf.dispose([x, x6, bad.out.kernel]);
    w.dispose();
  });

  it('leaks no tensors', () => {
    const x = random<tf.Rank.R5>([1, 2, 4, 4, 6], 210).tensor;
    const w = weights(6, 3, 220, true);
    expectNoLeak(() => nonLocal(x, w.tensors, { poolSize: [1, 2, 2] }));
    expectNoLeak(() => nonLocalAttention(x, w.tensors));
    x.dispose();
    w.dispose();
  });
});
