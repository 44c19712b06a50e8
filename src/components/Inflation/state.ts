/**
 * State of the inflation demo (chapter 5): the clip seed (its test clip 0 is
 * the demo clip, its first `clips` test clips the accuracy batch), which frame
 * the static clip repeats, and the batch size. Pure and URL-serialisable; the
 * sentences that state the results live here too.
 */
import { defaultsOf, parseSettings, serialiseSettings, type Setting, type SettingsState } from '../shared/settings';
import { findTrainable } from '../../lib/video-nn/training/registry';

/** The models the demo loads: the 2-D parent and the shipped fine-tuned inflation of it. */
export const MODEL_2D = 'motion4_single_frame';
export const MODEL_I3D = 'motion4_i3d';

/** Frames in the models' clips (the registry's input shape), so the slider's range comes from the spec. */
export const FRAMES = findTrainable(MODEL_2D)?.spec().defaultInput.frames ?? 0;
export const CLIP_COUNTS = [32, 64, 128, 256] as const;

export const SETTINGS = [
  { kind: 'number', key: 'seed', label: 'Clip seed', min: 0, max: 2 ** 32 - 1, integer: true, default: 1 },
  // 1-based, as a reader counts frames; the middle frame (⌊T/2⌋, 0-based) by default.
  { kind: 'number', key: 'frame', label: 'Repeated frame', min: 1, max: FRAMES, integer: true, default: Math.floor(FRAMES / 2) + 1 },
  { kind: 'choice', key: 'clips', label: 'Clips', choices: CLIP_COUNTS, default: 64 },
] as const satisfies readonly Setting[];

export interface InflationState {
  seed: number;
  frame: number;
  clips: (typeof CLIP_COUNTS)[number];
}

export const DEFAULT_STATE = defaultsOf(SETTINGS) as unknown as InflationState;
export const KEYS = SETTINGS.map((s) => s.key);

export function parseState(pairs: Iterable<[string, string]>, ignoreKeys: readonly string[] = []): { state: InflationState; notes: string[] } {
  const { state, notes } = parseSettings(SETTINGS, pairs, ignoreKeys);
  return { state: state as unknown as InflationState, notes };
}

export function toQuery(state: InflationState): string {
  return serialiseSettings(SETTINGS, state as unknown as SettingsState).toString();
}

/** The tolerance for "the same output" in float32 arithmetic. */
export const STATIC_TOLERANCE = 1e-5;

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };

/** 2.4e-7 → "2.4 × 10⁻⁷"; 0 → "0"; 0.8312 → "0.831". */
export function formatDifference(x: number): string {
  if (x === 0) return '0';
  if (Math.abs(x) >= 1e-3) return x.toPrecision(3);
  const [mantissa, exponent] = x.toExponential(1).split('e') as [string, string];
  const power = String(Number(exponent)).replace(/./g, (c) => SUPERSCRIPT[c] ?? c);
  return `${mantissa} × 10${power}`;
}

/** What the static clip's difference means, given the backend's float precision (32 or 16 bits). */
export function staticVerdict(difference: number, floatBits: number): string {
  if (difference <= STATIC_TOLERANCE) return 'the same output, up to float32 rounding';
  if (floatBits < 32) return `larger than 10⁻⁵ because this device computes in ${floatBits}-bit floats; still equal to within its precision`;
  return 'larger than float32 rounding explains: the inflated model does not reproduce its parent here';
}

export interface ComparisonSummary {
  maxAbsDifference: number;
  predicted2d: string;
  predictedInflated: string;
}

export interface AccuracySummary {
  /** How the model is named inside a sentence. */
  label: string;
  correct: number;
  count: number;
}

const pct = (p: number) => `${(p * 100).toFixed(1)}%`;

/** The text alternative: the clip, both comparisons and the batch accuracies, with their numbers. */
export function describeResults(
  state: InflationState,
  staticClip: ComparisonSummary,
  moving: ComparisonSummary,
  accuracies: readonly AccuracySummary[],
  chance: number,
): string {
  const head =
    `Static clip (frame ${state.frame} of the clip from seed ${state.seed}, repeated ${FRAMES} times): the 2-D model and its inflation both answer ${staticClip.predicted2d === staticClip.predictedInflated ? staticClip.predicted2d : `${staticClip.predicted2d} and ${staticClip.predictedInflated}`}; ` +
    `their outputs differ by at most ${formatDifference(staticClip.maxAbsDifference)}. ` +
    `Moving clip: the 2-D model answers ${moving.predicted2d}, the inflated model ${moving.predictedInflated}; the outputs differ by up to ${formatDifference(moving.maxAbsDifference)}.`;
  if (accuracies.length === 0) return head;
  const parts = accuracies.map((a) => `${a.label} ${pct(a.correct / a.count)} (${a.correct} of ${a.count})`);
  const last = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0];
  return `${head} On ${accuracies[0]!.count} fresh clips (chance ${pct(chance)}): ${last}.`;
}
