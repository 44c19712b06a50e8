/**
 * Whole-model inflation: a frame-by-frame 2-D network becomes a 3-D one whose
 * output on a static clip is the 2-D network's (≤ 1e-5) and differs on a moving clip.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { maxAbsDifference } from '../../../src/lib/video-nn/layers/reference/tensor';
import { build, inflateModel, inflateSpec } from '../../../src/lib/video-nn/models';
import { batchNorm3d, conv3d, flatten, globalAvgPool, linear, maxPool3d, relu, videoResNet, type ModelSpec } from '../../../src/lib/video-nn/spec';
import { movingClip, randomiseWeights, record, reportErrors, staticClip, tf, useCpu } from './helpers';

reportErrors();
beforeAll(useCpu);

/** A small 2-D CNN applied to every frame: 1×3×3 convs, BN, ReLU, 1×2×2 pools, global pool, linear. */
function frameCnn(): ModelSpec {
  return {
    id: 'frame_cnn',
    title: 'Frame CNN',
    defaultInput: { channels: 3, frames: 8, height: 16, width: 16 },
    layers: [
      conv3d('conv1', 3, 8, [1, 3, 3], { padding: [0, 1, 1] }),
      batchNorm3d('bn1', 8),
      relu('relu1'),
      maxPool3d('pool1', [1, 2, 2]),
      conv3d('conv2', 8, 16, [1, 3, 3], { padding: [0, 1, 1], bias: false }),
      batchNorm3d('bn2', 16),
      relu('relu2'),
      conv3d('conv3', 16, 16, 1),
      globalAvgPool('pool'),
      flatten('flatten'),
      linear('fc', 16, 5),
    ],
  };
}

function outputs(model: ReturnType<typeof build>, clip: tf.Tensor5D): Float32Array {
  const y = model.predict(clip);
  const data = y.dataSync() as Float32Array;
  y.dispose();
  return data;
}

describe('inflateSpec', () => {
  it("gives 2-D convs a time extent (I3D's k → k rule by default), leaves 1×1 convs and the head alone", () => {
    const spec = inflateSpec(frameCnn(), { poolKt: 2 });
    const layer = (name: string) => spec.layers.find((l) => l.name === name)!;
    expect(layer('conv1')).toMatchObject({ kernel: [3, 3, 3], padding: [0, 1, 1], stride: [1, 1, 1] });
    expect(layer('conv3')).toMatchObject({ kernel: [1, 1, 1] });
    expect(layer('pool1')).toMatchObject({ kernel: [2, 2, 2], stride: [2, 2, 2] });
    const same = inflateSpec(frameCnn(), { kt: { conv2: 5 }, temporalPadding: 'same' });
    expect(same.layers.find((l) => l.name === 'conv1')).toMatchObject({ kernel: [1, 3, 3] });
    expect(same.layers.find((l) => l.name === 'conv2')).toMatchObject({ kernel: [5, 3, 3], padding: [2, 1, 1] });
    expect(() => inflateSpec(frameCnn(), { kt: 2, temporalPadding: 'same' })).toThrow(/odd kT/);
  });
});

describe('inflateModel', () => {
  it("'mean' (replicate, divide by kT): equal to the 2-D model on a static clip, different on a moving one", () => {
    const model2d = build(frameCnn(), { seed: 1 });
    randomiseWeights(model2d, 21);
    const model3d = inflateModel(model2d, undefined, { kt: 3, poolKt: 2 });
    expect(model3d.spec.layers.find((l) => l.name === 'conv1')).toMatchObject({ kernel: [3, 3, 3] });
    expect(model3d.countParams()).toBe(model3d.analysis.totals.params);
    // conv1.weight: 3×3×3×3×8 = three copies of the 2-D kernel, each divided by 3.
    const w2 = model2d.variable('conv1.weight').dataSync();
    const w3 = model3d.variable('conv1.weight').dataSync();
    expect(maxAbsDifference(w3.subarray(w2.length, 2 * w2.length), w2.map((v) => v / 3))).toBeLessThanOrEqual(1e-7);
    const still = staticClip([2, 8, 16, 16, 3], 22);
    const err = record('inflated (mean, kT 3, pools 2×2×2) vs 2-D on a static clip', maxAbsDifference(outputs(model3d, still), outputs(model2d, still)));
    expect(err).toBeLessThanOrEqual(1e-5);
    const moving = movingClip([2, 8, 16, 16, 3], 23);
    const diff = maxAbsDifference(outputs(model3d, moving), outputs(model2d, moving));
    expect(diff).toBeGreaterThan(1e-3);
    console.log(`inflated vs 2-D on a moving clip: max |difference| ${diff.toExponential(2)}`);
    tf.dispose([still, moving]);
    model2d.dispose();
    model3d.dispose();
  });

  it("'centre' with 'same' temporal padding: a 2-D ResNet inflated to 3-D (R3D-style) matches on a static clip", () => {
    const resnet2d: ModelSpec = {
      ...videoResNet({ block: 'basic3d', stem: 'frame', stageConvs: ['2d', '2d', '2d', '2d'], widths: [8, 8, 16, 16], layers: [1, 1, 1, 1], numClasses: 4, id: 'resnet10_2d' }),
      defaultInput: { channels: 3, frames: 4, height: 16, width: 16 },
    };
    const model2d = build(resnet2d, { seed: 2 });
    randomiseWeights(model2d, 31, 0.3);
    const model3d = inflateModel(model2d, undefined, { kt: 3, temporalPadding: 'same', method: 'centre' });
    expect(model3d.spec.layers[0]).toMatchObject({ kind: 'sequential' });
    expect(model3d.weights().find((w) => w.name === 'layer2.0.conv1.0.weight')!.shape).toEqual([3, 3, 3, 8, 8]);
    const still = staticClip([1, 4, 16, 16, 3], 32);
    const err = record('inflated ResNet (centre, same padding) vs 2-D on a static clip', maxAbsDifference(outputs(model3d, still), outputs(model2d, still)));
    expect(err).toBeLessThanOrEqual(1e-5);
    still.dispose();
    model2d.dispose();
    model3d.dispose();
  });

  it('accepts an explicit 3-D spec and refuses one whose layers do not correspond', () => {
    const model2d = build(frameCnn(), { seed: 3 });
    const spec3d = inflateSpec(frameCnn(), { kt: { conv1: 3 } });
    const model3d = inflateModel(model2d, spec3d);
    expect(model3d.weights().find((w) => w.name === 'conv2.weight')!.shape).toEqual([1, 3, 3, 8, 16]);
    const before = tf.memory().numTensors;
    const renamed: ModelSpec = { ...spec3d, layers: spec3d.layers.map((l) => (l.name === 'fc' ? { ...l, name: 'classifier' } : l)) };
    expect(() => inflateModel(model2d, renamed)).toThrow(/the 2-D model's weight "fc.weight" has no counterpart/);
    const wider: ModelSpec = { ...spec3d, layers: spec3d.layers.map((l) => (l.name === 'fc' ? linear('fc', 16, 7) : l)) };
    expect(() => inflateModel(model2d, wider)).toThrow(/weight "fc.weight" is \[16, 5\] in the 2-D model and \[16, 7\] in the 3-D one/);
    expect(tf.memory().numTensors).toBe(before);
    model2d.dispose();
    model3d.dispose();
  });
});
