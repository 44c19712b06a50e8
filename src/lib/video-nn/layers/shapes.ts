/**
 * Shape checks shared by the tfjs ops. Every op validates its inputs up front so
 * a wrong tensor fails with a message naming both shapes, instead of deep inside
 * a tfjs kernel with a message about some internal reshape.
 */

/** A dimension in an expected shape: a fixed size, or a letter meaning "any size". */
export type Dim = number | string;

export function formatShape(shape: readonly Dim[]): string {
  return `[${shape.join(', ')}]`;
}

/**
 * Throws unless `actual` has `expected.length` dimensions and every numeric entry
 * of `expected` matches. String entries ('N', 'T', ...) accept any size; a letter
 * used twice must name the same size both times.
 */
export function expectShape(op: string, what: string, actual: readonly number[], expected: readonly Dim[]): void {
  const fail = (): never => {
    throw new Error(`${op}: ${what} should have shape ${formatShape(expected)}, got ${formatShape(actual)}`);
  };
  if (actual.length !== expected.length) fail();
  const named = new Map<string, number>();
  expected.forEach((want, i) => {
    const got = actual[i]!;
    if (typeof want === 'number') {
      if (got !== want) fail();
    } else {
      const seen = named.get(want);
      if (seen === undefined) named.set(want, got);
      else if (seen !== got) fail();
    }
  });
}

export type Triple = [number, number, number];
/** Zeros added before and after each of T, H, W. */
export type Padding3d = [[number, number], [number, number], [number, number]];

export function toTriple(value: number | Triple): Triple {
  return typeof value === 'number' ? [value, value, value] : value;
}

/**
 * Accepts one number (the same on every side), a triple (symmetric per axis:
 * PyTorch's `padding=(pt, ph, pw)`) or explicit [before, after] pairs per axis.
 */
export function toPadding3d(value: number | Triple | Padding3d): Padding3d {
  if (typeof value === 'number') return [[value, value], [value, value], [value, value]];
  const [a, b, c] = value;
  if (typeof a === 'number' && typeof b === 'number' && typeof c === 'number') return [[a, a], [b, b], [c, c]];
  return value as Padding3d;
}

/** Output length of a sliding window: floor((n + padding − k) / stride) + 1. */
export function slidingOutput(n: number, k: number, stride: number, before: number, after: number): number {
  return Math.floor((n + before + after - k) / stride) + 1;
}

export function checkPositiveInteger(op: string, name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) throw new Error(`${op}: ${name} must be a positive integer, got ${value}`);
}

export function checkNonNegativeInteger(op: string, name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) throw new Error(`${op}: ${name} must be a non-negative integer, got ${value}`);
}
