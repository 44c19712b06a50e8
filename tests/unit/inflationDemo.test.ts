/**
 * What chapter 5's inflation demo computes, checked in Node on the CPU backend
 * with the shipped weights: the single-frame model inflated as the browser
 * does it (inflateModel with the registry's options) is exactly the network
 * motion4_i3d was trained from — same spec hash, and the same held-out
 * accuracy right after inflation that the training script recorded — it
 * reproduces the 2-D model on static clips and departs from it on moving ones.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repeatFrame } from '../../src/lib/video-nn/data/staticClip';
import { compareOutputs, maxAbsDifference } from '../../src/lib/video-nn/models/compareOutputs';
import { inflateModel } from '../../src/lib/video-nn/models/inflate';
import { evaluate } from '../../src/lib/video-nn/training/evaluate';
import { specHash } from '../../src/lib/video-nn/training/manifest';
import { loadTrained } from '../../scripts/train/manifest';
import { tf, useCpu } from './models/helpers';

await useCpu();
const single = await loadTrained(join('public/weights', 'motion4_single_frame'));
const i3d = await loadTrained(join('public/weights', 'motion4_i3d'));
const init = i3d.entry.init;
if (!init || !('inflate' in init)) throw new Error('motion4_i3d is not registered as an inflated model');
const inflated = inflateModel(single.model, i3d.entry.spec(), init.inflate);

beforeAll(useCpu);
afterAll(() => {
  for (const m of [single.model, i3d.model, inflated]) m.dispose();
});

describe('inflating the trained single-frame model as the widget does', () => {
  it('gives the spec motion4_i3d was trained as, from the model its manifest names', async () => {
    expect(init.from).toBe('motion4_single_frame');
    expect(i3d.manifest.init?.from).toBe('motion4_single_frame');
    expect(await specHash(inflated.spec)).toBe(i3d.manifest.specHash);
    expect(inflated.countParams()).toBe(i3d.manifest.params);
    // Every 3×3 kernel became 3×3×3 (I3D's rule), with no temporal padding.
    const convs = inflated.spec.layers.filter((l) => l.kind === 'conv3d');
    expect(convs.map((l) => (l.kind === 'conv3d' ? [l.kernel, l.padding] : []))).toEqual(
      Array.from({ length: 3 }, () => [[3, 3, 3], [0, 1, 1]]),
    );
  });

  it('reproduces the 2-D model on a static clip of any frame, to within 1e-5', async () => {
    let worst = 0;
    for (const seed of [1, 2, 3]) {
      const clip = single.entry.dataset(seed).clip('test', 0);
      for (let frame = 0; frame < 8; frame++) {
        const c = await compareOutputs(single.model, inflated, repeatFrame(clip, frame));
        // The outputs are the models' own predictions, and the difference is the plain maximum.
        const direct = tf.tidy(() => single.model.predict(tf.tensor(repeatFrame(clip, frame).data, [1, 8, 32, 32, 3])).dataSync());
        expect([...c.a]).toEqual([...direct]);
        expect(c.maxAbsDifference).toBe(Math.max(...[...c.a].map((v, i) => Math.abs(v - c.b[i]!))));
        worst = Math.max(worst, c.maxAbsDifference);
      }
    }
    expect(worst).toBeLessThanOrEqual(1e-5);
    console.log(`static clips: largest |2-D − inflated| = ${worst.toExponential(2)}`);
  });

  it('departs from the 2-D model on the moving clip', async () => {
    for (const seed of [1, 2, 3]) {
      const c = await compareOutputs(single.model, inflated, single.entry.dataset(seed).clip('test', 0));
      expect(c.maxAbsDifference, `seed ${seed}`).toBeGreaterThan(1e-3);
    }
  });

  it('right after inflation, scores what the training script recorded on its held-out clips', () => {
    const test = i3d.manifest.data.test;
    const { accuracy } = evaluate(inflated, i3d.entry.dataset(test.seed), { split: test.split, start: test.start, count: test.count });
    expect(Number(accuracy.toFixed(4))).toBe(i3d.manifest.init!.testAccuracyBeforeTraining);
  }, 120_000);
});

describe('maxAbsDifference', () => {
  it('is the largest absolute difference, and refuses arrays of different lengths', () => {
    expect(maxAbsDifference([1, -2, 3], [1.5, -2, 0])).toBe(3);
    expect(maxAbsDifference([], [])).toBe(0);
    expect(() => maxAbsDifference([1], [1, 2])).toThrow('1 values vs 2');
  });
});
