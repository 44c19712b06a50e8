import { describe, expect, it } from 'vitest';
import { analyze, subtotal } from '../../../src/lib/video-nn/analysis';
import { stGcn } from '../../../src/lib/video-nn/spec';

/** One block's parameters: graph conv (1×1 conv to 3·C', bias) + BN + 9×1 temporal conv (bias) + BN, + residual projection. */
function blockParams(cin: number, cout: number, project: boolean): number {
  const gcn = cin * 3 * cout + 3 * cout;
  const tcn = 2 * cout + (cout * cout * 9 + cout) + 2 * cout;
  return gcn + tcn + (project ? cin * cout + cout + 2 * cout : 0);
}

describe("ST-GCN as the official code (and mmaction2's STGCN) builds it", () => {
  const a = analyze(stGcn());

  it('has 3,088,704 parameters on 17 COCO joints with 60 classes (3.1 M)', () => {
    const blocks =
      blockParams(3, 64, false) + 3 * blockParams(64, 64, false) + blockParams(64, 128, true) + 2 * blockParams(128, 128, false) + blockParams(128, 256, true) + 2 * blockParams(256, 256, false);
    expect(blocks).toBe(3_064_512);
    const dataBn = 2 * 3 * 17;
    const edgeImportance = 10 * 3 * 17 * 17;
    expect(a.totals.params).toBe(blocks + dataBn + edgeImportance + 256 * 60 + 60);
    expect(a.totals.params).toBe(3_088_704);
  });

  it('costs 3.81 G MACs for 2 persons × 100 frames, counting the aggregation over joints', () => {
    const gcn = a.rows.find((r) => r.name === 'st_gcn_networks.0.gcn')!;
    const positions = 100 * 17 * 2;
    expect(gcn.macs).toBe(positions * 3 * 64 * 3 + positions * 64 * 3 * 17);
    expect(a.totals.macs).toBe(3_811_714_560);
    expect((a.totals.macs / 1e9).toFixed(1)).toBe('3.8');
  });

  it('halves time twice and ends in 60 scores', () => {
    const out = (name: string) => a.rows.find((r) => r.name === name)!.outputShape;
    expect(out('st_gcn_networks.3')).toEqual([64, 100, 17, 2]);
    expect(out('st_gcn_networks.4')).toEqual([128, 50, 17, 2]);
    expect(out('st_gcn_networks.9')).toEqual([256, 25, 17, 2]);
    expect(a.outputShape).toEqual([60]);
    // The block's learned edge-importance mask (3 × 17 × 17) sits in its graph conv.
    expect(subtotal(a, 'st_gcn_networks.0').params).toBe(blockParams(3, 64, false) + 3 * 17 * 17);
  });

  it('other layouts: NTU (25 joints, 3.1 M, 5.7 G) and Kinetics-skeleton (18 joints, 400 classes)', () => {
    const ntu = analyze(stGcn({ layout: 'ntu' }));
    expect(ntu.totals.params).toBe(3_098_832);
    expect((ntu.totals.macs / 1e9).toFixed(1)).toBe('5.7');
    expect(analyze(stGcn({ layout: 'openpose', numClasses: 400, frames: 300 })).totals.params).toBe(3_177_140);
  });

  it('each graph conv reaches one more joint along a chain; the temporal convs grow by 8 frames × stride', () => {
    const rf = (name: string) => a.rows.find((r) => r.name === name)!.receptiveField;
    expect(rf('st_gcn_networks.0.gcn')).toEqual({ temporal: 1, spatial: 3 });
    expect(rf('st_gcn_networks.0.tcn.2')).toEqual({ temporal: 9, spatial: 3 });
    expect(rf('st_gcn_networks.1.tcn.2')).toEqual({ temporal: 17, spatial: 5 });
    expect(rf('fcn')).toEqual({ temporal: 100, spatial: 17 });
  });
});
