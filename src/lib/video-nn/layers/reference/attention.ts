/**
 * Plain-loop multi-head self-attention and the three space-time arrangements
 * (full, divided, factorised encoder) on tokens [N, T, S, D], each attention
 * with a residual connection. Head h uses projection columns [h·dHead, (h+1)·dHead).
 */
import { pointwisePlain, type PlainPointwise } from './nonLocal';
import type { PlainTensor } from './tensor';

export interface PlainAttention {
  query: PlainPointwise;
  key: PlainPointwise;
  value: PlainPointwise;
  output: PlainPointwise;
}

/** One sequence [L, D] → { out [L, D] (attention only), probs [heads, L, L] }. */
export function attentionPlain(seq: Float32Array, L: number, w: PlainAttention, heads = 1): { out: Float32Array; probs: Float32Array } {
  const inner = w.query.kernel.shape[1]!;
  const dh = inner / heads;
  const q = pointwisePlain(seq, L, w.query);
  const k = pointwisePlain(seq, L, w.key);
  const v = pointwisePlain(seq, L, w.value);
  const probs = new Float32Array(heads * L * L);
  const mixed = new Float32Array(L * inner);
  for (let h = 0; h < heads; h++)
    for (let i = 0; i < L; i++) {
      const logits = new Float64Array(L);
      let max = -Infinity;
      for (let j = 0; j < L; j++) {
        let dot = 0;
        for (let e = 0; e < dh; e++) dot += q[i * inner + h * dh + e]! * k[j * inner + h * dh + e]!;
        logits[j] = dot / Math.sqrt(dh);
        max = Math.max(max, logits[j]!);
      }
      let total = 0;
      for (let j = 0; j < L; j++) total += Math.exp(logits[j]! - max);
      for (let j = 0; j < L; j++) {
        const p = Math.exp(logits[j]! - max) / total;
        probs[(h * L + i) * L + j] = p;
        for (let e = 0; e < dh; e++) mixed[i * inner + h * dh + e]! += p * v[j * inner + h * dh + e]!;
      }
    }
  return { out: pointwisePlain(mixed, L, w.output), probs };
}

/** Token (n, t, s) of a [N, T, S, D] tensor starts at ((n·T + t)·S + s)·D. */
function gather(x: PlainTensor, positions: [number, number, number][]): Float32Array {
  const [, T, S, D] = x.shape as [number, number, number, number];
  const seq = new Float32Array(positions.length * D);
  positions.forEach(([n, t, s], i) => seq.set(x.data.subarray(((n * T + t) * S + s) * D, ((n * T + t) * S + s + 1) * D), i * D));
  return seq;
}

/** x + attention over each group of token positions, written back in place of a copy. */
function residualOverGroups(x: PlainTensor, groups: [number, number, number][][], w: PlainAttention, heads: number): PlainTensor {
  const [, T, S, D] = x.shape as [number, number, number, number];
  const out = Float32Array.from(x.data);
  for (const group of groups) {
    const { out: a } = attentionPlain(gather(x, group), group.length, w, heads);
    group.forEach(([n, t, s], i) => {
      for (let d = 0; d < D; d++) out[((n * T + t) * S + s) * D + d]! += a[i * D + d]!;
    });
  }
  return { shape: [...x.shape], data: out };
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

export function fullSpaceTimePlain(x: PlainTensor, w: PlainAttention, heads = 1): PlainTensor {
  const [N, T, S] = x.shape as [number, number, number, number];
  return residualOverGroups(x, range(N).map((n) => range(T).flatMap((t) => range(S).map((s) => [n, t, s] as [number, number, number]))), w, heads);
}

/** All T·S tokens of clip n, in (t, s) order. */
export function clipSequence(x: PlainTensor, n: number): Float32Array {
  const [, T, S] = x.shape as [number, number, number, number];
  return gather(x, range(T).flatMap((t) => range(S).map((s) => [n, t, s] as [number, number, number])));
}

function groupsByPosition(N: number, T: number, S: number): [number, number, number][][] {
  return range(N).flatMap((n) => range(S).map((s) => range(T).map((t) => [n, t, s] as [number, number, number])));
}

function groupsByFrame(N: number, T: number, S: number): [number, number, number][][] {
  return range(N).flatMap((n) => range(T).map((t) => range(S).map((s) => [n, t, s] as [number, number, number])));
}

/** The temporal half of divided attention: x + attention over the T tokens at each position. */
export function dividedTemporalStepPlain(x: PlainTensor, temporal: PlainAttention, heads = 1): PlainTensor {
  const [N, T, S] = x.shape as [number, number, number, number];
  return residualOverGroups(x, groupsByPosition(N, T, S), temporal, heads);
}

export function dividedSpaceTimePlain(x: PlainTensor, temporal: PlainAttention, spatial: PlainAttention, heads = 1): PlainTensor {
  const [N, T, S] = x.shape as [number, number, number, number];
  return residualOverGroups(dividedTemporalStepPlain(x, temporal, heads), groupsByFrame(N, T, S), spatial, heads);
}

/** Spatial layers per frame, then the mean token of each frame: [N, T, D]. */
export function frameTokensPlain(x: PlainTensor, spatial: PlainAttention[], heads = 1): PlainTensor {
  const [N, T, S, D] = x.shape as [number, number, number, number];
  let h = x;
  for (const w of spatial) h = residualOverGroups(h, groupsByFrame(N, T, S), w, heads);
  const frames = new Float32Array(N * T * D);
  for (let n = 0; n < N; n++)
    for (let t = 0; t < T; t++)
      for (let d = 0; d < D; d++) {
        let sum = 0;
        for (let s = 0; s < S; s++) sum += h.data[((n * T + t) * S + s) * D + d]!;
        frames[(n * T + t) * D + d] = sum / S;
      }
  return { shape: [N, T, D], data: frames };
}

/** ViViT factorised encoder: frame tokens, then temporal layers over them: [N, T, D]. */
export function factorisedEncoderPlain(x: PlainTensor, spatial: PlainAttention[], temporal: PlainAttention[], heads = 1): PlainTensor {
  const [N, T, , D] = x.shape as [number, number, number, number];
  // Frame tokens as [N, 1, T, D], so the temporal layers attend over "positions" t of one frame.
  let f: PlainTensor = { shape: [N, 1, T, D], data: frameTokensPlain(x, spatial, heads).data };
  for (const w of temporal) f = residualOverGroups(f, groupsByFrame(N, 1, T), w, heads);
  return { shape: [N, T, D], data: f.data };
}

/** The attention row [heads, L] of token `index` in one sequence [L, D]. */
export function queryRowPlain(seq: Float32Array, L: number, w: PlainAttention, index: number, heads = 1): Float32Array {
  const { probs } = attentionPlain(seq, L, w, heads);
  const row = new Float32Array(heads * L);
  for (let h = 0; h < heads; h++) row.set(probs.subarray((h * L + index) * L, (h * L + index + 1) * L), h * L);
  return row;
}

/** The tokens of one frame [S, D] or of one position across frames [T, D]. */
export function sequenceAt(x: PlainTensor, n: number, along: 'frame' | 'position', fixed: number): Float32Array {
  const [, T, S] = x.shape as [number, number, number, number];
  return gather(x, along === 'frame' ? range(S).map((s) => [n, fixed, s]) : range(T).map((t) => [n, t, fixed]));
}
