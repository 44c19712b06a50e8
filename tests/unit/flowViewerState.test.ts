import { describe, expect, it } from 'vitest';
import {
  CLIP_FRAMES, DEFAULT_STATE, MOTIONS, QUALITY, clampFrame, describeFlow, describeState, formatPixels, mainDirection, motionClass, nextFrame,
  pairLabel, parseState, qualityLabel, toQuery,
} from '../../src/components/FlowViewer/state';
import { FLOW_DEFAULTS } from '../../src/lib/video-nn/flow/tvl1';
import { SOMETHING_LITE_CLASSES } from '../../src/lib/video-nn/data/somethingLite';
import { meanMagnitude, maxFlowRadius } from '../../src/lib/video-nn/flow';
import { summariseFlow } from '../../src/lib/video-nn/flow/summary';

const q = (s: string) => new URLSearchParams(s).entries();

describe('flow viewer state', () => {
  it('defaults to a generated clip at 96 px, balanced flow, colour wheel, first pair', () => {
    const { state, notes } = parseState([]);
    expect(notes).toEqual([]);
    expect(state).toEqual(DEFAULT_STATE);
    expect(state).toEqual({ source: 'clip', motion: 'clockwise', seed: 24, size: 96, quality: 'balanced', display: 'colour', frame: 0 });
    expect(toQuery(state)).toBe('');
  });

  it('reads every setting from a query and round-trips through the URL', () => {
    const query = 'source=file&motion=left&seed=4294967295&size=48&quality=best&display=magnitude&frame=12';
    const { state, notes } = parseState(q(query));
    expect(notes).toEqual([]);
    expect(state).toEqual({ source: 'file', motion: 'left', seed: 4294967295, size: 48, quality: 'best', display: 'magnitude', frame: 12 });
    expect(toQuery(state)).toBe(query);
    expect(parseState(q(toQuery(state))).state).toEqual(state);
  });

  it.each([
    ['source', 'source=youtube', 'Ignored source “youtube”: expected one of clip, file, webcam. Using clip.'],
    ['size', 'size=100', 'Ignored working size “100”: expected one of 48, 64, 96, 128, 160. Using 96.'],
    ['seed', 'seed=1e3', 'Ignored clip seed “1e3”: expected a whole number from 0 to 4,294,967,295. Using 24.'],
    ['frame', 'frame=-1', 'Ignored frame “-1”: expected a whole number from 0 to 1,023. Using 0.'],
    ['display', 'display=<b>x</b>', 'Ignored display “<b>x</b>”: expected one of colour, arrows, magnitude. Using colour.'],
    ['unknown key', 'speed=3', 'Ignored unknown setting “speed”.'],
  ])('refuses a bad %s with a note and the default', (_name, query, note) => {
    const { state, notes } = parseState(q(query));
    expect(notes).toEqual([note]);
    expect(state).toEqual(DEFAULT_STATE);
  });

  it('leaves keys handled elsewhere (theme) alone', () => {
    expect(parseState(q('theme=dark'), ['theme']).notes).toEqual([]);
  });

  it('names the generated clip’s motions after the dataset’s classes', () => {
    expect(MOTIONS).toEqual(['left', 'right', 'up', 'down', 'clockwise', 'anticlockwise', 'grow', 'shrink', 'still']);
    MOTIONS.forEach((m, i) => expect(SOMETHING_LITE_CLASSES[motionClass(m)]).toBe(SOMETHING_LITE_CLASSES[i]));
    expect(SOMETHING_LITE_CLASSES[motionClass('still')]).toBe('stay still');
  });

  it('the best preset is the library’s defaults, and presets get cheaper in order', () => {
    expect(QUALITY.best.options).toEqual({ levels: FLOW_DEFAULTS.levels, warps: FLOW_DEFAULTS.warps, iterations: FLOW_DEFAULTS.iterations });
    const work = (k: keyof typeof QUALITY) => QUALITY[k].options.warps * QUALITY[k].options.iterations;
    expect(work('quick')).toBeLessThan(work('balanced'));
    expect(work('balanced')).toBeLessThan(work('best'));
    expect(qualityLabel('best')).toBe('Best (5 warps × 30 iterations)');
  });

  it('clamps a frame past the end of the source, with a note', () => {
    expect(clampFrame(3, CLIP_FRAMES)).toEqual({ frame: 3 });
    expect(clampFrame(14, 16)).toEqual({ frame: 14 });
    expect(clampFrame(40, 16)).toEqual({ frame: 14, note: 'Frame 41 is past the end of this 16-frame source; showing the last pair (frames 15 and 16).' });
    expect(clampFrame(5, 0).frame).toBe(0);
  });

  it('playing steps through the pairs and wraps after the last', () => {
    // 4 frames: pairs (1,2), (2,3), (3,4).
    expect([0, 1, 2].map((f) => nextFrame(f, 4))).toEqual([1, 2, 0]);
    expect(nextFrame(0, 2)).toBe(0);
    expect(pairLabel(0, 16)).toBe('Frames 1 → 2 of 16');
  });

  it('words the main direction in screen terms, and only when motion agrees', () => {
    // y points down: (0, 1) is "down"; (1, -1) is "up-right".
    expect(mainDirection({ meanU: 1, meanV: 0, meanMagnitude: 1 })).toBe('right');
    expect(mainDirection({ meanU: 0, meanV: 2, meanMagnitude: 2 })).toBe('down');
    expect(mainDirection({ meanU: -1, meanV: 0.1, meanMagnitude: 1.1 })).toBe('left');
    expect(mainDirection({ meanU: 1, meanV: -1, meanMagnitude: Math.SQRT2 })).toBe('up-right');
    // A rotation: vectors cancel, so no single direction.
    expect(mainDirection({ meanU: 0.01, meanV: -0.02, meanMagnitude: 1.5 })).toBeUndefined();
    expect(mainDirection({ meanU: 0.01, meanV: 0, meanMagnitude: 0.01 })).toBeUndefined();
  });

  it('states the numbers of a pair in its text alternative', () => {
    // A 2×1 field: (3, 4) and (0, 0). Mean length (5 + 0)/2 = 2.5, largest 5, mean vector (1.5, 2).
    const field = { width: 2, height: 1, data: new Float32Array([3, 4, 0, 0]) };
    const summary = summariseFlow(field);
    expect(summary).toEqual({ meanMagnitude: 2.5, maxMagnitude: 5, meanU: 1.5, meanV: 2, movingFraction: 0.5, count: 2 });
    expect(summary.meanMagnitude).toBe(meanMagnitude(field));
    expect(summary.maxMagnitude).toBe(maxFlowRadius(field));
    const text = describeFlow({ sourceLabel: 'video “a.webm”', frame: 4, frames: 30, width: 2, height: 1, summary, gap: 1 / 15 });
    expect(text).toBe(
      'Frames 5 → 6 of 30 of the video “a.webm”, 0.067 s apart, at 2×1 pixels: mean motion 2.50 px, largest 5.00 px; 50% of pixels move half a pixel or more, on average moving down-right.',
    );
    expect(formatPixels(0.0123)).toBe('0.012');
    expect(formatPixels(12.34)).toBe('12.3');
  });

  it('the summary skips unknown flow and counts pixels at the moving threshold', () => {
    const field = { width: 3, height: 1, data: new Float32Array([0.5, 0, 2e9, 0, 0, -0.3]) };
    const s = summariseFlow(field);
    expect(s.count).toBe(2);
    expect(s.movingFraction).toBe(0.5);
    expect(s.meanMagnitude).toBeCloseTo(0.4, 6);
    expect(summariseFlow({ width: 1, height: 1, data: new Float32Array([NaN, 0]) }).count).toBe(0);
  });

  it('describes the default figure before it runs', () => {
    expect(describeState(DEFAULT_STATE)).toContain('a generated clip in which an object is “rotate clockwise” (seed 24)');
    expect(describeState({ ...DEFAULT_STATE, source: 'webcam' })).toContain('your webcam, once you turn it on');
  });
});
