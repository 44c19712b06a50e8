import { describe, expect, it } from 'vitest';
import { analyze, mmcvFlops, subtotal } from '../../../src/lib/video-nn/analysis';
import { slowFast, slowFastR50_4x16, slowFastR50_8x8 } from '../../../src/lib/video-nn/spec';

// mmaction2 configs/recognition/slowfast/metafile.yml:
//   slowfast_r50_4x16x1_256e_kinetics400_rgb  Parameters 34479288  FLOPs 36441296896
//   slowfast_r50_8x8x1_256e_kinetics400_rgb   Parameters 34565560  FLOPs 66222034944
// (mmcv's counter, at 3×32×256×256). pytorchvideo's model zoo: SlowFast R50 8x8 65.71 GFLOPs (G MACs).
describe('SlowFast-R50 as mmaction2 builds it', () => {
  it('4×16: 34,479,288 parameters; 36,441,296,896 in mmcv counting', () => {
    const a = analyze(slowFastR50_4x16());
    expect(a.input).toEqual({ channels: 3, frames: 32, height: 256, width: 256 });
    expect(a.totals.params).toBe(34_479_288);
    expect(mmcvFlops(a)).toBe(36_441_296_896);
    expect(a.totals.macs).toBe(36_099_198_976);
  });

  it('8×8 (lateral kernel 7): 34,565,560 parameters; 66,222,034,944 in mmcv counting; 65.71 G MACs', () => {
    const a = analyze(slowFastR50_8x8());
    expect(a.totals.params).toBe(34_565_560);
    expect(mmcvFlops(a)).toBe(66_222_034_944);
    expect((a.totals.macs / 1e9).toFixed(2)).toBe('65.71');
  });

  it('samples 4 Slow and 32 Fast frames from 32 and fuses Fast into Slow by a 5×1×1 conv of stride 8', () => {
    const a = analyze(slowFastR50_4x16());
    const row = (name: string) => a.rows.find((r) => r.name === name)!;
    expect(row('slow_path.conv1.conv').inputShape).toEqual([3, 4, 256, 256]);
    expect(row('fast_path.conv1.conv').inputShape).toEqual([3, 32, 256, 256]);
    expect(row('slow_path.conv1_lateral.conv').outputShape).toEqual([16, 4, 64, 64]);
    expect(row('slow_path.conv1_lateral').outputShape).toEqual([80, 4, 64, 64]); // 64 Slow + 2·8 from Fast
    expect(row('slow_path.layer3_lateral').outputShape).toEqual([1024 + 256, 4, 16, 16]);
    expect(row('backbone').outputShape).toEqual([2048 + 256, 1, 1, 1]);
    // The laterals have no norm in mmaction2: 5·(8·16 + 32·64 + 64·128 + 128·256) weights.
    const laterals = ['conv1_lateral', 'layer1_lateral', 'layer2_lateral', 'layer3_lateral'].map((n) => subtotal(a, `slow_path.${n}`).params);
    expect(laterals.reduce((x, y) => x + y)).toBe(5 * (8 * 16 + 32 * 64 + 64 * 128 + 128 * 256));
  });

  it('offers the SlowFast repository / pytorchvideo lateral with BN + ReLU, and time-to-channel fusion', () => {
    const base = analyze(slowFastR50_4x16()).totals.params;
    expect(analyze(slowFast({ alpha: 8, tau: 8, lateralNorm: true })).totals.params - base).toBe(2 * (16 + 64 + 128 + 256));
    const t2c = analyze(slowFast({ alpha: 8, tau: 8, lateral: 'timeToChannel' }));
    // Fast [8, 32, 64, 64] folds into [64, 4, 64, 64]: Slow's res2 takes 64 + 64 channels.
    expect(t2c.rows.find((r) => r.name === 'slow_path.conv1_lateral')!.outputShape).toEqual([128, 4, 64, 64]);
  });

  it("the Fast pathway costs about 20% of the MACs (the paper's figure), not α·β²'s 11%", () => {
    const a = analyze(slowFastR50_4x16());
    const fast = a.rows.filter((r) => r.name.startsWith('fast_path.')).reduce((s, r) => s + r.macs, 0);
    expect((fast / a.totals.macs).toFixed(2)).toBe('0.19');
  });

  it('rejects a τ that α does not divide', () => {
    expect(() => slowFast({ alpha: 3, tau: 8 })).toThrow(/multiple of α/);
  });
});
