/**
 * The trainable models: each id maps to a tiny spec, its dataset and default
 * training settings. The spec's id is set to the model id, so a weight file
 * can only be loaded into the model it was trained as. Pure library code (no
 * fs, no tfjs): the browser rebuilds a shipped model's spec from here, and
 * `npm run train` (scripts/train/registry.ts) trains from it.
 */
import { DETECTORS } from '../detection/registry';
import { keypointDataset, motionDirection, somethingLite, stickFigures, type ClipDataset, type StreamInput } from '../data';
import { inflateSpec, type InflateSpecOptions } from '../spec/inflate';
import { fusion } from '../spec/teaching';
import { c3dTiny, earlyFusionTiny, lateFusionTiny, r2plus1dTiny, singleFrameTiny, slowFastTiny, stGcnTiny, tsmTiny, type TinyOptions } from '../spec/tinyTrained';
import { timesformer } from '../spec/timesformer';
import type { ClipShape, ModelSpec } from '../spec/types';
import type { LearningRateSchedule } from './loop';

export interface TrainDefaults {
  epochs: number;
  trainClips: number;
  validationClips: number;
  testClips: number;
  batchSize: number;
  learningRate: number;
  /** Default 'constant'. */
  schedule?: LearningRateSchedule;
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
  /**
   * Start from another shipped model's weights instead of a random init.
   * 'inflate': I3D-tiny inflates the trained single-frame model, is evaluated
   * as inflated, then fine-tuned. 'transfer': every weight whose name and
   * shape match is copied (the classifier, sized for other classes, starts
   * fresh) — pre-training on an easier motion task, as video models start
   * from Kinetics.
   */
  init?: { from: string; inflate: InflateSpecOptions } | { from: string; transfer: true };
  /** What the model sees of `dataset`'s clips (training/modelInput.ts); absent: the clips themselves. */
  input?: StreamInput;
  /**
   * A two-stream network's temporal stream names its spatial stream: after
   * training, the two are fused (softmax averaged with a weight chosen on
   * validation) and the manifest records spatial, temporal and fused accuracy.
   */
  fuseWith?: string;
}

const FRAMES = 16;
const SIZE = 32;
const CLIP = { channels: 3, frames: FRAMES, height: SIZE, width: SIZE };
const motion2 = (seed: number) => motionDirection({ seed, frames: FRAMES, size: SIZE, classes: 2 });
const MOTION_DEFAULTS: TrainDefaults = {
  epochs: 8, trainClips: 384, validationClips: 64, testClips: 512, batchSize: 16, learningRate: 0.003, patience: 3, dataSeed: 2604,
};

const TRAINABLE_LIST: TrainableModel[] = [
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
export const TRAINABLE: readonly TrainableModel[] = TRAINABLE_LIST;

// Something-Something-lite: 9 classes at 3×8×32×32. Batches of 18 hold each class twice.
const SS_CLIP: ClipShape = { channels: 3, frames: 8, height: 32, width: 32 };
const ssLite = (seed: number) => somethingLite({ seed, frames: 8, size: 32 });
const SS_DEFAULTS: TrainDefaults = {
  epochs: 12, trainClips: 1800, validationClips: 270, testClips: 900, batchSize: 18, learningRate: 0.003, patience: 3, dataSeed: 2611,
};
// I3D's rule (k×k → k×k×k) on all three convs, without temporal padding so inflation is exact on a static clip.
const I3D_INFLATION: InflateSpecOptions = { kt: 3, temporalPadding: 'valid' };
const ss = (id: string, title: string): TinyOptions => ({ id, title, input: SS_CLIP, numClasses: 9 });

// Stick figures: 8 actions at 3×16×32×32 (RGB) or 16×17 joints (keypoints), the same performances.
const STICK_CLIP: ClipShape = { channels: 3, frames: 16, height: 32, width: 32 };
const stickRgb = (seed: number) => stickFigures({ seed, frames: 16, size: 32 });
const STICK_DEFAULTS: TrainDefaults = {
  epochs: 10, trainClips: 1280, validationClips: 256, testClips: 800, batchSize: 16, learningRate: 0.003, patience: 3, dataSeed: 2612,
};
const stick = (id: string, title: string): TinyOptions => ({ id, title, input: STICK_CLIP, numClasses: 8 });

// Motion direction, 4 classes, at the Something-Something-lite clip size: the fusion designs
// on the task where only the order of frames tells the classes apart.
const motion4 = (seed: number) => motionDirection({ seed, frames: 8, size: 32, classes: 4 });
const MOTION4_DEFAULTS: TrainDefaults = {
  epochs: 6, trainClips: 640, validationClips: 128, testClips: 512, batchSize: 16, learningRate: 0.003, patience: 2, dataSeed: 2613,
};
const m4 = (id: string, title: string): TinyOptions => ({ id, title, input: SS_CLIP, numClasses: 4 });

TRAINABLE_LIST.push(
  { id: 'motion4_single_frame', title: 'Single-frame 2-D CNN on 4-way motion direction (scores averaged over frames)', temporal: false, spec: () => singleFrameTiny(m4('motion4_single_frame', 'Single frame')), dataset: motion4, defaults: MOTION4_DEFAULTS },
  { id: 'motion4_late_fusion', title: 'Late fusion on 4-way motion direction', temporal: true, spec: () => lateFusionTiny(m4('motion4_late_fusion', 'Late fusion')), dataset: motion4, defaults: MOTION4_DEFAULTS },
  { id: 'motion4_early_fusion', title: 'Early fusion on 4-way motion direction', temporal: true, spec: () => earlyFusionTiny(m4('motion4_early_fusion', 'Early fusion')), dataset: motion4, defaults: MOTION4_DEFAULTS },
  { id: 'motion4_c3d', title: 'Slow fusion / C3D-tiny on 4-way motion direction', temporal: true, spec: () => c3dTiny(m4('motion4_c3d', 'C3D-tiny (slow fusion)')), dataset: motion4, defaults: MOTION4_DEFAULTS },
  { id: 'motion4_r2plus1d', title: 'R(2+1)D-tiny on 4-way motion direction', temporal: true, spec: () => r2plus1dTiny(m4('motion4_r2plus1d', 'R(2+1)D-tiny')), dataset: motion4, defaults: MOTION4_DEFAULTS },
  { id: 'motion4_tsm', title: 'TSM-tiny on 4-way motion direction', temporal: true, spec: () => tsmTiny(m4('motion4_tsm', 'TSM-tiny')), dataset: motion4, defaults: MOTION4_DEFAULTS },
  {
    id: 'motion4_i3d', title: 'I3D-tiny on 4-way motion direction (inflated from the single-frame model, then fine-tuned)', temporal: true,
    spec: () => ({ ...inflateSpec(singleFrameTiny(m4('motion4_single_frame', 'Single frame')), I3D_INFLATION), id: 'motion4_i3d', title: 'I3D-tiny (inflated)' }),
    dataset: motion4, defaults: MOTION4_DEFAULTS, init: { from: 'motion4_single_frame', inflate: I3D_INFLATION },
  },
  { id: 'ss_single_frame', title: 'Single-frame 2-D CNN on Something-Something-lite (scores averaged over frames)', temporal: false, spec: () => singleFrameTiny(ss('ss_single_frame', 'Single frame')), dataset: ssLite, defaults: SS_DEFAULTS },
  {
    id: 'ss_late_fusion', title: 'Late fusion on Something-Something-lite (pre-trained on 4-way motion direction)', temporal: true,
    spec: () => lateFusionTiny(ss('ss_late_fusion', 'Late fusion')), dataset: ssLite, defaults: SS_DEFAULTS, init: { from: 'motion4_late_fusion', transfer: true },
  },
  {
    id: 'ss_early_fusion', title: 'Early fusion on Something-Something-lite (pre-trained on 4-way motion direction)', temporal: true,
    spec: () => earlyFusionTiny(ss('ss_early_fusion', 'Early fusion')), dataset: ssLite, defaults: SS_DEFAULTS, init: { from: 'motion4_early_fusion', transfer: true },
  },
  {
    id: 'ss_c3d', title: 'Slow fusion / C3D-tiny on Something-Something-lite (pre-trained on 4-way motion direction)', temporal: true,
    spec: () => c3dTiny(ss('ss_c3d', 'C3D-tiny (slow fusion)')), dataset: ssLite, defaults: SS_DEFAULTS, init: { from: 'motion4_c3d', transfer: true },
  },
  {
    id: 'ss_r2plus1d', title: 'R(2+1)D-tiny on Something-Something-lite (pre-trained on 4-way motion direction)', temporal: true,
    spec: () => r2plus1dTiny(ss('ss_r2plus1d', 'R(2+1)D-tiny')), dataset: ssLite, defaults: { ...SS_DEFAULTS, schedule: 'cosine', patience: 12 }, init: { from: 'motion4_r2plus1d', transfer: true },
  },
  {
    id: 'ss_i3d', title: 'I3D-tiny on Something-Something-lite (inflated from the single-frame model, then fine-tuned)', temporal: true,
    spec: () => ({ ...inflateSpec(singleFrameTiny(ss('ss_single_frame', 'Single frame')), I3D_INFLATION), id: 'ss_i3d', title: 'I3D-tiny (inflated)' }),
    dataset: ssLite, defaults: SS_DEFAULTS, init: { from: 'ss_single_frame', inflate: I3D_INFLATION },
  },
  {
    id: 'ss_tsm', title: 'TSM-tiny on Something-Something-lite (pre-trained on 4-way motion direction)', temporal: true,
    spec: () => tsmTiny(ss('ss_tsm', 'TSM-tiny')), dataset: ssLite, defaults: SS_DEFAULTS, init: { from: 'motion4_tsm', transfer: true },
  },
  { id: 'ss_slowfast', title: 'SlowFast-tiny on Something-Something-lite (α = 4)', temporal: true, spec: () => slowFastTiny({ ...ss('ss_slowfast', 'SlowFast-tiny'), alpha: 4 }), dataset: ssLite, defaults: SS_DEFAULTS },
  {
    id: 'ss_timesformer', title: 'TimeSformer-tiny (divided space-time attention) on Something-Something-lite', temporal: true,
    spec: () => ({ ...timesformer({ frames: 8, crop: 32, patch: 8, width: 32, depth: 2, heads: 2, numClasses: 9 }), id: 'ss_timesformer', title: 'TimeSformer-tiny' }),
    dataset: ssLite, defaults: { ...SS_DEFAULTS, learningRate: 0.001 },
  },
  { id: 'stick_single_frame', title: 'Single-frame 2-D CNN on stick-figure actions', temporal: false, spec: () => singleFrameTiny(stick('stick_single_frame', 'Single frame (stick figures)')), dataset: stickRgb, defaults: STICK_DEFAULTS },
  { id: 'stick_c3d', title: '3-D CNN (C3D-tiny) on stick-figure actions', temporal: true, spec: () => c3dTiny({ ...stick('stick_c3d', 'C3D-tiny (stick figures)'), firstTimeStride: 2 }), dataset: stickRgb, defaults: STICK_DEFAULTS, init: { from: 'motion4_c3d', transfer: true } },
  {
    id: 'stick_stgcn', title: 'ST-GCN-tiny on stick-figure keypoints', temporal: true,
    spec: () => stGcnTiny({ id: 'stick_stgcn', title: 'ST-GCN-tiny', input: { channels: 3, frames: 16, height: 17, width: 1 }, numClasses: 8 }),
    dataset: (seed) => keypointDataset(stickRgb(seed)), defaults: STICK_DEFAULTS,
  },
  {
    id: 'stick_pose_single_frame', title: 'Single-frame pose classifier on stick-figure keypoints (ST-GCN-tiny with no temporal kernel; scores averaged over frames)', temporal: false,
    spec: () => stGcnTiny({ id: 'stick_pose_single_frame', title: 'Single-frame pose model', input: { channels: 3, frames: 16, height: 17, width: 1 }, numClasses: 8, temporalKernel: 1 }),
    dataset: (seed) => keypointDataset(stickRgb(seed)), defaults: STICK_DEFAULTS,
  },
);

// Two-stream networks (Simonyan & Zisserman 2014): a spatial stream on the middle RGB frame and a
// temporal stream on L = 7 stacked flow fields (every consecutive pair of the 8 frames: 14 channels),
// both the single-frame 2-D design. The flow is this project's TV-L1 at 3 warps × 15 iterations.
// Fewer test clips than the other models: each needs 7 flow fields when a test regenerates it.
const FLOW_INPUT: StreamInput = { kind: 'flow', flows: 7, options: { warps: 3, iterations: 15 } };
const oneFrame = (c: ClipShape, channels: number): ClipShape => ({ ...c, frames: 1, channels });
TRAINABLE_LIST.push(
  {
    id: 'motion4_spatial', title: 'Two-stream: spatial stream (middle RGB frame) on 4-way motion direction', temporal: false,
    spec: () => singleFrameTiny({ ...m4('motion4_spatial', 'Spatial stream'), input: oneFrame(SS_CLIP, 3) }),
    dataset: motion4, defaults: { ...MOTION4_DEFAULTS, testClips: 256 }, input: { kind: 'middle-frame' },
  },
  {
    id: 'motion4_temporal', title: 'Two-stream: temporal stream (7 stacked flow fields) on 4-way motion direction', temporal: true,
    spec: () => singleFrameTiny({ ...m4('motion4_temporal', 'Temporal stream'), input: oneFrame(SS_CLIP, 14) }),
    dataset: motion4, defaults: { ...MOTION4_DEFAULTS, testClips: 256 }, input: FLOW_INPUT, fuseWith: 'motion4_spatial',
  },
  {
    id: 'ss_spatial', title: 'Two-stream: spatial stream (middle RGB frame) on Something-Something-lite', temporal: false,
    spec: () => singleFrameTiny({ ...ss('ss_spatial', 'Spatial stream'), input: oneFrame(SS_CLIP, 3) }),
    dataset: ssLite, defaults: { ...SS_DEFAULTS, testClips: 450 }, input: { kind: 'middle-frame' },
  },
  {
    id: 'ss_temporal', title: 'Two-stream: temporal stream (7 stacked flow fields) on Something-Something-lite', temporal: true,
    spec: () => singleFrameTiny({ ...ss('ss_temporal', 'Temporal stream'), input: oneFrame(SS_CLIP, 14) }),
    dataset: ssLite, defaults: { ...SS_DEFAULTS, testClips: 450 }, input: FLOW_INPUT, fuseWith: 'ss_spatial',
  },
);

export function findTrainable(id: string): TrainableModel | undefined {
  return TRAINABLE.find((m) => m.id === id) ?? DETECTORS.find((m) => m.id === id);
}
