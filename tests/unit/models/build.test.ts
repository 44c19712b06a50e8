/**
 * The model object: deterministic initialisation, parameter counting, weight
 * access with shape checks, input checks, memory, and the training hook.
 */
import { beforeAll, describe, expect, it } from 'vitest';
// Gradients are registered separately in tfjs-core; a training script imports this too. In Node,
// '@tensorflow/tfjs-core' is the CommonJS bundle and the gradients an ES module copy: the bundle
// must load first, so the engine and tensor class both copies share are the bundle's.
import '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { build, weightsToFlat } from '../../../src/lib/video-nn/models';
import { selfTestSpec } from '../../../src/lib/video-nn/models/selfTestModel';
import { batchNorm3d, conv3d, dropout, flatten, linear, small3dCnn, type ModelSpec } from '../../../src/lib/video-nn/spec';
import { randomClip, tf, useCpu } from './helpers';

beforeAll(useCpu);

const tinyInput = { channels: 3, frames: 4, height: 16, width: 16 };
const tiny = () => small3dCnn({ width: 4, input: tinyInput });

describe('build: weights and initialisation', () => {
  it('names variables after the spec, in tfjs layout, and counts only trainable ones', () => {
    const model = build(tiny());
    const byName = Object.fromEntries(model.weights().map((w) => [w.name, w]));
    expect(byName['conv1.weight']).toEqual({ name: 'conv1.weight', shape: [3, 3, 3, 3, 4], trainable: true });
    expect(byName['conv1.bias']).toBeUndefined(); // bias: false in Small3DCNN (BN follows)
    expect(byName['bn1.scale']!.trainable).toBe(true);
    expect(byName['bn1.runningMean']).toEqual({ name: 'bn1.runningMean', shape: [4], trainable: false });
    expect(byName['fc.weight']!.shape).toEqual([16, 6]);
    const trainable = model.weights().filter((w) => w.trainable).reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1), 0);
    expect(model.countParams()).toBe(trainable);
    expect(model.trainableVariables.length).toBe(model.weights().filter((w) => w.trainable).length);
    model.dispose();
  });

  it('initialises deterministically: He-normal convs, BN 1/0/0/1, same seed → same weights, per-variable streams', () => {
    const a = build(small3dCnn({ width: 16, input: tinyInput }), { seed: 5 });
    const b = build(small3dCnn({ width: 16, input: tinyInput }), { seed: 5 });
    const c = build(small3dCnn({ width: 16, input: tinyInput }), { seed: 6 });
    // Adding a layer (dropout) does not change the other layers' initial weights.
    const d = build(small3dCnn({ width: 16, dropoutRate: 0.5, input: tinyInput }), { seed: 5 });
    expect(Array.from(weightsToFlat(a).data)).toEqual(Array.from(weightsToFlat(b).data));
    expect(Array.from(weightsToFlat(a).data)).not.toEqual(Array.from(weightsToFlat(c).data));
    expect(Array.from(weightsToFlat(d).data)).toEqual(Array.from(weightsToFlat(a).data));
    const w = Array.from(a.variable('conv3.weight').dataSync()); // 3×3×3×32×64: fan_in 864
    const mean = w.reduce((s, v) => s + v, 0) / w.length;
    const std = Math.sqrt(w.reduce((s, v) => s + (v - mean) ** 2, 0) / w.length);
    expect(Math.abs(mean)).toBeLessThan(0.005);
    expect(std / Math.sqrt(2 / 864)).toBeCloseTo(1, 1);
    const fc = Array.from(a.variable('fc.weight').dataSync()); // U(±1/√64)
    expect(Math.max(...fc.map(Math.abs))).toBeLessThanOrEqual(1 / 8);
    expect(Array.from(a.variable('bn2.scale').dataSync()).every((v) => v === 1)).toBe(true);
    expect(Array.from(a.variable('bn2.shift').dataSync()).every((v) => v === 0)).toBe(true);
    expect(Array.from(a.variable('bn2.runningMean').dataSync()).every((v) => v === 0)).toBe(true);
    expect(Array.from(a.variable('bn2.runningVar').dataSync()).every((v) => v === 1)).toBe(true);
    [a, b, c, d].forEach((m) => m.dispose());
  });

  it('setWeights checks names and shapes before writing anything', () => {
    const model = build(tiny());
    const before = Array.from(model.variable('fc.bias').dataSync());
    expect(() => model.setWeights({ 'fc.bias': new Float32Array(6).fill(2), 'fc.weight': tf.zeros([6, 16]) })).toThrow(
      /weight "fc.weight" should have shape \[16, 6\].*got \[6, 16\]/,
    );
    expect(Array.from(model.variable('fc.bias').dataSync())).toEqual(before);
    expect(() => model.setWeights({ 'fc.biases': [1] })).toThrow(/no weight named "fc.biases"/);
    expect(() => model.setWeights({ 'fc.bias': [1, 2] })).toThrow(/should have shape \[6\] \(6 values\), got \[2\]/);
    model.setWeights(new Map([['fc.bias', [1, 2, 3, 4, 5, 6]]]));
    expect(Array.from(model.variable('fc.bias').dataSync())).toEqual([1, 2, 3, 4, 5, 6]);
    model.dispose();
  });

  it('rejects a bad spec with the analysis message, before allocating anything', () => {
    const before = tf.memory().numTensors;
    const bad: ModelSpec = { id: 'bad', title: 'bad', defaultInput: tinyInput, layers: [conv3d('conv', 3, 4, 3), batchNorm3d('bn', 5)] };
    expect(() => build(bad)).toThrow(/Layer "bn": normalises 5 channels but receives 4/);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('build: running', () => {
  it('a wrong input shape gives an error naming the expected and actual shapes', () => {
    const model = build(tiny());
    const cases: [number[], string][] = [
      [[1, 4, 16, 16, 2], '[1, 4, 16, 16, 2]'],
      [[2, 8, 16, 16, 3], '[2, 8, 16, 16, 3]'],
      [[4, 16, 16, 3], '[4, 16, 16, 3]'],
    ];
    for (const [shape, actual] of cases) {
      const x = tf.zeros(shape);
      expect(() => model.predict(x)).toThrow(`small3dcnn: expected an input of shape [N, 4, 16, 16, 3] (N×T×H×W×C), got ${actual}`);
      x.dispose();
    }
    model.dispose();
    expect(() => model.predict(tf.zeros([1, 4, 16, 16, 3]))).toThrow(/disposed/);
  });

  it('200 forward passes leave tf.memory().numTensors unchanged; dispose() frees every variable', () => {
    const start = tf.memory().numTensors;
    const model = build(selfTestSpec(), { seed: 1 });
    const x = randomClip([2, 4, 15, 15, 3], 1);
    tf.dispose(model.predict(x.tensor)); // warm-up
    const before = tf.memory().numTensors;
    for (let i = 0; i < 200; i++) tf.dispose(model.predict(x.tensor));
    expect(tf.memory().numTensors).toBe(before);
    for (let i = 0; i < 20; i++) tf.dispose(model.predictTraining(x.tensor));
    expect(tf.memory().numTensors).toBe(before);
    x.tensor.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(start);
  }, 60_000);

  it('predictTraining: BN uses batch statistics and updates its running ones; dropout is seeded', () => {
    const spec: ModelSpec = {
      id: 'train_hook',
      title: 'train hook',
      defaultInput: { channels: 2, frames: 2, height: 3, width: 3 },
      layers: [batchNorm3d('bn', 2), flatten('flatten'), dropout('drop', 0.5), linear('fc', 36, 1, false)],
    };
    const model = build(spec, { seed: 3 });
    model.setWeights({ 'fc.weight': new Float32Array(36).fill(1) });
    const x = tf.add(tf.mul(tf.randomNormal([4, 2, 3, 3, 2], 0, 1, 'float32', 9), 3), 5);
    const out = model.predictTraining(x, { dropoutSeed: 1 });
    const again = model.predictTraining(x, { dropoutSeed: 1, momentum: null });
    expect(Array.from(again.dataSync())).toEqual(Array.from(out.dataSync()));
    const other = model.predictTraining(x, { dropoutSeed: 2, momentum: null });
    expect(Array.from(other.dataSync())).not.toEqual(Array.from(out.dataSync()));
    // One update with momentum 0.1 (momentum: null leaves them): PyTorch's rule, unbiased variance.
    const { mean, variance } = tf.moments(x, [0, 1, 2, 3]);
    const runningMean = model.variable('bn.runningMean').dataSync();
    const runningVar = model.variable('bn.runningVar').dataSync();
    const n = 4 * 2 * 3 * 3;
    mean.dataSync().forEach((m, c) => expect(runningMean[c]!).toBeCloseTo(0.1 * m, 5));
    variance.dataSync().forEach((v, c) => expect(runningVar[c]!).toBeCloseTo(0.9 + 0.1 * v * (n / (n - 1)), 4));
    // Inference: dropout off, BN with running statistics — deterministic.
    const a = model.predict(x);
    const b = model.predict(x);
    expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
    // Gradients reach the trainable variables (the hook a training loop needs).
    const { grads } = tf.variableGrads(() => tf.mean(tf.square(model.predictTraining(x, { momentum: null }))) as tf.Scalar, model.trainableVariables);
    expect(Object.keys(grads).length).toBe(3);
    tf.dispose([x, out, again, other, mean, variance, a, b, grads]);
    model.dispose();
  });

  // Training runs on the CPU backend; WASM has no backprop kernel for depthwise convolutions.
  it.skipIf(process.env.VNN_TEST_BACKEND === 'wasm')('every op of the self-test model (grouped and depthwise convs, pools, gate, shift, attention, GELU, LayerNorm) has gradients', () => {
    const model = build(selfTestSpec(), { seed: 2 });
    const x = randomClip([2, 4, 15, 15, 3], 4);
    const { value, grads } = tf.variableGrads(() => tf.sum(tf.square(model.predictTraining(x.tensor))) as tf.Scalar, model.trainableVariables);
    expect(Object.keys(grads).length).toBe(model.trainableVariables.length);
    for (const g of Object.values(grads)) expect(Array.from(g.dataSync()).every(Number.isFinite)).toBe(true);
    tf.dispose([value, grads, x.tensor]);
    model.dispose();
  });
});
