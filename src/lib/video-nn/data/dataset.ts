/**
 * What every procedural dataset shares: splits with disjoint seeds, random
 * access to clip i of a split, balanced labels, a descriptor for training
 * manifests, and batching into one Float32Array.
 *
 * Layout: a clip is T×H×W×C, channels last, float32 in [0, 1] — the layout
 * tfjs stores, so `tf.tensor(batch.data, batch.shape)` needs no transpose.
 */
import { mix32, deriveSeed, Rng, SALT } from './random';

export type Split = 'train' | 'validation' | 'test';
export const SPLITS: readonly Split[] = ['train', 'validation', 'test'];
const SPLIT_CODE: Record<Split, number> = { train: 0, validation: 1, test: 2 };

/** [frames, height, width, channels]. */
export type ClipShape = readonly [number, number, number, number];

export interface LabelledClip {
  /** T×H×W×C float32, channels last, values in [0, 1]. */
  data: Float32Array;
  shape: ClipShape;
  label: number;
  className: string;
  /** The seed this clip was generated from (`dataset.sample(seed, label)` regenerates it). */
  seed: number;
  /** T×17×3 COCO keypoints (x, y, confidence) in pixels, for datasets that have them. */
  keypoints?: Float32Array;
}

export interface DatasetDescriptor {
  id: string;
  /** Generator version: bumped whenever the same seed would give different bytes. */
  version: string;
  classes: readonly string[];
  clipShape: ClipShape;
  /** The dataset seed the splits are derived from. */
  seed: number;
  /** [T, 17, 3] when clips carry keypoints. */
  keypointShape?: readonly [number, number, number];
}

export interface ClipDataset<C extends LabelledClip = LabelledClip> {
  descriptor: DatasetDescriptor;
  /** Clip `index` of `split`: reproducible on its own, without generating the others. */
  clip(split: Split, index: number): C;
  /** A clip of class `label` from an explicit seed (widgets, tests). */
  sample(seed: number, label: number): C;
}

const MAX_INDEX = 2 ** 30;

function checkIndex(index: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= MAX_INDEX) {
    throw new Error(`dataset: index must be an integer in [0, 2^30), got ${index}`);
  }
}

/**
 * The seed of clip `index` of `split`. The key (split code · 2^30 + index) goes
 * through a chain of bijections keyed by the dataset seed, so within one
 * dataset no two (split, index) pairs share a seed: the splits are disjoint by
 * construction, not merely with high probability.
 */
export function clipSeed(datasetSeed: number, split: Split, index: number): number {
  checkIndex(index);
  const key = (SPLIT_CODE[split] * MAX_INDEX + index) >>> 0;
  const a = mix32((datasetSeed ^ 0x85ebca6b) >>> 0);
  const b = mix32((datasetSeed ^ 0xc2b2ae35) >>> 0);
  return mix32((mix32((key ^ a) >>> 0) + b) >>> 0);
}

/**
 * The label of clip `index`: each aligned block of `classes` consecutive
 * indices holds every class exactly once, in a seeded random order. So any
 * batch starting at a multiple of the class count is exactly balanced, and
 * labels still look random in index order.
 */
export function clipLabel(datasetSeed: number, split: Split, index: number, classes: number): number {
  checkIndex(index);
  const block = Math.floor(index / classes);
  const order = new Rng(deriveSeed(datasetSeed, SALT.labels, SPLIT_CODE[split], block)).shuffle(
    Array.from({ length: classes }, (_, i) => i),
  );
  return order[index % classes]!;
}

export function makeDataset<C extends LabelledClip>(
  descriptor: DatasetDescriptor,
  generate: (seed: number, label: number) => C,
): ClipDataset<C> {
  const classes = descriptor.classes.length;
  const sample = (seed: number, label: number): C => {
    if (!Number.isInteger(label) || label < 0 || label >= classes) {
      throw new Error(`${descriptor.id}: label must be an integer in [0, ${classes}), got ${label}`);
    }
    return generate(seed >>> 0, label);
  };
  return {
    descriptor,
    sample,
    clip: (split, index) =>
      sample(clipSeed(descriptor.seed, split, index), clipLabel(descriptor.seed, split, index, classes)),
  };
}

export interface BatchOptions {
  split: Split;
  start: number;
  count: number;
}

export interface Batch {
  /** N×T×H×W×C. */
  data: Float32Array;
  shape: readonly [number, number, number, number, number];
  labels: Int32Array;
  /** N×T×17×3 when the dataset's clips carry keypoints. */
  keypoints?: Float32Array;
}

/** Clips `start … start+count−1` of a split, packed for a tfjs tensor. */
export function batch(dataset: ClipDataset, { split, start, count }: BatchOptions): Batch {
  if (!Number.isInteger(count) || count < 1) throw new Error(`batch: count must be a positive integer, got ${count}`);
  const [t, h, w, c] = dataset.descriptor.clipShape;
  const clipSize = t * h * w * c;
  const data = new Float32Array(count * clipSize);
  const labels = new Int32Array(count);
  const kpShape = dataset.descriptor.keypointShape;
  const kpSize = kpShape ? kpShape[0] * kpShape[1] * kpShape[2] : 0;
  const keypoints = kpShape ? new Float32Array(count * kpSize) : undefined;
  for (let n = 0; n < count; n++) {
    const clip = dataset.clip(split, start + n);
    data.set(clip.data, n * clipSize);
    labels[n] = clip.label;
    if (keypoints && clip.keypoints) keypoints.set(clip.keypoints, n * kpSize);
  }
  const out: Batch = { data, shape: [count, t, h, w, c], labels };
  if (keypoints) out.keypoints = keypoints;
  return out;
}

/** Validates the shared generator options. */
export function checkClipOptions(id: string, frames: number, size: number): void {
  if (!Number.isInteger(frames) || frames < 2 || frames > 1024) throw new Error(`${id}: frames must be an integer in [2, 1024], got ${frames}`);
  if (!Number.isInteger(size) || size < 8 || size > 512) throw new Error(`${id}: size must be an integer in [8, 512], got ${size}`);
}

/** The frame whose content is class-independent by design: ⌊T/2⌋. */
export function middleFrame(frames: number): number {
  return Math.floor(frames / 2);
}
