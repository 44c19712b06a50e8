/**
 * The per-frame scores behind chapter 1's waving-vs-pointing and flicker
 * figures, on the shipped keypoint models (CPU backend):
 * - a clip made of one frame repeated gives the single-frame model's score for
 *   that frame, held to the same weights built for one-frame clips;
 * - what that model's own clip output averages (its stride-2 blocks keep
 *   every 4th frame), so the book's claims about it stay true;
 * - waving and pointing drawn from one seed share the middle frame, so the
 *   single-frame model gives them the same answer there; the temporal model
 *   tells them apart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadTrained } from '../../scripts/train/manifest';
import { build, type VideoModel } from '../../src/lib/video-nn/models';
import type { LoadedModel } from '../../src/lib/video-nn/models/loadModel';
import { clipSeed, keypointDataset, middleFrame, stickFigures } from '../../src/lib/video-nn/data';
import {
  POSE_FRAMES, SINGLE_FRAME_MODEL, TEMPORAL_MODEL, meanRows, perFrameBatch, perFrameProbabilities, poseClip, repeatFrame, softmaxRows,
} from '../../src/components/shared/poseScores';
import { tf, useCpu } from './models/helpers';

let single: LoadedModel;
let temporal: LoadedModel;
let oneFrame: VideoModel;

beforeAll(async () => {
  await useCpu();
  single = await loadTrained(join('public/weights', SINGLE_FRAME_MODEL));
  temporal = await loadTrained(join('public/weights', TEMPORAL_MODEL));
  // The same weights in a model built for one-frame clips: its output is, by definition, the score of one frame.
  const spec = single.entry.spec();
  oneFrame = build(spec, { input: { ...spec.defaultInput, frames: 1 } });
  oneFrame.setWeights(new Map(single.model.weights().map(({ name }) => [name, single.model.variable(name)])));
}, 60_000);

afterAll(() => {
  single?.model.dispose();
  temporal?.model.dispose();
  oneFrame?.dispose();
});

const logits = (model: VideoModel, data: Float32Array, frames: number) =>
  tf.tidy(() => model.predict(tf.tensor(data, [data.length / (frames * 51), frames, 17, 1, 3])).arraySync() as number[][]);

describe('repeating a frame', () => {
  it('copies that frame into every position and checks its arguments', () => {
    const input = Float32Array.from({ length: POSE_FRAMES * 51 }, (_, i) => i);
    const r = repeatFrame(input, 3);
    for (let t = 0; t < POSE_FRAMES; t++) expect(Array.from(r.subarray(t * 51, t * 51 + 51))).toEqual(Array.from(input.subarray(153, 204)));
    const batch = perFrameBatch(input);
    expect(batch.length).toBe(POSE_FRAMES * input.length);
    expect(Array.from(batch.subarray(5 * input.length, 6 * input.length))).toEqual(Array.from(repeatFrame(input, 5)));
    expect(() => repeatFrame(input, 16)).toThrow(/frame must be an integer in \[0, 16\)/);
    expect(() => repeatFrame(input.subarray(1), 0)).toThrow(/expected 16×17×1×3/);
  });

  it('averages rows element by element', () => {
    expect(Array.from(meanRows([[0, 1, 0.5], [1, 0, 0.25]]))).toEqual([0.5, 0.5, 0.375]);
    expect(() => meanRows([])).toThrow(/no rows/);
  });

  it('gives the single-frame model’s score of that frame: the same as the model built for one-frame clips', () => {
    expect(single.manifest.temporal).toBe(false);
    for (const [seed, label] of [[1, 1], [7, 4]] as const) {
      const input = poseClip(seed, label).data;
      const repeated = logits(single.model, perFrameBatch(input), POSE_FRAMES);
      const alone = logits(oneFrame, input, 1);
      let worst = 0;
      for (let t = 0; t < POSE_FRAMES; t++) for (let k = 0; k < 8; k++) worst = Math.max(worst, Math.abs(repeated[t]![k]! - alone[t]![k]!));
      expect(worst).toBeLessThan(1e-5);
    }
  });

  it('explains the model’s own clip output: the mean of the per-frame scores (logits) of frames 0, 4, 8 and 12', () => {
    // Temporal kernel 1 and two blocks of temporal stride 2: the pool at the end sees every 4th frame.
    const input = poseClip(1, 1).data;
    const clip = logits(single.model, input, POSE_FRAMES)[0]!;
    const perFrame = logits(oneFrame, input, 1);
    const kept = [0, 4, 8, 12].map((t) => perFrame[t]!);
    const all = perFrame;
    const mean = (rows: number[][]) => clip.map((_, k) => rows.reduce((s, r) => s + r[k]!, 0) / rows.length);
    const diff = (m: number[]) => Math.max(...m.map((v, k) => Math.abs(v - clip[k]!)));
    expect(diff(mean(kept))).toBeLessThan(1e-5);
    expect(diff(mean(all))).toBeGreaterThan(0.01);
  });
});

describe('the chapter’s claims about the single-frame model on held-out clips', () => {
  it('flickers frame by frame, yet the mean of its per-frame probabilities is right on most clips', async () => {
    // The first 64 test clips of the manifest's test split (8 of each action): clips no model trained on.
    const test = single.manifest.data.test;
    const dataset = keypointDataset(stickFigures({ seed: test.seed }));
    let frameRight = 0;
    let meanRight = 0;
    let flickering = 0;
    const count = 64;
    for (let i = 0; i < count; i++) {
      const clip = dataset.clip('test', i);
      const perFrame = await perFrameProbabilities(tf, single.model, clip.data);
      const tops = perFrame.map((p) => p.indexOf(Math.max(...p)));
      frameRight += tops.filter((k) => k === clip.label).length;
      if (new Set(tops).size > 1) flickering++;
      const mean = meanRows(perFrame);
      if (mean.indexOf(Math.max(...mean)) === clip.label) meanRight++;
    }
    console.log(`single-frame pose model on ${count} test clips: per-frame top-1 ${(frameRight / (count * POSE_FRAMES) * 100).toFixed(1)}%, ` +
      `clips whose top class changes ${flickering}, mean of per-frame probabilities right on ${meanRight}`);
    expect(flickering).toBeGreaterThan(count / 2);
    expect(meanRight).toBeGreaterThan(count / 2);
    expect(meanRight / count).toBeGreaterThan(frameRight / (count * POSE_FRAMES));
  }, 120_000);
});

describe('waving and pointing from one seed', () => {
  const middle = middleFrame(POSE_FRAMES);

  it('share the middle frame exactly, in pixels and joints, and differ elsewhere', () => {
    for (const seed of [1, 2, 3, 1234]) {
      const wave = poseClip(seed, 0);
      const point = poseClip(seed, 1);
      expect([wave.className, point.className]).toEqual(['wave', 'point']);
      expect(Array.from(wave.data.subarray(middle * 51, middle * 51 + 51))).toEqual(Array.from(point.data.subarray(middle * 51, middle * 51 + 51)));
      const frame = 32 * 32 * 3;
      expect(Array.from(wave.source.data.subarray(middle * frame, (middle + 1) * frame))).toEqual(Array.from(point.source.data.subarray(middle * frame, (middle + 1) * frame)));
      expect(Array.from(wave.data.subarray(0, 51))).not.toEqual(Array.from(point.data.subarray(0, 51)));
    }
  });

  it('get one answer from the single-frame model on the middle frame and two from the temporal model (seed 1, the figure’s default)', async () => {
    const wave = poseClip(1, 0).data;
    const point = poseClip(1, 1).data;
    const [w, p] = await softmaxRows(tf, single.model, Float32Array.from([...repeatFrame(wave, middle), ...repeatFrame(point, middle)]), 2);
    expect(Array.from(w!)).toEqual(Array.from(p!));
    const [tw, tp] = await softmaxRows(tf, temporal.model, Float32Array.from([...wave, ...point]), 2);
    expect(tw!.indexOf(Math.max(...tw!))).toBe(0);
    expect(tp!.indexOf(Math.max(...tp!))).toBe(1);
    const perFrame = await perFrameProbabilities(tf, single.model, point);
    expect(Array.from(perFrame[middle]!)).toEqual(Array.from(p!));
  });

  it('the figures’ default seeds are not clips the models trained on', () => {
    const train = single.manifest.data.train;
    const seeds = new Set(Array.from({ length: train.count }, (_, i) => clipSeed(train.seed, 'train', i)));
    for (const seed of [1, 2, 3]) expect(seeds.has(seed)).toBe(false);
    expect(temporal.manifest.data.train.seed).toBe(train.seed);
  });
});
