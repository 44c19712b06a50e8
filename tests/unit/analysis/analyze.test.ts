import { describe, expect, it } from 'vitest';
import { analyze, subtotal, SpecError } from '../../../src/lib/video-nn/analysis';
import {
  avgPool3d,
  batchNorm3d,
  channelGate,
  concat,
  conv3d,
  flatten,
  globalAvgPool,
  linear,
  maxPool3d,
  relu,
  residual,
  sequential,
  sigmoid,
  swish,
  temporalShift,
  timeToChannel,
  type Layer,
  type TwoPathwayLayer,
} from '../../../src/lib/video-nn/spec';

const clip = (channels: number, frames: number, height: number, width = height) => ({ channels, frames, height, width });

describe('analyze: shapes, parameters and MACs by hand', () => {
  it('counts a conv3d: weights + bias, MACs = outputs × Cin × kt·kh·kw', () => {
    // 2→4 channels, 3×3×3, padding 1 on 4×8×8: output 4×4×8×8.
    const a = analyze([conv3d('c', 2, 4, 3, { padding: 1 })], clip(2, 4, 8));
    const row = a.rows[0]!;
    expect(row.outputShape).toEqual([4, 4, 8, 8]);
    expect(row.params).toBe(4 * 2 * 27 + 4);
    expect(row.macs).toBe(4 * 4 * 8 * 8 * 2 * 27);
  });

  it('handles stride, asymmetric kernels and no padding (floor of (n + 2p − k)/s + 1)', () => {
    const a = analyze([conv3d('c', 3, 8, [1, 7, 7], { stride: [1, 2, 2], padding: [0, 3, 3], bias: false })], clip(3, 16, 112));
    expect(a.rows[0]!.outputShape).toEqual([8, 16, 56, 56]);
    expect(a.rows[0]!.params).toBe(8 * 3 * 49);
    // Odd input with stride 2 and no padding: ⌊(7 − 3)/2⌋ + 1 = 3.
    const b = analyze([conv3d('c', 1, 1, 3, { stride: 2 })], clip(1, 7, 7));
    expect(b.outputShape).toEqual([1, 3, 3, 3]);
  });

  it("resolves 'same' padding for odd kernels at stride 1", () => {
    const a = analyze([conv3d('c', 1, 2, [3, 5, 5], { padding: 'same' })], clip(1, 6, 10));
    expect(a.outputShape).toEqual([2, 6, 10, 10]);
  });

  it('divides weights and MACs by the groups (a depthwise conv)', () => {
    const a = analyze([conv3d('dw', 8, 8, 3, { padding: 1, groups: 8, bias: false })], clip(8, 2, 4));
    expect(a.totals.params).toBe(8 * 1 * 27);
    expect(a.totals.macs).toBe(8 * 2 * 4 * 4 * 27);
  });

  it('counts batch norm as 2C parameters and 0 MACs; ReLU and pools as nothing', () => {
    const a = analyze([batchNorm3d('bn', 5), relu('r'), maxPool3d('p', [1, 2, 2]), avgPool3d('q', 2)], clip(5, 4, 8));
    expect(a.rows.map((r) => r.params)).toEqual([10, 0, 0, 0]);
    expect(a.totals.macs).toBe(0);
    expect(a.outputShape).toEqual([5, 2, 2, 2]);
  });

  it('pools with ceil mode like PyTorch (and drops a window starting in the padding)', () => {
    expect(analyze([maxPool3d('p', 2, { ceilMode: true })], clip(1, 5, 5)).outputShape).toEqual([1, 3, 3, 3]);
    // n=4, k=2, s=2, p=1: ceil((6−2)/2)+1 = 3, but the last window would start at 4 ≥ n + p − … → PyTorch keeps 3.
    expect(analyze([maxPool3d('p', 2, { padding: 1, ceilMode: true })], clip(1, 4, 4)).outputShape).toEqual([1, 3, 3, 3]);
    // n=5, k=3, s=3, p=1: ceil((7−3)/3)+1 = 3; (3−1)·3 = 6 ≥ 5 + 1 → 2.
    expect(analyze([maxPool3d('p', 3, { padding: 1, ceilMode: true })], clip(1, 5, 5)).outputShape).toEqual([1, 2, 2, 2]);
  });

  it('flattens and applies linear layers: in × out MACs, weights + bias', () => {
    const a = analyze([globalAvgPool('gap'), flatten('flat'), linear('fc', 6, 10)], clip(6, 4, 7));
    expect(a.rows.map((r) => r.outputShape)).toEqual([[6, 1, 1, 1], [6], [10]]);
    expect(a.totals).toEqual({ params: 70, macs: 60 });
  });

  it('totals are the sums of the rows; subtotal sums a named group', () => {
    const spec: Layer[] = [
      sequential('stage1', [conv3d('stage1.conv', 1, 2, 1), batchNorm3d('stage1.bn', 2)]),
      conv3d('head', 2, 3, 1, { bias: false }),
    ];
    const a = analyze(spec, clip(1, 1, 2));
    expect(a.totals.params).toBe(a.rows.reduce((s, r) => s + r.params, 0));
    expect(subtotal(a, 'stage1')).toEqual({ params: 2 + 2 + 4, macs: 2 * 4 });
    expect(a.rows.find((r) => r.name === 'stage1.conv')!.depth).toBe(1);
  });
});

describe('analyze: receptive fields by the recurrence', () => {
  it('grows by (k − 1)·jump and multiplies the jump by the stride', () => {
    // Spatial: conv 3 → 3; pool 2 (stride 2) → 4, jump 2; conv 3 → 4 + 2·2 = 8.
    const a = analyze([conv3d('a', 1, 1, [1, 3, 3], { padding: [0, 1, 1] }), maxPool3d('p', [1, 2, 2]), conv3d('b', 1, 1, 3, { padding: 1 })], clip(1, 8, 32));
    expect(a.rows.map((r) => r.receptiveField)).toEqual([
      { temporal: 1, spatial: 3 },
      { temporal: 1, spatial: 4 },
      { temporal: 3, spatial: 8 },
    ]);
    expect(a.rows[2]!.cumulativeStride).toEqual({ temporal: 1, spatial: 2 });
  });

  it('clamps to the input but keeps the raw value; a global pool sees the whole clip', () => {
    const a = analyze([conv3d('a', 1, 1, 5, { padding: 2 }), conv3d('b', 1, 1, 5, { padding: 2 }), globalAvgPool('g')], clip(1, 4, 6));
    expect(a.rows[1]!.unclampedReceptiveField).toEqual({ temporal: 9, spatial: 9 });
    expect(a.rows[1]!.receptiveField).toEqual({ temporal: 4, spatial: 6 });
    expect(a.rows[2]!.receptiveField).toEqual({ temporal: 4, spatial: 6 });
  });

  it('takes the max over residual paths and concatenated branches', () => {
    const block = residual('block', [conv3d('block.conv', 2, 2, 3, { padding: 1 })], { activation: 'relu' });
    const inception = concat('mixed', [[conv3d('mixed.b0', 2, 1, 1)], [conv3d('mixed.b1', 2, 3, 5, { padding: 2 })]], 4);
    const a = analyze([block, inception], clip(2, 8, 8));
    expect(a.rows.find((r) => r.name === 'block')!.receptiveField).toEqual({ temporal: 3, spatial: 3 });
    const mixed = a.rows.find((r) => r.name === 'mixed')!;
    expect(mixed.outputShape).toEqual([4, 8, 8, 8]);
    expect(mixed.receptiveField).toEqual({ temporal: 7, spatial: 7 });
  });

  it('a squeeze-excitation gate costs its two 1×1×1 convs and sees the whole input', () => {
    const se = channelGate('se', [globalAvgPool('se.pool'), conv3d('se.down', 16, 4, 1), relu('se.relu'), conv3d('se.up', 4, 16, 1), sigmoid('se.sigmoid')]);
    const a = analyze([conv3d('c', 3, 16, 3, { padding: 1, bias: false }), se, swish('act')], clip(3, 4, 8));
    expect(a.totals.params).toBe(3 * 16 * 27 + (16 * 4 + 4) + (4 * 16 + 16));
    expect(subtotal(a, 'se').macs).toBe(16 * 4 + 4 * 16);
    expect(a.rows.find((r) => r.name === 'se')).toMatchObject({ outputShape: [16, 4, 8, 8], receptiveField: { temporal: 4, spatial: 8 } });
  });

  it('treats a temporal shift as a temporal window of 3 with no cost', () => {
    const a = analyze([temporalShift('shift'), conv3d('c', 8, 8, [1, 1, 1], { bias: false })], clip(8, 8, 4));
    expect(a.rows[0]).toMatchObject({ params: 0, macs: 0, receptiveField: { temporal: 3, spatial: 1 } });
  });
});

describe('analyze: two pathways with lateral connections', () => {
  // A miniature SlowFast: 16 frames; Slow takes every 8th (2 frames), Fast every 2nd (8).
  const tiny: TwoPathwayLayer = {
    kind: 'twoPathway',
    name: 'sf',
    slowFrameStride: 8,
    fastFrameStride: 2,
    stages: [
      {
        name: 'stage1',
        slow: [conv3d('slow.conv', 3, 8, [1, 3, 3], { padding: [0, 1, 1], bias: false })],
        fast: [conv3d('fast.conv', 3, 2, [5, 3, 3], { padding: [2, 1, 1], bias: false })],
        // Time-strided conv: kernel 5×1×1, stride α = 4 → Fast 2×8 frames become 4×2.
        lateral: { name: 'stage1.fuse', layers: [conv3d('lateral.conv', 2, 4, [5, 1, 1], { stride: [4, 1, 1], padding: [2, 0, 0], bias: false })] },
      },
      {
        name: 'stage2',
        slow: [conv3d('slow.conv2', 12, 8, 1, { bias: false }), globalAvgPool('slow.pool')],
        fast: [globalAvgPool('fast.pool')],
      },
    ],
  };

  it('samples frames per pathway, fuses laterally and concatenates at the end', () => {
    const a = analyze([tiny, flatten('flat')], clip(3, 16, 8));
    const byName = Object.fromEntries(a.rows.map((r) => [r.name, r]));
    expect(byName['slow.conv']!.inputShape).toEqual([3, 2, 8, 8]);
    expect(byName['fast.conv']!.inputShape).toEqual([3, 8, 8, 8]);
    expect(byName['lateral.conv']!.outputShape).toEqual([4, 2, 8, 8]);
    expect(byName['stage1.fuse']!.outputShape).toEqual([12, 2, 8, 8]);
    expect(byName['sf']!.outputShape).toEqual([10, 1, 1, 1]);
    expect(a.outputShape).toEqual([10]);
    // Fast conv: 5 frames apart by 2 → temporal RF 1 + 4·2 = 9 input frames.
    expect(byName['fast.conv']!.receptiveField.temporal).toBe(9);
    // Lateral 5×1×1 on Fast frames 2 apart: 9 + 4·2 = 17 > 16 frames in the clip.
    expect(byName['lateral.conv']!.unclampedReceptiveField.temporal).toBe(17);
    expect(byName['lateral.conv']!.receptiveField.temporal).toBe(16);
  });

  it('also expresses time-to-channel fusion', () => {
    const a = analyze([conv3d('c', 1, 2, 1), timeToChannel('t2c', 4)], clip(1, 8, 2));
    expect(a.outputShape).toEqual([8, 2, 2, 2]);
  });
});

describe('analyze: bad specs are rejected with the layer and the mismatch', () => {
  const expectError = (layers: Layer[], input: ReturnType<typeof clip>, ...parts: (string | RegExp)[]) => {
    let error: unknown;
    try {
      analyze(layers, input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SpecError);
    for (const part of parts) expect((error as Error).message).toMatch(part);
  };

  it('channel mismatch at a conv input', () => {
    expectError([conv3d('conv3a', 128, 256, 3, { padding: 1 })], clip(64, 8, 28), 'conv3a', /expects 128 input channels but receives 64/);
  });

  it('a kernel larger than its padded input', () => {
    expectError([conv3d('conv1', 3, 8, [5, 3, 3])], clip(3, 4, 8), 'conv1', /kernel 5 along T is larger than the padded input \(4 \+ 2×0 = 4\)/);
    expectError([maxPool3d('pool5', 4)], clip(3, 2, 8), 'pool5', /kernel 4 along T/);
  });

  it('zero or negative sizes', () => {
    expectError([conv3d('c', 3, 0, 3)], clip(3, 4, 8), '"c"', /outChannels must be a positive integer, got 0/);
    expectError([conv3d('c', 3, 4, [3, -1, 3])], clip(3, 4, 8), /kernel must be three positive integers/);
    expectError([conv3d('c', 3, 4, 1, { stride: 0 })], clip(3, 4, 8), /stride must be three positive integers/);
    expect(() => analyze([relu('r')], clip(3, 0, 8))).toThrow(/input frames must be a positive integer, got 0/);
  });

  it('a residual add of different shapes names the block and both shapes', () => {
    const block = residual('layer2.0', [conv3d('layer2.0.conv', 64, 128, 3, { stride: 2, padding: 1 })]);
    expectError([block], clip(64, 16, 56), '"layer2.0"', /body's 128×8×28×28/, /64×16×56×56/, /channels 128 vs 64/);
  });

  it('branches that cannot be concatenated, or give other channels than declared', () => {
    const bad = concat('mixed_3b', [[conv3d('b0', 4, 2, 1)], [conv3d('b1', 4, 2, 3)]]);
    expectError([bad], clip(4, 8, 8), 'mixed_3b', /branch 1 gives 2×6×6×6 but branch 0 gives 2×8×8×8/);
    const declared = concat('mixed_3c', [[conv3d('c0', 4, 2, 1)], [conv3d('c1', 4, 3, 1)]], 6);
    expectError([declared], clip(4, 8, 8), 'mixed_3c', /2 \+ 3 = 5 channels, the layer declares 6/);
  });

  it('a channel gate whose output cannot scale its input', () => {
    const gate = channelGate('se', [globalAvgPool('se.pool'), conv3d('se.fc', 8, 4, 1)]);
    expectError([gate], clip(8, 2, 4), '"se"', /gate gives 4×1×1×1, which cannot scale the input's 8×2×4×4/);
  });

  it('batch norm, linear layers and duplicate names', () => {
    expectError([batchNorm3d('bn1', 8)], clip(4, 2, 2), 'bn1', /normalises 8 channels but receives 4/);
    expectError([linear('fc', 4, 2)], clip(4, 1, 1), 'fc', /flat feature vector/);
    expectError([flatten('f'), linear('fc', 5, 2)], clip(4, 1, 1), 'fc', /expects 5 input features but receives 4/);
    expectError([relu('x'), relu('x')], clip(1, 1, 1), '"x"', /used twice/);
  });
});
