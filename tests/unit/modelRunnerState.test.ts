// The model runner's pure parts: seeds a reader types, the filmstrip's frames, the result sentence.
import { describe, expect, it } from 'vitest';
import { argmax, describePrediction, framesToShow, listFrames, nextSeed, percent, readSeed } from '../../src/components/ModelRunner/state';

describe('model runner state', () => {
  it('reads whole seeds and falls back with a note on anything else', () => {
    expect(readSeed('42', 1)).toEqual({ seed: 42 });
    expect(readSeed(' 7 ', 1).seed).toBe(7);
    for (const bad of ['', '1.5', '-3', '1e99', 'abc', '<script>']) {
      const r = readSeed(bad, 9);
      expect(r.seed, bad).toBe(9);
      expect(r.note, bad).toMatch(/Using 9\./);
    }
  });

  it('steps seeds and wraps at 2^32', () => {
    expect(nextSeed(1)).toBe(2);
    expect(nextSeed(2 ** 32 - 1)).toBe(0);
  });

  it('spreads the filmstrip from the first frame to the last', () => {
    expect(framesToShow(16)).toEqual([0, 5, 10, 15]);
    expect(framesToShow(8)).toEqual([0, 2, 5, 7]);
    expect(framesToShow(2)).toEqual([0, 1]);
    expect(framesToShow(1)).toEqual([0]);
    expect(listFrames([0, 5, 10, 15])).toBe('frames 1, 6, 11 and 16');
    expect(listFrames([3])).toBe('frame 4');
  });

  it('states the prediction, its probability and whether it is right', () => {
    const classes = ['left', 'right', 'up'];
    expect(argmax([0.2, 0.5, 0.5])).toBe(1);
    expect(percent(0.9312)).toBe('93.1%');
    expect(describePrediction(classes, [0.1, 0.85, 0.05], 1)).toBe('Predicted: right (85%); true class: right — correct.');
    expect(describePrediction(classes, [0.6, 0.3, 0.1], 2)).toBe('Predicted: left (60%); true class: up — wrong.');
  });
});
