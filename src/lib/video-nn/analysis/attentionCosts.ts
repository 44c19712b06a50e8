/**
 * How many attention entries (query–key pairs, i.e. entries of the softmax
 * matrices) one layer of each kind of video attention computes, for a grid of
 * T×H×W tokens. By default class tokens are left out, so the counts are the clean formulas
 * of chapter 9; the MACs of one entry scale with the head width and are not
 * included here.
 *
 * - full: every token attends to every token, (T·H·W)².
 * - divided (TimeSformer): a temporal step (each token attends to the T tokens at
 *   its position: T²·H·W) then a spatial step (to the H·W tokens of its frame:
 *   T·(H·W)²).
 * - factorisedEncoder (ViViT model 2): a spatial encoder layer runs within every
 *   frame (T·(H·W)²), then a temporal encoder layer over one token per frame (T²).
 *
 * At T = 8, H = W = 14: 1,568 tokens; full 2,458,624; divided 12,544 + 307,328 =
 * 319,872 (7.7× fewer). The often-copied "16K + 31K = 47K, 53×" is wrong: 8·196² is
 * 307,328, not 31K.
 *
 * `classTokens` (default 0) adds k class tokens the way the reference models do:
 * full (N + k)²; divided: the class tokens skip the temporal step and are copied
 * into every frame for the spatial step, T·(H·W + k)² (TimeSformer); factorised
 * encoder: one set per frame in the spatial encoder, T·(H·W + k)², and one for
 * the temporal encoder, (T + k)² (ViViT). These are the per-layer counts that
 * analyze() reports on attention rows.
 */

export type AttentionKind = 'full' | 'divided' | 'factorisedEncoder';

export interface TokenGrid {
  frames: number;
  height: number;
  width: number;
}

export interface AttentionCost {
  kind: AttentionKind;
  tokens: number;
  /** Named parts of the count (e.g. temporal and spatial), each in attention entries. */
  parts: Record<string, number>;
  /** Sum of the parts. */
  entries: number;
  /** Full attention's entries divided by these: how many times cheaper. */
  reductionVsFull: number;
}

export function attentionCost(grid: TokenGrid, kind: AttentionKind, options: { classTokens?: number } = {}): AttentionCost {
  const { frames: t, height: h, width: w } = grid;
  for (const [key, v] of Object.entries(grid)) {
    if (!Number.isInteger(v) || v <= 0) throw new Error(`attentionCost: ${key} must be a positive integer, got ${v}`);
  }
  const k = options.classTokens ?? 0;
  if (!Number.isInteger(k) || k < 0) throw new Error(`attentionCost: classTokens must be a non-negative integer, got ${k}`);
  const perFrame = h * w;
  const tokens = t * perFrame;
  const full = (tokens + k) * (tokens + k);
  let parts: Record<string, number>;
  switch (kind) {
    case 'full':
      parts = { full };
      break;
    case 'divided':
      parts = { temporal: t * t * perFrame, spatial: t * (perFrame + k) * (perFrame + k) };
      break;
    case 'factorisedEncoder':
      parts = { spatial: t * (perFrame + k) * (perFrame + k), temporal: (t + k) * (t + k) };
      break;
  }
  const entries = Object.values(parts).reduce((a, b) => a + b, 0);
  return { kind, tokens, parts, entries, reductionVsFull: full / entries };
}
