// Two-stream inputs (middle frame, stacked flow) and late fusion of the streams' softmax scores.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { flowPairs, middleFrameDataset, motionDirection } from '../../../src/lib/video-nn/data';
import { clipFlowStack, flowStackDataset } from '../../../src/lib/video-nn/flow/clipFlows';
import { opticalFlow } from '../../../src/lib/video-nn/flow/tvl1';
import { argmaxRows, bestFusionWeight, fuseProbabilities, fusionSweep } from '../../../src/lib/video-nn/training/twoStream';

beforeAll(async () => {
  expect(await tf.setBackend('cpu')).toBe(true);
});

const QUICK = { warps: 2, iterations: 10 };

describe('flowPairs', () => {
  it('takes L consecutive pairs centred on the middle frame as far as the clip allows', () => {
    expect(flowPairs(8, 7)).toEqual([[0, 1], [1, 2], [2, 3], [3, 4], [4, 5], [5, 6], [6, 7]]);
    expect(flowPairs(8, 1)).toEqual([[4, 5]]);
    expect(flowPairs(8, 2)).toEqual([[3, 4], [4, 5]]);
    expect(flowPairs(16, 10)[0]).toEqual([3, 4]); // ⌊16/2⌋ − 5 = 3, and 3 + 10 ≤ 15
    expect(() => flowPairs(8, 8)).toThrow(/flows must be an integer in \[1, 7\]/);
    expect(() => flowPairs(8, 0)).toThrow(/flows must be/);
  });
});

describe('middleFrameDataset', () => {
  it('is frame ⌊T/2⌋ of the same clip, with its label and seed', () => {
    const rgb = motionDirection({ seed: 3, frames: 8, size: 16, classes: 4 });
    const mid = middleFrameDataset(rgb);
    expect(mid.descriptor.clipShape).toEqual([1, 16, 16, 3]);
    expect(mid.descriptor.id).toBe(`${rgb.descriptor.id}-middle-frame`);
    const a = mid.clip('test', 5);
    const b = rgb.clip('test', 5);
    expect([a.label, a.seed]).toEqual([b.label, b.seed]);
    const n = 16 * 16 * 3;
    expect(Array.from(a.data)).toEqual(Array.from(b.data.subarray(4 * n, 5 * n)));
  });
});

describe('stacked flow of a clip', () => {
  const rgb = motionDirection({ seed: 11, frames: 8, size: 32, classes: 4 });

  it('channels 2k and 2k+1 are u and v of the engine\'s flow between frames k and k+1', () => {
    const clip = rgb.clip('test', 0);
    const stack = clipFlowStack(clip, { flows: 7, options: QUICK });
    expect(stack.length).toBe(32 * 32 * 14);
    const n = 32 * 32 * 3;
    for (const k of [0, 3, 6]) {
      const direct = tf.tidy(() => opticalFlow(tf.tensor3d(clip.data.slice(k * n, (k + 1) * n), [32, 32, 3]), tf.tensor3d(clip.data.slice((k + 1) * n, (k + 2) * n), [32, 32, 3]), QUICK).dataSync());
      for (const p of [0, 517, 1023]) {
        expect(stack[p * 14 + 2 * k]).toBeCloseTo(direct[2 * p]!, 5);
        expect(stack[p * 14 + 2 * k + 1]).toBeCloseTo(direct[2 * p + 1]!, 5);
      }
    }
  });

  it('points the way the object moves (summed over moving pixels, each of the 4 directions)', () => {
    const names = rgb.descriptor.classes;
    const expected: Record<string, [number, number]> = { left: [-1, 0], right: [1, 0], up: [0, -1], down: [0, 1] };
    for (let label = 0; label < names.length; label++) {
      const clip = rgb.sample(1000 + label, label);
      const stack = clipFlowStack(clip, { flows: 3, options: QUICK });
      let [su, sv] = [0, 0];
      for (let i = 0; i < stack.length; i += 2) {
        const [u, v] = [stack[i]!, stack[i + 1]!];
        if (Math.hypot(u, v) > 0.3) [su, sv] = [su + u, sv + v];
      }
      const key = Object.keys(expected).find((k) => names[label]!.includes(k))!;
      const [eu, ev] = expected[key]!;
      // The summed flow's angle is within 30° of the class's direction.
      const angle = Math.acos((su * eu + sv * ev) / Math.hypot(su, sv));
      expect(angle, `${names[label]}: Σu ${su.toFixed(1)}, Σv ${sv.toFixed(1)}`).toBeLessThan(Math.PI / 6);
    }
  });

  it('as a dataset: 1×H×W×2L clips, each computed once; prepare fills the cache', () => {
    const ds = flowStackDataset(rgb, { flows: 2, options: QUICK });
    expect(ds.descriptor.clipShape).toEqual([1, 32, 32, 4]);
    const a = ds.clip('train', 2);
    expect(ds.cached).toBe(1);
    expect(ds.clip('train', 2).data).toBe(a.data);
    expect(a.source.label).toBe(a.label);
    ds.prepare('validation', 0, 3);
    expect(ds.cached).toBe(4);
    expect(() => flowStackDataset(rgb, { flows: 8 })).toThrow(/flows must be an integer in \[1, 7\]/);
  });
});

describe('late fusion of the two streams', () => {
  // 4 clips, 2 classes, labels 0, 1, 0, 1. The spatial stream is right on clips 0 and 1 only,
  // the temporal stream on clips 1, 2 and 3, so alone they score 2/4 and 3/4.
  const labels = [0, 1, 0, 1];
  const spatial = [0.9, 0.1, 0.4, 0.6, 0.2, 0.8, 0.7, 0.3];
  const temporal = [0.4, 0.6, 0.2, 0.8, 0.6, 0.4, 0.45, 0.55];

  it('averages the softmax scores with the spatial weight w', () => {
    const f = fuseProbabilities(spatial, temporal, 0.25);
    expect(f[0]).toBeCloseTo(0.25 * 0.9 + 0.75 * 0.4, 6);
    expect(f[7]).toBeCloseTo(0.25 * 0.3 + 0.75 * 0.55, 6);
    expect(() => fuseProbabilities(spatial, temporal, 1.5)).toThrow(/spatial weight must be in \[0, 1\]/);
    expect(() => fuseProbabilities(spatial, [1], 0.5)).toThrow(/8 spatial but 1 temporal/);
    expect(Array.from(argmaxRows([0.2, 0.8, 0.5, 0.5], 2))).toEqual([1, 0]);
  });

  it('sweeps w: alone each stream scores its own accuracy; at w = ½ clips 0, 1, 2 and 3 are right', () => {
    const sweep = fusionSweep(spatial, temporal, labels, 2, 4);
    expect(sweep.map((p) => p.weightSpatial)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(sweep[0]!.accuracy).toBe(0.75); // temporal alone
    expect(sweep[4]!.accuracy).toBe(0.5); // spatial alone
    // w = ½: clip 0: 0.65 vs 0.35 → 0 ✓; clip 1: 0.3 vs 0.7 ✓; clip 2: 0.4 vs 0.6 → 1 ✗; clip 3: 0.575 vs 0.425 → 0 ✗.
    expect(sweep[2]!.accuracy).toBe(0.5);
    // w = ¼: clip 0: 0.525 vs 0.475 ✓; clip 1 ✓; clip 2: 0.5 vs 0.5 → 0 ✓ (ties go to the first class); clip 3: 0.5125 vs 0.4875 ✗.
    expect(sweep[1]!.accuracy).toBe(0.75);
    expect(bestFusionWeight(sweep)).toBe(0.25); // 0 and ¼ tie at 0.75: the one nearer ½
  });
});
