import { describe, expect, it } from 'vitest';
import { analyze, attentionCost, SpecError } from '../../../src/lib/video-nn/analysis';
import {
  attention,
  classToken,
  conv3d,
  encoderBlock,
  globalAvgPool,
  layerNorm,
  linear,
  positionEmbedding,
  residual,
  tokenize,
  tokenPool,
  type Layer,
  type LinearLayer,
} from '../../../src/lib/video-nn/spec';

const clip = (channels: number, frames: number, height: number, width = height) => ({ channels, frames, height, width });
const embed = (width: number, t: number, p: number): Layer => conv3d('embed', 3, width, [t, p, p], { stride: [t, p, p] });

describe('token layers: shapes and parameters by hand', () => {
  it('a 2×16×16 tubelet embedding of 16×224×224 gives 8×14×14 = 1,568 tokens', () => {
    const a = analyze([embed(768, 2, 16), tokenize('tokens')], clip(3, 16, 224));
    expect(a.rows[0]!.params).toBe(768 * 3 * 2 * 16 * 16 + 768);
    expect(a.rows[0]!.macs).toBe(1568 * 768 * 3 * 2 * 16 * 16);
    expect(a.outputShape).toEqual([1568, 768]);
    expect(analyze([embed(768, 2, 16), tokenize('tokens', { perFrame: true })], clip(3, 16, 224)).outputShape).toEqual([8, 196, 768]);
  });

  it('a class token adds one token and `width` parameters; position embeddings count their table', () => {
    const a = analyze([embed(8, 1, 4), tokenize('t'), classToken('cls', 8), positionEmbedding('pos', 'space', 5, 8), positionEmbedding('time', 'time', 2, 8)], clip(3, 2, 8));
    expect(a.rows.map((r) => r.params).slice(2)).toEqual([8, 5 * 8, 2 * 8]);
    expect(a.outputShape).toEqual([1 + 2 * 4, 8]);
    const fixed = analyze([embed(8, 1, 4), tokenize('t'), positionEmbedding('pos', 'sequence', 8, 8, { learned: false })], clip(3, 2, 8));
    expect(fixed.totals.params).toBe(8 * 3 * 16 + 8);
  });

  it('attention: 4·D² + 4·D parameters (Q, K, V and output biases), 4·D² + 3·D with Q and V biases only', () => {
    const tokens = [embed(8, 1, 4), tokenize('t')];
    expect(analyze([...tokens, attention('attn', 8, 2)], clip(3, 2, 8)).rows[2]!.params).toBe(4 * 64 + 4 * 8);
    expect(analyze([...tokens, attention('attn', 8, 2, 'full', { qkvBias: 'qv' })], clip(3, 2, 8)).rows[2]!.params).toBe(4 * 64 + 3 * 8);
  });

  it('attention MACs: projections on every token plus Q·Kᵀ and attention·V (2 × entries × width)', () => {
    // 2×2×2 = 8 tokens of width 8, 2 heads of 4: qkv 8·8·24, Q·Kᵀ and A·V 2·64·8, output 8·8·8.
    const a = analyze([embed(8, 1, 4), tokenize('t'), attention('attn', 8, 2)], clip(3, 2, 8));
    const row = a.rows[2]!;
    expect(row.attentionEntries).toBe(64);
    expect(row.macs).toBe(8 * 8 * 24 + 2 * 64 * 8 + 8 * 8 * 8);
  });

  it('a linear layer acts on every token, or on the patch tokens only', () => {
    const skip: LinearLayer = { kind: 'linear', name: 'fc', inFeatures: 8, outFeatures: 8, bias: true, skipClassTokens: true };
    const base = [embed(8, 1, 4), tokenize('t'), classToken('cls', 8)];
    expect(analyze([...base, linear('fc', 8, 16)], clip(3, 2, 8)).rows[3]!.macs).toBe(9 * 8 * 16);
    expect(analyze([...base, skip], clip(3, 2, 8)).rows[3]!.macs).toBe(8 * 8 * 8);
  });

  it('pools tokens: the class token (per frame, then for the clip) or the mean', () => {
    const perFrame = [embed(8, 1, 4), tokenize('t', { perFrame: true }), classToken('cls', 8)];
    const a = analyze([...perFrame, tokenPool('frames', 'classToken'), tokenPool('mean', 'mean')], clip(3, 3, 8));
    expect(a.rows.find((r) => r.name === 'cls')!.outputShape).toEqual([3, 5, 8]);
    expect(a.rows.find((r) => r.name === 'frames')!.outputShape).toEqual([3, 8]);
    expect(a.outputShape).toEqual([8]);
  });

  it('a transformer block is two residual additions on tokens', () => {
    const a = analyze([embed(8, 1, 4), tokenize('t'), encoderBlock('b', { width: 8, heads: 2 })], clip(3, 2, 8));
    expect(a.rows.filter((r) => r.kind === 'residual').map((r) => r.outputShape)).toEqual([[8, 8], [8, 8]]);
    // norm1 + attention + norm2 + fc1 + fc2
    expect(a.totals.params - (8 * 3 * 16 + 8)).toBe(16 + (4 * 64 + 32) + 16 + (8 * 32 + 32) + (32 * 8 + 8));
  });

  it('keeps time when pooling each frame (a 2-D network head)', () => {
    expect(analyze([globalAvgPool('gap', { keepTime: true })], clip(4, 8, 7)).outputShape).toEqual([4, 8, 1, 1]);
  });
});

describe('attention rows agree with attentionCost (chapter 9)', () => {
  const grid = { frames: 8, height: 14, width: 14 };
  const patches = [embed(16, 1, 16), tokenize('t')];
  const input = clip(3, 8, 224);
  const entries = (layers: Layer[]) => analyze(layers, input).rows.find((r) => r.name === 'attn')!.attentionEntries;

  it('full attention over 1,568 tokens: 2,458,624 entries; with a class token 1,569²', () => {
    expect(entries([...patches, attention('attn', 16, 2)])).toBe(attentionCost(grid, 'full').entries);
    expect(entries([...patches, attention('attn', 16, 2)])).toBe(2_458_624);
    expect(entries([...patches, classToken('cls', 16), attention('attn', 16, 2)])).toBe(attentionCost(grid, 'full', { classTokens: 1 }).entries);
  });

  it('divided attention: temporal 12,544 and spatial 307,328 (8·197² with the class token copied into each frame)', () => {
    expect(entries([...patches, attention('attn', 16, 2, 'time')])).toBe(attentionCost(grid, 'divided').parts.temporal);
    expect(entries([...patches, attention('attn', 16, 2, 'space')])).toBe(attentionCost(grid, 'divided').parts.spatial);
    const withCls = [...patches, classToken('cls', 16)];
    expect(entries([...withCls, attention('attn', 16, 2, 'time')])).toBe(12_544);
    expect(entries([...withCls, attention('attn', 16, 2, 'space')])).toBe(attentionCost(grid, 'divided', { classTokens: 1 }).parts.spatial);
    expect(attentionCost(grid, 'divided', { classTokens: 1 }).parts.spatial).toBe(8 * 197 * 197);
  });

  it('factorised encoder: per-frame sequences, then one token per frame', () => {
    const spatial = [embed(16, 1, 16), tokenize('t', { perFrame: true }), classToken('cls', 16), attention('attn', 16, 2)];
    expect(entries(spatial)).toBe(attentionCost(grid, 'factorisedEncoder', { classTokens: 1 }).parts.spatial);
    const temporal: Layer[] = [embed(16, 1, 16), tokenize('t', { perFrame: true }), classToken('c0', 16), tokenPool('p', 'classToken'), classToken('c1', 16), attention('attn', 16, 2)];
    expect(entries(temporal)).toBe(attentionCost(grid, 'factorisedEncoder', { classTokens: 1 }).parts.temporal);
    expect(entries(temporal)).toBe(9 * 9);
  });

  it('temporal attention sees every frame, spatial attention the whole frame', () => {
    const a = analyze([...patches, attention('attn', 16, 2, 'time')], input);
    expect(a.rows[1]!.receptiveField).toEqual({ temporal: 1, spatial: 16 });
    expect(a.rows[2]!.receptiveField).toEqual({ temporal: 8, spatial: 16 });
    const b = analyze([...patches, attention('attn', 16, 2, 'space')], input);
    expect(b.rows[2]!.receptiveField).toEqual({ temporal: 1, spatial: 224 });
  });
});

describe('token layers reject bad specs, naming the layer', () => {
  const bad = (layers: Layer[], ...parts: (string | RegExp)[]) => {
    let error: unknown;
    try {
      analyze(layers, clip(3, 2, 8));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SpecError);
    for (const p of parts) expect((error as Error).message).toMatch(p);
  };

  it('wrong widths, counts and inputs', () => {
    const t = [embed(8, 1, 4), tokenize('t')];
    bad([...t, attention('attn', 16, 2)], '"attn"', /expects width 16 but receives 8/);
    bad([...t, positionEmbedding('pos', 'sequence', 9, 8)], '"pos"', /needs 8 positions, the layer has 9/);
    bad([...t, tokenPool('cls', 'classToken')], '"cls"', /no class token/);
    bad([layerNorm('ln', 3)], '"ln"', /tokens or a flat vector/);
    bad([attention('attn', 3, 1)], '"attn"', /needs tokens, got a 3×2×8×8 volume/);
    bad([...t, attention('attn', 8, 3)], /head width/);
    bad([...t, residual('res', [linear('fc', 8, 4)])], '"res"', /cannot add the body's tokens \[8, 4\] to the shortcut's tokens \[8, 8\]/);
  });
});
