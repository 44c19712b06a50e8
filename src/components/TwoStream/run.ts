/**
 * The fusion figure's TensorFlow.js side, imported only once the figure is
 * about to be seen: both streams of a shipped two-stream network run on one
 * generated clip, each on the input its registry entry describes — the
 * middle frame for the spatial stream, the clip's stacked TV-L1 flow (computed
 * here, on the page's backend, with the registry's flow options) for the
 * temporal one — and late fusion with the library's fuseProbabilities.
 */
import type * as TF from '@tensorflow/tfjs-core';
import { clipFlowStackTensor } from '../../lib/video-nn/flow/clipFlows';
import type { FlowOptions } from '../../lib/video-nn/flow/tvl1';
import { middleFrame } from '../../lib/video-nn/data/dataset';
import { modelDataset } from '../../lib/video-nn/training/modelInput';
import type { LoadedModel } from '../../lib/video-nn/models/loadModel';
import type { Runtime } from '../../lib/video-nn/runtime/backend';

export { fuseProbabilities } from '../../lib/video-nn/training/twoStream';

export interface StreamRun {
  /** The RGB clip both inputs come from. */
  clip: { data: Float32Array; shape: readonly [number, number, number, number]; className: string };
  middle: number;
  /** H×W×2L: what the temporal stream saw. */
  flowStack: Float32Array;
  spatial: Float32Array;
  temporal: Float32Array;
}

async function softmax(tf: Runtime['tf'], model: LoadedModel, data: Float32Array, shape: readonly number[]): Promise<Float32Array> {
  const out = tf.tidy(() => tf.softmax(model.model.predict(tf.tensor(data, [1, ...shape], 'float32')) as TF.Tensor2D));
  try {
    return (await out.data()) as Float32Array;
  } finally {
    out.dispose();
  }
}

/** Both streams on the clip of class `label` drawn from `seed`. */
export async function runStreams(runtime: Runtime, spatial: LoadedModel, temporal: LoadedModel, seed: number, label: number): Promise<StreamRun> {
  const input = temporal.entry.input;
  if (spatial.entry.input?.kind !== 'middle-frame' || input?.kind !== 'flow') throw new Error(`${spatial.entry.id} and ${temporal.entry.id} are not a spatial and a temporal stream`);
  // The spatial stream's own view of the clip (the library's middle-frame dataset) …
  const still = modelDataset(spatial.entry, seed).sample(seed, label);
  const rgb = 'source' in still ? (still.source as StreamRun['clip']) : undefined;
  if (!rgb) throw new Error(`${spatial.entry.id}: its dataset does not keep the source clip`);
  // … and the temporal stream's: the same flow stack its dataset computes, read back without blocking the page.
  const stackTensor = clipFlowStackTensor(rgb, { flows: input.flows, ...(input.options ? { options: input.options as FlowOptions } : {}) });
  let flowStack: Float32Array;
  try {
    flowStack = (await stackTensor.data()) as Float32Array;
  } finally {
    stackTensor.dispose();
  }
  const [, h, w] = rgb.shape;
  const spatialOut = await softmax(runtime.tf, spatial, still.data, still.shape);
  const temporalOut = await softmax(runtime.tf, temporal, flowStack, [1, h, w, 2 * input.flows]);
  return { clip: rgb, middle: middleFrame(rgb.shape[0]), flowStack, spatial: spatialOut, temporal: temporalOut };
}
