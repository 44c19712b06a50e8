/**
 * A seeded training loop over a VideoModel: Adam, softmax cross-entropy,
 * mini-batches generated on the fly from a dataset split with `batch()`,
 * validation after every epoch, early stopping on validation accuracy with
 * patience (ties broken by validation loss; the best epoch's weights are
 * restored at the end).
 *
 * Needs tfjs-core's gradients registered by the caller
 * (`@tensorflow/tfjs-core/dist/register_all_gradients`; see docs/library/models.md).
 * Same model seed + options → the same weights after the same steps.
 */
import * as tf from '@tensorflow/tfjs-core';
import { batch, type ClipDataset } from '../data/dataset';
import { deriveSeed, Rng } from '../data/random';
import type { VideoModel } from '../models/model';
import { weightsFromFlat, weightsToFlat } from '../models/weightsIO';
import { evaluate } from './evaluate';

export interface TrainOptions {
  /** Train on clips 0 … trainClips−1 of the train split. */
  trainClips: number;
  /** Validate on clips 0 … validationClips−1 of the validation split. */
  validationClips: number;
  epochs: number;
  /** Clips per step; a multiple of the class count keeps batches balanced. Default 16. */
  batchSize?: number;
  /** Adam's learning rate; default 0.003. */
  learningRate?: number;
  /** 'cosine': epoch e of E trains at lr · ½(1 + cos(π(e − 1)/E)); default 'constant'. */
  schedule?: LearningRateSchedule;
  /** Stop after this many epochs without a better validation accuracy; default 3. */
  patience?: number;
  /** Seeds the batch order (the weights are seeded by the model's build seed). Default 0. */
  seed?: number;
  /** Stop after this many steps in all (tests); default no limit. */
  maxSteps?: number;
  /** Called after every step. */
  onStep?: (progress: StepProgress) => void;
  /** Called after every epoch's validation. */
  onEpoch?: (record: EpochRecord) => void;
}

export interface StepProgress {
  epoch: number;
  epochs: number;
  step: number;
  stepsPerEpoch: number;
  /** Running means over this epoch so far. */
  loss: number;
  accuracy: number;
  elapsedSeconds: number;
  /** Estimated seconds left if every epoch runs. */
  etaSeconds: number;
}

export interface EpochRecord {
  epoch: number;
  loss: number;
  accuracy: number;
  validationLoss: number;
  validationAccuracy: number;
  seconds: number;
}

export interface TrainResult {
  history: EpochRecord[];
  epochsRun: number;
  steps: number;
  /** The epoch whose weights the model holds now (1-based; 0 if none ran). */
  bestEpoch: number;
  bestValidationAccuracy: number;
  stoppedEarly: boolean;
  seconds: number;
}

/** One optimisation step on a batch; returns the loss and the batch's training-mode accuracy. */
export function trainStep(model: VideoModel, optimizer: tf.Optimizer, data: Float32Array, shape: readonly number[], labels: Int32Array, classes: number): { loss: number; accuracy: number } {
  let correct = 0;
  const loss = tf.tidy(() => {
    const x = tf.tensor(data, [...shape], 'float32');
    const onehot = tf.oneHot(tf.tensor1d(labels, 'int32'), classes);
    const cost = optimizer.minimize(() => {
      const logits = model.predictTraining(x);
      correct = tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), tf.tensor1d(labels, 'int32')), 'int32')).dataSync()[0]!;
      return tf.losses.softmaxCrossEntropy(onehot, logits) as tf.Scalar;
    }, true, model.trainableVariables);
    return cost!.dataSync()[0]!;
  });
  return { loss, accuracy: correct / labels.length };
}

/** The order of the epoch's batches: aligned blocks of the train split, shuffled with a seed per epoch. */
export function batchOrder(seed: number, epoch: number, trainClips: number, batchSize: number): number[] {
  const starts = Array.from({ length: Math.floor(trainClips / batchSize) }, (_, i) => i * batchSize);
  return new Rng(deriveSeed(seed, 0x7a17, epoch)).shuffle(starts);
}

export type LearningRateSchedule = 'constant' | 'cosine';

/** The cosine schedule's learning rate for epoch `epoch` (1-based) of `epochs`. */
export function epochLearningRate(base: number, epoch: number, epochs: number): number {
  return base * 0.5 * (1 + Math.cos((Math.PI * (epoch - 1)) / epochs));
}

/** tfjs's Adam reads its learning rate at every step, so a schedule can set it between epochs. */
export function setLearningRate(optimizer: tf.Optimizer, learningRate: number): void {
  (optimizer as unknown as { learningRate: number }).learningRate = learningRate;
}

export function train(model: VideoModel, dataset: ClipDataset, options: TrainOptions): TrainResult {
  const { trainClips, validationClips, epochs, batchSize = 16, learningRate = 0.003, schedule = 'constant', patience = 3, seed = 0, maxSteps = Infinity } = options;
  const positive = { trainClips, validationClips, epochs, batchSize };
  for (const [k, v] of Object.entries(positive)) if (!Number.isInteger(v) || v < 1) throw new Error(`train: ${k} must be a positive integer, got ${v}`);
  if (trainClips < batchSize) throw new Error(`train: trainClips (${trainClips}) is smaller than one batch (${batchSize})`);
  const classes = dataset.descriptor.classes.length;
  const stepsPerEpoch = Math.floor(trainClips / batchSize);
  const optimizer = tf.train.adam(learningRate);
  const started = performance.now();
  const history: EpochRecord[] = [];
  let best = { epoch: 0, accuracy: -1, loss: Infinity, weights: weightsToFlat(model) };
  let steps = 0;
  let stoppedEarly = false;
  try {
    for (let epoch = 1; epoch <= epochs && steps < maxSteps; epoch++) {
      const epochStart = performance.now();
      if (schedule === 'cosine') setLearningRate(optimizer, epochLearningRate(learningRate, epoch, epochs));
      let lossSum = 0;
      let accSum = 0;
      let done = 0;
      for (const start of batchOrder(seed, epoch, trainClips, batchSize)) {
        if (steps >= maxSteps) break;
        const b = batch(dataset, { split: 'train', start, count: batchSize });
        const r = trainStep(model, optimizer, b.data, b.shape, b.labels, classes);
        lossSum += r.loss;
        accSum += r.accuracy;
        done++;
        steps++;
        const elapsed = (performance.now() - started) / 1000;
        const perStep = elapsed / steps;
        options.onStep?.({
          epoch, epochs, step: done, stepsPerEpoch, loss: lossSum / done, accuracy: accSum / done,
          elapsedSeconds: elapsed, etaSeconds: perStep * (epochs * stepsPerEpoch - steps),
        });
      }
      const val = evaluate(model, dataset, { split: 'validation', count: validationClips, batchSize: Math.max(batchSize, 32) });
      const record: EpochRecord = {
        epoch, loss: lossSum / done, accuracy: accSum / done,
        validationLoss: val.loss, validationAccuracy: val.accuracy, seconds: (performance.now() - epochStart) / 1000,
      };
      history.push(record);
      options.onEpoch?.(record);
      // Better: a higher validation accuracy, or the same one at a lower validation loss.
      if (val.accuracy > best.accuracy || (val.accuracy === best.accuracy && val.loss < best.loss)) {
        best = { epoch, accuracy: val.accuracy, loss: val.loss, weights: weightsToFlat(model) };
      }
      else if (epoch - best.epoch >= patience) {
        stoppedEarly = epoch < epochs;
        break;
      }
    }
    if (best.epoch > 0 && best.epoch !== history.length) weightsFromFlat(model, best.weights.entries, best.weights.data);
  } finally {
    optimizer.dispose();
  }
  return {
    history, epochsRun: history.length, steps, bestEpoch: best.epoch,
    bestValidationAccuracy: Math.max(best.accuracy, 0), stoppedEarly, seconds: (performance.now() - started) / 1000,
  };
}
