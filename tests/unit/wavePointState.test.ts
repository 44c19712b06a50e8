/**
 * Waving vs pointing: state parsing, the pair of clips one seed gives, the
 * frame difference the figure reports, and its text alternative.
 */
import { describe as group, expect, it } from 'vitest';
import {
  DEFAULT_STATE, MIDDLE, POINT, WAVE, describe, frameDifference, pairOf, parseState, toQuery, topAnswer, type PairScores,
} from '../../src/components/WavePoint/state';

const parse = (query: string) => parseState(new URLSearchParams(query).entries(), ['theme']);
const FRAME = 32 * 32 * 3;

group('state', () => {
  it('defaults to seed 1 at the middle frame, frame 9 of 16 counted from 1', () => {
    expect(MIDDLE).toBe(9);
    expect([WAVE, POINT]).toEqual([0, 1]);
    expect(parse('')).toEqual({ state: DEFAULT_STATE, notes: [] });
    expect(DEFAULT_STATE).toEqual({ seed: 1, frame: 9 });
    expect(toQuery(DEFAULT_STATE)).toBe('');
    expect(toQuery({ seed: 5, frame: 2 })).toBe('seed=5&frame=2');
  });

  it('refuses frames outside 1 … 16, bad seeds and unknown keys, with notes', () => {
    const { state, notes } = parse('frame=0&seed=-3&play=1&theme=dark');
    expect(state).toEqual(DEFAULT_STATE);
    expect(notes).toEqual([
      'Ignored frame “0”: expected a whole number from 1 to 16. Using 9.',
      'Ignored performance seed “-3”: expected a whole number from 0 to 4,294,967,295. Using 1.',
      'Ignored unknown setting “play”.',
    ]);
    expect(parse('frame=16&seed=4294967295').state).toEqual({ frame: 16, seed: 4_294_967_295 });
  });
});

group('the pair', () => {
  const pair = pairOf(1);

  it('is one performer waving and pointing: identical at the middle frame, different elsewhere', () => {
    expect([pair.wave.className, pair.point.className]).toEqual(['wave', 'point']);
    expect(frameDifference(pair.wave.source.data, pair.point.source.data, MIDDLE - 1, FRAME)).toBe(0);
    expect(frameDifference(pair.wave.source.data, pair.point.source.data, 0, FRAME)).toBeGreaterThan(0.1);
    // Same body and scene: the background corner matches in every frame.
    for (let t = 0; t < 16; t++) expect(pair.wave.source.data[t * FRAME]).toBe(pair.point.source.data[t * FRAME]);
  });

  it('measures the largest difference within one frame only', () => {
    const a = new Float32Array(8);
    const b = new Float32Array(8);
    b[1] = 0.5;
    b[6] = -0.75;
    expect(frameDifference(a, b, 0, 4)).toBe(0.5);
    expect(frameDifference(a, b, 1, 4)).toBe(0.75);
  });
});

group('text alternative', () => {
  const p = (top: number, value: number) => Float32Array.from({ length: 8 }, (_, i) => (i === top ? value : (1 - value) / 7));
  const same = p(WAVE, 0.9);
  const scores: PairScores = {
    single: { wave: Array.from({ length: 16 }, (_, t) => (t === 8 ? same : p(6, 0.5))), point: Array.from({ length: 16 }, (_, t) => (t === 8 ? same : p(7, 0.6))) },
    temporal: { wave: p(WAVE, 0.99), point: p(POINT, 0.98) },
    backend: 'cpu',
  };

  it('says the two frames are identical and the single-frame model gives one answer at the middle', () => {
    expect(topAnswer(same)).toBe('wave 90.0%');
    expect(describe({ seed: 1, frame: 9 }, 0, scores)).toBe(
      'Frame 9 of 16, the middle frame: the waving and the pointing figure are identical here. ' +
        'Shown only this frame, the single-frame pose model gives both the same answer: wave 90.0% (point 1.4%). ' +
        'Shown all 16 frames, the temporal model answers wave 99.0% for waving and point 98.0% for pointing.',
    );
  });

  it('gives both answers elsewhere, and only the frame before the models have run', () => {
    expect(describe({ seed: 1, frame: 2 }, 0.6123, scores)).toContain(
      'Frame 2 of 16: the two figures differ here (largest pixel difference 0.612). Shown only this frame, the single-frame pose model answers jumping jack 50.0% for waving and kick 60.0% for pointing.',
    );
    expect(describe({ seed: 1, frame: 2 }, 0.6123)).toBe('Frame 2 of 16: the two figures differ here (largest pixel difference 0.612).');
  });
});
