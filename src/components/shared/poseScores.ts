/**
 * Chapter 1's two trained keypoint models and how the figures query them.
 * Both read a stick figure's 17 joints per frame (a T×17×1×3 input, from the
 * library's keypointDataset), not its pixels. The single-frame model has no
 * temporal kernel and averages over time, so its score for one frame is the
 * model run on a clip made of that frame repeated T times; a unit test holds
 * this to a one-frame build of the same model. tfjs is only a type here: the
 * caller passes the runtime's tf, so importing this module loads no tfjs.
 */
import type * as TF from '@tensorflow/tfjs-core';
import type { VideoModel } from '../../lib/video-nn/models/model';
import { KEYPOINTS, STICK_ACTIONS, keypointDataset, stickFigures, type KeypointClip } from '../../lib/video-nn/data';

/** ST-GCN-tiny with temporal kernel 1: a pose classifier applied frame by frame. */
export const SINGLE_FRAME_MODEL = 'stick_pose_single_frame';
/** ST-GCN-tiny with temporal kernel 5: sees how the joints move. */
export const TEMPORAL_MODEL = 'stick_stgcn';
export const MODEL_LABELS: Record<string, string> = {
  [SINGLE_FRAME_MODEL]: 'the single-frame pose model',
  [TEMPORAL_MODEL]: 'the temporal model (ST-GCN)',
};

export const POSE_FRAMES = 16;
export const POSE_SIZE = 32;
export const POSE_CLASSES: readonly string[] = STICK_ACTIONS;
/** Values in one frame of the model input: 17 joints × (x, y, confidence). */
const FRAME_VALUES = KEYPOINTS * 3;

const dataset = keypointDataset(stickFigures({ seed: 0, frames: POSE_FRAMES, size: POSE_SIZE }));

/**
 * The performance drawn from `seed` as action `label`: its keypoint input and
 * (as `source`) the RGB clip they came from. Only the action depends on the
 * label, so two labels with one seed are the same person in the same scene.
 */
export function poseClip(seed: number, label: number): KeypointClip {
  return dataset.sample(seed, label);
}

/** A clip made of frame `t` of `input` repeated `frames` times. */
export function repeatFrame(input: Float32Array, t: number, frames = POSE_FRAMES): Float32Array {
  if (input.length !== frames * FRAME_VALUES) throw new Error(`expected ${frames}×17×1×3 keypoint values, got ${input.length}`);
  if (!Number.isInteger(t) || t < 0 || t >= frames) throw new Error(`frame must be an integer in [0, ${frames}), got ${t}`);
  const frame = input.subarray(t * FRAME_VALUES, (t + 1) * FRAME_VALUES);
  const out = new Float32Array(input.length);
  for (let k = 0; k < frames; k++) out.set(frame, k * FRAME_VALUES);
  return out;
}

/** A batch of `frames` clips: clip t is frame t repeated (what the per-frame scores are computed on). */
export function perFrameBatch(input: Float32Array, frames = POSE_FRAMES): Float32Array {
  const out = new Float32Array(frames * input.length);
  for (let t = 0; t < frames; t++) out.set(repeatFrame(input, t, frames), t * input.length);
  return out;
}

/** The element-wise mean of equal-length rows (the clip average of per-frame probabilities). */
export function meanRows(rows: readonly ArrayLike<number>[]): Float32Array {
  if (rows.length === 0) throw new Error('meanRows: no rows');
  const n = rows[0]!.length;
  const sum = new Float64Array(n);
  for (const row of rows) {
    if (row.length !== n) throw new Error(`meanRows: rows of ${n} and ${row.length} values`);
    for (let i = 0; i < n; i++) sum[i]! += row[i]!;
  }
  return Float32Array.from(sum, (s) => s / rows.length);
}

/** The model's softmax for each of `count` clips packed in `data` (count×T×17×1×3). */
export async function softmaxRows(tf: typeof TF, model: VideoModel, data: Float32Array, count: number): Promise<Float32Array[]> {
  const output = tf.tidy(() => tf.softmax(model.predict(tf.tensor(data, [count, ...model.inputShape], 'float32')) as TF.Tensor2D));
  try {
    const flat = (await output.data()) as Float32Array;
    const classes = flat.length / count;
    return Array.from({ length: count }, (_, i) => flat.slice(i * classes, (i + 1) * classes));
  } finally {
    output.dispose();
  }
}

/** The single-frame model's probabilities for every frame of `input` on its own. */
export function perFrameProbabilities(tf: typeof TF, model: VideoModel, input: Float32Array): Promise<Float32Array[]> {
  return softmaxRows(tf, model, perFrameBatch(input, model.inputShape[0]), model.inputShape[0]);
}
