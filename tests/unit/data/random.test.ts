import { describe, expect, it } from 'vitest';
import { clipLabel, clipSeed, SPLITS } from '../../../src/lib/video-nn/data/dataset';
import { deriveSeed, mix32, NORMAL_TABLE, Rng } from '../../../src/lib/video-nn/data/random';

describe('Rng', () => {
  it('is deterministic and seed-dependent', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const xs = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('int covers both ends, choice and shuffle stay within their items', () => {
    const r = new Rng(1);
    const seen = new Set<number>();
    for (let i = 0; i < 500; i++) seen.add(r.int(3, 6));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
    expect(r.shuffle([0, 1, 2, 3, 4, 5]).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(['a', 'b']).toContain(r.choice(['a', 'b']));
    expect(() => r.choice([])).toThrow(/empty/);
  });

  it('normal draws and the noise table have mean 0 and variance 1', () => {
    const r = new Rng(7);
    const v = Array.from({ length: 20000 }, () => r.normal());
    const mean = v.reduce((a, b) => a + b, 0) / v.length;
    const variance = v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
    const tMean = NORMAL_TABLE.reduce((a, b) => a + b, 0) / NORMAL_TABLE.length;
    const tVar = NORMAL_TABLE.reduce((a, b) => a + b * b, 0) / NORMAL_TABLE.length;
    expect(Math.abs(tMean)).toBeLessThan(1e-5);
    expect(tVar).toBeCloseTo(1, 4);
  });

  it('mix32 is injective on a large sample; deriveSeed separates keys', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 100000; i++) seen.add(mix32(i * 7919));
    expect(seen.size).toBe(100000);
    expect(deriveSeed(1, 2, 3)).not.toBe(deriveSeed(1, 3, 2));
    expect(deriveSeed(1, 2)).toBe(deriveSeed(1, 2));
  });
});

describe('splits', () => {
  it('give every (split, index) of a dataset its own seed', () => {
    for (const ds of [0, 1, 123456789]) {
      const seen = new Set<number>();
      for (const split of SPLITS) for (let i = 0; i < 4000; i++) seen.add(clipSeed(ds, split, i));
      expect(seen.size).toBe(3 * 4000);
    }
    expect(clipSeed(5, 'test', 17)).toBe(clipSeed(5, 'test', 17));
    expect(clipSeed(5, 'test', 17)).not.toBe(clipSeed(6, 'test', 17));
    expect(() => clipSeed(5, 'train', -1)).toThrow(/index/);
    expect(() => clipSeed(5, 'train', 1.5)).toThrow(/index/);
  });

  it('labels hold every class once per aligned block, in varying order', () => {
    const orders = new Set<string>();
    for (let block = 0; block < 30; block++) {
      const labels = Array.from({ length: 9 }, (_, i) => clipLabel(3, 'train', block * 9 + i, 9));
      expect([...labels].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
      orders.add(labels.join());
    }
    expect(orders.size).toBeGreaterThan(20);
  });
});
