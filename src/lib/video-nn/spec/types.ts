/**
 * Model specs: a small, typed, declarative graph of layers. A spec is plain data
 * (JSON-serialisable, no functions, no tfjs), so the same object can be analysed
 * at build time, drawn by a widget and built into a tfjs model — and the three can
 * never disagree (DESIGN.md, "a spec is the single source of truth").
 *
 * Conventions
 * - Volumes are channels-first, as in PyTorch: C×T×H×W for one clip (no batch).
 * - Kernels, strides and paddings are [t, h, w] triples. Padding is symmetric per
 *   axis (PyTorch's `padding=(pt, ph, pw)`), or 'same' for stride-1 convs with odd
 *   kernels. A 2-D convolution applied to every frame is a conv3d with kt = 1;
 *   early fusion is a conv3d whose kt spans the whole clip with no temporal padding.
 * - Layers state the channels they expect (`inChannels`, `channels`, `inFeatures`)
 *   so a spec documents itself and the analysis can reject a wiring mistake where
 *   it happens instead of somewhere downstream.
 * - Every layer has a `name`, unique within its model. The video ResNets use
 *   torchvision's module names (`layer2.0.conv1.0`) so weights map one to one.
 */

import type { TokenLayer } from './tokenTypes';

export type * from './tokenTypes';

/** [t, h, w] */
export type Triple = readonly [number, number, number];

/** Input of a model: one clip, channels first. */
export interface ClipShape {
  channels: number;
  frames: number;
  height: number;
  width: number;
}

interface Named {
  /** Unique within the model, e.g. `conv3a` or `layer2.0.conv1.0`. */
  name: string;
}

/** Convolution over (t, h, w). Weights: outChannels × inChannels/groups × kt × kh × kw. */
export interface Conv3dLayer extends Named {
  kind: 'conv3d';
  inChannels: number;
  outChannels: number;
  /** [kt, kh, kw] */
  kernel: Triple;
  /** Default [1, 1, 1]. */
  stride?: Triple;
  /** Zeros added on both sides of each axis; default [0, 0, 0]. */
  padding?: Triple | 'same';
  /** Default 1; 1 < groups = inChannels is a depthwise conv. */
  groups?: number;
  /** Whether the conv adds a learned bias per output channel (PyTorch's default: true). */
  bias: boolean;
}

/** Batch norm over channels: a learned scale and shift per channel (2C parameters;
 * the running mean and variance are statistics, not parameters, and are not counted). */
export interface BatchNorm3dLayer extends Named {
  kind: 'batchNorm3d';
  channels: number;
  /**
   * Default true. False: a learned shift only (C parameters), as in DeepMind's
   * Sonnet I3D, whose BatchNorm has an offset but no scale.
   */
  scale?: boolean;
}

export interface ReluLayer extends Named {
  kind: 'relu';
}

/** x · sigmoid(x) (X3D's activation inside its bottlenecks). */
export interface SwishLayer extends Named {
  kind: 'swish';
}

/** 1 / (1 + e^−x); the last step of a squeeze-and-excitation gate. */
export interface SigmoidLayer extends Named {
  kind: 'sigmoid';
}

export interface Pool3dLayer extends Named {
  kind: 'maxPool3d' | 'avgPool3d';
  kernel: Triple;
  /** Default: the kernel (non-overlapping windows), as in PyTorch. */
  stride?: Triple;
  padding?: Triple;
  /** Round the output size up instead of down (PyTorch's `ceil_mode`). */
  ceilMode?: boolean;
}

/** Average over all of T, H and W: C×T×H×W → C×1×1×1 (PyTorch's AdaptiveAvgPool3d(1)). */
export interface GlobalAvgPoolLayer extends Named {
  kind: 'globalAvgPool';
  /**
   * Average over H and W only, keeping every frame: C×T×H×W → C×T×1×1 (a 2-D
   * network's AdaptiveAvgPool2d(1) applied to each frame, as in TSN/TSM heads).
   */
  keepTime?: boolean;
}

/** C×T×H×W → one vector of C·T·H·W features. */
export interface FlattenLayer extends Named {
  kind: 'flatten';
}

export interface DropoutLayer extends Named {
  kind: 'dropout';
  /** Probability of zeroing an activation during training. */
  rate: number;
}

/**
 * Fully connected layer on a flat feature vector, or on every token of a token
 * sequence (a transformer's projections and MLP; MACs = tokens × in × out).
 */
export interface LinearLayer extends Named {
  kind: 'linear';
  inFeatures: number;
  outFeatures: number;
  bias: boolean;
  /** On tokens: leave the class tokens out (TimeSformer's temporal_fc acts on patch tokens only). */
  skipClassTokens?: boolean;
}

/**
 * TSM's temporal shift: `fraction` of the channels move one frame forward in time,
 * the same fraction one frame back, zero-padded at the ends. No weights, no MACs.
 */
export interface TemporalShiftLayer extends Named {
  kind: 'temporalShift';
  /** Per direction; TSM uses 1/8. */
  fraction: number;
}

/**
 * Folds time into channels: C×T×H×W → (C·factor)×(T/factor)×H×W. SlowFast's
 * "time-to-channel" lateral connection. No weights, no MACs.
 */
export interface TimeToChannelLayer extends Named {
  kind: 'timeToChannel';
  factor: number;
}

/** Layers that compute something themselves (the leaves of the graph). */
export type PrimitiveLayer =
  | TokenLayer
  | Conv3dLayer
  | BatchNorm3dLayer
  | ReluLayer
  | SwishLayer
  | SigmoidLayer
  | Pool3dLayer
  | GlobalAvgPoolLayer
  | FlattenLayer
  | DropoutLayer
  | LinearLayer
  | TemporalShiftLayer
  | TimeToChannelLayer;

/** Layers applied one after another; a name for a group (a stage, a stem). */
export interface SequentialLayer extends Named {
  kind: 'sequential';
  layers: readonly Layer[];
}

/**
 * output = activation(body(x) + shortcut(x)). Without a shortcut the input is added
 * unchanged (identity); with one (a 1×1×1 conv + BN in the video ResNets) it
 * projects the input to the body's shape. Both paths must give the same C×T×H×W.
 */
export interface ResidualLayer extends Named {
  kind: 'residual';
  body: readonly Layer[];
  shortcut?: readonly Layer[];
  /** Applied after the addition (the ResNet block's final ReLU). */
  activation?: 'relu';
}

/**
 * Inception-style: the same input goes through every branch and the outputs are
 * concatenated along channels. All branches must give the same T×H×W.
 */
export interface ConcatLayer extends Named {
  kind: 'concat';
  branches: readonly (readonly Layer[])[];
  /** The channels the concatenation should give (sum over branches); checked when present. */
  outChannels?: number;
}

/**
 * output = input ⊙ gate(input). The gate gives one weight per channel (C×1×1×1,
 * broadcast over T×H×W) or one per element (the input's shape). Squeeze-and-
 * excitation is a channel gate: global pool, 1×1×1 conv down, ReLU, 1×1×1 conv up,
 * sigmoid. Because the gate pools the whole input, every output depends on the
 * whole input: the receptive field becomes global.
 */
export interface ChannelGateLayer extends Named {
  kind: 'channelGate';
  gate: readonly Layer[];
}

/** One stage of a two-pathway network. */
export interface PathwayStage {
  name: string;
  slow: readonly Layer[];
  fast: readonly Layer[];
  /**
   * Optional lateral connection after the stage: applied to the Fast output and
   * concatenated (along channels) onto the Slow output, which must then have the
   * same T×H×W. `name` names the concatenation.
   */
  lateral?: { name: string; layers: readonly Layer[] };
}

/**
 * Two pathways over one clip (SlowFast): each samples every `frameStride`-th frame
 * of the input (clip[:, ::stride]), runs its own stages, receives lateral
 * connections from Fast to Slow, and the two final outputs are concatenated along
 * channels (so both must end at the same T×H×W, typically after a global pool each).
 */
export interface TwoPathwayLayer extends Named {
  kind: 'twoPathway';
  slowFrameStride: number;
  fastFrameStride: number;
  stages: readonly PathwayStage[];
}

export type CompositeLayer = SequentialLayer | ResidualLayer | ConcatLayer | ChannelGateLayer | TwoPathwayLayer;

export type Layer = PrimitiveLayer | CompositeLayer;

export type LayerKind = Layer['kind'];

/** A whole model: its layers and the clip it is usually given. */
export interface ModelSpec {
  /** Short identifier, e.g. `c3d`, `r2plus1d_18`. */
  id: string;
  /** Human-readable title. */
  title: string;
  /** The reference input (the one its published figures are measured at). */
  defaultInput: ClipShape;
  layers: readonly Layer[];
}
