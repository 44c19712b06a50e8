/**
 * Multi-head scaled dot-product self-attention with given projection weights,
 * the core shared by the video transformers (TimeSformer, ViViT, VideoMAE).
 * Queries, keys and values are D → heads·dHead projections; head h uses columns
 * [h·dHead, (h+1)·dHead), the split timm's and PyTorch's attention use; the
 * heads' outputs are concatenated and projected back to D.
 */
import * as tf from '@tensorflow/tfjs-core';
import { checkPointwise, pointwise, type PointwiseWeights } from './pointwise';
import { checkPositiveInteger, expectShape } from './shapes';

export interface AttentionWeights {
  /** D → heads·dHead. */
  query: PointwiseWeights;
  key: PointwiseWeights;
  value: PointwiseWeights;
  /** heads·dHead → D. */
  output: PointwiseWeights;
}

export interface AttentionOptions {
  /** Number of heads; must divide the projection width. Default 1. */
  heads?: number | undefined;
}

/** Checks the four projections against model width D; returns [D, heads, dHead]. */
export function checkAttention(op: string, w: AttentionWeights, options: AttentionOptions): [number, number, number] {
  expectShape(op, 'query kernel', w.query.kernel.shape, ['D', 'inner']);
  const [d, inner] = w.query.kernel.shape;
  checkPointwise(op, 'query', w.query, d, inner);
  checkPointwise(op, 'key', w.key, d, inner);
  checkPointwise(op, 'value', w.value, d, inner);
  checkPointwise(op, 'output', w.output, inner, d);
  const heads = options.heads ?? 1;
  checkPositiveInteger(op, 'heads', heads);
  if (inner % heads !== 0) throw new Error(`${op}: ${heads} heads do not divide the projection width ${inner}`);
  return [d, heads, inner / heads];
}

/** [B, L, heads·dHead] → [B, heads, L, dHead]. */
function splitHeads(x: tf.Tensor3D, heads: number): tf.Tensor4D {
  const [b, l, inner] = x.shape;
  return tf.transpose(tf.reshape(x, [b, l, heads, inner / heads]), [0, 2, 1, 3]);
}

function probabilities(x: tf.Tensor3D, w: AttentionWeights, heads: number, dHead: number): [tf.Tensor4D, tf.Tensor4D] {
  const q = splitHeads(pointwise(x, w.query), heads);
  const k = splitHeads(pointwise(x, w.key), heads);
  const v = splitHeads(pointwise(x, w.value), heads);
  const logits = tf.mul<tf.Tensor4D>(tf.matMul(q, k, false, true), 1 / Math.sqrt(dHead));
  return [tf.softmax(logits, -1), v];
}

/** Self-attention over each sequence: x [B, L, D] → [B, L, D] (no residual, no norm). */
export function multiHeadAttention(x: tf.Tensor3D, weights: AttentionWeights, options: AttentionOptions = {}): tf.Tensor3D {
  const [d, heads, dHead] = checkAttention('multiHeadAttention', weights, options);
  expectShape('multiHeadAttention', 'input', x.shape, ['B', 'L', d]);
  return tf.tidy(() => {
    const [b, l] = x.shape;
    const [p, v] = probabilities(x, weights, heads, dHead);
    const mixed = tf.reshape(tf.transpose(tf.matMul(p, v), [0, 2, 1, 3]), [b, l, heads * dHead]) as tf.Tensor3D;
    return pointwise(mixed, weights.output);
  });
}

/** The attention weights [B, heads, L, L]: row i is how much token i draws from each token. */
export function attentionProbabilities(x: tf.Tensor3D, weights: AttentionWeights, options: AttentionOptions = {}): tf.Tensor4D {
  const [d, heads, dHead] = checkAttention('attentionProbabilities', weights, options);
  expectShape('attentionProbabilities', 'input', x.shape, ['B', 'L', d]);
  return tf.tidy(() => probabilities(x, weights, heads, dHead)[0]);
}
