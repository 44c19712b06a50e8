import { describe, expect, it } from 'vitest';
import { STICK_ACTIONS } from '../../../src/lib/video-nn/data/skeletonPose';
import { generateUntrimmed, untrimmed } from '../../../src/lib/video-nn/data/untrimmed';
import { fingerprint, inUnitRange, sameBytes } from './helpers';

describe('untrimmed sequences', () => {
  const ds = untrimmed({ seed: 41 });
  const sequences = Array.from({ length: 24 }, (_, i) => ds.sequence('train', i));

  it('are 256–512 frames of T×H×W×3 with keypoints and per-frame labels', () => {
    for (const s of sequences) {
      const [L, H, W, C] = s.shape;
      expect(L).toBeGreaterThanOrEqual(256);
      expect(L).toBeLessThanOrEqual(512);
      expect([H, W, C]).toEqual([32, 32, 3]);
      expect(s.data.length).toBe(L * 32 * 32 * 3);
      expect(s.keypoints.length).toBe(L * 17 * 3);
      expect(s.frameLabels.length).toBe(L);
    }
    expect(inUnitRange(sequences[0]!.data)).toBe(true);
    expect(new Set(sequences.map((s) => s.shape[0])).size).toBeGreaterThan(15);
  });

  it('hold 1–5 sorted, non-overlapping segments of 16–64 frames, with idle frames around them', () => {
    const counts = new Set<number>();
    for (const s of sequences) {
      const L = s.shape[0];
      counts.add(s.segments.length);
      expect(s.segments.length).toBeGreaterThanOrEqual(1);
      expect(s.segments.length).toBeLessThanOrEqual(5);
      let previousEnd = 0;
      for (const seg of s.segments) {
        expect(seg.start - previousEnd).toBeGreaterThanOrEqual(8); // an idle gap before each
        expect(seg.end - seg.start).toBeGreaterThanOrEqual(16);
        expect(seg.end - seg.start).toBeLessThanOrEqual(64);
        expect(seg.className).toBe(STICK_ACTIONS[seg.label]);
        previousEnd = seg.end;
      }
      expect(L - previousEnd).toBeGreaterThanOrEqual(8);
      const expected = new Int32Array(L).fill(-1);
      for (const seg of s.segments) expected.fill(seg.label, seg.start, seg.end);
      expect(Array.from(s.frameLabels)).toEqual(Array.from(expected));
    }
    expect(counts.size).toBe(5);
  });

  it('move more inside action segments than in the idle background', () => {
    for (const s of sequences.slice(0, 8)) {
      // Mean keypoint displacement between consecutive frames, confidence-free.
      let inside = 0;
      let nIn = 0;
      let outside = 0;
      let nOut = 0;
      for (let t = 1; t < s.shape[0]; t++) {
        let d = 0;
        for (let j = 0; j < 17; j++) d += Math.hypot(s.keypoints[(t * 17 + j) * 3]! - s.keypoints[((t - 1) * 17 + j) * 3]!, s.keypoints[(t * 17 + j) * 3 + 1]! - s.keypoints[((t - 1) * 17 + j) * 3 + 1]!);
        if (s.frameLabels[t]! >= 0) [inside, nIn] = [inside + d, nIn + 1];
        else [outside, nOut] = [outside + d, nOut + 1];
      }
      expect(inside / nIn).toBeGreaterThan(outside / nOut);
    }
  });

  it('are deterministic and split-disjoint', () => {
    const again = untrimmed({ seed: 41 }).sequence('train', 3);
    expect(sameBytes(again.data, sequences[3]!.data)).toBe(true);
    expect(again.segments).toEqual(sequences[3]!.segments);
    const fps = new Set(sequences.map((s) => fingerprint(s.data)));
    for (let i = 0; i < 6; i++) {
      expect(fps.has(fingerprint(ds.sequence('validation', i).data))).toBe(false);
      expect(fps.has(fingerprint(ds.sequence('test', i).data))).toBe(false);
    }
    expect(ds.descriptor).toMatchObject({ id: 'untrimmed-stick-figures', classes: STICK_ACTIONS, seed: 41 });
    // Pinned output: when this changes, bump UNTRIMMED_VERSION (see datasets.test.ts).
    const pinned = untrimmed({ seed: 1 }).sequence('train', 0);
    expect([fingerprint(pinned.data), fingerprint(pinned.frameLabels)]).toEqual(['85f6e781', '552d27aa']);
  });

  it('accept other lengths and refuse impossible layouts', () => {
    const s = generateUntrimmed(5, { minLength: 128, maxLength: 128, maxSegments: 3, size: 24 });
    expect(s.shape).toEqual([128, 24, 24, 3]);
    expect(s.segments.length).toBeLessThanOrEqual(3);
    expect(() => generateUntrimmed(5, { minLength: 64, maxLength: 64 })).toThrow(/cannot hold/);
    expect(() => generateUntrimmed(5, { minLength: 300, maxLength: 200 })).toThrow(/bad options/);
  });
});
