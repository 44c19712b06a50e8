/**
 * SlowFast (Feichtenhofer et al., ICCV 2019) with ResNet-50 pathways, as mmaction2
 * builds it (ResNet3dSlowFast): one clip in; the Slow pathway takes every τ-th
 * frame, the Fast pathway every (τ/α)-th frame with β = 1/8 of the channels; after
 * the stem and each of the first three stages a lateral connection carries Fast
 * features (α times more frames) into Slow, where they are concatenated; each
 * pathway is globally pooled and the two are concatenated for the classifier.
 *
 * Where implementations differ:
 * - lateral 'timeStridedConv' (default): a kt×1×1 conv with temporal stride α to
 *   2βC channels. mmaction2 has no norm after it (34,479,288 parameters for
 *   4×16); the SlowFast repository and pytorchvideo add BN + ReLU (`lateralNorm`).
 * - lateral 'timeToChannel': fold α frames into channels (no parameters).
 * Slow's first two stages are not inflated (1×1×1 conv1), the last two are
 * (3×1×1); every Fast stage is inflated.
 */
import { batchNorm3d, conv3d, dropout, flatten, globalAvgPool, linear, relu, sequential, timeToChannel } from './layers';
import { BOTTLENECK_EXPANSION, RESNET_DEPTHS, resnet3dStage, resnet3dStem } from './resnet3d';
import type { ClipShape, Layer, ModelSpec, PathwayStage } from './types';

export interface SlowFastOptions {
  /** Frame-rate ratio α: Fast sees α times more frames. */
  alpha: number;
  /** Slow's frame stride τ on the input clip (mmaction2's resample_rate). */
  tau: number;
  /** Fast's channel ratio β as 1/β (mmaction2's channel_ratio); default 8. */
  channelRatio?: number;
  lateral?: 'timeStridedConv' | 'timeToChannel';
  /** Temporal kernel of the lateral conv (5 in 4×16, 7 in mmaction2's 8×8). */
  lateralKernel?: number;
  /** BN + ReLU after the lateral conv (SlowFast repository, pytorchvideo); default false (mmaction2). */
  lateralNorm?: boolean;
  depth?: 50 | 101;
  numClasses?: number;
  input?: ClipShape;
  id?: string;
}

export function slowFast(options: SlowFastOptions): ModelSpec {
  const { alpha, tau } = options;
  if (!Number.isInteger(tau / alpha)) throw new Error(`slowFast: τ (${tau}) must be a multiple of α (${alpha})`);
  const ratio = options.channelRatio ?? 8;
  const lateralKind = options.lateral ?? 'timeStridedConv';
  const kernel = options.lateralKernel ?? 5;
  const blocks = RESNET_DEPTHS[options.depth ?? 50];
  // 32 frames at 256×256: the test-time crop at which mmaction2's and pytorchvideo's figures are measured.
  const clip = options.input ?? { channels: 3, frames: 32, height: 256, width: 256 };
  const slowBase = 64;
  const fastBase = slowBase / ratio;

  /** Fast → Slow: returns the lateral's layers and the channels it adds. */
  const lateral = (name: string, fastChannels: number): { layers: Layer[]; channels: number } => {
    if (lateralKind === 'timeToChannel') return { layers: [timeToChannel(`${name}.fold`, alpha)], channels: fastChannels * alpha };
    const out = 2 * fastChannels;
    const conv = conv3d(`${name}.conv`, fastChannels, out, [kernel, 1, 1], { stride: [alpha, 1, 1], padding: [(kernel - 1) / 2, 0, 0], bias: false });
    const norm = options.lateralNorm ? [batchNorm3d(`${name}.bn`, out), relu(`${name}.activate`)] : [];
    return { layers: [conv, ...norm], channels: out };
  };

  const stem = lateral('slow_path.conv1_lateral', fastBase);
  const stages: PathwayStage[] = [
    {
      name: 'stem',
      slow: resnet3dStem('slow_path', clip.channels, slowBase, 1),
      fast: resnet3dStem('fast_path', clip.channels, fastBase, 5),
      lateral: { name: 'slow_path.conv1_lateral', layers: stem.layers },
    },
  ];
  let slowIn = slowBase + stem.channels;
  let fastIn = fastBase;
  blocks.forEach((count, i) => {
    const layer = `layer${i + 1}`;
    const stride = i === 0 ? 1 : 2;
    const slowPlanes = slowBase * 2 ** i;
    const fastPlanes = fastBase * 2 ** i;
    const last = i === blocks.length - 1;
    const slow = [sequential(`slow_path.${layer}`, resnet3dStage(`slow_path.${layer}`, { inChannels: slowIn, planes: slowPlanes, blocks: count, spatialStride: stride, inflate: i >= 2 }))];
    const fast = [sequential(`fast_path.${layer}`, resnet3dStage(`fast_path.${layer}`, { inChannels: fastIn, planes: fastPlanes, blocks: count, spatialStride: stride, inflate: true }))];
    fastIn = fastPlanes * BOTTLENECK_EXPANSION;
    slowIn = slowPlanes * BOTTLENECK_EXPANSION;
    if (last) {
      stages.push({ name: layer, slow: [...slow, globalAvgPool('cls_head.avg_pool.slow')], fast: [...fast, globalAvgPool('cls_head.avg_pool.fast')] });
    } else {
      const lat = lateral(`slow_path.${layer}_lateral`, fastIn);
      stages.push({ name: layer, slow, fast, lateral: { name: `slow_path.${layer}_lateral`, layers: lat.layers } });
      slowIn += lat.channels;
    }
  });
  const features = slowIn + fastIn;
  const slowFrames = Math.ceil(clip.frames / tau);
  return {
    id: options.id ?? `slowfast_r${options.depth ?? 50}_${slowFrames}x${tau * 2}`,
    title: `SlowFast R${options.depth ?? 50} ${slowFrames}×${tau * 2} (α = ${alpha}, β = 1/${ratio})`,
    defaultInput: clip,
    layers: [
      { kind: 'twoPathway', name: 'backbone', slowFrameStride: tau, fastFrameStride: tau / alpha, stages },
      flatten('cls_head.flatten'),
      dropout('cls_head.dropout', 0.5),
      linear('cls_head.fc_cls', features, options.numClasses ?? 400),
    ],
  };
}

/** mmaction2's slowfast_r50_4x16x1: 32 frames at interval 2; Slow every 8th (4), Fast all 32. */
export const slowFastR50_4x16 = (): ModelSpec => slowFast({ alpha: 8, tau: 8, id: 'slowfast_r50_4x16' });

/** mmaction2's slowfast_r50_8x8x1: 32 frames at interval 2; Slow every 4th (8), Fast all 32; lateral kernel 7. */
export const slowFastR50_8x8 = (): ModelSpec => slowFast({ alpha: 4, tau: 4, lateralKernel: 7, id: 'slowfast_r50_8x8' });
