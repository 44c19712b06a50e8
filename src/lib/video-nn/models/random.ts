/**
 * Seeded random numbers for weight initialisation and dropout masks, in plain
 * JavaScript so a model built from the same spec and seed has the same weights on
 * every backend and machine. Each variable gets its own stream, derived from the
 * model seed and the variable's name, so adding a layer does not change the
 * initial weights of the others.
 */

/** 32-bit FNV-1a hash of a string, mixed with a seed. */
export function hashSeed(seed: number, text: string): number {
  let h = (0x811c9dc5 ^ (seed >>> 0)) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** mulberry32: a small, fast generator of uniform numbers in [0, 1). */
export function uniformStream(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** `count` samples of N(0, std²) by the Box–Muller transform. */
export function normalValues(count: number, std: number, seed: number): Float32Array {
  const next = uniformStream(seed);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - next())) * std; // 1 − u ∈ (0, 1]: no log(0)
    const angle = 2 * Math.PI * next();
    out[i] = r * Math.cos(angle);
    if (i + 1 < count) out[i + 1] = r * Math.sin(angle);
  }
  return out;
}

/** `count` samples of U(−bound, bound). */
export function uniformValues(count: number, bound: number, seed: number): Float32Array {
  const next = uniformStream(seed);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = (2 * next() - 1) * bound;
  return out;
}
