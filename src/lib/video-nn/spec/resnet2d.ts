/**
 * 2-D ResNets applied to every frame (convs with a 1×k×k kernel), as torchvision
 * builds resnet18/resnet50 (v1.5: the stride sits on the 3×3 conv). They are the
 * backbone of the two-stream networks (chapter 3) and of TSM (chapter 8). Names
 * follow torchvision (`layer2.0.conv1`, `layer2.0.downsample.0`).
 *
 * TSM (Lin, Gan & Han, ICCV 2019; mmaction2's ResNetTSM with the TSMHead):
 * the same ResNet-50 on T segments, with a temporal shift of 1/8 of the channels
 * each way at the start of every residual branch ('blockres'); the head pools
 * each frame, classifies each frame and averages the T scores (the segmental
 * consensus), so its linear layer runs T times.
 */
import { batchNorm3d, conv2dPerFrame, dropout, flatten, globalAvgPool, linear, maxPool3d, relu, residual, temporalShift } from './layers';
import { tokenPool, tokenize } from './tokenLayers';
import type { Layer, ModelSpec } from './types';

export interface ResNet2dOptions {
  depth: 18 | 50;
  /** Input channels: 3 for RGB, 2L for L stacked flow fields. */
  inChannels?: number;
  numClasses?: number;
  /** Frames (segments) the 2-D network is applied to; default 1. */
  frames?: number;
  /** Square crop; default 224. */
  crop?: number;
  /** Temporal shift per direction in every residual branch (TSM: 1/8); default none. */
  shift?: number;
  /** 'pool' (default): average over frames and space, one classifier; 'segments': classify every frame, average the scores (TSN/TSM). */
  head?: 'pool' | 'segments';
  dropoutRate?: number;
  id?: string;
  title?: string;
}

const DEPTHS = { 18: { blocks: [2, 2, 2, 2], bottleneck: false }, 50: { blocks: [3, 4, 6, 3], bottleneck: true } } as const;

function block(name: string, p: { inChannels: number; planes: number; stride: number; bottleneck: boolean; shift: number | undefined }): { layer: Layer; out: number } {
  const out = p.bottleneck ? 4 * p.planes : p.planes;
  const noBias = { bias: false };
  const body: Layer[] = p.shift ? [temporalShift(`${name}.shift`, p.shift)] : [];
  if (p.bottleneck) {
    body.push(
      conv2dPerFrame(`${name}.conv1`, p.inChannels, p.planes, 1, noBias),
      batchNorm3d(`${name}.bn1`, p.planes),
      relu(`${name}.relu1`),
      conv2dPerFrame(`${name}.conv2`, p.planes, p.planes, 3, { stride: p.stride, padding: 1, ...noBias }),
      batchNorm3d(`${name}.bn2`, p.planes),
      relu(`${name}.relu2`),
      conv2dPerFrame(`${name}.conv3`, p.planes, out, 1, noBias),
      batchNorm3d(`${name}.bn3`, out),
    );
  } else {
    body.push(
      conv2dPerFrame(`${name}.conv1`, p.inChannels, p.planes, 3, { stride: p.stride, padding: 1, ...noBias }),
      batchNorm3d(`${name}.bn1`, p.planes),
      relu(`${name}.relu1`),
      conv2dPerFrame(`${name}.conv2`, p.planes, p.planes, 3, { padding: 1, ...noBias }),
      batchNorm3d(`${name}.bn2`, p.planes),
    );
  }
  const project = p.stride !== 1 || p.inChannels !== out;
  const shortcut = project
    ? [conv2dPerFrame(`${name}.downsample.0`, p.inChannels, out, 1, { stride: p.stride, ...noBias }), batchNorm3d(`${name}.downsample.1`, out)]
    : undefined;
  return { layer: residual(name, body, { ...(shortcut ? { shortcut } : {}), activation: 'relu' }), out };
}

export function resnet2d(options: ResNet2dOptions): ModelSpec {
  const { blocks, bottleneck } = DEPTHS[options.depth];
  const inChannels = options.inChannels ?? 3;
  const numClasses = options.numClasses ?? 1000;
  const crop = options.crop ?? 224;
  const layers: Layer[] = [
    conv2dPerFrame('conv1', inChannels, 64, 7, { stride: 2, padding: 3, bias: false }),
    batchNorm3d('bn1', 64),
    relu('relu'),
    maxPool3d('maxpool', [1, 3, 3], { stride: [1, 2, 2], padding: [0, 1, 1] }),
  ];
  let channels = 64;
  blocks.forEach((count, stage) => {
    for (let i = 0; i < count; i++) {
      const b = block(`layer${stage + 1}.${i}`, { inChannels: channels, planes: 64 * 2 ** stage, stride: stage > 0 && i === 0 ? 2 : 1, bottleneck, shift: options.shift });
      layers.push(b.layer);
      channels = b.out;
    }
  });
  const rate = options.dropoutRate ?? 0;
  const drop = rate > 0 ? [dropout('dropout', rate)] : [];
  if (options.head === 'segments') {
    layers.push(globalAvgPool('avgpool', { keepTime: true }), tokenize('segments'), ...drop, linear('fc', channels, numClasses), tokenPool('consensus', 'mean'));
  } else {
    layers.push(globalAvgPool('avgpool'), flatten('flatten'), ...drop, linear('fc', channels, numClasses));
  }
  return {
    id: options.id ?? `resnet${options.depth}`,
    title: options.title ?? `ResNet-${options.depth}`,
    defaultInput: { channels: inChannels, frames: options.frames ?? 1, height: crop, width: crop },
    layers,
  };
}

/**
 * TSM-R50 as mmaction2's tsm_r50_1x1x8 builds it: 8 segments at 224×224, shift
 * 1/8 each way in every residual branch, dropout 0.5, per-segment classifier and
 * average consensus. 24,327,632 parameters.
 */
export function tsmR50(options: { numClasses?: number; segments?: number; crop?: number } = {}): ModelSpec {
  return resnet2d({
    depth: 50,
    numClasses: options.numClasses ?? 400,
    frames: options.segments ?? 8,
    crop: options.crop ?? 224,
    shift: 1 / 8,
    head: 'segments',
    dropoutRate: 0.5,
    id: 'tsm_r50',
    title: 'TSM-R50 (8 segments)',
  });
}
