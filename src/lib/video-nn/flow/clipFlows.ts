/**
 * A two-stream temporal stream's input (Simonyan & Zisserman 2014): the
 * optical flow between consecutive frames of a clip, computed with this
 * engine, stacked into 2L channels (u, v of each flow in time order; see
 * stack.ts). As a dataset, the flow of each clip is computed once and kept,
 * since training visits every clip once per epoch.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ClipDataset, LabelledClip, Split } from '../data/dataset';
import { deriveDataset, flowPairs, type DerivedClip } from '../data/streams';
import { stackFlows } from './stack';
import { opticalFlow, type FlowOptions } from './tvl1';

export interface FlowStackOptions {
  /** L, the number of consecutive flow fields (2L channels). */
  flows: number;
  options?: FlowOptions;
}

/** The H×W×2L flow stack of a T×H×W×C clip (C = 3 or 1), on the current tfjs backend; the caller owns the tensor. */
export function clipFlowStackTensor(clip: Pick<LabelledClip, 'data' | 'shape'>, stack: FlowStackOptions): tf.Tensor3D {
  const [t, h, w, c] = clip.shape;
  if (c !== 3 && c !== 1) throw new Error(`clipFlowStack: clips must have 1 or 3 channels, got ${c}`);
  return tf.tidy(() => {
    const frames = tf.tensor4d(clip.data, [t, h, w, c]);
    const frame = (i: number) => tf.squeeze(tf.slice(frames, [i, 0, 0, 0], [1, h, w, c]), [0]) as tf.Tensor3D;
    const flows = flowPairs(t, stack.flows).map(([a, b]) => opticalFlow(frame(a), frame(b), stack.options));
    return stackFlows(flows);
  });
}

/** The flow stack's values (reads the tensor back synchronously). */
export function clipFlowStack(clip: Pick<LabelledClip, 'data' | 'shape'>, stack: FlowStackOptions): Float32Array {
  const s = clipFlowStackTensor(clip, stack);
  try {
    return s.dataSync() as Float32Array;
  } finally {
    s.dispose();
  }
}

export interface FlowStackDataset extends ClipDataset<DerivedClip> {
  /** Computes (and keeps) the flow stacks of clips start … start+count−1 of a split, e.g. on a faster backend before training. */
  prepare(split: Split, start: number, count: number, onClip?: (done: number) => void): void;
  /** How many clips' stacks are kept. */
  readonly cached: number;
}

/** `rgb`'s clips as 1×H×W×2L flow stacks, each computed once on the backend current at that moment. */
export function flowStackDataset(rgb: ClipDataset, stack: FlowStackOptions): FlowStackDataset {
  const [t, h, w] = rgb.descriptor.clipShape;
  flowPairs(t, stack.flows); // validates L against T
  const kept = new Map<string, Float32Array>();
  const derived = deriveDataset(rgb, `flow${stack.flows}`, [1, h, w, 2 * stack.flows], (clip) => {
    const key = `${clip.seed}:${clip.label}`;
    let data = kept.get(key);
    if (!data) kept.set(key, (data = clipFlowStack(clip, stack)));
    return data;
  });
  return {
    ...derived,
    prepare(split, start, count, onClip) {
      for (let i = 0; i < count; i++) {
        derived.clip(split, start + i);
        onClip?.(i + 1);
      }
    },
    get cached() {
      return kept.size;
    },
  };
}
