/** Drops the masked tokens before the encoder, as VideoMAE's encoder does. */
import * as tf from '@tensorflow/tfjs-core';
import { expectShape, formatShape } from './shapes';
import type { TubeMask } from './tubeMask';

/** Keeps the visible tokens: tokens [N, T·H·W, D] → [N, visible, D], in token order. */
export function gatherVisible(tokens: tf.Tensor3D, mask: TubeMask): tf.Tensor3D {
  const count = mask.layout[0] * mask.layout[1] * mask.layout[2];
  expectShape('gatherVisible', 'tokens', tokens.shape, ['N', count, 'D']);
  if (mask.visible === 0) throw new Error(`gatherVisible: the mask hides every token of ${formatShape(mask.layout)}`);
  return tf.tidy(() => tf.gather(tokens, tf.tensor1d(mask.visibleIndices, 'int32'), 1));
}
