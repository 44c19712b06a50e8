/**
 * Cutting specs into the units chapter 6's block diagrams draw, and naming the
 * kind of space–time convolution of each. Kernels and widths are checked
 * against the reference implementations' module definitions.
 */
import { describe, expect, it } from 'vitest';
import { classifyConvs, countKernelShapes, kernelShape, networkUnits, type ConvSummary } from '../../src/lib/video-nn/analysis/networkUnits';
import { mixedConvResNet, r2plus1d18, r3d18, s3d } from '../../src/lib/video-nn/spec';

const conv = (kernel: [number, number, number], inChannels: number, outChannels: number): ConvSummary => ({
  name: 'c',
  kernel,
  stride: [1, 1, 1],
  inChannels,
  outChannels,
  depthwise: false,
  shape: kernelShape(kernel),
});

describe('kernel shapes and unit kinds', () => {
  it('names each kernel by how it spans space and time', () => {
    expect(kernelShape([3, 3, 3])).toBe('full3d');
    expect(kernelShape([1, 7, 7])).toBe('spatial');
    expect(kernelShape([3, 1, 1])).toBe('temporal');
    expect(kernelShape([1, 1, 1])).toBe('pointwise');
  });

  it('tells (2+1)-D (an M of its own) from separable (same width) and from 3-D', () => {
    expect(classifyConvs([conv([1, 3, 3], 64, 144), conv([3, 1, 1], 144, 64)])).toBe('2plus1d');
    expect(classifyConvs([conv([1, 3, 3], 96, 128), conv([3, 1, 1], 128, 128)])).toBe('separable');
    expect(classifyConvs([conv([1, 1, 1], 64, 96), conv([3, 3, 3], 96, 128)])).toBe('3d');
    expect(classifyConvs([conv([1, 3, 3], 64, 64), conv([1, 3, 3], 64, 64)])).toBe('2d');
    expect(classifyConvs([conv([1, 1, 1], 64, 64)])).toBe('pointwise');
    expect(classifyConvs([])).toBeUndefined();
  });
});

describe('units of the chapter 6 networks', () => {
  it('R3D-18: stem, eight residual blocks, head; every block 3-D; costs add up to the whole network', () => {
    const { units, analysis } = networkUnits(r3d18());
    expect(units.map((u) => u.name)).toEqual(['stem', 'layer1.0', 'layer1.1', 'layer2.0', 'layer2.1', 'layer3.0', 'layer3.1', 'layer4.0', 'layer4.1', 'avgpool']);
    expect(units.map((u) => u.kind)).toEqual([...Array(9).fill('3d'), 'head']);
    expect(units.reduce((a, u) => a + u.params, 0)).toBe(analysis.totals.params);
    expect(units.reduce((a, u) => a + u.macs, 0)).toBe(analysis.totals.macs);
    const entry = units[3]!;
    expect(entry.convs.map((c) => [c.kernel, c.inChannels, c.outChannels, c.stride])).toEqual([
      [[3, 3, 3], 64, 128, [2, 2, 2]],
      [[3, 3, 3], 128, 128, [1, 1, 1]],
    ]);
    expect(entry.shortcut.map((c) => [c.kernel, c.stride])).toEqual([[[1, 1, 1], [2, 2, 2]]]);
    expect(entry.outputShape).toEqual([128, 8, 28, 28]);
    // Parameters of the block by hand: two 3×3×3 convs, the 1×1×1 projection and three BNs.
    expect(entry.params).toBe(64 * 128 * 27 + 128 * 128 * 27 + 64 * 128 + 3 * 2 * 128);
    expect(units.at(-1)!.linears).toEqual([{ name: 'fc', inFeatures: 512, outFeatures: 400 }]);
    expect(units.at(-1)!.members).toEqual(['avgpool', 'flatten', 'fc']);
  });

  it('MC3: 3-D in the stem and layer1, 2-D above; 5 full 3-D kernels and 12 spatial ones', () => {
    const { units } = networkUnits(mixedConvResNet('mc', 3));
    expect(units.slice(0, 9).map((u) => u.kind)).toEqual(['3d', '3d', '3d', '2d', '2d', '2d', '2d', '2d', '2d']);
    expect(countKernelShapes(units)).toEqual({ full3d: 5, spatial: 12, temporal: 0, pointwise: 0 });
    expect(countKernelShapes(networkUnits(r3d18()).units)).toEqual({ full3d: 17, spatial: 0, temporal: 0, pointwise: 0 });
  });

  it("R(2+1)D-18: every unit (2+1)-D, with torchvision's widths M (45 in the stem, 144 in layer1)", () => {
    const { units } = networkUnits(r2plus1d18());
    expect(units.slice(0, 9).every((u) => u.kind === '2plus1d')).toBe(true);
    expect(units[0]!.convs.map((c) => [c.kernel, c.outChannels])).toEqual([
      [[1, 7, 7], 45],
      [[3, 1, 1], 64],
    ]);
    expect(units[1]!.convs.map((c) => c.outChannels)).toEqual([144, 64, 144, 64]);
    expect(countKernelShapes(units)).toEqual({ full3d: 0, spatial: 17, temporal: 17, pointwise: 0 });
  });

  it('S3D: separable stem and Inception blocks (four branches), pools between, a 1×1×1 classifier in the head', () => {
    const { units, analysis } = networkUnits(s3d());
    expect(units).toHaveLength(17);
    expect(units.reduce((a, u) => a + u.params, 0)).toBe(analysis.totals.params);
    expect(units[0]!.convs.map((c) => [c.kernel, c.inChannels, c.outChannels])).toEqual([
      [[1, 7, 7], 3, 64],
      [[7, 1, 1], 64, 64],
    ]);
    expect(units.map((u) => u.kind)).toEqual([
      'separable', 'pool', 'pointwise', 'separable', 'pool',
      'separable', 'separable', 'pool',
      'separable', 'separable', 'separable', 'separable', 'separable', 'pool',
      'separable', 'separable', 'head',
    ]);
    // Mixed_3b: 64 | 96 → 128 | 16 → 32 | pool → 32 (Inception-v1's widths).
    const mixed3b = units[5]!;
    expect(mixed3b.structure).toBe('inception');
    expect(mixed3b.branches.map((b) => b.map((c) => c.outChannels))).toEqual([[64], [96, 128, 128], [16, 32, 32], [32]]);
    expect(mixed3b.pools.map((p) => p.kernel)).toEqual([[3, 3, 3]]);
    expect(mixed3b.outputShape).toEqual([256, 8, 28, 28]);
    expect(units.at(-1)!.convs.map((c) => [c.kernel, c.outChannels])).toEqual([[[1, 1, 1], 400]]);
  });
});
