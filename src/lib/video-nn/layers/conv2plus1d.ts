/**
 * The (2+1)-D convolution of R(2+1)D (Tran et al., CVPR 2018), as torchvision's
 * `Conv2Plus1D` computes it: a 1×k×k spatial conv from Cin to M channels,
 * BatchNorm3d(M), ReLU, then a kt×1×1 temporal conv from M to Cout. Both convs
 * have no bias. A stride s goes to the spatial conv as (1, s, s) and to the
 * temporal conv as (s, 1, 1); one padding p pads (0, p, p) then (p, 0, 0).
 * Source read: pytorch/vision torchvision/models/video/resnet.py.
 */
import * as tf from '@tensorflow/tfjs-core';
import { batchNormInference, checkBatchNorm, type BatchNormParams } from './batchNorm';
import { conv3d } from './conv3d';
import { checkNonNegativeInteger, checkPositiveInteger, expectShape } from './shapes';

export { midWidth } from './sizes';

export interface Conv2Plus1dWeights {
  /** Spatial filter [1, kH, kW, Cin, M]. */
  spatial: tf.Tensor5D;
  /** BatchNorm3d(M) between the convs, as torchvision has; omit for conv → ReLU → conv. */
  norm?: BatchNormParams | undefined;
  /** Temporal filter [kT, 1, 1, M, Cout]. */
  temporal: tf.Tensor5D;
}

export interface Conv2Plus1dOptions {
  /** torchvision's `stride`: (1, s, s) spatially, then (s, 1, 1) temporally. Default 1. */
  stride?: number | undefined;
  /**
   * torchvision's `padding` p (default 1 there). Default here: half of each
   * kernel, floor(k/2) spatially and floor(kt/2) temporally, which is 1 for 3×3×3.
   */
  padding?: number | { spatial: number; temporal: number } | undefined;
}

/** Input [N, T, H, W, Cin] → [N, T', H', W', Cout]. */
export function conv2plus1d(x: tf.Tensor5D, weights: Conv2Plus1dWeights, options: Conv2Plus1dOptions = {}): tf.Tensor5D {
  const op = 'conv2plus1d';
  expectShape(op, 'spatial filter', weights.spatial.shape, [1, 'kH', 'kW', 'Cin', 'M']);
  const [, kh, kw, cin, mid] = weights.spatial.shape;
  expectShape(op, 'temporal filter', weights.temporal.shape, ['kT', 1, 1, mid, 'Cout']);
  expectShape(op, 'input', x.shape, ['N', 'T', 'H', 'W', cin]);
  if (weights.norm) checkBatchNorm(op, weights.norm, mid);
  const kt = weights.temporal.shape[0];
  const stride = options.stride ?? 1;
  checkPositiveInteger(op, 'stride', stride);
  const pad = options.padding;
  const [ph, pw, pt] =
    pad === undefined ? [Math.floor(kh / 2), Math.floor(kw / 2), Math.floor(kt / 2)] : typeof pad === 'number' ? [pad, pad, pad] : [pad.spatial, pad.spatial, pad.temporal];
  [ph, pw, pt].forEach((p) => checkNonNegativeInteger(op, 'padding', p));
  const norm = weights.norm;
  return tf.tidy(() => {
    let h = conv3d(x, weights.spatial, { stride: [1, stride, stride], padding: [0, ph, pw] });
    if (norm) h = batchNormInference(h, norm);
    h = tf.relu(h);
    return conv3d(h, weights.temporal, { stride: [stride, 1, 1], padding: [pt, 0, 0] });
  });
}
