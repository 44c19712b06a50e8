/** Shared helpers of the model tests: CPU backend (from the layer tests), random weights, clips. */
import { randomTensor, type PlainTensor } from '../../../src/lib/video-nn/layers/reference/tensor';
import type { VideoModel } from '../../../src/lib/video-nn/models';
import { tf } from '../layers/helpers';

export { expectNoLeak, maxError, record, reportErrors, tf, toTensor, useCpu } from '../layers/helpers';

/**
 * Gives every weight of the model seeded random values (running variances in
 * [0.5, 1.5), so they stay positive) and returns them as plain tensors for the
 * references.
 */
export function randomiseWeights(model: VideoModel, seed: number, scale = 0.5): Record<string, PlainTensor> {
  const plain: Record<string, PlainTensor> = {};
  model.weights().forEach(({ name, shape }, i) => {
    const values = randomTensor(shape, seed * 1000 + i, scale);
    if (name.endsWith('.runningVar')) values.data.forEach((v, j) => (values.data[j] = 1 + v));
    plain[name] = values;
  });
  model.setWeights(Object.fromEntries(Object.entries(plain).map(([name, p]) => [name, p.data])));
  return plain;
}

/** A clip batch N×T×H×W×C of seeded values in [-1, 1). */
export function randomClip(shape: [number, number, number, number, number], seed: number): { plain: PlainTensor; tensor: tf.Tensor5D } {
  const plain = randomTensor(shape, seed);
  return { plain, tensor: tf.tensor5d(plain.data, shape) };
}

/** A clip whose T frames are all copies of one random frame. */
export function staticClip(shape: [number, number, number, number, number], seed: number): tf.Tensor5D {
  const [n, t, h, w, c] = shape;
  const frame = randomTensor([n, 1, h, w, c], seed);
  return tf.tidy(() => tf.tile(tf.tensor5d(frame.data, [n, 1, h, w, c]), [1, t, 1, 1, 1]) as tf.Tensor5D);
}

/** A clip in which a bright square moves one pixel to the right per frame, over seeded noise. */
export function movingClip(shape: [number, number, number, number, number], seed: number): tf.Tensor5D {
  const [n, t, h, w, c] = shape;
  const base = randomTensor(shape, seed, 0.2);
  for (let b = 0; b < n; b++)
    for (let f = 0; f < t; f++)
      for (let y = 2; y < 6; y++)
        for (let x = f; x < f + 4 && x < w; x++)
          for (let k = 0; k < c; k++) base.data[(((b * t + f) * h + y) * w + x) * c + k] = 1;
  return tf.tensor5d(base.data, shape);
}
