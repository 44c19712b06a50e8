/**
 * The model runner against plain loops: every layer kind `build` supports, on
 * small hand-built specs with random weights, |error| ≤ 1e-5 on the CPU backend.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { batchNormPlain, reluPlain } from '../../../src/lib/video-nn/layers/reference/batchNorm';
import { conv3dPlain } from '../../../src/lib/video-nn/layers/reference/conv3d';
import { maxPool3dPlain } from '../../../src/lib/video-nn/layers/reference/maxPool3d';
import { timeToChannelPlain } from '../../../src/lib/video-nn/layers/reference/slowFast';
import type { PlainTensor } from '../../../src/lib/video-nn/layers/reference/tensor';
import { temporalShiftPlain } from '../../../src/lib/video-nn/layers/reference/temporalShift';
import { build } from '../../../src/lib/video-nn/models';
import {
  avgPool3d,
  batchNorm3d,
  channelGate,
  concat,
  conv3d,
  dropout,
  flatten,
  globalAvgPool,
  linear,
  maxPool3d,
  relu,
  residual,
  sigmoid,
  swish,
  temporalShift,
  timeToChannel,
  type Layer,
  type ModelSpec,
} from '../../../src/lib/video-nn/spec';
import { maxError, randomClip, randomiseWeights, record, reportErrors, tf, useCpu } from './helpers';
import { avgPool3dTorchPlain, concatChannels, flattenPlain, groupedConvPlain, linearPlain } from './plain';

reportErrors();
beforeAll(useCpu);

function spec(id: string, layers: Layer[], input: [number, number, number, number]): ModelSpec {
  const [channels, frames, height, width] = input;
  return { id, title: id, defaultInput: { channels, frames, height, width }, layers };
}

const map = (x: PlainTensor, f: (v: number) => number): PlainTensor => ({ shape: [...x.shape], data: x.data.map(f) });
const sigmoidOf = (v: number) => 1 / (1 + Math.exp(-v));
const zip = (a: PlainTensor, b: PlainTensor, f: (x: number, y: number) => number): PlainTensor => ({ shape: [...a.shape], data: a.data.map((v, i) => f(v, b.data[i]!)) });

/** Mean over T, H, W per clip and channel: N×1×1×1×C. */
function meanPlain(x: PlainTensor): PlainTensor {
  const [N, T, H, W, C] = x.shape as [number, number, number, number, number];
  const out = new Float32Array(N * C);
  for (let i = 0; i < x.data.length; i++) out[Math.floor(i / (T * H * W * C)) * C + (i % C)]! += x.data[i]! / (T * H * W);
  return { shape: [N, 1, 1, 1, C], data: out };
}

/** Frames 0, s, 2s, … */
function sampleFramesPlain(x: PlainTensor, s: number): PlainTensor {
  const [N, T, H, W, C] = x.shape as [number, number, number, number, number];
  const frame = H * W * C;
  const kept = Math.ceil(T / s);
  const out = new Float32Array(N * kept * frame);
  for (let n = 0; n < N; n++) for (let t = 0; t < kept; t++) out.set(x.data.subarray((n * T + t * s) * frame, (n * T + t * s + 1) * frame), (n * kept + t) * frame);
  return { shape: [N, kept, H, W, C], data: out };
}

function run(model: ReturnType<typeof build>, x: tf.Tensor5D): tf.Tensor {
  return model.predict(x);
}

describe('forward pass against plain loops', () => {
  it('a two-layer spec: strided, padded conv with bias + ReLU, then a ceil-mode max pool', () => {
    const model = build(
      spec('two_layer', [conv3d('conv', 2, 4, 3, { stride: [1, 2, 2], padding: 1 }), relu('relu'), maxPool3d('pool', [2, 3, 3], { stride: 2, padding: [0, 1, 1], ceilMode: true })], [2, 5, 9, 9]),
    );
    const w = randomiseWeights(model, 1);
    const x = randomClip([2, 5, 9, 9, 2], 2);
    const conv = conv3dPlain(x.plain, w['conv.weight']!, { stride: [1, 2, 2], padding: [[1, 1], [1, 1], [1, 1]], bias: w['conv.bias']!.data });
    // Ceil mode: 5 frames → 3 windows, the last reads frame 4 alone (one more "padding" frame after).
    const expected = maxPool3dPlain(reluPlain(conv), [2, 3, 3], [2, 2, 2], [[0, 1], [1, 1], [1, 1]]);
    const y = run(model, x.tensor);
    expect(y.shape).toEqual([2, 3, 3, 3, 4]);
    expect(record('two-layer spec (conv + ReLU + ceil max pool)', maxError(y, expected))).toBeLessThanOrEqual(1e-5);
    tf.dispose([x.tensor, y]);
    model.dispose();
  });

  it('batch norm (inference), shift-only batch norm, padded ceil-mode average pool, flatten (channels first), dropout, linear', () => {
    const model = build(
      spec(
        'bn_head',
        [
          batchNorm3d('bn', 3),
          batchNorm3d('bn_shift', 3, { scale: false }),
          avgPool3d('avg', [2, 2, 3], { stride: [2, 2, 2], padding: [1, 1, 1], ceilMode: true }),
          flatten('flatten'),
          dropout('drop', 0.5),
          linear('fc', 3 * 3 * 3 * 4, 5),
        ],
        [3, 4, 4, 6],
      ),
    );
    const w = randomiseWeights(model, 3);
    const x = randomClip([2, 4, 4, 6, 3], 4);
    const bn = batchNormPlain(x.plain, { scale: w['bn.scale']!.data, shift: w['bn.shift']!.data, runningMean: w['bn.runningMean']!.data, runningVariance: w['bn.runningVar']!.data });
    const ones = new Float32Array(3).fill(1);
    const bn2 = batchNormPlain(bn, { scale: ones, shift: w['bn_shift.shift']!.data, runningMean: w['bn_shift.runningMean']!.data, runningVariance: w['bn_shift.runningVar']!.data });
    // T: ⌈(4 + 2 − 2)/2⌉ + 1 = 3; H: 3; W: ⌈(6 + 2 − 3)/2⌉ + 1 = 4, the last window hanging past the padding (ceil mode).
    const pooled = avgPool3dTorchPlain(bn2, [2, 2, 3], [2, 2, 2], [1, 1, 1], [3, 3, 4]);
    const expected = linearPlain(flattenPlain(pooled), w['fc.weight']!, w['fc.bias']!.data);
    const y = run(model, x.tensor);
    expect(model.analysis.rows.find((r) => r.name === 'avg')!.outputShape).toEqual([3, 3, 3, 4]);
    expect(record('BN + avg pool (pad, ceil) + flatten + linear', maxError(y, expected))).toBeLessThanOrEqual(1e-5);
    tf.dispose([x.tensor, y]);
    model.dispose();
  });

  it("grouped, depthwise (channel multiplier 2) and 'same'-padded convolutions", () => {
    const model = build(
      spec(
        'groups',
        [
          conv3d('grouped', 4, 6, 3, { stride: [2, 1, 2], padding: [1, 0, 1], groups: 2 }),
          conv3d('depthwise', 6, 12, [3, 1, 3], { stride: [1, 2, 1], padding: [1, 0, 1], groups: 6, bias: false }),
          conv3d('same', 12, 3, [3, 3, 1], { padding: 'same' }),
        ],
        [4, 5, 7, 6],
      ),
    );
    const w = randomiseWeights(model, 5);
    const x = randomClip([1, 5, 7, 6, 4], 6);
    const a = groupedConvPlain(x.plain, w['grouped.weight']!, 2, { stride: [2, 1, 2], padding: [[1, 1], [0, 0], [1, 1]], bias: w['grouped.bias']!.data });
    const b = groupedConvPlain(a, w['depthwise.weight']!, 6, { stride: [1, 2, 1], padding: [[1, 1], [0, 0], [1, 1]] });
    const expected = conv3dPlain(b, w['same.weight']!, { padding: [[1, 1], [1, 1], [0, 0]], bias: w['same.bias']!.data });
    const y = run(model, x.tensor);
    expect(record('grouped + depthwise + same convs', maxError(y, expected))).toBeLessThanOrEqual(1e-5);
    tf.dispose([x.tensor, y]);
    model.dispose();
  });

  it('residual (temporal shift in the body, projection shortcut, ReLU after the add), concat, channel gate, swish, sigmoid, time-to-channel', () => {
    const model = build(
      spec(
        'composite',
        [
          residual('res', [temporalShift('res.shift', 1 / 4), conv3d('res.conv', 4, 4, 1)], { shortcut: [conv3d('res.proj', 4, 4, 1, { bias: false })], activation: 'relu' }),
          concat('cat', [[conv3d('cat.a', 4, 2, [1, 3, 3], { padding: [0, 1, 1] })], [sigmoid('cat.b')]], 6),
          channelGate('gate', [globalAvgPool('gate.pool'), conv3d('gate.fc', 6, 6, 1), sigmoid('gate.sigmoid')]),
          swish('swish'),
          timeToChannel('fold', 2),
        ],
        [4, 4, 5, 5],
      ),
    );
    const w = randomiseWeights(model, 7);
    const x = randomClip([2, 4, 5, 5, 4], 8);
    const body = conv3dPlain(temporalShiftPlain(x.plain, 4), w['res.conv.weight']!, { bias: w['res.conv.bias']!.data });
    const res = reluPlain(zip(body, conv3dPlain(x.plain, w['res.proj.weight']!), (p, q) => p + q));
    const cat = concatChannels([conv3dPlain(res, w['cat.a.weight']!, { padding: [[0, 0], [1, 1], [1, 1]], bias: w['cat.a.bias']!.data }), map(res, sigmoidOf)]);
    const gate = map(conv3dPlain(meanPlain(cat), w['gate.fc.weight']!, { bias: w['gate.fc.bias']!.data }), sigmoidOf);
    const gated = { shape: [...cat.shape], data: cat.data.map((v, i) => v * gate.data[Math.floor(i / (4 * 5 * 5 * 6)) * 6 + (i % 6)]!) };
    const expected = timeToChannelPlain(map(gated, (v) => v * sigmoidOf(v)), 2);
    const y = run(model, x.tensor);
    expect(y.shape).toEqual([2, 2, 5, 5, 12]);
    expect(record('residual + concat + gate + swish + time-to-channel', maxError(y, expected))).toBeLessThanOrEqual(1e-5);
    tf.dispose([x.tensor, y]);
    model.dispose();
  });

  it('two pathways: frame sampling, a time-strided lateral conv fused into Slow, final concat, linear head', () => {
    const layers: Layer[] = [
      {
        kind: 'twoPathway',
        name: 'sf',
        slowFrameStride: 4,
        fastFrameStride: 1,
        stages: [
          {
            name: 's1',
            slow: [conv3d('slow.conv', 3, 4, [1, 3, 3], { padding: [0, 1, 1] })],
            fast: [conv3d('fast.conv', 3, 2, [3, 1, 1], { padding: [1, 0, 0] })],
            lateral: { name: 'lat', layers: [conv3d('lat.conv', 2, 4, [5, 1, 1], { stride: [4, 1, 1], padding: [2, 0, 0], bias: false })] },
          },
          { name: 's2', slow: [globalAvgPool('slow.pool')], fast: [globalAvgPool('fast.pool')] },
        ],
      },
      flatten('flatten'),
      linear('fc', 10, 3),
    ];
    const model = build(spec('two_pathway', layers, [3, 8, 5, 5]));
    const w = randomiseWeights(model, 9);
    const x = randomClip([2, 8, 5, 5, 3], 10);
    const slow = conv3dPlain(sampleFramesPlain(x.plain, 4), w['slow.conv.weight']!, { padding: [[0, 0], [1, 1], [1, 1]], bias: w['slow.conv.bias']!.data });
    const fast = conv3dPlain(x.plain, w['fast.conv.weight']!, { padding: [[1, 1], [0, 0], [0, 0]], bias: w['fast.conv.bias']!.data });
    const lateral = conv3dPlain(fast, w['lat.conv.weight']!, { stride: [4, 1, 1], padding: [[2, 2], [0, 0], [0, 0]] });
    const fused = concatChannels([meanPlain(concatChannels([slow, lateral])), meanPlain(fast)]);
    const expected = linearPlain(flattenPlain(fused), w['fc.weight']!, w['fc.bias']!.data);
    const y = run(model, x.tensor);
    expect(record('two pathways + lateral + head', maxError(y, expected))).toBeLessThanOrEqual(1e-5);
    tf.dispose([x.tensor, y]);
    model.dispose();
  });
});
