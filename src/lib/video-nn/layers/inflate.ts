/**
 * I3D's inflation (Carreira & Zisserman, CVPR 2017): a 2-D kernel kH×kW×Cin×Cout
 * becomes a 3-D kernel kT×kH×kW×Cin×Cout by repeating it kT times along time and
 * dividing by kT. On a static clip every temporal window then sums kT copies of
 * the same 2-D response divided by kT: the 3-D conv reproduces the 2-D conv
 * exactly (wherever the temporal window lies inside the clip, i.e. with 'valid'
 * temporal padding; zero-padded border frames see fewer copies). A bias carries
 * over unchanged.
 */
import * as tf from '@tensorflow/tfjs-core';
import { checkPositiveInteger, expectShape } from './shapes';

export interface InflateOptions {
  /**
   * 'mean' (default): replicate and divide by kT, I3D's recipe.
   * 'centre': the 2-D kernel in the middle frame and zeros elsewhere, the
   * alternative some works use; also exact on static clips, and it starts the
   * network as a frame-by-frame 2-D model even on moving clips. Needs an odd kT.
   */
  method?: 'mean' | 'centre' | undefined;
}

export function inflateKernel(w2d: tf.Tensor4D, kt: number, options: InflateOptions = {}): tf.Tensor5D {
  expectShape('inflateKernel', '2-D kernel', w2d.shape, ['kH', 'kW', 'Cin', 'Cout']);
  checkPositiveInteger('inflateKernel', 'kt', kt);
  const method = options.method ?? 'mean';
  if (method === 'centre' && kt % 2 === 0) throw new Error(`inflateKernel: 'centre' inflation needs an odd kt, got ${kt}`);
  return tf.tidy(() => {
    const one = tf.expandDims<tf.Tensor5D>(w2d, 0);
    if (method === 'mean') return tf.div<tf.Tensor5D>(tf.tile(one, [kt, 1, 1, 1, 1]), kt);
    const half = (kt - 1) / 2;
    // Zero frames around the 2-D kernel; padded as rank 2 (WebGL cannot pad rank 5).
    const [, kh, kw, cin, cout] = one.shape;
    const flat = tf.pad(tf.reshape(one, [1, kh * kw * cin * cout]) as tf.Tensor2D, [[half, half], [0, 0]]);
    return tf.reshape(flat, [kt, kh, kw, cin, cout]) as tf.Tensor5D;
  });
}
