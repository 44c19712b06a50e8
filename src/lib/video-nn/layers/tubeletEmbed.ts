/**
 * Tubelet embedding (ViViT, Arnab et al. 2021; VideoMAE): the clip is cut into
 * non-overlapping tt×th×tw tubes and each tube is projected linearly to D
 * numbers, which is a conv3d with stride = kernel. Tokens come out in
 * (t', y', x') row-major order, as PyTorch's `conv(x).flatten(2).transpose(1, 2)`
 * gives them. Like a strided conv, a remainder that does not fill a whole tube
 * along an axis is dropped (tubeletGrid says how much).
 */
import * as tf from '@tensorflow/tfjs-core';
import { conv3d } from './conv3d';
import { expectShape } from './shapes';
import { tubeletGrid } from './sizes';

export { tubeletGrid, type TubeletGrid } from './sizes';

/** x [N, T, H, W, C], kernel [tt, th, tw, C, D], bias [D] → tokens [N, T'·H'·W', D]. */
export function tubeletEmbed(x: tf.Tensor5D, kernel: tf.Tensor5D, bias?: tf.Tensor1D): tf.Tensor3D {
  expectShape('tubeletEmbed', 'kernel', kernel.shape, ['tt', 'th', 'tw', 'C', 'D']);
  const [tt, th, tw, c, d] = kernel.shape;
  expectShape('tubeletEmbed', 'input', x.shape, ['N', 'T', 'H', 'W', c]);
  if (bias) expectShape('tubeletEmbed', 'bias', bias.shape, [d]);
  const { tokens } = tubeletGrid([x.shape[1], x.shape[2], x.shape[3]], [tt, th, tw]);
  return tf.tidy(() => tf.reshape(conv3d(x, kernel, { stride: [tt, th, tw], bias }), [x.shape[0], tokens, d]) as tf.Tensor3D);
}
