/**
 * Single-pathway 3-D ResNet-50s of mmaction2 (ResNet3d + I3DHead), built from the
 * same bottlenecks as each SlowFast pathway (resnet3d.ts):
 *
 * - I3D-R50 (i3d_r50_32x2x1): ResNet-50 inflated from ImageNet. A 5×7×7 stem
 *   conv with temporal stride 2, a 1×3×3 max pool with temporal stride 2, and a
 *   2×1×1 max pool (stride 2 in time) after res2, so 32 frames become 16, 8, 4.
 *   Inflation per block: all of res2; every other block of res3 and res4
 *   (starting with the first); the middle block of res5. 28,043,472 parameters.
 * - Slow-R50 (SlowOnly; pytorchvideo's slow_r50): the Slow pathway alone: a
 *   1×7×7 stem, no temporal striding or pooling, temporal kernels (3×1×1 conv1)
 *   only in res4 and res5. 32,454,096 parameters.
 */
import { dropout, flatten, globalAvgPool, linear, maxPool3d, sequential } from './layers';
import { BOTTLENECK_EXPANSION, bottleneck3d, convModule } from './resnet3d';
import type { ClipShape, Layer, ModelSpec } from './types';

type Inflation = readonly (readonly (0 | 1)[])[];

interface ResNet3dOptions {
  id: string;
  title: string;
  input: ClipShape;
  stemKernelT: number;
  /** Temporal stride of the stem conv and of its max pool. */
  stemStrideT: number;
  poolStrideT: number;
  /** A 2×1×1 max pool (stride 2 in time) after res2. */
  pool2: boolean;
  inflate: Inflation;
  numClasses: number;
}

function resnet3d50(o: ResNet3dOptions): ModelSpec {
  const kt = o.stemKernelT;
  const layers: Layer[] = [
    convModule('conv1', o.input.channels, 64, [kt, 7, 7], { stride: [o.stemStrideT, 2, 2], padding: [(kt - 1) / 2, 3, 3] }),
    maxPool3d('maxpool', [1, 3, 3], { stride: [o.poolStrideT, 2, 2], padding: [0, 1, 1] }),
  ];
  let channels = 64;
  o.inflate.forEach((pattern, stage) => {
    const planes = 64 * 2 ** stage;
    const name = `layer${stage + 1}`;
    const blocks = pattern.map((inflate, i) => {
      const b = bottleneck3d(`${name}.${i}`, { inChannels: i === 0 ? channels : planes * BOTTLENECK_EXPANSION, planes, spatialStride: stage > 0 && i === 0 ? 2 : 1, inflate: inflate === 1 });
      return b;
    });
    layers.push(sequential(name, blocks));
    channels = planes * BOTTLENECK_EXPANSION;
    if (stage === 0 && o.pool2) layers.push(maxPool3d('pool2', [2, 1, 1]));
  });
  layers.push(
    globalAvgPool('cls_head.avg_pool'),
    dropout('cls_head.dropout', 0.5),
    flatten('cls_head.flatten'),
    linear('cls_head.fc_cls', channels, o.numClasses),
  );
  return { id: o.id, title: o.title, defaultInput: o.input, layers };
}

/** mmaction2's i3d_r50_32x2x1: 32 frames; its metafile's figures are measured at 32×256×256 (the test-time crop). */
export function i3dR50(options: { numClasses?: number; input?: ClipShape } = {}): ModelSpec {
  return resnet3d50({
    id: 'i3d_r50',
    title: 'I3D-R50 (inflated ResNet-50)',
    input: options.input ?? { channels: 3, frames: 32, height: 256, width: 256 },
    stemKernelT: 5,
    stemStrideT: 2,
    poolStrideT: 2,
    pool2: true,
    inflate: [[1, 1, 1], [1, 0, 1, 0], [1, 0, 1, 0, 1, 0], [0, 1, 0]],
    numClasses: options.numClasses ?? 400,
  });
}

/** Slow-R50 8×8 (mmaction2's slowonly_r50_8x8x1, pytorchvideo's slow_r50): 8 frames at 256×256. */
export function slowR50(options: { numClasses?: number; frames?: number; crop?: number } = {}): ModelSpec {
  const frames = options.frames ?? 8;
  const crop = options.crop ?? 256;
  return resnet3d50({
    id: 'slow_r50',
    title: `Slow-R50 ${frames}×${64 / frames}`,
    input: { channels: 3, frames, height: crop, width: crop },
    stemKernelT: 1,
    stemStrideT: 1,
    poolStrideT: 1,
    pool2: false,
    inflate: [[0, 0, 0], [0, 0, 0, 0], [1, 1, 1, 1, 1, 1], [1, 1, 1]],
    numClasses: options.numClasses ?? 400,
  });
}
