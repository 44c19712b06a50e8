/**
 * The flow-stacking figure's state: validation and URL round trips, the
 * channels it picks for L (against the library's stack layout, worked with
 * labelled values), the colour scale and the diverging map, and its sentence.
 */
import { describe, expect, it } from 'vitest';
import {
  DATASETS, DEFAULT_STATE, FRAMES, MAX_FLOWS, channelLabel, channelOf, classIndex, colourScale, describe as describeState, divergingColour,
  flowOfStack, pairsFor, parseState, stackForFlows, stackMagnitudes, toQuery, withDataset,
} from '../../src/components/FlowStack/state';
import { findTrainable } from '../../src/lib/video-nn/training/registry';

const q = (s: string) => new URLSearchParams(s).entries();

describe('flow-stack state', () => {
  it('defaults to L = 3 on a bar moving right; the URL carries only what differs', () => {
    const { state, notes } = parseState([]);
    expect(notes).toEqual([]);
    expect(state).toEqual(DEFAULT_STATE);
    expect(state).toEqual({ data: 'motion4', motion: 'right', seed: 1, flows: 3 });
    expect(toQuery(state)).toBe('');
    const s = { data: 'something', motion: 'rotate-clockwise', seed: 42, flows: 7 } as const;
    expect(toQuery(s)).toBe('data=something&seed=42&flows=7&motion=rotate-clockwise');
    expect(parseState(q(toQuery(s))).state).toEqual(s);
  });

  it('refuses bad values with notes and falls back', () => {
    const { state, notes } = parseState(q('data=kinetics&flows=8&seed=-1&motion=<b>x</b>&zoom=2'));
    expect(state).toEqual(DEFAULT_STATE);
    expect(notes).toEqual([
      'Ignored dataset “kinetics”: expected one of motion4, something. Using motion4.',
      'Ignored number of flow fields “8”: expected a whole number from 1 to 7. Using 3.',
      'Ignored clip seed “-1”: expected a whole number from 0 to 4,294,967,295. Using 1.',
      'Ignored unknown setting “zoom”.',
      'Ignored motion “<b>x</b>”: expected one of left, right, up, down. Using right.',
    ]);
    // A class of the other dataset is not a class of this one.
    expect(parseState(q('motion=move-left')).notes[0]).toMatch(/^Ignored motion “move-left”/);
    expect(parseState(q('data=something&motion=move-left')).state.motion).toBe('move-left');
  });

  it('changing the dataset resets the class to that dataset’s default', () => {
    expect(withDataset(DEFAULT_STATE, 'something')).toEqual({ ...DEFAULT_STATE, data: 'something', motion: 'move-up' });
    expect(classIndex({ data: 'something', motion: 'move-up' })).toBe(2);
    expect(classIndex({ data: 'motion4', motion: 'down' })).toBe(3);
  });

  it('FRAMES and the datasets match the registry’s temporal streams', () => {
    for (const d of Object.values(DATASETS)) {
      const entry = findTrainable(d.temporalModel)!;
      expect(entry.input).toMatchObject({ kind: 'flow', flows: MAX_FLOWS });
      const desc = entry.dataset(1).descriptor;
      expect(desc.clipShape[0]).toBe(FRAMES);
      expect(desc.classes).toEqual(d.classes);
    }
  });

  it('the pairs for L start ⌊L/2⌋ before the middle frame (4 of 0…7), as far as the clip allows', () => {
    expect(pairsFor(1)).toEqual([[4, 5]]);
    expect(pairsFor(2)).toEqual([[3, 4], [4, 5]]);
    expect(pairsFor(3)).toEqual([[3, 4], [4, 5], [5, 6]]);
    expect(pairsFor(6)).toEqual([[1, 2], [2, 3], [3, 4], [4, 5], [5, 6], [6, 7]]);
    expect(pairsFor(7)).toEqual([[0, 1], [1, 2], [2, 3], [3, 4], [4, 5], [5, 6], [6, 7]]);
  });

  it('picks channels 2a, 2a + 1 of the full stack for pair (a, a + 1), u and v interleaved', () => {
    // Two pixels, 7 flows; value = 100·pixel + 10·flow + (0 for u, 1 for v).
    const pixels = 2;
    const full = new Float32Array(pixels * 14);
    for (let p = 0; p < pixels; p++) for (let a = 0; a < 7; a++) for (let c = 0; c < 2; c++) full[p * 14 + 2 * a + c] = 100 * p + 10 * a + c;
    expect(Array.from(stackForFlows(full, pixels, 3))).toEqual([30, 31, 40, 41, 50, 51, 130, 131, 140, 141, 150, 151]);
    expect(Array.from(stackForFlows(full, pixels, 7))).toEqual(Array.from(full));
    expect(() => stackForFlows(new Float32Array(5), pixels, 3)).toThrow(/expected 2×14/);
    const stack = stackForFlows(full, pixels, 3);
    expect(Array.from(channelOf(stack, pixels, 2))).toEqual([40, 140]);
    expect(flowOfStack(stack, 1, 2, 1)).toEqual({ width: 2, height: 1, data: new Float32Array([40, 41, 140, 141]) });
    expect(() => flowOfStack(stack, 1, 2, 3)).toThrow(/no flow 3/);
    expect(Array.from(stackMagnitudes(new Float32Array([3, 4, 0, -2])))).toEqual([5, 2]);
  });

  it('labels channels from 0 as the tensor does', () => {
    expect(channelLabel(0)).toBe('channel 0: u of flow 0');
    expect(channelLabel(5)).toBe('channel 5: v of flow 2');
  });

  it('the colour scale ignores the top 2% of |values| and rounds up', () => {
    const values = new Float32Array(100).fill(0.8);
    values[0] = -9; // one stray vector
    values[1] = 7;
    expect(colourScale(values)).toBe(1);
    expect(colourScale(new Float32Array(100).fill(-1.2))).toBe(2);
    expect(colourScale(new Float32Array(10))).toBe(0.25);
  });

  it('the diverging map: blue below, white at zero, red above, saturating beyond the scale', () => {
    expect(divergingColour(0, 1)).toEqual([247, 247, 247]);
    expect(divergingColour(-1, 1)).toEqual([33, 102, 172]);
    expect(divergingColour(-5, 1)).toEqual([33, 102, 172]);
    expect(divergingColour(2, 2)).toEqual([178, 24, 43]);
    // Halfway between anchors 4 (253,219,199) and 5 (239,138,98): t = 0.5 → x = 4.5.
    expect(divergingColour(0.5, 1)).toEqual([246, 179, 149]);
    const [r, , b] = divergingColour(0.3, 1);
    expect(r).toBeGreaterThan(b);
  });

  it('states L, 2L, the shape and each flow’s mean motion', () => {
    const s = { data: 'motion4', motion: 'up', seed: 1, flows: 2 } as const;
    const summary = (u: number, v: number) => ({ meanU: u, meanV: v, meanMagnitude: 0, maxMagnitude: 0, movingFraction: 0, count: 1 });
    expect(describeState(s, 32, 32, [summary(0.014, -1.2), summary(-0.5, -1)])).toBe(
      'A clip of class “up” (Motion direction (4 ways), seed 1). L = 2 flow fields between consecutive frames, counted from 0, are stacked into 2L = 4 channels: ' +
        "the temporal stream's input is 32×32×4. Mean motion (u, v) in pixels per frame, u to the right and v downwards: " +
        'flow 0 (frames 3→4) (0.01, −1.20); flow 1 (frames 4→5) (−0.50, −1.00).',
    );
  });
});
