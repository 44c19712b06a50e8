/**
 * State of the X3D expansion explorer: the six axes (frames, frame stride,
 * crop, width, bottleneck width, depth). Costs come from the library's
 * `x3dExpansion` (which analyses the expanded X3D spec) and one step along each
 * axis from `expansionSteps`; this file validates the axes, keeps them on the
 * sliders' grids and puts the result into words.
 */
import { defaultsOf, parseSettings, serialiseSettings, type Setting, type SettingsState } from '../shared/settings';
import { x3dExpansion, type X3dAxes, type X3dExpansion } from '../../lib/video-nn/analysis/x3dExpansion';
import { X3D_AXIS_SYMBOL, X3D_SIZE_AXES, expansionSteps, type X3dAxis } from '../../lib/video-nn/analysis/x3dSteps';
import type { X3dSize } from '../../lib/video-nn/spec/x3d';
import { formatCount, formatSignificant } from '../../lib/video-nn/analysis/videoSize';
import { formatCost } from '../../lib/video-nn/analysis/format';

const M = X3D_SIZE_AXES.m;

export const SETTINGS = [
  { kind: 'number', key: 'frames', label: 'Frames', min: 1, max: 64, integer: true, default: M.frames },
  { kind: 'number', key: 'stride', label: 'Frame stride', min: 1, max: 16, integer: true, default: M.frameStride },
  { kind: 'number', key: 'crop', label: 'Resolution', min: 64, max: 448, integer: true, default: M.crop, unit: 'px' },
  { kind: 'number', key: 'width', label: 'Width factor', min: 0.5, max: 6, integer: false, default: M.width },
  { kind: 'number', key: 'bottleneck', label: 'Bottleneck factor', min: 0.5, max: 6, integer: false, default: M.bottleneck },
  { kind: 'number', key: 'depth', label: 'Depth factor', min: 1, max: 10, integer: false, default: M.depth },
] as const satisfies readonly Setting[];

export type Key = (typeof SETTINGS)[number]['key'];
export type X3dExplorerState = Record<Key, number>;

/** Slider steps: whole frames and strides, crops in 8-pixel steps, factors on the grids X3D's sizes use. */
export const STEP: Record<Key, number> = { frames: 1, stride: 1, crop: 8, width: 0.25, bottleneck: 0.25, depth: 0.1 };

/** Which expansion axis each setting is (γτ is the frame rate, 30 / stride frames per second). */
export const AXIS_OF: Record<Key, X3dAxis> = { frames: 'frames', stride: 'frameRate', crop: 'crop', width: 'width', bottleneck: 'bottleneck', depth: 'depth' };

export const DEFAULT_STATE = defaultsOf(SETTINGS) as X3dExplorerState;

export const SIZES: readonly X3dSize[] = ['xs', 's', 'm', 'l'];

export function fromAxes(a: X3dAxes): X3dExplorerState {
  return { frames: a.frames, stride: a.frameStride, crop: a.crop, width: a.width, bottleneck: a.bottleneck, depth: a.depth };
}

export function toAxes(s: X3dExplorerState): X3dAxes {
  return { frames: s.frames, frameStride: s.stride, crop: s.crop, width: s.width, bottleneck: s.bottleneck, depth: s.depth };
}

export const SIZE_STATE: Record<X3dSize, X3dExplorerState> = {
  xs: fromAxes(X3D_SIZE_AXES.xs),
  s: fromAxes(X3D_SIZE_AXES.s),
  m: fromAxes(X3D_SIZE_AXES.m),
  l: fromAxes(X3D_SIZE_AXES.l),
};

export const sizeLabel = (size: X3dSize) => `X3D-${size.toUpperCase()}`;

const sameValue = (a: number, b: number) => Math.abs(a - b) < 1e-9;

export function matchingSize(state: X3dExplorerState): X3dSize | undefined {
  return SIZES.find((size) => SETTINGS.every((s) => sameValue(SIZE_STATE[size][s.key], state[s.key])));
}

/** A value moved onto its setting's grid (2.35 → 2.4 on a 0.1 grid), within range. */
export function snap(key: Key, value: number): number {
  const s = SETTINGS.find((x) => x.key === key)!;
  const step = STEP[key];
  const snapped = Math.round((value - s.min) / step) * step + s.min;
  // Decimal steps drift in binary (0.1 × 12); round to the step's decimals.
  const decimals = (String(step).split('.')[1] ?? '').length;
  return Math.min(s.max, Math.max(s.min, Number(snapped.toFixed(decimals))));
}

/**
 * Reads state from string pairs (attributes or an embed URL's query): `size`
 * (xs, s, m, l) first, then explicit values override it. Values between grid
 * steps are moved to the nearest step with a note; refused values become notes.
 */
export function parseState(pairs: Iterable<[string, string]>, ignoreKeys: readonly string[] = []): { state: X3dExplorerState; notes: string[] } {
  const list = [...pairs];
  const notes: string[] = [];
  let state: X3dExplorerState = { ...DEFAULT_STATE };
  const sizeRaw = list.find(([k]) => k === 'size')?.[1];
  if (sizeRaw !== undefined) {
    const id = sizeRaw.trim().toLowerCase();
    if ((SIZES as readonly string[]).includes(id)) state = { ...SIZE_STATE[id as X3dSize] };
    else notes.push(`Ignored size “${sizeRaw.slice(0, 24)}”: expected one of ${SIZES.join(', ')}.`);
  }
  const explicit = list.filter(([k]) => k !== 'size');
  const parsed = parseSettings(SETTINGS, explicit, ignoreKeys);
  notes.push(...parsed.notes);
  const given = new Set(explicit.map(([k]) => k));
  for (const s of SETTINGS) {
    if (!given.has(s.key)) continue;
    const value = parsed.state[s.key] as number;
    const onGrid = snap(s.key, value);
    if (!sameValue(onGrid, value)) notes.push(`${s.label} ${formatSignificant(value, 6)} is between steps of ${STEP[s.key]}; using ${onGrid}.`);
    state[s.key] = onGrid;
  }
  return { state, notes };
}

export function toQuery(state: X3dExplorerState): string {
  return serialiseSettings(SETTINGS, state as unknown as SettingsState).toString();
}

export function compute(state: X3dExplorerState): X3dExpansion {
  return x3dExpansion(toAxes(state));
}

export function steps(state: X3dExplorerState, from: X3dExpansion = compute(state)) {
  return expansionSteps(toAxes(state), from);
}

/** Frames per second the clip keeps from 30 fps video. */
export function sampledRate(state: X3dExplorerState): number {
  return 30 / state.stride;
}

/** How a step changes the state, in a few words ("16 → 32 frames"). */
export function stepChange(axis: X3dAxis, before: X3dExplorerState, after: X3dExplorerState): string {
  switch (axis) {
    case 'frames':
      return `${before.frames} → ${after.frames} frames, same stride`;
    case 'frameRate':
      return `stride ${before.stride} → ${after.stride}, ${before.frames} → ${after.frames} frames, same duration`;
    case 'crop':
      return `${before.crop} → ${after.crop} px`;
    case 'width':
      return `width ${before.width} → ${after.width}`;
    case 'bottleneck':
      return `bottleneck ${before.bottleneck} → ${after.bottleneck}`;
    case 'depth':
      return `depth ${before.depth} → ${after.depth}`;
  }
}

export const AXIS_NAME: Record<X3dAxis, string> = {
  frames: `Frames (${X3D_AXIS_SYMBOL.frames})`,
  frameRate: `Frame rate (${X3D_AXIS_SYMBOL.frameRate})`,
  crop: `Resolution (${X3D_AXIS_SYMBOL.crop})`,
  width: `Width (${X3D_AXIS_SYMBOL.width})`,
  bottleneck: `Bottleneck (${X3D_AXIS_SYMBOL.bottleneck})`,
  depth: `Depth (${X3D_AXIS_SYMBOL.depth})`,
};

/** One paragraph saying what the explorer shows: its live text alternative. */
export function describe(state: X3dExplorerState, cost: X3dExpansion = compute(state)): string {
  const size = matchingSize(state);
  return (
    `X3D with ${state.frames} frames taken every ${state.stride} (${formatSignificant(cost.secondsAt30fps, 3)} s of 30 fps video, ` +
    `${formatSignificant(sampledRate(state), 3)} frames per second), ${state.crop}×${state.crop} crops, width factor ${state.width}, ` +
    `bottleneck factor ${state.bottleneck} and depth factor ${state.depth}: ${formatCount(cost.params)} parameters, ` +
    `${formatCost(cost.macs)} per clip.` +
    (size ? ` These are the axes of ${sizeLabel(size)}.` : '')
  );
}
