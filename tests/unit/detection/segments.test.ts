import { describe, expect, it } from 'vitest';
import { nms, softNms, tIoU, type Detection } from '../../../src/lib/video-nn/detection/segments';

describe('tIoU', () => {
  it('is intersection over union of [start, end) intervals', () => {
    expect(tIoU({ start: 0, end: 10 }, { start: 5, end: 15 })).toBeCloseTo(5 / 15, 12);
    expect(tIoU({ start: 0, end: 10 }, { start: 0, end: 10 })).toBe(1);
    expect(tIoU({ start: 0, end: 10 }, { start: 10, end: 20 })).toBe(0);
    expect(tIoU({ start: 2, end: 4 }, { start: 0, end: 10 })).toBeCloseTo(0.2, 12);
    expect(tIoU({ start: 3, end: 3 }, { start: 3, end: 3 })).toBe(0);
  });
});

const dets: Detection[] = [
  { start: 20, end: 30, label: 0, score: 0.7 },
  { start: 1, end: 11, label: 0, score: 0.8 },
  { start: 0, end: 10, label: 1, score: 0.6 },
  { start: 0, end: 10, label: 0, score: 0.9 },
];

describe('nms', () => {
  it('drops a same-class detection overlapping a better one by more than the threshold, keeps other classes', () => {
    // tIoU([0,10), [1,11)) = 9/11 ≈ 0.82 > 0.5.
    expect(nms(dets, 0.5)).toEqual([
      { start: 0, end: 10, label: 0, score: 0.9 },
      { start: 20, end: 30, label: 0, score: 0.7 },
      { start: 0, end: 10, label: 1, score: 0.6 },
    ]);
    // With a threshold above 9/11 nothing is suppressed.
    expect(nms(dets, 0.9)).toHaveLength(4);
  });
});

describe('softNms', () => {
  it('decays an overlapping score by exp(−tIoU²/σ) instead of dropping it', () => {
    const kept = softNms(dets, { sigma: 0.5 });
    expect(kept.map((d) => [d.start, d.label])).toEqual([[0, 0], [20, 0], [0, 1], [1, 0]]);
    const decayed = 0.8 * Math.exp(-((9 / 11) ** 2) / 0.5); // ≈ 0.2098
    expect(kept[3]!.score).toBeCloseTo(decayed, 12);
    expect(kept[1]!.score).toBe(0.7); // no overlap with [0, 10): unchanged
    expect(dets[1]!.score).toBe(0.8); // the input is not modified
  });

  it('drops what decays below minScore', () => {
    expect(softNms(dets, { sigma: 0.5, minScore: 0.3 })).toHaveLength(3);
  });
});
