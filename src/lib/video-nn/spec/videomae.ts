/**
 * VideoMAE's fine-tuned ViT-B (Tong et al., NeurIPS 2022), as the official code
 * builds it (MCG-NJU/VideoMAE, modeling_finetune.py, vit_base_patch16_224):
 * 2×16×16 tubelets embedded by a 3-D conv (16×224×224 → 8×14×14 = 1,568 tokens),
 * a fixed sin-cos position table (no parameters), 12 encoder blocks whose Q and V
 * projections have biases but K's has none, no class token: the tokens are
 * averaged, normalised (fc_norm) and classified. 86,534,800 parameters at 400
 * classes (the paper's "87M"). Pre-training masks 90% of the tubes; the
 * fine-tuned classifier sees all 1,568 tokens.
 */
import { conv3d, linear } from './layers';
import { encoderBlock, layerNorm, positionEmbedding, tokenPool, tokenize } from './tokenLayers';
import type { Layer, ModelSpec } from './types';

export interface VideoMaeOptions {
  numClasses?: number;
  frames?: number;
  crop?: number;
  tubelet?: readonly [number, number];
  width?: number;
  depth?: number;
  heads?: number;
}

export function videoMae(options: VideoMaeOptions = {}): ModelSpec {
  const frames = options.frames ?? 16;
  const crop = options.crop ?? 224;
  const [tt, patch] = options.tubelet ?? [2, 16];
  const width = options.width ?? 768;
  const heads = options.heads ?? 12;
  const tokens = Math.floor(frames / tt) * Math.floor(crop / patch) ** 2;
  const layers: Layer[] = [
    conv3d('patch_embed.proj', 3, width, [tt, patch, patch], { stride: [tt, patch, patch] }),
    tokenize('patch_embed.tokens'),
    positionEmbedding('pos_embed', 'sequence', tokens, width, { learned: false }),
    ...Array.from({ length: options.depth ?? 12 }, (_, i) => encoderBlock(`blocks.${i}`, { width, heads, qkvBias: 'qv' })),
    tokenPool('mean', 'mean'),
    layerNorm('fc_norm', width),
    linear('head', width, options.numClasses ?? 400),
  ];
  return {
    id: 'videomae_b',
    title: 'VideoMAE ViT-B/16 (fine-tuned)',
    defaultInput: { channels: 3, frames, height: crop, width: crop },
    layers,
  };
}
