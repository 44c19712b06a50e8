/**
 * Clip samplers: which frames of a length-T video a model sees. Pure index
 * math (every function returns frame indices in [0, T)), shared by training
 * and the sampler widgets; `gatherFrames` then copies those frames out of a
 * T×H×W×C clip.
 *
 * Conventions follow the reference implementations where they exist:
 * TSN's test-time offsets are ⌊tick/2 + tick·k⌋ with tick = T/K (as
 * mmaction2's SampleFrames with clip_len 1); SlowFast's pathways take every
 * τ-th frame from frame 0 (clip[::τ]).
 */
import { Rng } from './random';

function checkCount(name: string, value: number, min = 1): void {
  if (!Number.isInteger(value) || value < min) throw new Error(`samplers: ${name} must be an integer ≥ ${min}, got ${value}`);
}

/** Frames spanned by a clip of `length` frames taken every `stride`: (L − 1)·s + 1. */
export function clipSpan(length: number, stride = 1): number {
  return (length - 1) * stride + 1;
}

export interface UniformSegmentsOptions {
  /** 'test' (default): the centre of each segment. 'train': a random frame in each, from `seed`. */
  mode?: 'train' | 'test';
  seed?: number;
}

/**
 * TSN's segment sampling: split [0, T) into K equal segments and take one
 * frame from each. Segment k is [⌊kT/K⌋, ⌊(k+1)T/K⌋). When T < K, segments
 * are shorter than a frame and frames repeat.
 */
export function uniformSegments(frames: number, segments: number, options: UniformSegmentsOptions = {}): number[] {
  checkCount('frames', frames);
  checkCount('segments', segments);
  const tick = frames / segments;
  if (options.mode === 'train') {
    const rng = new Rng(options.seed ?? 0);
    return Array.from({ length: segments }, (_, k) => {
      const lo = Math.floor(k * tick);
      const hi = Math.max(lo, Math.floor((k + 1) * tick) - 1);
      return Math.min(frames - 1, rng.int(lo, hi));
    });
  }
  return Array.from({ length: segments }, (_, k) => Math.min(frames - 1, Math.floor(tick / 2 + tick * k)));
}

/**
 * A contiguous clip of `length` frames every `stride`, from a random start
 * (C3D, I3D training). The start is uniform over the positions where the clip
 * fits; if it does not fit, it starts at 0 and indices are clamped to the last
 * frame (the last frame repeats).
 */
export function randomStart(frames: number, length: number, stride = 1, seed = 0): number[] {
  checkCount('frames', frames);
  checkCount('length', length);
  checkCount('stride', stride);
  const slack = Math.max(0, frames - clipSpan(length, stride));
  const start = new Rng(seed).int(0, slack);
  return Array.from({ length }, (_, i) => Math.min(frames - 1, start + i * stride));
}

/**
 * Every window of `length` frames (every `stride`) whose start is a multiple
 * of `step` and which fits in the video. A video shorter than one window gives
 * one clamped window.
 */
export function denseClips(frames: number, length: number, step: number, stride = 1): number[][] {
  checkCount('frames', frames);
  checkCount('length', length);
  checkCount('step', step);
  checkCount('stride', stride);
  const span = clipSpan(length, stride);
  const out: number[][] = [];
  for (let start = 0; start + span <= frames || out.length === 0; start += step) {
    out.push(Array.from({ length }, (_, i) => Math.min(frames - 1, start + i * stride)));
    if (start + span > frames) break;
  }
  return out;
}

/**
 * K clips of `length` frames evenly spaced for testing (SlowFast, ViViT
 * multi-view): the first starts at frame 0, the last ends at the last frame,
 * starts are round(k·(T − span)/(K − 1)); a single clip is centred,
 * ⌊(T − span)/2⌋. Scores over the K clips are averaged by the caller.
 */
export function multiClip(frames: number, clips: number, length: number, stride = 1): number[][] {
  checkCount('frames', frames);
  checkCount('clips', clips);
  checkCount('length', length);
  checkCount('stride', stride);
  const slack = Math.max(0, frames - clipSpan(length, stride));
  return Array.from({ length: clips }, (_, k) => {
    const start = clips === 1 ? Math.floor(slack / 2) : Math.round((k * slack) / (clips - 1));
    return Array.from({ length }, (_, i) => Math.min(frames - 1, start + i * stride));
  });
}

/** Every `stride`-th frame from 0: clip[::stride]. */
export function strided(frames: number, stride: number): number[] {
  checkCount('frames', frames);
  checkCount('stride', stride);
  return Array.from({ length: Math.ceil(frames / stride) }, (_, i) => i * stride);
}

/**
 * SlowFast's two pathways over one clip of T frames: Slow takes every τ_slow-th
 * frame, Fast every τ_fast-th (α = τ_slow/τ_fast times as many). T = 64 with
 * strides 16 and 2 gives 4 and 32 frames; with 8 and 2, 8 and 32.
 */
export function slowFastPathways(frames: number, slowStride: number, fastStride: number): { slow: number[]; fast: number[]; alpha: number } {
  return { slow: strided(frames, slowStride), fast: strided(frames, fastStride), alpha: slowStride / fastStride };
}

/** Copies frames `indices` of a T×H×W×C clip into a new len(indices)×H×W×C array. */
export function gatherFrames(data: Float32Array, shape: readonly [number, number, number, number], indices: readonly number[]): Float32Array {
  const [t, h, w, c] = shape;
  const frameSize = h * w * c;
  if (data.length !== t * frameSize) throw new Error(`gatherFrames: data has ${data.length} values, shape ${shape.join('×')} needs ${t * frameSize}`);
  const out = new Float32Array(indices.length * frameSize);
  indices.forEach((f, i) => {
    if (!Number.isInteger(f) || f < 0 || f >= t) throw new Error(`gatherFrames: frame ${f} is outside [0, ${t})`);
    out.set(data.subarray(f * frameSize, (f + 1) * frameSize), i * frameSize);
  });
  return out;
}
