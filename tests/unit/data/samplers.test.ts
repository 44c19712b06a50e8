import { describe, expect, it } from 'vitest';
import { clipSpan, denseClips, gatherFrames, multiClip, randomStart, slowFastPathways, uniformSegments } from '../../../src/lib/video-nn/data/samplers';
import { frameToRGBA } from '../../../src/lib/video-nn/data/image';

const range = (n: number, step = 1, from = 0) => Array.from({ length: n }, (_, i) => from + i * step);

describe('uniform segments (TSN)', () => {
  it('takes the centre of each segment at test time', () => {
    // tick = 32/8 = 4: ⌊2 + 4k⌋
    expect(uniformSegments(32, 8)).toEqual([2, 6, 10, 14, 18, 22, 26, 30]);
    // tick = 2.5: ⌊1.25 + 2.5k⌋ = 1, 3, 6, 8
    expect(uniformSegments(10, 4)).toEqual([1, 3, 6, 8]);
    // Fewer frames than segments: tick = 0.6, ⌊0.3 + 0.6k⌋ repeats frames.
    expect(uniformSegments(3, 5)).toEqual([0, 0, 1, 2, 2]);
  });

  it('takes a random frame inside each segment in training, reproducibly', () => {
    const a = uniformSegments(32, 8, { mode: 'train', seed: 1 });
    a.forEach((f, k) => {
      expect(f).toBeGreaterThanOrEqual(4 * k);
      expect(f).toBeLessThanOrEqual(4 * k + 3);
    });
    expect(uniformSegments(32, 8, { mode: 'train', seed: 1 })).toEqual(a);
    const draws = new Set(range(20).map((s) => uniformSegments(32, 8, { mode: 'train', seed: s }).join()));
    expect(draws.size).toBeGreaterThan(15);
  });
});

describe('random start', () => {
  it('takes a strided clip that fits', () => {
    expect(clipSpan(16, 2)).toBe(31);
    for (let seed = 0; seed < 50; seed++) {
      const c = randomStart(100, 16, 2, seed);
      expect(c).toHaveLength(16);
      expect(c[0]).toBeLessThanOrEqual(69);
      expect(c).toEqual(range(16, 2, c[0]));
    }
    expect(randomStart(16, 16, 1, 9)).toEqual(range(16));
  });

  it('clamps at the last frame when the clip does not fit', () => {
    expect(randomStart(10, 8, 2, 3)).toEqual([0, 2, 4, 6, 8, 9, 9, 9]);
  });
});

describe('dense and multi-clip', () => {
  it('lists every window at a step', () => {
    expect(denseClips(10, 4, 3)).toEqual([[0, 1, 2, 3], [3, 4, 5, 6], [6, 7, 8, 9]]);
    expect(denseClips(16, 4, 4, 2)).toEqual([[0, 2, 4, 6], [4, 6, 8, 10], [8, 10, 12, 14]]);
    expect(denseClips(5, 8, 2)).toEqual([[0, 1, 2, 3, 4, 4, 4, 4]]);
  });

  it('spreads K test clips evenly from the first frame to the last', () => {
    expect(multiClip(64, 3, 16).map((c) => c[0])).toEqual([0, 24, 48]);
    expect(multiClip(64, 3, 16)[2]).toEqual(range(16, 1, 48));
    expect(multiClip(64, 1, 16)[0]).toEqual(range(16, 1, 24));
    expect(multiClip(10, 4, 4)).toEqual([[0, 1, 2, 3], [2, 3, 4, 5], [4, 5, 6, 7], [6, 7, 8, 9]]);
    // span 15, slack 25: starts round(0, 12.5, 25)
    expect(multiClip(40, 3, 8, 2).map((c) => c[0])).toEqual([0, 13, 25]);
  });
});

describe('SlowFast pathways', () => {
  it('splits a 64-frame clip into 4 and 32 frames (strides 16 and 2)', () => {
    const p = slowFastPathways(64, 16, 2);
    expect(p.slow).toEqual([0, 16, 32, 48]);
    expect(p.fast).toEqual(range(32, 2));
    expect(p.alpha).toBe(8);
  });

  it('gives 8 and 32 frames for clip[::8] and clip[::2]', () => {
    const p = slowFastPathways(64, 8, 2);
    expect(p.slow).toEqual(range(8, 8));
    expect(p.fast).toHaveLength(32);
    expect(p.alpha).toBe(4);
  });
});

describe('gathering and drawing', () => {
  it('gathers frames in the order given', () => {
    // 4 frames of 1×1×2: frame t holds (t, 10 + t).
    const clip = new Float32Array([0, 10, 1, 11, 2, 12, 3, 13]);
    expect(Array.from(gatherFrames(clip, [4, 1, 1, 2], [3, 0, 3]))).toEqual([3, 13, 0, 10, 3, 13]);
    expect(() => gatherFrames(clip, [4, 1, 1, 2], [4])).toThrow(/outside/);
    expect(() => gatherFrames(clip, [5, 1, 1, 2], [0])).toThrow(/needs/);
  });

  it('turns a frame into RGBA bytes for a canvas', () => {
    const clip = new Float32Array([0, 0.5, 1, 1, 1, 1, 0.2, 0.2, 0.2, 0.25, 0, 2]);
    expect(Array.from(frameToRGBA(clip, [2, 1, 2, 3], 1))).toEqual([51, 51, 51, 255, 64, 0, 255, 255]);
    expect(Array.from(frameToRGBA(new Float32Array([0.5, 1]), [2, 1, 1, 1], 0))).toEqual([128, 128, 128, 255]);
    expect(() => frameToRGBA(clip, [2, 1, 2, 3], 2)).toThrow(/outside/);
  });
});
