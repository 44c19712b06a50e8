/**
 * predictSplit without blocking: the same batches, the same forward passes and
 * the same predictions, but each batch's results are read back with `await
 * data()` instead of `dataSync()`, so a page stays responsive (and can show
 * progress) while a WebGL backend works. Pure library code, any backend.
 */
import * as tf from '@tensorflow/tfjs-core';
import { batch, type ClipDataset } from '../data/dataset';
import type { VideoModel } from '../models/model';
import type { EvaluateOptions, Predictions } from './evaluate';

export interface PredictAsyncOptions extends EvaluateOptions {
  /** Called after each batch with the clips done so far. */
  onProgress?: (done: number, total: number) => void;
}

/** Predicted labels, softmax probabilities and mean loss for clips start … start+count−1 of a split, as predictSplit computes them. */
export async function predictSplitAsync(model: VideoModel, dataset: ClipDataset, options: PredictAsyncOptions): Promise<Predictions> {
  const { split, start = 0, count, batchSize = 32, onProgress } = options;
  if (!Number.isInteger(count) || count < 1) throw new Error(`evaluate: count must be a positive integer, got ${count}`);
  const classes = dataset.descriptor.classes.length;
  const labels = new Int32Array(count);
  const predictions = new Int32Array(count);
  const probabilities = new Float32Array(count * classes);
  let lossSum = 0;
  for (let at = 0; at < count; at += batchSize) {
    const n = Math.min(batchSize, count - at);
    const b = batch(dataset, { split, start: start + at, count: n });
    labels.set(b.labels, at);
    const [pred, probs, loss] = tf.tidy(() => {
      const logits = model.predict(tf.tensor(b.data, [...b.shape], 'float32')) as tf.Tensor2D;
      const onehot = tf.oneHot(tf.tensor1d(b.labels, 'int32'), classes);
      return [tf.argMax(logits, 1), tf.softmax(logits), tf.losses.softmaxCrossEntropy(onehot, logits, undefined, undefined, tf.Reduction.SUM)];
    });
    try {
      const [p, q, l] = await Promise.all([pred.data(), probs.data(), loss.data()]);
      predictions.set(p as Int32Array, at);
      probabilities.set(q as Float32Array, at * classes);
      lossSum += l[0]!;
    } finally {
      tf.dispose([pred, probs, loss]);
    }
    onProgress?.(at + n, count);
  }
  return { labels, predictions, probabilities, loss: lossSum / count };
}
