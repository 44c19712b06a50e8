/**
 * Pieces of mmaction2's ResNet3d (the backbone of its I3D-R50, Slow-R50 and each
 * SlowFast pathway): a stem and bottleneck blocks whose first 1×1 conv may be
 * "inflated" to 3×1×1. Names follow mmaction2's modules (ConvModule's `conv`,
 * `bn`, `activate`), so a checkpoint's keys map onto the spec.
 */
import { batchNorm3d, conv3d, maxPool3d, relu, residual, sequential, type TripleLike } from './layers';
import type { Layer } from './types';

/** mmaction2's ConvModule: conv (no bias), BN, and a ReLU unless `activate` is false. */
export function convModule(
  name: string,
  inChannels: number,
  outChannels: number,
  kernel: TripleLike,
  options: { stride?: TripleLike; padding?: TripleLike; activate?: boolean } = {},
): Layer {
  return sequential(name, [
    conv3d(`${name}.conv`, inChannels, outChannels, kernel, { stride: options.stride ?? 1, padding: options.padding ?? 0, bias: false }),
    batchNorm3d(`${name}.bn`, outChannels),
    ...(options.activate === false ? [] : [relu(`${name}.activate`)]),
  ]);
}

/** Stem: a kt×7×7 conv with spatial stride 2, BN, ReLU, then a 1×3×3 max pool with spatial stride 2. */
export function resnet3dStem(prefix: string, inChannels: number, width: number, kt: number): Layer[] {
  return [
    convModule(`${prefix}.conv1`, inChannels, width, [kt, 7, 7], { stride: [1, 2, 2], padding: [(kt - 1) / 2, 3, 3] }),
    maxPool3d(`${prefix}.maxpool`, [1, 3, 3], { stride: [1, 2, 2], padding: [0, 1, 1] }),
  ];
}

export const BOTTLENECK_EXPANSION = 4;

/**
 * Bottleneck3d ('pytorch' style, inflate style 3×1×1): conv1 1×1×1 (3×1×1 when
 * inflated) → planes, conv2 1×3×3 with the spatial stride, conv3 1×1×1 → 4·planes
 * (BN, no ReLU), plus the shortcut (projected by a 1×1×1 conv + BN where the
 * shape changes), then ReLU.
 */
export function bottleneck3d(name: string, p: { inChannels: number; planes: number; spatialStride: number; inflate: boolean }): Layer {
  const out = p.planes * BOTTLENECK_EXPANSION;
  const s = p.spatialStride;
  const project = s !== 1 || p.inChannels !== out;
  return residual(
    name,
    [
      convModule(`${name}.conv1`, p.inChannels, p.planes, p.inflate ? [3, 1, 1] : 1, { padding: p.inflate ? [1, 0, 0] : 0 }),
      convModule(`${name}.conv2`, p.planes, p.planes, [1, 3, 3], { stride: [1, s, s], padding: [0, 1, 1] }),
      convModule(`${name}.conv3`, p.planes, out, 1, { activate: false }),
    ],
    {
      ...(project ? { shortcut: [convModule(`${name}.downsample`, p.inChannels, out, 1, { stride: [1, s, s], activate: false })] } : {}),
      activation: 'relu',
    },
  );
}

/**
 * One ResNet stage (mmaction2's make_res_layer): `blocks` bottlenecks, the first
 * with the stage's spatial stride and `inChannels` (which may include channels
 * concatenated from a lateral connection).
 */
export function resnet3dStage(name: string, p: { inChannels: number; planes: number; blocks: number; spatialStride: number; inflate: boolean }): Layer[] {
  const out = p.planes * BOTTLENECK_EXPANSION;
  return Array.from({ length: p.blocks }, (_, i) =>
    bottleneck3d(`${name}.${i}`, { inChannels: i === 0 ? p.inChannels : out, planes: p.planes, spatialStride: i === 0 ? p.spatialStride : 1, inflate: p.inflate }),
  );
}

/** Blocks per stage of ResNet-50 and -101. */
export const RESNET_DEPTHS = { 50: [3, 4, 6, 3], 101: [3, 4, 23, 3] } as const;
