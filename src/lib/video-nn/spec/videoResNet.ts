/**
 * The video ResNet family of Tran et al., "A Closer Look at Spatiotemporal
 * Convolutions for Action Recognition" (CVPR 2018), built the way torchvision
 * builds r3d_18, mc3_18 and r2plus1d_18: one block builder, and a choice of
 * convolution per stage. Layer names are torchvision's module names, so a
 * torchvision state dict maps onto the spec one to one.
 *
 * Details that decide the exact parameter count:
 * - no conv biases (a batch norm follows every conv);
 * - a block's (2+1)-D intermediate width M is computed from the block's *input*
 *   channels and used for both of its convs (torchvision's BasicBlock);
 * - the shortcut is projected (1×1×1 conv with the block's stride + BN) only where
 *   the stride or the width changes; its stride is 1×s×s for 2-D stages;
 * - the R(2+1)D stem is 1×7×7 to 45 channels, BN, ReLU, then 3×1×1 to 64.
 */
import { intermediateWidth } from '../analysis/costs';
import { batchNorm3d, conv3d, flatten, globalAvgPool, linear, relu, residual, sequential } from './layers';
import type { Layer, ModelSpec, Triple } from './types';

/** How a stage convolves: full 3×3×3, per-frame 1×3×3, or factorised 1×3×3 then 3×1×1. */
export type StageConv = '3d' | '2d' | '2plus1d';

/**
 * basic3d: R3D, 3-D everywhere. mixed: MC3, 3-D stem and layer1, 2-D above.
 * 2plus1d: R(2+1)D. rmc: reversed mixed (rMC3), 2-D stem and layer1, 3-D above.
 */
export type VideoResNetBlock = 'basic3d' | 'mixed' | '2plus1d' | 'rmc';

/** basic: 3×7×7 (R3D, MC3). factorised: 1×7×7 → 45 → 3×1×1 (R(2+1)D). frame: 1×7×7 (rMC). */
export type StemKind = 'basic' | 'factorised' | 'frame';

type Four<T> = readonly [T, T, T, T];

export interface VideoResNetOptions {
  block: VideoResNetBlock;
  /** Blocks per stage; [2, 2, 2, 2] is the 18-layer network. */
  layers?: Four<number>;
  numClasses?: number;
  /** Channels of the four stages (the stem gives the first). */
  widths?: Four<number>;
  /** Override the block's choice of convolution per stage. */
  stageConvs?: Four<StageConv>;
  /** Override the block's stem. */
  stem?: StemKind;
  id?: string;
  title?: string;
}

const BLOCK_DEFAULTS: Record<VideoResNetBlock, { stem: StemKind; stageConvs: Four<StageConv>; title: string }> = {
  basic3d: { stem: 'basic', stageConvs: ['3d', '3d', '3d', '3d'], title: 'R3D' },
  mixed: { stem: 'basic', stageConvs: ['3d', '2d', '2d', '2d'], title: 'MC3' },
  '2plus1d': { stem: 'factorised', stageConvs: ['2plus1d', '2plus1d', '2plus1d', '2plus1d'], title: 'R(2+1)D' },
  rmc: { stem: 'frame', stageConvs: ['2d', '3d', '3d', '3d'], title: 'rMC3' },
};

/** The R(2+1)D stem's intermediate width (45 at width 64), scaled for narrower variants. */
function stemMidChannels(width: number): number {
  return Math.max(1, Math.round((45 * width) / 64));
}

function stem(kind: StemKind, width: number): Layer {
  const noBias = { bias: false };
  switch (kind) {
    case 'basic':
      return sequential('stem', [
        conv3d('stem.0', 3, width, [3, 7, 7], { stride: [1, 2, 2], padding: [1, 3, 3], ...noBias }),
        batchNorm3d('stem.1', width),
        relu('stem.2'),
      ]);
    case 'frame':
      return sequential('stem', [
        conv3d('stem.0', 3, width, [1, 7, 7], { stride: [1, 2, 2], padding: [0, 3, 3], ...noBias }),
        batchNorm3d('stem.1', width),
        relu('stem.2'),
      ]);
    case 'factorised': {
      const mid = stemMidChannels(width);
      return sequential('stem', [
        conv3d('stem.0', 3, mid, [1, 7, 7], { stride: [1, 2, 2], padding: [0, 3, 3], ...noBias }),
        batchNorm3d('stem.1', mid),
        relu('stem.2'),
        conv3d('stem.3', mid, width, [3, 1, 1], { padding: [1, 0, 0], ...noBias }),
        batchNorm3d('stem.4', width),
        relu('stem.5'),
      ]);
    }
  }
}

/** One 3×3(×3) convolution of a block, in the stage's style; `mid` is used by (2+1)-D only. */
function blockConv(name: string, type: StageConv, inChannels: number, outChannels: number, mid: number, stride: number): Layer {
  const noBias = { bias: false };
  switch (type) {
    case '3d':
      return conv3d(name, inChannels, outChannels, 3, { stride, padding: 1, ...noBias });
    case '2d':
      return conv3d(name, inChannels, outChannels, [1, 3, 3], { stride: [1, stride, stride], padding: [0, 1, 1], ...noBias });
    case '2plus1d':
      return sequential(name, [
        conv3d(`${name}.0`, inChannels, mid, [1, 3, 3], { stride: [1, stride, stride], padding: [0, 1, 1], ...noBias }),
        batchNorm3d(`${name}.1`, mid),
        relu(`${name}.2`),
        conv3d(`${name}.3`, mid, outChannels, [3, 1, 1], { stride: [stride, 1, 1], padding: [1, 0, 0], ...noBias }),
      ]);
  }
}

/** The shortcut's stride: per-frame stages never stride in time. */
function shortcutStride(type: StageConv, stride: number): Triple {
  return type === '2d' ? [1, stride, stride] : [stride, stride, stride];
}

/** torchvision's BasicBlock: conv-BN-ReLU, conv-BN, add the (projected) input, ReLU. */
export function basicBlock(name: string, type: StageConv, inChannels: number, outChannels: number, stride: number): Layer {
  const mid = intermediateWidth(inChannels, outChannels, 3, 3);
  const shortcut =
    stride !== 1 || inChannels !== outChannels
      ? [
          conv3d(`${name}.downsample.0`, inChannels, outChannels, 1, { stride: shortcutStride(type, stride), bias: false }),
          batchNorm3d(`${name}.downsample.1`, outChannels),
        ]
      : undefined;
  const body = [
    sequential(`${name}.conv1`, [
      blockConv(`${name}.conv1.0`, type, inChannels, outChannels, mid, stride),
      batchNorm3d(`${name}.conv1.1`, outChannels),
      relu(`${name}.conv1.2`),
    ]),
    sequential(`${name}.conv2`, [blockConv(`${name}.conv2.0`, type, outChannels, outChannels, mid, 1), batchNorm3d(`${name}.conv2.1`, outChannels)]),
  ];
  return residual(name, body, { ...(shortcut ? { shortcut } : {}), activation: 'relu' });
}

export function videoResNet(options: VideoResNetOptions): ModelSpec {
  const defaults = BLOCK_DEFAULTS[options.block];
  const blocks = options.layers ?? [2, 2, 2, 2];
  const widths = options.widths ?? [64, 128, 256, 512];
  const numClasses = options.numClasses ?? 400;
  const stageConvs = options.stageConvs ?? defaults.stageConvs;
  const layers: Layer[] = [stem(options.stem ?? defaults.stem, widths[0])];
  let channels = widths[0];
  widths.forEach((width, stage) => {
    const name = `layer${stage + 1}`;
    const stageBlocks: Layer[] = [];
    for (let i = 0; i < blocks[stage]!; i++) {
      const stride = stage > 0 && i === 0 ? 2 : 1;
      stageBlocks.push(basicBlock(`${name}.${i}`, stageConvs[stage]!, channels, width, stride));
      channels = width;
    }
    layers.push(sequential(name, stageBlocks));
  });
  layers.push(globalAvgPool('avgpool'), flatten('flatten'), linear('fc', channels, numClasses));
  const depth = 2 * blocks.reduce((a, b) => a + b, 0) + 2;
  return {
    id: options.id ?? `${defaults.title.toLowerCase().replace(/[()+]/g, '')}_${depth}`,
    title: options.title ?? `${defaults.title}-${depth}`,
    defaultInput: { channels: 3, frames: 16, height: 112, width: 112 },
    layers,
  };
}

/** torchvision.models.video.r3d_18 */
export const r3d18 = (numClasses = 400): ModelSpec => videoResNet({ block: 'basic3d', numClasses, id: 'r3d_18', title: 'R3D-18' });
/** torchvision.models.video.mc3_18 */
export const mc318 = (numClasses = 400): ModelSpec => videoResNet({ block: 'mixed', numClasses, id: 'mc3_18', title: 'MC3-18' });
/** torchvision.models.video.r2plus1d_18 */
export const r2plus1d18 = (numClasses = 400): ModelSpec =>
  videoResNet({ block: '2plus1d', numClasses, id: 'r2plus1d_18', title: 'R(2+1)D-18' });
/** Reversed mixed convolutions (teaching variant; not in torchvision). */
export const rmc318 = (numClasses = 400): ModelSpec => videoResNet({ block: 'rmc', numClasses, id: 'rmc3_18', title: 'rMC3-18' });
