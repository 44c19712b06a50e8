/**
 * Mixed convolutions (Tran et al. 2018): MCx and rMCx of the 18-layer video
 * ResNet, held to a hand count (R3D minus the temporal taps of its 2-D groups)
 * and to the parameter column of the paper's Table 2.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/lib/video-nn/analysis';
import { MIXED_CONV_GROUPS, isGroup3d, mc318, mixedConvResNet, r3d18, rmc318, type Conv3dLayer, type Layer } from '../../src/lib/video-nn/spec';

const input = { channels: 3, frames: 16, height: 112, width: 112 };
const params = (spec: Parameters<typeof analyze>[0]) => analyze(spec, input).totals.params;

// A 3×k×k conv has 2·k²·Cin·Cout more weights than the 1×k×k conv it becomes in 2-D.
const extra = (cin: number, cout: number, k = 3) => 2 * k * k * cin * cout;
/** The weights a group loses when it is 2-D instead of 3-D (torchvision's widths, two blocks per stage). */
const TEMPORAL_TAPS = [
  extra(3, 64, 7), // conv1: the 3×7×7 stem
  4 * extra(64, 64), // conv2_x
  extra(64, 128) + 3 * extra(128, 128), // conv3_x
  extra(128, 256) + 3 * extra(256, 256), // conv4_x
  extra(256, 512) + 3 * extra(512, 512), // conv5_x
];
const R3D = 33_371_472; // torchvision r3d_18
const R2D = R3D - TEMPORAL_TAPS.reduce((a, b) => a + b, 0);

function findConv(layers: readonly Layer[], name: string): Conv3dLayer | undefined {
  for (const layer of layers) {
    if (layer.name === name && layer.kind === 'conv3d') return layer;
    const children = layer.kind === 'sequential' ? layer.layers : layer.kind === 'residual' ? layer.body : [];
    const found = findConv(children, name);
    if (found) return found;
  }
  return undefined;
}

describe('MCx and rMCx', () => {
  it('the hand count of R2D-18 is 11,381,712', () => {
    expect(R2D).toBe(11_381_712);
  });

  it.each(MIXED_CONV_GROUPS)('MC%i = R2D plus the temporal taps of groups 1 … x−1; rMC%i = R3D minus them', (x) => {
    const taps = TEMPORAL_TAPS.slice(0, x - 1).reduce((a, b) => a + b, 0);
    expect(params(mixedConvResNet('mc', x))).toBe(R2D + taps);
    expect(params(mixedConvResNet('rmc', x))).toBe(R3D - taps);
  });

  it('matches the parameter column of Tran et al. 2018, Table 2, to its 0.1 M', () => {
    const m = (n: number) => (n / 1e6).toFixed(1);
    expect(m(params(r3d18()))).toBe('33.4');
    expect(MIXED_CONV_GROUPS.map((x) => m(params(mixedConvResNet('mc', x))))).toEqual(['11.4', '11.7', '12.7', '16.9']);
    expect(m(params(mixedConvResNet('rmc', 4)))).toBe('32.0');
    expect(m(params(mixedConvResNet('rmc', 5)))).toBe('27.9');
  });

  it('MC3 is torchvision’s mc3_18 and rMC3 the library’s rmc3_18, layer for layer', () => {
    expect(mixedConvResNet('mc', 3).layers).toEqual(mc318().layers);
    expect(mixedConvResNet('rmc', 3).layers).toEqual(rmc318().layers);
    expect(mixedConvResNet('mc', 3).id).toBe('mc3_18');
    expect(mixedConvResNet('rmc', 5).title).toBe('rMC5-18');
  });

  it('puts 3-D kernels where the definition says', () => {
    expect([1, 2, 3, 4, 5].map((g) => isGroup3d('mc', 4, g))).toEqual([true, true, true, false, false]);
    expect([1, 2, 3, 4, 5].map((g) => isGroup3d('rmc', 4, g))).toEqual([false, false, false, true, true]);
    const mc4 = mixedConvResNet('mc', 4);
    expect(findConv(mc4.layers, 'stem.0')!.kernel).toEqual([3, 7, 7]);
    expect(findConv(mc4.layers, 'layer2.1.conv1.0')!.kernel).toEqual([3, 3, 3]);
    expect(findConv(mc4.layers, 'layer3.0.conv1.0')!.kernel).toEqual([1, 3, 3]);
    const rmc2 = mixedConvResNet('rmc', 2);
    expect(findConv(rmc2.layers, 'stem.0')!.kernel).toEqual([1, 7, 7]);
    expect(findConv(rmc2.layers, 'layer1.0.conv1.0')!.kernel).toEqual([3, 3, 3]);
  });

  it('2-D groups never stride in time: MC2 keeps all 16 frames, rMC2 ends at 2', () => {
    expect(analyze(mixedConvResNet('mc', 2), input).rows.find((r) => r.name === 'layer4.1')!.outputShape).toEqual([512, 16, 7, 7]);
    expect(analyze(mixedConvResNet('rmc', 2), input).rows.find((r) => r.name === 'layer4.1')!.outputShape).toEqual([512, 2, 7, 7]);
  });

  it('rejects a switch group outside 2 … 5', () => {
    expect(() => mixedConvResNet('mc', 6 as 5)).toThrow(/x must be 2, 3, 4 or 5/);
  });
});
