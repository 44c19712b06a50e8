/**
 * Padding of a clip batch's T, H and W as two rank-4 pads. The WebGL backend of
 * tfjs 4.22 cannot compile its pad shader for rank-5 tensors ("'lessThan' : no
 * matching overloaded function" on ivec5), so no op here calls `tf.pad` on 5-D.
 */
import * as tf from '@tensorflow/tfjs-core';

export type Pads = [[number, number], [number, number], [number, number]];

/** Pads x (N×T×H×W×C) by [[t0, t1], [h0, h1], [w0, w1]] with `value`. Must run inside a tidy or be disposed by the caller. */
export function pad5d(x: tf.Tensor5D, pads: Pads | readonly (readonly [number, number])[], value = 0): tf.Tensor5D {
  if (!pads.some(([a, b]) => a > 0 || b > 0)) return x;
  return tf.tidy(() => {
    const [n, t, h, w, c] = x.shape;
    const [[t0, t1], [h0, h1], [w0, w1]] = pads as Pads;
    const [hp, wp] = [h + h0 + h1, w + w0 + w1];
    let y: tf.Tensor = x;
    if (h0 || h1 || w0 || w1) y = tf.pad(tf.reshape(y, [n * t, h, w, c]) as tf.Tensor4D, [[0, 0], [h0, h1], [w0, w1], [0, 0]], value);
    if (t0 || t1) y = tf.pad(tf.reshape(y, [n, t, hp * wp, c]) as tf.Tensor4D, [[0, 0], [t0, t1], [0, 0], [0, 0]], value);
    return tf.reshape(y, [n, t + t0 + t1, hp, wp, c]) as tf.Tensor5D;
  });
}
