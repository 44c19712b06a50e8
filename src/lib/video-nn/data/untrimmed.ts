/**
 * Untrimmed sequences for temporal action detection: one stick figure over
 * 256–512 frames, standing idle (with a small sway) except during 1–5
 * labelled, non-overlapping action segments. Segment ends are exclusive.
 *
 * Inside a segment the pose blends from idle into the action over the first
 * frames and back over the last ones, so boundaries look like a person
 * starting and stopping, not like a cut.
 */
import { clipSeed, type Split } from './dataset';
import { deriveSeed, Rng, SALT } from './random';
import { prepareBackground } from './raster';
import { actionPose, blendPoses, POSE_SIZE, restPose, STICK_ACTIONS, type ActionTiming } from './skeletonPose';
import { KEYPOINTS, randomBody, randomStickScene, randomTiming, renderFigureFrame } from './stickFigures';

export const UNTRIMMED_VERSION = '1';

export interface UntrimmedOptions {
  seed: number;
  size?: number;
  minLength?: number;
  maxLength?: number;
  /** At most this many segments (at least one). Default 5. */
  maxSegments?: number;
  minSegment?: number;
  maxSegment?: number;
  /** Idle frames required before, between and after segments. Default 8. */
  minGap?: number;
}

export interface Segment {
  start: number;
  /** Exclusive. */
  end: number;
  label: number;
  className: string;
}

export interface UntrimmedSequence {
  /** L×H×W×3, values in [0, 1]. */
  data: Float32Array;
  shape: readonly [number, number, number, number];
  /** Sorted by start, non-overlapping. */
  segments: Segment[];
  /** Per frame: the segment's class, or −1 for no action. */
  frameLabels: Int32Array;
  /** L×17×3 COCO keypoints (x, y, confidence), pixels. */
  keypoints: Float32Array;
  seed: number;
}

type Layout = Required<Omit<UntrimmedOptions, 'seed'>>;

const DEFAULTS: Layout = { size: 32, minLength: 256, maxLength: 512, maxSegments: 5, minSegment: 16, maxSegment: 64, minGap: 8 };

function resolve(options: Omit<UntrimmedOptions, 'seed'>): Layout {
  const o = { ...DEFAULTS };
  for (const [k, v] of Object.entries(options)) if (v !== undefined) o[k as keyof Layout] = v;
  const ints = Object.entries(o).every(([, v]) => Number.isInteger(v) && v > 0);
  if (!ints || o.minLength > o.maxLength || o.minSegment > o.maxSegment) throw new Error(`untrimmed: bad options ${JSON.stringify(o)}`);
  if (o.minLength < o.maxSegments * o.minSegment + (o.maxSegments + 1) * o.minGap) {
    throw new Error(`untrimmed: minLength ${o.minLength} cannot hold ${o.maxSegments} segments of ${o.minSegment} frames with gaps of ${o.minGap}`);
  }
  return o;
}

/** Segment layout: lengths first, then the spare idle frames spread over the k+1 gaps at random. */
function layout(rng: Rng, o: Layout): { length: number; segments: Segment[] } {
  const length = rng.int(o.minLength, o.maxLength);
  const k = rng.int(1, o.maxSegments);
  const longest = Math.min(o.maxSegment, Math.floor((length - (k + 1) * o.minGap) / k));
  const lengths = Array.from({ length: k }, () => rng.int(o.minSegment, longest));
  const spare = length - lengths.reduce((a, b) => a + b, 0) - (k + 1) * o.minGap;
  const cuts = Array.from({ length: k }, () => rng.int(0, spare)).sort((a, b) => a - b);
  const segments: Segment[] = [];
  let at = 0;
  let prevCut = 0;
  for (let i = 0; i < k; i++) {
    at += o.minGap + cuts[i]! - prevCut;
    prevCut = cuts[i]!;
    const label = rng.int(0, STICK_ACTIONS.length - 1);
    segments.push({ start: at, end: at + lengths[i]!, label, className: STICK_ACTIONS[label]! });
    at += lengths[i]!;
  }
  return { length, segments };
}

export function generateUntrimmed(seed: number, options: Omit<UntrimmedOptions, 'seed'> = {}): UntrimmedSequence {
  const o = resolve(options);
  const size = o.size;
  const { length, segments } = layout(new Rng(deriveSeed(seed, SALT.motion)), o);
  const rng = new Rng(deriveSeed(seed, SALT.scene));
  const body = randomBody(rng, size);
  const scene = randomStickScene(rng, size, body.height);
  const timings: ActionTiming[] = segments.map(() => randomTiming(rng));
  const frameSize = size * size * 3;
  const data = new Float32Array(length * frameSize);
  const keypoints = new Float32Array(length * KEYPOINTS * 3);
  const frameLabels = new Int32Array(length).fill(-1);
  const idle = restPose();
  const act = new Float64Array(POSE_SIZE);
  const pose = new Float64Array(POSE_SIZE);
  const ramp = 4;
  const bg = prepareBackground(scene.background, size);
  let s = 0;
  for (let t = 0; t < length; t++) {
    while (s < segments.length && segments[s]!.end <= t) s++;
    const seg = segments[s];
    if (seg && t >= seg.start) {
      frameLabels[t] = seg.label;
      const timing = timings[s]!;
      // τ starts at −7 so that point's rise (τ ∈ [−7, −2]) begins with the segment.
      actionPose(seg.className as (typeof STICK_ACTIONS)[number], (t - seg.start) * timing.speed - 7, timing, body.side, act);
      const w = Math.min(1, (t - seg.start + 1) / ramp, (seg.end - t) / ramp);
      blendPoses(idle, act, w * w * (3 - 2 * w), pose);
    } else pose.set(idle);
    renderFigureFrame({ data, keypoints, t, size, body, pose, scene, background: bg, seed });
  }
  return { data, shape: [length, size, size, 3], segments, frameLabels, keypoints, seed };
}

export interface UntrimmedDescriptor {
  id: string;
  version: string;
  classes: readonly string[];
  seed: number;
  options: Layout;
}

export interface UntrimmedDataset {
  descriptor: UntrimmedDescriptor;
  /** Sequence `index` of `split`, with the same disjoint split seeds as the clip datasets. */
  sequence(split: Split, index: number): UntrimmedSequence;
  sample(seed: number): UntrimmedSequence;
}

export function untrimmed(options: UntrimmedOptions): UntrimmedDataset {
  const { seed, ...rest } = options;
  const o = resolve(rest);
  const sample = (s: number) => generateUntrimmed(s >>> 0, o);
  return {
    descriptor: { id: 'untrimmed-stick-figures', version: UNTRIMMED_VERSION, classes: STICK_ACTIONS, seed: seed >>> 0, options: o },
    sample,
    sequence: (split, index) => sample(clipSeed(seed >>> 0, split, index)),
  };
}
