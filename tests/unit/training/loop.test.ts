/**
 * The training loop on a tiny model for a few steps: loss falls on a fixed
 * batch, the same seed gives identical weights, early stopping keeps the best
 * epoch; the evaluation helpers; the train script's argument parsing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { batch, motionDirection } from '../../../src/lib/video-nn/data';
import { build, weightsToFlat } from '../../../src/lib/video-nn/models';
import { fusion } from '../../../src/lib/video-nn/spec/teaching';
import { accuracy, batchOrder, confusionMatrix, evaluate, perClassAccuracy, train, trainStep } from '../../../src/lib/video-nn/training';
import { parseTrainArgs } from '../../../scripts/train/args';
import { findTrainable, TRAINABLE } from '../../../scripts/train/registry';
import { progressLine } from '../../../scripts/train/run';
import { tf, useCpu } from '../models/helpers';

beforeAll(useCpu);

const input = { channels: 3, frames: 4, height: 16, width: 16 };
const tinySpec = () => fusion({ kind: 'slow', widths: [4, 8], numClasses: 2, input });
const data = () => motionDirection({ seed: 5, frames: 4, size: 16 });

describe('training loop', () => {
  it('lowers the loss on a fixed batch', () => {
    const model = build(tinySpec(), { seed: 3 });
    const b = batch(data(), { split: 'train', start: 0, count: 8 });
    const optimizer = tf.train.adam(0.01);
    const losses = Array.from({ length: 6 }, () => trainStep(model, optimizer, b.data, b.shape, b.labels, 2).loss);
    optimizer.dispose();
    expect(losses[5]!).toBeLessThan(losses[0]!);
    model.dispose();
  });

  it('gives identical weights for the same seed, different ones for another', () => {
    const run = (seed: number) => {
      const model = build(tinySpec(), { seed });
      const result = train(model, data(), { trainClips: 16, validationClips: 8, epochs: 1, batchSize: 8, seed, maxSteps: 2 });
      const flat = weightsToFlat(model).data;
      model.dispose();
      return { flat, result };
    };
    const [a, b, c] = [run(1), run(1), run(2)];
    expect(a.result.steps).toBe(2);
    expect(a.result.history).toHaveLength(1);
    expect(Array.from(a.flat)).toEqual(Array.from(b.flat));
    expect(Array.from(a.flat)).not.toEqual(Array.from(c.flat));
  });

  it('stops early after `patience` epochs without a better validation accuracy and keeps the best weights', () => {
    const model = build(tinySpec(), { seed: 1 });
    // Learning rate 0: nothing changes, so epoch 1 stays the best and epoch 2 ends it.
    const epochs: number[] = [];
    const result = train(model, data(), { trainClips: 8, validationClips: 8, epochs: 5, batchSize: 8, learningRate: 0, patience: 1, onEpoch: (r) => epochs.push(r.epoch) });
    expect(epochs).toEqual([1, 2]);
    expect(result).toMatchObject({ epochsRun: 2, bestEpoch: 1, stoppedEarly: true });
    model.dispose();
  });

  it('shuffles whole aligned batches per epoch, reproducibly', () => {
    const order = batchOrder(7, 1, 64, 16);
    expect([...order].sort((x, y) => x - y)).toEqual([0, 16, 32, 48]);
    expect(batchOrder(7, 1, 64, 16)).toEqual(order);
    expect(() => train(build(tinySpec()), data(), { trainClips: 4, validationClips: 4, epochs: 1, batchSize: 8 })).toThrow(/smaller than one batch/);
  });
});

describe('evaluation helpers', () => {
  it('computes accuracy, the confusion matrix and per-class accuracy', () => {
    const labels = [0, 0, 1, 1, 2];
    const preds = [0, 1, 1, 1, 0];
    expect(accuracy(labels, preds)).toBeCloseTo(0.6);
    expect(confusionMatrix(labels, preds, 3)).toEqual([[1, 1, 0], [0, 2, 0], [1, 0, 0]]);
    expect(perClassAccuracy(labels, preds, 3)).toEqual([0.5, 1, 0]);
    expect(perClassAccuracy([0], [0], 2)[1]).toBeNaN();
    expect(() => accuracy([0], [0, 1])).toThrow(/1 labels but 2 predictions/);
    expect(() => confusionMatrix([3], [0], 2)).toThrow(/not in \[0, 2\)/);
  });

  it('evaluates a model on a split', () => {
    const model = build(tinySpec(), { seed: 1 });
    const e = evaluate(model, data(), { split: 'test', count: 10, batchSize: 4 });
    expect(e.count).toBe(10);
    expect(e.confusion.flat().reduce((x, y) => x + y, 0)).toBe(10);
    expect(e.accuracy).toBeCloseTo((e.confusion[0]![0]! + e.confusion[1]![1]!) / 10);
    expect(e.loss).toBeGreaterThan(0);
    model.dispose();
  });
});

describe('scripts/train helpers', () => {
  it('parses arguments and refuses bad ones with one line', () => {
    expect(parseTrainArgs(['motion_slow_fusion', '--epochs', '3', '--seed', '1', '--train-clips', '64', '--out', '/tmp/w'])).toEqual({
      help: false, modelId: 'motion_slow_fusion', epochs: 3, seed: 1, trainClips: 64, out: '/tmp/w',
    });
    expect(parseTrainArgs(['a', '--lr', '0.001', '--schedule', 'cosine'])).toEqual({ help: false, modelId: 'a', learningRate: 0.001, schedule: 'cosine' });
    expect(() => parseTrainArgs(['a', '--lr', '2'])).toThrow(/--lr must be a number between 0 and 1/);
    expect(() => parseTrainArgs(['a', '--schedule', 'step'])).toThrow(/--schedule must be constant or cosine/);
    expect(parseTrainArgs(['--help']).help).toBe(true);
    expect(() => parseTrainArgs(['a', '--epochs'])).toThrow('--epochs needs a value');
    expect(() => parseTrainArgs(['a', '--epochs', 'x'])).toThrow(/non-negative integer/);
    expect(() => parseTrainArgs(['a', '--bogus'])).toThrow('unknown option --bogus');
    expect(() => parseTrainArgs(['a', 'b'])).toThrow(/unexpected argument/);
  });

  it('registers the motion models with spec ids equal to the model ids', () => {
    for (const m of TRAINABLE) expect(m.spec().id).toBe(m.id);
    expect(findTrainable('motion_single_frame')?.temporal).toBe(false);
    expect(findTrainable('nope')).toBeUndefined();
  });

  it('formats the progress line', () => {
    const line = progressLine({ epoch: 2, epochs: 8, step: 12, stepsPerEpoch: 24, loss: 0.5, accuracy: 0.75, elapsedSeconds: 10, etaSeconds: 125 });
    expect(line).toBe('epoch 2/8 [##########..........] step 12/24 loss 0.5000 acc 0.750 left ~2m05s');
  });
});
