/**
 * Late fusion of a two-stream network's class scores (Simonyan & Zisserman
 * 2014 average the two streams' softmax outputs): p = w·p_spatial +
 * (1 − w)·p_temporal. Pure: plain arrays of N×K probabilities.
 */
import { accuracy } from './evaluate';

/** w·spatial + (1 − w)·temporal, elementwise; w in [0, 1]. */
export function fuseProbabilities(spatial: ArrayLike<number>, temporal: ArrayLike<number>, weightSpatial: number): Float32Array {
  if (spatial.length !== temporal.length) throw new Error(`fuseProbabilities: ${spatial.length} spatial but ${temporal.length} temporal values`);
  if (!(weightSpatial >= 0 && weightSpatial <= 1)) throw new Error(`fuseProbabilities: the spatial weight must be in [0, 1], got ${weightSpatial}`);
  const out = new Float32Array(spatial.length);
  for (let i = 0; i < out.length; i++) out[i] = weightSpatial * spatial[i]! + (1 - weightSpatial) * temporal[i]!;
  return out;
}

/** Row-wise argmax of N×K scores (the first of equal maxima). */
export function argmaxRows(scores: ArrayLike<number>, classes: number): Int32Array {
  if (scores.length % classes !== 0) throw new Error(`argmaxRows: ${scores.length} values is not a whole number of rows of ${classes}`);
  const out = new Int32Array(scores.length / classes);
  for (let r = 0; r < out.length; r++) {
    let best = 0;
    for (let k = 1; k < classes; k++) if (scores[r * classes + k]! > scores[r * classes + best]!) best = k;
    out[r] = best;
  }
  return out;
}

export interface FusionPoint {
  weightSpatial: number;
  accuracy: number;
}

/** Fused accuracy at w = 0, 1/steps, …, 1. */
export function fusionSweep(spatial: ArrayLike<number>, temporal: ArrayLike<number>, labels: ArrayLike<number>, classes: number, steps = 20): FusionPoint[] {
  return Array.from({ length: steps + 1 }, (_, i) => {
    const w = i / steps;
    return { weightSpatial: w, accuracy: accuracy(labels, argmaxRows(fuseProbabilities(spatial, temporal, w), classes)) };
  });
}

/** The sweep's best weight: highest accuracy, ties to the weight nearest ½ (the plain average). */
export function bestFusionWeight(sweep: readonly FusionPoint[]): number {
  let best = sweep[0]!;
  for (const p of sweep) {
    if (p.accuracy > best.accuracy || (p.accuracy === best.accuracy && Math.abs(p.weightSpatial - 0.5) < Math.abs(best.weightSpatial - 0.5))) best = p;
  }
  return best.weightSpatial;
}
