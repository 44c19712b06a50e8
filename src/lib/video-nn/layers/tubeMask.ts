/**
 * VideoMAE's tube masking (Tong et al., NeurIPS 2022): the same spatial
 * positions are hidden in every (token) frame, so a masked patch cannot be
 * recovered by copying it from a neighbouring frame. As MCG-NJU/VideoMAE's
 * `TubeMaskingGenerator` (masking_generator.py) computes it, each frame masks
 * floor(ratio · H·W) positions, so at ratio 0.9 on 8×14×14 tokens 176 of 196
 * positions are masked per frame and 8 × 20 = 160 tokens stay visible (not
 * round(0.1 × 1,568) = 157). Deterministic from the seed (a mulberry32
 * Fisher–Yates shuffle), so a widget and a test see the same mask. No tfjs
 * here, so pages can compute masks and counts without loading it.
 */
import { seededValues } from './conv3dReference';
import { checkPositiveInteger, type Triple } from './shapes';

export interface TubeMask {
  /** Token grid T×H×W the mask is for. */
  layout: Triple;
  /** One entry per token in (t, y, x) order: true = masked (hidden from the encoder). */
  mask: boolean[];
  maskedPerFrame: number;
  masked: number;
  visible: number;
  /** Indices of the visible tokens, increasing: what the encoder sees. */
  visibleIndices: number[];
}

/** Positions masked in each frame: floor(ratio · H·W), as VideoMAE's int(). */
export function maskedPerFrame(positions: number, ratio: number): number {
  return Math.floor(ratio * positions);
}

export function tubeMask(layout: Triple, ratio: number, seed: number): TubeMask {
  layout.forEach((n, i) => checkPositiveInteger('tubeMask', ['T', 'H', 'W'][i]!, n));
  if (!(ratio >= 0 && ratio < 1)) throw new Error(`tubeMask: ratio must be in [0, 1), got ${ratio}`);
  if (!Number.isInteger(seed)) throw new Error(`tubeMask: seed must be an integer, got ${seed}`);
  const [t, h, w] = layout;
  const positions = h * w;
  const perFrame = maskedPerFrame(positions, ratio);
  // Like VideoMAE: [0 × (P − m), 1 × m], shuffled once, repeated over frames.
  const frame = Array.from({ length: positions }, (_, i) => i >= positions - perFrame);
  const random = seededValues(positions, seed);
  for (let i = positions - 1; i > 0; i--) {
    const j = Math.floor(((random[i]! + 1) / 2) * (i + 1));
    [frame[i], frame[j]] = [frame[j]!, frame[i]!];
  }
  const mask = Array.from({ length: t }, () => frame).flat();
  const visibleIndices = mask.flatMap((m, i) => (m ? [] : [i]));
  return { layout, mask, maskedPerFrame: perFrame, masked: t * perFrame, visible: visibleIndices.length, visibleIndices };
}
