import { beforeAll, describe, expect, it } from 'vitest';
import { graphConv } from '../../../src/lib/video-nn/layers/graphConv';
import { COCO_EDGES, COCO_JOINTS, COCO_SKELETON, hopDistances, spatialPartition } from '../../../src/lib/video-nn/layers/skeleton';
import { graphConvPlain } from '../../../src/lib/video-nn/layers/reference/graphConv';
import { expectNoLeak, maxError, random, record, reportErrors, tf, useCpu } from './helpers';

reportErrors();
beforeAll(useCpu);

const V = 17;
const at = (p: { adjacency: Float32Array }, k: number, v: number, w: number) => p.adjacency[(k * V + v) * V + w]!;

describe('COCO skeleton and spatial partitioning', () => {
  it('has 17 joints, 16 bones forming a tree, centred on the nose', () => {
    expect(COCO_JOINTS).toHaveLength(17);
    expect(COCO_EDGES).toHaveLength(16);
    const d = hopDistances(COCO_SKELETON, 0);
    expect(d.every(Number.isFinite)).toBe(true);
    // nose 0; eyes, shoulders 1; ears, elbows, hips 2; wrists, knees 3; ankles 4.
    expect(d).toEqual([0, 1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 2, 2, 3, 3, 4, 4]);
  });

  it('normalises each root by its degree and splits neighbours by distance to the centre', () => {
    const p = spatialPartition();
    expect(p.shape).toEqual([3, 17, 17]);
    // Every joint's incoming weights over all subsets sum to 1 (an average over its neighbourhood).
    for (let w = 0; w < V; w++) {
      let sum = 0;
      for (let k = 0; k < 3; k++) for (let v = 0; v < V; v++) sum += at(p, k, v, w);
      expect(sum).toBeCloseTo(1, 6);
    }
    // Left shoulder (5): itself, nose (0), elbow (7), hip (11): degree 4.
    expect(at(p, 0, 5, 5)).toBe(0.25);
    expect(at(p, 2, 0, 5)).toBe(0.25); // the nose is nearer the centre: centripetal
    expect(at(p, 1, 7, 5)).toBe(0.25); // elbow and hip are farther: centrifugal
    expect(at(p, 1, 11, 5)).toBe(0.25);
    // Left wrist (9): itself and the elbow (7), nearer the centre.
    expect(at(p, 0, 9, 9)).toBe(0.5);
    expect(at(p, 2, 7, 9)).toBe(0.5);
    // The nose (0) has four neighbours (eyes, shoulders), all farther: centrifugal, weight 1/5; no centripetal subset.
    for (const v of [1, 2, 5, 6]) expect(at(p, 1, v, 0)).toBeCloseTo(1 / 5, 7);
    expect(Array.from({ length: V }, (_, v) => at(p, 2, v, 0))).toEqual(new Array(V).fill(0));
  });

  it("'reference-code' reproduces the reference's one-hop distance quirk", () => {
    const p = spatialPartition(COCO_SKELETON, { distance: 'reference-code' });
    // Wrist (true distance 3) and elbow (2) both read as infinitely far, compare equal: centrifugal.
    expect(at(p, 1, 7, 9)).toBe(0.5);
    expect(at(p, 2, 7, 9)).toBe(0);
    // Within one hop the two definitions agree: the shoulder still sees the nose as centripetal.
    expect(at(p, 2, 0, 5)).toBe(0.25);
    expect(p.centreDistance[9]).toBe(Infinity);
  });

  it('rejects a malformed skeleton', () => {
    expect(() => spatialPartition({ joints: 3, edges: [[0, 3]], centre: 0 })).toThrow(/edge \(0, 3\) is not between two of the 3 joints/);
    expect(() => spatialPartition({ joints: 3, edges: [[0, 1]], centre: 5 })).toThrow(/centre 5/);
  });
});

describe('graphConv (ST-GCN spatial graph convolution)', () => {
  it('matches the plain loop on random inputs with the COCO partition', () => {
    const p = spatialPartition();
    const adjacency = tf.tensor3d(p.adjacency, p.shape);
    const x = random<tf.Rank.R4>([2, 3, V, 3], 800);
    const kernel = random<tf.Rank.R3>([3, 3, 4], 801);
    const bias = random<tf.Rank.R2>([3, 4], 802);
    const out = graphConv(x.tensor, adjacency, { kernel: kernel.tensor, bias: bias.tensor });
    const expected = graphConvPlain(x.plain, { shape: p.shape, data: p.adjacency }, kernel.plain, bias.plain);
    expect(record('graphConv', maxError(out, expected))).toBeLessThanOrEqual(1e-5);
    const noBias = graphConv(x.tensor, adjacency, { kernel: kernel.tensor });
    expect(record('graphConv', maxError(noBias, graphConvPlain(x.plain, { shape: p.shape, data: p.adjacency }, kernel.plain)))).toBeLessThanOrEqual(1e-5);
    tf.dispose([adjacency, x.tensor, kernel.tensor, bias.tensor, out, noBias]);
  });

  it('hand-worked: a chain 0–1–2 centred on 0 averages each neighbourhood', () => {
    const p = spatialPartition({ joints: 3, edges: [[1, 0], [2, 1]], centre: 0 });
    const adjacency = tf.tensor3d(p.adjacency, p.shape);
    const x = tf.tensor4d([3, 6, 9], [1, 1, 3, 1]);
    // All three subsets weighted 1: the mean of each joint's neighbourhood.
    const all = graphConv(x, adjacency, { kernel: tf.ones([3, 1, 1]) as tf.Tensor3D });
    expect(Array.from(all.dataSync())).toEqual([4.5, 6, 7.5]);
    // Only the centripetal subset: joint 1 gets 3/3 from joint 0, joint 2 gets 6/2 from joint 1, joint 0 nothing.
    const inward = graphConv(x, adjacency, { kernel: tf.tensor3d([0, 0, 1], [3, 1, 1]) });
    expect(Array.from(inward.dataSync())).toEqual([0, 1, 3]);
    tf.dispose([adjacency, x, all, inward]);
  });

  it('names expected and actual shapes on a wrong input', () => {
    const p = spatialPartition();
    const adjacency = tf.tensor3d(p.adjacency, p.shape);
    const kernel = tf.zeros([3, 3, 4]) as tf.Tensor3D;
    const x = tf.zeros([1, 2, 18, 3]) as tf.Tensor4D;
    expect(() => graphConv(x, adjacency, { kernel })).toThrow('graphConv: input should have shape [N, T, 17, 3], got [1, 2, 18, 3]');
    const k2 = tf.zeros([2, 3, 4]) as tf.Tensor3D;
    expect(() => graphConv(x, adjacency, { kernel: k2 })).toThrow('graphConv: adjacency should have shape [2, V, V], got [3, 17, 17]');
    tf.dispose([adjacency, kernel, x, k2]);
  });

  it('leaks no tensors', () => {
    const p = spatialPartition();
    const adjacency = tf.tensor3d(p.adjacency, p.shape);
    const x = random<tf.Rank.R4>([1, 4, V, 3], 810).tensor;
    const kernel = random<tf.Rank.R3>([3, 3, 4], 811).tensor;
    const bias = random<tf.Rank.R2>([3, 4], 812).tensor;
    expectNoLeak(() => graphConv(x, adjacency, { kernel, bias }));
    tf.dispose([adjacency, x, kernel, bias]);
  });
});
