/**
 * State of the sliding 3-D kernel (chapter 4): which generated clip, which
 * kernel (its weights, size, stride and padding) and where it stands. Pure and
 * URL-serialisable. It also holds the geometry every view draws from — the output
 * size, the input window under the kernel, the order of steps — and the clip and
 * kernel weights themselves, so the numbers can be checked in Node; the output
 * values come from the library's tfjs conv3d (convolve.ts).
 */
import { defaultsOf, parseSettings, serialiseSettings, type Setting, type SettingsState } from '../shared/settings';
import { conv3dOutputSize } from '../../lib/video-nn/layers/sizes';
import { seededValues } from '../../lib/video-nn/layers/conv3dReference';
import { motionDirection, MOTION_DIRECTION_CLASSES } from '../../lib/video-nn/data/motionDirection';

/** The clip: 8 frames of 16×16 RGB from the motion-direction generator. */
export const CLIP = { frames: 8, size: 16, channels: 3 } as const;
export const DIRECTIONS = MOTION_DIRECTION_CLASSES[4];
export type Direction = (typeof DIRECTIONS)[number];
export const KERNELS = ['motion', 'average', 'random'] as const;
export type KernelKind = (typeof KERNELS)[number];

export const KERNEL_LABELS: Record<KernelKind, string> = {
  motion: 'Temporal difference',
  average: 'Average',
  random: 'Random weights',
};

/** The seed of the random kernel's weights (fixed: the kernel is part of the figure, not of the clip). */
const RANDOM_KERNEL_SEED = 4;

export const SETTINGS = [
  { kind: 'number', key: 'seed', label: 'Clip seed', min: 0, max: 9999, integer: true, default: 3 },
  { kind: 'choice', key: 'dir', label: 'Motion', choices: DIRECTIONS, default: 'right' },
  { kind: 'choice', key: 'kernel', label: 'Kernel weights', choices: KERNELS, default: 'motion' },
  { kind: 'number', key: 'kt', label: 'Kernel frames', min: 1, max: 5, integer: true, default: 3 },
  { kind: 'number', key: 'kh', label: 'Kernel height', min: 1, max: 5, integer: true, default: 3 },
  { kind: 'number', key: 'kw', label: 'Kernel width', min: 1, max: 5, integer: true, default: 3 },
  { kind: 'choice', key: 'stride', label: 'Stride', choices: [1, 2], default: 1 },
  { kind: 'choice', key: 'pad', label: 'Padding', choices: ['valid', 'same'], default: 'valid' },
  // The default position sits on the leading edge of the default clip's bar, where the temporal difference responds.
  { kind: 'number', key: 't', label: 'Output frame', min: 0, max: 15, integer: true, default: 2 },
  { kind: 'number', key: 'y', label: 'Output row', min: 0, max: 15, integer: true, default: 6 },
  { kind: 'number', key: 'x', label: 'Output column', min: 0, max: 15, integer: true, default: 3 },
] as const satisfies readonly Setting[];

export interface Kernel3dState {
  seed: number;
  dir: Direction;
  kernel: KernelKind;
  kt: number;
  kh: number;
  kw: number;
  stride: 1 | 2;
  pad: 'same' | 'valid';
  t: number;
  y: number;
  x: number;
}

export type Axis = 't' | 'y' | 'x';
export const DEFAULT_STATE = defaultsOf(SETTINGS) as unknown as Kernel3dState;

type Pair = [number, number];
export type Padding = [Pair, Pair, Pair];

/** Zeros before and after T, H, W: 'same' keeps the size at stride 1 (the extra zero goes after for an even kernel). */
export function padding(state: Pick<Kernel3dState, 'kt' | 'kh' | 'kw' | 'pad'>): Padding {
  const pair = (k: number): Pair => (state.pad === 'same' ? [Math.floor((k - 1) / 2), Math.ceil((k - 1) / 2)] : [0, 0]);
  return [pair(state.kt), pair(state.kh), pair(state.kw)];
}

/** Output T', H', W' of the 3-D convolution (the library's size rule). */
export function outputShape(state: Kernel3dState): [number, number, number] {
  return conv3dOutputSize([CLIP.frames, CLIP.size, CLIP.size], [state.kt, state.kh, state.kw], state.stride, padding(state));
}

/** The 2-D kernel (kh×kw on one frame): output H'×W' for each of the T frames. */
export function outputShape2d(state: Kernel3dState): [number, number, number] {
  const [, hPad, wPad] = padding(state);
  return conv3dOutputSize([CLIP.frames, CLIP.size, CLIP.size], [1, state.kh, state.kw], [1, state.stride, state.stride], [[0, 0], hPad, wPad]);
}

/** Moves the position inside the output (after a change of kernel, stride or padding), with a note if it had to move. */
export function clampPosition(state: Kernel3dState, notes: string[] = []): Kernel3dState {
  const shape = outputShape(state);
  const next = { ...state };
  (['t', 'y', 'x'] as const).forEach((axis, i) => {
    const max = shape[i]! - 1;
    if (next[axis] > max) {
      notes.push(`The output has only ${shape[i]} ${['frames', 'rows', 'columns'][i]}; moved the ${axis} position from ${next[axis]} to ${max}.`);
      next[axis] = max;
    }
  });
  return next;
}

export function parseState(pairs: Iterable<[string, string]>, ignoreKeys: readonly string[] = []): { state: Kernel3dState; notes: string[] } {
  const parsed = parseSettings(SETTINGS, pairs, ignoreKeys);
  const notes = [...parsed.notes];
  return { state: clampPosition(parsed.state as unknown as Kernel3dState, notes), notes };
}

export function toQuery(state: Kernel3dState): string {
  return serialiseSettings(SETTINGS, state as unknown as SettingsState).toString();
}

/** A setting changed by a control; the position is kept inside the new output. */
export function withValue<K extends keyof Kernel3dState>(state: Kernel3dState, key: K, value: Kernel3dState[K]): Kernel3dState {
  return clampPosition({ ...state, [key]: value });
}

/** Raster index of the output position: x fastest, then y, then t — the order the kernel steps in. */
export function stepIndex(state: Kernel3dState): number {
  const [, oh, ow] = outputShape(state);
  return (state.t * oh + state.y) * ow + state.x;
}

export function stepCount(state: Kernel3dState): number {
  const [ot, oh, ow] = outputShape(state);
  return ot * oh * ow;
}

/** The position after `delta` steps (wrapping around the output). */
export function step(state: Kernel3dState, delta = 1): Kernel3dState {
  const [, oh, ow] = outputShape(state);
  const count = stepCount(state);
  const index = (((stepIndex(state) + delta) % count) + count) % count;
  return { ...state, t: Math.floor(index / (oh * ow)), y: Math.floor(index / ow) % oh, x: index % ow };
}

export function isLastStep(state: Kernel3dState): boolean {
  return stepIndex(state) === stepCount(state) - 1;
}

export interface Window {
  /** First and last input index covered along T, H, W (may lie in the zero padding: < 0 or ≥ size). */
  t: Pair;
  y: Pair;
  x: Pair;
}

/** The input the kernel covers at the current output position. */
export function inputWindow(state: Kernel3dState): Window {
  const pads = padding(state);
  const span = (o: number, k: number, before: number): Pair => [o * state.stride - before, o * state.stride - before + k - 1];
  return { t: span(state.t, state.kt, pads[0][0]), y: span(state.y, state.kh, pads[1][0]), x: span(state.x, state.kw, pads[2][0]) };
}

/** The frame the 2-D kernel looks at: the middle frame of the 3-D window, kept inside the clip. */
export function frame2d(state: Kernel3dState): number {
  const [first] = inputWindow(state).t;
  return Math.min(CLIP.frames - 1, Math.max(0, first + Math.floor((state.kt - 1) / 2)));
}

/** The clip for the state: T×H×W×C floats in [0, 1], channels last (tfjs layout). */
export function clipFor(state: Pick<Kernel3dState, 'seed' | 'dir'>): { data: Float32Array; shape: [number, number, number, number] } {
  const dataset = motionDirection({ seed: 0, frames: CLIP.frames, size: CLIP.size, classes: 4 });
  const clip = dataset.sample(state.seed, DIRECTIONS.indexOf(state.dir));
  return { data: clip.data, shape: [CLIP.frames, CLIP.size, CLIP.size, CLIP.channels] };
}

/**
 * The kernel's weights, kt×kh×kw×3×1 (tfjs layout, one output channel):
 * - motion: −1 on the first frame, +1 on the last, 0 between, divided by kh·kw·3, so
 *   the output is the change in local mean brightness across the window (0 when kt = 1);
 * - average: every weight 1/(kt·kh·kw·3);
 * - random: fixed pseudo-random values in [−1, 1) divided by √(kt·kh·kw·3).
 */
export function kernelWeights(state: Pick<Kernel3dState, 'kernel' | 'kt' | 'kh' | 'kw'>): Float32Array {
  const { kt, kh, kw } = state;
  const perFrame = kh * kw * CLIP.channels;
  const n = kt * perFrame;
  if (state.kernel === 'random') {
    const values = seededValues(n, RANDOM_KERNEL_SEED);
    const scale = 1 / Math.sqrt(n);
    return values.map((v) => v * scale);
  }
  const weights = new Float32Array(n);
  if (state.kernel === 'average') return weights.fill(1 / n);
  if (kt >= 2) {
    weights.fill(-1 / perFrame, 0, perFrame);
    weights.fill(1 / perFrame, (kt - 1) * perFrame, n);
  }
  return weights;
}

/** The 2-D partner: the 3-D kernel's weights summed over time, kh×kw×3×1 — what it computes on a clip that does not move. */
export function kernelWeights2d(state: Pick<Kernel3dState, 'kernel' | 'kt' | 'kh' | 'kw'>): Float32Array {
  const full = kernelWeights(state);
  const perFrame = state.kh * state.kw * CLIP.channels;
  const out = new Float32Array(perFrame);
  for (let dt = 0; dt < state.kt; dt++) for (let i = 0; i < perFrame; i++) out[i]! += full[dt * perFrame + i]!;
  return out;
}

/** The settings the output volumes depend on (not the position), as one string. */
export function outputsKey(state: Pick<Kernel3dState, 'seed' | 'dir' | 'kernel' | 'kt' | 'kh' | 'kw' | 'stride' | 'pad'>): string {
  return [state.seed, state.dir, state.kernel, state.kt, state.kh, state.kw, state.stride, state.pad].join('|');
}

/** Output volumes as the views use them: the 3-D one T'×H'×W', the 2-D one T×H'×W' (one map per frame). */
export interface Outputs {
  shape3d: [number, number, number];
  values3d: Float32Array;
  shape2d: [number, number, number];
  values2d: Float32Array;
}

/** The 3-D output value at the state's position. */
export function value3d(state: Kernel3dState, outputs: Outputs): number {
  const [, oh, ow] = outputs.shape3d;
  return outputs.values3d[(state.t * oh + state.y) * ow + state.x]!;
}

/** The 2-D kernel's value on frame2d(state) at the same output row and column. */
export function value2d(state: Kernel3dState, outputs: Outputs): number {
  const [, oh, ow] = outputs.shape2d;
  return outputs.values2d[(frame2d(state) * oh + state.y) * ow + state.x]!;
}

/** Output values as shown: three decimals, and never "−0.000". */
export function formatValue(value: number): string {
  const text = value.toFixed(3);
  return /^-0\.0+$/.test(text) ? text.slice(1) : text.replace('-', '−');
}

/** "2–4", or "−1 to 1" when a bound is negative (a dash would read as a minus). */
const minus = (n: number) => (n < 0 ? `−${-n}` : `${n}`);
const range = ([a, b]: Pair) => (a === b ? minus(a) : a < 0 ? `${minus(a)} to ${b}` : `${a}–${b}`);

/** "frames 0–2" with the part in the zero padding said in words. */
export function describeSpan(word: string, span: Pair, size: number): string {
  const outside = span[0] < 0 || span[1] >= size;
  return `${word} ${range(span)}${outside ? ' (partly zero padding)' : ''}`;
}

/** Where the kernel is and what it covers, in words. */
export function describePosition(state: Kernel3dState): string {
  const w = inputWindow(state);
  return (
    `output t = ${state.t}, y = ${state.y}, x = ${state.x}; the ${state.kt}×${state.kh}×${state.kw} kernel covers ` +
    `${describeSpan('frames', w.t, CLIP.frames)}, ${describeSpan('rows', w.y, CLIP.size)} and ${describeSpan('columns', w.x, CLIP.size)}`
  );
}

/** The text alternative: the clip, the kernel, the position and (once computed) both values. */
export function describe(state: Kernel3dState, outputs?: Outputs): string {
  const [ot, oh, ow] = outputShape(state);
  const [, h2, w2] = outputShape2d(state);
  const clip = `A clip of ${CLIP.frames} RGB frames of ${CLIP.size}×${CLIP.size} pixels, a bar moving ${state.dir}`;
  const kernel = `${KERNEL_LABELS[state.kernel].toLowerCase()} kernel, stride ${state.stride}, ${state.pad} padding`;
  const where = describePosition(state);
  const values = outputs
    ? `The 3-D convolution writes ${formatValue(value3d(state, outputs))} there. The 2-D ${state.kh}×${state.kw} kernel on frame ${frame2d(state)} alone writes ${formatValue(value2d(state, outputs))} at the same row and column.`
    : 'The output values appear once TensorFlow.js has computed them.';
  return (
    `${clip}; ${kernel}. At ${where}. ${values} ` +
    `The 3-D output is ${ot}×${oh}×${ow} (T×H×W): it keeps a time axis. The 2-D kernel gives one ${h2}×${w2} map per frame and never compares frames.`
  );
}
