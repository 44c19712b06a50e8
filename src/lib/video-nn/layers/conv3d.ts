/**
 * 3-D convolution over a clip batch N×T×H×W×Cin with a kT×kH×kW×Cin×Cout
 * filter, with padding given as explicit numbers per axis (as PyTorch's Conv3d
 * takes it) rather than tfjs's 'same'/'valid', so a spec's padding carries over
 * exactly. Cross-correlation, zero padding.
 */
import * as tf from '@tensorflow/tfjs-core';
import { conv3dOutputSize } from './sizes';
import { pad5d } from './pad5d';
import { expectShape, toPadding3d, toTriple, checkPositiveInteger, type Padding3d, type Triple } from './shapes';

export { conv3dOutputSize };

export interface Conv3dOptions {
  /** Step along T, H, W: one number or one per axis. Default 1. */
  stride?: number | Triple | undefined;
  /**
   * Zeros added around T, H, W: one number, a triple (symmetric per axis, like
   * PyTorch's `padding=(pt, ph, pw)`) or [before, after] pairs. Default 0.
   */
  padding?: number | Triple | Padding3d | undefined;
  /** Per-output-channel bias [Cout]. */
  bias?: tf.Tensor1D | undefined;
}

export function conv3d(x: tf.Tensor5D, filter: tf.Tensor5D, options: Conv3dOptions = {}): tf.Tensor5D {
  expectShape('conv3d', 'filter', filter.shape, ['kT', 'kH', 'kW', 'Cin', 'Cout']);
  const [kt, kh, kw, cin, cout] = filter.shape;
  expectShape('conv3d', 'input', x.shape, ['N', 'T', 'H', 'W', cin]);
  if (options.bias) expectShape('conv3d', 'bias', options.bias.shape, [cout]);
  const stride = toTriple(options.stride ?? 1);
  stride.forEach((s) => checkPositiveInteger('conv3d', 'stride', s));
  const padding = toPadding3d(options.padding ?? 0);
  if (padding.some((pair) => pair.some((p) => !Number.isInteger(p) || p < 0)))
    throw new Error(`conv3d: padding must be non-negative integers, got ${JSON.stringify(padding)}`);
  conv3dOutputSize([x.shape[1], x.shape[2], x.shape[3]], [kt, kh, kw], stride, padding);
  const bias = options.bias;
  return tf.tidy(() => {
    const needsPad = padding.some(([a, b]) => a > 0 || b > 0);
    const padded = needsPad ? pad5d(x, padding) : x;
    const out = tf.conv3d(padded, filter, stride, 'valid');
    return bias ? tf.add<tf.Tensor5D>(out, bias) : out;
  });
}
