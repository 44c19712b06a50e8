/**
 * The sliding kernel's outputs, computed by the library's tfjs conv3d (explicit
 * padding and stride, as a spec uses it). Imported only once the widget is near
 * the viewport, together with TensorFlow.js.
 */
import * as tf from '@tensorflow/tfjs-core';
import { conv3d } from '../../lib/video-nn/layers/conv3d';
import { CLIP, clipFor, kernelWeights, kernelWeights2d, padding, type Kernel3dState, type Outputs } from './state';

type Inputs = Pick<Kernel3dState, 'seed' | 'dir' | 'kernel' | 'kt' | 'kh' | 'kw' | 'stride' | 'pad'>;

/** Both output volumes for a state (the position does not matter). */
export async function computeOutputs(state: Inputs): Promise<Outputs> {
  const clip = clipFor(state);
  const pads = padding(state);
  const { kt, kh, kw, stride } = state;
  const [out3, out2] = tf.tidy(() => {
    const x = tf.tensor5d(clip.data, [1, ...clip.shape]);
    const w3 = tf.tensor5d(kernelWeights(state), [kt, kh, kw, CLIP.channels, 1]);
    // The 2-D kernel is a conv3d with a time extent of 1: each frame on its own.
    const w2 = tf.tensor5d(kernelWeights2d(state), [1, kh, kw, CLIP.channels, 1]);
    return [
      conv3d(x, w3, { stride, padding: pads }),
      conv3d(x, w2, { stride: [1, stride, stride], padding: [[0, 0], pads[1], pads[2]] }),
    ];
  });
  try {
    const [values3d, values2d] = await Promise.all([out3.data(), out2.data()]);
    const dims = (t: tf.Tensor) => [t.shape[1], t.shape[2], t.shape[3]] as [number, number, number];
    return { shape3d: dims(out3), values3d: Float32Array.from(values3d), shape2d: dims(out2), values2d: Float32Array.from(values2d) };
  } finally {
    tf.dispose([out3, out2]);
  }
}
