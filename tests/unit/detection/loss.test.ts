/** The detector's loss: zero regression for exact distances, gradients for every weight, a seeded step. */
import '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../../src/lib/video-nn/models';
import { concatTargets, detectorLoss } from '../../../src/lib/video-nn/detection/loss';
import { detectorTrainStep } from '../../../src/lib/video-nn/detection/train';
import { epochLearningRate } from '../../../src/lib/video-nn/training/loop';
import { detectorDataset, prepareSequences } from '../../../src/lib/video-nn/detection/data';
import { detectorGeometry, temporalDetector } from '../../../src/lib/video-nn/detection/spec';
import { stepTargets, type DetectorGeometry } from '../../../src/lib/video-nn/detection/targets';
import { tf, useCpu } from '../models/helpers';

beforeAll(useCpu);

const G: DetectorGeometry = { frames: 16, stride: 4, classes: 2, scale: 4 };

describe('detectorLoss', () => {
  it('is cross-entropy on real steps plus 1 − tIoU on positive steps', () => {
    // Centres 2, 6, 10, 14; segment [4, 12) of class 1; the sequence has 13 frames.
    const t = concatTargets([stepTargets([{ start: 4, end: 12, label: 1 }], 13, G)]);
    const inv = (d: number) => Math.log(Math.expm1(d / G.scale));
    // Uniform logits (CE = ln 3 on each of the 3 real steps); exact distances on step 1, half of each on step 2.
    const rows = [
      [0, 0, 0, 0, 0],
      [0, 0, 0, inv(2), inv(6)],
      [0, 0, 0, inv(3), inv(1)],
      [0, 0, 0, 0, 0],
    ];
    const parts = detectorLoss(tf.tensor(rows.flat(), [1, 4, 1, 1, 5]), t, G);
    expect(parts.classification.dataSync()[0]).toBeCloseTo(Math.log(3), 5);
    // Step 1: tIoU 1; step 2 predicts (3, 1) for (6, 2): tIoU (3 + 1)/(6 + 2) = 1/2. Mean of 1 − tIoU: 1/4.
    expect(parts.regression.dataSync()[0]).toBeCloseTo(0.25, 5);
    expect(parts.loss.dataSync()[0]).toBeCloseTo(Math.log(3) + 0.25, 5);
  });

  it('one training step on real sequences lowers nothing to NaN and changes every trainable weight', () => {
    const spec = temporalDetector({ id: 't', title: 't', frames: 512 });
    const g = detectorGeometry(spec);
    const model = build(spec, { seed: 1 });
    const seqs = prepareSequences(detectorDataset(3), 'train', 0, 2, g);
    const before = model.trainableVariables.map((v) => v.dataSync().slice());
    const opt = tf.train.adam(0.01);
    const r = detectorTrainStep(model, opt, seqs, g);
    expect(Number.isFinite(r.loss)).toBe(true);
    model.trainableVariables.forEach((v, i) => expect(Array.from(v.dataSync())).not.toEqual(Array.from(before[i]!)));
    opt.dispose();
    model.dispose();
  }, 30_000);
});

describe('epochLearningRate', () => {
  it('is a half cosine from the base rate at epoch 1 through half of it at the middle', () => {
    expect(epochLearningRate(0.003, 1, 12)).toBe(0.003);
    expect(epochLearningRate(0.003, 7, 12)).toBeCloseTo(0.0015, 12);
    expect(epochLearningRate(0.003, 12, 12)).toBeCloseTo(0.003 * 0.5 * (1 + Math.cos((11 * Math.PI) / 12)), 12);
  });
});
