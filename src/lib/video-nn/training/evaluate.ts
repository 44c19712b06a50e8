/**
 * Evaluation of a classifier on a dataset split: predicted labels batch by
 * batch (inference mode), then accuracy, per-class accuracy and the confusion
 * matrix. Pure library code: no fs, any tfjs backend.
 */
import * as tf from '@tensorflow/tfjs-core';
import { batch, type ClipDataset, type Split } from '../data/dataset';
import type { VideoModel } from '../models/model';

export interface EvaluateOptions {
  split: Split;
  /** First clip index of the split; default 0. */
  start?: number;
  count: number;
  /** Clips per forward pass; default 32. */
  batchSize?: number;
}

export interface Predictions {
  labels: Int32Array;
  predictions: Int32Array;
  /** N×K softmax probabilities, row per clip (two-stream fusion averages them). */
  probabilities: Float32Array;
  /** Mean softmax cross-entropy over the clips. */
  loss: number;
}

export interface Evaluation {
  count: number;
  loss: number;
  accuracy: number;
  /** One entry per class: the fraction of that class's clips predicted right (NaN if the class has none). */
  perClassAccuracy: number[];
  /** confusion[true][predicted] = number of clips. */
  confusion: number[][];
}

/** Runs the model (inference mode) on clips start … start+count−1 of a split. */
export function predictSplit(model: VideoModel, dataset: ClipDataset, options: EvaluateOptions): Predictions {
  const { split, start = 0, count, batchSize = 32 } = options;
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
      const l = tf.losses.softmaxCrossEntropy(onehot, logits, undefined, undefined, tf.Reduction.SUM);
      return [tf.argMax(logits, 1).dataSync() as Int32Array, tf.softmax(logits).dataSync() as Float32Array, l.dataSync()[0]!];
    });
    predictions.set(pred, at);
    probabilities.set(probs, at * classes);
    lossSum += loss;
  }
  return { labels, predictions, probabilities, loss: lossSum / count };
}

/** Fraction of predictions equal to the labels. */
export function accuracy(labels: ArrayLike<number>, predictions: ArrayLike<number>): number {
  checkSameLength(labels, predictions);
  if (labels.length === 0) return Number.NaN;
  let right = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === predictions[i]) right++;
  return right / labels.length;
}

/** confusion[true][predicted]: counts of clips. */
export function confusionMatrix(labels: ArrayLike<number>, predictions: ArrayLike<number>, classes: number): number[][] {
  checkSameLength(labels, predictions);
  const m = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < labels.length; i++) {
    const t = labels[i]!;
    const p = predictions[i]!;
    if (!(t >= 0 && t < classes && p >= 0 && p < classes)) throw new Error(`confusionMatrix: label ${t} or prediction ${p} is not in [0, ${classes})`);
    m[t]![p]!++;
  }
  return m;
}

/** Per class: right / total among the clips of that class (NaN for a class with no clips). */
export function perClassAccuracy(labels: ArrayLike<number>, predictions: ArrayLike<number>, classes: number): number[] {
  return confusionMatrix(labels, predictions, classes).map((row, c) => {
    const total = row.reduce((a, b) => a + b, 0);
    return total ? row[c]! / total : Number.NaN;
  });
}

/** Accuracy, per-class accuracy, confusion matrix and loss on a split. */
export function evaluate(model: VideoModel, dataset: ClipDataset, options: EvaluateOptions): Evaluation {
  const { labels, predictions, loss } = predictSplit(model, dataset, options);
  const classes = dataset.descriptor.classes.length;
  return {
    count: labels.length,
    loss,
    accuracy: accuracy(labels, predictions),
    perClassAccuracy: perClassAccuracy(labels, predictions, classes),
    confusion: confusionMatrix(labels, predictions, classes),
  };
}

function checkSameLength(a: ArrayLike<number>, b: ArrayLike<number>): void {
  if (a.length !== b.length) throw new Error(`evaluate: ${a.length} labels but ${b.length} predictions`);
}
