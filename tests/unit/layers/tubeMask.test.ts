import { beforeAll, describe, expect, it } from 'vitest';
import { maskedPerFrame, tubeMask } from '../../../src/lib/video-nn/layers/tubeMask';
import { gatherVisible } from '../../../src/lib/video-nn/layers/gatherVisible';
import { gatherVisiblePlain } from '../../../src/lib/video-nn/layers/reference/tubeMask';
import { expectNoLeak, maxError, random, record, reportErrors, tf, useCpu } from './helpers';

reportErrors();
beforeAll(useCpu);

describe('tubeMask (VideoMAE)', () => {
  it('masks the same spatial positions in every frame', () => {
    const m = tubeMask([8, 14, 14], 0.9, 1);
    expect(m.mask).toHaveLength(1568);
    const first = m.mask.slice(0, 196);
    for (let t = 1; t < 8; t++) expect(m.mask.slice(t * 196, (t + 1) * 196)).toEqual(first);
  });

  it("counts as VideoMAE does: 8×14×14 at 90% keeps 8 × 20 = 160 tokens (int per frame, not 157)", () => {
    const m = tubeMask([8, 14, 14], 0.9, 7);
    expect(m.maskedPerFrame).toBe(176);
    expect(m.masked).toBe(1408);
    expect(m.visible).toBe(160);
    expect(m.mask.filter((x) => !x)).toHaveLength(160);
    expect(m.visibleIndices).toHaveLength(160);
    expect(maskedPerFrame(196, 0.95)).toBe(186);
    expect(tubeMask([8, 14, 14], 0.75, 7).visible).toBe(8 * 49);
    expect(tubeMask([2, 2, 2], 0, 3).visible).toBe(8);
  });

  it('is deterministic from the seed, and different seeds give different masks', () => {
    expect(tubeMask([4, 6, 6], 0.5, 42)).toEqual(tubeMask([4, 6, 6], 0.5, 42));
    expect(tubeMask([4, 6, 6], 0.5, 42).mask).not.toEqual(tubeMask([4, 6, 6], 0.5, 43).mask);
    // Roughly uniform: over many seeds every position gets masked about half the time.
    const counts = new Array(36).fill(0);
    for (let seed = 0; seed < 400; seed++) tubeMask([1, 6, 6], 0.5, seed).mask.forEach((m, i) => (counts[i] += m ? 1 : 0));
    expect(Math.min(...counts)).toBeGreaterThan(140);
    expect(Math.max(...counts)).toBeLessThan(260);
  });

  it('hand-worked: a 2×1×2 grid at ratio 0.5 hides one of two positions in both frames', () => {
    const m = tubeMask([2, 1, 2], 0.5, 5);
    expect(m.maskedPerFrame).toBe(1);
    expect(m.mask[0]).toBe(m.mask[2]);
    expect(m.mask[1]).toBe(m.mask[3]);
    expect(m.mask[0]).not.toBe(m.mask[1]);
    expect(m.visibleIndices).toEqual(m.mask[0] ? [1, 3] : [0, 2]);
  });

  it('gathers the visible tokens as the plain loop does', () => {
    const m = tubeMask([2, 3, 3], 0.6, 11);
    const tokens = random<tf.Rank.R3>([2, 18, 4], 700);
    const visible = gatherVisible(tokens.tensor, m);
    expect(visible.shape).toEqual([2, m.visible, 4]);
    expect(record('gatherVisible', maxError(visible, gatherVisiblePlain(tokens.plain, m.mask)))).toBe(0);
    tf.dispose([tokens.tensor, visible]);
  });

  it('rejects bad arguments and a wrong token shape, naming both shapes', () => {
    expect(() => tubeMask([8, 14, 14], 1, 1)).toThrow(/ratio must be in \[0, 1\), got 1/);
    expect(() => tubeMask([8, 0, 14], 0.5, 1)).toThrow(/H must be a positive integer, got 0/);
    expect(() => tubeMask([8, 14, 14], 0.5, 1.5)).toThrow(/seed must be an integer/);
    const tokens = tf.zeros([1, 17, 4]) as tf.Tensor3D;
    expect(() => gatherVisible(tokens, tubeMask([2, 3, 3], 0.5, 1))).toThrow('gatherVisible: tokens should have shape [N, 18, D], got [1, 17, 4]');
    tokens.dispose();
  });

  it('leaks no tensors', () => {
    const tokens = random<tf.Rank.R3>([1, 18, 4], 710).tensor;
    const m = tubeMask([2, 3, 3], 0.5, 1);
    expectNoLeak(() => gatherVisible(tokens, m));
    tokens.dispose();
  });
});
