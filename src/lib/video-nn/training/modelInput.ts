/**
 * The dataset a registry model actually sees: its RGB (or keypoint) dataset,
 * or for a two-stream network's streams the middle frame or the stacked
 * optical flow of the same clips. Imports the flow engine (tfjs), so the
 * registry itself stays free of tfjs.
 */
import type { ClipDataset } from '../data/dataset';
import { middleFrameDataset } from '../data/streams';
import { flowStackDataset } from '../flow/clipFlows';
import type { FlowOptions } from '../flow/tvl1';
import type { TrainableModel } from './registry';

export function modelDataset(entry: TrainableModel, seed: number): ClipDataset {
  const rgb = entry.dataset(seed);
  const input = entry.input;
  if (!input) return rgb;
  if (input.kind === 'middle-frame') return middleFrameDataset(rgb);
  return flowStackDataset(rgb, { flows: input.flows, ...(input.options ? { options: input.options as FlowOptions } : {}) });
}
