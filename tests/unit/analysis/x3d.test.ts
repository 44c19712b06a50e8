import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/lib/video-nn/analysis';
import { roundRepeats, roundWidth, x3d, type X3dSize } from '../../../src/lib/video-nn/spec';

// Parameters: pytorchvideo's model zoo (docs/source/model_zoo.md), "Params (M)": 3.79 for XS, S and M;
// X3D-L 6.15 in its later table. MACs: the X3D paper's table of multiply-adds ("GFLOPs" there),
// XS 0.60, S 1.96, M 4.73, L 18.37 at the reference inputs 4×160², 13×160², 16×224², 16×312².
describe('X3D as pytorchvideo builds it', () => {
  it.each([
    ['xs', [4, 160], 3_794_274, null],
    ['s', [13, 160], 3_794_274, '1.96'],
    ['m', [16, 224], 3_794_274, '4.73'],
    ['l', [16, 312], 6_153_384, '18.37'],
  ] as const)('X3D-%s at %j: %i parameters, %s G MACs', (size, [frames, crop], params, gmacs) => {
    const spec = x3d({ size: size as X3dSize });
    expect(spec.defaultInput).toEqual({ channels: 3, frames, height: crop, width: crop });
    const a = analyze(spec);
    expect(a.totals.params).toBe(params);
    expect((a.totals.params / 1e6).toFixed(2)).toBe(size === 'l' ? '6.15' : '3.79');
    if (gmacs) expect((a.totals.macs / 1e9).toFixed(2)).toBe(gmacs);
    expect(a.outputShape).toEqual([400]);
  });

  it('X3D-XS is 605 M MACs, within 1% of the paper\'s 0.60 G (which does not round from this count)', () => {
    const macs = analyze(x3d({ size: 'xs' })).totals.macs;
    expect(macs).toBe(605_256_512);
    expect(Math.abs(macs / 0.6e9 - 1)).toBeLessThan(0.01);
  });

  it('rounds widths and depths as pytorchvideo does', () => {
    expect(roundWidth(12, 2)).toBe(24);
    expect([24, 48, 96, 192].map((w) => Math.floor(2.25 * w))).toEqual([54, 108, 216, 432]);
    // SE widths: 1/16 of the bottleneck, to a multiple of 8, at least 8, not 10% under.
    expect([54, 108, 216, 432].map((w) => roundWidth(w, 0.0625))).toEqual([8, 8, 16, 32]);
    expect([1, 2, 5, 3].map((d) => roundRepeats(d, 2.2))).toEqual([3, 5, 11, 7]);
    expect([1, 2, 5, 3].map((d) => roundRepeats(d, 5))).toEqual([5, 10, 25, 15]);
  });

  it('puts squeeze-excitation on every other block and a depthwise 3×3×3 in each', () => {
    const a = analyze(x3d({ size: 'm' }));
    const gates = a.rows.filter((r) => r.kind === 'channelGate').map((r) => r.name);
    expect(gates.filter((n) => n.startsWith('blocks.1.'))).toEqual(['blocks.1.res_blocks.0.branch2.norm_b.1', 'blocks.1.res_blocks.2.branch2.norm_b.1']);
    const se = a.rows.filter((r) => r.name.startsWith('blocks.4.res_blocks.0.branch2.norm_b.1.block')).map((r) => r.params);
    expect(se).toEqual([432 * 32 + 32, 0, 32 * 432 + 432, 0]);
    expect(a.rows.find((r) => r.name === 'blocks.4.res_blocks.0.branch2.conv_b')!.params).toBe(432 * 27);
  });

  it("offers the SlowFast repository's shortcut norm (a BN after stage 1's strided shortcut too)", () => {
    const pytorchvideo = analyze(x3d({ size: 'm' }));
    const slowfastRepo = analyze(x3d({ size: 'm', shortcutNorm: 'always' }));
    expect(pytorchvideo.rows.find((r) => r.name === 'blocks.1.res_blocks.0.branch1_norm')).toBeUndefined();
    expect(slowfastRepo.totals.params - pytorchvideo.totals.params).toBe(2 * 24);
  });

  it('the squeeze-excitation gate makes the receptive field global', () => {
    const a = analyze(x3d({ size: 's' }));
    expect(a.rows.find((r) => r.name === 'blocks.1.res_blocks.0.branch2.conv_b')!.receptiveField).toEqual({ temporal: 7, spatial: 7 });
    expect(a.rows.find((r) => r.name === 'blocks.1.res_blocks.0.branch2.norm_b.1')!.receptiveField).toEqual({ temporal: 13, spatial: 160 });
  });
});
