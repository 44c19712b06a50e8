/**
 * ViViT's factorised encoder (Arnab et al., ICCV 2021, "Model 2"), as Scenic
 * builds it (scenic/projects/vivit/model.py, SpaceTimeViViT, with the
 * kinetics400/vivit_base_factorised_encoder config): 2×16×16 tubelets embedded
 * by a 3-D conv; a spatial ViT-B encoder (12 layers) runs on every frame's
 * 14×14 tokens with its own class token and a learned position embedding of
 * 196 + 1; each frame's class token goes to a temporal encoder (4 layers) with
 * another class token and position embedding (frames + 1); its class token
 * feeds the classifier. Each encoder ends in a LayerNorm. Scenic's attention has
 * biases on Q, K, V and the output, as timm's ViT.
 *
 * The reference input is 32 frames (the config's num_frames; ViViT's Kinetics
 * models all take 32): 16 × 14 × 14 = 3,136 tubelets. At 400 classes:
 * 115,062,928 parameters (ViViT's Table 2: 115.1M).
 */
import { conv3d, linear, sequential } from './layers';
import { classToken, encoderBlock, layerNorm, positionEmbedding, tokenPool, tokenize } from './tokenLayers';
import type { Layer, ModelSpec } from './types';

export interface VivitOptions {
  numClasses?: number;
  frames?: number;
  crop?: number;
  /** Tubelet [t, h = w]; default [2, 16]. */
  tubelet?: readonly [number, number];
  width?: number;
  heads?: number;
  spatialLayers?: number;
  temporalLayers?: number;
}

export function vivitFactorisedEncoder(options: VivitOptions = {}): ModelSpec {
  const frames = options.frames ?? 32;
  const crop = options.crop ?? 224;
  const [tt, patch] = options.tubelet ?? [2, 16];
  const width = options.width ?? 768;
  const heads = options.heads ?? 12;
  const gridT = Math.floor(frames / tt);
  const grid = Math.floor(crop / patch);
  const encoder = (name: string, depth: number): Layer[] => [
    ...Array.from({ length: depth }, (_, i) => encoderBlock(`${name}.encoderblock_${i}`, { width, heads })),
    layerNorm(`${name}.encoder_norm`, width),
  ];
  const layers: Layer[] = [
    conv3d('embedding', 3, width, [tt, patch, patch], { stride: [tt, patch, patch] }),
    tokenize('tokens', { perFrame: true }),
    sequential('SpatialTransformer', [
      classToken('cls_SpatialTransformer', width),
      positionEmbedding('SpatialTransformer.posembed_input', 'sequence', grid * grid + 1, width),
      ...encoder('SpatialTransformer', options.spatialLayers ?? 12),
      tokenPool('SpatialTransformer.cls', 'classToken'),
    ]),
    sequential('TemporalTransformer', [
      classToken('cls_TemporalTransformer', width),
      positionEmbedding('TemporalTransformer.posembed_input', 'sequence', gridT + 1, width),
      ...encoder('TemporalTransformer', options.temporalLayers ?? 4),
      tokenPool('TemporalTransformer.cls', 'classToken'),
    ]),
    linear('output_projection', width, options.numClasses ?? 400),
  ];
  return {
    id: 'vivit_b_fe',
    title: `ViViT-B/16×${tt} factorised encoder`,
    defaultInput: { channels: 3, frames, height: crop, width: crop },
    layers,
  };
}
