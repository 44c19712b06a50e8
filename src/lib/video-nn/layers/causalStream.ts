/**
 * Streaming a causal temporal conv one frame at a time with a fixed-size state
 * buffer, as streaming video models do (MoViNets' stream buffers): the buffer
 * holds the last d·(k−1)+1 frames, starts as zeros (the causal conv's left
 * padding) and each new frame pushes the oldest out. The outputs equal the
 * offline `causalTemporalConv` over the whole sequence, frame for frame.
 * The stream owns its buffer (free it with dispose()); the weights stay the
 * caller's.
 */
import * as tf from '@tensorflow/tfjs-core';
import { checkPositiveInteger, expectShape } from './shapes';
import type { TemporalConvWeights } from './temporalConv';

export interface CausalConvStream {
  /** Feeds one frame [N, Cin]; returns this frame's output [N, Cout] (the caller disposes it). */
  push(frame: tf.Tensor2D): tf.Tensor2D;
  /** Back to the all-zero state, as at the start of a sequence. */
  reset(): void;
  /** Frees the buffer; the stream cannot be used afterwards. */
  dispose(): void;
  /** Frames the buffer holds: d·(k−1) + 1. */
  readonly bufferFrames: number;
  /** Frames pushed since creation or the last reset. */
  readonly framesSeen: number;
  /** A copy of the buffer [N, bufferFrames, Cin], oldest first (the caller disposes it). */
  snapshot(): tf.Tensor3D;
}

export function createCausalConvStream(weights: TemporalConvWeights, options: { dilation?: number | undefined; batch?: number | undefined } = {}): CausalConvStream {
  const op = 'causalConvStream';
  expectShape(op, 'kernel', weights.kernel.shape, ['k', 'Cin', 'Cout']);
  const [k, cin, cout] = weights.kernel.shape;
  if (weights.bias) expectShape(op, 'bias', weights.bias.shape, [cout]);
  const dilation = options.dilation ?? 1;
  const batch = options.batch ?? 1;
  checkPositiveInteger(op, 'dilation', dilation);
  checkPositiveInteger(op, 'batch', batch);
  const frames = dilation * (k - 1) + 1;
  let buffer: tf.Tensor3D | undefined = tf.zeros([batch, frames, cin]);
  let seen = 0;
  const live = (): tf.Tensor3D => {
    if (!buffer) throw new Error(`${op}: the stream has been disposed`);
    return buffer;
  };
  return {
    bufferFrames: frames,
    get framesSeen() {
      return seen;
    },
    push(frame) {
      const current = live();
      expectShape(op, 'frame', frame.shape, [batch, cin]);
      const next = tf.tidy(() => {
        const incoming = tf.reshape(frame, [batch, 1, cin]);
        return frames === 1 ? incoming : tf.concat([tf.slice(current, [0, 1, 0], [batch, frames - 1, cin]), incoming], 1);
      }) as tf.Tensor3D;
      current.dispose();
      buffer = next;
      seen++;
      return tf.tidy(() => {
        let out: tf.Tensor = tf.conv1d(next, weights.kernel, 1, 'valid', 'NWC', dilation);
        if (weights.bias) out = tf.add(out, weights.bias);
        return tf.reshape(out, [batch, cout]) as tf.Tensor2D;
      });
    },
    reset() {
      const current = live();
      buffer = tf.zeros([batch, frames, cin]);
      current.dispose();
      seen = 0;
    },
    dispose() {
      buffer?.dispose();
      buffer = undefined;
    },
    snapshot() {
      return tf.clone(live());
    },
  };
}
