/**
 * Plain-loop video transformers, written the way their reference code computes
 * them (TimeSformer's vit.py Block for divided space-time attention, timm's
 * Block, VideoMAE's and ViViT's encoders), token by token, with their own token
 * order. The tfjs models built from the specs must agree with these. No tfjs.
 */
import { attentionPlain, type PlainAttention } from '../../../src/lib/video-nn/layers/reference/attention';
import { conv3dPlain } from '../../../src/lib/video-nn/layers/reference/conv3d';
import { pointwisePlain } from '../../../src/lib/video-nn/layers/reference/nonLocal';
import type { PlainTensor } from '../../../src/lib/video-nn/layers/reference/tensor';

export type Weights = Record<string, PlainTensor>;
/** A token sequence: `count` rows of width D, row-major. */
type Rows = Float32Array;

const rowsOf = (tokens: Float32Array[]): Rows => {
  const d = tokens[0]!.length;
  const out = new Float32Array(tokens.length * d);
  tokens.forEach((t, i) => out.set(t, i * d));
  return out;
};
const row = (rows: Rows, i: number, d: number): Float32Array => rows.slice(i * d, (i + 1) * d);
const add = (a: Float32Array, b: Float32Array): Float32Array => Float32Array.from(a, (v, i) => v + b[i]!);

export function layerNormRows(rows: Rows, d: number, w: Weights, name: string): Rows {
  const out = new Float32Array(rows.length);
  for (let r = 0; r < rows.length / d; r++) {
    let mean = 0;
    for (let j = 0; j < d; j++) mean += rows[r * d + j]! / d;
    let variance = 0;
    for (let j = 0; j < d; j++) variance += (rows[r * d + j]! - mean) ** 2 / d;
    for (let j = 0; j < d; j++) out[r * d + j] = ((rows[r * d + j]! - mean) / Math.sqrt(variance + 1e-6)) * w[`${name}.scale`]!.data[j]! + w[`${name}.shift`]!.data[j]!;
  }
  return out;
}

export function linearRows(rows: Rows, count: number, w: Weights, name: string): Rows {
  return pointwisePlain(rows, count, { kernel: w[`${name}.weight`]!, ...(w[`${name}.bias`] ? { bias: w[`${name}.bias`]!.data } : {}) });
}

/** The fused qkv projection split into PlainAttention's four maps. */
function attentionWeights(w: Weights, name: string, bias: 'all' | 'qv' | 'none'): PlainAttention {
  const qkv = w[`${name}.qkv.weight`]!;
  const [d, three] = qkv.shape as [number, number];
  const inner = three / 3;
  const columns = (part: number): PlainTensor => {
    const data = new Float32Array(d * inner);
    for (let r = 0; r < d; r++) for (let c = 0; c < inner; c++) data[r * inner + c] = qkv.data[r * three + part * inner + c]!;
    return { shape: [d, inner], data };
  };
  const biasOf = (part: number): Float32Array | undefined => {
    if (bias === 'all') return w[`${name}.qkv.bias`]!.data.slice(part * inner, (part + 1) * inner);
    if (bias === 'qv' && part !== 1) return w[`${name}.${part === 0 ? 'q' : 'v'}_bias`]!.data;
    return undefined;
  };
  const map = (part: number) => ({ kernel: columns(part), ...(biasOf(part) ? { bias: biasOf(part)! } : {}) });
  return { query: map(0), key: map(1), value: map(2), output: { kernel: w[`${name}.proj.weight`]!, bias: w[`${name}.proj.bias`]!.data } };
}

export function attentionRows(rows: Rows, count: number, w: Weights, name: string, heads: number, bias: 'all' | 'qv' | 'none' = 'all'): Rows {
  return attentionPlain(rows, count, attentionWeights(w, name, bias), heads).out;
}

const gelu = (v: number): number => 0.5 * v * (1 + erf(v / Math.SQRT2));

/** erf by its Taylor series: in double precision, exact to ~1e-10 for the |x| < 4 used here. */
function erf(x: number): number {
  if (Math.abs(x) > 4) return Math.sign(x);
  let sum = x;
  let term = x;
  for (let n = 1; n < 80; n++) {
    term *= (-x * x) / n;
    sum += term / (2 * n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

function mlpRows(rows: Rows, count: number, w: Weights, name: string): Rows {
  return linearRows(linearRows(rows, count, w, `${name}.fc1`).map(gelu), count, w, `${name}.fc2`);
}

/** timm's pre-norm Block: x + attn(norm1(x)), then x + mlp(norm2(x)). */
export function encoderBlockRows(rows: Rows, count: number, d: number, w: Weights, name: string, heads: number, bias: 'all' | 'qv' = 'all'): Rows {
  const x = add(rows, attentionRows(layerNormRows(rows, d, w, `${name}.norm1`), count, w, `${name}.attn`, heads, bias));
  return add(x, mlpRows(layerNormRows(x, d, w, `${name}.norm2`), count, w, `${name}.mlp`));
}

/** Patch/tubelet embedding of one clip: tokens[t][s] (s = h·W' + w), each of width D. */
export function embedPatches(clip: PlainTensor, w: Weights, name: string, tubelet: [number, number, number]): Float32Array[][] {
  const e = conv3dPlain(clip, w[`${name}.weight`]!, { stride: tubelet, bias: w[`${name}.bias`]!.data });
  const [, t, h, wd, d] = e.shape as [number, number, number, number, number];
  return Array.from({ length: t }, (_, f) => Array.from({ length: h * wd }, (_, s) => e.data.slice((f * h * wd + s) * d, (f * h * wd + s + 1) * d)));
}

/** TimeSformer (divided space-time) on one clip, following vit.py's Block.forward step by step; returns the logits. */
export function timesformerDividedPlain(clip: PlainTensor, w: Weights, cfg: { patch: number; depth: number; heads: number }): Float32Array {
  const patches = embedPatches(clip, w, 'patch_embed.proj', [1, cfg.patch, cfg.patch]);
  const T = patches.length;
  const P = patches[0]!.length;
  const d = patches[0]![0]!.length;
  const pos = (i: number) => row(w['pos_embed.weight']!.data, i, d);
  const time = (t: number) => row(w['time_embed.weight']!.data, t, d);
  let cls = add(w['cls_token.weight']!.data, pos(0));
  let x = patches.map((frame, t) => frame.map((p, s) => add(add(p, pos(1 + s)), time(t))));
  for (let b = 0; b < cfg.depth; b++) {
    const n = `blocks.${b}`;
    // Temporal: the T tokens at each position; temporal_fc on the result; class token untouched.
    const xt: Float32Array[][] = x.map((frame) => frame.map((p) => p.slice()));
    for (let s = 0; s < P; s++) {
      const seq = rowsOf(x.map((frame) => frame[s]!));
      const res = linearRows(attentionRows(layerNormRows(seq, d, w, `${n}.temporal_norm1`), T, w, `${n}.temporal_attn`, cfg.heads), T, w, `${n}.temporal_fc`);
      for (let t = 0; t < T; t++) xt[t]![s] = add(x[t]![s]!, row(res, t, d));
    }
    // Spatial: every frame with a copy of the class token; the copies' outputs averaged.
    const clsOut = new Float32Array(d);
    const xs = xt.map((frame) => {
      const seq = rowsOf([cls, ...frame]);
      const res = attentionRows(layerNormRows(seq, d, w, `${n}.norm1`), P + 1, w, `${n}.attn`, cfg.heads);
      row(res, 0, d).forEach((v, j) => (clsOut[j]! += v / T));
      return frame.map((p, s) => add(p, row(res, 1 + s, d)));
    });
    cls = add(cls, clsOut);
    // MLP on every token.
    const all = rowsOf([cls, ...xs.flat()]);
    const out = add(all, mlpRows(layerNormRows(all, d, w, `${n}.norm2`), 1 + T * P, w, `${n}.mlp`));
    cls = row(out, 0, d);
    x = xs.map((frame, t) => frame.map((_, s) => row(out, 1 + t * P + s, d)));
  }
  return linearRows(layerNormRows(cls, d, w, 'norm'), 1, w, 'head');
}

/** VideoMAE fine-tuned: tubelets + fixed sin-cos table, blocks (Q and V biases), mean of tokens, fc_norm, head. */
export function videoMaePlain(clip: PlainTensor, w: Weights, cfg: { tubelet: [number, number]; depth: number; heads: number; table: Float32Array }): Float32Array {
  const tokens = embedPatches(clip, w, 'patch_embed.proj', [cfg.tubelet[0], cfg.tubelet[1], cfg.tubelet[1]]).flat();
  const d = tokens[0]!.length;
  let x = rowsOf(tokens.map((t, i) => add(t, row(cfg.table, i, d))));
  for (let b = 0; b < cfg.depth; b++) x = encoderBlockRows(x, tokens.length, d, w, `blocks.${b}`, cfg.heads, 'qv');
  const mean = new Float32Array(d);
  for (let i = 0; i < tokens.length; i++) for (let j = 0; j < d; j++) mean[j]! += x[i * d + j]! / tokens.length;
  return linearRows(layerNormRows(mean, d, w, 'fc_norm'), 1, w, 'head');
}

/** ViViT factorised encoder: a spatial transformer per frame, its class tokens through a temporal transformer. */
export function vivitPlain(clip: PlainTensor, w: Weights, cfg: { tubelet: [number, number]; spatial: number; temporal: number; heads: number }): Float32Array {
  const frames = embedPatches(clip, w, 'embedding', [cfg.tubelet[0], cfg.tubelet[1], cfg.tubelet[1]]);
  const d = frames[0]![0]!.length;
  const encode = (tokens: Float32Array[], prefix: string, depth: number): Float32Array => {
    const count = tokens.length + 1;
    const posEmbed = w[`${prefix}.posembed_input.weight`]!.data;
    let x = rowsOf([w[`cls_${prefix}.weight`]!.data, ...tokens].map((t, i) => add(t, row(posEmbed, i, d))));
    for (let b = 0; b < depth; b++) x = encoderBlockRows(x, count, d, w, `${prefix}.encoderblock_${b}`, cfg.heads);
    return row(layerNormRows(x, d, w, `${prefix}.encoder_norm`), 0, d);
  };
  const frameCls = frames.map((f) => encode(f, 'SpatialTransformer', cfg.spatial));
  return linearRows(encode(frameCls, 'TemporalTransformer', cfg.temporal), 1, w, 'output_projection');
}
