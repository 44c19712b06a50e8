/**
 * The fusion-weight figure's state: networks offered by the build, class and
 * weight validation (w snapped to the sweep's 0.05), URL round trips, the
 * recorded-sweep lookup and the sentences, checked against hand-worked values.
 */
import { describe, expect, it } from 'vitest';
import {
  PAIRS, classIndex, defaultState, describeOutputs, describeSweep, parseState, snapWeight, sweepAt, toQuery, verdict, weightText, withPair,
} from '../../src/components/TwoStream/state';
import { findTrainable } from '../../src/lib/video-nn/training/registry';

const q = (s: string) => new URLSearchParams(s).entries();

describe('two-stream state', () => {
  it('every listed network is a registered spatial + temporal pair on the same classes', () => {
    for (const p of PAIRS) {
      const s = findTrainable(p.spatial)!;
      const t = findTrainable(p.temporal)!;
      expect(s.input).toEqual({ kind: 'middle-frame' });
      expect(t.input?.kind).toBe('flow');
      expect(t.fuseWith).toBe(p.spatial);
      expect(t.dataset(1).descriptor.classes).toEqual(p.classes);
      expect(s.dataset(1).descriptor.classes).toEqual(p.classes);
    }
  });

  it('defaults to w = 0.5 on a bar moving up; round-trips through the URL', () => {
    const { state, notes } = parseState([]);
    expect(notes).toEqual([]);
    expect(state).toEqual({ pair: 'motion4', motion: 'up', seed: 1, w: 0.5 });
    expect(toQuery(state)).toBe('');
    const s = { pair: 'ss', motion: 'grow', seed: 9, w: 0.35 } as const;
    expect(toQuery(s)).toBe('pair=ss&motion=grow&seed=9&w=0.35');
    expect(parseState(q(toQuery(s))).state).toEqual(s);
  });

  it('offers only the networks the build ships', () => {
    const { state, notes } = parseState(q('pair=ss&motion=grow'), [], ['motion4']);
    expect(state.pair).toBe('motion4');
    expect(notes).toEqual([
      'Ignored network “ss”: expected one of motion4. Using motion4.',
      'Ignored motion “grow”: expected one of left, right, up, down. Using up.',
    ]);
    expect(defaultState(['ss'])).toEqual({ pair: 'ss', motion: 'rotate-clockwise', seed: 1, w: 0.5 });
  });

  it('snaps w to the sweep’s step with a note, and refuses what is not a weight', () => {
    expect(snapWeight(0.33)).toBe(0.35);
    expect(snapWeight(0.35000000000000003)).toBe(0.35);
    expect(snapWeight(0.024)).toBe(0);
    const snapped = parseState(q('w=0.33'));
    expect(snapped.state.w).toBe(0.35);
    expect(snapped.notes).toEqual(['Rounded the spatial weight 0.33 to 0.35, a multiple of 0.05.']);
    for (const bad of ['1.5', '-0.1', 'NaN', '1e-1', '']) {
      const r = parseState(q(`w=${bad}`));
      expect(r.state.w).toBe(0.5);
      expect(r.notes[0]).toMatch(/^Ignored spatial weight “.*”: expected a number from 0 to 1\. Using 0\.5\.$/);
    }
  });

  it('changing the network resets the class', () => {
    expect(withPair({ pair: 'motion4', motion: 'left', seed: 3, w: 0.2 }, 'ss')).toEqual({ pair: 'ss', motion: 'rotate-clockwise', seed: 3, w: 0.2 });
    expect(classIndex({ pair: 'ss', motion: 'stay-still' })).toBe(8);
  });

  it('reads the recorded sweep at w and words it', () => {
    const sweep = Array.from({ length: 21 }, (_, i) => ({ weightSpatial: i / 20, accuracy: 1 - i / 40 }));
    expect(sweepAt(sweep, 0.35)).toBeCloseTo(1 - 7 / 40, 12);
    expect(sweepAt(sweep, 0.36)).toBeUndefined();
    const record = { count: 256, spatial: 0.25, temporal: 0.96875, fused: 0.97265625, weightSpatial: 0.15, sweep };
    // At w = 0.5 (i = 10) the made-up sweep reads 1 − 10/40 = 75%.
    expect(describeSweep(record, 0.5)).toBe(
      'On the 256 test clips recorded at training: temporal stream alone (w = 0) 96.9%, spatial stream alone (w = 1) 25.0%, fused at w = 0.50 75.0%; ' +
        'the weight chosen on the validation clips, w = 0.15, gives 97.3%.',
    );
  });

  it('states the three outputs with their numbers', () => {
    const classes = ['left', 'right', 'up', 'down'];
    const spatial = [0.4, 0.2, 0.2, 0.2];
    const temporal = [0, 0, 1, 0];
    // Fused at w = 0.25 by hand: 0.25·p_s + 0.75·p_t = (0.1, 0.05, 0.8, 0.05).
    const fused = [0.1, 0.05, 0.8, 0.05];
    expect(verdict(classes, spatial, 2)).toBe('left 40.0% — wrong');
    expect(weightText(0.25)).toBe('w = 0.25 on the spatial stream, 0.75 on the temporal');
    expect(describeOutputs({ classes, label: 2, seed: 7, network: 'Motion direction (4 ways)', spatial, temporal, fused, w: 0.25 })).toBe(
      'Motion direction (4 ways), a clip of “up” from seed 7. ' +
        'Spatial stream, on the middle frame: left 40.0%, right 20.0%, up 20.0%, down 20.0%; it answers left 40.0% — wrong. ' +
        'Temporal stream, on the stacked flow: left 0.0%, right 0.0%, up 100.0%, down 0.0%; it answers up 100.0% — correct. ' +
        'Fused with w = 0.25 on the spatial stream, 0.75 on the temporal: left 10.0%, right 5.0%, up 80.0%, down 5.0%; it answers up 80.0% — correct.',
    );
  });
});
