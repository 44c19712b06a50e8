/**
 * 1-D temporal convolutions over per-frame features x [N, T, C] (channels last):
 * the building block of temporal action detectors (a feature pyramid over time,
 * as ActionFormer's) and of streaming models (causal convs with a state buffer,
 * as MoViNets' stream buffers). Kernels are [k, Cin, Cout] (tfjs conv1d layout).
 */
import * as tf from '@tensorflow/tfjs-core';
import { checkNonNegativeInteger, checkPositiveInteger, expectShape, formatShape, slidingOutput } from './shapes';

export interface TemporalConvWeights {
  /** [k, Cin, Cout]. */
  kernel: tf.Tensor3D;
  bias?: tf.Tensor1D | undefined;
}

export interface TemporalConvOptions {
  /** Default 1. */
  stride?: number | undefined;
  /** Zero frames before and after: one number for both ends, or [before, after]. Default 0 ('valid'). */
  padding?: number | [number, number] | undefined;
  /** Gap between kernel taps; default 1. tfjs needs stride 1 when dilation > 1. */
  dilation?: number | undefined;
}

function checkWeights(op: string, w: TemporalConvWeights): [number, number, number] {
  expectShape(op, 'kernel', w.kernel.shape, ['k', 'Cin', 'Cout']);
  if (w.bias) expectShape(op, 'bias', w.bias.shape, [w.kernel.shape[2]]);
  return w.kernel.shape;
}

/**
 * x [N, T, Cin] → [N, T', Cout], T' = floor((T + before + after − d·(k−1) − 1) / stride) + 1.
 */
export function temporalConv1d(x: tf.Tensor3D, weights: TemporalConvWeights, options: TemporalConvOptions = {}): tf.Tensor3D {
  const op = 'temporalConv1d';
  const [k, cin] = checkWeights(op, weights);
  expectShape(op, 'input', x.shape, ['N', 'T', cin]);
  const stride = options.stride ?? 1;
  const dilation = options.dilation ?? 1;
  checkPositiveInteger(op, 'stride', stride);
  checkPositiveInteger(op, 'dilation', dilation);
  if (stride > 1 && dilation > 1) throw new Error(`${op}: stride ${stride} with dilation ${dilation} is not supported (tfjs needs one of them to be 1)`);
  const pad = options.padding ?? 0;
  const [before, after] = typeof pad === 'number' ? [pad, pad] : pad;
  checkNonNegativeInteger(op, 'padding', before);
  checkNonNegativeInteger(op, 'padding', after);
  const span = dilation * (k - 1) + 1;
  if (slidingOutput(x.shape[1], span, stride, before, after) < 1)
    throw new Error(`${op}: kernel spanning ${span} frames is longer than the padded input of ${x.shape[1] + before + after} frames (input ${formatShape(x.shape)})`);
  const bias = weights.bias;
  return tf.tidy(() => {
    const padded = before || after ? tf.pad(x, [[0, 0], [before, after], [0, 0]]) : x;
    const out = tf.conv1d(padded, weights.kernel, stride, 'valid', 'NWC', dilation);
    return bias ? tf.add<tf.Tensor3D>(out, bias) : out;
  });
}

export interface PyramidOptions {
  /** Downsampling of each level after the first. Default 2. */
  stride?: number | undefined;
  /** ReLU after every level. Default true. */
  relu?: boolean | undefined;
}

/**
 * A temporal feature pyramid: level 0 keeps the frame rate (stride 1), every
 * later level convolves the previous one with stride 2; padding floor(k/2) on
 * both ends, so with odd k the lengths are T, ⌈T/2⌉, ⌈T/4⌉, … Returns one
 * tensor [N, T_i, C_i] per level; the caller disposes them.
 */
export function temporalConvPyramid(x: tf.Tensor3D, levels: TemporalConvWeights[], options: PyramidOptions = {}): tf.Tensor3D[] {
  if (!levels.length) throw new Error('temporalConvPyramid: needs at least one level');
  const stride = options.stride ?? 2;
  checkPositiveInteger('temporalConvPyramid', 'stride', stride);
  let cin: number | string = x.shape[2];
  levels.forEach((w, i) => {
    expectShape('temporalConvPyramid', `level ${i} kernel`, w.kernel.shape, ['k', cin, 'Cout']);
    cin = w.kernel.shape[2];
  });
  return tf.tidy(() => {
    const outputs: tf.Tensor3D[] = [];
    let h = x;
    levels.forEach((w, i) => {
      const pad = Math.floor(w.kernel.shape[0] / 2);
      h = temporalConv1d(h, w, { stride: i === 0 ? 1 : stride, padding: pad });
      if (options.relu ?? true) h = tf.relu(h);
      outputs.push(h);
    });
    return outputs;
  });
}

/**
 * A causal conv: output t sees only frames t − d·(k−1) … t (left zero padding
 * of d·(k−1) frames, none on the right): [N, T, Cin] → [N, T, Cout].
 */
export function causalTemporalConv(x: tf.Tensor3D, weights: TemporalConvWeights, options: { dilation?: number | undefined } = {}): tf.Tensor3D {
  const [k] = checkWeights('causalTemporalConv', weights);
  const dilation = options.dilation ?? 1;
  checkPositiveInteger('causalTemporalConv', 'dilation', dilation);
  return temporalConv1d(x, weights, { dilation, padding: [dilation * (k - 1), 0] });
}
