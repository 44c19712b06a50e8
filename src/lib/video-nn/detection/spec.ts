/**
 * The temporal action detector as a spec (decision 12's skeleton layout, so
 * analyze() counts it and build() runs it): the input is a sequence of
 * `frames` skeletons, 3 × frames × 17 × 1 (x/size, y/size, confidence per joint).
 *
 * - `embed`: a conv3d with kernel [k, 17, 1] collapses the joints (as a 1-D
 *   conv over time on 51 features would) → width × frames × 1 × 1;
 * - `down1`, `down2`: temporal convs with stride 2 → one step per 4 frames;
 * - `temporal1 … temporalN`: temporal convs [k, 1, 1], padding (k − 1)/2,
 *   widening the receptive field so a step sees both ends of a segment;
 * - every hidden conv is followed by batch norm (optional) and a ReLU;
 * - `head`: a 1×1×1 conv → (classes + 1 + 2) channels per step: action logits,
 *   a background logit, distances to the start and the end.
 * No pooling over time: the output keeps one vector per step.
 */
import type { Conv3dLayer, Layer, ModelSpec } from '../spec/types';
import type { DetectorGeometry } from './targets';

export interface DetectorSpecOptions {
  id: string;
  title: string;
  /** Padded sequence length; default 512. */
  frames?: number;
  /** Channels of every hidden layer; default 32. */
  width?: number;
  /** Temporal convs after the downsampling; default 4. */
  depth?: number;
  /** Temporal kernel of those convs; default 5. */
  kernel?: number;
  /** Temporal kernel of the joint-collapsing embedding; default 3. */
  embedKernel?: number;
  /** Batch norm after every hidden conv (the convs then have no bias); default true. */
  batchNorm?: boolean;
  classes?: number;
  joints?: number;
}

export const DETECTOR_STRIDE = 4;

export function temporalDetector(options: DetectorSpecOptions): ModelSpec {
  const { id, title, frames = 512, width = 32, depth = 4, kernel = 5, embedKernel = 3, batchNorm = true, classes = 8, joints = 17 } = options;
  if (frames % DETECTOR_STRIDE !== 0) throw new Error(`temporalDetector: frames (${frames}) must be a multiple of ${DETECTOR_STRIDE}`);
  const layers: Layer[] = [];
  const conv = (name: string, inChannels: number, kernelT: number, extra: Partial<Conv3dLayer> = {}, kh = 1) => {
    layers.push({ kind: 'conv3d', name, inChannels, outChannels: width, kernel: [kernelT, kh, 1], padding: [(kernelT - 1) / 2, 0, 0], bias: !batchNorm, ...extra });
    if (batchNorm) layers.push({ kind: 'batchNorm3d', name: `${name}.bn`, channels: width });
    layers.push({ kind: 'relu', name: `${name}.relu` });
  };
  conv('embed', 3, embedKernel, {}, joints);
  conv('down1', width, 3, { stride: [2, 1, 1] });
  conv('down2', width, 3, { stride: [2, 1, 1] });
  for (let i = 1; i <= depth; i++) conv(`temporal${i}`, width, kernel);
  layers.push({ kind: 'conv3d', name: 'head', inChannels: width, outChannels: classes + 3, kernel: [1, 1, 1], bias: true });
  return { id, title, defaultInput: { channels: 3, frames, height: joints, width: 1 }, layers };
}

/** The geometry decode() and the targets need, read off a detector spec. */
export function detectorGeometry(spec: ModelSpec, scale = 16): DetectorGeometry {
  const head = spec.layers[spec.layers.length - 1];
  if (!head || head.kind !== 'conv3d' || head.name !== 'head') throw new Error(`${spec.id}: not a temporal detector spec (its last layer is not the conv head)`);
  return { frames: spec.defaultInput.frames, stride: DETECTOR_STRIDE, classes: head.outChannels - 3, scale };
}
