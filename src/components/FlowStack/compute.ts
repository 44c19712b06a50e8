/**
 * The flow-stacking figure's library side, imported only when the figure is
 * about to be seen: the clip from the trained temporal stream's own dataset,
 * and the flow of every consecutive frame pair computed with the library's
 * clipFlowStackTensor and that stream's flow options (registry), on the page's
 * TensorFlow.js backend (WebGL, else WASM, else CPU).
 */
import { getRuntime } from '../shared/tfRuntime';
import { clipFlowStackTensor } from '../../lib/video-nn/flow/clipFlows';
import type { FlowOptions } from '../../lib/video-nn/flow/tvl1';
import type { LabelledClip } from '../../lib/video-nn/data/dataset';
import { findTrainable, type TrainableModel } from '../../lib/video-nn/training/registry';
import type { Runtime } from '../../lib/video-nn/runtime/backend';
import { DATASETS, MAX_FLOWS, classIndex, type FlowStackState } from './state';

export { getRuntime };
export type { Runtime };

function temporalEntry(state: FlowStackState): TrainableModel {
  const id = DATASETS[state.data].temporalModel;
  const entry = findTrainable(id);
  if (!entry || entry.input?.kind !== 'flow') throw new Error(`${id} is not registered as a temporal stream`);
  return entry;
}

/** The flow options the trained temporal stream was trained with (TV-L1 at 3 warps × 15 iterations). */
export function flowOptions(state: FlowStackState): FlowOptions {
  const input = temporalEntry(state).input;
  return (input?.kind === 'flow' ? input.options : undefined) as FlowOptions;
}

/** The clip of the state's class drawn from its seed (T×H×W×3 in [0, 1]). */
export function makeClip(state: FlowStackState): LabelledClip {
  return temporalEntry(state).dataset(state.seed).sample(state.seed, classIndex(state));
}

/** The H×W×2(T−1) stack of every consecutive pair's flow, read back without blocking the page. */
export async function fullStack(clip: LabelledClip, options: FlowOptions): Promise<Float32Array> {
  const stack = clipFlowStackTensor(clip, { flows: MAX_FLOWS, options });
  try {
    return (await stack.data()) as Float32Array;
  } finally {
    stack.dispose();
  }
}
