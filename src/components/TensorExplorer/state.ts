/**
 * State of the tensor explorer: which generated clip (dataset, class, seed),
 * the axis it is sliced along and the selected element (c, t, y, x). Pure and
 * URL-serialisable; every offset, stride and value it reports comes from the
 * library's tensorLayout functions applied to the clip's own Float32Array.
 */
import { echo, parseSettings, serialiseSettings, type Setting, type SettingsState } from '../shared/settings';
import {
  MOTION_DIRECTION_CLASSES, SOMETHING_LITE_CLASSES, STICK_ACTIONS, motionDirection, somethingLite, stickFigures, type ClipDataset, type LabelledClip,
} from '../../lib/video-nn/data';
import {
  CLIP_LAYOUTS, axisStrides, clipSlice, flatOffset, indexAtOffset, layoutShape, relayout, slicePosition,
  type ClipDims, type ClipIndex, type ClipLayout, type ClipSlice, type SliceAxis,
} from '../../lib/video-nn/analysis/tensorLayout';
import { formatCount } from '../../lib/video-nn/analysis/videoSize';

/** Every clip here is the generators' default size: 16 frames of 32×32 RGB. */
export const DIMS: ClipDims = { channels: 3, frames: 16, height: 32, width: 32 };

export const DATASETS = {
  'something-lite': {
    label: 'Something-Something-lite',
    classes: SOMETHING_LITE_CLASSES,
    defaultClass: 'move right',
    make: () => somethingLite({ seed: 0, frames: DIMS.frames, size: DIMS.width }),
  },
  'motion-direction': {
    label: 'Motion direction',
    classes: MOTION_DIRECTION_CLASSES[4],
    defaultClass: 'right',
    make: () => motionDirection({ seed: 0, frames: DIMS.frames, size: DIMS.width, classes: 4 }),
  },
  'stick-figures': {
    label: 'Stick figures',
    classes: STICK_ACTIONS,
    defaultClass: 'wave',
    make: () => stickFigures({ seed: 0, frames: DIMS.frames, size: DIMS.width }),
  },
} as const satisfies Record<string, { label: string; classes: readonly string[]; defaultClass: string; make: () => ClipDataset }>;

export type DatasetId = keyof typeof DATASETS;
export const DATASET_IDS = Object.keys(DATASETS) as DatasetId[];

/** How the reader names the slicing axis (T, H, W) and the clip axis it fixes. */
export const SLICE_AXES = { t: 't', h: 'y', w: 'x' } as const satisfies Record<string, SliceAxis>;
export type SliceKey = keyof typeof SLICE_AXES;

export const CHANNEL_NAMES = ['red', 'green', 'blue'] as const;

export const SETTINGS = [
  { kind: 'choice', key: 'data', label: 'Dataset', choices: DATASET_IDS, default: 'something-lite' },
  // The clip seed: any 32-bit unsigned integer, since the generators use `seed >>> 0`.
  { kind: 'number', key: 'seed', label: 'Clip seed', min: 0, max: 2 ** 32 - 1, integer: true, default: 1 },
  { kind: 'choice', key: 'slice', label: 'Slice along', choices: ['t', 'h', 'w'], default: 'h' },
  { kind: 'number', key: 't', label: 'Frame t', min: 0, max: DIMS.frames - 1, integer: true, default: 8 },
  { kind: 'number', key: 'y', label: 'Row y', min: 0, max: DIMS.height - 1, integer: true, default: 16 },
  { kind: 'number', key: 'x', label: 'Column x', min: 0, max: DIMS.width - 1, integer: true, default: 20 },
  { kind: 'number', key: 'c', label: 'Channel c', min: 0, max: DIMS.channels - 1, integer: true, default: 0 },
] as const satisfies readonly Setting[];

/** Every key the element accepts: the settings plus the class, which depends on the dataset. */
export const KEYS = ['data', 'class', ...SETTINGS.filter((s) => s.key !== 'data').map((s) => s.key)];

export interface TensorExplorerState {
  data: DatasetId;
  /** A class name of the chosen dataset. */
  class: string;
  seed: number;
  slice: SliceKey;
  t: number;
  y: number;
  x: number;
  c: number;
}

export const DEFAULT_STATE: TensorExplorerState = {
  data: 'something-lite', class: 'move right', seed: 1, slice: 'h', t: 8, y: 16, x: 20, c: 0,
};

export function classesOf(data: DatasetId): readonly string[] {
  return DATASETS[data].classes;
}

/** Reads state from attributes or a query; never throws, a bad value falls back with a note. */
export function parseState(pairs: Iterable<[string, string]>, ignoreKeys: readonly string[] = []): { state: TensorExplorerState; notes: string[] } {
  const list = [...pairs];
  const parsed = parseSettings(SETTINGS, list, [...ignoreKeys, 'class']);
  const base = parsed.state as unknown as Omit<TensorExplorerState, 'class'>;
  const notes = [...parsed.notes];
  const classes = classesOf(base.data);
  let cls: string = DATASETS[base.data].defaultClass;
  const raw = list.find(([k]) => k === 'class')?.[1];
  if (raw !== undefined) {
    const match = classes.find((c) => c === raw.trim());
    if (match) cls = match;
    else notes.push(`Ignored class “${echo(raw)}”: ${DATASETS[base.data].label} has ${classes.join(', ')}. Using ${cls}.`);
  }
  return { state: { ...base, class: cls }, notes };
}

/** The query for a state: only what differs from the defaults (the class: from the dataset's default class). */
export function toQuery(state: TensorExplorerState): string {
  const params = serialiseSettings(SETTINGS, state as unknown as SettingsState);
  const out = new URLSearchParams();
  for (const key of KEYS) {
    if (key === 'class') {
      if (state.class !== DATASETS[state.data].defaultClass) out.set('class', state.class);
    } else if (params.has(key)) out.set(key, params.get(key)!);
  }
  return out.toString();
}

/** Switches dataset, keeping the class if the new dataset has it, else taking its default class. */
export function withDataset(state: TensorExplorerState, data: DatasetId): TensorExplorerState {
  const cls = classesOf(data).includes(state.class) ? state.class : DATASETS[data].defaultClass;
  return { ...state, data, class: cls };
}

/** The clip the state names: generated afresh from its seed and class (T×H×W×C, values in [0, 1]). */
export function clipOf(state: Pick<TensorExplorerState, 'data' | 'class' | 'seed'>): LabelledClip {
  const label = classesOf(state.data).indexOf(state.class);
  if (label < 0) throw new Error(`tensor explorer: ${state.data} has no class “${state.class}”`);
  return DATASETS[state.data].make().sample(state.seed, label);
}

export function indexOf(state: TensorExplorerState): ClipIndex {
  return { c: state.c, t: state.t, y: state.y, x: state.x };
}

export interface MemoryCell {
  offset: number;
  index: ClipIndex;
  value: number;
  selected: boolean;
}

export interface LayoutView {
  layout: ClipLayout;
  shape: number[];
  strides: ClipIndex;
  offset: number;
  /** The value read from the clip stored in this layout at `offset`. */
  value: number;
  /** A few neighbouring places in memory: what sits next to the selected value. */
  memory: MemoryCell[];
}

export interface Explored {
  index: ClipIndex;
  slice: ClipSlice;
  /** Where the selected element appears in the slice image. */
  position: { row: number; col: number };
  /** The selected pixel's channels as drawn in the slice image. */
  pixel: number[];
  layouts: Record<ClipLayout, LayoutView>;
}

/** Places before and after the selected offset shown in each memory strip. */
const BEFORE = 2;
const AFTER = 3;

/**
 * Everything the figure shows for a state, from the clip (stored T×H×W×C, as
 * generated) and the same clip relaid out C×T×H×W by the library.
 */
export function explore(state: TensorExplorerState, stored: Record<ClipLayout, Float32Array>): Explored {
  const index = indexOf(state);
  const axis = SLICE_AXES[state.slice];
  const slice = clipSlice(stored.THWC, DIMS, 'THWC', axis, index[axis]);
  const position = slicePosition(axis, index);
  const p = (position.row * slice.cols + position.col) * slice.channels;
  const pixel = Array.from(slice.data.subarray(p, p + slice.channels));
  const total = stored.THWC.length;
  const layouts = Object.fromEntries(
    CLIP_LAYOUTS.map((layout) => {
      const offset = flatOffset(layout, DIMS, index);
      const memory: MemoryCell[] = [];
      for (let o = Math.max(0, offset - BEFORE); o <= Math.min(total - 1, offset + AFTER); o++) {
        memory.push({ offset: o, index: indexAtOffset(layout, DIMS, o), value: stored[layout][o]!, selected: o === offset });
      }
      const view: LayoutView = { layout, shape: layoutShape(layout, DIMS), strides: axisStrides(layout, DIMS), offset, value: stored[layout][offset]!, memory };
      return [layout, view];
    }),
  ) as Record<ClipLayout, LayoutView>;
  return { index, slice, position, pixel, layouts };
}

/** The clip in both layouts: as generated (channels last) and relaid out channels first. */
export function storeBoth(clip: LabelledClip): Record<ClipLayout, Float32Array> {
  return { THWC: clip.data, CTHW: relayout(clip.data, DIMS, 'THWC', 'CTHW') };
}

export const LAYOUT_LABEL: Record<ClipLayout, string> = { CTHW: 'C×T×H×W', THWC: 'T×H×W×C' };
export const LAYOUT_USED_BY: Record<ClipLayout, string> = { CTHW: 'channels first, as PyTorch stores it', THWC: 'channels last, as TensorFlow.js stores it' };

/** 0.53725 → "0.5373": the precision the figure prints values at. */
export const formatValue = (v: number) => v.toFixed(4);

/** What the slice image is, in words: "frame t = 8 (an H×W image, 32×32)". */
export function sliceName(state: TensorExplorerState): string {
  if (state.slice === 't') return `frame t = ${state.t}, an H×W image of ${DIMS.height}×${DIMS.width} pixels`;
  if (state.slice === 'h') return `row y = ${state.y} of every frame, a T×W (x–t) image of ${DIMS.frames}×${DIMS.width} pixels`;
  return `column x = ${state.x} of every frame, a T×H (y–t) image of ${DIMS.frames}×${DIMS.height} pixels`;
}

/** "offset = 0·16,384 + 8·1,024 + 16·32 + 20 = 8,724": the sum in the layout's axis order. */
export function offsetSum(view: LayoutView): string {
  const order = view.layout === 'CTHW' ? (['c', 't', 'y', 'x'] as const) : (['t', 'y', 'x', 'c'] as const);
  const index = indexAtOffset(view.layout, DIMS, view.offset);
  const terms = order.map((a) => (view.strides[a] === 1 ? String(index[a]) : `${index[a]}·${formatCount(view.strides[a])}`));
  return `${terms.join(' + ')} = ${formatCount(view.offset)}`;
}

/** The figure's text alternative: the clip, the slice and the selected value with its two offsets. */
export function describe(state: TensorExplorerState, e: Explored): string {
  const ds = DATASETS[state.data].label;
  const { CTHW, THWC } = e.layouts;
  return (
    `A ${ds} clip of class ${state.class} (seed ${state.seed}): ${DIMS.frames} frames of ${DIMS.height}×${DIMS.width} pixels with ${DIMS.channels} channels. ` +
    `Shown: ${sliceName(state)}. ` +
    `The selected value, ${CHANNEL_NAMES[state.c]} (c = ${state.c}) at frame t = ${state.t}, row y = ${state.y}, column x = ${state.x}, is ${formatValue(e.pixel[state.c]!)}. ` +
    `Stored C×T×H×W (strides ${[CTHW.strides.c, CTHW.strides.t, CTHW.strides.y, CTHW.strides.x].map(formatCount).join(', ')}) it is at offset ${formatCount(CTHW.offset)}; ` +
    `stored T×H×W×C (strides ${[THWC.strides.t, THWC.strides.y, THWC.strides.x, THWC.strides.c].map(formatCount).join(', ')}) it is at offset ${formatCount(THWC.offset)}.`
  );
}
