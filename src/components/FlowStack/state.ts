/**
 * State of the flow-stacking figure (chapter 3): which generated clip (dataset,
 * class, seed) and how many flow fields L are stacked into the temporal
 * stream's 2L input channels. Pure and URL-serialisable; also the pure parts of
 * the picture — which channels of the clip's full flow stack make up the stack
 * for L, the diverging colour map of a u or v channel, and the sentence that
 * states what is shown. No DOM, no tfjs.
 */
import { defaultsOf, echo, parseSettings, serialiseSettings, type Setting, type SettingsState } from '../shared/settings';
import { MOTION_DIRECTION_CLASSES } from '../../lib/video-nn/data/motionDirection';
import { SOMETHING_LITE_CLASSES } from '../../lib/video-nn/data/somethingLite';
import { flowPairs } from '../../lib/video-nn/data/streams';
import type { FlowField } from '../../lib/video-nn/flow/field';
import type { FlowSummary } from '../../lib/video-nn/flow/summary';

/**
 * The two datasets the book's two-stream networks are trained on, each with the
 * registry id of its temporal stream: the clip comes from that entry's dataset
 * and the flow uses that entry's flow options, so the figure shows exactly what
 * the trained temporal stream sees.
 */
export const DATASETS = {
  motion4: { label: 'Motion direction (4 ways)', classes: MOTION_DIRECTION_CLASSES[4], temporalModel: 'motion4_temporal' },
  something: { label: 'Something-Something-lite', classes: SOMETHING_LITE_CLASSES, temporalModel: 'ss_temporal' },
} as const;
export type DatasetId = keyof typeof DATASETS;
export const DATASET_IDS = Object.keys(DATASETS) as DatasetId[];

/** Frames per clip in both datasets (a unit test holds this to the registry): at most FRAMES − 1 flow fields. */
export const FRAMES = 8;
export const MAX_FLOWS = FRAMES - 1;

export const SETTINGS = [
  { kind: 'choice', key: 'data', label: 'Dataset', choices: DATASET_IDS, default: 'motion4' },
  { kind: 'number', key: 'seed', label: 'Clip seed', min: 0, max: 2 ** 32 - 1, integer: true, default: 1 },
  { kind: 'number', key: 'flows', label: 'Number of flow fields', min: 1, max: MAX_FLOWS, integer: true, default: 3 },
] as const satisfies readonly Setting[];

export interface FlowStackState {
  data: DatasetId;
  /** The class as a URL-friendly name ("up", "move-left"; see classSlug). Not `class`, which HTML keeps for CSS. */
  motion: string;
  seed: number;
  flows: number;
}

export const KEYS = ['data', 'motion', 'seed', 'flows'] as const;

/** "move left" → "move-left". */
export const classSlug = (name: string): string => name.replace(/\s+/g, '-');
export const classSlugs = (data: DatasetId): string[] => DATASETS[data].classes.map(classSlug);
export const classIndex = (state: Pick<FlowStackState, 'data' | 'motion'>): number => classSlugs(state.data).indexOf(state.motion);
export const className = (state: Pick<FlowStackState, 'data' | 'motion'>): string => DATASETS[state.data].classes[classIndex(state)] ?? state.motion;

/** Default class per dataset: a sideways slide for the bar (its flow stays near the bar, mostly in u), a move up for the objects. */
const DEFAULT_CLASS: Record<DatasetId, string> = { motion4: 'right', something: 'move-up' };

export const DEFAULT_STATE: FlowStackState = { ...(defaultsOf(SETTINGS) as unknown as Omit<FlowStackState, 'motion'>), motion: DEFAULT_CLASS.motion4 };

/**
 * Reads state from string pairs (attributes or an embed query). The class is
 * checked against the chosen dataset's classes; a bad one falls back to that
 * dataset's default class with a note.
 */
export function parseState(pairs: Iterable<[string, string]>, ignoreKeys: readonly string[] = []): { state: FlowStackState; notes: string[] } {
  const list = [...pairs];
  const parsed = parseSettings(SETTINGS, list.filter(([k]) => k !== 'motion'), ignoreKeys);
  const base = parsed.state as unknown as Omit<FlowStackState, 'motion'>;
  const notes = [...parsed.notes];
  const raw = list.find(([k]) => k === 'motion')?.[1];
  let cls = DEFAULT_CLASS[base.data];
  if (raw !== undefined) {
    if (classSlugs(base.data).includes(raw.trim())) cls = raw.trim();
    else notes.push(`Ignored motion “${echo(raw)}”: expected one of ${classSlugs(base.data).join(', ')}. Using ${cls}.`);
  }
  return { state: { ...base, motion: cls }, notes };
}

/** The query for a state: only values that differ from the defaults (the class: from its dataset's default). */
export function toQuery(state: FlowStackState): string {
  const params = serialiseSettings(SETTINGS, state as unknown as SettingsState);
  if (state.motion !== DEFAULT_CLASS[state.data]) params.set('motion', state.motion);
  return params.toString();
}

/** The state after choosing another dataset: its default class, everything else kept. */
export function withDataset(state: FlowStackState, data: DatasetId): FlowStackState {
  return { ...state, data, motion: data === state.data ? state.motion : DEFAULT_CLASS[data] };
}

/** The frame pairs (a, a + 1) whose flows are stacked for L (the library's flowPairs, centred on the middle frame). */
export const pairsFor = (flows: number): [number, number][] => flowPairs(FRAMES, flows);

/**
 * The H×W×2L stack for L, taken from the H×W×2(T−1) stack of every consecutive
 * pair: the flow of pair (a, a + 1) is channels 2a and 2a + 1 there, and the
 * same flow whatever L is, so picking channels gives what the library's
 * clipFlowStack computes for L (an end-to-end test checks this).
 */
export function stackForFlows(full: Float32Array, pixels: number, flows: number): Float32Array {
  const allChannels = 2 * MAX_FLOWS;
  if (full.length !== pixels * allChannels) throw new Error(`stackForFlows: expected ${pixels}×${allChannels} values, got ${full.length}`);
  const pairs = pairsFor(flows);
  const channels = 2 * flows;
  const out = new Float32Array(pixels * channels);
  for (let p = 0; p < pixels; p++) {
    pairs.forEach(([a], k) => {
      out[p * channels + 2 * k] = full[p * allChannels + 2 * a]!;
      out[p * channels + 2 * k + 1] = full[p * allChannels + 2 * a + 1]!;
    });
  }
  return out;
}

/** Flow k of an H×W×2L stack as a field (u, v interleaved). */
export function flowOfStack(stack: Float32Array, height: number, width: number, k: number): FlowField {
  const pixels = height * width;
  const channels = stack.length / pixels;
  if (!Number.isInteger(channels) || channels % 2 !== 0 || k < 0 || 2 * k + 1 >= channels) throw new Error(`flowOfStack: no flow ${k} in a stack of ${channels} channels`);
  const data = new Float32Array(2 * pixels);
  for (let p = 0; p < pixels; p++) {
    data[2 * p] = stack[p * channels + 2 * k]!;
    data[2 * p + 1] = stack[p * channels + 2 * k + 1]!;
  }
  return { width, height, data };
}

/** |(u, v)| of every flow vector in an H×W×2L stack (u and v sit side by side). */
export function stackMagnitudes(stack: Float32Array): Float32Array {
  const out = new Float32Array(stack.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Math.hypot(stack[2 * i]!, stack[2 * i + 1]!);
  return out;
}

/** Channel c of an H×W×C stack, as H×W values. */
export function channelOf(stack: Float32Array, pixels: number, c: number): Float32Array {
  const channels = stack.length / pixels;
  const out = new Float32Array(pixels);
  for (let p = 0; p < pixels; p++) out[p] = stack[p * channels + c]!;
  return out;
}

/** "channel 2k: u of flow k" / "channel 2k + 1: v of flow k" (counting from 0, as the tensor does). */
export function channelLabel(c: number): string {
  const k = Math.floor(c / 2);
  return `channel ${c}: ${c % 2 === 0 ? 'u' : 'v'} of flow ${k}`;
}

const NICE = [0.25, 0.5, 1, 2, 3, 5, 10, 20, 50];

/**
 * The colour scale, pixels per frame: the value below which `quantile` of all
 * |values| fall, rounded up to a round number, so that one stray large vector
 * does not wash the rest out (larger values saturate). Computed on the clip's
 * full stack, so the colours do not change as L does.
 */
export function colourScale(values: ArrayLike<number>, quantile = 0.98): number {
  const mags = Float32Array.from(values, Math.abs).sort();
  const q = mags.length ? mags[Math.max(0, Math.ceil(quantile * mags.length) - 1)]! : 0;
  return NICE.find((n) => n >= q) ?? NICE.at(-1)!;
}

/** ColorBrewer's RdBu, blue for negative, near-white for zero, red for positive (readable with red–green colour blindness). */
const ANCHORS: readonly [number, number, number][] = [
  [33, 102, 172],
  [103, 169, 207],
  [209, 229, 240],
  [247, 247, 247],
  [253, 219, 199],
  [239, 138, 98],
  [178, 24, 43],
];

/** The colour of a value on the diverging map from −scale (blue) through 0 (white) to +scale (red); beyond ±scale it saturates. */
export function divergingColour(value: number, scale: number): [number, number, number] {
  const t = Math.max(-1, Math.min(1, value / scale));
  const x = ((t + 1) / 2) * (ANCHORS.length - 1);
  const i = Math.min(ANCHORS.length - 2, Math.floor(x));
  const f = x - i;
  const a = ANCHORS[i]!;
  const b = ANCHORS[i + 1]!;
  return [0, 1, 2].map((c) => Math.round(a[c]! + f * (b[c]! - a[c]!))) as [number, number, number];
}

/** RGBA pixels of one channel on the diverging map. */
export function channelRgba(values: Float32Array, scale: number): Uint8ClampedArray {
  const out = new Uint8ClampedArray(values.length * 4);
  values.forEach((v, p) => {
    out.set(divergingColour(v, scale), 4 * p);
    out[4 * p + 3] = 255;
  });
  return out;
}

const signed = (v: number, digits = 2) => `${v < 0 ? '−' : ''}${Math.abs(v).toFixed(digits)}`;

/** "(−0.15, 1.02)". */
export const formatVector = (u: number, v: number): string => `(${signed(u)}, ${signed(v)})`;

/** The text alternative: the clip, L, 2L, the frame pairs and each flow's mean motion. */
export function describe(state: FlowStackState, height: number, width: number, summaries: readonly FlowSummary[]): string {
  const L = state.flows;
  const pairs = pairsFor(L);
  const flows = summaries.map((s, k) => `flow ${k} (frames ${pairs[k]![0]}→${pairs[k]![1]}) ${formatVector(s.meanU, s.meanV)}`);
  return (
    `A clip of class “${className(state)}” (${DATASETS[state.data].label}, seed ${state.seed}). ` +
    `L = ${L} flow field${L === 1 ? '' : 's'} between consecutive frames, counted from 0, are stacked into 2L = ${2 * L} channels: ` +
    `the temporal stream's input is ${height}×${width}×${2 * L}. ` +
    `Mean motion (u, v) in pixels per frame, u to the right and v downwards: ${flows.join('; ')}.`
  );
}
