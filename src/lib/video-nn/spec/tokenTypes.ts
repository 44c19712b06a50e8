/**
 * Spec layers for token sequences (the video transformers) and skeleton graphs
 * (ST-GCN). Like every spec layer they are plain data; analysis/tokenPrimitives.ts
 * gives their shapes, parameters and MACs.
 *
 * Tokens. `tokenize` turns the C×T×H×W output of a patch (tubelet) embedding
 * conv into T·H·W tokens of width C and remembers the T×H×W grid, which the
 * attention patterns need. Class tokens are prepended to the sequence. A token
 * tensor is either one sequence for the whole clip ([tokens, width]) or, after
 * `tokenize` with `perFrame`, one sequence per frame ([frames, tokens, width]),
 * as in ViViT's factorised encoder, whose spatial transformer runs on every
 * frame separately.
 */

interface Named {
  name: string;
}

/** C×T×H×W → T·H·W tokens of width C (row-major over t, h, w), no parameters. */
export interface TokenizeLayer extends Named {
  kind: 'tokenize';
  /** One sequence per frame instead of one for the clip. */
  perFrame?: boolean;
}

/** Prepends one learned token (`width` parameters), to every sequence if there is one per frame. */
export interface ClassTokenLayer extends Named {
  kind: 'classToken';
  width: number;
}

/**
 * Position embedding added to the tokens: `count` vectors of `width`.
 * - 'sequence': one per token of a sequence, class tokens included (ViT, ViViT, VideoMAE);
 * - 'space': one per spatial position plus one per class token, shared by all
 *   frames (TimeSformer's pos_embed, 196 + 1);
 * - 'time': one per frame, shared by all positions (TimeSformer's time_embed).
 * `learned: false` is a fixed (sinusoidal) table: no parameters (VideoMAE).
 */
export interface PositionEmbeddingLayer extends Named {
  kind: 'positionEmbedding';
  axis: 'sequence' | 'space' | 'time';
  count: number;
  width: number;
  learned?: boolean;
}

/** LayerNorm over the width of each token or of a flat vector: scale and shift, 2·width parameters. */
export interface LayerNormLayer extends Named {
  kind: 'layerNorm';
  channels: number;
}

/** GELU activation (transformer MLPs): no parameters, no MACs. */
export interface GeluLayer extends Named {
  kind: 'gelu';
}

/**
 * Multi-head self-attention: a Q, K, V projection (width → 3·heads·headWidth),
 * softmax(Q·Kᵀ/√d)·V per head, and an output projection back to width.
 *
 * Patterns (which tokens attend to which):
 * - 'full': every token of a sequence attends to every token of that sequence;
 * - 'time': each token attends to the tokens at its own spatial position in every
 *   frame (TimeSformer's temporal step; class tokens skip it);
 * - 'space': each token attends to the tokens of its own frame, class tokens
 *   copied into every frame (TimeSformer's spatial step).
 *
 * MACs count the two projections (tokens × width × 3·inner and tokens × inner ×
 * width) and both attention matmuls, Q·Kᵀ and attention·V, each
 * entries × headWidth per head, so 2 × entries × inner in all, where `entries`
 * is the number of query–key pairs (analysis/attentionCosts.ts). The softmax and
 * the scaling are not counted.
 */
export interface AttentionLayer extends Named {
  kind: 'attention';
  width: number;
  heads: number;
  pattern: 'full' | 'time' | 'space';
  /** 'all': biases on Q, K and V (timm ViT); 'qv': on Q and V only (VideoMAE, BEiT); 'none'. */
  qkvBias: 'all' | 'qv' | 'none';
  /** Default width / heads. */
  headWidth?: number;
}

/**
 * Reduces tokens: 'classToken' keeps the (first) class token — of each frame when
 * there is one sequence per frame, giving one token per frame — and 'mean'
 * averages the patch tokens (class tokens excluded) into one flat vector.
 */
export interface TokenPoolLayer extends Named {
  kind: 'tokenPool';
  mode: 'classToken' | 'mean';
}

/**
 * ST-GCN's spatial graph convolution (ConvTemporalGraphical) on a skeleton
 * volume C×T×V×M (H = joints V, W = persons M): a 1×1 conv to `partitions` ×
 * outChannels, then for each partition a product with its V×V normalised
 * adjacency, summed over partitions. Parameters: the conv (and its bias) and,
 * with `edgeImportance`, a learned partitions×V×V mask (ST-GCN's edge importance
 * weighting). MACs: the conv, plus the aggregation (partitions × V MACs per
 * output element), counted like the attention matmuls.
 */
export interface GraphConvLayer extends Named {
  kind: 'graphConv';
  inChannels: number;
  outChannels: number;
  /** Adjacency subsets K: 3 for the spatial partitioning (root, centripetal, centrifugal). */
  partitions: number;
  joints: number;
  bias: boolean;
  edgeImportance: boolean;
}

/**
 * ST-GCN's data_bn: a batch norm over the input's C·V features (one mean, scale
 * and shift per coordinate of each joint), shared by frames and persons: 2·C·V
 * parameters.
 */
export interface JointBatchNormLayer extends Named {
  kind: 'jointBatchNorm';
  channels: number;
  joints: number;
}

export type TokenLayer =
  | TokenizeLayer
  | ClassTokenLayer
  | PositionEmbeddingLayer
  | LayerNormLayer
  | GeluLayer
  | AttentionLayer
  | TokenPoolLayer
  | GraphConvLayer
  | JointBatchNormLayer;
