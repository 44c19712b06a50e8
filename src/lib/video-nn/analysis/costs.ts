/**
 * Closed-form costs the chapters compute with: convolution parameter counts
 * (2-D vs 3-D vs (2+1)-D) and the R(2+1)D intermediate width; attention cost of
 * full vs divided vs factorised-encoder attention; tubelet tokens and VideoMAE's
 * visible tokens; SlowFast pathway frames and relative cost; TSM's zero cost.
 * Weights here exclude biases, as the curriculum's figures do.
 */

export { attentionCost, type AttentionCost, type AttentionKind, type TokenGrid } from './attentionCosts';

/** Round-off guard for floors of products like 0.9 × 1568 (= 1411.2000000000003). */
const EPS = 1e-9;

function requirePositiveIntegers(fn: string, values: Record<string, number>): void {
  for (const [key, v] of Object.entries(values)) {
    if (!Number.isInteger(v) || v <= 0) throw new Error(`${fn}: ${key} must be a positive integer, got ${v}`);
  }
}

/** Weights of a 2-D conv, Cout × Cin × kh × kw (64→128, 3×3: 73,728). */
export function conv2dWeights(inChannels: number, outChannels: number, kh: number, kw: number = kh): number {
  requirePositiveIntegers('conv2dWeights', { inChannels, outChannels, kh, kw });
  return outChannels * inChannels * kh * kw;
}

/** Weights of a 3-D conv, Cout × Cin × kt × kh × kw (64→128, 3×3×3: 221,184). */
export function conv3dWeights(inChannels: number, outChannels: number, kt: number, kh: number, kw: number = kh): number {
  requirePositiveIntegers('conv3dWeights', { inChannels, outChannels, kt, kh, kw });
  return outChannels * inChannels * kt * kh * kw;
}

/**
 * R(2+1)D's intermediate width: the M for which a 1×k×k conv (Cin → M) followed
 * by a kt×1×1 conv (M → Cout) has about as many weights as the full kt×k×k conv:
 * M = ⌊kt·k²·Cin·Cout / (k²·Cin + kt·Cout)⌋ (Tran et al. 2018; torchvision's
 * BasicBlock computes it this way). For Cin = Cout = 64, kt = k = 3: M = 144.
 */
export function intermediateWidth(inChannels: number, outChannels: number, kt = 3, k = 3): number {
  requirePositiveIntegers('intermediateWidth', { inChannels, outChannels, kt, k });
  return balancedWidth(inChannels, outChannels, kt, k, k);
}

/** The same balance for a kh×kw spatial kernel. */
function balancedWidth(inChannels: number, outChannels: number, kt: number, kh: number, kw: number): number {
  const area = kh * kw;
  return Math.floor((kt * area * inChannels * outChannels) / (area * inChannels + kt * outChannels));
}

export interface FactorisedWeights {
  /** The intermediate width used. */
  mid: number;
  /** 1×kh×kw conv, Cin → M: M·Cin·kh·kw. */
  spatial: number;
  /** kt×1×1 conv, M → Cout: Cout·M·kt. */
  temporal: number;
  total: number;
}

/**
 * Weights of a (2+1)-D factorisation. `mid` defaults to intermediateWidth(); pass
 * one explicitly to compare at another width (M = 64 for 64→64, 3×3×3:
 * 36,864 + 12,288 = 49,152). The BN between the two convs is not counted.
 */
export function conv2plus1dWeights(inChannels: number, outChannels: number, kt: number, kh: number, kw: number = kh, mid?: number): FactorisedWeights {
  requirePositiveIntegers('conv2plus1dWeights', { inChannels, outChannels, kt, kh, kw });
  const m = mid ?? balancedWidth(inChannels, outChannels, kt, kh, kw);
  requirePositiveIntegers('conv2plus1dWeights', { mid: m });
  const spatial = m * inChannels * kh * kw;
  const temporal = outChannels * m * kt;
  return { mid: m, spatial, temporal, total: spatial + temporal };
}

export interface ConvComparison {
  conv2d: number;
  conv3d: number;
  conv2plus1d: FactorisedWeights;
  /** MACs at the given output size (weights × output positions; stride 1, 'same' padding). */
  macs?: { conv2d: number; conv3d: number; conv2plus1d: number };
}

/** The chapter 4/6 parameter calculator: 2-D vs 3-D vs (2+1)-D for one layer. */
export function compareConvWeights(
  p: { inChannels: number; outChannels: number; kt: number; kh: number; kw?: number; mid?: number },
  output?: { frames: number; height: number; width: number },
): ConvComparison {
  const kw = p.kw ?? p.kh;
  const conv2d = conv2dWeights(p.inChannels, p.outChannels, p.kh, kw);
  const conv3d = conv3dWeights(p.inChannels, p.outChannels, p.kt, p.kh, kw);
  const conv2plus1d = conv2plus1dWeights(p.inChannels, p.outChannels, p.kt, p.kh, kw, p.mid);
  if (!output) return { conv2d, conv3d, conv2plus1d };
  const positions = output.frames * output.height * output.width;
  return { conv2d, conv3d, conv2plus1d, macs: { conv2d: conv2d * positions, conv3d: conv3d * positions, conv2plus1d: conv2plus1d.total * positions } };
}

export interface TubeletTokens {
  /** Tokens along T, H, W: ⌊frames/t⌋ × ⌊height/h⌋ × ⌊width/w⌋ (a strided conv's output). */
  grid: [number, number, number];
  count: number;
  /** Whether the tubelets tile the clip exactly. */
  exact: boolean;
}

/** Tokens from non-overlapping t×h×w tubelets (2×16×16 on 16×224×224 → 8×14×14 = 1,568). */
export function tubeletTokens(clip: { frames: number; height: number; width: number }, tubelet: { t: number; h: number; w: number }): TubeletTokens {
  requirePositiveIntegers('tubeletTokens', { ...clip, tubeletT: tubelet.t, tubeletH: tubelet.h, tubeletW: tubelet.w });
  const grid: [number, number, number] = [Math.floor(clip.frames / tubelet.t), Math.floor(clip.height / tubelet.h), Math.floor(clip.width / tubelet.w)];
  if (grid.some((g) => g === 0)) throw new Error('tubeletTokens: the tubelet is larger than the clip');
  const exact = clip.frames % tubelet.t === 0 && clip.height % tubelet.h === 0 && clip.width % tubelet.w === 0;
  return { grid, count: grid[0] * grid[1] * grid[2], exact };
}

function checkRatio(fn: string, ratio: number): void {
  if (!(ratio >= 0 && ratio < 1)) throw new Error(`${fn}: masking ratio must be in [0, 1), got ${ratio}`);
}

/**
 * Tokens the VideoMAE encoder sees when a fraction `ratio` of `tokens` is masked.
 * Rounding rule: the masked count is rounded down, ⌊ratio·N⌋, so the visible count
 * N − ⌊ratio·N⌋ is rounded up: 90% of 1,568 → 1,411 masked, 157 visible.
 */
export function visibleTokens(tokens: number, ratio: number): number {
  requirePositiveIntegers('visibleTokens', { tokens });
  checkRatio('visibleTokens', ratio);
  return tokens - Math.floor(ratio * tokens + EPS);
}

/**
 * Visible tokens under VideoMAE's tube masking as its reference code counts them:
 * the same ⌊ratio·H·W⌋ positions are masked in every frame, so
 * visible = T × (H·W − ⌊ratio·H·W⌋): 8 × (196 − 176) = 160 at 90% on 8×14×14.
 */
export function tubeMaskVisibleTokens(grid: readonly [number, number, number], ratio: number): number {
  const [t, h, w] = grid;
  requirePositiveIntegers('tubeMaskVisibleTokens', { t, h, w });
  checkRatio('tubeMaskVisibleTokens', ratio);
  const perFrame = h * w;
  return t * (perFrame - Math.floor(ratio * perFrame + EPS));
}

/** Frames kept by clip[:, :, ::stride]: ⌈frames / stride⌉ (64 frames, stride 8 → 8; stride 2 → 32). */
export function pathwayFrames(clipFrames: number, stride: number): number {
  requirePositiveIntegers('pathwayFrames', { clipFrames, stride });
  return Math.ceil(clipFrames / stride);
}

export interface SlowFastBudget {
  slowFrames: number;
  fastFrames: number;
  /** Frame-rate ratio α = fastFrames / slowFrames. */
  alpha: number;
  /** Channel ratio β of the Fast pathway. */
  beta: number;
  /**
   * MACs of a Fast conv relative to the matching Slow conv: α frames × β² (both
   * its input and output channels are β times fewer). α = 8, β = 1/8 → 1/8.
   */
  fastRelativeCost: number;
  /** Fast's share of the two pathways' conv cost: r / (1 + r) when every conv is matched. */
  fastShare: number;
}

/**
 * SlowFast's budget: Slow samples every `slowStride`-th frame (τ), Fast every
 * `fastStride`-th (τ/α). 64 frames, τ = 16, τ/α = 2 → 4 and 32 frames, α = 8.
 * The share assumes every Fast conv matches a Slow conv. In the real network the
 * Fast pathway also uses temporal kernels where Slow does not (stem, res2, res3),
 * so the full SlowFast-R50 4×16 spec gives Fast 19% of the MACs (the paper's
 * "about 20%") against this formula's 11%.
 */
export function slowFastBudget(p: { clipFrames: number; slowStride: number; fastStride: number; beta: number }): SlowFastBudget {
  if (!(p.beta > 0 && p.beta <= 1)) throw new Error(`slowFastBudget: beta must be in (0, 1], got ${p.beta}`);
  const slowFrames = pathwayFrames(p.clipFrames, p.slowStride);
  const fastFrames = pathwayFrames(p.clipFrames, p.fastStride);
  const alpha = fastFrames / slowFrames;
  const fastRelativeCost = alpha * p.beta * p.beta;
  return { slowFrames, fastFrames, alpha, beta: p.beta, fastRelativeCost, fastShare: fastRelativeCost / (1 + fastRelativeCost) };
}

export interface ShiftedChannels {
  /** Channels taking their value from frame t+1 (TSM's first fold). */
  fromNext: number;
  /** Channels taking their value from frame t−1. */
  fromPrevious: number;
  unchanged: number;
}

/** TSM's split of C channels: fold = ⌊C / foldDiv⌋ each way (foldDiv 8 → 1/8 and 1/8). */
export function shiftedChannels(channels: number, foldDiv = 8): ShiftedChannels {
  requirePositiveIntegers('shiftedChannels', { channels, foldDiv });
  const fold = Math.floor(channels / foldDiv);
  return { fromNext: fold, fromPrevious: fold, unchanged: channels - 2 * fold };
}

/** The temporal shift moves memory, it does not multiply: no parameters, no MACs. */
export function temporalShiftCost(): { params: 0; macs: 0 } {
  return { params: 0, macs: 0 };
}
