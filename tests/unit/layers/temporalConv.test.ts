import { beforeAll, describe, expect, it } from 'vitest';
import { causalTemporalConv, temporalConv1d, temporalConvPyramid } from '../../../src/lib/video-nn/layers/temporalConv';
import { createCausalConvStream } from '../../../src/lib/video-nn/layers/causalStream';
import { conv1dPlain } from '../../../src/lib/video-nn/layers/reference/temporalConv';
import { reluPlain } from '../../../src/lib/video-nn/layers/reference/batchNorm';
import { maxAbsDifference } from '../../../src/lib/video-nn/layers/reference/tensor';
import { expectNoLeak, maxError, random, record, reportErrors, tf, useCpu } from './helpers';

reportErrors();
beforeAll(useCpu);

describe('temporalConv1d', () => {
  it('matches the plain loop for strides, paddings and dilations', () => {
    const cases = [
      { k: 3, stride: 1, before: 1, after: 1, dilation: 1 },
      { k: 3, stride: 2, before: 1, after: 1, dilation: 1 },
      { k: 4, stride: 3, before: 2, after: 0, dilation: 1 },
      { k: 3, stride: 1, before: 4, after: 0, dilation: 2 },
    ];
    cases.forEach((c, i) => {
      const x = random<tf.Rank.R3>([2, 11, 5], 900 + i);
      const kernel = random<tf.Rank.R3>([c.k, 5, 6], 910 + i);
      const bias = random<tf.Rank.R1>([6], 920 + i);
      const out = temporalConv1d(x.tensor, { kernel: kernel.tensor, bias: bias.tensor }, { stride: c.stride, padding: [c.before, c.after], dilation: c.dilation });
      expect(record('temporalConv1d', maxError(out, conv1dPlain(x.plain, kernel.plain, { ...c, bias: bias.plain.data })))).toBeLessThanOrEqual(1e-5);
      tf.dispose([x.tensor, kernel.tensor, bias.tensor, out]);
    });
  });

  it('hand-worked: a [1, 1] kernel with stride 2 sums frame pairs', () => {
    const x = tf.tensor3d([1, 2, 3, 4, 5, 6], [1, 6, 1]);
    const out = temporalConv1d(x, { kernel: tf.ones([2, 1, 1]) as tf.Tensor3D }, { stride: 2 });
    expect(Array.from(out.dataSync())).toEqual([3, 7, 11]);
    tf.dispose([x, out]);
  });
});

describe('temporalConvPyramid', () => {
  it('halves the length at each level after the first and matches the plain loop', () => {
    const x = random<tf.Rank.R3>([2, 13, 4], 930);
    const k0 = random<tf.Rank.R3>([3, 4, 6], 931);
    const k1 = random<tf.Rank.R3>([3, 6, 6], 932);
    const k2 = random<tf.Rank.R3>([5, 6, 8], 933);
    const b1 = random<tf.Rank.R1>([6], 934);
    const levels = temporalConvPyramid(x.tensor, [{ kernel: k0.tensor }, { kernel: k1.tensor, bias: b1.tensor }, { kernel: k2.tensor }]);
    expect(levels.map((l) => l.shape)).toEqual([[2, 13, 6], [2, 7, 6], [2, 4, 8]]);
    const l0 = reluPlain(conv1dPlain(x.plain, k0.plain, { before: 1, after: 1 }));
    const l1 = reluPlain(conv1dPlain(l0, k1.plain, { stride: 2, before: 1, after: 1, bias: b1.plain.data }));
    const l2 = reluPlain(conv1dPlain(l1, k2.plain, { stride: 2, before: 2, after: 2 }));
    [l0, l1, l2].forEach((expected, i) => expect(record('temporalConvPyramid', maxError(levels[i]!, expected))).toBeLessThanOrEqual(1e-5));
    tf.dispose([x.tensor, k0.tensor, k1.tensor, k2.tensor, b1.tensor, levels]);
  });
});

describe('causal temporal conv and its stream', () => {
  it('the offline causal conv matches the plain loop and never looks ahead', () => {
    for (const dilation of [1, 2]) {
      const x = random<tf.Rank.R3>([2, 9, 3], 940 + dilation);
      const kernel = random<tf.Rank.R3>([3, 3, 4], 950 + dilation);
      const out = causalTemporalConv(x.tensor, { kernel: kernel.tensor }, { dilation });
      expect(out.shape).toEqual([2, 9, 4]);
      expect(record('causalTemporalConv', maxError(out, conv1dPlain(x.plain, kernel.plain, { before: 2 * dilation, dilation })))).toBeLessThanOrEqual(1e-5);
      // Changing the last frame changes only the last output.
      const changed = tf.concat([tf.slice(x.tensor, [0, 0, 0], [2, 8, 3]), tf.ones([2, 1, 3])], 1) as tf.Tensor3D;
      const out2 = causalTemporalConv(changed, { kernel: kernel.tensor }, { dilation });
      const head = (t: tf.Tensor3D) => tf.slice(t, [0, 0, 0], [2, 8, 4]);
      const [h1, h2] = [head(out), head(out2)];
      expect(maxAbsDifference(h1.dataSync(), h2.dataSync())).toBe(0);
      tf.dispose([x.tensor, kernel.tensor, out, changed, out2, h1, h2]);
    }
  });

  it('streaming one frame at a time gives exactly the offline outputs, with a fixed-size buffer', () => {
    for (const [k, dilation] of [[3, 1], [3, 2], [1, 1], [4, 3]] as const) {
      const T = 10;
      const x = random<tf.Rank.R3>([2, T, 3], 960 + k * 10 + dilation);
      const kernel = random<tf.Rank.R3>([k, 3, 5], 970 + k * 10 + dilation);
      const bias = random<tf.Rank.R1>([5], 980);
      const weights = { kernel: kernel.tensor, bias: bias.tensor };
      const offline = causalTemporalConv(x.tensor, weights, { dilation });
      const stream = createCausalConvStream(weights, { dilation, batch: 2 });
      expect(stream.bufferFrames).toBe(dilation * (k - 1) + 1);
      const before = tf.memory().numTensors;
      const outputs: tf.Tensor2D[] = [];
      for (let t = 0; t < T; t++) {
        const frame = tf.tidy(() => tf.reshape(tf.slice(x.tensor, [0, t, 0], [2, 1, 3]), [2, 3])) as tf.Tensor2D;
        outputs.push(stream.push(frame));
        frame.dispose();
        // The state is one fixed-size buffer: only the outputs accumulate.
        expect(tf.memory().numTensors).toBe(before + outputs.length);
      }
      expect(stream.framesSeen).toBe(T);
      const streamed = tf.stack(outputs, 1);
      expect(record('causal stream vs offline', maxAbsDifference(streamed.dataSync(), offline.dataSync()))).toBeLessThanOrEqual(1e-6);
      // After reset the stream starts again from zeros.
      stream.reset();
      const first = tf.tidy(() => tf.reshape(tf.slice(x.tensor, [0, 0, 0], [2, 1, 3]), [2, 3])) as tf.Tensor2D;
      const again = stream.push(first);
      const offlineFirst = tf.slice(offline, [0, 0, 0], [2, 1, 5]);
      expect(maxAbsDifference(again.dataSync(), offlineFirst.dataSync())).toBeLessThanOrEqual(1e-6);
      const snap = stream.snapshot();
      expect(snap.shape).toEqual([2, stream.bufferFrames, 3]);
      stream.dispose();
      expect(() => stream.push(first)).toThrow(/disposed/);
      tf.dispose([x.tensor, kernel.tensor, bias.tensor, offline, outputs, streamed, first, again, offlineFirst, snap]);
    }
  });

  it('hand-worked: kernel [1, 2, 3] (oldest tap first) on frames 1, 10, 100 streams 3, 32, 321', () => {
    const kernel = tf.tensor3d([1, 2, 3], [3, 1, 1]);
    const stream = createCausalConvStream({ kernel });
    const results = [1, 10, 100].map((v) => {
      const frame = tf.tensor2d([v], [1, 1]);
      const out = stream.push(frame);
      const value = out.dataSync()[0];
      tf.dispose([frame, out]);
      return value;
    });
    // t0: 3·1; t1: 2·1 + 3·10; t2: 1·1 + 2·10 + 3·100.
    expect(results).toEqual([3, 32, 321]);
    stream.dispose();
    kernel.dispose();
  });

  it('names expected and actual shapes on a wrong input', () => {
    const kernel = tf.zeros([3, 4, 5]) as tf.Tensor3D;
    const x = tf.zeros([1, 8, 3]) as tf.Tensor3D;
    expect(() => temporalConv1d(x, { kernel })).toThrow('temporalConv1d: input should have shape [N, T, 4], got [1, 8, 3]');
    expect(() => causalTemporalConv(x, { kernel })).toThrow('temporalConv1d: input should have shape [N, T, 4], got [1, 8, 3]');
    const x4 = tf.zeros([1, 2, 4]) as tf.Tensor3D;
    expect(() => temporalConv1d(x4, { kernel })).toThrow(/kernel spanning 3 frames is longer than the padded input of 2 frames/);
    expect(() => temporalConv1d(x4, { kernel }, { stride: 2, dilation: 2, padding: 4 })).toThrow(/not supported/);
    expect(() => temporalConvPyramid(x4, [{ kernel }, { kernel }])).toThrow('temporalConvPyramid: level 1 kernel should have shape [k, 5, Cout], got [3, 4, 5]');
    const stream = createCausalConvStream({ kernel }, { batch: 2 });
    const frame = tf.zeros([1, 4]) as tf.Tensor2D;
    expect(() => stream.push(frame)).toThrow('causalConvStream: frame should have shape [2, 4], got [1, 4]');
    stream.dispose();
    tf.dispose([kernel, x, x4, frame]);
  });

  it('leaks no tensors', () => {
    const x = random<tf.Rank.R3>([1, 16, 4], 990).tensor;
    const kernel = random<tf.Rank.R3>([3, 4, 4], 991).tensor;
    const bias = random<tf.Rank.R1>([4], 992).tensor;
    expectNoLeak(() => temporalConv1d(x, { kernel, bias }, { stride: 2, padding: 1 }));
    expectNoLeak(() => temporalConvPyramid(x, [{ kernel }, { kernel, bias }, { kernel }]));
    expectNoLeak(() => causalTemporalConv(x, { kernel, bias }, { dilation: 2 }));
    const before = tf.memory().numTensors;
    const stream = createCausalConvStream({ kernel, bias }, { dilation: 2 });
    const frame = tf.ones([1, 4]) as tf.Tensor2D;
    for (let i = 0; i < 100; i++) stream.push(frame).dispose();
    stream.reset();
    stream.dispose();
    frame.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, kernel, bias]);
  });
});
