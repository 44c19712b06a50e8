/**
 * The sliding kernel's numbers: what the widget shows for a state (the library's
 * tfjs conv3d, via convolve.ts) against a plain-loop convolution written here,
 * and against hand-worked values for the designed kernels.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { computeOutputs } from '../../src/components/Kernel3d/convolve';
import {
  CLIP, DEFAULT_STATE, clipFor, formatValue, frame2d, inputWindow, kernelWeights, kernelWeights2d, step, stepCount, value2d, value3d,
  type Kernel3dState,
} from '../../src/components/Kernel3d/state';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

/** One output value by brute force: sum over the window, zeros outside the clip. Independent of the library's loops. */
function plainValue(clip: Float32Array, weights: Float32Array, window: { t: [number, number]; y: [number, number]; x: [number, number] }): number {
  const { frames: T, size: S, channels: C } = CLIP;
  const kh = window.y[1] - window.y[0] + 1;
  const kw = window.x[1] - window.x[0] + 1;
  let sum = 0;
  for (let it = window.t[0]; it <= window.t[1]; it++)
    for (let iy = window.y[0]; iy <= window.y[1]; iy++)
      for (let ix = window.x[0]; ix <= window.x[1]; ix++) {
        if (it < 0 || it >= T || iy < 0 || iy >= S || ix < 0 || ix >= S) continue;
        const k = ((it - window.t[0]) * kh + (iy - window.y[0])) * kw + (ix - window.x[0]);
        for (let c = 0; c < C; c++) sum += clip[((it * S + iy) * S + ix) * C + c]! * weights[k * C + c]!;
      }
  return sum;
}

const states: Kernel3dState[] = [
  DEFAULT_STATE,
  { ...DEFAULT_STATE, t: 4, y: 7, x: 9 },
  { ...DEFAULT_STATE, kernel: 'random', pad: 'same', kt: 2, kh: 4, kw: 3, t: 7, y: 15, x: 0 },
  { ...DEFAULT_STATE, pad: 'same', t: 0, y: 0, x: 0 },
  { ...DEFAULT_STATE, kernel: 'average', kt: 5, kh: 5, kw: 5, pad: 'valid', t: 3, y: 11, x: 6 },
  { ...DEFAULT_STATE, kernel: 'random', pad: 'same', stride: 2, kt: 3, kh: 3, kw: 3, t: 3, y: 7, x: 5, seed: 91, dir: 'up' },
  { ...DEFAULT_STATE, kernel: 'motion', stride: 2, pad: 'valid', kt: 4, kh: 1, kw: 2, t: 2, y: 6, x: 3, seed: 7, dir: 'left' },
];

describe('sliding 3-D kernel: values against a plain loop', () => {
  it.each(states.map((s, i) => [i, s] as const))('state %i: the 3-D and 2-D values equal the plain loop to 1e-6', async (_i, state) => {
    const outputs = await computeOutputs(state);
    const clip = clipFor(state).data;
    const expected3d = plainValue(clip, kernelWeights(state), inputWindow(state));
    expect(Math.abs(value3d(state, outputs) - expected3d)).toBeLessThan(1e-6);
    expect(formatValue(value3d(state, outputs))).toBe(formatValue(expected3d));
    const w = inputWindow(state);
    const f = frame2d(state);
    const expected2d = plainValue(clip, kernelWeights2d(state), { t: [f, f], y: w.y, x: w.x });
    expect(Math.abs(value2d(state, outputs) - expected2d)).toBeLessThan(1e-6);
  });

  it('every position of a whole sweep matches the plain loop', async () => {
    let state: Kernel3dState = { ...DEFAULT_STATE, kernel: 'random', pad: 'same', kt: 3, kh: 2, kw: 3, t: 0, y: 0, x: 0 };
    const outputs = await computeOutputs(state);
    const clip = clipFor(state).data;
    const weights = kernelWeights(state);
    let worst = 0;
    for (let i = 0; i < stepCount(state); i++) {
      worst = Math.max(worst, Math.abs(value3d(state, outputs) - plainValue(clip, weights, inputWindow(state))));
      state = step(state);
    }
    expect(worst).toBeLessThan(1e-6);
  });

  it('the temporal difference is the change in mean brightness under the window, and its 2-D partner is all zeros', async () => {
    const outputs = await computeOutputs({ ...DEFAULT_STATE, kernel: 'motion', pad: 'same' });
    expect(Array.from(outputs.values2d).every((v) => v === 0)).toBe(true);
    // By hand: mean of the last frame's window minus the first frame's, over kh·kw·3 values.
    const state: Kernel3dState = { ...DEFAULT_STATE, pad: 'same', t: 4, y: 8, x: 8 };
    const clip = clipFor(state).data;
    const mean = (t: number) => {
      let s = 0;
      for (let y = 7; y <= 9; y++) for (let x = 7; x <= 9; x++) for (let c = 0; c < 3; c++) s += clip[((t * 16 + y) * 16 + x) * 3 + c]!;
      return s / 27;
    };
    expect(value3d(state, outputs)).toBeCloseTo(mean(5) - mean(3), 6);
  });

  it('the average kernel on a fully covered window is the mean of its 81 values', async () => {
    const state: Kernel3dState = { ...DEFAULT_STATE, kernel: 'average', pad: 'same', t: 2, y: 5, x: 6 };
    const outputs = await computeOutputs(state);
    const clip = clipFor(state).data;
    let s = 0;
    for (let t = 1; t <= 3; t++) for (let y = 4; y <= 6; y++) for (let x = 5; x <= 7; x++) for (let c = 0; c < 3; c++) s += clip[((t * 16 + y) * 16 + x) * 3 + c]!;
    expect(value3d(state, outputs)).toBeCloseTo(s / 81, 6);
  });

  it('leaks no tensors', async () => {
    await computeOutputs(DEFAULT_STATE);
    const before = tf.memory().numTensors;
    await computeOutputs({ ...DEFAULT_STATE, kernel: 'random' });
    expect(tf.memory().numTensors).toBe(before);
  });
});
