/**
 * The TV-L1 engine against generated ground truth (64×64 pairs, default
 * options, seed 7). Measured on the CPU backend when the bounds were set
 * (EPE px / AAE °): translation 0.014 / 0.19, rotation 4° 0.115 / 2.35, zoom
 * 6% 0.116 / 2.69, affine 0.087 / 2.12, two layers 0.148 / 4.11, translation
 * with noise σ 0.03: 0.116 / 1.56. Bounds are about twice those.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { framePair, type FramePairOptions } from '../../../src/lib/video-nn/flow/groundTruth';
import { flowErrors } from '../../../src/lib/video-nn/flow/metrics';
import { stackFlows } from '../../../src/lib/video-nn/flow/stack';
import { opticalFlow, type FlowOptions } from '../../../src/lib/video-nn/flow/tvl1';

beforeAll(async () => {
  expect(await tf.setBackend('cpu')).toBe(true);
});

function measure(options: FramePairOptions, flowOptions: FlowOptions = {}) {
  const p = framePair(options);
  const flow = tf.tidy(() => opticalFlow(tf.tensor3d(p.frame1, [p.height, p.width, 3]), tf.tensor3d(p.frame2, [p.height, p.width, 3]), flowOptions));
  const data = flow.dataSync() as Float32Array;
  flow.dispose();
  return { ...flowErrors({ width: p.width, height: p.height, data }, p.flow, p.mask), data, pair: p };
}

const size = { seed: 7, width: 64, height: 64 };
const cases: [string, FramePairOptions, number, number][] = [
  ['translation (2.5, −1.25): EPE 0.014 measured', { ...size, motion: { kind: 'translation', dx: 2.5, dy: -1.25 } }, 0.05, 1],
  ['rotation 4°: EPE 0.115 measured', { ...size, motion: { kind: 'rotation', degrees: 4 } }, 0.25, 5],
  ['zoom ×1.06: EPE 0.116 measured', { ...size, motion: { kind: 'zoom', scale: 1.06 } }, 0.25, 5],
  ['two layers (disc (−2.5, 1.5) over (1, 0.5)): EPE 0.148 measured', { ...size, motion: { kind: 'translation', dx: 1, dy: 0.5 }, foreground: { motion: { kind: 'translation', dx: -2.5, dy: 1.5 }, radius: 16 } }, 0.3, 8],
  ['translation with Gaussian noise σ = 0.03 on both frames: EPE 0.116 measured', { ...size, motion: { kind: 'translation', dx: 2.5, dy: -1.25 }, noise: 0.03 }, 0.25, 3],
];

describe('opticalFlow (TV-L1) on generated ground truth, 64×64', () => {
  for (const [name, options, maxEpe, maxAae] of cases) {
    it(`${name} (bounds EPE < ${maxEpe} px, AAE < ${maxAae}°)`, { timeout: 60_000 }, () => {
      const e = measure(options);
      expect(e.count).toBeGreaterThan(3000);
      expect(e.epe).toBeLessThan(maxEpe);
      expect(e.aae).toBeLessThan(maxAae);
    });
  }

  it('a 10% brightness gain: the texture mode (textureSigma 2) keeps EPE < 0.2 (0.08 measured; plain matching measured 4.0)', { timeout: 60_000 }, () => {
    const options: FramePairOptions = { ...size, motion: { kind: 'translation', dx: 2.5, dy: -1.25 }, gain: 1.1 };
    expect(measure(options, { textureSigma: 2 }).epe).toBeLessThan(0.2);
  });

  it('zero motion gives (nearly) zero flow; grey H×W frames work; sizes must agree; options are checked', { timeout: 60_000 }, () => {
    const p = framePair({ seed: 1, width: 24, height: 20, motion: { kind: 'translation', dx: 0, dy: 0 } });
    const grey = Float32Array.from({ length: 24 * 20 }, (_, i) => p.frame1[3 * i]!);
    const flow = tf.tidy(() => opticalFlow(tf.tensor2d(grey, [20, 24]), tf.tensor2d(grey, [20, 24]), { warps: 2, iterations: 10 }));
    expect(flow.shape).toEqual([20, 24, 2]);
    expect(Math.max(...Array.from(flow.dataSync(), Math.abs))).toBeLessThan(1e-4);
    flow.dispose();
    tf.tidy(() => {
      expect(() => opticalFlow(tf.zeros([8, 8, 3]) as tf.Tensor3D, tf.zeros([8, 9, 3]) as tf.Tensor3D)).toThrow(/frames differ in size: 8×8×3 and 8×9×3/);
      expect(() => opticalFlow(tf.zeros([8, 8, 3]) as tf.Tensor3D, tf.zeros([8, 8, 3]) as tf.Tensor3D, { iterations: 0 })).toThrow(/iterations must be a positive number/);
      expect(() => opticalFlow(tf.zeros([8, 8, 4]) as tf.Tensor3D, tf.zeros([8, 8, 4]) as tf.Tensor3D)).toThrow(/H×W×3 or H×W/);
    });
  });

  it('leaves the tensor count unchanged across calls', { timeout: 60_000 }, () => {
    const p = framePair({ seed: 2, width: 32, height: 32, motion: { kind: 'rotation', degrees: 3 } });
    const [a, b] = [tf.tensor3d(p.frame1, [32, 32, 3]), tf.tensor3d(p.frame2, [32, 32, 3])];
    const before = tf.memory().numTensors;
    for (let k = 0; k < 2; k++) {
      const flow = opticalFlow(a, b, { iterations: 5, warps: 2 });
      expect(tf.memory().numTensors).toBe(before + 1);
      flow.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([a, b]);
  });

  it('runs on the WASM backend and agrees with the CPU backend (max difference < 1e-3 px)', { timeout: 60_000 }, async () => {
    const p = framePair({ seed: 3, width: 32, height: 32, motion: { kind: 'zoom', scale: 1.05 } });
    const run = (): Float32Array => tf.tidy(() => opticalFlow(tf.tensor3d(p.frame1, [32, 32, 3]), tf.tensor3d(p.frame2, [32, 32, 3]), { warps: 2, iterations: 10 })).dataSync() as Float32Array;
    const cpu = run();
    expect(await tf.setBackend('wasm')).toBe(true);
    try {
      const wasm = run();
      let max = 0;
      for (let i = 0; i < cpu.length; i++) max = Math.max(max, Math.abs(cpu[i]! - wasm[i]!));
      expect(max).toBeLessThan(1e-3);
    } finally {
      await tf.setBackend('cpu');
    }
  });
});

describe('stackFlows', () => {
  it('interleaves u and v per flow in time order (channel 2k = u_k, 2k+1 = v_k) and can subtract each mean', () => {
    const flows = [0, 1, 2].map((k) => tf.tensor3d([10 * k, 10 * k + 1, 10 * k + 2, 10 * k + 3], [1, 2, 2]));
    const stacked = stackFlows(flows);
    expect(stacked.shape).toEqual([1, 2, 6]);
    expect(Array.from(stacked.dataSync())).toEqual([0, 1, 10, 11, 20, 21, 2, 3, 12, 13, 22, 23]);
    const centred = stackFlows(flows, { subtractMean: true });
    expect(Array.from(centred.dataSync())).toEqual([-1, -1, -1, -1, -1, -1, 1, 1, 1, 1, 1, 1]);
    expect(() => stackFlows([flows[0]!, tf.zeros([2, 2, 2]) as tf.Tensor3D])).toThrow(/flow 1 is 2×2×2, expected 1×2×2/);
    tf.dispose([...flows, stacked, centred]);
  });
});
