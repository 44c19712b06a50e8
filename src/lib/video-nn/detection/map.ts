/**
 * Mean average precision of a temporal detector at one tIoU threshold, as the
 * ActivityNet evaluation computes it (`Evaluation/eval_detection.py`):
 *
 * - per class, the detections of every test sequence are pooled and sorted by
 *   score (highest first);
 * - each detection, in that order, is matched to the not-yet-matched ground
 *   truth segment of the same class and sequence with the highest tIoU, if that
 *   tIoU is ≥ the threshold: a true positive; otherwise (no overlap that large,
 *   or every such segment already taken — a duplicate) a false positive;
 * - AP is the area under the interpolated precision–recall curve: precision is
 *   replaced by its running maximum from the right (the "envelope"), and the
 *   area is Σ (r_i − r_{i−1}) · p_interp(r_i) over the recall steps — all-point
 *   interpolation, as ActivityNet and PASCAL VOC ≥ 2010 (not VOC 2007's 11
 *   points);
 * - mAP is the mean over the classes that have at least one ground-truth
 *   segment (a class without any has no defined AP and is reported as NaN).
 *
 * Pure functions, no tfjs.
 */
import { byScore, tIoU, type Detection, type Interval } from './segments';

export interface LabelledInterval extends Interval {
  label: number;
}

/** One test sequence: its ground truth and the detector's output. */
export interface SequenceResult {
  groundTruth: readonly LabelledInterval[];
  detections: readonly Detection[];
}

/**
 * Area under the interpolated precision–recall curve (all points). `precision`
 * and `recall` are the cumulative values after each detection, in score order.
 */
export function interpolatedAP(precision: readonly number[], recall: readonly number[]): number {
  const p = [0, ...precision, 0];
  const r = [0, ...recall, 1];
  for (let i = p.length - 2; i >= 0; i--) p[i] = Math.max(p[i]!, p[i + 1]!);
  let ap = 0;
  for (let i = 1; i < r.length; i++) if (r[i] !== r[i - 1]) ap += (r[i]! - r[i - 1]!) * p[i]!;
  return ap;
}

/**
 * True/false positive flags of one class's detections (pooled over sequences,
 * sorted by score), and the number of ground-truth segments of that class.
 */
export function matchDetections(results: readonly SequenceResult[], label: number, threshold: number): { tp: boolean[]; scores: number[]; positives: number } {
  const pooled: { d: Detection; seq: number }[] = [];
  let positives = 0;
  const gts = results.map((r, seq) => {
    for (const d of r.detections) if (d.label === label) pooled.push({ d, seq });
    const own = r.groundTruth.filter((g) => g.label === label);
    positives += own.length;
    return own;
  });
  pooled.sort((a, b) => byScore(a.d, b.d) || a.seq - b.seq);
  const taken = gts.map((g) => new Array<boolean>(g.length).fill(false));
  const tp = pooled.map(({ d, seq }) => {
    const candidates = gts[seq]!.map((g, i) => ({ i, iou: tIoU(d, g) })).sort((a, b) => b.iou - a.iou || a.i - b.i);
    for (const c of candidates) {
      if (c.iou < threshold) return false;
      if (taken[seq]![c.i]) continue;
      taken[seq]![c.i] = true;
      return true;
    }
    return false;
  });
  return { tp, scores: pooled.map((p) => p.d.score), positives };
}

/** AP of one class at tIoU `threshold`; NaN when the class has no ground truth. */
export function averagePrecision(results: readonly SequenceResult[], label: number, threshold = 0.5): number {
  const { tp, positives } = matchDetections(results, label, threshold);
  if (positives === 0) return Number.NaN;
  const precision: number[] = [];
  const recall: number[] = [];
  let hits = 0;
  tp.forEach((t, i) => {
    if (t) hits++;
    precision.push(hits / (i + 1));
    recall.push(hits / positives);
  });
  return interpolatedAP(precision, recall);
}

export interface MeanAP {
  /** Mean of the defined per-class APs. */
  mAP: number;
  /** Per class (NaN where the class has no ground truth). */
  perClassAP: number[];
  threshold: number;
}

export function meanAveragePrecision(results: readonly SequenceResult[], classes: number, threshold = 0.5): MeanAP {
  const perClassAP = Array.from({ length: classes }, (_, k) => averagePrecision(results, k, threshold));
  const defined = perClassAP.filter((v) => !Number.isNaN(v));
  return { mAP: defined.length ? defined.reduce((a, b) => a + b, 0) / defined.length : Number.NaN, perClassAP, threshold };
}
