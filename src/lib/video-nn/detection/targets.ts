/**
 * What the detector learns and how its output becomes segments (pure, no tfjs).
 *
 * The network sees a padded sequence of `frames` frames and outputs one vector
 * per output step (every `stride` frames): `classes` action logits, one
 * background logit, and two raw distances. Step i stands for the time point
 * c_i = stride · i + stride / 2 (the middle of the frames it covers, frame t
 * being the interval [t, t + 1)).
 *
 * Targets (ActionFormer's, at a single scale): a step is positive when c_i lies
 * inside a labelled segment [start, end); its class is the segment's, and its
 * regression targets are the distances to the segment's boundaries,
 * c_i − start and end − c_i, in frames. Other steps are background. Steps past
 * the sequence's real length (padding) are masked out of the loss.
 *
 * Decoding: distance = softplus(raw) · scale; every step and action class
 * whose softmax probability is at least `minScore` proposes the segment
 * [c_i − d_start, c_i + d_end] (clipped to the sequence) with that probability
 * as its score; per-class NMS then removes the duplicates.
 */
import { keypointTensor } from '../data/keypointClips';
import { KEYPOINTS } from '../data/stickFigures';
import type { Segment } from '../data/untrimmed';
import { nms, softNms, type Detection } from './segments';

export interface DetectorGeometry {
  /** Padded input length in frames. */
  frames: number;
  /** Frames per output step. */
  stride: number;
  /** Action classes (background excluded). */
  classes: number;
  /** Frames per unit of the regression output (distance = softplus(raw) · scale). */
  scale: number;
}

export interface StepTargets {
  /** Per step: the class (0 … classes − 1), or `classes` for background. */
  labels: Int32Array;
  /** Per step: distance to the start and to the end, in frames (0 for background). */
  distances: Float32Array;
  /** Per step: 1 inside the real sequence, 0 in the padding. */
  valid: Float32Array;
  /** Per step: 1 for a positive (action) step inside the real sequence. */
  positive: Float32Array;
}

export const outputSteps = (g: Pick<DetectorGeometry, 'frames' | 'stride'>): number => Math.floor(g.frames / g.stride);
export const stepCentre = (i: number, stride: number): number => stride * i + stride / 2;

/** Targets of one sequence of `length` frames (≤ g.frames) with its segments. */
export function stepTargets(segments: readonly Pick<Segment, 'start' | 'end' | 'label'>[], length: number, g: DetectorGeometry): StepTargets {
  if (length > g.frames) throw new Error(`stepTargets: sequence of ${length} frames is longer than the detector's ${g.frames}`);
  const n = outputSteps(g);
  const labels = new Int32Array(n).fill(g.classes);
  const distances = new Float32Array(2 * n);
  const valid = new Float32Array(n);
  const positive = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const c = stepCentre(i, g.stride);
    if (c >= length) continue;
    valid[i] = 1;
    const seg = segments.find((s) => s.start <= c && c < s.end);
    if (!seg) continue;
    labels[i] = seg.label;
    distances[2 * i] = c - seg.start;
    distances[2 * i + 1] = seg.end - c;
    positive[i] = 1;
  }
  return { labels, distances, valid, positive };
}

/** Keypoints L×17×3 (pixels) → the detector's input `frames`×17×1×3: x/size, y/size, confidence; zeros after L. */
export function detectorInput(keypoints: Float32Array, length: number, frames: number, size: number): Float32Array {
  if (length > frames) throw new Error(`detectorInput: sequence of ${length} frames is longer than the detector's ${frames}`);
  const out = new Float32Array(frames * KEYPOINTS * 3);
  out.set(keypointTensor(keypoints, length, size));
  return out;
}

const softplus = (x: number): number => (x > 20 ? x : Math.log1p(Math.exp(x)));

export interface DecodeOptions {
  /** Real length of the sequence (steps past it are ignored, segments clipped to it). */
  length: number;
  /** Smallest class probability that proposes a segment; default 0.05. */
  minScore?: number;
  /** 'hard' NMS at `iou`, or Gaussian 'soft' NMS with `sigma`; default soft. */
  nms?: 'hard' | 'soft' | 'none';
  /** Hard NMS tIoU threshold; default 0.5. */
  iou?: number;
  /** Soft-NMS σ; default 0.5. */
  sigma?: number;
  /** Keep at most this many detections per sequence, best first; default 100. */
  topK?: number;
}

/** Candidate segments of one sequence from its raw output (steps × (classes + 3), row-major), before NMS. */
export function candidates(output: ArrayLike<number>, g: DetectorGeometry, length: number, minScore = 0.05): Detection[] {
  const n = outputSteps(g);
  const width = g.classes + 3;
  if (output.length !== n * width) throw new Error(`decode: expected ${n}×${width} values, got ${output.length}`);
  const out: Detection[] = [];
  const probs = new Float64Array(g.classes + 1);
  for (let i = 0; i < n; i++) {
    const c = stepCentre(i, g.stride);
    if (c >= length) break;
    const row = i * width;
    let max = -Infinity;
    for (let k = 0; k <= g.classes; k++) max = Math.max(max, output[row + k]!);
    let sum = 0;
    for (let k = 0; k <= g.classes; k++) sum += probs[k] = Math.exp(output[row + k]! - max);
    const start = Math.max(0, c - softplus(output[row + g.classes + 1]!) * g.scale);
    const end = Math.min(length, c + softplus(output[row + g.classes + 2]!) * g.scale);
    if (end <= start) continue;
    for (let k = 0; k < g.classes; k++) {
      const score = probs[k]! / sum;
      if (score >= minScore) out.push({ start, end, label: k, score });
    }
  }
  return out;
}

/** Detections of one sequence: candidates, per-class NMS, the top K. */
export function decode(output: ArrayLike<number>, g: DetectorGeometry, options: DecodeOptions): Detection[] {
  const { length, minScore = 0.05, iou = 0.5, sigma = 0.5, topK = 100 } = options;
  const all = candidates(output, g, length, minScore);
  const method = options.nms ?? 'soft';
  const kept = method === 'hard' ? nms(all, iou) : method === 'soft' ? softNms(all, { sigma, minScore: minScore * 0.1 }) : [...all].sort((a, b) => b.score - a.score);
  return kept.slice(0, topK);
}
