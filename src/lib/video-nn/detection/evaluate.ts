/**
 * Running the detector over whole sequences and scoring it: detections per
 * sequence (decode + NMS), mAP at tIoU 0.5 over a set of sequences (map.ts),
 * and the step-level loss, accuracy and confusion the training loop reports.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { VideoModel } from '../models/model';
import { detectorDataset, prepareSequences, type PreparedSequence } from './data';
import { concatTargets, detectorLoss } from './loss';
import { meanAveragePrecision, type SequenceResult } from './map';
import type { Detection } from './segments';
import { detectorGeometry } from './spec';
import { decode, outputSteps, type DecodeOptions, type DetectorGeometry } from './targets';

export type DetectorDecodeOptions = Omit<DecodeOptions, 'length'>;

export interface DetectorEvaluation {
  /** mAP at tIoU 0.5 (ActivityNet all-point interpolated AP, mean over classes with ground truth). */
  mAP50: number;
  perClassAP: number[];
  count: number;
  /** Mean loss (classification + regression) over the sequences' steps. */
  loss: number;
  /** Step-level classification accuracy (classes + background) on real steps. */
  stepAccuracy: number;
  /** Rows: true class (background last); columns: predicted. */
  confusion: number[][];
  results: SequenceResult[];
}

/** The model's raw outputs for some sequences, one steps×(classes + 3) array each. */
export function rawOutputs(model: VideoModel, sequences: readonly PreparedSequence[], batchSize = 16): Float32Array[] {
  const [frames, h, w, c] = model.inputShape;
  const per = frames * h * w * c;
  const outs: Float32Array[] = [];
  for (let at = 0; at < sequences.length; at += batchSize) {
    const chunk = sequences.slice(at, at + batchSize);
    const data = new Float32Array(chunk.length * per);
    chunk.forEach((s, i) => data.set(s.input, i * per));
    const y = tf.tidy(() => model.predict(tf.tensor(data, [chunk.length, frames, h, w, c])));
    const values = y.dataSync() as Float32Array;
    y.dispose();
    const each = values.length / chunk.length;
    chunk.forEach((_, i) => outs.push(values.slice(i * each, (i + 1) * each)));
  }
  return outs;
}

/** Detections of each sequence, best first. */
export function detect(model: VideoModel, sequences: readonly PreparedSequence[], g: DetectorGeometry = detectorGeometry(model.spec), options: DetectorDecodeOptions = {}): Detection[][] {
  return rawOutputs(model, sequences).map((out, i) => decode(out, g, { ...options, length: sequences[i]!.length }));
}

export function scoreDetector(model: VideoModel, sequences: readonly PreparedSequence[], g: DetectorGeometry = detectorGeometry(model.spec), options: DetectorDecodeOptions = {}): DetectorEvaluation {
  const outputs = rawOutputs(model, sequences);
  const k = g.classes + 1;
  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let lossSum = 0;
  let steps = 0;
  const results: SequenceResult[] = outputs.map((out, i) => {
    const s = sequences[i]!;
    const n = outputSteps(g);
    tf.tidy(() => {
      const parts = detectorLoss(tf.tensor(out, [1, n, 1, 1, k + 2]), concatTargets([s.targets]), g);
      const real = s.targets.valid.reduce((a, b) => a + b, 0);
      lossSum += parts.loss.dataSync()[0]! * real;
      steps += real;
    });
    for (let j = 0; j < n; j++) {
      if (!s.targets.valid[j]) continue;
      let best = 0;
      for (let c = 1; c < k; c++) if (out[j * (k + 2) + c]! > out[j * (k + 2) + best]!) best = c;
      confusion[s.targets.labels[j]!]![best]!++;
    }
    return { groundTruth: s.segments, detections: decode(out, g, { ...options, length: s.length }) };
  });
  const { mAP, perClassAP } = meanAveragePrecision(results, g.classes, 0.5);
  const correct = confusion.reduce((a, row, i) => a + row[i]!, 0);
  return { mAP50: mAP, perClassAP, count: sequences.length, loss: steps ? lossSum / steps : 0, stepAccuracy: steps ? correct / steps : 0, confusion, results };
}

export interface EvaluateDetectorOptions {
  /** Default 'test'. */
  split?: 'train' | 'validation' | 'test';
  /** First sequence index; default 0. */
  start?: number;
  decode?: DetectorDecodeOptions;
}

/**
 * mAP@0.5 of a detector on `count` freshly generated untrimmed sequences of
 * the dataset with seed `seed` (its test split unless told otherwise).
 */
export function evaluateDetector(model: VideoModel, seed: number, count: number, options: EvaluateDetectorOptions = {}): { mAP50: number; perClassAP: number[]; count: number } {
  const g = detectorGeometry(model.spec);
  const sequences = prepareSequences(detectorDataset(seed), options.split ?? 'test', options.start ?? 0, count, g);
  const { mAP50, perClassAP } = scoreDetector(model, sequences, g, options.decode);
  return { mAP50, perClassAP, count };
}
