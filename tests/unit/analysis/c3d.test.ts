import { describe, expect, it } from 'vitest';
import { analyze, formatCost, mmcvFlops } from '../../../src/lib/video-nn/analysis';
import { c3d, c3dSports1m, c3dUcf101 } from '../../../src/lib/video-nn/spec';

const input = { channels: 3, frames: 16, height: 112, width: 112 };

describe('C3D against the curriculum (chapter 4) and mmaction2', () => {
  const a = analyze(c3dUcf101(), input);
  const row = (name: string) => a.rows.find((r) => r.name === name)!;

  it('conv1a alone is 1,040 M MACs (64×16×112×112 outputs × 3·27)', () => {
    expect(row('conv1a').macs).toBe(1_040_449_536);
    expect(Math.round(row('conv1a').macs / 1e6)).toBe(1040);
  });

  it('per-layer MACs, computed by hand: outputs × Cin × 27, and in × out', () => {
    const expected: Record<string, number> = {
      conv2a: 128 * 16 * 56 * 56 * 64 * 27,
      conv3a: 256 * 8 * 28 * 28 * 128 * 27,
      conv3b: 256 * 8 * 28 * 28 * 256 * 27,
      conv4a: 512 * 4 * 14 * 14 * 256 * 27,
      conv4b: 512 * 4 * 14 * 14 * 512 * 27,
      conv5a: 512 * 2 * 7 * 7 * 512 * 27,
      conv5b: 512 * 2 * 7 * 7 * 512 * 27,
      fc6: 8192 * 4096,
      fc7: 4096 * 4096,
      fc8: 4096 * 101,
    };
    for (const [name, macs] of Object.entries(expected)) expect(row(name).macs, name).toBe(macs);
  });

  it("stage outputs and MACs match the curriculum's table (to its 10 M rounding) for conv1–conv4", () => {
    const stages: [string, string[], number[], number][] = [
      ['pool1', ['conv1a'], [64, 16, 56, 56], 1_040],
      ['pool2', ['conv2a'], [128, 8, 28, 28], 11_100],
      ['pool3', ['conv3a', 'conv3b'], [256, 4, 14, 14], 16_650],
      ['pool4', ['conv4a', 'conv4b'], [512, 2, 7, 7], 8_320],
    ];
    for (const [pool, convs, shape, mMacs] of stages) {
      expect(row(pool).outputShape).toEqual(shape);
      const macs = convs.reduce((s, c) => s + row(c).macs, 0);
      expect(Math.round(macs / 1e7) * 10, pool).toBe(mMacs);
    }
  });

  it('pool5 padded (0, 1, 1) gives 512×1×4×4 = 8,192 features for fc6', () => {
    expect(row('pool5').outputShape).toEqual([512, 1, 4, 4]);
    expect(row('flatten').outputShape).toEqual([8192]);
  });

  it('conv and fc MACs total 38.55 G; FLOPs are labelled as 2 × MACs', () => {
    expect(a.totals.macs).toBe(38_547_378_176);
    expect((a.totals.macs / 1e9).toFixed(2)).toBe('38.55');
    expect(formatCost(a.totals.macs)).toBe('38.55 GMACs = 77.09 GFLOPs (FLOPs = 2 × MACs)');
  });

  it("has mmaction2's parameter count and, in mmcv's counting convention, its FLOPs", () => {
    // configs/recognition/c3d/metafile.yml: Parameters 78409573, FLOPs 38615475200.
    expect(a.totals.params).toBe(78_409_573);
    expect(mmcvFlops(a)).toBe(38_615_475_200);
  });

  it('Sports-1M variant: 487 classes changes only fc8', () => {
    const s = analyze(c3dSports1m(), input);
    expect(s.outputShape).toEqual([487]);
    expect(s.totals.params - a.totals.params).toBe((487 - 101) * (4096 + 1));
    expect(c3d({ numClasses: 487 }).id).toBe('c3d_sports1m');
  });

  it('receptive fields grow to the whole clip', () => {
    expect(row('conv1a').receptiveField).toEqual({ temporal: 3, spatial: 3 });
    expect(row('conv2a').receptiveField).toEqual({ temporal: 5, spatial: 8 });
    expect(row('fc6').receptiveField).toEqual({ temporal: 16, spatial: 112 });
  });
});
