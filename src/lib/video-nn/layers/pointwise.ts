/**
 * A pointwise (1×1×1) layer as a matrix: kernel [Cin, Cout], optional bias
 * [Cout], applied to the last axis of any tensor. A conv3d filter
 * [1, 1, 1, Cin, Cout] reshapes to this kernel; so does a Linear layer's
 * weight transposed.
 */
import * as tf from '@tensorflow/tfjs-core';
import { expectShape, type Dim } from './shapes';

export interface PointwiseWeights {
  kernel: tf.Tensor2D;
  bias?: tf.Tensor1D | undefined;
}

export function checkPointwise(op: string, name: string, w: PointwiseWeights, cin: Dim, cout: Dim): void {
  expectShape(op, `${name} kernel`, w.kernel.shape, [cin, cout]);
  if (w.bias) expectShape(op, `${name} bias`, w.bias.shape, [w.kernel.shape[1]]);
}

/** x [..., Cin] → [..., Cout]. */
export function pointwise<T extends tf.Tensor>(x: T, w: PointwiseWeights): T {
  return tf.tidy(() => {
    const cin = w.kernel.shape[0];
    const flat = tf.reshape(x, [-1, cin]) as tf.Tensor2D;
    let y: tf.Tensor = tf.matMul(flat, w.kernel);
    if (w.bias) y = tf.add(y, w.bias);
    return tf.reshape(y, [...x.shape.slice(0, -1), w.kernel.shape[1]]) as T;
  });
}
