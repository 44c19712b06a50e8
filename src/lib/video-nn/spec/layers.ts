/**
 * Small constructors for spec layers, so model builders read like the papers'
 * tables (`conv3d('conv1a', 3, 64, 3, { padding: 1 })`) instead of object soup.
 * They only fill in defaults; the result is the plain data described in types.ts.
 */
import type {
  BatchNorm3dLayer,
  ChannelGateLayer,
  ConcatLayer,
  Conv3dLayer,
  DropoutLayer,
  FlattenLayer,
  GlobalAvgPoolLayer,
  Layer,
  LinearLayer,
  Pool3dLayer,
  ReluLayer,
  ResidualLayer,
  SequentialLayer,
  SigmoidLayer,
  SwishLayer,
  TemporalShiftLayer,
  TimeToChannelLayer,
  Triple,
} from './types';

/** A single number means the same value on t, h and w. */
export type TripleLike = number | Triple;

export function triple(value: TripleLike): Triple {
  return typeof value === 'number' ? [value, value, value] : value;
}

export interface ConvOptions {
  stride?: TripleLike;
  padding?: TripleLike | 'same';
  groups?: number;
  /** Default true, as in PyTorch; the ResNets pass false because BN follows. */
  bias?: boolean;
}

export function conv3d(name: string, inChannels: number, outChannels: number, kernel: TripleLike, options: ConvOptions = {}): Conv3dLayer {
  const padding = options.padding ?? 0;
  return {
    kind: 'conv3d',
    name,
    inChannels,
    outChannels,
    kernel: triple(kernel),
    stride: triple(options.stride ?? 1),
    padding: padding === 'same' ? 'same' : triple(padding),
    groups: options.groups ?? 1,
    bias: options.bias ?? true,
  };
}

/**
 * A 2-D k×k convolution applied to every frame independently: a conv3d with a
 * 1×k×k kernel, spatial stride and padding only. Time is never mixed.
 */
export function conv2dPerFrame(
  name: string,
  inChannels: number,
  outChannels: number,
  kernel: number,
  options: { stride?: number; padding?: number; bias?: boolean } = {},
): Conv3dLayer {
  const stride = options.stride ?? 1;
  const padding = options.padding ?? 0;
  return conv3d(name, inChannels, outChannels, [1, kernel, kernel], {
    stride: [1, stride, stride],
    padding: [0, padding, padding],
    bias: options.bias ?? true,
  });
}

/** `scale: false` gives a shift-only norm (see BatchNorm3dLayer). */
export function batchNorm3d(name: string, channels: number, options: { scale?: boolean } = {}): BatchNorm3dLayer {
  return { kind: 'batchNorm3d', name, channels, ...(options.scale === false ? { scale: false } : {}) };
}

export function relu(name: string): ReluLayer {
  return { kind: 'relu', name };
}

export function swish(name: string): SwishLayer {
  return { kind: 'swish', name };
}

export function sigmoid(name: string): SigmoidLayer {
  return { kind: 'sigmoid', name };
}

export interface PoolOptions {
  /** Default: the kernel. */
  stride?: TripleLike;
  padding?: TripleLike;
  ceilMode?: boolean;
}

function pool(kind: Pool3dLayer['kind'], name: string, kernel: TripleLike, options: PoolOptions): Pool3dLayer {
  return {
    kind,
    name,
    kernel: triple(kernel),
    stride: triple(options.stride ?? kernel),
    padding: triple(options.padding ?? 0),
    ceilMode: options.ceilMode ?? false,
  };
}

export function maxPool3d(name: string, kernel: TripleLike, options: PoolOptions = {}): Pool3dLayer {
  return pool('maxPool3d', name, kernel, options);
}

export function avgPool3d(name: string, kernel: TripleLike, options: PoolOptions = {}): Pool3dLayer {
  return pool('avgPool3d', name, kernel, options);
}

/** `keepTime`: average each frame over H and W only (C×T×H×W → C×T×1×1). */
export function globalAvgPool(name: string, options: { keepTime?: boolean } = {}): GlobalAvgPoolLayer {
  return { kind: 'globalAvgPool', name, ...(options.keepTime ? { keepTime: true } : {}) };
}

export function flatten(name: string): FlattenLayer {
  return { kind: 'flatten', name };
}

export function dropout(name: string, rate: number): DropoutLayer {
  return { kind: 'dropout', name, rate };
}

export function linear(name: string, inFeatures: number, outFeatures: number, bias = true): LinearLayer {
  return { kind: 'linear', name, inFeatures, outFeatures, bias };
}

export function temporalShift(name: string, fraction = 1 / 8): TemporalShiftLayer {
  return { kind: 'temporalShift', name, fraction };
}

export function timeToChannel(name: string, factor: number): TimeToChannelLayer {
  return { kind: 'timeToChannel', name, factor };
}

export function sequential(name: string, layers: readonly Layer[]): SequentialLayer {
  return { kind: 'sequential', name, layers };
}

export function residual(
  name: string,
  body: readonly Layer[],
  options: { shortcut?: readonly Layer[]; activation?: 'relu' } = {},
): ResidualLayer {
  return {
    kind: 'residual',
    name,
    body,
    ...(options.shortcut ? { shortcut: options.shortcut } : {}),
    ...(options.activation ? { activation: options.activation } : {}),
  };
}

export function concat(name: string, branches: readonly (readonly Layer[])[], outChannels?: number): ConcatLayer {
  return { kind: 'concat', name, branches, ...(outChannels !== undefined ? { outChannels } : {}) };
}

export function channelGate(name: string, gate: readonly Layer[]): ChannelGateLayer {
  return { kind: 'channelGate', name, gate };
}
