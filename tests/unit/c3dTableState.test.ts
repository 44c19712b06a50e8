/**
 * The C3D table's rows against hand computations and the figures the curriculum
 * quotes for C3D (Tran et al. 2015): stage outputs, and MACs in millions.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, describe as describeTable, millions, parseState, stageOf, table, toQuery } from '../../src/components/C3dTable/state';

const q = (s: string) => new URLSearchParams(s).entries();
const byId = (state = DEFAULT_STATE) => new Map(table(state).rows.map((r) => [r.id, r]));

describe('C3D table', () => {
  it('groups layers into the five conv stages and the fully connected head', () => {
    expect([...byId().keys()]).toEqual(['conv1', 'conv2', 'conv3', 'conv4', 'conv5', 'fc']);
    expect(byId().get('conv3')!.label).toBe('conv3a, conv3b + pool3');
    expect(byId().get('fc')!.label).toBe('fc6–fc8');
    expect(stageOf('pool5')).toBe('conv5');
    expect(stageOf('fc7')).toBe('fc');
  });

  it("stage outputs equal the published ones (pool5: the reference code's padded 1×4×4)", () => {
    const rows = byId();
    expect(rows.get('conv1')!.shape).toEqual([64, 16, 56, 56]);
    expect(rows.get('conv2')!.shape).toEqual([128, 8, 28, 28]);
    expect(rows.get('conv3')!.shape).toEqual([256, 4, 14, 14]);
    expect(rows.get('conv4')!.shape).toEqual([512, 2, 7, 7]);
    expect(rows.get('conv5')!.shape).toEqual([512, 1, 4, 4]);
    expect(rows.get('fc')!.shape).toEqual([101]);
  });

  it('stage MACs by hand: output positions × Cout × Cin × 27', () => {
    const rows = byId();
    const conv = (cout: number, cin: number, t: number, hw: number) => cout * t * hw * hw * cin * 27;
    expect(rows.get('conv1')!.macs).toBe(conv(64, 3, 16, 112));
    expect(rows.get('conv2')!.macs).toBe(conv(128, 64, 16, 56));
    expect(rows.get('conv3')!.macs).toBe(conv(256, 128, 8, 28) + conv(256, 256, 8, 28));
    expect(rows.get('conv4')!.macs).toBe(conv(512, 256, 4, 14) + conv(512, 512, 4, 14));
    expect(rows.get('conv5')!.macs).toBe(2 * conv(512, 512, 2, 7));
    expect(rows.get('fc')!.macs).toBe(8192 * 4096 + 4096 * 4096 + 4096 * 101);
  });

  it('agrees with the quoted per-stage figures to their rounding (1,040; 11,100; 16,650; 8,320 M)', () => {
    const rows = byId();
    expect(millions(rows.get('conv1')!.macs, 'macs')).toBe('1,040');
    const tens = (id: string) => Math.round(rows.get(id)!.macs / 1e7) * 10;
    expect(tens('conv2')).toBe(11_100);
    expect(tens('conv3')).toBe(16_650);
    expect(tens('conv4')).toBe(8_320);
    // Quoted as 1,380 M; the exact count is 1,387 M.
    expect(millions(rows.get('conv5')!.macs, 'macs')).toBe('1,387');
  });

  it('totals 38.55 G MACs and 78,409,573 parameters (mmaction2); FLOPs double the MACs', () => {
    const t = table(DEFAULT_STATE);
    expect(t.total.macs).toBe(38_547_378_176);
    expect(t.total.params).toBe(78_409_573);
    expect(t.rows.reduce((s, r) => s + r.share, 0)).toBeCloseTo(1, 12);
    const flops = table({ ...DEFAULT_STATE, unit: 'flops' });
    expect(millions(flops.rows[0]!.macs, 'flops')).toBe('2,081');
    expect(describeTable({ ...DEFAULT_STATE, unit: 'flops' })).toContain('77.09 GFLOPs (2 × MACs)');
  });

  it('layer rows list every conv, pool and linear layer', () => {
    const rows = table({ ...DEFAULT_STATE, rows: 'layers' }).rows;
    expect(rows.map((r) => r.id)).toEqual([
      'conv1a', 'pool1', 'conv2a', 'pool2', 'conv3a', 'conv3b', 'pool3', 'conv4a', 'conv4b', 'pool4', 'conv5a', 'conv5b', 'pool5', 'fc6', 'fc7', 'fc8',
    ]);
    expect(rows.find((r) => r.id === 'conv1a')!.params).toBe(64 * 3 * 27 + 64);
    expect(rows.find((r) => r.id === 'pool1')!.macs).toBe(0);
  });

  it('487 classes changes only fc8', () => {
    const a = table(DEFAULT_STATE).total;
    const b = table({ ...DEFAULT_STATE, classes: 487 }).total;
    expect(b.params - a.params).toBe((487 - 101) * 4097);
    expect(b.macs - a.macs).toBe((487 - 101) * 4096);
  });

  it('state round-trips and refuses bad values with a note', () => {
    const { state, notes } = parseState(q('unit=flops&rows=layers&classes=487'));
    expect(notes).toEqual([]);
    expect(state).toEqual({ unit: 'flops', rows: 'layers', classes: 487 });
    expect(parseState(q(toQuery(state))).state).toEqual(state);
    expect(toQuery(DEFAULT_STATE)).toBe('');
    for (const bad of ['unit=gflops', 'classes=100', 'rows=%3Cb%3E', 'x=1']) {
      const parsed = parseState(q(bad));
      expect(parsed.state).toEqual(DEFAULT_STATE);
      expect(parsed.notes).toHaveLength(1);
    }
  });

  it('the summary states the total and the most expensive stage', () => {
    const text = describeTable(DEFAULT_STATE);
    expect(text).toContain('78,409,573 parameters and 38.55 GMACs');
    expect(text).toContain('most expensive stage is conv3a, conv3b + pool3 (16,647 M MACs');
  });
});
