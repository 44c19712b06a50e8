import { describe, expect, it } from 'vitest';
import { averagePrecision, interpolatedAP, matchDetections, meanAveragePrecision, type SequenceResult } from '../../../src/lib/video-nn/detection/map';

const gt = (start: number, end: number, label = 0) => ({ start, end, label });
const det = (start: number, end: number, score: number, label = 0) => ({ start, end, label, score });

describe('interpolatedAP', () => {
  it('is the area under the precision envelope (all points)', () => {
    // P = 1, 1/2, 2/3, 1/2 at R = 1/3, 1/3, 2/3, 2/3: envelope 1 up to 1/3, 2/3 up to 2/3, 0 after.
    expect(interpolatedAP([1, 1 / 2, 2 / 3, 1 / 2], [1 / 3, 1 / 3, 2 / 3, 2 / 3])).toBeCloseTo(1 / 3 + (1 / 3) * (2 / 3), 12);
    expect(interpolatedAP([1, 1], [0.5, 1])).toBe(1);
    expect(interpolatedAP([], [])).toBe(0);
    // A dip is filled from the right: 0.5 at R = 0.5 is lifted to 2/3.
    expect(interpolatedAP([0.5, 2 / 3], [0.5, 1])).toBeCloseTo(2 / 3, 12);
  });
});

describe('averagePrecision', () => {
  it('a perfect detector scores 1', () => {
    const results: SequenceResult[] = [
      { groundTruth: [gt(10, 40), gt(100, 130, 3)], detections: [det(10, 40, 0.9), det(100, 130, 0.8, 3)] },
      { groundTruth: [gt(0, 20, 3)], detections: [det(1, 20, 0.5, 3)] },
    ];
    expect(meanAveragePrecision(results, 4).mAP).toBe(1);
    expect(meanAveragePrecision(results, 4).perClassAP.map((v) => Number.isNaN(v))).toEqual([false, true, true, false]);
  });

  it('the hand-computed TP, FP, TP, FP case with a missed segment gives 5/9', () => {
    const results: SequenceResult[] = [
      {
        groundTruth: [gt(0, 10), gt(20, 30), gt(40, 50)],
        detections: [det(0, 10, 0.9), det(60, 70, 0.8), det(20, 30, 0.7), det(80, 90, 0.6)],
      },
    ];
    expect(averagePrecision(results, 0)).toBeCloseTo(5 / 9, 12);
  });

  it('a duplicate detection of one segment is a false positive', () => {
    const results: SequenceResult[] = [
      { groundTruth: [gt(0, 10)], detections: [det(0, 10, 0.9), det(0, 10, 0.8)] },
      { groundTruth: [gt(0, 10)], detections: [det(0, 10, 0.7)] },
    ];
    expect(matchDetections(results, 0, 0.5).tp).toEqual([true, false, true]);
    // P = 1, 1/2, 2/3 at R = 1/2, 1/2, 1 → 1/2 · 1 + 1/2 · 2/3.
    expect(averagePrecision(results, 0)).toBeCloseTo(5 / 6, 12);
  });

  it('needs tIoU ≥ the threshold and the same class', () => {
    const results: SequenceResult[] = [{ groundTruth: [gt(0, 10)], detections: [det(5, 15, 0.9), det(0, 10, 0.8, 1)] }];
    // tIoU 1/3 < 0.5: a false positive; the class-1 detection does not count for class 0.
    expect(averagePrecision(results, 0, 0.5)).toBe(0);
    expect(averagePrecision(results, 0, 0.3)).toBe(1);
  });

  it('matches a detection to the best still-unmatched segment, as ActivityNet does', () => {
    // Two overlapping segments; the first detection takes [0, 10); the second, whose best is also
    // [0, 10), falls back to [2, 12) (tIoU 8/12 ≥ 0.5).
    const results: SequenceResult[] = [{ groundTruth: [gt(0, 10), gt(2, 12)], detections: [det(0, 10, 0.9), det(1, 11, 0.8)] }];
    expect(matchDetections(results, 0, 0.5).tp).toEqual([true, true]);
  });

  it('detections are pooled over sequences before sorting', () => {
    const results: SequenceResult[] = [
      { groundTruth: [gt(0, 10)], detections: [det(50, 60, 0.95)] },
      { groundTruth: [gt(0, 10)], detections: [det(0, 10, 0.9)] },
    ];
    // FP (0.95) then TP (0.9): P = 0, 1/2 at R = 0, 1/2 → AP = 1/2 · 1/2.
    expect(averagePrecision(results, 0)).toBeCloseTo(0.25, 12);
  });
});
