import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/lib/video-nn/analysis';
import { conv3d, flatten, globalAvgPool, linear } from '../../../src/lib/video-nn/spec';
import { analysisObject, analysisTable, groupDigits, listJson, listTable, table } from '../../../scripts/vnn/format';

describe('formatting helpers', () => {
  it('groups digits by thousands', () => {
    expect(groupDigits(33_371_472)).toBe('33,371,472');
    expect(groupDigits(999)).toBe('999');
    expect(groupDigits(0)).toBe('0');
  });

  it('aligns columns, numbers to the right', () => {
    expect(table(['a', 'n'], [['xy', '1'], ['z', '100']], new Set([1]))).toBe('a     n\n--  ---\nxy    1\nz   100');
  });
});

describe('list output', () => {
  const items = [{ id: 'tiny', title: 'Tiny', input: { channels: 3, frames: 4, height: 8, width: 8 }, params: 1234, macs: 5e9 }];

  it('a table with input, parameters and G MACs, saying what MACs are', () => {
    const text = listTable(items);
    expect(text).toContain('tiny  3×4×8×8');
    expect(text).toContain('1,234');
    expect(text).toContain('5.00');
    expect(text).toContain('FLOPs = 2 × MACs');
  });

  it('a JSON array', () => {
    expect(JSON.parse(listJson(items))).toEqual(items);
  });
});

describe('analysis output', () => {
  const input = { channels: 2, frames: 4, height: 8, width: 8 };
  const a = analyze([conv3d('conv', 2, 4, 3, { padding: 1 }), globalAvgPool('pool'), flatten('flat'), linear('fc', 4, 3)], input);

  it('JSON: {id, input, params, macs, layers: [...]} with a row per layer', () => {
    const json = analysisObject('tiny', a);
    expect(json).toMatchObject({ id: 'tiny', input, params: 4 * 2 * 27 + 4 + 15, macs: 4 * 4 * 64 * 54 + 12, outputShape: [3] });
    expect(json.layers.map((l) => l.name)).toEqual(['conv', 'pool', 'flat', 'fc']);
    expect(json.layers[0]).toEqual({ name: 'conv', kind: 'conv3d', depth: 0, outputShape: [4, 4, 8, 8], params: 220, macs: 55_296, receptiveField: { temporal: 3, spatial: 3 } });
  });

  it('a table with output shapes, parameters, MACs and receptive fields, and labelled totals', () => {
    const text = analysisTable('tiny', 'Tiny net', a);
    expect(text).toMatch(/^tiny: Tiny net, input 2×4×8×8/);
    expect(text).toMatch(/conv\s+conv3d\s+4×4×8×8\s+220\s+55\.30 K\s+3×3/);
    expect(text).toMatch(/fc\s+linear\s+\[3\]\s+15\s+12\s+4×8/);
    expect(text).toContain('total: 235 parameters; 55.31 KMACs = 110.62 KFLOPs (FLOPs = 2 × MACs); output [3]');
  });
});
