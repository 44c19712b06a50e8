/**
 * I3D (Carreira & Zisserman, CVPR 2017), RGB stream: Inception-v1 inflated to 3-D,
 * as in DeepMind's reference (github.com/deepmind/kinetics-i3d, i3d.py). Every
 * 2-D k×k kernel became k×k×k, 2-D pools 3-D (except the first two, 1×3×3, which
 * keep time early); the classifier is a 1×1×1 conv over a 2×7×7 average, and the
 * per-frame logits are averaged over what time is left.
 *
 * Two implementations differ in the batch norm, which changes the count:
 * - 'shiftOnly' (default): DeepMind's Sonnet BatchNorm has an offset but no scale
 *   → 12,689,984 parameters (OpenVINO's conversion of that checkpoint: 12.69 M).
 * - 'scaleAndShift': PyTorch ports (e.g. piergiaj/pytorch-i3d) use BatchNorm3d
 *   with both → 12,697,264.
 * TF's 'SAME' padding is asymmetric for stride-2 windows; the symmetric paddings
 * chosen here (and ceil mode for the last pool) give the same output sizes.
 */
import { avgPool3d, batchNorm3d, concat, conv3d, dropout, flatten, globalAvgPool, maxPool3d, relu, sequential, type TripleLike } from './layers';
import { INCEPTION_V1_STEPS, inceptionOutChannels, type InceptionWidths } from './inceptionV1';
import type { Layer, ModelSpec } from './types';

export interface I3dOptions {
  numClasses?: number;
  batchNorm?: 'shiftOnly' | 'scaleAndShift';
  dropoutRate?: number;
}

export function i3dInception(options: I3dOptions = {}): ModelSpec {
  const numClasses = options.numClasses ?? 400;
  const scale = (options.batchNorm ?? 'shiftOnly') === 'scaleAndShift';

  /** DeepMind's Unit3D: conv ('SAME', no bias), batch norm, ReLU. */
  const unit = (name: string, cin: number, cout: number, kernel: number, stride: TripleLike = 1): Layer =>
    sequential(name, [
      conv3d(`${name}.conv_3d`, cin, cout, kernel, { stride, padding: (kernel - 1) / 2, bias: false }),
      batchNorm3d(`${name}.batch_norm`, cout, { scale }),
      relu(`${name}.relu`),
    ]);

  const mixed = (name: string, cin: number, [b0, b1mid, b1, b2mid, b2, b3]: InceptionWidths): Layer =>
    concat(
      name,
      [
        [unit(`${name}.Branch_0.Conv3d_0a_1x1`, cin, b0, 1)],
        [unit(`${name}.Branch_1.Conv3d_0a_1x1`, cin, b1mid, 1), unit(`${name}.Branch_1.Conv3d_0b_3x3`, b1mid, b1, 3)],
        [unit(`${name}.Branch_2.Conv3d_0a_1x1`, cin, b2mid, 1), unit(`${name}.Branch_2.Conv3d_0b_3x3`, b2mid, b2, 3)],
        [maxPool3d(`${name}.Branch_3.MaxPool3d_0a_3x3`, 3, { stride: 1, padding: 1 }), unit(`${name}.Branch_3.Conv3d_0b_1x1`, cin, b3, 1)],
      ],
      inceptionOutChannels([b0, b1mid, b1, b2mid, b2, b3]),
    );

  const layers: Layer[] = [
    unit('Conv3d_1a_7x7', 3, 64, 7, 2),
    maxPool3d('MaxPool3d_2a_3x3', [1, 3, 3], { stride: [1, 2, 2], padding: [0, 1, 1] }),
    unit('Conv3d_2b_1x1', 64, 64, 1),
    unit('Conv3d_2c_3x3', 64, 192, 3),
    maxPool3d('MaxPool3d_3a_3x3', [1, 3, 3], { stride: [1, 2, 2], padding: [0, 1, 1] }),
  ];
  let channels = 192;
  for (const step of INCEPTION_V1_STEPS) {
    if ('pool' in step) {
      layers.push(
        step.pool === 'MaxPool3d_4a_3x3'
          ? maxPool3d(step.pool, 3, { stride: 2, padding: 1 })
          : maxPool3d(step.pool, 2, { ceilMode: true }),
      );
    } else {
      layers.push(mixed(step.block, channels, step.widths));
      channels = inceptionOutChannels(step.widths);
    }
  }
  layers.push(
    avgPool3d('Logits.AvgPool3d', [2, 7, 7], { stride: 1 }),
    dropout('Logits.Dropout', options.dropoutRate ?? 0.5),
    conv3d('Logits.Conv3d_0c_1x1', channels, numClasses, 1),
    globalAvgPool('Logits.mean'),
    flatten('Logits.flatten'),
  );
  return {
    id: 'i3d_inception',
    title: 'I3D (Inception-v1, RGB)',
    defaultInput: { channels: 3, frames: 64, height: 224, width: 224 },
    layers,
  };
}
