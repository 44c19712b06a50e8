/**
 * Chapter 6's factorisation calculator against hand computations (exercise
 * 26.2.1) and against a brute-force search for the intermediate width M.
 */
import { describe, expect, it } from 'vitest';
import { compareFactorisation, intermediateWidthTerms } from '../../src/lib/video-nn/analysis/factorisation';
import { intermediateWidth } from '../../src/lib/video-nn/analysis/costs';

const out16x56 = { frames: 16, height: 56, width: 56 };

describe('full 3-D vs (2+1)-D for one layer', () => {
  it('C = 64, 3×3×3 (exercise 26.2.1): 110,592 weights; M = ⌊110,592 / 768⌋ = 144 matches them exactly', () => {
    const r = compareFactorisation({ inChannels: 64, outChannels: 64, kt: 3, k: 3 }, out16x56);
    // 64·64·27 = 110,592; denominator 9·64 + 3·64 = 768.
    expect(r.full.weights).toBe(110_592);
    expect(r.terms).toEqual({ numerator: 110_592, denominator: 768, exact: 144, mid: 144 });
    // 1×3×3: 144·64·9 = 82,944; 3×1×1: 64·144·3 = 27,648.
    expect(r.matched).toMatchObject({ mid: 144, spatial: 82_944, temporal: 27_648, total: 110_592, ratioToFull: 1 });
    // Same width (M = 64): 36,864 + 12,288 = 49,152, the curriculum's figure.
    expect(r.sameWidth).toMatchObject({ mid: 64, spatial: 36_864, temporal: 12_288, total: 49_152 });
    expect(r.sameWidth.ratioToFull).toBeCloseTo(49_152 / 110_592, 12);
  });

  it('MACs are weights × output positions: 16·56·56 = 50,176 positions', () => {
    const r = compareFactorisation({ inChannels: 64, outChannels: 64, kt: 3, k: 3 }, out16x56);
    expect(r.positions).toBe(50_176);
    expect(r.full.macs).toBe(5_549_064_192); // 110,592 × 50,176
    expect(r.matched.macs).toEqual({ spatial: 82_944 * 50_176, temporal: 27_648 * 50_176, total: 5_549_064_192 });
  });

  it('64 → 128: M = ⌊221,184 / 960⌋ = ⌊230.4⌋ = 230, a little under the full budget', () => {
    const r = compareFactorisation({ inChannels: 64, outChannels: 128, kt: 3, k: 3 }, { frames: 8, height: 28, width: 28 });
    expect(r.terms).toMatchObject({ numerator: 221_184, denominator: 960, mid: 230 });
    expect(r.terms.exact).toBeCloseTo(230.4, 12);
    // 230·64·9 = 132,480 and 128·230·3 = 88,320.
    expect(r.matched).toMatchObject({ spatial: 132_480, temporal: 88_320, total: 220_800 });
    expect(r.matched.ratioToFull).toBeLessThan(1);
  });

  it("the stem's 3 → 64, 3×7×7: the formula gives 83 (torchvision uses 45)", () => {
    const r = compareFactorisation({ inChannels: 3, outChannels: 64, kt: 3, k: 7 }, out16x56);
    // ⌊3·49·3·64 / (49·3 + 3·64)⌋ = ⌊28,224 / 339⌋ = ⌊83.26⌋.
    expect(r.terms).toMatchObject({ numerator: 28_224, denominator: 339, mid: 83 });
  });

  it('M is the largest width whose pair does not exceed the full weights (brute force, random layers)', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return 1 + (seed % n);
    };
    for (let i = 0; i < 300; i++) {
      const p = { inChannels: rand(600), outChannels: rand(600), kt: rand(7), k: rand(7) };
      const full = p.outChannels * p.inChannels * p.kt * p.k * p.k;
      const pairWeights = (m: number) => m * p.inChannels * p.k * p.k + p.outChannels * m * p.kt;
      let best = 0;
      while (pairWeights(best + 1) <= full) best += 1;
      const terms = intermediateWidthTerms(p);
      expect(terms.mid, JSON.stringify(p)).toBe(best);
      expect(terms.mid).toBe(intermediateWidth(p.inChannels, p.outChannels, p.kt, p.k));
    }
  });

  it('keeps at least one intermediate channel when the formula floors to 0', () => {
    const r = compareFactorisation({ inChannels: 1, outChannels: 1, kt: 1, k: 1 }, { frames: 1, height: 1, width: 1 });
    expect(r.terms.mid).toBe(0);
    expect(r.matched.mid).toBe(1);
  });

  it('rejects output sizes that are not positive integers', () => {
    expect(() => compareFactorisation({ inChannels: 64, outChannels: 64, kt: 3, k: 3 }, { frames: 0, height: 56, width: 56 })).toThrow(/frames/);
  });
});
