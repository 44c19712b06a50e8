/**
 * State and arithmetic of the per-frame flicker figure: which stick-figure
 * performance (seed and action) and the frame under the cursor (1-based). The
 * per-frame probabilities come from the trained single-frame pose model (the
 * element runs it); everything said about them — the top class per frame, how
 * often it changes, the clip average, which lines to draw — is computed here.
 */
import { echo, parseSettings, serialiseSettings, type Setting, type SettingsState } from '../shared/settings';
import { middleFrame, type KeypointClip } from '../../lib/video-nn/data';
import type { Analysis } from '../../lib/video-nn/analysis/analyze';
import { POSE_CLASSES, POSE_FRAMES, meanRows, poseClip } from '../shared/poseScores';
import { argmax, percent } from '../ModelRunner/state';

export const SETTINGS = [
  { kind: 'number', key: 'seed', label: 'Performance seed', min: 0, max: 2 ** 32 - 1, integer: true, default: 1 },
  { kind: 'number', key: 'frame', label: 'Frame', min: 1, max: POSE_FRAMES, integer: true, default: middleFrame(POSE_FRAMES) + 1 },
] as const satisfies readonly Setting[];

export const DEFAULT_ACTION = 'jumping jack';
export const KEYS = ['action', ...SETTINGS.map((s) => s.key)];

export interface FlickerState {
  /** One of the stick-figure actions. */
  action: string;
  seed: number;
  /** 1 … 16: the frame under the cursor. */
  frame: number;
}

export const DEFAULT_STATE: FlickerState = { action: DEFAULT_ACTION, seed: 1, frame: middleFrame(POSE_FRAMES) + 1 };

export function parseState(pairs: Iterable<[string, string]>, ignoreKeys: readonly string[] = []): { state: FlickerState; notes: string[] } {
  const list = [...pairs];
  const parsed = parseSettings(SETTINGS, list, [...ignoreKeys, 'action']);
  const notes = [...parsed.notes];
  let action = DEFAULT_ACTION;
  const raw = list.find(([k]) => k === 'action')?.[1];
  if (raw !== undefined) {
    const match = POSE_CLASSES.find((c) => c === raw.trim());
    if (match) action = match;
    else notes.push(`Ignored action “${echo(raw)}”: expected one of ${POSE_CLASSES.join(', ')}. Using ${DEFAULT_ACTION}.`);
  }
  return { state: { action, ...(parsed.state as unknown as Omit<FlickerState, 'action'>) }, notes };
}

export function toQuery(state: FlickerState): string {
  const out = new URLSearchParams();
  if (state.action !== DEFAULT_ACTION) out.set('action', state.action);
  for (const [k, v] of serialiseSettings(SETTINGS, state as unknown as SettingsState)) out.set(k, v);
  return out.toString();
}

export function labelOf(state: FlickerState): number {
  return POSE_CLASSES.indexOf(state.action);
}

/** The performance the state names: its keypoint input and (as `source`) the RGB clip. */
export function clipOf(state: FlickerState): KeypointClip {
  return poseClip(state.seed, labelOf(state));
}

export interface Flicker {
  /** The model's top class in each frame. */
  top: number[];
  /** Frames where the top class differs from the frame before. */
  changes: number;
  /** Frames whose top class is the true class. */
  rightFrames: number;
  /** The mean of the per-frame probabilities: the clip average of the chapter's formula. */
  average: Float32Array;
  /** Classes to draw as lines: the true class first, then the others that lead in some frame or peak high. */
  shown: number[];
}

/** Most lines drawn besides the true class, and the peak a class needs to be drawn without ever leading. */
const MAX_OTHERS = 4;
const MIN_PEAK = 0.25;

export function flicker(perFrame: readonly Float32Array[], label: number): Flicker {
  const top = perFrame.map((p) => argmax(p));
  let changes = 0;
  for (let t = 1; t < top.length; t++) if (top[t] !== top[t - 1]) changes++;
  const peak = (k: number) => Math.max(...perFrame.map((p) => p[k]!));
  const others = POSE_CLASSES.map((_, k) => k)
    .filter((k) => k !== label && (top.includes(k) || peak(k) >= MIN_PEAK))
    .sort((a, b) => peak(b) - peak(a) || a - b)
    .slice(0, MAX_OTHERS);
  return { top, changes, rightFrames: top.filter((k) => k === label).length, average: meanRows(perFrame), shown: [label, ...others] };
}

/**
 * The frames (1-based) the model's final average pool sees, read from its
 * analysis: when the layer before the pool still looks at one frame per unit
 * (temporal receptive field 1, no temporal padding in this design), its units
 * sit at multiples of the cumulative temporal stride. Undefined for a model
 * that mixes frames before the pool.
 */
export function pooledFrames(analysis: Analysis): number[] | undefined {
  const top = analysis.rows.filter((r) => r.depth === 0);
  const pool = top.findIndex((r) => r.kind === 'globalAvgPool');
  const before = top[pool - 1];
  if (pool < 1 || !before || before.receptiveField.temporal !== 1 || before.outputShape.length !== 4) return undefined;
  const stride = before.cumulativeStride.temporal;
  return Array.from({ length: before.outputShape[1]! }, (_, i) => i * stride + 1);
}

/** "frames 1, 5, 9 and 13". */
export function listFrames(frames: readonly number[]): string {
  if (frames.length === 1) return `frame ${frames[0]}`;
  return `frames ${frames.slice(0, -1).join(', ')} and ${frames.at(-1)}`;
}

export interface FlickerResult {
  perFrame: Float32Array[];
  /** The trained model's own output on the whole clip. */
  clip: Float32Array;
  /** The frames its pool averages, if it averages single frames. */
  pooled?: number[];
}

const answer = (p: ArrayLike<number>) => `${POSE_CLASSES[argmax(p)]} ${percent(p[argmax(p)]!)}`;
/** The top answer, and the true class's share when the top answer is another class. */
const answerWithTruth = (p: ArrayLike<number>, label: number) =>
  argmax(p) === label ? answer(p) : `${answer(p)} (${POSE_CLASSES[label]} ${percent(p[label]!)})`;

/** The figure's text alternative: what the model says frame by frame, on average and on the whole clip. */
export function describe(state: FlickerState, result?: FlickerResult): string {
  const intro = `A stick figure doing “${state.action}” (seed ${state.seed}), ${POSE_FRAMES} frames.`;
  if (!result) return `${intro} The single-frame pose model's probability of each action in every frame is plotted once the model has loaded.`;
  const label = labelOf(state);
  const f = flicker(result.perFrame, label);
  const here = result.perFrame[state.frame - 1]!;
  return (
    `${intro} Frame by frame, the single-frame pose model's top answer changes ${f.changes} ${f.changes === 1 ? 'time' : 'times'}; ` +
    `it names the true action in ${f.rightFrames} of ${POSE_FRAMES} frames. At frame ${state.frame} it says ${answerWithTruth(here, label)}. ` +
    `The mean of its ${POSE_FRAMES} per-frame probabilities gives ${answerWithTruth(f.average, label)}. ` +
    `The trained model on the whole clip says ${answerWithTruth(result.clip, label)}.`
  );
}
