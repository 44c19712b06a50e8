/**
 * A seeded training loop for the temporal detector: Adam on detectorLoss,
 * mini-batches of whole padded sequences in a seeded order (optionally a
 * cosine learning-rate schedule over the epochs), validation mAP@0.5
 * after every epoch, early stopping on it with patience (ties broken by
 * validation loss; the best epoch's weights are restored at the end).
 * Needs tfjs-core's gradients registered by the caller (decision 14).
 */
import * as tf from '@tensorflow/tfjs-core';
import { deriveSeed, Rng } from '../data/random';
import type { VideoModel } from '../models/model';
import { weightsFromFlat, weightsToFlat } from '../models/weightsIO';
import { epochLearningRate, setLearningRate, type LearningRateSchedule } from '../training/loop';
import type { PreparedSequence } from './data';
import { scoreDetector, type DetectorDecodeOptions } from './evaluate';
import { concatTargets, detectorLoss } from './loss';
import { detectorGeometry } from './spec';
import type { DetectorGeometry } from './targets';

export interface DetectorTrainOptions {
  epochs: number;
  batchSize?: number;
  learningRate?: number;
  /** 'cosine': the learning rate of epoch e (1-based) of E is lr · ½(1 + cos(π(e − 1)/E)); default 'constant'. */
  schedule?: LearningRateSchedule;
  patience?: number;
  seed?: number;
  /** Stop after this many steps in all (tests). */
  maxSteps?: number;
  decode?: DetectorDecodeOptions;
  onStep?: (p: { epoch: number; step: number; stepsPerEpoch: number; loss: number; accuracy: number; elapsedSeconds: number; etaSeconds: number; epochs: number }) => void;
  onEpoch?: (r: DetectorEpochRecord) => void;
}

export interface DetectorEpochRecord {
  epoch: number;
  loss: number;
  /** Step-level accuracy on the training batches. */
  accuracy: number;
  validationLoss: number;
  validationAccuracy: number;
  validationMAP50: number;
  seconds: number;
}

export interface DetectorTrainResult {
  history: DetectorEpochRecord[];
  epochsRun: number;
  steps: number;
  bestEpoch: number;
  bestValidationMAP50: number;
  stoppedEarly: boolean;
  seconds: number;
}

export function detectorTrainStep(model: VideoModel, optimizer: tf.Optimizer, batch: readonly PreparedSequence[], g: DetectorGeometry): { loss: number; accuracy: number } {
  const [frames, h, w, c] = model.inputShape;
  const per = frames * h * w * c;
  const data = new Float32Array(batch.length * per);
  batch.forEach((s, i) => data.set(s.input, i * per));
  const t = concatTargets(batch.map((s) => s.targets));
  let accuracy = 0;
  const loss = tf.tidy(() => {
    const x = tf.tensor(data, [batch.length, frames, h, w, c]);
    const cost = optimizer.minimize(() => {
      const parts = detectorLoss(model.predictTraining(x), t, g);
      const predicted = parts.predicted.dataSync();
      let correct = 0;
      let real = 0;
      for (let i = 0; i < predicted.length; i++) {
        if (!t.valid[i]) continue;
        real++;
        if (predicted[i] === t.labels[i]) correct++;
      }
      accuracy = real ? correct / real : 0;
      return parts.loss;
    }, true, model.trainableVariables);
    return cost!.dataSync()[0]!;
  });
  return { loss, accuracy };
}

export function trainDetector(model: VideoModel, train: readonly PreparedSequence[], validation: readonly PreparedSequence[], options: DetectorTrainOptions): DetectorTrainResult {
  const { epochs, batchSize = 8, learningRate = 0.003, schedule = 'constant', patience = 4, seed = 0, maxSteps = Infinity } = options;
  if (train.length < batchSize) throw new Error(`trainDetector: ${train.length} training sequences is less than one batch (${batchSize})`);
  const g = detectorGeometry(model.spec);
  const stepsPerEpoch = Math.floor(train.length / batchSize);
  const optimizer = tf.train.adam(learningRate);
  const started = performance.now();
  const history: DetectorEpochRecord[] = [];
  let best = { epoch: 0, mAP: -1, loss: Infinity, weights: weightsToFlat(model) };
  let steps = 0;
  let stoppedEarly = false;
  try {
    for (let epoch = 1; epoch <= epochs && steps < maxSteps; epoch++) {
      const epochStart = performance.now();
      if (schedule === 'cosine') setLearningRate(optimizer, epochLearningRate(learningRate, epoch, epochs));
      const order = new Rng(deriveSeed(seed, 0xde7, epoch)).shuffle(Array.from({ length: train.length }, (_, i) => i));
      let lossSum = 0;
      let accSum = 0;
      let done = 0;
      for (let b = 0; b < stepsPerEpoch && steps < maxSteps; b++) {
        const batch = order.slice(b * batchSize, (b + 1) * batchSize).map((i) => train[i]!);
        const r = detectorTrainStep(model, optimizer, batch, g);
        lossSum += r.loss;
        accSum += r.accuracy;
        done++;
        steps++;
        const elapsed = (performance.now() - started) / 1000;
        options.onStep?.({ epoch, epochs, step: done, stepsPerEpoch, loss: lossSum / done, accuracy: accSum / done, elapsedSeconds: elapsed, etaSeconds: (elapsed / steps) * (epochs * stepsPerEpoch - steps) });
      }
      const val = scoreDetector(model, validation, g, options.decode);
      const record: DetectorEpochRecord = {
        epoch, loss: lossSum / done, accuracy: accSum / done, validationLoss: val.loss, validationAccuracy: val.stepAccuracy,
        validationMAP50: val.mAP50, seconds: (performance.now() - epochStart) / 1000,
      };
      history.push(record);
      options.onEpoch?.(record);
      if (val.mAP50 > best.mAP || (val.mAP50 === best.mAP && val.loss < best.loss)) {
        best = { epoch, mAP: val.mAP50, loss: val.loss, weights: weightsToFlat(model) };
      } else if (epoch - best.epoch >= patience) {
        stoppedEarly = epoch < epochs;
        break;
      }
    }
    if (best.epoch > 0 && best.epoch !== history.length) weightsFromFlat(model, best.weights.entries, best.weights.data);
  } finally {
    optimizer.dispose();
  }
  return { history, epochsRun: history.length, steps, bestEpoch: best.epoch, bestValidationMAP50: Math.max(best.mAP, 0), stoppedEarly, seconds: (performance.now() - started) / 1000 };
}
