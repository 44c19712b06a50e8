/**
 * Forward pass of the token layers (video transformers) and skeleton-graph
 * layers (ST-GCN) of spec/tokenTypes.ts.
 *
 * Token layout: a tensor [N, S, L, D] — S sequences per clip (1, or T with one
 * sequence per frame), each of L = cls + patches tokens of width D — plus the
 * grid the patches came from. Patch tokens are row-major over (t, h, w), class
 * tokens first. Conventions that decide the numbers (as the reference code):
 * - 'time' attention mixes the tokens at one spatial position across frames;
 *   class tokens take no part and get 0 (so the residual around it leaves them
 *   unchanged, as TimeSformer does), and a linear layer with `skipClassTokens`
 *   also gives 0 there;
 * - 'space' attention runs per frame with the class tokens copied into every
 *   frame; their outputs are averaged over frames (TimeSformer);
 * - 'space' position embeddings are shared by frames, 'time' ones by positions
 *   and added to patch tokens only; LayerNorm's ε is 1e-6 (timm, Scenic, VideoMAE).
 */
import * as tf from '@tensorflow/tfjs-core';
import { graphConv } from '../layers/graphConv';
import type { AttentionLayer, GraphConvLayer, JointBatchNormLayer, LayerNormLayer, LinearLayer, PositionEmbeddingLayer, TokenPoolLayer } from '../spec/types';

export interface TokenGrid {
  grid: readonly [number, number, number];
  cls: number;
  perFrame: boolean;
}

/** What flows between layers: a tensor, and its token grid when it holds tokens. */
export interface Value {
  x: tf.Tensor;
  tokens?: TokenGrid | undefined;
}

export const LAYER_NORM_EPSILON = 1e-6;

type Lookup = (name: string) => tf.Tensor;

/** Volume [N, T, H, W, C] → tokens [N, 1, T·H·W, C] or, per frame, [N, T, H·W, C]. */
export function tokenize(x: tf.Tensor, perFrame: boolean): Value {
  const [n, t, h, w, c] = x.shape as [number, number, number, number, number];
  const shape = perFrame ? [n, t, h * w, c] : [n, 1, t * h * w, c];
  return { x: tf.reshape(x, shape), tokens: { grid: [t, h, w], cls: 0, perFrame } };
}

/** Class tokens [N, S, cls, D] and patch tokens [N, S, patches, D]. */
function splitTokens(v: Value): [tf.Tensor | undefined, tf.Tensor] {
  const cls = v.tokens!.cls;
  if (cls === 0) return [undefined, v.x];
  const [a, b] = tf.split(v.x, [cls, v.x.shape[2]! - cls], 2);
  return [a, b!];
}

export function classToken(v: Value, token: tf.Tensor): Value {
  const [n, s, , d] = v.x.shape as [number, number, number, number];
  const x = tf.concat([tf.tile(tf.reshape(token, [1, 1, 1, d]), [n, s, 1, 1]), v.x], 2);
  return { x, tokens: { ...v.tokens!, cls: v.tokens!.cls + 1 } };
}

export function positionEmbedding(layer: PositionEmbeddingLayer, v: Value, table: tf.Tensor2D): Value {
  const { grid, cls, perFrame } = v.tokens!;
  const [t, h, w] = grid;
  const d = layer.width;
  let additive: tf.Tensor = table;
  if (layer.axis === 'space' && !perFrame) {
    const [head, rest] = tf.split(table, [cls, h * w], 0);
    additive = tf.concat([head!, tf.tile(rest!, [t, 1])], 0);
  } else if (layer.axis === 'time') {
    const perToken = tf.reshape(tf.tile(tf.reshape(table, [t, 1, d]), [1, h * w, 1]), perFrame ? [t, h * w, d] : [t * h * w, d]);
    additive = cls === 0 ? perToken : tf.concat([tf.zeros(perFrame ? [t, cls, d] : [cls, d]), perToken], perFrame ? 1 : 0);
  }
  return { x: tf.add(v.x, additive), tokens: v.tokens };
}

/** VideoMAE's fixed sin-cos table: entry (p, j) = sin or cos (j even / odd) of p / 10000^(2⌊j/2⌋/D). */
export function sinusoidTable(count: number, width: number): Float32Array {
  const out = new Float32Array(count * width);
  for (let p = 0; p < count; p++)
    for (let j = 0; j < width; j++) {
      const angle = p / 10000 ** ((2 * Math.floor(j / 2)) / width);
      out[p * width + j] = j % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
    }
  return out;
}

/** Over the last axis: (x − mean)/√(var + ε)·scale + shift. */
export function layerNorm(layer: LayerNormLayer, v: Value, variable: Lookup): Value {
  const { mean, variance } = tf.moments(v.x, -1, true);
  const normed = tf.mul(tf.sub(v.x, mean), tf.rsqrt(tf.add(variance, LAYER_NORM_EPSILON)));
  return { x: tf.add(tf.mul(normed, variable(`${layer.name}.scale`)), variable(`${layer.name}.shift`)), tokens: v.tokens };
}

export function gelu(v: Value): Value {
  // The exact GELU (PyTorch's default): x · Φ(x) = x/2 · (1 + erf(x/√2)).
  return { x: tf.mul(tf.mul(v.x, 0.5), tf.add(1, tf.erf(tf.mul(v.x, Math.SQRT1_2)))), tokens: v.tokens };
}

function dense(x: tf.Tensor, weight: tf.Tensor, bias: tf.Tensor | undefined): tf.Tensor {
  const y = tf.matMul(tf.reshape(x, [-1, weight.shape[0]!]) as tf.Tensor2D, weight as tf.Tensor2D);
  return tf.reshape(bias ? tf.add(y, bias) : y, [...x.shape.slice(0, -1), weight.shape[1]!]);
}

/** A linear layer on every token (or, with skipClassTokens, on patch tokens only; 0 at class tokens). */
export function tokenLinear(layer: LinearLayer, v: Value, variable: Lookup): Value {
  const weight = variable(`${layer.name}.weight`);
  const bias = layer.bias ? variable(`${layer.name}.bias`) : undefined;
  if (!layer.skipClassTokens || v.tokens!.cls === 0) return { x: dense(v.x, weight, bias), tokens: v.tokens };
  const [cls, patches] = splitTokens(v);
  return { x: tf.concat([tf.zerosLike(cls!), dense(patches, weight, bias)], 2), tokens: v.tokens };
}

/** Multi-head self-attention over each sequence of x [B, L, D] (timm's Attention: fused qkv, heads split from it). */
function selfAttention(layer: AttentionLayer, x: tf.Tensor, variable: Lookup): tf.Tensor {
  const [b, l] = x.shape as [number, number, number];
  const dh = layer.headWidth ?? layer.width / layer.heads;
  const inner = layer.heads * dh;
  const n = layer.name;
  let qkv = dense(x, variable(`${n}.qkv.weight`), undefined);
  if (layer.qkvBias === 'all') qkv = tf.add(qkv, variable(`${n}.qkv.bias`));
  if (layer.qkvBias === 'qv') qkv = tf.add(qkv, tf.concat([variable(`${n}.q_bias`), tf.zeros([inner]), variable(`${n}.v_bias`)]));
  // [B, L, 3, heads, dh] → [3, B, heads, L, dh]: q, k, v are contiguous blocks.
  const [q, k, v] = tf.unstack(tf.transpose(tf.reshape(qkv, [b, l, 3, layer.heads, dh]), [2, 0, 3, 1, 4])) as tf.Tensor4D[];
  const probs = tf.softmax(tf.mul(tf.matMul(q!, k!, false, true), 1 / Math.sqrt(dh)));
  const mixed = tf.reshape(tf.transpose(tf.matMul(probs, v!), [0, 2, 1, 3]), [b, l, inner]);
  return dense(mixed, variable(`${n}.proj.weight`), variable(`${n}.proj.bias`));
}

export function attention(layer: AttentionLayer, v: Value, variable: Lookup): Value {
  const [n, s, l, d] = v.x.shape as [number, number, number, number];
  const { grid, cls, perFrame } = v.tokens!;
  const [t, h, w] = grid;
  const hw = h * w;
  if (layer.pattern === 'full' || perFrame) {
    return { x: tf.reshape(selfAttention(layer, tf.reshape(v.x, [n * s, l, d]), variable), v.x.shape), tokens: v.tokens };
  }
  const [clsTokens, patches] = splitTokens(v);
  const frames = tf.reshape(patches, [n, t, hw, d]);
  if (layer.pattern === 'time') {
    const byPosition = tf.reshape(tf.transpose(frames, [0, 2, 1, 3]), [n * hw, t, d]);
    const out = tf.transpose(tf.reshape(selfAttention(layer, byPosition, variable), [n, hw, t, d]), [0, 2, 1, 3]);
    const patchOut = tf.reshape(out, [n, 1, t * hw, d]);
    return { x: clsTokens ? tf.concat([tf.zerosLike(clsTokens), patchOut], 2) : patchOut, tokens: v.tokens };
  }
  // 'space': every frame a sequence, with the class tokens copied in; their outputs averaged over frames.
  const withCls = clsTokens ? tf.concat([tf.tile(tf.reshape(clsTokens, [n, 1, cls, d]), [1, t, 1, 1]), frames], 2) : frames;
  const out = tf.reshape(selfAttention(layer, tf.reshape(withCls, [n * t, cls + hw, d]), variable), [n, t, cls + hw, d]);
  if (!clsTokens) return { x: tf.reshape(out, [n, 1, t * hw, d]), tokens: v.tokens };
  const [clsOut, patchOut] = tf.split(out, [cls, hw], 2);
  return { x: tf.concat([tf.mean(clsOut!, 1, true), tf.reshape(patchOut!, [n, 1, t * hw, d])], 2), tokens: v.tokens };
}

export function tokenPool(layer: TokenPoolLayer, v: Value): Value {
  const [n, s, , d] = v.x.shape as [number, number, number, number];
  const { grid, perFrame } = v.tokens!;
  if (layer.mode === 'mean') return { x: tf.mean(splitTokens(v)[1], [1, 2]) };
  const first = tf.reshape(tf.slice(v.x, [0, 0, 0, 0], [n, s, 1, d]), perFrame ? [n, 1, s, d] : [n, d]);
  return perFrame ? { x: first, tokens: { grid: [grid[0], 1, 1], cls: 0, perFrame: false } } : { x: first };
}

/** ST-GCN's graph conv on a skeleton volume [N, T, V, M, C]: each person separately, through layers/graphConv. */
export function graphConvLayer(layer: GraphConvLayer, x: tf.Tensor, variable: Lookup, adjacency: tf.Tensor): tf.Tensor {
  const [n, t, v, m, c] = x.shape as [number, number, number, number, number];
  const a = (layer.edgeImportance ? tf.mul(adjacency, variable(`${layer.name}.edgeImportance`)) : adjacency) as tf.Tensor3D;
  const perPerson = tf.reshape(tf.transpose(x, [0, 3, 1, 2, 4]), [n * m, t, v, c]) as tf.Tensor4D;
  const weights = { kernel: variable(`${layer.name}.weight`) as tf.Tensor3D, bias: layer.bias ? (variable(`${layer.name}.bias`) as tf.Tensor2D) : undefined };
  const y = graphConv(perPerson, a, weights);
  return tf.transpose(tf.reshape(y, [n, m, t, v, layer.outChannels]), [0, 2, 3, 1, 4]);
}

/** ST-GCN's data_bn: one statistic per (joint, coordinate), index v·C + c, shared by frames and persons. */
export function jointBatchNorm(layer: JointBatchNormLayer, x: tf.Tensor, normalise: (rows: tf.Tensor) => tf.Tensor): tf.Tensor {
  const [n, t, v, m, c] = x.shape as [number, number, number, number, number];
  if (v !== layer.joints || c !== layer.channels) throw new Error(`Layer "${layer.name}": expects ${layer.joints} joints × ${layer.channels} channels, got ${v} × ${c}`);
  const rows = tf.reshape(tf.transpose(x, [0, 1, 3, 2, 4]), [n * t * m, v * c]);
  return tf.transpose(tf.reshape(normalise(rows), [n, t, m, v, c]), [0, 1, 3, 2, 4]);
}
