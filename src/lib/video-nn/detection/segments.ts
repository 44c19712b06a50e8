/**
 * One-dimensional segments and the post-processing of a temporal detector:
 * temporal IoU, non-maximum suppression (hard and Gaussian Soft-NMS). Pure
 * functions, no tfjs. Times are continuous: frame t covers [t, t + 1), so a
 * labelled segment {start, end} (end exclusive) is the interval [start, end).
 */

/** A scored, classified interval [start, end) in frames (not necessarily whole). */
export interface Detection {
  start: number;
  end: number;
  label: number;
  score: number;
}

export interface Interval {
  start: number;
  end: number;
}

/** Temporal IoU: |a ∩ b| / |a ∪ b| (0 for two empty intervals). */
export function tIoU(a: Interval, b: Interval): number {
  const inter = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  const union = Math.max(0, a.end - a.start) + Math.max(0, b.end - b.start) - inter;
  return union > 0 ? inter / union : 0;
}

/** Highest score first; ties by start, then end (a stable, deterministic order). */
export function byScore(a: Detection, b: Detection): number {
  return b.score - a.score || a.start - b.start || a.end - b.end;
}

/**
 * Greedy hard NMS, per class: keep the best-scoring detection, drop every
 * other of the same class whose tIoU with it exceeds `threshold`, repeat.
 * Returns the kept detections, best first.
 */
export function nms(detections: readonly Detection[], threshold: number): Detection[] {
  const sorted = [...detections].sort(byScore);
  const kept: Detection[] = [];
  for (const d of sorted) {
    if (kept.every((k) => k.label !== d.label || tIoU(k, d) <= threshold)) kept.push(d);
  }
  return kept;
}

/**
 * Gaussian Soft-NMS (Bodla et al. 2017), per class: instead of dropping an
 * overlapping detection, multiply its score by exp(−tIoU² / σ) and go on; drop
 * what falls below `minScore`. Returns new objects, best (decayed) score first.
 */
export function softNms(detections: readonly Detection[], options: { sigma?: number; minScore?: number } = {}): Detection[] {
  const { sigma = 0.5, minScore = 1e-3 } = options;
  let pool = detections.map((d) => ({ ...d }));
  const kept: Detection[] = [];
  while (pool.length) {
    let best = 0;
    for (let i = 1; i < pool.length; i++) if (byScore(pool[i]!, pool[best]!) < 0) best = i;
    const top = pool[best]!;
    kept.push(top);
    pool.splice(best, 1);
    for (const d of pool) if (d.label === top.label) d.score *= Math.exp(-(tIoU(top, d) ** 2) / sigma);
    pool = pool.filter((d) => d.score >= minScore);
  }
  return kept;
}
