/**
 * State of the video size calculator: pure, validated, URL-serialisable.
 * The numbers come from the model library's `videoSize`; this file only decides
 * which inputs are allowed and how they read from and write to a URL.
 */
import { defaultsOf, parseSettings, serialiseSettings, type Setting, type SettingsState } from '../shared/settings';
import { formatBytes, formatCount, formatSignificant, videoSize, type VideoSize } from '../../lib/video-nn/analysis/videoSize';

export const SETTINGS = [
  { kind: 'number', key: 'width', label: 'Width', min: 1, max: 8192, integer: true, default: 1920, unit: 'px' },
  { kind: 'number', key: 'height', label: 'Height', min: 1, max: 8192, integer: true, default: 1080, unit: 'px' },
  { kind: 'number', key: 'channels', label: 'Channels', min: 1, max: 64, integer: true, default: 3 },
  { kind: 'choice', key: 'bits', label: 'Bits per value', choices: [1, 8, 10, 12, 16, 32], default: 8 },
  { kind: 'number', key: 'fps', label: 'Frame rate', min: 0.1, max: 1000, integer: false, default: 30, unit: 'fps' },
  { kind: 'number', key: 'seconds', label: 'Duration', min: 0.001, max: 86400, integer: false, default: 60, unit: 's' },
  { kind: 'number', key: 'stride', label: 'Keep every n-th frame', min: 1, max: 10000, integer: true, default: 1 },
  // 0 means "no crop": the network sees the whole frame.
  { kind: 'number', key: 'cropw', label: 'Crop width', min: 0, max: 8192, integer: true, default: 0, unit: 'px' },
  { kind: 'number', key: 'croph', label: 'Crop height', min: 0, max: 8192, integer: true, default: 0, unit: 'px' },
] as const satisfies readonly Setting[];

export interface VideoSizeState {
  width: number;
  height: number;
  channels: number;
  bits: number;
  fps: number;
  seconds: number;
  stride: number;
  cropw: number;
  croph: number;
}

export const DEFAULT_STATE = defaultsOf(SETTINGS) as unknown as VideoSizeState;

export const PRESETS = {
  'hd-minute': { label: 'One minute of HD', state: { ...DEFAULT_STATE } },
  'sd-minute': { label: 'One minute of SD', state: { ...DEFAULT_STATE, width: 640, height: 480 } },
  'imagenet-image': { label: 'One ImageNet image', state: { ...DEFAULT_STATE, width: 224, height: 224, fps: 1, seconds: 1 } },
  'training-clip': {
    label: 'A training clip',
    state: { ...DEFAULT_STATE, width: 320, height: 240, seconds: 3.2, stride: 6, cropw: 112, croph: 112 },
  },
  'ten-seconds-224': { label: '10 s at 224×224', state: { ...DEFAULT_STATE, width: 224, height: 224, seconds: 10 } },
} as const satisfies Record<string, { label: string; state: VideoSizeState }>;

export type PresetId = keyof typeof PRESETS;

export function isPresetId(value: string): value is PresetId {
  return Object.hasOwn(PRESETS, value);
}

/** The preset whose values equal the state, if any (for aria-pressed on preset buttons). */
export function matchingPreset(state: VideoSizeState): PresetId | undefined {
  return (Object.keys(PRESETS) as PresetId[]).find((id) =>
    SETTINGS.every((s) => PRESETS[id].state[s.key] === state[s.key]),
  );
}

/**
 * Reads state from string pairs (an element's attributes or an embed URL's query).
 * `preset` is applied first, then explicit values override it. A crop larger
 * than the frame is reduced to the frame, with a note.
 */
export function parseState(pairs: Iterable<[string, string]>, ignoreKeys: readonly string[] = []): { state: VideoSizeState; notes: string[] } {
  const list = [...pairs];
  const notes: string[] = [];
  let base: VideoSizeState = { ...DEFAULT_STATE };
  const presetRaw = list.find(([k]) => k === 'preset')?.[1];
  if (presetRaw !== undefined) {
    if (isPresetId(presetRaw.trim())) base = { ...PRESETS[presetRaw.trim() as PresetId].state };
    else notes.push(`Ignored preset “${presetRaw.slice(0, 24)}”: expected one of ${Object.keys(PRESETS).join(', ')}.`);
  }
  const explicit = list.filter(([k]) => k !== 'preset');
  const parsed = parseSettings(SETTINGS, explicit, ignoreKeys);
  notes.push(...parsed.notes);
  const given = new Set(explicit.map(([k]) => k));
  const state = { ...base };
  for (const s of SETTINGS) if (given.has(s.key)) state[s.key] = parsed.state[s.key] as number;
  return { state: clampCrop(state, notes), notes };
}

function clampCrop(state: VideoSizeState, notes: string[]): VideoSizeState {
  const next = { ...state };
  if (next.cropw > next.width) {
    notes.push(`Crop width ${next.cropw} is wider than the frame; using ${next.width}.`);
    next.cropw = next.width;
  }
  if (next.croph > next.height) {
    notes.push(`Crop height ${next.croph} is taller than the frame; using ${next.height}.`);
    next.croph = next.height;
  }
  return next;
}

/** Sets one value from the form; returns the new state and any note about clamping. */
export function withValue(state: VideoSizeState, key: keyof VideoSizeState, value: number): { state: VideoSizeState; notes: string[] } {
  const notes: string[] = [];
  return { state: clampCrop({ ...state, [key]: value }, notes), notes };
}

export function toQuery(state: VideoSizeState): string {
  return serialiseSettings(SETTINGS, state as unknown as SettingsState).toString();
}

/** The frame size the network sees: the crop where one is set, else the whole frame. */
export function inputSize(state: VideoSizeState): { width: number; height: number } {
  return {
    width: state.cropw > 0 ? state.cropw : state.width,
    height: state.croph > 0 ? state.croph : state.height,
  };
}

export function compute(state: VideoSizeState): VideoSize {
  const { width, height } = inputSize(state);
  return videoSize({
    width,
    height,
    channels: state.channels,
    bitsPerValue: state.bits,
    durationSeconds: state.seconds,
    framesPerSecond: state.fps,
    frameStride: state.stride,
  });
}

/** One sentence saying what the figure shows: the widget's text alternative. */
export function describe(state: VideoSizeState, size: VideoSize = compute(state)): string {
  const { width, height } = inputSize(state);
  const seconds = formatSignificant(state.seconds, 4);
  const rate = formatSignificant(size.sampledFramesPerSecond, 4);
  return (
    `${seconds} s of video kept at ${rate} frames per second gives ${formatCount(size.frames)} frames of ` +
    `${width}×${height}×${state.channels} values at ${state.bits} bits: ${formatCount(size.values)} numbers, ` +
    `${formatBytes(size.totalBytes, 'si')} (${formatBytes(size.totalBytes, 'iec')}), ` +
    `${formatSignificant(size.imagenetMultiple, 3)} times the numbers in one 224×224 RGB ImageNet image.`
  );
}
