/**
 * State of the optical-flow viewer: pure, validated, URL-serialisable. Which
 * source is shown (a generated clip, the reader's file, the webcam), the
 * generated clip's motion and seed, the working size, the flow preset, how the
 * flow is drawn and which frame pair. No DOM, no tfjs.
 */
import { defaultsOf, parseSettings, serialiseSettings, type Setting, type SettingsState } from '../shared/settings';
import { SOMETHING_LITE_CLASSES } from '../../lib/video-nn/data/somethingLite';
import type { FlowOptions } from '../../lib/video-nn/flow/tvl1';
import type { FlowSummary } from '../../lib/video-nn/flow/summary';

export const SOURCES = ['clip', 'file', 'webcam'] as const;
export type SourceKind = (typeof SOURCES)[number];
export const SOURCE_LABELS: Record<SourceKind, string> = { clip: 'Generated clip', file: 'Your video file', webcam: 'Webcam' };

/** The generated clip's class, keyed by its last word ("move left" → left, "rotate clockwise" → clockwise). */
export const MOTIONS = SOMETHING_LITE_CLASSES.map((name) => name.split(' ').at(-1)!) as readonly string[];
export const motionClass = (motion: string): number => MOTIONS.indexOf(motion);
export const motionName = (motion: string): string => SOMETHING_LITE_CLASSES[motionClass(motion)] ?? motion;

/** Longest side of the frames flow is computed on, pixels. */
export const SIZES = [48, 64, 96, 128, 160] as const;
export const DISPLAYS = ['colour', 'arrows', 'magnitude'] as const;
export type DisplayMode = (typeof DISPLAYS)[number];
export const DISPLAY_LABELS: Record<DisplayMode, string> = { colour: 'Colour wheel', arrows: 'Arrows', magnitude: 'Magnitude' };

/**
 * Flow presets: fewer pyramid levels, warps and iterations run faster and
 * settle less. `best` is the library's FLOW_DEFAULTS (a unit test holds it to them).
 */
export const QUALITY = {
  quick: { label: 'Quick', options: { levels: 3, warps: 2, iterations: 10 } },
  balanced: { label: 'Balanced', options: { levels: 4, warps: 3, iterations: 15 } },
  best: { label: 'Best', options: { levels: 5, warps: 5, iterations: 30 } },
} as const satisfies Record<string, { label: string; options: Required<Pick<FlowOptions, 'levels' | 'warps' | 'iterations'>> }>;
export type Quality = keyof typeof QUALITY;
export const QUALITIES = Object.keys(QUALITY) as Quality[];

/** "Quick (2 warps × 10 iterations)": the preset's name and its work per pyramid level. */
export function qualityLabel(q: Quality): string {
  const { warps, iterations }: { warps: number; iterations: number } = QUALITY[q].options;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${QUALITY[q].label} (${plural(warps, 'warp')} × ${plural(iterations, 'iteration')})`;
}

/** Frames in a generated clip: the dataset's own length, so the motion per frame is what the trained models see. */
export const CLIP_FRAMES = 16;
/** Playback rate of the generated clip, frames per second (it has no rate of its own). */
export const CLIP_FPS = 15;
/** Most frame pairs any source offers; the URL's frame index is checked against this, then against the source. */
export const MAX_FRAME_INDEX = 1023;

export const SETTINGS = [
  { kind: 'choice', key: 'source', label: 'Source', choices: SOURCES, default: 'clip' },
  { kind: 'choice', key: 'motion', label: 'Motion', choices: MOTIONS, default: 'clockwise' },
  { kind: 'number', key: 'seed', label: 'Clip seed', min: 0, max: 2 ** 32 - 1, integer: true, default: 24 },
  { kind: 'choice', key: 'size', label: 'Working size', choices: SIZES, default: 96 },
  { kind: 'choice', key: 'quality', label: 'Flow quality', choices: QUALITIES, default: 'balanced' },
  { kind: 'choice', key: 'display', label: 'Display', choices: DISPLAYS, default: 'colour' },
  { kind: 'number', key: 'frame', label: 'Frame', min: 0, max: MAX_FRAME_INDEX, integer: true, default: 0 },
] as const satisfies readonly Setting[];

export type SettingKey = (typeof SETTINGS)[number]['key'];

export interface FlowViewerState {
  source: SourceKind;
  motion: string;
  seed: number;
  size: number;
  quality: Quality;
  display: DisplayMode;
  /** Index of the frame pair shown: frames `frame` and `frame + 1`. */
  frame: number;
}

export const DEFAULT_STATE = defaultsOf(SETTINGS) as unknown as FlowViewerState;

/** Reads attributes or an embed query; never throws, bad values fall back with a note. */
export function parseState(pairs: Iterable<[string, string]>, ignoreKeys: readonly string[] = []): { state: FlowViewerState; notes: string[] } {
  const { state, notes } = parseSettings(SETTINGS, pairs, ignoreKeys);
  return { state: state as unknown as FlowViewerState, notes };
}

export function toQuery(state: FlowViewerState): string {
  return serialiseSettings(SETTINGS, state as unknown as SettingsState).toString();
}

/** A pair index that exists in a source of `frames` frames, with a note when the asked one does not. */
export function clampFrame(frame: number, frames: number): { frame: number; note?: string } {
  const last = Math.max(0, frames - 2);
  if (frame <= last) return { frame };
  return { frame: last, note: `Frame ${frame + 1} is past the end of this ${frames}-frame source; showing the last pair (frames ${last + 1} and ${last + 2}).` };
}

/** The next pair when playing: wraps from the last pair back to the first. */
export function nextFrame(frame: number, frames: number): number {
  const pairs = Math.max(1, frames - 1);
  return (frame + 1) % pairs;
}

/** "Frames 5 → 6 of 32", as the scrubber's value text (1-based, as a reader counts). */
export function pairLabel(frame: number, frames: number): string {
  return `Frames ${frame + 1} → ${frame + 2} of ${frames}`;
}

/** Screen directions in eighths of a turn, starting at "right", y pointing down. */
const DIRECTIONS = ['right', 'down-right', 'down', 'down-left', 'left', 'up-left', 'up', 'up-right'] as const;

/**
 * The average motion as a word, or undefined when there is no common direction
 * (the mean vector is under a third of the mean length, e.g. a rotation, a zoom
 * or noise) or almost nothing moves.
 */
export function mainDirection(s: Pick<FlowSummary, 'meanU' | 'meanV' | 'meanMagnitude'>): string | undefined {
  const length = Math.hypot(s.meanU, s.meanV);
  if (s.meanMagnitude < 0.05 || length < s.meanMagnitude / 3) return undefined;
  const eighth = Math.round(Math.atan2(s.meanV, s.meanU) / (Math.PI / 4));
  return DIRECTIONS[((eighth % 8) + 8) % 8];
}

/** 0.0667 → "0.067 s"; 2.5 → "2.50 s". */
export function formatSeconds(seconds: number): string {
  return `${seconds.toFixed(seconds < 1 ? 3 : 2)} s`;
}

/** 1.234 → "1.23"; small values keep two significant digits. */
export function formatPixels(value: number): string {
  if (value === 0) return '0';
  if (Math.abs(value) >= 10) return value.toFixed(1);
  if (Math.abs(value) >= 0.1) return value.toFixed(2);
  return value.toPrecision(2);
}

export interface FlowDescription {
  /** What is shown: "generated clip (rotate clockwise, seed 1)", "walk.webm", "webcam". */
  sourceLabel: string;
  frame: number;
  frames: number;
  width: number;
  height: number;
  summary: FlowSummary;
  /** Seconds between the two frames. */
  gap: number;
}

/** The figure's text alternative: which frames, and how much moves which way, in numbers. */
export function describeFlow(d: FlowDescription): string {
  const { summary: s } = d;
  const direction = mainDirection(s);
  const moving = Math.round(s.movingFraction * 100);
  return (
    `${pairLabel(d.frame, d.frames)} of the ${d.sourceLabel}, ${formatSeconds(d.gap)} apart, at ${d.width}×${d.height} pixels: ` +
    `mean motion ${formatPixels(s.meanMagnitude)} px, largest ${formatPixels(s.maxMagnitude)} px; ` +
    `${moving}% of pixels move half a pixel or more` +
    (direction ? `, on average moving ${direction}.` : s.meanMagnitude < 0.05 ? '.' : ', in no single direction.')
  );
}

/** The build-time fallback: what the figure will show once it runs. */
export function describeState(state: FlowViewerState): string {
  const what =
    state.source === 'clip'
      ? `a generated clip in which an object is “${motionName(state.motion)}” (seed ${state.seed})`
      : state.source === 'file'
        ? 'a video file you choose'
        : 'your webcam, once you turn it on';
  return `Optical flow computed in your browser on ${what}, at ${state.size} pixels on the longest side, shown as a ${DISPLAY_LABELS[state.display].toLowerCase()} image. This figure needs JavaScript.`;
}
