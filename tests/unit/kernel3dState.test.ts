import { describe, expect, it } from 'vitest';
import {
  CLIP, DEFAULT_STATE, clipFor, describe as describeState, formatValue, frame2d, inputWindow, isLastStep, kernelWeights, kernelWeights2d,
  outputShape, outputShape2d, outputsKey, padding, parseState, step, stepCount, stepIndex, toQuery, withValue, type Kernel3dState,
} from '../../src/components/Kernel3d/state';

const q = (s: string) => new URLSearchParams(s).entries();
const sum = (a: Float32Array) => a.reduce((s, v) => s + v, 0);

describe('sliding kernel state', () => {
  it('defaults: a 3×3×3 temporal difference, no padding, on the leading edge of the bar', () => {
    const { state, notes } = parseState([]);
    expect(notes).toEqual([]);
    expect(state).toEqual(DEFAULT_STATE);
    expect(state).toMatchObject({ kernel: 'motion', kt: 3, kh: 3, kw: 3, stride: 1, pad: 'valid', t: 2, y: 6, x: 3 });
    expect(toQuery(DEFAULT_STATE)).toBe('');
  });

  it('output sizes follow floor((n + padding − k) / stride) + 1 on the 8×16×16 clip', () => {
    expect(outputShape(DEFAULT_STATE)).toEqual([6, 14, 14]);
    expect(outputShape({ ...DEFAULT_STATE, pad: 'same' })).toEqual([8, 16, 16]);
    expect(outputShape({ ...DEFAULT_STATE, pad: 'same', stride: 2 })).toEqual([4, 8, 8]);
    expect(outputShape({ ...DEFAULT_STATE, kt: 5, kh: 2, kw: 4 })).toEqual([4, 15, 13]);
    // 'same' with an even kernel pads one more zero after than before.
    expect(padding({ ...DEFAULT_STATE, pad: 'same', kt: 4, kh: 2, kw: 5 })).toEqual([[1, 2], [0, 1], [2, 2]]);
    expect(outputShape({ ...DEFAULT_STATE, pad: 'same', kt: 4, kh: 2 })).toEqual([8, 16, 16]);
    // The 2-D kernel keeps every frame and slides only in space.
    expect(outputShape2d({ ...DEFAULT_STATE, stride: 2 })).toEqual([8, 7, 7]);
  });

  it('steps along x, then y, then t, and wraps at both ends', () => {
    const s: Kernel3dState = { ...DEFAULT_STATE, t: 0, y: 0, x: 13 };
    expect(step(s)).toMatchObject({ t: 0, y: 1, x: 0 });
    expect(step({ ...s, y: 13 })).toMatchObject({ t: 1, y: 0, x: 0 });
    const last = { ...DEFAULT_STATE, t: 5, y: 13, x: 13 };
    expect(isLastStep(last)).toBe(true);
    expect(stepIndex(last)).toBe(stepCount(last) - 1);
    expect(step(last)).toMatchObject({ t: 0, y: 0, x: 0 });
    expect(step({ ...s, x: 0 }, -1)).toMatchObject({ t: 5, y: 13, x: 13 });
    expect(stepCount(DEFAULT_STATE)).toBe(6 * 14 * 14);
  });

  it('the input window: stride × position − padding, k long', () => {
    expect(inputWindow(DEFAULT_STATE)).toEqual({ t: [2, 4], y: [6, 8], x: [3, 5] });
    expect(inputWindow({ ...DEFAULT_STATE, pad: 'same', t: 0, y: 0, x: 0 })).toEqual({ t: [-1, 1], y: [-1, 1], x: [-1, 1] });
    expect(inputWindow({ ...DEFAULT_STATE, stride: 2, t: 1, y: 2, x: 3 })).toEqual({ t: [2, 4], y: [4, 6], x: [6, 8] });
    // The 2-D kernel looks at the window's middle frame, kept inside the clip.
    expect(frame2d(DEFAULT_STATE)).toBe(3);
    expect(frame2d({ ...DEFAULT_STATE, kt: 1, pad: 'same', t: 0 })).toBe(0);
    expect(frame2d({ ...DEFAULT_STATE, kt: 4, t: 0 })).toBe(1);
  });

  it('a position outside a smaller output is moved inside, with a note', () => {
    const { state, notes } = parseState(q('pad=same&t=7&x=15'));
    expect(notes).toEqual([]);
    expect(state).toMatchObject({ t: 7, x: 15 });
    const shrunk = parseState(q('t=7&x=15'));
    expect(shrunk.state).toMatchObject({ t: 5, x: 13 });
    expect(shrunk.notes).toHaveLength(2);
    expect(shrunk.notes[0]).toContain('only 6 frames');
    expect(withValue({ ...state }, 'stride', 2)).toMatchObject({ t: 3, x: 7 });
  });

  it.each([
    ['letters', 'kt=abc'],
    ['a kernel too large', 'kh=9'],
    ['a stride not offered', 'stride=3'],
    ['an unknown kernel', 'kernel=%3Cimg%20src%3Dx%3E'],
    ['a negative position', 'x=-1'],
    ['an exponent', 'seed=1e3'],
    ['an unknown key', 'zoom=2'],
  ])('falls back to the default with a note for %s', (_name, query) => {
    const { state, notes } = parseState(q(query));
    expect(state).toEqual(DEFAULT_STATE);
    expect(notes).toHaveLength(1);
  });

  it('round-trips through the URL', () => {
    const state: Kernel3dState = { ...DEFAULT_STATE, seed: 42, dir: 'up', kernel: 'random', kt: 2, stride: 2, pad: 'same', t: 1, y: 4, x: 0 };
    expect(parseState(q(toQuery(state))).state).toEqual(state);
  });

  it('kernel weights: the temporal difference is −1 and +1 over kh·kw·3, the average sums to 1', () => {
    const motion = kernelWeights(DEFAULT_STATE);
    expect(motion).toHaveLength(81);
    expect(Array.from(motion.slice(0, 27)).every((w) => Math.abs(w + 1 / 27) < 1e-9)).toBe(true);
    expect(Array.from(motion.slice(27, 54)).every((w) => w === 0)).toBe(true);
    expect(Array.from(motion.slice(54)).every((w) => Math.abs(w - 1 / 27) < 1e-9)).toBe(true);
    expect(Array.from(kernelWeights({ ...DEFAULT_STATE, kt: 1 })).every((w) => w === 0)).toBe(true);
    expect(sum(kernelWeights({ ...DEFAULT_STATE, kernel: 'average', kt: 5, kh: 2, kw: 4 }))).toBeCloseTo(1, 6);
    const random = kernelWeights({ ...DEFAULT_STATE, kernel: 'random' });
    expect(random).toEqual(kernelWeights({ ...DEFAULT_STATE, kernel: 'random' }));
    expect(Math.max(...Array.from(random, Math.abs))).toBeLessThanOrEqual(1 / 9);
  });

  it('the 2-D partner sums the 3-D weights over time: zero for the difference, a 2-D average for the average', () => {
    expect(Array.from(kernelWeights2d(DEFAULT_STATE)).every((w) => Math.abs(w) < 1e-9)).toBe(true);
    const avg = kernelWeights2d({ ...DEFAULT_STATE, kernel: 'average' });
    expect(avg).toHaveLength(27);
    expect(Array.from(avg).every((w) => Math.abs(w - 1 / 27) < 1e-8)).toBe(true);
  });

  it('the clip is the motion-direction generator at 8×16×16×3, the same for the same seed and direction', () => {
    const a = clipFor(DEFAULT_STATE);
    expect(a.shape).toEqual([CLIP.frames, CLIP.size, CLIP.size, 3]);
    expect(a.data).toHaveLength(8 * 16 * 16 * 3);
    expect(clipFor(DEFAULT_STATE).data).toEqual(a.data);
    expect(clipFor({ ...DEFAULT_STATE, dir: 'left' }).data).not.toEqual(a.data);
  });

  it('output values print with three decimals and a true minus sign, never −0.000', () => {
    expect(formatValue(0.10149)).toBe('0.101');
    expect(formatValue(-0.5)).toBe('−0.500');
    expect(formatValue(-0.00001)).toBe('0.000');
  });

  it('the text alternative states the position, the window, the values and the shapes', () => {
    const text = describeState(DEFAULT_STATE);
    expect(text).toContain('output t = 2, y = 6, x = 3');
    expect(text).toContain('covers frames 2–4, rows 6–8 and columns 3–5');
    expect(text).toContain('6×14×14 (T×H×W): it keeps a time axis');
    expect(text).toContain('appear once TensorFlow.js has computed them');
    const padded = describeState({ ...DEFAULT_STATE, pad: 'same', t: 0, y: 0, x: 0 });
    expect(padded).toContain('frames −1 to 1 (partly zero padding)');
    const outputs = { shape3d: [6, 14, 14] as [number, number, number], values3d: new Float32Array(6 * 14 * 14).fill(0.25), shape2d: [8, 14, 14] as [number, number, number], values2d: new Float32Array(8 * 14 * 14) };
    expect(describeState(DEFAULT_STATE, outputs)).toContain('writes 0.250 there');
    expect(describeState(DEFAULT_STATE, outputs)).toContain('on frame 3 alone writes 0.000');
  });

  it('the outputs key ignores the position', () => {
    const moved: Kernel3dState = { ...DEFAULT_STATE, t: 0, x: 9 };
    expect(outputsKey(DEFAULT_STATE)).toBe(outputsKey(moved));
    expect(outputsKey(DEFAULT_STATE)).not.toBe(outputsKey({ ...DEFAULT_STATE, kh: 2 }));
  });
});
