import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/lib/video-nn/analysis';
import { ARCHITECTURE_IDS, CATALOGUE, analyseEntry, catalogueIds, checkReference, checkReferences, findEntry } from '../../../src/lib/video-nn/catalogue';
import type { ModelSpec } from '../../../src/lib/video-nn/spec';

const TEACHING_IDS = ['small3dcnn', 'r2plus1d_block', 'two_stream_rgb_r18', 'two_stream_flow_r18'];

describe('catalogue ids', () => {
  it('are unique', () => {
    expect(new Set(catalogueIds()).size).toBe(CATALOGUE.length);
  });

  it("are complete: the issue's twenty architectures, in order, then the teaching models", () => {
    expect(ARCHITECTURE_IDS).toHaveLength(20);
    expect(catalogueIds()).toEqual([...ARCHITECTURE_IDS, ...TEACHING_IDS]);
    expect(CATALOGUE.filter((e) => e.teaching).map((e) => e.id)).toEqual(TEACHING_IDS);
  });

  it('findEntry finds by id and returns undefined otherwise', () => {
    expect(findEntry('x3d_m')?.title).toBe('X3D-M');
    expect(findEntry('x3d_xxl')).toBeUndefined();
  });
});

describe.each(CATALOGUE.map((e) => [e.id, e] as const))('%s', (id, entry) => {
  const spec = entry.spec();
  const analysis = analyseEntry(entry);

  it('builds a spec with the same id and default input, which survives JSON', () => {
    expect(spec.id).toBe(id);
    expect(spec.defaultInput).toEqual(entry.defaultInput);
    const copy = JSON.parse(JSON.stringify(spec)) as ModelSpec;
    expect(analyze(copy).totals).toEqual(analysis.totals);
  });

  it('matches every reference figure at its printed precision, or within its documented gap', () => {
    expect(entry.references.some((r) => r.quantity === 'params')).toBe(true);
    for (const check of checkReferences(entry, analysis)) {
      const { figure } = check;
      const label = `${figure.quantity} ${figure.printed} (${figure.source}): ours ${check.ours}`;
      expect(figure.source.length, label).toBeGreaterThan(0);
      expect(figure.convention.length, label).toBeGreaterThan(0);
      if (figure.gap) {
        // A documented gap must be real (else the note is stale) and small.
        expect(check.matches, label).toBe(false);
        expect(Math.abs(check.relativeGap), label).toBeLessThanOrEqual(figure.gap.tolerance);
      } else {
        expect(check.ours, label).toBe(figure.printed);
      }
    }
  });

  it('states its paper, a one-sentence key idea and (for the architectures) a reported accuracy', () => {
    expect(entry.paper.year).toBeGreaterThanOrEqual(2014);
    expect(entry.keyIdea).toMatch(/\.$/);
    expect(entry.keyIdea).not.toMatch(/\.\s+[A-Z]/);
    if (!entry.teaching) {
      expect(entry.accuracy).toBeDefined();
      expect(entry.accuracy!.value).toBeGreaterThan(0);
      expect(entry.accuracy!.value).toBeLessThanOrEqual(100);
      expect(entry.accuracy!.source.length).toBeGreaterThan(0);
    }
  });
});

describe('reference checks', () => {
  it('compare at the printed precision and report the relative gap', () => {
    const entry = findEntry('r3d_18')!;
    const [params, macs] = checkReferences(entry);
    expect(params).toMatchObject({ ours: '33371472', matches: true, relativeGap: 0 });
    expect(macs).toMatchObject({ ours: '40.70', matches: true });
    expect(macs!.value).toBe(40_696_553_472);
  });

  it('multiply by the views a figure covers (TimeSformer: 3 crops, 0.59 T)', () => {
    const entry = findEntry('timesformer_b')!;
    const figure = entry.references.find((r) => r.printed === '0.59')!;
    const check = checkReference(figure, analyseEntry(entry));
    expect(check.value).toBe(3 * 195_830_280_192);
    expect(check.matches).toBe(true);
  });

  it('count parameters once whatever the views', () => {
    const entry = findEntry('timesformer_b')!;
    expect(checkReference({ ...entry.references[0]!, views: 3 }, analyseEntry(entry)).value).toBe(121_566_352);
  });
});
