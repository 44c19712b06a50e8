import { describe, expect, it } from 'vitest';
import { analyze, mmcvFlops, subtotal } from '../../../src/lib/video-nn/analysis';
import { i3dR50, r2plus1d18, r2plus1dBlock, resnet2d, slowR50, tsmR50, twoStreamResNet18, type Conv3dLayer } from '../../../src/lib/video-nn/spec';

describe("I3D-R50 as mmaction2's ResNet3d builds it (i3d_r50_32x2x1)", () => {
  const a = analyze(i3dR50());
  const row = (name: string) => a.rows.find((r) => r.name === name)!;

  it("has the metafile's 28,043,472 parameters and, in mmcv's counting, 43,564,040,192 at 32×256×256", () => {
    expect(a.input).toEqual({ channels: 3, frames: 32, height: 256, width: 256 });
    expect(a.totals.params).toBe(28_043_472);
    expect(mmcvFlops(a)).toBe(43_564_040_192);
    expect((a.totals.macs / 1e9).toFixed(2)).toBe('43.27');
  });

  it('strides time in the stem and its pool, and pools time once more after res2: 32 → 16 → 8 → 4', () => {
    expect(row('conv1.conv').outputShape).toEqual([64, 16, 128, 128]);
    expect(row('maxpool').outputShape).toEqual([64, 8, 64, 64]);
    expect(row('pool2').outputShape).toEqual([256, 4, 64, 64]);
    expect(row('layer4.2').outputShape).toEqual([2048, 4, 8, 8]);
  });

  it('inflates conv1 to 3×1×1 in every other block of res3 and res4, and in the middle block of res5', () => {
    const kernelT = (name: string) => (row(`${name}.conv1.conv`).layer as Conv3dLayer).kernel[0];
    expect(['layer2.0', 'layer2.1', 'layer2.2', 'layer2.3'].map(kernelT)).toEqual([3, 1, 3, 1]);
    expect(['layer4.0', 'layer4.1', 'layer4.2'].map(kernelT)).toEqual([1, 3, 1]);
  });
});

describe('Slow-R50 (SlowOnly)', () => {
  it('has 32,454,096 parameters and 54.52 G MACs at 8×256×256 (pytorchvideo)', () => {
    const a = analyze(slowR50());
    expect(a.totals.params).toBe(32_454_096);
    expect((a.totals.macs / 1e9).toFixed(2)).toBe('54.52');
    expect(a.rows.find((r) => r.name === 'layer4.2')!.outputShape).toEqual([2048, 8, 8, 8]);
  });

  it('is the Slow pathway of SlowFast without the lateral inputs: temporal kernels only in res4 and res5', () => {
    const a = analyze(slowR50());
    const kt = (name: string) => (a.rows.find((r) => r.name === name)!.layer as Conv3dLayer).kernel[0];
    expect([kt('conv1.conv'), kt('layer2.0.conv1.conv'), kt('layer3.0.conv1.conv'), kt('layer4.0.conv1.conv')]).toEqual([1, 1, 3, 3]);
  });
});

describe("TSM-R50 as mmaction2 builds it (tsm_r50_1x1x8)", () => {
  const a = analyze(tsmR50());

  it("has the metafile's 24,327,632 parameters and 32,965,562,368 in mmcv's counting", () => {
    expect(a.totals.params).toBe(24_327_632);
    expect(mmcvFlops(a)).toBe(32_965_562_368);
  });

  it('classifies each of the 8 segments: the Diving-48 model (48 classes) differs by 352 × 8 × 2,048', () => {
    const diving = analyze(tsmR50({ numClasses: 48 }));
    expect(diving.totals.params).toBe(23_606_384);
    expect(mmcvFlops(diving)).toBe(32_959_795_200);
    expect(a.rows.find((r) => r.name === 'fc')!.macs).toBe(8 * 2048 * 400);
    expect(a.outputShape).toEqual([400]);
  });

  it('the shifts cost nothing but widen the temporal receptive field by one frame each way', () => {
    const shifts = a.rows.filter((r) => r.kind === 'temporalShift');
    expect(shifts).toHaveLength(16);
    expect(shifts.every((r) => r.params === 0 && r.macs === 0)).toBe(true);
    expect(a.rows.find((r) => r.name === 'layer1.0.shift')!.receptiveField.temporal).toBe(3);
    expect(a.rows.find((r) => r.name === 'layer4.2.shift')!.receptiveField.temporal).toBe(8);
    // Without the shifts it is a per-frame ResNet-50: the same parameters and MACs.
    const tsn = analyze(resnet2d({ depth: 50, numClasses: 400, frames: 8, head: 'segments' }));
    expect(tsn.totals).toEqual(a.totals);
  });
});

describe("2-D ResNets match torchvision's", () => {
  it.each([
    [18, 11_689_512, '1.81'],
    [50, 25_557_032, '4.09'],
  ] as const)('resnet%i: %i parameters, %s G MACs at 224×224', (depth, params, gmacs) => {
    const a = analyze(resnet2d({ depth }));
    expect(a.totals.params).toBe(params);
    expect((a.totals.macs / 1e9).toFixed(2)).toBe(gmacs);
  });
});

describe('the teaching models of chapters 3 and 6', () => {
  it('two-stream ResNet-18: only the first conv differs, 20·64·7·7 = 62,720 weights against 3·64·7·7', () => {
    const { spatial, temporal } = twoStreamResNet18();
    const rgb = analyze(spatial);
    const flow = analyze(temporal);
    const conv1 = (x: typeof rgb) => x.rows.find((r) => r.name === 'conv1')!.params;
    expect(conv1(flow)).toBe(20 * 64 * 7 * 7);
    expect(conv1(flow)).toBe(62_720);
    expect(conv1(rgb)).toBe(9_408);
    expect(flow.totals.params - rgb.totals.params).toBe(62_720 - 9_408);
    expect(flow.input.channels).toBe(20);
    expect(rgb.outputShape).toEqual([101]);
  });

  it("the R(2+1)D block alone is r2plus1d_18's layer1.0: two factorised convs of 110,592 weights each", () => {
    const block = analyze(r2plus1dBlock());
    const full = analyze(r2plus1d18());
    expect(block.totals).toEqual(subtotal(full, 'layer1.0'));
    expect(block.totals.params).toBe(2 * (144 * 64 * 9 + 64 * 144 * 3) + 2 * (2 * 144 + 2 * 64));
    expect(block.outputShape).toEqual([64, 16, 56, 56]);
  });
});
