/**
 * State of the fusion-weight figure (chapter 3): which trained two-stream
 * network (a pair of shipped models), which generated clip (class and seed) and
 * the spatial weight w of late fusion, p = w·p_spatial + (1 − w)·p_temporal.
 * Pure and URL-serialisable, with the sentences that state the figure's
 * numbers. No DOM, no tfjs.
 */
import { echo, parseSettings, serialiseSettings, type Setting, type SettingsState } from '../shared/settings';
import { MOTION_DIRECTION_CLASSES } from '../../lib/video-nn/data/motionDirection';
import { SOMETHING_LITE_CLASSES } from '../../lib/video-nn/data/somethingLite';
import { argmax, percent } from '../ModelRunner/state';

/**
 * The two-stream networks the figure can show, each as its two shipped models
 * (docs/decisions.md, 17). The page offers those whose weights the build ships
 * (TwoStream.astro checks), so adding a network is one entry here.
 */
export const PAIRS = [
  { id: 'motion4', label: 'Motion direction (4 ways)', spatial: 'motion4_spatial', temporal: 'motion4_temporal', classes: MOTION_DIRECTION_CLASSES[4], defaultMotion: 'up' },
  { id: 'ss', label: 'Something-Something-lite', spatial: 'ss_spatial', temporal: 'ss_temporal', classes: SOMETHING_LITE_CLASSES, defaultMotion: 'rotate-clockwise' },
] as const;
export type PairId = (typeof PAIRS)[number]['id'];
export type Pair = (typeof PAIRS)[number];
export const PAIR_IDS = PAIRS.map((p) => p.id) as PairId[];
export const pairById = (id: PairId): Pair => PAIRS.find((p) => p.id === id)!;

/** The fusion sweep's step: the weights the training sweep recorded, so every w on the slider has a measured test accuracy. */
export const WEIGHT_STEP = 0.05;

export interface TwoStreamState {
  pair: PairId;
  /** The class as a URL-friendly name ("up", "move-left"). */
  motion: string;
  seed: number;
  /** The spatial stream's weight w ∈ [0, 1], a multiple of WEIGHT_STEP. */
  w: number;
}

export const KEYS = ['pair', 'motion', 'seed', 'w'] as const;

const settingsFor = (available: readonly PairId[]) =>
  [
    { kind: 'choice', key: 'pair', label: 'Network', choices: available, default: available[0]! },
    { kind: 'number', key: 'seed', label: 'Clip seed', min: 0, max: 2 ** 32 - 1, integer: true, default: 1 },
    { kind: 'number', key: 'w', label: 'Spatial weight', min: 0, max: 1, integer: false, default: 0.5 },
  ] as const satisfies readonly Setting[];

export const classSlug = (name: string): string => name.replace(/\s+/g, '-');
export const classSlugs = (pair: PairId): string[] => pairById(pair).classes.map(classSlug);
export const classIndex = (state: Pick<TwoStreamState, 'pair' | 'motion'>): number => classSlugs(state.pair).indexOf(state.motion);

/** w rounded to the sweep's step (and clear of float noise: 0.35, not 0.35000000000000003). */
export const snapWeight = (w: number): number => Number((Math.round(w / WEIGHT_STEP) * WEIGHT_STEP).toFixed(2));

export function defaultState(available: readonly PairId[] = PAIR_IDS): TwoStreamState {
  const pair = available[0] ?? PAIR_IDS[0]!;
  return { pair, motion: pairById(pair).defaultMotion, seed: 1, w: 0.5 };
}

/**
 * Reads state from string pairs (attributes or an embed query). `available` are
 * the networks this page ships; the class is checked against the chosen
 * network's classes; w is rounded to the sweep's step, with a note if it moved.
 */
export function parseState(pairs: Iterable<[string, string]>, ignoreKeys: readonly string[] = [], available: readonly PairId[] = PAIR_IDS): { state: TwoStreamState; notes: string[] } {
  const list = [...pairs];
  const usable = available.length ? available : PAIR_IDS;
  const parsed = parseSettings(settingsFor(usable), list.filter(([k]) => k !== 'motion'), ignoreKeys);
  const base = parsed.state as unknown as Omit<TwoStreamState, 'motion'>;
  const notes = [...parsed.notes];
  const raw = list.find(([k]) => k === 'motion')?.[1];
  let motion: string = pairById(base.pair).defaultMotion;
  if (raw !== undefined) {
    if (classSlugs(base.pair).includes(raw.trim())) motion = raw.trim();
    else notes.push(`Ignored motion “${echo(raw)}”: expected one of ${classSlugs(base.pair).join(', ')}. Using ${motion}.`);
  }
  const w = snapWeight(base.w);
  if (Math.abs(w - base.w) > 1e-9) notes.push(`Rounded the spatial weight ${base.w} to ${w}, a multiple of ${WEIGHT_STEP}.`);
  return { state: { ...base, motion, w }, notes };
}

export function toQuery(state: TwoStreamState, available: readonly PairId[] = PAIR_IDS): string {
  const params = serialiseSettings(settingsFor(available.length ? available : PAIR_IDS), state as unknown as SettingsState);
  if (state.motion !== pairById(state.pair).defaultMotion) params.set('motion', state.motion);
  // Keep the order of KEYS: pair, motion, seed, w.
  const ordered = new URLSearchParams();
  for (const k of KEYS) if (params.has(k)) ordered.set(k, params.get(k)!);
  return ordered.toString();
}

/** The state after choosing another network: its default class, everything else kept. */
export function withPair(state: TwoStreamState, pair: PairId): TwoStreamState {
  return { ...state, pair, motion: pair === state.pair ? state.motion : pairById(pair).defaultMotion };
}

export interface SweepPoint {
  weightSpatial: number;
  accuracy: number;
}

/** The recorded accuracy at w (the sweep holds every multiple of the step), or undefined. */
export function sweepAt(sweep: readonly SweepPoint[], w: number): number | undefined {
  return sweep.find((p) => Math.abs(p.weightSpatial - w) < 1e-6)?.accuracy;
}

/** "w = 0.35 on the spatial stream, 0.65 on the temporal". */
export const weightText = (w: number): string => `w = ${w.toFixed(2)} on the spatial stream, ${(1 - w).toFixed(2)} on the temporal`;

/** "up 61.3% — correct" for a probability list. */
export function verdict(classes: readonly string[], p: ArrayLike<number>, label: number): string {
  const top = argmax(p);
  return `${classes[top]} ${percent(p[top]!)} — ${top === label ? 'correct' : 'wrong'}`;
}

export interface FusionRecord {
  count: number;
  spatial: number;
  temporal: number;
  fused: number;
  weightSpatial: number;
  sweep: readonly SweepPoint[];
}

/** The sentence about the recorded test sweep at the current w and at the weight chosen on validation. */
export function describeSweep(record: FusionRecord, w: number): string {
  const at = sweepAt(record.sweep, w);
  const here = at === undefined ? '' : `, fused at w = ${w.toFixed(2)} ${percent(at)}`;
  return (
    `On the ${record.count} test clips recorded at training: temporal stream alone (w = 0) ${percent(record.temporal)}, ` +
    `spatial stream alone (w = 1) ${percent(record.spatial)}${here}; ` +
    `the weight chosen on the validation clips, w = ${record.weightSpatial.toFixed(2)}, gives ${percent(record.fused)}.`
  );
}

/** The text alternative for one clip: the three outputs with their numbers and the truth. */
export function describeOutputs(o: { classes: readonly string[]; label: number; seed: number; network: string; spatial: ArrayLike<number>; temporal: ArrayLike<number>; fused: ArrayLike<number>; w: number }): string {
  const list = (p: ArrayLike<number>) => o.classes.map((c, i) => `${c} ${percent(p[i]!)}`).join(', ');
  return (
    `${o.network}, a clip of “${o.classes[o.label]}” from seed ${o.seed}. ` +
    `Spatial stream, on the middle frame: ${list(o.spatial)}; it answers ${verdict(o.classes, o.spatial, o.label)}. ` +
    `Temporal stream, on the stacked flow: ${list(o.temporal)}; it answers ${verdict(o.classes, o.temporal, o.label)}. ` +
    `Fused with ${weightText(o.w)}: ${list(o.fused)}; it answers ${verdict(o.classes, o.fused, o.label)}.`
  );
}
