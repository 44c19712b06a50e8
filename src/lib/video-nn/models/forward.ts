/**
 * The forward pass: walks a spec's layer graph and applies each layer to an
 * N×T×H×W×C clip batch, an N×F batch of feature vectors after a flatten, or
 * token sequences (tokenOps.ts). The spec is the program; this is its
 * interpreter, so a model cannot compute anything its spec (and hence its
 * analysis) does not describe.
 */
import * as tf from '@tensorflow/tfjs-core';
import { DEFAULT_BN_EPSILON } from '../layers/batchNorm';
import { temporalShift } from '../layers/temporalShift';
import { timeToChannel } from '../layers/slowFastFusion';
import type { Layer, PrimitiveLayer, TwoPathwayLayer } from '../spec/types';
import { flattenChannelsFirst, sampleFrames, specConv3d, specPool3d } from './ops';
import { hashSeed } from './random';
import { unsupportedKind } from './params';
import * as tokens from './tokenOps';
import type { Value } from './tokenOps';

export interface ForwardContext {
  /** Looks up a variable by its spec name (`conv1.weight`). */
  variable: (name: string) => tf.Variable;
  /** Fixed tensors that are not weights: graph adjacencies, sin-cos tables (`<layer>.adjacency`, `<layer>.table`). */
  constant: (name: string) => tf.Tensor;
  /** 'inference': BN uses running statistics, dropout is the identity. */
  mode: 'inference' | 'training';
  /** Training: seed of this call's dropout masks. */
  dropoutSeed?: number;
  /** Training: update BN running statistics with this momentum (PyTorch's 0.1); undefined leaves them. */
  momentum?: number | undefined;
}

export function runLayers(layers: readonly Layer[], value: Value, ctx: ForwardContext): Value {
  let v = value;
  for (const layer of layers) v = runLayer(layer, v, ctx);
  return v;
}

function runLayer(layer: Layer, v: Value, ctx: ForwardContext): Value {
  const volume = (x: tf.Tensor): Value => ({ x });
  switch (layer.kind) {
    case 'sequential':
      return runLayers(layer.layers, v, ctx);
    case 'residual': {
      const body = runLayers(layer.body, v, ctx);
      const sum = tf.add(body.x, layer.shortcut ? runLayers(layer.shortcut, v, ctx).x : v.x);
      return { x: layer.activation === 'relu' ? tf.relu(sum) : sum, tokens: body.tokens };
    }
    case 'concat':
      return volume(tf.concat(layer.branches.map((branch) => runLayers(branch, v, ctx).x), 4));
    case 'channelGate':
      return volume(tf.mul(v.x, runLayers(layer.gate, v, ctx).x));
    case 'twoPathway':
      return volume(runTwoPathway(layer, v.x as tf.Tensor5D, ctx));
    default:
      return runPrimitive(layer, v, ctx);
  }
}

/** SlowFast: sample both pathways from one clip, run stage by stage, fuse Fast into Slow after each stage. */
function runTwoPathway(layer: TwoPathwayLayer, x: tf.Tensor5D, ctx: ForwardContext): tf.Tensor {
  let slow: Value = { x: sampleFrames(x, layer.slowFrameStride) };
  let fast: Value = { x: sampleFrames(x, layer.fastFrameStride) };
  for (const stage of layer.stages) {
    slow = runLayers(stage.slow, slow, ctx);
    fast = runLayers(stage.fast, fast, ctx);
    if (stage.lateral) slow = { x: tf.concat([slow.x, runLayers(stage.lateral.layers, fast, ctx).x], 4) };
  }
  return tf.concat([slow.x, fast.x], slow.x.rank - 1);
}

function runPrimitive(layer: PrimitiveLayer, v: Value, ctx: ForwardContext): Value {
  const x = v.x;
  const same = (y: tf.Tensor): Value => ({ x: y, tokens: v.tokens });
  const variable = (name: string) => ctx.variable(name);
  const own = (suffix: string) => ctx.variable(`${layer.name}.${suffix}`);
  switch (layer.kind) {
    case 'conv3d':
      return { x: specConv3d(layer, x as tf.Tensor5D, own('weight') as tf.Tensor5D, layer.bias ? (own('bias') as tf.Tensor1D) : undefined) };
    case 'batchNorm3d':
      return { x: normalise(layer.name, x, ctx, layer.scale === false ? tf.ones([layer.channels]) : own('scale')) };
    case 'relu':
      return same(tf.relu(x));
    case 'swish':
      return same(tf.mul(x, tf.sigmoid(x)));
    case 'sigmoid':
      return same(tf.sigmoid(x));
    case 'maxPool3d':
    case 'avgPool3d':
      return { x: specPool3d(layer, x as tf.Tensor5D) };
    case 'globalAvgPool':
      // keepTime: a 2-D network's per-frame pool (TSN/TSM heads) keeps the T axis.
      return { x: tf.mean(x, layer.keepTime ? [2, 3] : [1, 2, 3], true) };
    case 'flatten':
      // Tokens flatten in their [S, L, D] order; volumes channels first, as PyTorch.
      return { x: v.tokens ? tf.reshape(x, [x.shape[0]!, -1]) : flattenChannelsFirst(x) };
    case 'dropout':
      if (ctx.mode === 'inference' || layer.rate === 0) return v;
      return same(tf.dropout(x, layer.rate, undefined, hashSeed(ctx.dropoutSeed ?? 0, layer.name)));
    case 'linear': {
      if (v.tokens) return tokens.tokenLinear(layer, v, variable);
      const y = tf.matMul(x as tf.Tensor2D, own('weight') as tf.Tensor2D);
      return { x: layer.bias ? tf.add(y, own('bias')) : y };
    }
    case 'temporalShift': {
      if (layer.fraction === 0) return v;
      const foldDiv = Math.round(1 / layer.fraction);
      if (Math.abs(foldDiv * layer.fraction - 1) > 1e-9) {
        throw new Error(`Layer "${layer.name}": temporal shift fraction must be 1/k for a whole k, got ${layer.fraction}`);
      }
      return { x: temporalShift(x as tf.Tensor5D, { foldDiv }) };
    }
    case 'timeToChannel':
      return { x: timeToChannel(x as tf.Tensor5D, layer.factor) };
    case 'tokenize':
      return tokens.tokenize(x, layer.perFrame ?? false);
    case 'classToken':
      return tokens.classToken(v, own('weight'));
    case 'positionEmbedding':
      return tokens.positionEmbedding(layer, v, (layer.learned === false ? ctx.constant(`${layer.name}.table`) : own('weight')) as tf.Tensor2D);
    case 'layerNorm':
      return tokens.layerNorm(layer, v, variable);
    case 'gelu':
      return tokens.gelu(v);
    case 'attention':
      return tokens.attention(layer, v, variable);
    case 'tokenPool':
      return tokens.tokenPool(layer, v);
    case 'graphConv':
      return { x: tokens.graphConvLayer(layer, x, variable, ctx.constant(`${layer.name}.adjacency`)) };
    case 'jointBatchNorm':
      return { x: tokens.jointBatchNorm(layer, x, (rows) => normalise(layer.name, rows, ctx, own('scale'))) };
    default:
      throw unsupportedKind(layer);
  }
}

/**
 * Batch norm over the last axis. Inference: running statistics. Training: the
 * batch's statistics over every other axis (biased variance), and the running
 * ones updated as PyTorch does (momentum, unbiased variance).
 */
function normalise(name: string, x: tf.Tensor, ctx: ForwardContext, scale: tf.Tensor): tf.Tensor {
  const shift = ctx.variable(`${name}.shift`);
  const runningMean = ctx.variable(`${name}.runningMean`);
  const runningVar = ctx.variable(`${name}.runningVar`);
  const channels = x.shape[x.rank - 1]!;
  // Rank 4 for tfjs's batch-norm gradient, which handles at most four dimensions.
  const rows = tf.reshape(x, [-1, 1, 1, channels]) as tf.Tensor4D;
  if (ctx.mode === 'inference') return tf.reshape(tf.batchNorm(rows, runningMean, runningVar, shift, scale, DEFAULT_BN_EPSILON), x.shape);
  const { mean, variance } = tf.moments(rows, [0, 1, 2]);
  if (ctx.momentum !== undefined) {
    const m = ctx.momentum;
    const count = x.size / channels;
    const unbiased = count > 1 ? count / (count - 1) : 1;
    runningMean.assign(tf.tidy(() => tf.add(tf.mul(runningMean, 1 - m), tf.mul(mean, m))));
    runningVar.assign(tf.tidy(() => tf.add(tf.mul(runningVar, 1 - m), tf.mul(variance, m * unbiased))));
  }
  return tf.reshape(tf.batchNorm(rows, mean, variance, shift, scale, DEFAULT_BN_EPSILON), x.shape);
}
