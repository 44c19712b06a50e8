/**
 * Per-frame flicker: state parsing, the flicker statistics against a
 * hand-made sequence of per-frame probabilities, the frames the trained
 * model's pool averages (read from its analysis), and the text alternative.
 */
import { describe as group, expect, it } from 'vitest';
import { analyze } from '../../src/lib/video-nn/analysis';
import { findTrainable } from '../../src/lib/video-nn/training/registry';
import { DEFAULT_STATE, clipOf, describe, flicker, listFrames, parseState, pooledFrames, toQuery } from '../../src/components/FrameFlicker/state';

const parse = (query: string) => parseState(new URLSearchParams(query).entries());

group('state', () => {
  it('defaults to a jumping jack, seed 1, at the middle frame', () => {
    expect(parse('')).toEqual({ state: DEFAULT_STATE, notes: [] });
    expect(DEFAULT_STATE).toEqual({ action: 'jumping jack', seed: 1, frame: 9 });
    expect(toQuery(DEFAULT_STATE)).toBe('');
    expect(toQuery({ action: 'walk in place', seed: 3, frame: 1 })).toBe('action=walk+in+place&seed=3&frame=1');
    expect(parse('action=walk+in+place&seed=3&frame=1').state).toEqual({ action: 'walk in place', seed: 3, frame: 1 });
  });

  it('refuses an unknown action and bad numbers with notes', () => {
    const { state, notes } = parse('action=<img src=x>&frame=17&seed=abc');
    expect(state).toEqual(DEFAULT_STATE);
    expect(notes).toEqual([
      'Ignored frame “17”: expected a whole number from 1 to 16. Using 9.',
      'Ignored performance seed “abc”: expected a whole number from 0 to 4,294,967,295. Using 1.',
      'Ignored action “<img src=x>”: expected one of wave, point, clap, jump, squat, walk in place, jumping jack, kick. Using jumping jack.',
    ]);
  });

  it('names a clip of the chosen action', () => {
    const clip = clipOf({ action: 'kick', seed: 4, frame: 1 });
    expect(clip.className).toBe('kick');
    expect(clip.shape).toEqual([16, 17, 1, 3]);
    expect(clip.source.shape).toEqual([16, 32, 32, 3]);
  });
});

group('flicker statistics', () => {
  // Four frames over 8 classes; the true class is 6.
  const row = (entries: Record<number, number>) => Float32Array.from({ length: 8 }, (_, k) => entries[k] ?? 0);
  const perFrame = [row({ 6: 0.7, 0: 0.3 }), row({ 7: 0.6, 6: 0.4 }), row({ 6: 0.5, 0: 0.2, 3: 0.3 }), row({ 0: 0.9, 6: 0.1 })];

  it('counts changes of the top class, the frames it is right, and averages the probabilities', () => {
    const f = flicker(perFrame, 6);
    expect(f.top).toEqual([6, 7, 6, 0]);
    expect(f.changes).toBe(3);
    expect(f.rightFrames).toBe(2);
    expect(Array.from(f.average)).toEqual(Array.from(row({ 6: 0.425, 0: 0.35, 7: 0.15, 3: 0.075 })));
    // Drawn: the true class, then classes that lead somewhere or peak at 25% or more, highest peak first.
    expect(f.shown).toEqual([6, 0, 7, 3]);
  });

  it('finds the frames the single-frame pose model’s pool averages from its analysis alone', () => {
    expect(pooledFrames(analyze(findTrainable('stick_pose_single_frame')!.spec()))).toEqual([1, 5, 9, 13]);
    // The temporal model mixes frames before its pool: no such list.
    expect(pooledFrames(analyze(findTrainable('stick_stgcn')!.spec()))).toBeUndefined();
    expect(listFrames([1, 5, 9, 13])).toBe('frames 1, 5, 9 and 13');
    expect(listFrames([2])).toBe('frame 2');
  });
});

group('text alternative', () => {
  it('states the per-frame, averaged and whole-clip answers', () => {
    const perFrame = Array.from({ length: 16 }, (_, t) => Float32Array.from({ length: 8 }, (_, k) => (k === (t % 2 === 0 ? 6 : 7) ? 0.8 : 0.2 / 7)));
    const clip = Float32Array.from({ length: 8 }, (_, k) => (k === 6 ? 0.95 : 0.05 / 7));
    const text = describe({ action: 'jumping jack', seed: 1, frame: 2 }, { perFrame, clip, pooled: [1, 5, 9, 13] });
    expect(text).toBe(
      'A stick figure doing “jumping jack” (seed 1), 16 frames. Frame by frame, the single-frame pose model\'s top answer changes 15 times; ' +
        'it names the true action in 8 of 16 frames. At frame 2 it says kick 80.0% (jumping jack 2.9%). ' +
        'The mean of its 16 per-frame probabilities gives jumping jack 41.4%. The trained model on the whole clip says jumping jack 95.0%.',
    );
    expect(describe(DEFAULT_STATE)).toContain('once the model has loaded');
  });
});
