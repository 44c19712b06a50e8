/**
 * Two models on the same clip, side by side: both outputs (logits, inference
 * mode) and the largest absolute difference between them. Chapter 5 uses it to
 * show that an inflated network reproduces its 2-D parent on a static clip and
 * departs from it on a moving one.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { PlainClip } from '../data/staticClip';
import type { VideoModel } from './model';

export interface OutputComparison {
  a: Float32Array;
  b: Float32Array;
  /** max over outputs of |a − b|. */
  maxAbsDifference: number;
}

/** The largest |a[i] − b[i]|; the arrays must have the same length. */
export function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`maxAbsDifference: ${a.length} values vs ${b.length}`);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

/** Runs `a` and `b` on one clip (T×H×W×C) and compares their outputs. */
export async function compareOutputs(a: VideoModel, b: VideoModel, clip: PlainClip): Promise<OutputComparison> {
  const [outA, outB] = tf.tidy(() => {
    const x = tf.tensor(clip.data, [1, ...clip.shape], 'float32');
    return [a.predict(x), b.predict(x)];
  });
  try {
    const [va, vb] = (await Promise.all([outA.data(), outB.data()])) as [Float32Array, Float32Array];
    return { a: va, b: vb, maxAbsDifference: maxAbsDifference(va, vb) };
  } finally {
    tf.dispose([outA, outB]);
  }
}
