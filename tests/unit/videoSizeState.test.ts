import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, PRESETS, compute, describe as describeState, matchingPreset, parseState, toQuery, withValue } from '../../src/components/VideoSize/state';

const q = (s: string) => new URLSearchParams(s).entries();

describe('video size state', () => {
  it('defaults to one minute of HD at 30 fps', () => {
    const { state, notes } = parseState([]);
    expect(state).toEqual(DEFAULT_STATE);
    expect(notes).toEqual([]);
    expect(compute(state).totalBytes).toBe(11_197_440_000);
    expect(matchingPreset(state)).toBe('hd-minute');
  });

  it('reads valid query values and round-trips through the URL', () => {
    const { state, notes } = parseState(q('width=640&height=480&fps=29.97&bits=10&seconds=2.5&stride=3'));
    expect(notes).toEqual([]);
    expect(state).toMatchObject({ width: 640, height: 480, fps: 29.97, bits: 10, seconds: 2.5, stride: 3 });
    expect(parseState(q(toQuery(state))).state).toEqual(state);
    expect(toQuery(DEFAULT_STATE)).toBe('');
  });

  it('the training-clip preset is 16×112×112×3 = 588 KiB', () => {
    const { state } = parseState(q('preset=training-clip'));
    const size = compute(state);
    expect(size.frames).toBe(16);
    expect(size.totalBytes).toBe(602_112);
    expect(describeState(state)).toContain('588 KiB');
    expect(matchingPreset(state)).toBe('training-clip');
  });

  it('explicit values override a preset', () => {
    const { state } = parseState(q('preset=sd-minute&seconds=1'));
    expect(state).toMatchObject({ width: 640, height: 480, seconds: 1 });
  });

  it.each([
    ['letters', 'width=abc'],
    ['negatives', 'height=-5'],
    ['huge numbers', 'fps=1e99'],
    ['too large', 'width=100000'],
    ['fractions where whole numbers are needed', 'channels=2.5'],
    ['script payloads', 'seconds=%3Cscript%3Ealert(1)%3C%2Fscript%3E'],
    ['a bit depth outside the list', 'bits=7'],
    ['Infinity', 'seconds=Infinity'],
    ['hex', 'width=0x10'],
    ['empty', 'width='],
    ['an unknown preset', 'preset=%3Cimg%20src%3Dx%3E'],
  ])('falls back to defaults with a note for %s', (_name, query) => {
    const { state, notes } = parseState(q(query));
    expect(state).toEqual(DEFAULT_STATE);
    expect(notes).toHaveLength(1);
  });

  it('notes unknown keys but not the ones another layer handles', () => {
    expect(parseState(q('foo=1')).notes[0]).toMatch(/unknown setting “foo”/);
    expect(parseState(q('theme=dark'), ['theme']).notes).toEqual([]);
  });

  it('truncates long hostile values in notes', () => {
    const { notes } = parseState(q(`width=${'<b>'.repeat(100)}`));
    expect(notes[0]!.length).toBeLessThan(200);
  });

  it('reduces a crop larger than the frame to the frame', () => {
    const { state, notes } = parseState(q('width=640&height=480&cropw=1000&croph=100'));
    expect(state.cropw).toBe(640);
    expect(state.croph).toBe(100);
    expect(notes).toHaveLength(1);
    const shrunk = withValue(state, 'width', 320);
    expect(shrunk.state.cropw).toBe(320);
    expect(shrunk.notes).toHaveLength(1);
  });

  it('every preset is a valid state that survives the URL', () => {
    for (const preset of Object.values(PRESETS)) {
      expect(parseState(q(toQuery(preset.state))).state).toEqual(preset.state);
    }
  });
});
