/**
 * The architectures of the shipped trained models: each chapter's design at a
 * size that trains on a CPU in Node within minutes (3×8×32×32 clips, strided
 * early layers, a few thousand parameters). They differ only where the designs
 * differ — where frames meet — so their accuracies can be compared fairly:
 * every one has three conv stages of widths 12, 24, 48 (or their factorised or
 * two-pathway equivalents), each halving space.
 */
import { basicBlock } from './videoResNet';
import { batchNorm3d, conv3d, flatten, globalAvgPool, linear, relu, residual, temporalShift, type TripleLike } from './layers';
import { stGcn } from './stgcn';
import type { ClipShape, Layer, ModelSpec } from './types';

export const TRAINED_WIDTHS = [12, 24, 48] as const;

export interface TinyOptions {
  input: ClipShape;
  numClasses: number;
  id: string;
  title: string;
}

/** conv (no bias) → batch norm → ReLU. */
function convBnRelu(name: string, cin: number, cout: number, kernel: TripleLike, stride: TripleLike, padding: TripleLike): Layer[] {
  return [conv3d(`${name}.conv`, cin, cout, kernel, { stride, padding, bias: false }), batchNorm3d(`${name}.bn`, cout), relu(`${name}.relu`)];
}

const frameConv = (name: string, cin: number, cout: number) => convBnRelu(name, cin, cout, [1, 3, 3], [1, 2, 2], [0, 1, 1]);

function head(channels: number, numClasses: number): Layer[] {
  return [globalAvgPool('pool'), flatten('flatten'), linear('fc', channels, numClasses)];
}

function model(o: TinyOptions, layers: Layer[]): ModelSpec {
  return { id: o.id, title: o.title, defaultInput: o.input, layers };
}

/** The per-frame 2-D body: three 3×3 stride-2 convs applied to each frame alone. */
function frameBody(channels: number): Layer[] {
  const [a, b, c] = TRAINED_WIDTHS;
  return [...frameConv('stage1', channels, a), ...frameConv('stage2', a, b), ...frameConv('stage3', b, c)];
}

/**
 * Single frame: the 2-D body on every frame, then one pool over time and
 * space. The classifier is linear, so this equals averaging the per-frame
 * scores; no layer sees two frames at once.
 */
export function singleFrameTiny(o: TinyOptions): ModelSpec {
  return model(o, [...frameBody(o.input.channels), ...head(TRAINED_WIDTHS[2], o.numClasses)]);
}

/**
 * Late fusion: the same per-frame body; each frame's final feature map is
 * flattened and the maps of all frames are concatenated in time order, so only
 * the classifier sees frames together (Karpathy et al. fuse two towers at the
 * first fully connected layer). The map is kept, not pooled: a pooled feature
 * does not say where the object is, and a translation would be invisible.
 */
export function lateFusionTiny(o: TinyOptions): ModelSpec {
  const c = TRAINED_WIDTHS[2];
  const [h, w] = [o.input.height / 8, o.input.width / 8];
  return model(o, [...frameBody(o.input.channels), flatten('flatten'), linear('fc', c * o.input.frames * h * w, o.numClasses)]);
}

/** Early fusion: the first conv's kernel spans every frame (no temporal padding); the rest is per frame. */
export function earlyFusionTiny(o: TinyOptions): ModelSpec {
  const [a, b, c] = TRAINED_WIDTHS;
  return model(o, [
    ...convBnRelu('stage1', o.input.channels, a, [o.input.frames, 3, 3], [1, 2, 2], [0, 1, 1]),
    ...frameConv('stage2', a, b),
    ...frameConv('stage3', b, c),
    ...head(c, o.numClasses),
  ]);
}

/** Slow fusion / C3D-tiny: 3×3×3 convs throughout; time is halved by the second and third stages (and the first, with firstTimeStride 2, for 16-frame clips). */
export function c3dTiny(o: TinyOptions & { firstTimeStride?: number }): ModelSpec {
  const [a, b, c] = TRAINED_WIDTHS;
  return model(o, [
    ...convBnRelu('stage1', o.input.channels, a, 3, [o.firstTimeStride ?? 1, 2, 2], 1),
    ...convBnRelu('stage2', a, b, 3, 2, 1),
    ...convBnRelu('stage3', b, c, 3, 2, 1),
    ...head(c, o.numClasses),
  ]);
}

/**
 * R(2+1)D-tiny: a (2+1)-D stem (1×3×3 then 3×1×1) and two residual (2+1)-D
 * basic blocks as in torchvision's R(2+1)D, whose middle width M keeps each
 * factorised conv's parameter count equal to the full 3-D conv's. Widths 8,
 * 16, 32: two convs per block would otherwise make it far larger than C3D-tiny.
 */
export function r2plus1dTiny(o: TinyOptions): ModelSpec {
  const [a, b, c] = [8, 16, 32];
  return model(o, [
    ...convBnRelu('stem.spatial', o.input.channels, a, [1, 3, 3], [1, 2, 2], [0, 1, 1]),
    ...convBnRelu('stem.temporal', a, a, [3, 1, 1], 1, [1, 0, 0]),
    basicBlock('layer2', '2plus1d', a, b, 2),
    basicBlock('layer3', '2plus1d', b, c, 2),
    ...head(c, o.numClasses),
  ]);
}

/**
 * TSM-tiny: the per-frame body whose second and third stages are residual
 * blocks with a temporal shift at the start of the residual branch (a quarter
 * of the channels: an eighth shifted each way), as TSM's residual shift.
 * Time is mixed at zero multiply-adds.
 */
export function tsmTiny(o: TinyOptions): ModelSpec {
  const [a, b, c] = TRAINED_WIDTHS;
  const shiftBlock = (name: string, cin: number, cout: number): Layer =>
    residual(
      name,
      [temporalShift(`${name}.shift`, 1 / 8), conv3d(`${name}.conv`, cin, cout, [1, 3, 3], { stride: [1, 2, 2], padding: [0, 1, 1], bias: false }), batchNorm3d(`${name}.bn`, cout)],
      { shortcut: [conv3d(`${name}.downsample.conv`, cin, cout, 1, { stride: [1, 2, 2], bias: false }), batchNorm3d(`${name}.downsample.bn`, cout)], activation: 'relu' },
    );
  return model(o, [...frameConv('stage1', o.input.channels, a), shiftBlock('stage2', a, b), shiftBlock('stage3', b, c), ...head(c, o.numClasses)]);
}

/**
 * SlowFast-tiny: a Slow pathway on every α-th frame with wide per-frame convs,
 * a Fast pathway on every frame with β = 1/4 of the channels and temporal
 * kernels, and time-strided conv laterals (5×1×1, stride α) from Fast to Slow
 * after the first two stages.
 */
export function slowFastTiny(o: TinyOptions & { alpha: number }): ModelSpec {
  const [a, b, c] = TRAINED_WIDTHS;
  const beta = 4;
  const [fa, fb, fc] = [a / beta, b / beta, c / beta];
  const lateral = (name: string, channels: number) => ({
    name: `${name}.fuse`,
    layers: [conv3d(`${name}.lateral`, channels, 2 * channels, [5, 1, 1], { stride: [o.alpha, 1, 1], padding: [2, 0, 0], bias: false }), batchNorm3d(`${name}.lateral_bn`, 2 * channels), relu(`${name}.lateral_relu`)],
  });
  return model(o, [
    {
      kind: 'twoPathway',
      name: 'pathways',
      slowFrameStride: o.alpha,
      fastFrameStride: 1,
      stages: [
        { name: 's1', slow: frameConv('s1.slow', o.input.channels, a), fast: convBnRelu('s1.fast', o.input.channels, fa, 3, [1, 2, 2], 1), lateral: lateral('s1', fa) },
        { name: 's2', slow: frameConv('s2.slow', a + 2 * fa, b), fast: convBnRelu('s2.fast', fa, fb, 3, [1, 2, 2], 1), lateral: lateral('s2', fb) },
        {
          name: 's3',
          slow: [...convBnRelu('s3.slow', b + 2 * fb, c, [3, 3, 3], [1, 2, 2], 1), globalAvgPool('s3.slow.pool')],
          fast: [...convBnRelu('s3.fast', fb, fc, 3, [1, 2, 2], 1), globalAvgPool('s3.fast.pool')],
        },
      ],
    },
    flatten('flatten'),
    linear('fc', c + fc, o.numClasses),
  ]);
}

/**
 * ST-GCN-tiny: three spatial-temporal graph blocks (widths 16, 32, 32; time
 * halved twice) on 17 COCO joints. With `temporalKernel: 1` no layer mixes
 * frames: a single-frame pose classifier whose scores are averaged over time.
 */
export function stGcnTiny(o: TinyOptions & { temporalKernel?: number }): ModelSpec {
  const spec = stGcn({
    layout: 'coco', numClasses: o.numClasses, frames: o.input.frames, persons: o.input.width, inChannels: o.input.channels, id: o.id,
    blocks: [[16, 1], [32, 2], [32, 2]], temporalKernel: o.temporalKernel ?? 5, dropoutRate: 0,
  });
  return { ...spec, title: o.title };
}
