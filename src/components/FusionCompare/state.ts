/**
 * State of the fusion widget: which fusion kind, which network (the chapter's
 * worked example or the trained tiny model), and the batch of fresh clips the
 * trained models are measured on. Pure, validated, URL-serialisable; the
 * sentences that state what the widget shows live here too.
 */
import { defaultsOf, parseSettings, serialiseSettings, type Setting, type SettingsState } from '../shared/settings';
import type { FusionKind } from '../../lib/video-nn/spec/teaching';
import { FUSION_KINDS, KIND_LABEL, NETWORKS, TRAINED_MODEL, fusionTable, type FusionTable, type Network } from './fusionAnalysis';

export const CLIP_COUNTS = [32, 64, 128, 256] as const;

export const SETTINGS = [
  { kind: 'choice', key: 'fusion', label: 'Fusion', choices: FUSION_KINDS, default: 'late' },
  { kind: 'choice', key: 'net', label: 'Network', choices: NETWORKS, default: 'example' },
  // Any 32-bit seed: the generators use `seed >>> 0`.
  { kind: 'number', key: 'seed', label: 'Batch seed', min: 0, max: 2 ** 32 - 1, integer: true, default: 1 },
  { kind: 'choice', key: 'clips', label: 'Clips', choices: CLIP_COUNTS, default: 64 },
] as const satisfies readonly Setting[];

export interface FusionState {
  fusion: FusionKind;
  net: Network;
  seed: number;
  clips: (typeof CLIP_COUNTS)[number];
}

export const DEFAULT_STATE = defaultsOf(SETTINGS) as unknown as FusionState;
export const KEYS = SETTINGS.map((s) => s.key);

/** Reads state from attributes or an embed query; never throws, bad values fall back with a note. */
export function parseState(pairs: Iterable<[string, string]>, ignoreKeys: readonly string[] = []): { state: FusionState; notes: string[] } {
  const { state, notes } = parseSettings(SETTINGS, pairs, ignoreKeys);
  return { state: state as unknown as FusionState, notes };
}

export function toQuery(state: FusionState): string {
  return serialiseSettings(SETTINGS, state as unknown as SettingsState).toString();
}

export const NETWORK_LABEL: Record<Network, string> = {
  example: 'Worked example, 3×20×64×64',
  trained: 'Trained model, 3×8×32×32',
};

/** One line per kind: where its frames meet. */
export const KIND_SUMMARY: Record<FusionKind, string> = {
  single: 'A 2-D network looks at one frame at a time. The trained model averages its answers over the frames, an average that cannot tell their order.',
  late: 'The same 2-D network runs on every frame; the frames’ feature maps meet only at the classifier.',
  early: 'The first convolution spans every frame at once; after it, time is gone and the rest is 2-D.',
  slow: '3-D convolutions and pools mix a few neighbouring frames at every layer, so time is merged step by step.',
};

const list = (values: readonly (number | string)[]) =>
  values.length <= 1 ? values.join('') : `${values.slice(0, -1).join(', ')} and ${values.at(-1)}`;

/** What the diagram and table show, in one paragraph: the widget's text alternative. */
export function describe(state: FusionState, table: FusionTable = fusionTable(state.fusion, state.net)): string {
  const input = table.spec.defaultInput;
  const shape = `${input.channels}×${input.frames}×${input.height}×${input.width}`;
  const names = table.rows.map((r) => r.name);
  const where =
    table.meetsAt === undefined
      ? 'No layer sees more than one frame.'
      : `Frames first meet at ${table.rows[table.meetsAt]!.name} (${table.rows[table.meetsAt]!.what}).`;
  return (
    `${KIND_LABEL[state.fusion]} on ${state.net === 'example' ? 'the worked example' : `the trained model ${TRAINED_MODEL[state.fusion]}`}, input ${shape} (C×T×H×W): ` +
    `after ${list(names)}, the temporal receptive field is ${list(table.rows.map((r) => r.temporal))} frames ` +
    `and the spatial one ${list(table.rows.map((r) => r.spatial))} pixels. ${where}`
  );
}

/** One model's result on the fresh batch. */
export interface MeasuredAccuracy {
  kind: FusionKind;
  correct: number;
  count: number;
  /** The manifest's held-out accuracy and how many clips it was measured on. */
  heldOut: number;
  heldOutCount: number;
}

export const percent = (p: number, digits = 1) => `${(p * 100).toFixed(digits)}%`;

/** "On 64 fresh clips from seed 1 (chance 25.0%): single frame 28.1% (held out 29.5%), …". */
export function describeAccuracy(seed: number, results: readonly MeasuredAccuracy[], chance: number): string {
  if (results.length === 0) return '';
  const parts = results.map(
    (r) => `${KIND_LABEL[r.kind].toLowerCase()} ${percent(r.correct / r.count)} (${r.correct} of ${r.count}; held out ${percent(r.heldOut)})`,
  );
  return `On ${results[0]!.count} fresh clips of 4-way motion direction from seed ${seed} (chance ${percent(chance)}): ${list(parts)}.`;
}
