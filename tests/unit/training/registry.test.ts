// Every trainable model: its spec builds, runs on a clip of its own dataset,
// counts what the analysis counts, and fits the weight budget of issue 4.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { keypointDataset, stickFigures } from '../../../src/lib/video-nn/data';
import { build } from '../../../src/lib/video-nn/models';
import { analyze } from '../../../src/lib/video-nn/analysis';
import { findTrainable, TRAINABLE } from '../../../src/lib/video-nn/training/registry';
import { modelDataset } from '../../../src/lib/video-nn/training/modelInput';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('trainable registry', () => {
  it('has unique ids, each spec named after its entry', () => {
    const ids = TRAINABLE.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const m of TRAINABLE) expect(m.spec().id).toBe(m.id);
  });

  for (const entry of TRAINABLE) {
    it(`${entry.id}: builds, runs on its dataset, ≤ 300 KB of float32 weights`, () => {
      const spec = entry.spec();
      const dataset = modelDataset(entry, entry.defaults.dataSeed);
      const [t, h, w, c] = dataset.descriptor.clipShape;
      expect({ frames: t, height: h, width: w, channels: c }).toEqual({ frames: spec.defaultInput.frames, height: spec.defaultInput.height, width: spec.defaultInput.width, channels: spec.defaultInput.channels });
      const model = build(spec, { seed: 0 });
      try {
        expect(model.countParams()).toBe(analyze(spec).totals.params);
        expect(model.countParams() * 4).toBeLessThanOrEqual(300 * 1024);
        const clip = dataset.clip('test', 0);
        const logits = tf.tidy(() => model.predict(tf.tensor(clip.data, [1, ...clip.shape])).arraySync() as number[][]);
        expect(logits[0]).toHaveLength(dataset.descriptor.classes.length);
        expect(logits[0]!.every(Number.isFinite)).toBe(true);
      } finally {
        model.dispose();
      }
    });
  }

  it('I3D-tiny is the single-frame model inflated (same weight names)', () => {
    const i3d = findTrainable('ss_i3d')!;
    expect(i3d.init?.from).toBe('ss_single_frame');
    const names = (id: string) => {
      const m = build(findTrainable(id)!.spec());
      const n = m.weights().map((w) => w.name);
      m.dispose();
      return n;
    };
    expect(names('ss_i3d')).toEqual(names('ss_single_frame'));
  });
});

describe('keypoint dataset', () => {
  it('is the RGB dataset seen as T×17×1×3 skeletons, coordinates divided by the frame size', () => {
    const rgb = stickFigures({ seed: 5, frames: 16, size: 32 });
    const kp = keypointDataset(rgb);
    expect(kp.descriptor.clipShape).toEqual([16, 17, 1, 3]);
    const a = kp.clip('train', 3);
    const b = rgb.clip('train', 3);
    expect(a.label).toBe(b.label);
    expect(a.shape).toEqual([16, 17, 1, 3]);
    expect(a.data[0]).toBeCloseTo(b.keypoints[0]! / 32, 6);
    expect(a.data[1]).toBeCloseTo(b.keypoints[1]! / 32, 6);
    expect(a.data[2]).toBe(b.keypoints[2]);
    expect(Math.min(...a.data)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...a.data)).toBeLessThanOrEqual(1);
  });
});
