/**
 * The non-local block (Wang et al., CVPR 2018), embedded-Gaussian form, as
 * SlowFast computes it (facebookresearch/SlowFast, slowfast/models/nonlocal_helper.py,
 * instantiation "softmax"): θ, φ, g are 1×1×1 convs (with bias) from C to
 * C_inner (usually C/2); every position attends to every position of the clip,
 * softmax(θ·φᵀ / √C_inner) over all T·H·W positions; the weighted sum of g goes
 * through a 1×1×1 conv back to C, an optional batch norm, and is added to x.
 * Optionally φ and g see the input max-pooled (stride = kernel) to cut the cost,
 * SlowFast's `pool_size`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { batchNormInference, checkBatchNorm, type BatchNormParams } from './batchNorm';
import { maxPool3d } from './maxPool3d';
import { checkPointwise, pointwise, type PointwiseWeights } from './pointwise';
import { expectShape, toTriple, type Triple } from './shapes';

export type { PointwiseWeights };

export interface NonLocalWeights {
  theta: PointwiseWeights;
  phi: PointwiseWeights;
  g: PointwiseWeights;
  /** C_inner → C. */
  out: PointwiseWeights;
  /** Batch norm after the output conv (SlowFast's default norm_type). */
  norm?: BatchNormParams | undefined;
}

export interface NonLocalOptions {
  /** Multiply θ·φᵀ by C_inner^−½ before the softmax, as SlowFast does. Default true. */
  scale?: boolean | undefined;
  /** Max-pool kernel (= stride) over T, H, W applied before φ and g. Default none. */
  poolSize?: number | Triple | undefined;
}

function check(x: tf.Tensor5D, w: NonLocalWeights, options: NonLocalOptions): Triple | undefined {
  const op = 'nonLocal';
  expectShape(op, 'theta kernel', w.theta.kernel.shape, ['C', 'Ci']);
  const [c, ci] = w.theta.kernel.shape;
  checkPointwise(op, 'theta', w.theta, c, ci);
  checkPointwise(op, 'phi', w.phi, c, ci);
  checkPointwise(op, 'g', w.g, c, ci);
  checkPointwise(op, 'out', w.out, ci, c);
  if (w.norm) checkBatchNorm(op, w.norm, c);
  expectShape(op, 'input', x.shape, ['N', 'T', 'H', 'W', c]);
  const pool = options.poolSize === undefined ? undefined : toTriple(options.poolSize);
  if (pool && pool.some((p, i) => !Number.isInteger(p) || p < 1 || p > x.shape[i + 1]!))
    throw new Error(`nonLocal: pool size ${JSON.stringify(pool)} does not fit the input T×H×W ${x.shape.slice(1, 4).join('×')}`);
  return pool;
}

/** Returns [attention [N, L, L'], g [N, L', Ci]] with L = T·H·W and L' the (pooled) key count. */
function attend(x: tf.Tensor5D, w: NonLocalWeights, pool: Triple | undefined, scale: boolean): [tf.Tensor3D, tf.Tensor3D] {
  const n = x.shape[0];
  const ci = w.theta.kernel.shape[1];
  const theta = tf.reshape(pointwise(x, w.theta), [n, -1, ci]) as tf.Tensor3D;
  const source = pool ? maxPool3d(x, pool) : x;
  const phi = tf.reshape(pointwise(source, w.phi), [n, -1, ci]) as tf.Tensor3D;
  const g = tf.reshape(pointwise(source, w.g), [n, -1, ci]) as tf.Tensor3D;
  let logits: tf.Tensor3D = tf.matMul(theta, phi, false, true);
  if (scale) logits = tf.mul<tf.Tensor3D>(logits, 1 / Math.sqrt(ci));
  return [tf.softmax(logits, -1), g];
}

/** x [N, T, H, W, C] → x + BN(out(softmax(θφᵀ)·g)), same shape. */
export function nonLocal(x: tf.Tensor5D, weights: NonLocalWeights, options: NonLocalOptions = {}): tf.Tensor5D {
  const pool = check(x, weights, options);
  const norm = weights.norm;
  return tf.tidy(() => {
    const [n, t, h, wd] = x.shape;
    const [attention, g] = attend(x, weights, pool, options.scale ?? true);
    const mixed = tf.reshape(tf.matMul(attention, g), [n, t, h, wd, g.shape[2]]) as tf.Tensor5D;
    let p = pointwise(mixed, weights.out);
    if (norm) p = batchNormInference(p, norm);
    return tf.add(x, p);
  });
}

/**
 * The attention matrix [N, L, L'] (rows sum to 1): row l says how much position
 * l = (t·H + y)·W + x draws from each (pooled) position. For the widgets.
 */
export function nonLocalAttention(x: tf.Tensor5D, weights: NonLocalWeights, options: NonLocalOptions = {}): tf.Tensor3D {
  const pool = check(x, weights, options);
  return tf.tidy(() => attend(x, weights, pool, options.scale ?? true)[0]);
}
