/**
 * C3D (Tran et al., ICCV 2015), as in the public reference implementation
 * (mmaction2's C3D backbone + a linear head): eight 3×3×3 convolutions with
 * padding 1 and biases, no batch norm; max pools 2×2×2 except pool1 (1×2×2, which
 * keeps every frame for the first layers); pool5 padded (0, 1, 1) so a 16×112×112
 * clip ends at 512×1×4×4 = 8,192 features; fc6 and fc7 of 4,096; fc8 to the classes.
 */
import { conv3d, dropout, flatten, linear, maxPool3d, relu } from './layers';
import type { Layer, ModelSpec } from './types';

export interface C3dOptions {
  /** 101 for UCF-101 (mmaction2's model), 487 for Sports-1M (the paper's). */
  numClasses: number;
  /** Dropout after fc6 and fc7 (mmaction2: 0.5). */
  dropoutRate?: number;
}

/** A 3×3×3 conv with padding 1 and bias, followed by its ReLU. */
function convRelu(name: string, inChannels: number, outChannels: number): Layer[] {
  return [conv3d(name, inChannels, outChannels, 3, { padding: 1 }), relu(`${name}.relu`)];
}

export function c3d({ numClasses, dropoutRate = 0.5 }: C3dOptions): ModelSpec {
  const layers: Layer[] = [
    ...convRelu('conv1a', 3, 64),
    maxPool3d('pool1', [1, 2, 2]),
    ...convRelu('conv2a', 64, 128),
    maxPool3d('pool2', 2),
    ...convRelu('conv3a', 128, 256),
    ...convRelu('conv3b', 256, 256),
    maxPool3d('pool3', 2),
    ...convRelu('conv4a', 256, 512),
    ...convRelu('conv4b', 512, 512),
    maxPool3d('pool4', 2),
    ...convRelu('conv5a', 512, 512),
    ...convRelu('conv5b', 512, 512),
    maxPool3d('pool5', 2, { padding: [0, 1, 1] }),
    flatten('flatten'),
    linear('fc6', 8192, 4096),
    relu('fc6.relu'),
    dropout('fc6.dropout', dropoutRate),
    linear('fc7', 4096, 4096),
    relu('fc7.relu'),
    dropout('fc7.dropout', dropoutRate),
    linear('fc8', 4096, numClasses),
  ];
  return {
    id: numClasses === 101 ? 'c3d' : numClasses === 487 ? 'c3d_sports1m' : `c3d_${numClasses}classes`,
    title: `C3D (${numClasses} classes)`,
    defaultInput: { channels: 3, frames: 16, height: 112, width: 112 },
    layers,
  };
}

/** mmaction2's UCF-101 model (101 classes). */
export const c3dUcf101 = (): ModelSpec => c3d({ numClasses: 101 });

/** The paper's Sports-1M model (487 classes). */
export const c3dSports1m = (): ModelSpec => c3d({ numClasses: 487 });
