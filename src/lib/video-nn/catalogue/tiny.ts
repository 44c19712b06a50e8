/**
 * Tiny variants: the catalogue's designs at a width, depth and input small
 * enough to run (and train) in a browser or in Node on a CPU. Same builders as
 * the full-size specs — only the numbers differ — so analysis and models agree.
 */
import { fusion, small3dCnn } from '../spec/teaching';
import { videoResNet, type VideoResNetBlock } from '../spec/videoResNet';
import { timesformer } from '../spec/timesformer';
import type { ClipShape, ModelSpec } from '../spec/types';

const CLASSES = 8;
const CLIP: ClipShape = { channels: 3, frames: 16, height: 32, width: 32 };

function tinyResNet(id: string, block: VideoResNetBlock, title: string): ModelSpec {
  const spec = videoResNet({ block, layers: [1, 1, 1, 1], widths: [8, 16, 32, 64], numClasses: CLASSES, id, title });
  return { ...spec, defaultInput: { ...CLIP, frames: 8 } };
}

export interface TinyVariant {
  id: string;
  /** The full-size design it shrinks. */
  design: string;
  spec: () => ModelSpec;
}

export const TINY_VARIANTS: readonly TinyVariant[] = [
  { id: 'single_frame_tiny', design: 'single-frame 2-D CNN', spec: () => fusion({ kind: 'single', widths: [8, 16], numClasses: CLASSES, input: { ...CLIP, frames: 1 } }) },
  { id: 'late_fusion_tiny', design: 'late fusion', spec: () => fusion({ kind: 'late', widths: [8, 16], numClasses: CLASSES, input: CLIP }) },
  { id: 'early_fusion_tiny', design: 'early fusion', spec: () => fusion({ kind: 'early', widths: [8, 16], numClasses: CLASSES, input: CLIP }) },
  { id: 'slow_fusion_tiny', design: 'slow fusion (3-D CNN)', spec: () => fusion({ kind: 'slow', widths: [8, 16], numClasses: CLASSES, input: CLIP }) },
  { id: 'small3dcnn_tiny', design: 'Small3DCNN (C3D-style)', spec: () => small3dCnn({ width: 8, numClasses: CLASSES, input: CLIP }) },
  { id: 'r3d_tiny', design: 'R3D', spec: () => tinyResNet('r3d_tiny', 'basic3d', 'R3D-tiny') },
  { id: 'mc3_tiny', design: 'MC3', spec: () => tinyResNet('mc3_tiny', 'mixed', 'MC3-tiny') },
  { id: 'r2plus1d_tiny', design: 'R(2+1)D', spec: () => tinyResNet('r2plus1d_tiny', '2plus1d', 'R(2+1)D-tiny') },
  {
    id: 'timesformer_tiny',
    design: 'TimeSformer (divided attention)',
    spec: () => timesformer({ frames: 8, crop: 32, patch: 8, width: 32, depth: 2, heads: 2, numClasses: CLASSES }),
  },
];
