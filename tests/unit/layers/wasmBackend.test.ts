/**
 * The WASM backend (what browsers without WebGL run) in Node: the ops whose
 * kernels differ most between backends, against the plain loops. The whole
 * suite also runs on WASM with VNN_TEST_BACKEND=wasm.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '@tensorflow/tfjs-backend-wasm';
import { maxPool3d } from '../../../src/lib/video-nn/layers/maxPool3d';
import { conv3d } from '../../../src/lib/video-nn/layers/conv3d';
import { temporalConv1d } from '../../../src/lib/video-nn/layers/temporalConv';
import { maxPool3dPlain } from '../../../src/lib/video-nn/layers/reference/maxPool3d';
import { conv3dPlain } from '../../../src/lib/video-nn/layers/reference/conv3d';
import { conv1dPlain } from '../../../src/lib/video-nn/layers/reference/temporalConv';
import { maxError, random, record, reportErrors, tf } from './helpers';

reportErrors();
let previous = 'cpu';
beforeAll(async () => {
  previous = tf.getBackend() ?? 'cpu';
  expect(await tf.setBackend('wasm')).toBe(true);
});
afterAll(async () => {
  await tf.setBackend(previous);
});

describe('ops on the WASM backend', () => {
  it('maxPool3d is exact where tfjs-backend-wasm 4.22 MaxPool3D is not (1×2×2 window, 16 channels)', () => {
    const x = random<tf.Rank.R5>([1, 2, 4, 4, 16], 1100);
    const expected = maxPool3dPlain(x.plain, [1, 2, 2]);
    const out = maxPool3d(x.tensor, [1, 2, 2]);
    expect(record('maxPool3d (wasm)', maxError(out, expected))).toBe(0);
    tf.dispose([x.tensor, out]);
  });

  it('conv3d with padding and stride, and a strided, dilated 1-D conv, match the plain loops', () => {
    const x = random<tf.Rank.R5>([1, 5, 6, 6, 3], 1110);
    const w = random<tf.Rank.R5>([3, 3, 3, 3, 4], 1111);
    const out = conv3d(x.tensor, w.tensor, { stride: [1, 2, 2], padding: 1 });
    expect(record('conv3d (wasm)', maxError(out, conv3dPlain(x.plain, w.plain, { stride: [1, 2, 2], padding: [[1, 1], [1, 1], [1, 1]] })))).toBeLessThanOrEqual(1e-5);
    const seq = random<tf.Rank.R3>([2, 12, 4], 1112);
    const k = random<tf.Rank.R3>([3, 4, 5], 1113);
    const strided = temporalConv1d(seq.tensor, { kernel: k.tensor }, { stride: 2, padding: 1 });
    expect(record('temporalConv1d (wasm)', maxError(strided, conv1dPlain(seq.plain, k.plain, { stride: 2, before: 1, after: 1 })))).toBeLessThanOrEqual(1e-5);
    const dilated = temporalConv1d(seq.tensor, { kernel: k.tensor }, { dilation: 2, padding: [4, 0] });
    expect(record('temporalConv1d (wasm)', maxError(dilated, conv1dPlain(seq.plain, k.plain, { dilation: 2, before: 4 })))).toBeLessThanOrEqual(1e-5);
    tf.dispose([x.tensor, w.tensor, out, seq.tensor, k.tensor, strided, dilated]);
  });
});
