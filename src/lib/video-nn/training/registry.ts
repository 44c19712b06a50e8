/**
 * The trainable models: each id maps to a tiny spec, its dataset and default
 * training settings. The spec's id is set to the model id, so a weight file
 * can only be loaded into the model it was trained as. Pure library code (no
 * fs, no tfjs): the browser rebuilds a shipped model's spec from here, and
 * `npm run train` (scripts/train/registry.ts) trains from it.
 */
import { motionDirection, type ClipDataset } from '../data';
import { fusion } from '../spec/teaching';
import type { ModelSpec } from '../spec/types';

export interface TrainDefaults {
  epochs: number;
  trainClips: number;
  validationClips: number;
  testClips: number;
  batchSize: number;
  learningRate: number;
  patience: number;
  /** Dataset seed: train, validation and test are its disjoint splits. */
  dataSeed: number;
}

export interface TrainableModel {
  id: string;
  title: string;
  /** True when the model sees only single frames (it should sit at chance on motion direction). */
  temporal: boolean;
  spec: () => ModelSpec;
  dataset: (seed: number) => ClipDataset;
  defaults: TrainDefaults;
}

const FRAMES = 16;
const SIZE = 32;
const CLIP = { channels: 3, frames: FRAMES, height: SIZE, width: SIZE };
const motion2 = (seed: number) => motionDirection({ seed, frames: FRAMES, size: SIZE, classes: 2 });
const MOTION_DEFAULTS: TrainDefaults = {
  epochs: 8, trainClips: 384, validationClips: 64, testClips: 512, batchSize: 16, learningRate: 0.003, patience: 3, dataSeed: 2604,
};

export const TRAINABLE: readonly TrainableModel[] = [
  {
    id: 'motion_single_frame',
    title: 'Single-frame 2-D CNN on motion direction (scores averaged over frames)',
    temporal: false,
    // Per-frame convs; the global pool averages over frames too, and since the
    // classifier is linear that is the same as averaging the per-frame scores.
    spec: () => ({ ...fusion({ kind: 'single', widths: [8, 16], numClasses: 2, input: CLIP }), id: 'motion_single_frame' }),
    dataset: motion2,
    defaults: MOTION_DEFAULTS,
  },
  {
    id: 'motion_slow_fusion',
    title: 'Slow-fusion 3-D CNN on motion direction',
    temporal: true,
    spec: () => ({ ...fusion({ kind: 'slow', widths: [8, 16], numClasses: 2, input: CLIP }), id: 'motion_slow_fusion' }),
    dataset: motion2,
    defaults: MOTION_DEFAULTS,
  },
];

export function findTrainable(id: string): TrainableModel | undefined {
  return TRAINABLE.find((m) => m.id === id);
}
