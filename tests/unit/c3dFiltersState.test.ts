/**
 * The learned-filters figure: its state, its arithmetic on small hand-made
 * filters, and the shipped C3D-tiny's first layer against the seeded
 * initialisation it was trained from.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { specVariables } from '../../src/lib/video-nn/models/params';
import { findTrainable } from '../../src/lib/video-nn/training/registry';
import {
  DEFAULT_STATE, MODEL_ID, WEIGHT_NAME, bankFor, checkBank, describe as describeState, filterFrame, fitToBank, frameSums, parseState,
  randomTimeVaryingShare, relativeChange, timeVaryingShare, toQuery, weightAt, type Banks, type FilterBank,
} from '../../src/components/C3dFilters/state';

const q = (s: string) => new URLSearchParams(s).entries();

/** A bank of `cout` filters kt×1×1 over 3 channels, from per-filter, per-frame, per-channel values. */
function bank(values: number[][][]): FilterBank {
  const cout = values.length;
  const kt = values[0]!.length;
  const data = new Float32Array(kt * 3 * cout);
  values.forEach((filter, o) => filter.forEach((frame, t) => frame.forEach((w, c) => (data[(t * 3 + c) * cout + o] = w))));
  return { shape: [kt, 1, 1, 3, cout], data };
}

describe('learned filters: state', () => {
  it('defaults, round trip and refusals', () => {
    expect(parseState([])).toEqual({ state: DEFAULT_STATE, notes: [] });
    const { state } = parseState(q('filter=5&frame=2&show=change&norm=layer'));
    expect(state).toEqual({ filter: 5, frame: 2, show: 'change', norm: 'layer' });
    expect(parseState(q(toQuery(state))).state).toEqual(state);
    for (const bad of ['filter=0', 'frame=x', 'show=%3Cscript%3E', 'norm=global', 'foo=1']) {
      const parsed = parseState(q(bad));
      expect(parsed.state).toEqual(DEFAULT_STATE);
      expect(parsed.notes).toHaveLength(1);
    }
  });

  it('a filter or frame beyond the loaded layer is brought inside it, with a note', () => {
    const b = bank([[[1, 0, 0], [0, 1, 0], [0, 0, 1]], [[0, 0, 0], [0, 0, 0], [0, 0, 0]]]);
    const notes: string[] = [];
    expect(fitToBank({ ...DEFAULT_STATE, filter: 9, frame: 7 }, b, notes)).toMatchObject({ filter: 2, frame: 3 });
    expect(notes).toEqual(['The layer has 2 filters; showing filter 2 instead of 9.', 'Each filter has 3 frames; showing frame 3 instead of 7.']);
  });
});

describe('learned filters: arithmetic', () => {
  const still = [[0.2, -0.4, 0.1], [0.2, -0.4, 0.1], [0.2, -0.4, 0.1]];
  const flip = [[0.5, 0.5, 0.5], [0, 0, 0], [-0.5, -0.5, -0.5]];
  const b = bank([still, flip]);

  it('reads weights in the tfjs layout kt×kh×kw×Cin×Cout', () => {
    expect(weightAt(b, 0, 1, 0, 0, 1)).toBeCloseTo(-0.4, 6);
    expect(weightAt(b, 1, 2, 0, 0, 2)).toBeCloseTo(-0.5, 6);
    expect(() => checkBank({ shape: [1, 1, 1, 2, 1], data: new Float32Array(2) })).toThrow(/3 colour channels/);
  });

  it('time-varying share: 0 for a filter that repeats, 1 for one that cancels out over time; random weights give (kt − 1)/kt', () => {
    expect(timeVaryingShare(b, 0)).toBeCloseTo(0, 6);
    expect(timeVaryingShare(b, 1)).toBeCloseTo(1, 6);
    expect(randomTimeVaryingShare(3)).toBeCloseTo(2 / 3, 12);
  });

  it('frame sums are each frame’s total weight', () => {
    expect(frameSums(b, 0).map((v) => +v.toFixed(6))).toEqual([-0.1, -0.1, -0.1]);
    expect(frameSums(b, 1).map((v) => +v.toFixed(6))).toEqual([1.5, 0, -1.5]);
  });

  it('colours: 0.5 + w / (2 · max |w|), so grey is 0 and the extremes are 0 and 1', () => {
    const f = filterFrame(b, 1, 0, 'filter');
    expect(Array.from(f)).toEqual([1, 1, 1]);
    expect(Array.from(filterFrame(b, 1, 1, 'filter'))).toEqual([0.5, 0.5, 0.5]);
    // On the layer's scale filter 0's largest |w| (0.4) is measured against 0.5.
    expect(filterFrame(b, 0, 0, 'layer')[1]).toBeCloseTo(0.5 - 0.4, 6);
  });

  it('relative change ‖w − w₀‖ / ‖w₀‖ and the change view', () => {
    const banks: Banks = { initial: b, trained: bank([still.map((f) => f.map((w) => w * 1.5)), flip]) };
    expect(relativeChange(banks, 0)).toBeCloseTo(0.5, 6);
    expect(relativeChange(banks, 1)).toBe(0);
    expect(weightAt(bankFor('change', banks), 0, 0, 0, 0, 0)).toBeCloseTo(0.1, 6);
    expect(bankFor('initial', banks)).toBe(b);
  });
});

describe('learned filters: the shipped C3D-tiny', () => {
  const modelJson = JSON.parse(readFileSync(`public/weights/${MODEL_ID}/model.json`, 'utf8')) as { weightsManifest: { weights: { name: string; shape: number[]; offset: number }[] }[] };
  const manifest = JSON.parse(readFileSync(`public/weights/${MODEL_ID}/manifest.json`, 'utf8')) as { training: { seed: number } };
  const entry = modelJson.weightsManifest[0]!.weights.find((w) => w.name === WEIGHT_NAME)!;
  const shard = readFileSync(`public/weights/${MODEL_ID}/weights.bin`);
  const count = entry.shape.reduce((a, b) => a * b, 1);
  const trained: FilterBank = { shape: entry.shape as FilterBank['shape'], data: new Float32Array(shard.buffer.slice(shard.byteOffset + entry.offset, shard.byteOffset + entry.offset + 4 * count)) };
  const layers = findTrainable(MODEL_ID)!.spec().layers;
  const initialOf = (seed: number): FilterBank => ({ shape: trained.shape, data: specVariables(layers, seed).find((v) => v.name === WEIGHT_NAME)!.values() });
  const banks: Banks = { trained, initial: initialOf(manifest.training.seed) };

  it('its first layer is 3×3×3 over RGB with 12 filters', () => {
    expect(trained.shape).toEqual([3, 3, 3, 3, 12]);
    checkBank(trained);
  });

  it('training started from the seeded initialisation: every filter moved less than half its size (another seed is ~√2 away)', () => {
    const moved = Array.from({ length: 12 }, (_, o) => relativeChange(banks, o));
    expect(Math.max(...moved)).toBeLessThan(0.5);
    expect(Math.min(...moved)).toBeGreaterThan(0.05);
    const other: Banks = { trained, initial: initialOf(manifest.training.seed + 1) };
    expect(relativeChange(other, 0)).toBeGreaterThan(1.2);
  });

  it('the text alternative gives the range of changes and the selected filter', () => {
    const text = describeState({ ...DEFAULT_STATE, filter: 3 }, banks);
    const moved = Array.from({ length: 12 }, (_, o) => Math.round(relativeChange(banks, o) * 100));
    expect(text).toContain(`by ${Math.min(...moved)}%`);
    expect(text).toContain(`to ${Math.max(...moved)}%`);
    expect(text).toContain(`Filter 3 is selected: it moved ${moved[2]}%`);
    expect(text).toContain('random weights: 67% on average');
  });
});
