/**
 * The few tensor operations the model runner needs beyond `../layers`: grouped
 * and depthwise 3-D convolution (tfjs has neither), PyTorch-exact pooling with
 * padding and ceil mode, rank-5 padding that works on WebGL, a channels-first
 * flatten, and frame sampling. All take and return N×T×H×W×C clip batches.
 */
import * as tf from '@tensorflow/tfjs-core';
import { poolOutputLength } from '../analysis/arithmetic';
import { resolvePadding } from '../analysis/primitives';
import { conv3d } from '../layers/conv3d';
import { maxPool3d } from '../layers/maxPool3d';
import { pad5d, type Pads } from '../layers/pad5d';

export { pad5d };
import type { Conv3dLayer, Pool3dLayer, Triple } from '../spec/types';


/** A stand-in for −∞ in max-pool padding (as `layers/maxPool3d`): finite on every backend. */
const MAX_PAD_VALUE = -3.4e38;

/**
 * A spec's conv3d on a clip batch. groups = 1 is tf.conv3d; groups = Cin
 * (depthwise, any channel multiplier) runs one tf.depthwiseConv2d per temporal
 * tap and sums them; other group counts run one conv per group and concatenate.
 */
export function specConv3d(layer: Conv3dLayer, x: tf.Tensor5D, filter: tf.Tensor5D, bias?: tf.Tensor1D): tf.Tensor5D {
  const stride = [...(layer.stride ?? [1, 1, 1])] as [number, number, number];
  const padding = [...resolvePadding(layer)] as [number, number, number];
  const groups = layer.groups ?? 1;
  return tf.tidy(() => {
    // Padded here (see pad5d), so the convs below run 'valid'.
    const xp = pad5d(x, padding.map((p) => [p, p] as [number, number]) as Pads);
    if (groups === 1) return conv3d(xp, filter, { stride, bias });
    const out = groups === layer.inChannels ? depthwise(xp, filter, stride) : perGroup(xp, filter, groups, stride);
    return bias ? tf.add<tf.Tensor5D>(out, bias) : out;
  });
}

/** x is already padded. */
function depthwise(xp: tf.Tensor5D, filter: tf.Tensor5D, stride: Triple): tf.Tensor5D {
  if (xp.shape[0] > 1) return perClip(xp, (clip) => depthwise(clip, filter, stride));
  const [kt, kh, kw, , cout] = filter.shape;
  const cin = xp.shape[4];
  const [st, sh, sw] = stride;
  const [n, tp, hp, wp] = xp.shape;
  const outT = Math.floor((tp - kt) / st) + 1;
  let sum: tf.Tensor4D | undefined;
  for (let dt = 0; dt < kt; dt++) {
    // Frames dt, dt + st, …: the frames tap dt of every output frame reads.
    const frames = framesAt(xp, dt, outT, st);
    // Output channel c·m + j of a depthwise conv is channel c times multiplier j: tfjs's order too.
    const tap = tf.reshape(tf.slice(filter, [dt, 0, 0, 0, 0], [1, kh, kw, 1, cout]), [kh, kw, cin, cout / cin]) as tf.Tensor4D;
    const y = tf.depthwiseConv2d(tf.reshape(frames, [n * outT, hp, wp, cin]) as tf.Tensor4D, tap, [sh, sw], 'valid');
    sum = sum ? tf.add(sum, y) : y;
  }
  const [, oh, ow] = sum!.shape;
  return tf.reshape(sum!, [n, outT, oh, ow, cout]) as tf.Tensor5D;
}

/** x is already padded. */
function perGroup(xp: tf.Tensor5D, filter: tf.Tensor5D, groups: number, stride: Triple): tf.Tensor5D {
  const inputs = tf.split(xp, groups, 4) as tf.Tensor5D[];
  const filters = tf.split(filter, groups, 4) as tf.Tensor5D[];
  const s = [...stride] as [number, number, number];
  return tf.concat(inputs.map((xi, g) => conv3d(xi, filters[g]!, { stride: s })), 4) as tf.Tensor5D;
}

/**
 * Padding before and after each axis that makes a 'valid' pool give PyTorch's
 * output size: the symmetric padding, plus, in ceil mode, room for the last
 * (partial) window at the end.
 */
export function poolPadding(layer: Pool3dLayer, sizes: readonly number[]): { pads: Pads; extended: boolean } {
  const stride = layer.stride ?? layer.kernel;
  const padding = layer.padding ?? [0, 0, 0];
  let extended = false;
  const axes = ['T', 'H', 'W'] as const;
  const pads = axes.map((axis, i) => {
    const [n, k, s, p] = [sizes[i]!, layer.kernel[i]!, stride[i]!, padding[i]!];
    const out = poolOutputLength(layer.name, axis, n, k, s, p, layer.ceilMode ?? false);
    const after = Math.max(p, (out - 1) * s + k - n - p);
    if (after > p) extended = true;
    return [p, after];
  }) as Pads;
  return { pads, extended };
}

/** Max or average pooling exactly as PyTorch's MaxPool3d / AvgPool3d (count_include_pad, ceil_mode). */
export function specPool3d(layer: Pool3dLayer, x: tf.Tensor5D): tf.Tensor5D {
  const kernel = [...layer.kernel] as [number, number, number];
  const stride = [...(layer.stride ?? layer.kernel)] as [number, number, number];
  const { pads, extended } = poolPadding(layer, x.shape.slice(1, 4));
  const padded = pads.some(([a, b]) => a > 0 || b > 0);
  return tf.tidy(() => {
    if (layer.kind === 'maxPool3d') {
      // Padded cells never win the max: pad with "−∞", then a 'valid' pool (ours: tf.maxPool3d is wrong on WASM).
      const xp = pad5d(x, pads, MAX_PAD_VALUE);
      return maxPool3d(xp, kernel, { stride });
    }
    if (!padded) return tf.avgPool3d(x, kernel, stride, 'valid');
    const xp = pad5d(x, pads);
    const sum = tf.avgPool3d(xp, kernel, stride, 'valid');
    if (!extended) return sum;
    // PyTorch divides by the window clipped to the padded input (padding counts, the ceil-mode overhang does not).
    const [, t, h, w] = x.shape;
    const inside = tf.ones([1, t + 2 * pads[0][0], h + 2 * pads[1][0], w + 2 * pads[2][0], 1]);
    const mask = pad5d(inside as tf.Tensor5D, pads.map(([a, b]) => [0, b - a]) as Pads);
    return tf.div<tf.Tensor5D>(sum, tf.avgPool3d(mask, kernel, stride, 'valid'));
  });
}

/** N×T×H×W×C → N×(C·T·H·W) in PyTorch's (channels-first) order, so linear weights map one to one. */
export function flattenChannelsFirst(x: tf.Tensor): tf.Tensor2D {
  if (x.rank === 2) return x as tf.Tensor2D;
  return tf.tidy(() => tf.reshape(tf.transpose(x, [0, 4, 1, 2, 3]), [x.shape[0]!, -1]) as tf.Tensor2D);
}

/** clip[:, ::stride]: frames 0, stride, 2·stride, … (⌈T / stride⌉ of them). */
export function sampleFrames(x: tf.Tensor5D, stride: number): tf.Tensor5D {
  if (stride === 1) return x;
  const count = Math.ceil(x.shape[1] / stride);
  return x.shape[0] > 1 ? perClip(x, (clip) => framesAt(clip, 0, count, stride)) : framesAt(x, 0, count, stride);
}

/*
 * Why one clip at a time: the CPU backend copies a slice that is not one
 * contiguous block (and every tf.stridedSlice or tf.gather) element by element,
 * through index arithmetic, which costs seconds on a small batch. A run of
 * frames of a single clip is contiguous, and so are clips of a batch.
 */

/** `count` frames start, start + step, … of one clip [1, T, H, W, C], by contiguous slices. */
function framesAt(x: tf.Tensor5D, start: number, count: number, step: number): tf.Tensor5D {
  const [n, , h, w, c] = x.shape;
  if (step === 1) return tf.slice(x, [0, start, 0, 0, 0], [n, count, h, w, c]);
  return tf.tidy(() => tf.concat(Array.from({ length: count }, (_, i) => tf.slice(x, [0, start + i * step, 0, 0, 0], [n, 1, h, w, c])), 1));
}

/** Applies `f` to each clip of a batch and stacks the results. */
function perClip(x: tf.Tensor5D, f: (clip: tf.Tensor5D) => tf.Tensor5D): tf.Tensor5D {
  return tf.tidy(() => tf.concat((tf.split(x, x.shape[0], 0) as tf.Tensor5D[]).map(f), 0));
}
