import { describe, expect, it } from 'vitest';
import { middleFrame } from '../../../src/lib/video-nn/data/dataset';
import { SOMETHING_LITE_CLASSES, somethingLite } from '../../../src/lib/video-nn/data/somethingLite';
import { frameOf, sameBytes } from './helpers';

describe('Something-Something-lite', () => {
  const ds = somethingLite({ seed: 21 });
  const K = SOMETHING_LITE_CLASSES.length;
  const m = middleFrame(16);

  it('has at least 8 motion classes, named', () => {
    expect(K).toBeGreaterThanOrEqual(8);
    expect(ds.descriptor.classes).toEqual(SOMETHING_LITE_CLASSES);
    for (const name of ['move left', 'move right', 'move up', 'move down', 'rotate clockwise', 'rotate anticlockwise', 'grow', 'shrink']) {
      expect(SOMETHING_LITE_CLASSES).toContain(name);
    }
  });

  it('gives every class the same middle frame for the same seed, and different clips', () => {
    for (let seed = 100; seed < 130; seed++) {
      const clips = Array.from({ length: K }, (_, c) => ds.sample(seed, c));
      const mid = frameOf(clips[0]!, m);
      for (const c of clips.slice(1)) expect(sameBytes(frameOf(c, m), mid)).toBe(true);
      for (let a = 0; a < K; a++) {
        for (let b = a + 1; b < K; b++) {
          expect(sameBytes(frameOf(clips[a]!, 0), frameOf(clips[b]!, 0)), `${a} vs ${b}`).toBe(false);
        }
      }
    }
  });

  it('moves, turns and scales the object as its class says', () => {
    for (let seed = 0; seed < 20; seed++) {
      for (let label = 0; label < K; label++) {
        const { track, className } = ds.sample(seed, label);
        const d = (k: number) => track[4 * 15 + k]! - track[k]!; // last frame minus first
        const [dx, dy, da, dr] = [d(0), d(1), d(2), d(3)];
        const expected: Record<string, [number, number, number, number]> = {
          'move left': [-1, 0, 0, 0], 'move right': [1, 0, 0, 0], 'move up': [0, -1, 0, 0], 'move down': [0, 1, 0, 0],
          // Clockwise on screen is an increasing angle, since y points down.
          'rotate clockwise': [0, 0, 1, 0], 'rotate anticlockwise': [0, 0, -1, 0], grow: [0, 0, 0, 1], shrink: [0, 0, 0, -1],
          'stay still': [0, 0, 0, 0],
        };
        expect([Math.sign(dx), Math.sign(dy), Math.sign(da), Math.sign(dr)], className).toEqual(expected[className]);
        if (dx !== 0 || dy !== 0) expect(Math.hypot(dx, dy)).toBeGreaterThan(7); // a clear displacement
        if (da !== 0) expect(Math.abs(da)).toBeGreaterThan(Math.PI / 3);
        if (dr !== 0) expect(Math.max(track[3]!, track[63]!) / Math.min(track[3]!, track[63]!)).toBeGreaterThan(1.6);
      }
    }
  });

  it('keeps the object centre inside the frame in every frame', () => {
    for (let i = 0; i < 90; i++) {
      const { track } = ds.clip('train', i);
      for (let t = 0; t < 16; t++) {
        for (const k of [0, 1]) {
          expect(track[4 * t + k]).toBeGreaterThan(0);
          expect(track[4 * t + k]).toBeLessThan(32);
        }
      }
    }
  });

  it('varies shapes, textures, backgrounds and distractors', () => {
    const seen = { shape: new Set<string>(), texture: new Set<string>(), background: new Set<string>(), distractors: new Set<number>() };
    for (let i = 0; i < 120; i++) {
      const { object } = ds.clip('train', i);
      seen.shape.add(object.shape);
      seen.texture.add(object.texture);
      seen.background.add(object.background);
      seen.distractors.add(object.distractors);
    }
    expect(seen.shape.size).toBe(6);
    expect(seen.texture.size).toBe(4);
    expect(seen.background.size).toBe(3);
    expect([...seen.distractors].sort()).toEqual([0, 1, 2]);
  });
});
