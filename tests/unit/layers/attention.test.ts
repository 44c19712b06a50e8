import { beforeAll, describe, expect, it } from 'vitest';
import { attentionProbabilities, multiHeadAttention, type AttentionWeights } from '../../../src/lib/video-nn/layers/attention';
import {
  dividedAttentionMaps,
  dividedSpaceTimeAttention,
  factorisedAttentionMaps,
  factorisedEncoder,
  fullAttentionMap,
  fullSpaceTimeAttention,
} from '../../../src/lib/video-nn/layers/spaceTimeAttention';
import {
  attentionPlain,
  clipSequence,
  dividedSpaceTimePlain,
  dividedTemporalStepPlain,
  factorisedEncoderPlain,
  frameTokensPlain,
  fullSpaceTimePlain,
  queryRowPlain,
  sequenceAt,
  type PlainAttention,
} from '../../../src/lib/video-nn/layers/reference/attention';
import { maxAbsDifference, randomTensor } from '../../../src/lib/video-nn/layers/reference/tensor';
import { expectNoLeak, maxError, random, record, reportErrors, tf, toTensor, useCpu } from './helpers';

reportErrors();
beforeAll(useCpu);

function projection(cin: number, cout: number, seed: number) {
  const plain = { kernel: randomTensor([cin, cout], seed, 0.6), bias: randomTensor([cout], seed + 1, 0.2).data };
  return { plain, tensors: { kernel: toTensor<tf.Rank.R2>(plain.kernel), bias: tf.tensor1d(plain.bias) } };
}

function attentionWeights(d: number, inner: number, seed: number): { plain: PlainAttention; tensors: AttentionWeights } {
  const [q, k, v, o] = [projection(d, inner, seed), projection(d, inner, seed + 2), projection(d, inner, seed + 4), projection(inner, d, seed + 6)];
  return {
    plain: { query: q.plain, key: k.plain, value: v.plain, output: o.plain },
    tensors: { query: q.tensors, key: k.tensors, value: v.tensors, output: o.tensors },
  };
}

const disposeWeights = (...ws: AttentionWeights[]) => tf.dispose(ws as unknown as tf.TensorContainer);

describe('multi-head attention core', () => {
  it('matches the plain loop for 1 and 2 heads (output and probabilities)', () => {
    for (const heads of [1, 2]) {
      const x = random<tf.Rank.R3>([2, 5, 8], 500 + heads);
      const w = attentionWeights(8, 8, 510 + 10 * heads);
      const out = multiHeadAttention(x.tensor, w.tensors, { heads });
      const probs = attentionProbabilities(x.tensor, w.tensors, { heads });
      const outData = new Float32Array(2 * 5 * 8);
      const probData = new Float32Array(2 * heads * 25);
      for (let b = 0; b < 2; b++) {
        const ref = attentionPlain(x.plain.data.subarray(b * 40, (b + 1) * 40), 5, w.plain, heads);
        outData.set(ref.out, b * 40);
        probData.set(ref.probs, b * heads * 25);
      }
      expect(record('multiHeadAttention', maxError(out, { shape: [2, 5, 8], data: outData }))).toBeLessThanOrEqual(1e-5);
      expect(record('attentionProbabilities', maxError(probs, { shape: [2, heads, 5, 5], data: probData }))).toBeLessThanOrEqual(1e-5);
      tf.dispose([x.tensor, out, probs]);
      disposeWeights(w.tensors);
    }
  });
});

describe('space-time attention (tokens [N, T, S, D])', () => {
  const shape = [2, 3, 4, 8];

  it('full, divided and factorised encoder match the plain loops (2 heads)', () => {
    const x = random<tf.Rank.R4>(shape, 520);
    const a = attentionWeights(8, 8, 530);
    const b = attentionWeights(8, 8, 540);
    const c = attentionWeights(8, 8, 550);
    const opts = { heads: 2 };
    const full = fullSpaceTimeAttention(x.tensor, a.tensors, opts);
    expect(record('fullSpaceTimeAttention', maxError(full, fullSpaceTimePlain(x.plain, a.plain, 2)))).toBeLessThanOrEqual(1e-5);
    const divided = dividedSpaceTimeAttention(x.tensor, { temporal: a.tensors, spatial: b.tensors }, opts);
    expect(record('dividedSpaceTimeAttention', maxError(divided, dividedSpaceTimePlain(x.plain, a.plain, b.plain, 2)))).toBeLessThanOrEqual(1e-5);
    const encoded = factorisedEncoder(x.tensor, { spatial: [a.tensors, b.tensors], temporal: [c.tensors] }, opts);
    expect(record('factorisedEncoder', maxError(encoded, factorisedEncoderPlain(x.plain, [a.plain, b.plain], [c.plain], 2)))).toBeLessThanOrEqual(1e-5);
    tf.dispose([x.tensor, full, divided, encoded]);
    disposeWeights(a.tensors, b.tensors, c.tensors);
  });

  it('query-token attention maps match the plain loops', () => {
    const x = random<tf.Rank.R4>(shape, 560);
    const a = attentionWeights(8, 8, 570);
    const b = attentionWeights(8, 8, 580);
    const query = { t: 2, s: 1 };
    const [N, T, S] = shape as [number, number, number, number];
    const opts = { heads: 2 };
    const expectRows = (name: string, actual: tf.Tensor, rows: (n: number) => Float32Array) => {
      const data = new Float32Array(actual.size);
      for (let n = 0; n < N; n++) data.set(rows(n), (n * actual.size) / N);
      expect(record(name, maxError(actual, { shape: actual.shape, data }))).toBeLessThanOrEqual(1e-5);
    };
    const full = fullAttentionMap(x.tensor, a.tensors, query, opts);
    expect(full.shape).toEqual([N, 2, T, S]);
    expectRows('fullAttentionMap', full, (n) => queryRowPlain(clipSequence(x.plain, n), T * S, a.plain, query.t * S + query.s, 2));
    const divided = dividedAttentionMaps(x.tensor, { temporal: a.tensors, spatial: b.tensors }, query, opts);
    expectRows('dividedAttentionMaps temporal', divided.temporal, (n) => queryRowPlain(sequenceAt(x.plain, n, 'position', query.s), T, a.plain, query.t, 2));
    const y = dividedTemporalStepPlain(x.plain, a.plain, 2);
    expectRows('dividedAttentionMaps spatial', divided.spatial, (n) => queryRowPlain(sequenceAt(y, n, 'frame', query.t), S, b.plain, query.s, 2));
    const fact = factorisedAttentionMaps(x.tensor, { spatial: [a.tensors], temporal: [b.tensors] }, query, opts);
    expectRows('factorisedAttentionMaps spatial', fact.spatial, (n) => queryRowPlain(sequenceAt(x.plain, n, 'frame', query.t), S, a.plain, query.s, 2));
    const frames = frameTokensPlain(x.plain, [a.plain], 2);
    expectRows('factorisedAttentionMaps temporal', fact.temporal, (n) => queryRowPlain(frames.data.subarray(n * T * 8, (n + 1) * T * 8), T, b.plain, query.t, 2));
    // Every row is a probability distribution.
    const sums = tf.sum(full, [2, 3]);
    expect(maxAbsDifference(sums.dataSync(), new Float32Array(N * 2).fill(1))).toBeLessThanOrEqual(1e-6);
    tf.dispose([x.tensor, full, divided, fact, sums]);
    disposeWeights(a.tensors, b.tensors);
  });

  it('hand-worked: zero queries give uniform attention, so each step adds the mean of its group', () => {
    // x[t][s] = [[1, 2], [3, 4]], D = 1; queries 0, values and output identity.
    const x = tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]);
    const unit = (k: number) => ({ kernel: tf.tensor2d([k], [1, 1]) });
    const w: AttentionWeights = { query: unit(0), key: unit(1), value: unit(1), output: unit(1) };
    // Full: + mean of all (2.5).
    const full = fullSpaceTimeAttention(x, w);
    expect(Array.from(full.dataSync())).toEqual([3.5, 4.5, 5.5, 6.5]);
    // Divided: temporal adds the mean at each position (2, 3) → [[3, 5], [5, 7]];
    // spatial then adds each frame's mean (4, 6) → [[7, 9], [11, 13]].
    const divided = dividedSpaceTimeAttention(x, { temporal: w, spatial: w });
    expect(Array.from(divided.dataSync())).toEqual([7, 9, 11, 13]);
    // Factorised: spatial per frame → [2.5, 3.5] and [6.5, 7.5], frame tokens 3 and 7; temporal adds 5 → [8, 12].
    const encoded = factorisedEncoder(x, { spatial: [w], temporal: [w] });
    expect(Array.from(encoded.dataSync())).toEqual([8, 12]);
    const maps = dividedAttentionMaps(x, { temporal: w, spatial: w }, { t: 1, s: 0 });
    expect(Array.from(maps.temporal.dataSync())).toEqual([0.5, 0.5]);
    expect(Array.from(maps.spatial.dataSync())).toEqual([0.5, 0.5]);
    tf.dispose([x, full, divided, encoded, maps]);
    disposeWeights(w);
  });

  it('names expected and actual shapes on a wrong input', () => {
    const w = attentionWeights(8, 8, 590);
    const x = tf.zeros([1, 2, 3, 6]) as tf.Tensor4D;
    expect(() => fullSpaceTimeAttention(x, w.tensors)).toThrow('fullSpaceTimeAttention: tokens should have shape [N, T, S, 8], got [1, 2, 3, 6]');
    expect(() => multiHeadAttention(tf.zeros([2, 8]) as unknown as tf.Tensor3D, w.tensors)).toThrow('multiHeadAttention: input should have shape [B, L, 8], got [2, 8]');
    const x8 = tf.zeros([1, 2, 3, 8]) as tf.Tensor4D;
    expect(() => dividedSpaceTimeAttention(x8, { temporal: w.tensors, spatial: w.tensors }, { heads: 3 })).toThrow(/3 heads do not divide the projection width 8/);
    expect(() => fullAttentionMap(x8, w.tensors, { t: 2, s: 0 })).toThrow('fullAttentionMap: query token (t 2, s 0) lies outside the token grid [1, 2, 3, 8]');
    const badOut = { ...w.tensors, output: { kernel: tf.zeros([8, 4]) as tf.Tensor2D } };
    expect(() => fullSpaceTimeAttention(x8, badOut)).toThrow('fullSpaceTimeAttention: output kernel should have shape [8, 8], got [8, 4]');
    tf.dispose([x, x8, badOut.output.kernel]);
    disposeWeights(w.tensors);
  });

  it('leaks no tensors', () => {
    const x = random<tf.Rank.R4>([1, 3, 4, 8], 600).tensor;
    const a = attentionWeights(8, 8, 610).tensors;
    const b = attentionWeights(8, 8, 620).tensors;
    const opts = { heads: 2 };
    expectNoLeak(() => fullSpaceTimeAttention(x, a, opts));
    expectNoLeak(() => dividedSpaceTimeAttention(x, { temporal: a, spatial: b }, opts));
    expectNoLeak(() => factorisedEncoder(x, { spatial: [a], temporal: [b] }, opts));
    expectNoLeak(() => fullAttentionMap(x, a, { t: 1, s: 1 }, opts));
    expectNoLeak(() => dividedAttentionMaps(x, { temporal: a, spatial: b }, { t: 1, s: 1 }, opts));
    expectNoLeak(() => factorisedAttentionMaps(x, { spatial: [a], temporal: [b] }, { t: 1, s: 1 }, opts));
    x.dispose();
    disposeWeights(a, b);
  });
});
