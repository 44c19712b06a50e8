import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/lib/video-nn/analysis';
import { i3dInception, s3d } from '../../../src/lib/video-nn/spec';

const clip = (frames: number) => ({ channels: 3, frames, height: 224, width: 224 });

describe("S3D as torchvision builds it", () => {
  // https://pytorch.org/vision/stable/models/generated/torchvision.models.video.s3d.html:
  // num_params 8,320,048; GFLOPS 17.98 (G MACs) at 3×16×224×224.
  const a = analyze(s3d(), clip(16));

  it('has 8,320,048 parameters and 17.98 G MACs at 16×224×224', () => {
    expect(a.totals.params).toBe(8_320_048);
    expect((a.totals.macs / 1e9).toFixed(2)).toBe('17.98');
    expect(a.outputShape).toEqual([400]);
  });

  it('separates every 3×3×3 conv into 1×3×3 then 3×1×1 at the full output width', () => {
    const conv = (name: string) => a.rows.find((r) => r.name === name)!;
    expect(conv('features.5.branch1.1.0.0').outputShape).toEqual([128, 8, 28, 28]);
    expect(conv('features.5.branch1.1.1.0').params).toBe(128 * 128 * 3);
    expect(conv('features.5').outputShape).toEqual([256, 8, 28, 28]);
    expect(conv('features.15').outputShape).toEqual([1024, 2, 7, 7]);
  });

  it('runs down to its minimum of 14 frames', () => {
    expect(analyze(s3d(), clip(14)).outputShape).toEqual([400]);
  });
});

describe("I3D (Inception-v1, RGB) as DeepMind's reference builds it", () => {
  it('has 12,689,984 parameters with shift-only batch norm (OpenVINO i3d-rgb-tf: 12.69 M)', () => {
    expect(analyze(i3dInception(), clip(64)).totals.params).toBe(12_689_984);
  });

  it('has 12,697,264 with PyTorch-style scale-and-shift batch norm (7,280 more: one per BN channel)', () => {
    expect(analyze(i3dInception({ batchNorm: 'scaleAndShift' }), clip(64)).totals.params).toBe(12_697_264);
  });

  it("keeps time through the first two pools and follows TF 'SAME' sizes", () => {
    const a = analyze(i3dInception(), clip(64));
    const out = (name: string) => a.rows.find((r) => r.name === name)!.outputShape;
    expect(out('Conv3d_1a_7x7.conv_3d')).toEqual([64, 32, 112, 112]);
    expect(out('MaxPool3d_3a_3x3')).toEqual([192, 32, 28, 28]);
    expect(out('Mixed_3c')).toEqual([480, 32, 28, 28]);
    expect(out('MaxPool3d_4a_3x3')).toEqual([480, 16, 14, 14]);
    expect(out('Mixed_5c')).toEqual([1024, 8, 7, 7]);
    expect(out('Logits.AvgPool3d')).toEqual([1024, 7, 1, 1]);
    // At 79 frames: ⌈79/2⌉ = 40, then 20, then ⌈20/2⌉ = 10 as with 'SAME'.
    const b = analyze(i3dInception(), clip(79));
    expect(b.rows.find((r) => r.name === 'Mixed_5c')!.outputShape).toEqual([1024, 10, 7, 7]);
  });

  it('costs 111.15 G MACs at 64×224×224 (the paper quotes ~108 GFLOPs)', () => {
    expect((analyze(i3dInception(), clip(64)).totals.macs / 1e9).toFixed(2)).toBe('111.15');
  });
});
