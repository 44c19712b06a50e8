// The inflation demo's pure parts: state, number formatting, the verdict and the text alternative; and the static clip.
import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, describeResults, formatDifference, parseState, staticVerdict, toQuery } from '../../src/components/Inflation/state';
import { repeatFrame } from '../../src/lib/video-nn/data/staticClip';

describe('inflation demo state', () => {
  it('defaults to clip seed 1, the middle frame (5 of 8) and 64 clips', () => {
    expect(DEFAULT_STATE).toEqual({ seed: 1, frame: 5, clips: 64 });
    expect(parseState([])).toEqual({ state: DEFAULT_STATE, notes: [] });
    expect(toQuery(DEFAULT_STATE)).toBe('');
  });

  it('round-trips a query', () => {
    const { state, notes } = parseState(new URLSearchParams('seed=99&frame=1&clips=256'));
    expect(notes).toEqual([]);
    expect(state).toEqual({ seed: 99, frame: 1, clips: 256 });
    expect(toQuery(state)).toBe('seed=99&frame=1&clips=256');
  });

  it('refuses frames outside 1 … 8, fractions, exponents and unknown keys, with notes', () => {
    const { state, notes } = parseState(new URLSearchParams('frame=9&seed=1e3&clips=12&x=1'));
    expect(state).toEqual(DEFAULT_STATE);
    expect(notes).toEqual([
      'Ignored repeated frame “9”: expected a whole number from 1 to 8. Using 5.',
      'Ignored clip seed “1e3”: expected a whole number from 0 to 4,294,967,295. Using 1.',
      'Ignored clips “12”: expected one of 32, 64, 128, 256. Using 64.',
      'Ignored unknown setting “x”.',
    ]);
    expect(parseState(new URLSearchParams('frame=0')).state.frame).toBe(5);
    expect(parseState(new URLSearchParams('frame=2.5')).state.frame).toBe(5);
  });
});

describe('formatting differences', () => {
  it('writes small differences in powers of ten and large ones plainly', () => {
    expect(formatDifference(0)).toBe('0');
    expect(formatDifference(5.96e-8)).toBe('6.0 × 10⁻⁸');
    expect(formatDifference(2.4e-7)).toBe('2.4 × 10⁻⁷');
    expect(formatDifference(1e-5)).toBe('1.0 × 10⁻⁵');
    expect(formatDifference(0.0678)).toBe('0.0678');
    expect(formatDifference(1.23456)).toBe('1.23');
  });

  it('calls a difference within 10⁻⁵ the same output, and explains a larger one', () => {
    expect(staticVerdict(6e-8, 32)).toBe('the same output, up to float32 rounding');
    expect(staticVerdict(1e-5, 32)).toBe('the same output, up to float32 rounding');
    expect(staticVerdict(2e-3, 16)).toContain('16-bit floats');
    expect(staticVerdict(2e-3, 32)).toContain('does not reproduce its parent');
  });

  it('states both comparisons and every accuracy in the text alternative', () => {
    const text = describeResults(
      { seed: 3, frame: 2, clips: 64 },
      { maxAbsDifference: 6e-8, predicted2d: 'right', predictedInflated: 'right' },
      { maxAbsDifference: 0.0678, predicted2d: 'up', predictedInflated: 'left' },
      [
        { label: '2-D single-frame model', correct: 17, count: 64 },
        { label: 'I3D-tiny', correct: 64, count: 64 },
      ],
      0.25,
    );
    expect(text).toBe(
      'Static clip (frame 2 of the clip from seed 3, repeated 8 times): the 2-D model and its inflation both answer right; their outputs differ by at most 6.0 × 10⁻⁸. ' +
        'Moving clip: the 2-D model answers up, the inflated model left; the outputs differ by up to 0.0678. ' +
        'On 64 fresh clips (chance 25.0%): 2-D single-frame model 26.6% (17 of 64) and I3D-tiny 100.0% (64 of 64).',
    );
  });
});

describe('repeatFrame (a static clip)', () => {
  const clip = { data: Float32Array.from({ length: 3 * 2 * 2 * 1 }, (_, i) => i), shape: [3, 2, 2, 1] as const };

  it('repeats one frame for every time step and keeps the shape', () => {
    const still = repeatFrame(clip, 1);
    expect(still.shape).toEqual([3, 2, 2, 1]);
    expect([...still.data]).toEqual([4, 5, 6, 7, 4, 5, 6, 7, 4, 5, 6, 7]);
    expect([...clip.data.subarray(0, 4)]).toEqual([0, 1, 2, 3]);
  });

  it('refuses a frame that is not in the clip', () => {
    expect(() => repeatFrame(clip, 3)).toThrow('frame must be an integer in [0, 3), got 3');
    expect(() => repeatFrame(clip, -1)).toThrow();
    expect(() => repeatFrame({ ...clip, data: new Float32Array(5) }, 0)).toThrow('do not fill');
  });
});
