/**
 * Batch normalisation in inference mode, over the last (channel) axis:
 * y = (x − mean) / √(variance + ε) · scale + shift, with the running statistics
 * a trained model stores. ε defaults to 1e-5, PyTorch's BatchNorm3d default.
 */
import * as tf from '@tensorflow/tfjs-core';
import { expectShape } from './shapes';

export interface BatchNormParams {
  /** γ, one per channel. */
  scale: tf.Tensor1D;
  /** β, one per channel. */
  shift: tf.Tensor1D;
  runningMean: tf.Tensor1D;
  runningVariance: tf.Tensor1D;
  /** Added to the variance; default 1e-5. */
  epsilon?: number | undefined;
}

export const DEFAULT_BN_EPSILON = 1e-5;

/** Checks the four vectors hold one value per channel. */
export function checkBatchNorm(op: string, params: BatchNormParams, channels: number): void {
  expectShape(op, 'batch-norm scale', params.scale.shape, [channels]);
  expectShape(op, 'batch-norm shift', params.shift.shape, [channels]);
  expectShape(op, 'batch-norm running mean', params.runningMean.shape, [channels]);
  expectShape(op, 'batch-norm running variance', params.runningVariance.shape, [channels]);
}

export function batchNormInference<T extends tf.Tensor>(x: T, params: BatchNormParams): T {
  checkBatchNorm('batchNormInference', params, x.shape[x.rank - 1]!);
  return tf.batchNorm(x, params.runningMean, params.runningVariance, params.shift, params.scale, params.epsilon ?? DEFAULT_BN_EPSILON) as T;
}
