/**
 * Constructors for the token and graph layers (tokenTypes.ts), and the
 * transformer building blocks shared by TimeSformer, ViViT and VideoMAE.
 */
import { linear, residual, sequential } from './layers';
import type {
  AttentionLayer,
  ClassTokenLayer,
  GeluLayer,
  GraphConvLayer,
  JointBatchNormLayer,
  Layer,
  LayerNormLayer,
  PositionEmbeddingLayer,
  TokenizeLayer,
  TokenPoolLayer,
} from './types';

export function tokenize(name: string, options: { perFrame?: boolean } = {}): TokenizeLayer {
  return { kind: 'tokenize', name, ...(options.perFrame ? { perFrame: true } : {}) };
}

export function classToken(name: string, width: number): ClassTokenLayer {
  return { kind: 'classToken', name, width };
}

export function positionEmbedding(
  name: string,
  axis: PositionEmbeddingLayer['axis'],
  count: number,
  width: number,
  options: { learned?: boolean } = {},
): PositionEmbeddingLayer {
  return { kind: 'positionEmbedding', name, axis, count, width, ...(options.learned === false ? { learned: false } : {}) };
}

export function layerNorm(name: string, channels: number): LayerNormLayer {
  return { kind: 'layerNorm', name, channels };
}

export function gelu(name: string): GeluLayer {
  return { kind: 'gelu', name };
}

export function attention(
  name: string,
  width: number,
  heads: number,
  pattern: AttentionLayer['pattern'] = 'full',
  options: { qkvBias?: AttentionLayer['qkvBias']; headWidth?: number } = {},
): AttentionLayer {
  return {
    kind: 'attention',
    name,
    width,
    heads,
    pattern,
    qkvBias: options.qkvBias ?? 'all',
    ...(options.headWidth !== undefined ? { headWidth: options.headWidth } : {}),
  };
}

export function tokenPool(name: string, mode: TokenPoolLayer['mode']): TokenPoolLayer {
  return { kind: 'tokenPool', name, mode };
}

export function graphConv(
  name: string,
  inChannels: number,
  outChannels: number,
  options: { partitions: number; joints: number; bias?: boolean; edgeImportance?: boolean },
): GraphConvLayer {
  return {
    kind: 'graphConv',
    name,
    inChannels,
    outChannels,
    partitions: options.partitions,
    joints: options.joints,
    bias: options.bias ?? true,
    edgeImportance: options.edgeImportance ?? true,
  };
}

export function jointBatchNorm(name: string, channels: number, joints: number): JointBatchNormLayer {
  return { kind: 'jointBatchNorm', name, channels, joints };
}

/** A transformer's MLP: fc1 (width → hidden), GELU, fc2 (hidden → width), both with bias. */
export function mlp(name: string, width: number, hidden: number): Layer[] {
  return [linear(`${name}.fc1`, width, hidden), gelu(`${name}.act`), linear(`${name}.fc2`, hidden, width)];
}

export interface EncoderBlockOptions {
  width: number;
  heads: number;
  /** MLP hidden width as a multiple of the width; default 4. */
  mlpRatio?: number;
  pattern?: AttentionLayer['pattern'];
  qkvBias?: AttentionLayer['qkvBias'];
}

/**
 * A pre-norm transformer encoder block (ViT; timm's Block): x + attn(norm1(x)),
 * then x + mlp(norm2(x)). Module names follow timm (`blocks.3.attn`, `blocks.3.mlp.fc1`).
 */
export function encoderBlock(name: string, o: EncoderBlockOptions): Layer {
  const hidden = Math.round((o.mlpRatio ?? 4) * o.width);
  return sequential(name, [
    residual(`${name}.attention`, [layerNorm(`${name}.norm1`, o.width), attention(`${name}.attn`, o.width, o.heads, o.pattern ?? 'full', { qkvBias: o.qkvBias ?? 'all' })]),
    residual(`${name}.feedforward`, [layerNorm(`${name}.norm2`, o.width), ...mlp(`${name}.mlp`, o.width, hidden)]),
  ]);
}
