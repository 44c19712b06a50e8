/**
 * X3D (Feichtenhofer, CVPR 2020) as pytorchvideo builds it (create_x3d): a tiny
 * ResNet of depthwise-separable bottlenecks, expanded along frames, resolution,
 * width and depth. Module names follow pytorchvideo (`blocks.2.res_blocks.0.
 * branch2.conv_b`), including its stem, whose spatial conv is named `conv_t`.
 *
 * The family shares one network (only the depth factor differs, 2.2 or 5.0) and
 * is run at different inputs: XS 4×160², S 13×160², M 16×224², L 16×312².
 *
 * Where implementations differ: pytorchvideo puts a BN after the shortcut's
 * projection only where the width changes, so stage 1's strided shortcut is a
 * bare conv; the SlowFast repository always adds the BN (`shortcutNorm: 'always'`,
 * 2 × 24 more parameters).
 */
import { batchNorm3d, channelGate, conv3d, dropout, flatten, globalAvgPool, linear, relu, residual, sequential, sigmoid, swish, avgPool3d } from './layers';
import type { ClipShape, Layer, ModelSpec } from './types';

export type X3dSize = 'xs' | 's' | 'm' | 'l';

export interface X3dOptions {
  size: X3dSize;
  numClasses?: number;
  /** 'whenWidthChanges' (pytorchvideo, default) or 'always' (SlowFast repository). */
  shortcutNorm?: 'whenWidthChanges' | 'always';
  /** Override the size's reference input. */
  input?: ClipShape;
  /** Expansion factors (X3D's γw, γb, γd); default to the size's (2.0, 2.25, 2.2 or 5.0). */
  widthFactor?: number;
  bottleneckFactor?: number;
  depthFactor?: number;
}

const SIZES: Record<X3dSize, { frames: number; crop: number; depthFactor: number }> = {
  xs: { frames: 4, crop: 160, depthFactor: 2.2 },
  s: { frames: 13, crop: 160, depthFactor: 2.2 },
  m: { frames: 16, crop: 224, depthFactor: 2.2 },
  l: { frames: 16, crop: 312, depthFactor: 5.0 },
};

/** pytorchvideo's round_width: width × multiplier to a multiple of 8, never below 8 or 10% under. */
export function roundWidth(width: number, multiplier: number, divisor = 8, minWidth = 8): number {
  const scaled = width * multiplier;
  let out = Math.max(minWidth, Math.floor(Math.floor(scaled + divisor / 2) / divisor) * divisor);
  if (out < 0.9 * scaled) out += divisor;
  return out;
}

/** pytorchvideo's round_repeats: ⌈multiplier × repeats⌉. */
export function roundRepeats(repeats: number, multiplier: number): number {
  return Math.ceil(multiplier * repeats);
}

/** Squeeze-and-excitation (fvcore): pool, 1×1×1 down (bias), ReLU, 1×1×1 up (bias), sigmoid, multiply. */
function squeezeExcite(name: string, channels: number, reduced: number): Layer {
  return channelGate(name, [
    globalAvgPool(`${name}.avg_pool`),
    conv3d(`${name}.block.0`, channels, reduced, 1),
    relu(`${name}.block.1`),
    conv3d(`${name}.block.2`, reduced, channels, 1),
    sigmoid(`${name}.block.3`),
  ]);
}

function bottleneckBlock(
  name: string,
  p: { dimIn: number; inner: number; dimOut: number; spatialStride: number; useSe: boolean; shortcutNorm: X3dOptions['shortcutNorm'] },
): Layer {
  const b = `${name}.branch2`;
  const needsProjection = p.dimIn !== p.dimOut || p.spatialStride > 1;
  const withNorm = p.dimIn !== p.dimOut || p.shortcutNorm === 'always';
  const shortcut = needsProjection
    ? [
        conv3d(`${name}.branch1_conv`, p.dimIn, p.dimOut, 1, { stride: [1, p.spatialStride, p.spatialStride], bias: false }),
        ...(withNorm ? [batchNorm3d(`${name}.branch1_norm`, p.dimOut)] : []),
      ]
    : undefined;
  const body: Layer[] = [
    conv3d(`${b}.conv_a`, p.dimIn, p.inner, 1, { bias: false }),
    batchNorm3d(`${b}.norm_a`, p.inner),
    relu(`${b}.act_a`),
    // Depthwise 3×3×3: one filter per channel (groups = channels).
    conv3d(`${b}.conv_b`, p.inner, p.inner, 3, { stride: [1, p.spatialStride, p.spatialStride], padding: 1, groups: p.inner, bias: false }),
    batchNorm3d(`${b}.norm_b.0`, p.inner),
    ...(p.useSe ? [squeezeExcite(`${b}.norm_b.1`, p.inner, roundWidth(p.inner, 0.0625))] : []),
    swish(`${b}.act_b`),
    conv3d(`${b}.conv_c`, p.inner, p.dimOut, 1, { bias: false }),
    batchNorm3d(`${b}.norm_c`, p.dimOut),
  ];
  return residual(name, body, { ...(shortcut ? { shortcut } : {}), activation: 'relu' });
}

export function x3d(options: X3dOptions): ModelSpec {
  const size = SIZES[options.size];
  const clip = options.input ?? { channels: 3, frames: size.frames, height: size.crop, width: size.crop };
  const numClasses = options.numClasses ?? 400;
  const widthFactor = options.widthFactor ?? 2.0;
  const bottleneckFactor = options.bottleneckFactor ?? 2.25;
  const depthFactor = options.depthFactor ?? size.depthFactor;
  const stemWidth = roundWidth(12, widthFactor);
  const layers: Layer[] = [
    sequential('blocks.0', [
      conv3d('blocks.0.conv.conv_t', clip.channels, stemWidth, [1, 3, 3], { stride: [1, 2, 2], padding: [0, 1, 1], bias: false }),
      conv3d('blocks.0.conv.conv_xy', stemWidth, stemWidth, [5, 1, 1], { padding: [2, 0, 0], groups: stemWidth, bias: false }),
      batchNorm3d('blocks.0.norm', stemWidth),
      relu('blocks.0.activation'),
    ]),
  ];
  const stageDepths = [1, 2, 5, 3];
  let stageBase = 12;
  let dimIn = stemWidth;
  let inner = 0;
  stageDepths.forEach((baseDepth, s) => {
    if (s > 0) stageBase = roundWidth(stageBase, 2.0);
    const dimOut = roundWidth(stageBase, widthFactor);
    inner = Math.floor(bottleneckFactor * dimOut);
    const blocks: Layer[] = [];
    for (let i = 0; i < roundRepeats(baseDepth, depthFactor); i++) {
      const name = `blocks.${s + 1}.res_blocks.${i}`;
      const shortcutNorm = options.shortcutNorm ?? 'whenWidthChanges';
      blocks.push(bottleneckBlock(name, { dimIn: i === 0 ? dimIn : dimOut, inner, dimOut, spatialStride: i === 0 ? 2 : 1, useSe: i % 2 === 0, shortcutNorm }));
    }
    layers.push(sequential(`blocks.${s + 1}`, blocks));
    dimIn = dimOut;
  });
  // Head: 1×1×1 conv to the last bottleneck width, pool over the whole final grid, 1×1×1 conv to 2048, classifier.
  const h = 'blocks.5';
  const poolKernel: [number, number, number] = [clip.frames, Math.ceil(clip.height / 32), Math.ceil(clip.width / 32)];
  layers.push(
    sequential(h, [
      conv3d(`${h}.pool.pre_conv`, dimIn, inner, 1, { bias: false }),
      batchNorm3d(`${h}.pool.pre_norm`, inner),
      relu(`${h}.pool.pre_act`),
      avgPool3d(`${h}.pool.pool`, poolKernel, { stride: 1 }),
      conv3d(`${h}.pool.post_conv`, inner, 2048, 1, { bias: false }),
      relu(`${h}.pool.post_act`),
      dropout(`${h}.dropout`, 0.5),
      // The reference applies proj per position then averages; at the reference inputs one position is left.
      globalAvgPool(`${h}.output_pool`),
      flatten(`${h}.flatten`),
      linear(`${h}.proj`, 2048, numClasses),
    ]),
  );
  return { id: `x3d_${options.size}`, title: `X3D-${options.size.toUpperCase()}`, defaultInput: clip, layers };
}
