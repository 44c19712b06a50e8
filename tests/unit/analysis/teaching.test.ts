import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/lib/video-nn/analysis';
import { fusion, small3dCnn, type FusionKind } from '../../../src/lib/video-nn/spec';

/**
 * The chapter 2 table: receptive field after conv1, pool1, conv2 and the layer
 * that ends the network's spatial processing — the global pool, or for late
 * fusion the classifier, which reads every frame's unpooled feature map.
 */
function rfTable(kind: FusionKind) {
  const a = analyze(fusion({ kind }));
  const last = kind === 'late' ? 'fc' : 'globalPool';
  return ['conv1', 'pool1', 'conv2', last].map((name) => a.rows.find((r) => r.name === name)!.receptiveField);
}

describe("chapter 2's worked receptive-field example (input 3×20×64×64)", () => {
  it('late fusion: temporal RF 1, 1, 1, then 20 at the classifier', () => {
    expect(rfTable('late').map((rf) => rf.temporal)).toEqual([1, 1, 1, 20]);
    expect(rfTable('late').map((rf) => rf.spatial)).toEqual([3, 6, 14, 64]);
  });

  it('late fusion concatenates the frames\' unpooled maps in front of the classifier (no global pool)', () => {
    const a = analyze(fusion({ kind: 'late' }));
    expect(a.rows.some((r) => r.kind === 'globalAvgPool')).toBe(false);
    // 32 channels × 20 frames × 16 × 16 positions after the 4×4 pool.
    expect(a.rows.find((r) => r.name === 'flatten')!.outputShape).toEqual([32 * 20 * 16 * 16]);
    expect(a.rows.find((r) => r.name === 'flatten')!.receptiveField).toEqual({ temporal: 1, spatial: 14 });
    expect(a.rows.find((r) => r.name === 'fc')!.params).toBe(32 * 20 * 16 * 16 * 4 + 4);
  });

  it('early fusion: temporal RF 20 at conv1, spatial 3', () => {
    const table = rfTable('early');
    expect(table[0]).toEqual({ temporal: 20, spatial: 3 });
    expect(table.map((rf) => rf.temporal)).toEqual([20, 20, 20, 20]);
    expect(analyze(fusion({ kind: 'early' })).rows[0]!.outputShape).toEqual([16, 1, 64, 64]);
  });

  it('3-D CNN (slow fusion): conv1 3 (t) and 3 (s); after the pool 6; after conv2 14', () => {
    const table = rfTable('slow');
    expect(table.slice(0, 3)).toEqual([
      { temporal: 3, spatial: 3 },
      { temporal: 6, spatial: 6 },
      { temporal: 14, spatial: 14 },
    ]);
    expect(table[3]).toEqual({ temporal: 20, spatial: 64 });
  });

  it('single frame: one frame in, temporal RF 1 throughout', () => {
    const spec = fusion({ kind: 'single' });
    expect(spec.defaultInput.frames).toBe(1);
    expect(rfTable('single').map((rf) => rf.temporal)).toEqual([1, 1, 1, 1]);
  });

  it('all four end in the same classifier shape', () => {
    for (const kind of ['single', 'late', 'early', 'slow'] as const) {
      expect(analyze(fusion({ kind, numClasses: 2 })).outputShape).toEqual([2]);
    }
  });
});

describe('Small3DCNN (chapter 4)', () => {
  it('keeps time at the first pool, halves it at the second, and counts parameters by hand', () => {
    const a = analyze(small3dCnn());
    const out = (name: string) => a.rows.find((r) => r.name === name)!.outputShape;
    expect(out('pool1')).toEqual([16, 16, 32, 32]);
    expect(out('pool2')).toEqual([32, 8, 16, 16]);
    expect(out('relu3')).toEqual([64, 8, 16, 16]);
    expect(a.outputShape).toEqual([6]);
    // conv weights (no bias) + BN 2C per stage + fc 64·6 + 6.
    const expected = 3 * 16 * 27 + 32 + 16 * 32 * 27 + 64 + 32 * 64 * 27 + 128 + 64 * 6 + 6;
    expect(a.totals.params).toBe(expected);
    expect(expected).toBe(71_030);
  });

  it('is parameterised by width, classes and input', () => {
    const a = analyze(small3dCnn({ width: 8, numClasses: 2, input: { channels: 3, frames: 8, height: 32, width: 32 } }));
    expect(a.rows.find((r) => r.name === 'conv3')!.outputShape).toEqual([32, 4, 8, 8]);
    expect(a.outputShape).toEqual([2]);
  });
});
