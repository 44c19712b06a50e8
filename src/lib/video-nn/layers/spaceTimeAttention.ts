/**
 * Three ways for video tokens x [N, T, S, D] (T frames of S = H'·W' spatial
 * tokens) to attend, each an attention sub-layer with a residual connection
 * (x + attention(x)) and no LayerNorm, MLP or class token — the part that
 * differs between the models:
 *
 * - full space-time: every token attends to all T·S tokens (cost (T·S)² entries);
 * - divided (TimeSformer, Bertasius et al. 2021, "divided space-time attention"):
 *   first each token attends to the T tokens at its own spatial position
 *   (temporal), then, on that result, to the S tokens of its own frame
 *   (spatial): T²·S + T·S² entries. TimeSformer's extra temporal_fc after the
 *   temporal attention is a linear map and folds into its output projection;
 * - factorised encoder (ViViT model 2, Arnab et al. 2021): a spatial encoder
 *   within each frame, one token per frame (here the mean of its S tokens;
 *   ViViT may use a class token instead), then a temporal encoder over the T
 *   frame tokens.
 */
import * as tf from '@tensorflow/tfjs-core';
import { checkAttention, multiHeadAttention, type AttentionOptions, type AttentionWeights } from './attention';
import { pointwise } from './pointwise';
import { expectShape, formatShape } from './shapes';

export interface DividedAttentionWeights {
  temporal: AttentionWeights;
  spatial: AttentionWeights;
}

export interface FactorisedEncoderWeights {
  /** Spatial layers, applied in order within each frame. */
  spatial: AttentionWeights[];
  /** Temporal layers, applied in order over the frame tokens. */
  temporal: AttentionWeights[];
}

/** A query token: frame t, spatial position s (= y·W' + x). */
export interface QueryToken {
  t: number;
  s: number;
}

function checkTokens(op: string, x: tf.Tensor4D, d: number): void {
  expectShape(op, 'tokens', x.shape, ['N', 'T', 'S', d]);
}

function checkQuery(op: string, x: tf.Tensor4D, q: QueryToken): void {
  const [, t, s] = x.shape;
  if (!Number.isInteger(q.t) || !Number.isInteger(q.s) || q.t < 0 || q.t >= t || q.s < 0 || q.s >= s)
    throw new Error(`${op}: query token (t ${q.t}, s ${q.s}) lies outside the token grid ${formatShape(x.shape)}`);
}

/** x + attention(x), over sequences [B, L, D]. */
function residualAttention(x: tf.Tensor3D, w: AttentionWeights, options: AttentionOptions): tf.Tensor3D {
  return tf.add(x, multiHeadAttention(x, w, options));
}

/** [N, T, S, D] → [N·S, T, D]: one sequence per spatial position. */
function byPosition(x: tf.Tensor4D): tf.Tensor3D {
  const [n, t, s, d] = x.shape;
  return tf.reshape(tf.transpose(x, [0, 2, 1, 3]), [n * s, t, d]);
}

function fromPosition(x: tf.Tensor3D, n: number): tf.Tensor4D {
  const [ns, t, d] = x.shape;
  return tf.transpose(tf.reshape(x, [n, ns / n, t, d]), [0, 2, 1, 3]);
}

export function fullSpaceTimeAttention(x: tf.Tensor4D, weights: AttentionWeights, options: AttentionOptions = {}): tf.Tensor4D {
  const [d] = checkAttention('fullSpaceTimeAttention', weights, options);
  checkTokens('fullSpaceTimeAttention', x, d);
  return tf.tidy(() => {
    const [n, t, s] = x.shape;
    return tf.reshape(residualAttention(tf.reshape(x, [n, t * s, d]), weights, options), x.shape);
  });
}

/** Temporal residual attention only (the first half of the divided block). */
function temporalStep(x: tf.Tensor4D, w: AttentionWeights, options: AttentionOptions): tf.Tensor4D {
  return fromPosition(residualAttention(byPosition(x), w, options), x.shape[0]);
}

export function dividedSpaceTimeAttention(x: tf.Tensor4D, weights: DividedAttentionWeights, options: AttentionOptions = {}): tf.Tensor4D {
  const [d] = checkAttention('dividedSpaceTimeAttention (temporal)', weights.temporal, options);
  checkAttention('dividedSpaceTimeAttention (spatial)', weights.spatial, options);
  checkTokens('dividedSpaceTimeAttention', x, d);
  return tf.tidy(() => {
    const [n, t, s] = x.shape;
    const y = temporalStep(x, weights.temporal, options);
    return tf.reshape(residualAttention(tf.reshape(y, [n * t, s, d]), weights.spatial, options), x.shape);
  });
}

function checkFactorised(op: string, x: tf.Tensor4D, weights: FactorisedEncoderWeights, options: AttentionOptions): void {
  const all = [...weights.spatial, ...weights.temporal];
  if (!weights.spatial.length || !weights.temporal.length) throw new Error(`${op}: needs at least one spatial and one temporal layer`);
  const [d] = checkAttention(op, all[0]!, options);
  all.forEach((w) => expectShape(op, 'layer query kernel', w.query.kernel.shape, [d, 'inner']));
  all.forEach((w) => checkAttention(op, w, options));
  checkTokens(op, x, d);
}

/** Spatial encoder per frame, then the mean token of each frame: [N, T, S, D] → [N, T, D]. */
function frameTokens(x: tf.Tensor4D, layers: AttentionWeights[], options: AttentionOptions): tf.Tensor3D {
  const [n, t, s, d] = x.shape;
  let h = tf.reshape(x, [n * t, s, d]) as tf.Tensor3D;
  for (const w of layers) h = residualAttention(h, w, options);
  return tf.reshape(tf.mean(h, 1), [n, t, d]);
}

/** ViViT's factorised encoder: tokens [N, T, S, D] → frame tokens [N, T, D] after both encoders. */
export function factorisedEncoder(x: tf.Tensor4D, weights: FactorisedEncoderWeights, options: AttentionOptions = {}): tf.Tensor3D {
  checkFactorised('factorisedEncoder', x, weights, options);
  return tf.tidy(() => {
    let h = frameTokens(x, weights.spatial, options);
    for (const w of weights.temporal) h = residualAttention(h, w, options);
    return h;
  });
}

/** Softmax weights [B, heads, L] that token `index` of each sequence [B, L, D] gives to every token. */
function queryRow(seqs: tf.Tensor3D, index: number, w: AttentionWeights, heads: number): tf.Tensor3D {
  const [b, l, d] = seqs.shape;
  const inner = w.query.kernel.shape[1];
  const dHead = inner / heads;
  const q = tf.reshape(pointwise(tf.slice(seqs, [0, index, 0], [b, 1, d]), w.query), [b, heads, 1, dHead]);
  const k = tf.transpose(tf.reshape(pointwise(seqs, w.key), [b, l, heads, dHead]), [0, 2, 1, 3]);
  const logits = tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(dHead));
  return tf.reshape(tf.softmax(logits, -1), [b, heads, l]);
}

/** Full attention of one query token over the whole clip: [N, heads, T, S]. */
export function fullAttentionMap(x: tf.Tensor4D, weights: AttentionWeights, query: QueryToken, options: AttentionOptions = {}): tf.Tensor4D {
  const [d, heads] = checkAttention('fullAttentionMap', weights, options);
  checkTokens('fullAttentionMap', x, d);
  checkQuery('fullAttentionMap', x, query);
  return tf.tidy(() => {
    const [n, t, s] = x.shape;
    return tf.reshape(queryRow(tf.reshape(x, [n, t * s, d]), query.t * s + query.s, weights, heads), [n, heads, t, s]);
  });
}

/**
 * Divided attention of one query token: `temporal` [N, heads, T] over the frames
 * at its spatial position, then `spatial` [N, heads, S] over its own frame
 * (computed on the tokens after the temporal step, as the block does).
 */
export function dividedAttentionMaps(x: tf.Tensor4D, weights: DividedAttentionWeights, query: QueryToken, options: AttentionOptions = {}): { temporal: tf.Tensor3D; spatial: tf.Tensor3D } {
  const [d, heads] = checkAttention('dividedAttentionMaps', weights.temporal, options);
  checkAttention('dividedAttentionMaps', weights.spatial, options);
  checkTokens('dividedAttentionMaps', x, d);
  checkQuery('dividedAttentionMaps', x, query);
  return tf.tidy(() => {
    const [n, t, s] = x.shape;
    const atPosition = tf.reshape(tf.slice(x, [0, 0, query.s, 0], [n, t, 1, d]), [n, t, d]) as tf.Tensor3D;
    const temporal = queryRow(atPosition, query.t, weights.temporal, heads);
    const y = temporalStep(x, weights.temporal, options);
    const frame = tf.reshape(tf.slice(y, [0, query.t, 0, 0], [n, 1, s, d]), [n, s, d]) as tf.Tensor3D;
    return { temporal, spatial: queryRow(frame, query.s, weights.spatial, heads) };
  });
}

/**
 * Factorised encoder of one query token: `spatial` [N, heads, S] from the first
 * spatial layer within frame t, `temporal` [N, heads, T] from the first temporal
 * layer for frame token t.
 */
export function factorisedAttentionMaps(x: tf.Tensor4D, weights: FactorisedEncoderWeights, query: QueryToken, options: AttentionOptions = {}): { spatial: tf.Tensor3D; temporal: tf.Tensor3D } {
  checkFactorised('factorisedAttentionMaps', x, weights, options);
  checkQuery('factorisedAttentionMaps', x, query);
  const heads = options.heads ?? 1;
  return tf.tidy(() => {
    const [n, , s, d] = x.shape;
    const frame = tf.reshape(tf.slice(x, [0, query.t, 0, 0], [n, 1, s, d]), [n, s, d]) as tf.Tensor3D;
    const spatial = queryRow(frame, query.s, weights.spatial[0]!, heads);
    const temporal = queryRow(frameTokens(x, weights.spatial, options), query.t, weights.temporal[0]!, heads);
    return { spatial, temporal };
  });
}
