import { describe, expect, it } from 'vitest';
import { analyze, attentionCost, subtotal } from '../../../src/lib/video-nn/analysis';
import { timesformer, videoMae, vivitFactorisedEncoder } from '../../../src/lib/video-nn/spec';

const D = 768;
/** timm's ViT-B block: two LayerNorms, Q/K/V/output projections with biases, MLP 768 → 3072 → 768. */
const VIT_BLOCK = 2 * 2 * D + (4 * D * D + 4 * D) + (D * 4 * D + 4 * D) + (4 * D * D + D);
const HEAD_400 = D * 400 + 400;

describe('TimeSformer-B (divided space-time), as the official code builds it', () => {
  const a = analyze(timesformer());
  const row = (name: string) => a.rows.find((r) => r.name === name)!;

  it('has 121,566,352 parameters: a ViT-B block plus temporal norm, attention and fc per block', () => {
    expect(VIT_BLOCK).toBe(7_087_872);
    const temporal = 2 * D + (4 * D * D + 4 * D) + (D * D + D);
    expect(subtotal(a, 'blocks.0').params).toBe(VIT_BLOCK + temporal);
    expect(subtotal(a, 'blocks.0').params).toBe(10_042_368);
    const embeddings = (D * 3 * 16 * 16 + D) + D + 197 * D + 8 * D;
    expect(a.totals.params).toBe(embeddings + 12 * 10_042_368 + 2 * D + HEAD_400);
    expect(a.totals.params).toBe(121_566_352);
  });

  it("the paper's 121.4 M is the same network with Something-Something v2's 174 classes", () => {
    const ssv2 = analyze(timesformer({ numClasses: 174 })).totals.params;
    expect(ssv2).toBe(121_392_558);
    expect((ssv2 / 1e6).toFixed(1)).toBe('121.4');
    // Joint and space-only variants: mmaction2's 86.11 M at 400 classes, the paper's 85.9 M at 174.
    expect(analyze(timesformer({ attention: 'jointSpaceTime' })).totals.params).toBe(86_112_400);
    expect(analyze(timesformer({ attention: 'spaceOnly' })).totals.params).toBe(86_106_256);
    expect((analyze(timesformer({ attention: 'spaceOnly', numClasses: 174 })).totals.params / 1e6).toFixed(1)).toBe('85.9');
  });

  it('per block: temporal step on 1,568 tokens, spatial on 8 × 197, MLP on 1,569', () => {
    expect(row('blocks.0.temporal_attn').macs).toBe(1568 * D * 3 * D + 2 * 12_544 * D + 1568 * D * D);
    expect(row('blocks.0.temporal_fc').macs).toBe(1568 * D * D);
    expect(row('blocks.0.attn').macs).toBe(8 * 197 * D * 3 * D + 2 * 8 * 197 * 197 * D + 8 * 197 * D * D);
    expect(subtotal(a, 'blocks.0').macs).toBe(16_242_094_080);
    expect(a.totals.macs).toBe(1568 * D * 3 * 256 + 12 * 16_242_094_080 + D * 400);
    // 3 crops: 0.59 T, the paper's inference cost.
    expect(((3 * a.totals.macs) / 1e12).toFixed(2)).toBe('0.59');
  });

  it('its attention rows carry the divided counts of attentionCost', () => {
    const grid = { frames: 8, height: 14, width: 14 };
    expect(row('blocks.11.temporal_attn').attentionEntries).toBe(attentionCost(grid, 'divided').parts.temporal);
    expect(row('blocks.11.attn').attentionEntries).toBe(attentionCost(grid, 'divided', { classTokens: 1 }).parts.spatial);
    expect(row('cls').outputShape).toEqual([D]);
    expect(a.outputShape).toEqual([400]);
  });
});

describe("ViViT-B factorised encoder, as Scenic builds it", () => {
  const a = analyze(vivitFactorisedEncoder());
  const row = (name: string) => a.rows.find((r) => r.name === name)!;

  it('has 115,062,928 parameters at 32 frames (115.1 M)', () => {
    const embedding = D * 3 * 2 * 16 * 16 + D;
    const spatial = D + 197 * D + 12 * VIT_BLOCK + 2 * D;
    const temporal = D + 17 * D + 4 * VIT_BLOCK + 2 * D;
    // Scenic keeps each class token at the top level (cls_SpatialTransformer), outside the encoder's subtotal.
    expect(subtotal(a, 'SpatialTransformer').params).toBe(spatial - D);
    expect(subtotal(a, 'TemporalTransformer').params).toBe(temporal - D);
    expect(a.totals.params).toBe(embedding + spatial + temporal + HEAD_400);
    expect(a.totals.params).toBe(115_062_928);
  });

  it('runs the spatial encoder on 16 frames of 197 tokens and the temporal one on 17 tokens', () => {
    expect(row('SpatialTransformer.encoderblock_0.attention').outputShape).toEqual([16, 197, D]);
    expect(row('SpatialTransformer.cls').outputShape).toEqual([16, D]);
    expect(row('TemporalTransformer.encoderblock_0.attention').outputShape).toEqual([17, D]);
    const grid = { frames: 16, height: 14, width: 14 };
    const fe = attentionCost(grid, 'factorisedEncoder', { classTokens: 1 });
    expect(row('SpatialTransformer.encoderblock_0.attn').attentionEntries).toBe(fe.parts.spatial);
    expect(row('TemporalTransformer.encoderblock_0.attn').attentionEntries).toBe(fe.parts.temporal);
    expect((a.totals.macs / 1e9).toFixed(2)).toBe('283.34');
  });
});

describe('VideoMAE ViT-B (fine-tuned), as the official code builds it', () => {
  const a = analyze(videoMae());

  it('has 86,534,800 parameters: no K bias, no class token, fixed position table (87 M)', () => {
    const block = VIT_BLOCK - D; // Q and V biases only
    expect(a.totals.params).toBe(D * 3 * 2 * 256 + D + 12 * block + 2 * D + HEAD_400);
    expect(a.totals.params).toBe(86_534_800);
    expect(a.rows.find((r) => r.name === 'pos_embed')!.params).toBe(0);
  });

  it('encodes 1,568 tokens: 180.34 G MACs (the paper: 180 GFLOPs)', () => {
    const N = 1568;
    const block = N * D * 3 * D + 2 * N * N * D + N * D * D + 2 * N * D * 4 * D;
    expect(a.totals.macs).toBe(N * D * 3 * 2 * 256 + 12 * block + D * 400);
    expect((a.totals.macs / 1e9).toFixed(2)).toBe('180.34');
    expect(a.rows.find((r) => r.name === 'blocks.0.attn')!.attentionEntries).toBe(attentionCost({ frames: 8, height: 14, width: 14 }, 'full').entries);
  });
});
