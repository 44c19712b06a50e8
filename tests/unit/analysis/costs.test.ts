import { describe, expect, it } from 'vitest';
import {
  attentionCost,
  compareConvWeights,
  conv2dWeights,
  conv2plus1dWeights,
  conv3dWeights,
  flopsFromMacs,
  formatFlops,
  formatMacs,
  formatParams,
  intermediateWidth,
  pathwayFrames,
  shiftedChannels,
  slowFastBudget,
  temporalShiftCost,
  tubeletTokens,
  tubeMaskVisibleTokens,
  visibleTokens,
} from '../../../src/lib/video-nn/analysis';

describe('convolution weights: 2-D vs 3-D vs (2+1)-D (chapters 4 and 6)', () => {
  it('64→128: 3×3 has 73,728 weights, 3×3×3 has 221,184', () => {
    expect(conv2dWeights(64, 128, 3)).toBe(73_728);
    expect(conv3dWeights(64, 128, 3, 3)).toBe(221_184);
  });

  it('64→64: full 3×3×3 is 110,592; (2+1)-D with M = 64 is 36,864 + 12,288 = 49,152', () => {
    expect(conv3dWeights(64, 64, 3, 3)).toBe(110_592);
    expect(conv2plus1dWeights(64, 64, 3, 3, 3, 64)).toEqual({ mid: 64, spatial: 36_864, temporal: 12_288, total: 49_152 });
  });

  it('M from the R(2+1)D formula for C = 64 is 144, which matches the 3-D budget exactly', () => {
    // ⌊3·9·64·64 / (9·64 + 3·64)⌋ = ⌊110,592 / 768⌋ = 144.
    expect(intermediateWidth(64, 64)).toBe(144);
    const f = conv2plus1dWeights(64, 64, 3, 3);
    expect(f).toEqual({ mid: 144, spatial: 82_944, temporal: 27_648, total: 110_592 });
    expect(f.total / conv3dWeights(64, 64, 3, 3)).toBe(1);
  });

  it('the formula floors: 64→128 gives ⌊230.4⌋ = 230, 256→512 gives ⌊921.6⌋ = 921', () => {
    expect(intermediateWidth(64, 128)).toBe(230);
    expect(intermediateWidth(256, 512)).toBe(921);
    expect(intermediateWidth(3, 64, 3, 7)).toBe(83); // ⌊28,224 / 339⌋; torchvision's stem uses 45 instead
  });

  it('the calculator gives all three, and MACs at an output size', () => {
    const c = compareConvWeights({ inChannels: 64, outChannels: 64, kt: 3, kh: 3 }, { frames: 8, height: 28, width: 28 });
    expect([c.conv2d, c.conv3d, c.conv2plus1d.total]).toEqual([36_864, 110_592, 110_592]);
    expect(c.macs!.conv3d).toBe(110_592 * 8 * 28 * 28);
  });

  it('rejects non-positive or fractional sizes', () => {
    expect(() => conv3dWeights(64, 0, 3, 3)).toThrow(/outChannels must be a positive integer/);
    expect(() => intermediateWidth(64, 64, 1.5)).toThrow(/kt/);
  });
});

describe('attention cost (chapter 9)', () => {
  const grid = { frames: 8, height: 14, width: 14 };

  it('T = 8, 14×14 patches: 1,568 tokens, full attention 1,568² = 2,458,624 entries', () => {
    const full = attentionCost(grid, 'full');
    expect(full.tokens).toBe(1_568);
    expect(full.entries).toBe(2_458_624);
    expect(full.reductionVsFull).toBe(1);
  });

  it('divided: 8²·196 + 8·196² = 12,544 + 307,328 = 319,872, a 7.7× reduction', () => {
    const divided = attentionCost(grid, 'divided');
    expect(divided.parts).toEqual({ temporal: 12_544, spatial: 307_328 });
    expect(divided.entries).toBe(319_872);
    expect(divided.reductionVsFull.toFixed(1)).toBe('7.7');
    // The widely copied "16K + 31K = 47K, 53×" is not what the formula gives.
    expect(divided.entries).not.toBe(47_000);
  });

  it('factorised encoder: spatial layer per frame T·(H·W)², temporal layer over T frame tokens T²', () => {
    const fe = attentionCost(grid, 'factorisedEncoder');
    expect(fe.parts).toEqual({ spatial: 307_328, temporal: 64 });
    expect(fe.entries).toBe(307_392);
  });
});

describe('tokens (chapter 9)', () => {
  it('2×16×16 tubelets on 16×224×224 give 8×14×14 = 1,568 tokens', () => {
    expect(tubeletTokens({ frames: 16, height: 224, width: 224 }, { t: 2, h: 16, w: 16 })).toEqual({ grid: [8, 14, 14], count: 1_568, exact: true });
    expect(tubeletTokens({ frames: 15, height: 224, width: 224 }, { t: 2, h: 16, w: 16 }).exact).toBe(false);
  });

  it('VideoMAE at 90% masking encodes 157 of 1,568 (masked ⌊0.9·1,568⌋ = 1,411)', () => {
    expect(visibleTokens(1_568, 0.9)).toBe(157);
    expect(visibleTokens(1_568, 0.95)).toBe(79); // ⌊1,489.6⌋ = 1,489 masked
    expect(visibleTokens(1_568, 0)).toBe(1_568);
    expect(() => visibleTokens(1_568, 1)).toThrow(/masking ratio/);
  });

  it("VideoMAE's tube masking, which floors per frame, keeps 8 × (196 − 176) = 160", () => {
    expect(tubeMaskVisibleTokens([8, 14, 14], 0.9)).toBe(160);
  });
});

describe('SlowFast budget (chapter 7, exercise 26.2.3)', () => {
  it('α = 8, τ = 16 on 64 frames: Slow 4 frames, Fast 32; a Fast conv costs α·β² = 1/8', () => {
    const b = slowFastBudget({ clipFrames: 64, slowStride: 16, fastStride: 2, beta: 1 / 8 });
    expect(b).toMatchObject({ slowFrames: 4, fastFrames: 32, alpha: 8 });
    expect(b.fastRelativeCost).toBe(1 / 8);
    expect(b.fastShare).toBeCloseTo(1 / 9, 12);
  });

  it('sample_pathways: clip[::8] and clip[::2] of 64 frames give 8 and 32 (ratio 4)', () => {
    expect(pathwayFrames(64, 8)).toBe(8);
    expect(pathwayFrames(64, 2)).toBe(32);
    expect(slowFastBudget({ clipFrames: 64, slowStride: 8, fastStride: 2, beta: 1 / 8 }).alpha).toBe(4);
    expect(pathwayFrames(10, 4)).toBe(3); // frames 0, 4, 8
  });
});

describe('TSM (chapter 8)', () => {
  it('adds zero parameters and zero MACs; shifts 1/8 of the channels each way', () => {
    expect(temporalShiftCost()).toEqual({ params: 0, macs: 0 });
    expect(shiftedChannels(64)).toEqual({ fromNext: 8, fromPrevious: 8, unchanged: 48 });
  });
});

describe('printing costs', () => {
  it('labels FLOPs as 2 × MACs', () => {
    expect(flopsFromMacs(40_696_553_472)).toBe(81_393_106_944);
    expect(formatMacs(40_696_553_472)).toBe('40.70 GMACs');
    expect(formatFlops(40_696_553_472)).toBe('81.39 GFLOPs (2 × MACs)');
    expect(formatParams(33_371_472)).toBe('33.37 M parameters');
    expect(formatMacs(512)).toBe('512 MACs');
  });
});
