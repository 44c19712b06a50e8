/**
 * ST-GCN's spatial graph convolution (Yan et al., AAAI 2018) on skeleton
 * sequences x [N, T, V, C] (T frames, V joints): one 1×1 conv per adjacency
 * subset, each aggregated over the joints with its normalised adjacency, summed:
 *
 *   out[n, t, w, o] = Σ_k Σ_v A[k, v, w] · (Σ_c x[n, t, v, c] · W[k, c, o] + b[k, o])
 *
 * This is the reference code's ConvTemporalGraphical with temporal kernel 1
 * (yysijie/st-gcn net/utils/tgcn.py): its conv from C to K·C' channels is
 * W[k, c, o] = weight[k·C' + o, c] here, and its bias is added before the
 * aggregation, as here. A learnt edge-importance mask multiplies A first; pass
 * the product. Build A with `spatialPartition` (skeleton.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import { expectShape } from './shapes';

export interface GraphConvWeights {
  /** [K, Cin, Cout]: one pointwise map per adjacency subset. */
  kernel: tf.Tensor3D;
  /** [K, Cout], added per subset before aggregation. */
  bias?: tf.Tensor2D | undefined;
}

/** x [N, T, V, Cin], adjacency [K, V, V] (source v, root w) → [N, T, V, Cout]. */
export function graphConv(x: tf.Tensor4D, adjacency: tf.Tensor3D, weights: GraphConvWeights): tf.Tensor4D {
  const op = 'graphConv';
  expectShape(op, 'kernel', weights.kernel.shape, ['K', 'Cin', 'Cout']);
  const [k, cin, cout] = weights.kernel.shape;
  expectShape(op, 'adjacency', adjacency.shape, [k, 'V', 'V']);
  const v = adjacency.shape[1];
  expectShape(op, 'input', x.shape, ['N', 'T', v, cin]);
  const bias = weights.bias;
  if (bias) expectShape(op, 'bias', bias.shape, [k, cout]);
  return tf.tidy(() => {
    const [n, t] = x.shape;
    // Every subset's projection at once: [N·T·V, Cin] × [Cin, K·Cout].
    const kernel = tf.reshape(tf.transpose(weights.kernel, [1, 0, 2]), [cin, k * cout]) as tf.Tensor2D;
    let y: tf.Tensor = tf.matMul(tf.reshape(x, [n * t * v, cin]) as tf.Tensor2D, kernel);
    if (bias) y = tf.add(y, tf.reshape(bias, [k * cout]));
    // Contract over (subset, source joint) together: [N·T·Cout, K·V] × [K·V, V].
    const bySource = tf.reshape(tf.transpose(tf.reshape(y, [n * t, v, k, cout]), [0, 3, 2, 1]), [n * t * cout, k * v]) as tf.Tensor2D;
    const aggregated = tf.matMul(bySource, tf.reshape(adjacency, [k * v, v]) as tf.Tensor2D);
    return tf.reshape(tf.transpose(tf.reshape(aggregated, [n * t, cout, v]), [0, 2, 1]), [n, t, v, cout]) as tf.Tensor4D;
  });
}
