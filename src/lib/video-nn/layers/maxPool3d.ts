/**
 * 3-D max pooling over a clip batch [N, T, H, W, C] with explicit padding, done
 * as two 2-D max pools: first over H×W in every frame, then over T. A max over
 * a box is the max over time of the max over space, so the result is exact.
 * Why not tf.maxPool3d: in @tensorflow/tfjs-backend-wasm 4.22 its MaxPool3D
 * kernel returns wrong values for many shapes (e.g. a 1×2×2 window on more
 * than a few channels, or any 1×1×1 window), while the 2-D MaxPool it has is
 * right; the CPU and WebGL backends are right either way. Padding is ignored by
 * the max, as in PyTorch's MaxPool3d, which also requires it to be at most half
 * the window.
 */
import * as tf from '@tensorflow/tfjs-core';
import { pad5d } from './pad5d';
import { checkPositiveInteger, expectShape, slidingOutput, toPadding3d, toTriple, type Padding3d, type Triple } from './shapes';

/** Stands in for −∞ in the padding: finite, so every backend handles it, and below any activation. */
const PAD_VALUE = -3.4e38;

export interface MaxPool3dOptions {
  /** Default: the window (non-overlapping pooling). */
  stride?: number | Triple | undefined;
  /** Default 0. Each side at most half the window along its axis. */
  padding?: number | Triple | Padding3d | undefined;
}

export function maxPool3d(x: tf.Tensor5D, window: number | Triple, options: MaxPool3dOptions = {}): tf.Tensor5D {
  const op = 'maxPool3d';
  expectShape(op, 'input', x.shape, ['N', 'T', 'H', 'W', 'C']);
  const k = toTriple(window);
  const stride = toTriple(options.stride ?? k);
  const padding = toPadding3d(options.padding ?? 0);
  const axes = ['T', 'H', 'W'];
  k.forEach((v, i) => checkPositiveInteger(op, `window ${axes[i]}`, v));
  stride.forEach((v, i) => checkPositiveInteger(op, `stride ${axes[i]}`, v));
  padding.forEach(([a, b], i) => {
    const half = Math.floor(k[i]! / 2);
    if (![a, b].every((p) => Number.isInteger(p) && p >= 0 && p <= half))
      throw new Error(`${op}: padding along ${axes[i]} must be whole numbers from 0 to half the window (${half}), got [${a}, ${b}]`);
    if (slidingOutput(x.shape[i + 1]!, k[i]!, stride[i]!, a, b) < 1)
      throw new Error(`${op}: window ${k[i]} along ${axes[i]} is larger than the padded input ${x.shape[i + 1]! + a + b}`);
  });
  return tf.tidy(() => {
    const needsPad = padding.some(([a, b]) => a > 0 || b > 0);
    const padded = needsPad ? pad5d(x, padding, PAD_VALUE) : x;
    const [n, t, h, w, c] = padded.shape;
    const spatial = tf.maxPool(tf.reshape(padded, [n * t, h, w, c]) as tf.Tensor4D, [k[1], k[2]], [stride[1], stride[2]], 'valid');
    const [, oh, ow] = spatial.shape;
    const temporal = tf.maxPool(tf.reshape(spatial, [n, t, oh * ow, c]) as tf.Tensor4D, [k[0], 1], [stride[0], 1], 'valid');
    return tf.reshape(temporal, [n, temporal.shape[1], oh, ow, c]) as tf.Tensor5D;
  });
}
