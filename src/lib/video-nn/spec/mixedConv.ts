/**
 * Mixed convolutions of Tran et al., "A Closer Look at Spatiotemporal
 * Convolutions for Action Recognition" (CVPR 2018): the 18-layer video ResNet
 * with full 3-D convolutions in some of its five groups and per-frame 2-D
 * convolutions in the others.
 *
 * The groups are the paper's conv1 (the stem), conv2_x, conv3_x, conv4_x and
 * conv5_x (torchvision's stem, layer1 … layer4).
 * - MCx: 3-D in groups 1 … x−1, 2-D from group x on ("bottom-heavy": time is
 *   modelled early). MC3 is torchvision's mc3_18.
 * - rMCx: the reverse, 2-D in groups 1 … x−1 and 3-D from group x on
 *   ("top-heavy"). rMC3 is the library's rmc318.
 * x runs from 2 to 5; MC1 would be R2D's 3-D twin and MC6 R3D itself.
 */
import { videoResNet, type StageConv } from './videoResNet';
import type { ModelSpec } from './types';

export type MixedConvOrder = 'mc' | 'rmc';

/** The group at which the network switches between 3-D and 2-D. */
export type MixedConvGroup = 2 | 3 | 4 | 5;

export const MIXED_CONV_GROUPS: readonly MixedConvGroup[] = [2, 3, 4, 5];

export interface MixedConvOptions {
  /** Blocks per stage; default [2, 2, 2, 2] (18 layers). */
  layers?: readonly [number, number, number, number];
  numClasses?: number;
}

/** Whether group g (1 = stem … 5 = layer4) convolves in 3-D. */
export function isGroup3d(order: MixedConvOrder, x: MixedConvGroup, group: number): boolean {
  return order === 'mc' ? group < x : group >= x;
}

export function mixedConvResNet(order: MixedConvOrder, x: MixedConvGroup, options: MixedConvOptions = {}): ModelSpec {
  if (!MIXED_CONV_GROUPS.includes(x)) throw new Error(`mixedConvResNet: x must be 2, 3, 4 or 5, got ${x}`);
  const layers = options.layers ?? [2, 2, 2, 2];
  const stageConvs = [2, 3, 4, 5].map((g): StageConv => (isGroup3d(order, x, g) ? '3d' : '2d')) as unknown as readonly [
    StageConv,
    StageConv,
    StageConv,
    StageConv,
  ];
  const depth = 2 * layers.reduce((a, b) => a + b, 0) + 2;
  const name = order === 'mc' ? `MC${x}` : `rMC${x}`;
  return videoResNet({
    block: order === 'mc' ? 'mixed' : 'rmc',
    layers,
    numClasses: options.numClasses ?? 400,
    stem: isGroup3d(order, x, 1) ? 'basic' : 'frame',
    stageConvs,
    id: `${name.toLowerCase()}_${depth}`,
    title: `${name}-${depth}`,
  });
}
