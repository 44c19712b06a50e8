/**
 * Transformers and ST-GCN built from their specs against plain loops written as
 * the reference code computes them (plainTokens.ts), |error| ≤ 1e-5.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { graphConvPlain } from '../../../src/lib/video-nn/layers/reference/graphConv';
import { maxAbsDifference, type PlainTensor } from '../../../src/lib/video-nn/layers/reference/tensor';
import { COCO_SKELETON, spatialPartition } from '../../../src/lib/video-nn/layers/skeleton';
import { build, type VideoModel } from '../../../src/lib/video-nn/models';
import { sinusoidTable } from '../../../src/lib/video-nn/models/tokenOps';
import { graphConv, jointBatchNorm, timesformer, videoMae, vivitFactorisedEncoder, type ModelSpec } from '../../../src/lib/video-nn/spec';
import { randomClip, randomiseWeights, record, reportErrors, tf, useCpu } from './helpers';
import { embedPatches, encoderBlockRows, layerNormRows, linearRows, timesformerDividedPlain, videoMaePlain, vivitPlain, type Weights } from './plainTokens';

reportErrors();
beforeAll(useCpu);

/** Clip n of a plain batch, as a batch of one. */
function clipOf(batch: PlainTensor, n: number): PlainTensor {
  const [N, ...rest] = batch.shape;
  const size = batch.data.length / N!;
  return { shape: [1, ...rest], data: batch.data.slice(n * size, (n + 1) * size) };
}

/** Runs the model on two random clips and compares each with the plain reference. */
function compare(label: string, model: VideoModel, plain: (clip: PlainTensor, w: Weights) => Float32Array, w: Weights): void {
  const { frames, height, width, channels } = model.input;
  const x = randomClip([2, frames, height, width, channels], 77);
  const y = model.predict(x.tensor);
  const out = y.dataSync();
  const classes = y.shape[1]!;
  for (let n = 0; n < 2; n++) {
    const expected = plain(clipOf(x.plain, n), w);
    expect(record(label, maxAbsDifference(out.slice(n * classes, (n + 1) * classes), expected))).toBeLessThanOrEqual(1e-5);
    // Not a vacuous match: the logits are of order one and differ between the two clips.
    expect(Math.max(...expected.map(Math.abs))).toBeGreaterThan(0.05);
  }
  expect(maxAbsDifference(out.slice(0, classes), out.slice(classes))).toBeGreaterThan(1e-3);
  tf.dispose([x.tensor, y]);
}

const row = (rows: Float32Array, i: number, d: number) => rows.slice(i * d, (i + 1) * d);
const add = (a: Float32Array, b: Float32Array) => a.map((v, i) => v + b[i]!);

describe('video transformers against their reference computations', () => {
  const small = { frames: 3, crop: 16, patch: 8, width: 8, depth: 2, heads: 2, numClasses: 3 };

  it('TimeSformer, divided space-time attention (temporal step, temporal_fc, class token copied per frame)', () => {
    const model = build(timesformer({ ...small, attention: 'divided' }), { seed: 1 });
    const w = randomiseWeights(model, 51, 0.4);
    compare('TimeSformer divided vs vit.py Block', model, (clip) => timesformerDividedPlain(clip, w, { patch: 8, depth: 2, heads: 2 }), w);
    model.dispose();
  });

  it('TimeSformer, joint space-time and space-only', () => {
    const joint = build(timesformer({ ...small, attention: 'jointSpaceTime' }), { seed: 2 });
    const wj = randomiseWeights(joint, 52, 0.4);
    compare('TimeSformer joint space-time', joint, (clip) => {
      const frames = embedPatches(clip, wj, 'patch_embed.proj', [1, 8, 8]);
      const d = 8;
      const pos = wj['pos_embed.weight']!.data;
      const time = wj['time_embed.weight']!.data;
      const tokens = [add(wj['cls_token.weight']!.data, row(pos, 0, d)), ...frames.flatMap((f, t) => f.map((p, s) => add(add(p, row(pos, 1 + s, d)), row(time, t, d))))];
      let x: Float32Array = new Float32Array(tokens.length * d);
      tokens.forEach((t, i) => x.set(t, i * d));
      for (let b = 0; b < 2; b++) x = encoderBlockRows(x, tokens.length, d, wj, `blocks.${b}`, 2);
      return linearRows(layerNormRows(row(x, 0, d), d, wj, 'norm'), 1, wj, 'head');
    }, wj);
    joint.dispose();
    const space = build(timesformer({ ...small, attention: 'spaceOnly' }), { seed: 3 });
    const ws = randomiseWeights(space, 53, 0.4);
    compare('TimeSformer space-only', space, (clip) => {
      const d = 8;
      const pos = ws['pos_embed.weight']!.data;
      const perFrame = embedPatches(clip, ws, 'patch_embed.proj', [1, 8, 8]).map((f) => {
        const tokens = [add(ws['cls_token.weight']!.data, row(pos, 0, d)), ...f.map((p, s) => add(p, row(pos, 1 + s, d)))];
        let x: Float32Array = new Float32Array(tokens.length * d);
        tokens.forEach((t, i) => x.set(t, i * d));
        for (let b = 0; b < 2; b++) x = encoderBlockRows(x, tokens.length, d, ws, `blocks.${b}`, 2);
        return row(layerNormRows(x, d, ws, 'norm'), 0, d);
      });
      const mean = perFrame.reduce((a, b) => add(a, b)).map((v) => v / perFrame.length);
      return linearRows(mean, 1, ws, 'head');
    }, ws);
    space.dispose();
  });

  it('VideoMAE: tubelets, fixed sin-cos positions (no parameters), Q/V biases only, mean pooling', () => {
    const spec = videoMae({ frames: 4, crop: 16, width: 8, depth: 2, heads: 2, numClasses: 3, tubelet: [2, 8] });
    const model = build(spec, { seed: 4 });
    expect(model.weights().some((v) => v.name === 'pos_embed.weight')).toBe(false);
    expect(model.weights().some((v) => v.name === 'blocks.0.attn.q_bias')).toBe(true);
    const w = randomiseWeights(model, 54, 0.4);
    // VideoMAE's table: row p, column j = sin/cos(p / 10000^(2⌊j/2⌋/D)).
    const table = sinusoidTable(8, 8);
    expect(table[3 * 8 + 5]).toBeCloseTo(Math.cos(3 / 10000 ** (4 / 8)), 6);
    compare('VideoMAE vs modeling_finetune', model, (clip) => videoMaePlain(clip, w, { tubelet: [2, 8], depth: 2, heads: 2, table }), w);
    model.dispose();
  });

  it('ViViT factorised encoder: a spatial transformer per frame, then a temporal one over their class tokens', () => {
    const spec = vivitFactorisedEncoder({ frames: 4, crop: 16, tubelet: [2, 8], width: 8, heads: 2, spatialLayers: 2, temporalLayers: 1, numClasses: 3 });
    const model = build(spec, { seed: 5 });
    const w = randomiseWeights(model, 55, 0.4);
    compare('ViViT factorised encoder', model, (clip) => vivitPlain(clip, w, { tubelet: [2, 8], spatial: 2, temporal: 1, heads: 2 }), w);
    model.dispose();
  });
});

describe('ST-GCN layers against plain loops', () => {
  it("data_bn (per joint and coordinate) then a graph conv with edge importance on COCO's partitioned graph, each person separately", () => {
    const spec: ModelSpec = {
      id: 'gcn',
      title: 'gcn',
      defaultInput: { channels: 3, frames: 4, height: 17, width: 2 },
      layers: [jointBatchNorm('data_bn', 3, 17), graphConv('gcn', 3, 5, { partitions: 3, joints: 17 })],
    };
    const model = build(spec, { seed: 6 });
    const w = randomiseWeights(model, 56, 0.5);
    const x = randomClip([2, 4, 17, 2, 3], 57);
    const [N, T, V, M, C] = [2, 4, 17, 2, 3];
    // data_bn: x[n, t, v, m, c] normalised with the statistics of feature v·C + c.
    const bn = x.plain.data.map((value, i) => {
      const c = i % C;
      const v = Math.floor(i / (C * M)) % V;
      const f = v * C + c;
      return ((value - w['data_bn.runningMean']!.data[f]!) / Math.sqrt(w['data_bn.runningVar']!.data[f]! + 1e-5)) * w['data_bn.scale']!.data[f]! + w['data_bn.shift']!.data[f]!;
    });
    const a = spatialPartition(COCO_SKELETON).adjacency.map((v, i) => v * w['gcn.edgeImportance']!.data[i]!);
    const y = model.predict(x.tensor);
    const out = y.dataSync();
    let err = 0;
    for (let m = 0; m < M; m++) {
      const person = new Float32Array(N * T * V * C);
      for (let i = 0; i < person.length; i++) {
        const c = i % C;
        const v = Math.floor(i / C) % V;
        const nt = Math.floor(i / (C * V));
        person[i] = bn[((nt * V + v) * M + m) * C + c]!;
      }
      const expected = graphConvPlain({ shape: [N, T, V, C], data: person }, { shape: [3, V, V], data: a }, w['gcn.weight']!, w['gcn.bias']!);
      for (let i = 0; i < expected.data.length; i++) {
        const o = i % 5;
        const v = Math.floor(i / 5) % V;
        const nt = Math.floor(i / (5 * V));
        err = Math.max(err, Math.abs(out[((nt * V + v) * M + m) * 5 + o]! - expected.data[i]!));
      }
    }
    expect(record('data_bn + graph conv (edge importance, 2 persons)', err)).toBeLessThanOrEqual(1e-5);
    tf.dispose([x.tensor, y]);
    model.dispose();
  });

  it('a graph other than COCO needs its adjacency', () => {
    const spec: ModelSpec = { id: 'ntu', title: 'ntu', defaultInput: { channels: 3, frames: 4, height: 25, width: 1 }, layers: [graphConv('gcn', 3, 4, { partitions: 3, joints: 25 })] };
    expect(() => build(spec)).toThrow(/graph conv "gcn" has 3 partitions of 25 joints; pass build\(spec, \{ adjacency \}\)/);
    const model = build(spec, { adjacency: new Float32Array(3 * 25 * 25).fill(1 / 25) });
    expect(model.countParams()).toBe(model.analysis.totals.params);
    model.dispose();
  });
});
