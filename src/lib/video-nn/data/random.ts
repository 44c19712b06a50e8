/**
 * Seeded randomness for the procedural datasets. Plain arithmetic, no tfjs, so
 * a clip generated in Node, a Web Worker or the browser from the same seed is
 * the same clip.
 *
 * Seeds are 32-bit unsigned integers. `mix32` is a bijective 32-bit hash
 * (Wellons' "lowbias32"), which is what lets `clipSeed` promise that two
 * different (split, index) pairs of one dataset never get the same seed.
 */

/** A bijective 32-bit integer hash: distinct inputs give distinct outputs. */
export function mix32(x: number): number {
  x = (x ^ (x >>> 16)) >>> 0;
  x = Math.imul(x, 0x7feb352d) >>> 0;
  x = (x ^ (x >>> 15)) >>> 0;
  x = Math.imul(x, 0x846ca68b) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

/** A seed for a named sub-stream, e.g. `deriveSeed(seed, SALT.frameNoise, t)`. Not injective; use it for sub-streams only. */
export function deriveSeed(seed: number, ...keys: number[]): number {
  let h = mix32((seed ^ 0x9e3779b9) >>> 0);
  for (const k of keys) h = mix32((h + mix32((k + 0x632be5ab) >>> 0)) >>> 0);
  return h;
}

/** Salts that keep the sub-streams of one clip apart. */
export const SALT = { scene: 1, frameNoise: 2, keypointNoise: 3, jitter: 4, labels: 5, motion: 6 } as const;

/** mulberry32 with the usual helpers. Fast enough to call per pixel if needed. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Uniform integer in [lo, hi], both ends included. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** True with probability p. */
  bool(p = 0.5): boolean {
    return this.next() < p;
  }

  /** +1 or −1 with equal probability. */
  sign(): 1 | -1 {
    return this.next() < 0.5 ? 1 : -1;
  }

  choice<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Rng.choice: empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** N(mean, std²) by Box–Muller (one of the pair is discarded: simple and stateless). */
  normal(mean = 0, std = 1): number {
    const r = Math.sqrt(-2 * Math.log(1 - this.next()));
    return mean + std * r * Math.cos(2 * Math.PI * this.next());
  }

  /** Fisher–Yates, in place; returns the same array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = items[i]!;
      items[i] = items[j]!;
      items[j] = tmp;
    }
    return items;
  }
}

/**
 * 16,384 (a power of two) standard normal values, fixed once for all (a seeded
 * Box–Muller draw, standardised to mean 0 and variance 1). Pixel noise walks
 * through it (raster.ts `finishFrame`): a per-pixel Box–Muller (log, sqrt,
 * cos) would cost more than the rest of the rendering put together.
 */
export const NORMAL_TABLE: Float32Array = (() => {
  const rng = new Rng(0x5eed);
  const n = 16384;
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = rng.normal();
  let mean = 0;
  for (let i = 0; i < n; i++) mean += v[i]!;
  mean /= n;
  let variance = 0;
  for (let i = 0; i < n; i++) variance += (v[i]! - mean) ** 2;
  const scale = 1 / Math.sqrt(variance / n);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = (v[i]! - mean) * scale;
  return out;
})();
