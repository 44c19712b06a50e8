/**
 * The model runner's pure parts: reading the seed a reader typed, choosing which
 * frames the filmstrip shows, and the sentence that states a prediction. No DOM,
 * no tfjs.
 */
import { describeRange, parseValue, type NumberSetting } from '../shared/settings';

/** The clip seed: any 32-bit unsigned integer, since the generators use `seed >>> 0`. */
export const SEED = {
  kind: 'number', key: 'seed', label: 'Clip seed', min: 0, max: 2 ** 32 - 1, integer: true, default: 1,
} as const satisfies NumberSetting;

/**
 * The seed in the box, or `fallback` with a note when the box holds anything
 * else (empty, negative, a fraction, an exponent).
 */
export function readSeed(raw: string, fallback: number): { seed: number; note?: string } {
  const parsed = parseValue(SEED, raw);
  if ('value' in parsed) return { seed: parsed.value as number };
  const what = raw.trim() === '' ? 'The seed box is empty or not a number' : `Ignored seed “${raw.trim().slice(0, 24)}”`;
  return { seed: fallback, note: `${what}: expected ${describeRange(SEED)}. Using ${fallback}.` };
}

/** The seed after `seed`, wrapping at 2^32. */
export function nextSeed(seed: number): number {
  return seed >= SEED.max ? 0 : seed + 1;
}

/** Up to `count` frame indices spread evenly from the first frame to the last. */
export function framesToShow(frames: number, count = 4): number[] {
  const n = Math.min(frames, count);
  if (n <= 1) return [0];
  return Array.from({ length: n }, (_, i) => Math.round((i * (frames - 1)) / (n - 1)));
}

/** 0.9312 → "93.1%"; the bar list's precision. */
export function percent(p: number, digits = 1): string {
  return `${(p * 100).toFixed(digits)}%`;
}

/** Index of the largest probability (the first one on ties). */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

/** "Predicted: move left (93%); true class: move left — correct." */
export function describePrediction(classes: readonly string[], probabilities: ArrayLike<number>, label: number): string {
  const predicted = argmax(probabilities);
  const verdict = predicted === label ? 'correct' : 'wrong';
  return `Predicted: ${classes[predicted]} (${percent(probabilities[predicted]!, 0)}); true class: ${classes[label]} — ${verdict}.`;
}

/** "frames 1, 6, 11 and 16" (1-based, as a reader counts). */
export function listFrames(indices: readonly number[]): string {
  const names = indices.map((i) => String(i + 1));
  if (names.length === 1) return `frame ${names[0]}`;
  return `frames ${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
