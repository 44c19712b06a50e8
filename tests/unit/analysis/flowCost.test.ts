/** The cost of precomputing flow, against the curriculum's Kinetics-400 estimate worked by hand. */
import { describe, expect, it } from 'vitest';
import { flowPrecomputeCost } from '../../../src/lib/video-nn/analysis/flowCost';

describe('flowPrecomputeCost', () => {
  it('Kinetics-400: 300,000 videos of 250 frames at 0.06 s per pair is about 1,250 GPU-hours', () => {
    const c = flowPrecomputeCost({ videos: 300_000, framesPerVideo: 250, secondsPerPair: 0.06 });
    // 249 pairs per video: 300,000 × 249 = 74,700,000 pairs; × 0.06 s = 4,482,000 s = 1,245 h.
    expect(c.pairsPerVideo).toBe(249);
    expect(c.framePairs).toBe(74_700_000);
    expect(c.seconds).toBeCloseTo(4_482_000, 3);
    expect(c.hours).toBeCloseTo(1245, 9);
    expect(c.days).toBeCloseTo(51.875, 9);
    // The curriculum's round figure counts one pair per frame: 300,000 × 250 × 0.06 / 3600 = 1,250.
    expect(flowPrecomputeCost({ videos: 300_000, framesPerVideo: 251, secondsPerPair: 0.06 }).hours).toBeCloseTo(1250, 9);
  });

  it('a one-frame video has no pairs; bad inputs are refused', () => {
    expect(flowPrecomputeCost({ videos: 10, framesPerVideo: 1, secondsPerPair: 1 }).seconds).toBe(0);
    expect(() => flowPrecomputeCost({ videos: -1, framesPerVideo: 2, secondsPerPair: 1 })).toThrow(/videos/);
    expect(() => flowPrecomputeCost({ videos: 1, framesPerVideo: 2.5, secondsPerPair: 1 })).toThrow(/framesPerVideo/);
    expect(() => flowPrecomputeCost({ videos: 1, framesPerVideo: 2, secondsPerPair: Number.NaN })).toThrow(/secondsPerPair/);
  });
});
