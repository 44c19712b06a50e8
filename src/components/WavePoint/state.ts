/**
 * State of the waving-vs-pointing figure: the seed of the performance and the
 * frame on screen (1-based, as a reader counts). Pure: the clips come from the
 * library's stick-figure generator (one seed, two actions: the same person in
 * the same scene), the sentences from the numbers the element computes.
 */
import { defaultsOf, parseSettings, serialiseSettings, type Setting, type SettingsState } from '../shared/settings';
import { middleFrame, type KeypointClip } from '../../lib/video-nn/data';
import { POSE_CLASSES, POSE_FRAMES, poseClip } from '../shared/poseScores';
import { argmax, percent } from '../ModelRunner/state';

export const WAVE = POSE_CLASSES.indexOf('wave');
export const POINT = POSE_CLASSES.indexOf('point');
/** The middle frame, 1-based: where waving and pointing share their pose. */
export const MIDDLE = middleFrame(POSE_FRAMES) + 1;

export const SETTINGS = [
  { kind: 'number', key: 'seed', label: 'Performance seed', min: 0, max: 2 ** 32 - 1, integer: true, default: 1 },
  { kind: 'number', key: 'frame', label: 'Frame', min: 1, max: POSE_FRAMES, integer: true, default: MIDDLE },
] as const satisfies readonly Setting[];

export const KEYS = SETTINGS.map((s) => s.key);

export interface WavePointState {
  seed: number;
  /** 1 … 16. */
  frame: number;
}

export const DEFAULT_STATE = defaultsOf(SETTINGS) as unknown as WavePointState;

export function parseState(pairs: Iterable<[string, string]>, ignoreKeys: readonly string[] = []): { state: WavePointState; notes: string[] } {
  const { state, notes } = parseSettings(SETTINGS, pairs, ignoreKeys);
  return { state: state as unknown as WavePointState, notes };
}

export function toQuery(state: WavePointState): string {
  return serialiseSettings(SETTINGS, state as unknown as SettingsState).toString();
}

export interface Pair {
  wave: KeypointClip;
  point: KeypointClip;
}

/** The two performances of one seed: waving and pointing by the same figure in the same scene. */
export function pairOf(seed: number): Pair {
  return { wave: poseClip(seed, WAVE), point: poseClip(seed, POINT) };
}

/** The largest difference between any two values of frame `t` (0-based) of two T×H×W×C clips. */
export function frameDifference(a: Float32Array, b: Float32Array, t: number, frameSize: number): number {
  let max = 0;
  for (let i = t * frameSize; i < (t + 1) * frameSize; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

/** The models' answers for one pair: the single-frame model per frame, the temporal model per clip. */
export interface PairScores {
  /** perFrame[t]: the single-frame model's probabilities for frame t alone. */
  single: { wave: Float32Array[]; point: Float32Array[] };
  temporal: { wave: Float32Array; point: Float32Array };
  backend: string;
}

/** "wave 94.1%": the top class of a probability list. */
export function topAnswer(probabilities: ArrayLike<number>): string {
  const k = argmax(probabilities);
  return `${POSE_CLASSES[k]} ${percent(probabilities[k]!)}`;
}

/** The figure's text alternative, with every number it shows. */
export function describe(state: WavePointState, difference: number, scores?: PairScores): string {
  const middle = state.frame === MIDDLE;
  const where = middle ? `Frame ${state.frame} of ${POSE_FRAMES}, the middle frame` : `Frame ${state.frame} of ${POSE_FRAMES}`;
  const same = difference === 0 ? 'the waving and the pointing figure are identical here' : `the two figures differ here (largest pixel difference ${difference.toFixed(3)})`;
  const parts = [`${where}: ${same}.`];
  if (scores) {
    const w = scores.single.wave[state.frame - 1]!;
    const p = scores.single.point[state.frame - 1]!;
    const alike = w.every((v, i) => v === p[i]);
    parts.push(
      alike
        ? `Shown only this frame, the single-frame pose model gives both the same answer: ${topAnswer(w)} (point ${percent(w[POINT]!)}).`
        : `Shown only this frame, the single-frame pose model answers ${topAnswer(w)} for waving and ${topAnswer(p)} for pointing.`,
    );
    parts.push(`Shown all ${POSE_FRAMES} frames, the temporal model answers ${topAnswer(scores.temporal.wave)} for waving and ${topAnswer(scores.temporal.point)} for pointing.`);
  }
  return parts.join(' ');
}
