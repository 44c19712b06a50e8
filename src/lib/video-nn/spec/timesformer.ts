/**
 * TimeSformer (Bertasius, Wang & Torresani, ICML 2021) as the official code builds
 * it (facebookresearch/TimeSformer, timesformer/models/vit.py): a ViT-B/16 on
 * 16×16 patches of every frame, with a class token, a learned spatial position
 * embedding (196 + 1 for the class token) and a learned temporal one (one per
 * frame).
 *
 * Attention variants:
 * - 'divided' (default): each block adds a temporal step before the spatial one:
 *   temporal_norm1 → temporal attention over the frames at one position (class
 *   token left out) → temporal_fc, added to the patch tokens; then norm1 →
 *   spatial attention within each frame (the class token copied into every
 *   frame) → added; then the MLP. 12 × 10,042,368 block parameters.
 * - 'jointSpaceTime': every token attends to all 1 + T·196 tokens.
 * - 'spaceOnly': frames are independent sequences with their own class token;
 *   the class tokens are averaged over frames at the end.
 *
 * At 400 classes the divided model has 121,566,352 parameters (mmaction2's
 * metafile: "122M"); the paper's 121.4M is the same network with a 174-class
 * head (Something-Something v2): 121,392,558. Joint and space-only: 86,112,400 and
 * 86,106,256 (mmaction2: 86.11M each).
 */
import { conv3d, linear, residual, sequential } from './layers';
import { attention, classToken, encoderBlock, layerNorm, mlp, positionEmbedding, tokenPool, tokenize } from './tokenLayers';
import type { Layer, LinearLayer, ModelSpec } from './types';

export type TimesformerAttention = 'divided' | 'jointSpaceTime' | 'spaceOnly';

export interface TimesformerOptions {
  attention?: TimesformerAttention;
  numClasses?: number;
  frames?: number;
  /** Square crop; default 224. */
  crop?: number;
  patch?: number;
  width?: number;
  depth?: number;
  heads?: number;
}

/** One divided space-time block (names as in the official Block). */
function dividedBlock(name: string, width: number, heads: number): Layer {
  const temporalFc: LinearLayer = { kind: 'linear', name: `${name}.temporal_fc`, inFeatures: width, outFeatures: width, bias: true, skipClassTokens: true };
  return sequential(name, [
    residual(`${name}.temporal`, [layerNorm(`${name}.temporal_norm1`, width), attention(`${name}.temporal_attn`, width, heads, 'time'), temporalFc]),
    residual(`${name}.spatial`, [layerNorm(`${name}.norm1`, width), attention(`${name}.attn`, width, heads, 'space')]),
    residual(`${name}.feedforward`, [layerNorm(`${name}.norm2`, width), ...mlp(`${name}.mlp`, width, 4 * width)]),
  ]);
}

export function timesformer(options: TimesformerOptions = {}): ModelSpec {
  const kind = options.attention ?? 'divided';
  const frames = options.frames ?? 8;
  const crop = options.crop ?? 224;
  const patch = options.patch ?? 16;
  const width = options.width ?? 768;
  const depth = options.depth ?? 12;
  const heads = options.heads ?? 12;
  const numClasses = options.numClasses ?? 400;
  const grid = Math.floor(crop / patch);
  const spaceOnly = kind === 'spaceOnly';
  const layers: Layer[] = [
    conv3d('patch_embed.proj', 3, width, [1, patch, patch], { stride: [1, patch, patch] }),
    tokenize('patch_embed.tokens', { perFrame: spaceOnly }),
    classToken('cls_token', width),
    positionEmbedding('pos_embed', spaceOnly ? 'sequence' : 'space', grid * grid + 1, width),
    ...(spaceOnly ? [] : [positionEmbedding('time_embed', 'time', frames, width)]),
  ];
  for (let i = 0; i < depth; i++) {
    const name = `blocks.${i}`;
    layers.push(kind === 'divided' ? dividedBlock(name, width, heads) : encoderBlock(name, { width, heads }));
  }
  layers.push(
    layerNorm('norm', width),
    // Space-only: each frame's class token, then their mean; otherwise the one class token.
    ...(spaceOnly ? [tokenPool('frame_cls', 'classToken'), tokenPool('mean_over_frames', 'mean')] : [tokenPool('cls', 'classToken')]),
    linear('head', width, numClasses),
  );
  const titles: Record<TimesformerAttention, string> = { divided: 'divided space-time', jointSpaceTime: 'joint space-time', spaceOnly: 'space only' };
  return {
    id: kind === 'divided' ? 'timesformer_b' : `timesformer_b_${kind === 'spaceOnly' ? 'space' : 'joint'}`,
    title: `TimeSformer-B (${titles[kind]})`,
    defaultInput: { channels: 3, frames, height: crop, width: crop },
    layers,
  };
}
