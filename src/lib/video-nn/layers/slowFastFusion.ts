/**
 * SlowFast's lateral connections (Feichtenhofer et al., ICCV 2019): the Fast
 * pathway has α times the frames of the Slow one, so its features are brought
 * to the Slow pathway's frame count before they are concatenated onto it.
 *
 * - time-to-channel: pack each group of α consecutive Fast frames into channels;
 * - time-strided conv: a kT×1×1 conv (kT = 5 in the paper) with temporal stride α
 *   and temporal padding floor(kT/2). SlowFast's own code (FuseFastToSlow in
 *   facebookresearch/SlowFast slowfast/models/video_model_builder.py) follows it
 *   with BatchNorm and ReLU; a plain conv (no norm, no activation) is the other
 *   common variant. Both are available: pass `norm` or not.
 */
import * as tf from '@tensorflow/tfjs-core';
import { batchNormInference, checkBatchNorm, type BatchNormParams } from './batchNorm';
import { conv3d } from './conv3d';
import { checkPositiveInteger, expectShape, formatShape } from './shapes';

/**
 * [N, α·T, H, W, C] → [N, T, H, W, α·C]. Output channel j·C + c holds channel c
 * of frame j (0 ≤ j < α) of its group: frame-major packing.
 */
export function timeToChannel(fast: tf.Tensor5D, alpha: number): tf.Tensor5D {
  checkPositiveInteger('timeToChannel', 'alpha', alpha);
  expectShape('timeToChannel', 'fast features', fast.shape, ['N', 'T', 'H', 'W', 'C']);
  const [n, t, h, w, c] = fast.shape;
  if (t % alpha !== 0) throw new Error(`timeToChannel: fast features should have shape [N, ${alpha}·T, H, W, C] (frames a multiple of α = ${alpha}), got ${formatShape(fast.shape)}`);
  return tf.tidy(() => {
    const grouped = tf.reshape(fast, [n, t / alpha, alpha, h, w, c]);
    return tf.reshape(tf.transpose(grouped, [0, 1, 3, 4, 2, 5]), [n, t / alpha, h, w, alpha * c]) as tf.Tensor5D;
  });
}

export interface TimeStridedConvOptions {
  bias?: tf.Tensor1D | undefined;
  /** BatchNorm after the conv, as SlowFast's FuseFastToSlow. */
  norm?: BatchNormParams | undefined;
  /** ReLU at the end; default: true when `norm` is given (SlowFast), false otherwise. */
  relu?: boolean | undefined;
}

/**
 * kernel [kT, 1, 1, C, C'], temporal stride α, temporal padding floor(kT/2):
 * [N, α·T, H, W, C] → [N, T, H, W, C'], e.g. Fast [N, 32, 56, 56, 8] with a
 * 5×1×1 kernel to 16 channels and α = 8 → [N, 4, 56, 56, 16].
 */
export function timeStridedConv(fast: tf.Tensor5D, kernel: tf.Tensor5D, alpha: number, options: TimeStridedConvOptions = {}): tf.Tensor5D {
  const op = 'timeStridedConv';
  checkPositiveInteger(op, 'alpha', alpha);
  expectShape(op, 'kernel', kernel.shape, ['kT', 1, 1, 'C', "C'"]);
  expectShape(op, 'fast features', fast.shape, ['N', 'T', 'H', 'W', kernel.shape[3]]);
  const norm = options.norm;
  if (norm) checkBatchNorm(op, norm, kernel.shape[4]);
  const relu = options.relu ?? norm !== undefined;
  const pad = Math.floor(kernel.shape[0] / 2);
  return tf.tidy(() => {
    let y = conv3d(fast, kernel, { stride: [alpha, 1, 1], padding: [pad, 0, 0], bias: options.bias });
    if (norm) y = batchNormInference(y, norm);
    return relu ? tf.relu(y) : y;
  });
}

/** Concatenates the lateral features onto the Slow features along channels. */
export function fuseIntoSlow(slow: tf.Tensor5D, lateral: tf.Tensor5D): tf.Tensor5D {
  expectShape('fuseIntoSlow', 'slow features', slow.shape, ['N', 'T', 'H', 'W', 'C']);
  const [n, t, h, w] = slow.shape;
  expectShape('fuseIntoSlow', 'lateral features', lateral.shape, [n, t, h, w, "C'"]);
  return tf.concat([slow, lateral], 4);
}
