/**
 * S3D (Xie et al., "Rethinking Spatiotemporal Feature Learning", ECCV 2018) as
 * torchvision builds it: an Inception network whose 3×3×3 convolutions are all
 * separated into 1×k×k spatial then k×1×1 temporal convs (each with BN + ReLU),
 * keeping the output width (no intermediate width as in R(2+1)D). Names follow
 * torchvision's modules (`features.5.branch1.1.0.0`).
 */
import { avgPool3d, batchNorm3d, concat, conv3d, dropout, flatten, globalAvgPool, maxPool3d, relu, sequential, type TripleLike } from './layers';
import { INCEPTION_V1_STEPS, inceptionOutChannels, type InceptionWidths } from './inceptionV1';
import type { Layer, ModelSpec } from './types';

/** torchvision's Conv3dNormActivation: conv (no bias), BN, ReLU; padding (k − 1)/2 by default. */
function convBnRelu(name: string, cin: number, cout: number, kernel: TripleLike, stride: TripleLike = 1, padding?: TripleLike): Layer {
  const k = typeof kernel === 'number' ? kernel : Math.max(...kernel);
  return sequential(name, [
    conv3d(`${name}.0`, cin, cout, kernel, { stride, padding: padding ?? (k - 1) / 2, bias: false }),
    batchNorm3d(`${name}.1`, cout),
    relu(`${name}.2`),
  ]);
}

/** 1×k×k (spatial stride s) then k×1×1 (temporal stride s), both Cout wide. */
function separableConv(name: string, cin: number, cout: number, k: number, stride: number, padding: number): Layer {
  return sequential(name, [
    convBnRelu(`${name}.0`, cin, cout, [1, k, k], [1, stride, stride], [0, padding, padding]),
    convBnRelu(`${name}.1`, cout, cout, [k, 1, 1], [stride, 1, 1], [padding, 0, 0]),
  ]);
}

/** Four branches: 1×1×1; 1×1×1 → separable 3; 1×1×1 → separable 3; 3×3×3 max pool → 1×1×1. */
function sepInception(name: string, cin: number, [b0, b1mid, b1, b2mid, b2, b3]: InceptionWidths): Layer {
  return concat(
    name,
    [
      [convBnRelu(`${name}.branch0`, cin, b0, 1)],
      [sequential(`${name}.branch1`, [convBnRelu(`${name}.branch1.0`, cin, b1mid, 1), separableConv(`${name}.branch1.1`, b1mid, b1, 3, 1, 1)])],
      [sequential(`${name}.branch2`, [convBnRelu(`${name}.branch2.0`, cin, b2mid, 1), separableConv(`${name}.branch2.1`, b2mid, b2, 3, 1, 1)])],
      [sequential(`${name}.branch3`, [maxPool3d(`${name}.branch3.0`, 3, { stride: 1, padding: 1 }), convBnRelu(`${name}.branch3.1`, cin, b3, 1)])],
    ],
    inceptionOutChannels([b0, b1mid, b1, b2mid, b2, b3]),
  );
}

export function s3d({ numClasses = 400, dropoutRate = 0.2 }: { numClasses?: number; dropoutRate?: number } = {}): ModelSpec {
  const features: Layer[] = [
    separableConv('features.0', 3, 64, 7, 2, 3),
    maxPool3d('features.1', [1, 3, 3], { stride: [1, 2, 2], padding: [0, 1, 1] }),
    convBnRelu('features.2', 64, 64, 1),
    separableConv('features.3', 64, 192, 3, 1, 1),
    maxPool3d('features.4', [1, 3, 3], { stride: [1, 2, 2], padding: [0, 1, 1] }),
  ];
  let channels = 192;
  INCEPTION_V1_STEPS.forEach((step, i) => {
    const name = `features.${i + 5}`;
    if ('pool' in step) {
      features.push(step.pool === 'MaxPool3d_4a_3x3' ? maxPool3d(name, 3, { stride: 2, padding: 1 }) : maxPool3d(name, 2));
    } else {
      features.push(sepInception(name, channels, step.widths));
      channels = inceptionOutChannels(step.widths);
    }
  });
  return {
    id: 's3d',
    title: 'S3D',
    defaultInput: { channels: 3, frames: 16, height: 224, width: 224 },
    layers: [
      sequential('features', features),
      // A 2×7×7 average (the last 2 frames at 224×224), a 1×1×1 conv classifier, then the mean over what is left.
      avgPool3d('avgpool', [2, 7, 7], { stride: 1 }),
      dropout('classifier.0', dropoutRate),
      conv3d('classifier.1', channels, numClasses, 1),
      globalAvgPool('mean'),
      flatten('flatten'),
    ],
  };
}
