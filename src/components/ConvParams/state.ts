/**
 * State of the parameter calculator (chapter 4): one convolution layer as a 2-D,
 * a 3-D and a (2+1)-D convolution, with its weights and its multiply-accumulates
 * at a chosen output size. Pure and URL-serialisable; every number comes from the
 * library's `compareConvWeights`.
 */
import { defaultsOf, parseSettings, serialiseSettings, type Setting, type SettingsState } from '../shared/settings';
import { compareConvWeights, type ConvComparison } from '../../lib/video-nn/analysis/costs';
import { formatMacs } from '../../lib/video-nn/analysis/format';
import { formatCount, formatSignificant } from '../../lib/video-nn/analysis/videoSize';

export const SETTINGS = [
  { kind: 'number', key: 'cin', label: 'Input channels', min: 1, max: 4096, integer: true, default: 64 },
  { kind: 'number', key: 'cout', label: 'Output channels', min: 1, max: 4096, integer: true, default: 128 },
  { kind: 'number', key: 'kt', label: 'Kernel length in time', min: 1, max: 15, integer: true, default: 3 },
  { kind: 'number', key: 'kh', label: 'Kernel height', min: 1, max: 15, integer: true, default: 3 },
  { kind: 'number', key: 'kw', label: 'Kernel width', min: 1, max: 15, integer: true, default: 3 },
  { kind: 'number', key: 'frames', label: 'Output frames', min: 1, max: 1024, integer: true, default: 16 },
  { kind: 'number', key: 'height', label: 'Output height', min: 1, max: 4096, integer: true, default: 56, unit: 'px' },
  { kind: 'number', key: 'width', label: 'Output width', min: 1, max: 4096, integer: true, default: 56, unit: 'px' },
] as const satisfies readonly Setting[];

export type ConvParamsKey = (typeof SETTINGS)[number]['key'];
export type ConvParamsState = Record<ConvParamsKey, number>;

export const DEFAULT_STATE = defaultsOf(SETTINGS) as ConvParamsState;

/** Layers of real networks to start from; the chapter's C3D table has the same ones. */
export const PRESETS = {
  'c3d-conv2a': { label: 'C3D conv2a', state: { ...DEFAULT_STATE } },
  'c3d-conv1a': { label: 'C3D conv1a', state: { ...DEFAULT_STATE, cin: 3, cout: 64, height: 112, width: 112 } },
  'resnet-64': { label: '64 → 64, as in R3D-18', state: { ...DEFAULT_STATE, cout: 64 } },
} as const satisfies Record<string, { label: string; state: ConvParamsState }>;

export type PresetId = keyof typeof PRESETS;

export function matchingPreset(state: ConvParamsState): PresetId | undefined {
  return (Object.keys(PRESETS) as PresetId[]).find((id) => SETTINGS.every((s) => PRESETS[id].state[s.key] === state[s.key]));
}

export function parseState(pairs: Iterable<[string, string]>, ignoreKeys: readonly string[] = []): { state: ConvParamsState; notes: string[] } {
  const { state, notes } = parseSettings(SETTINGS, pairs, ignoreKeys);
  return { state: state as ConvParamsState, notes };
}

export function toQuery(state: ConvParamsState): string {
  return serialiseSettings(SETTINGS, state as unknown as SettingsState).toString();
}

export function compute(state: ConvParamsState): Required<ConvComparison> {
  const result = compareConvWeights(
    { inChannels: state.cin, outChannels: state.cout, kt: state.kt, kh: state.kh, kw: state.kw },
    { frames: state.frames, height: state.height, width: state.width },
  );
  return result as Required<ConvComparison>;
}

export type LayerKind = 'conv2d' | 'conv3d' | 'conv2plus1d';

export interface LayerRow {
  kind: LayerKind;
  name: string;
  /** The kernel, in words. */
  kernel: string;
  /** The weight count as a product of the state's numbers, e.g. "128 · 64 · 3 · 3". */
  formula: string;
  weights: number;
  macs: number;
  /** Weights relative to the full 3-D conv. */
  ratio: number;
}

/** The three rows of the calculator, in the order the chapter discusses them. */
export function rows(state: ConvParamsState, c = compute(state)): LayerRow[] {
  const { cin, cout, kt, kh, kw } = state;
  const m = c.conv2plus1d.mid;
  return [
    {
      kind: 'conv2d',
      name: '2-D, on each frame',
      kernel: `${kh}×${kw}`,
      formula: `${cout} · ${cin} · ${kh} · ${kw}`,
      weights: c.conv2d,
      macs: c.macs.conv2d,
      ratio: c.conv2d / c.conv3d,
    },
    {
      kind: 'conv3d',
      name: '3-D',
      kernel: `${kt}×${kh}×${kw}`,
      formula: `${cout} · ${cin} · ${kt} · ${kh} · ${kw}`,
      weights: c.conv3d,
      macs: c.macs.conv3d,
      ratio: 1,
    },
    {
      kind: 'conv2plus1d',
      name: `(2+1)-D, M = ${m}`,
      kernel: `1×${kh}×${kw}, then ${kt}×1×1`,
      formula: `${m} · ${cin} · ${kh} · ${kw} + ${cout} · ${m} · ${kt}`,
      weights: c.conv2plus1d.total,
      macs: c.macs.conv2plus1d,
      ratio: c.conv2plus1d.total / c.conv3d,
    },
  ];
}

/** "3×", "0.33×", "1.00×": a ratio to the 3-D conv. */
export function formatRatio(ratio: number): string {
  return `${formatSignificant(ratio, 3)}×`;
}

/** One paragraph stating every number the calculator shows: its text alternative. */
export function describe(state: ConvParamsState): string {
  const c = compute(state);
  const [two, three, factorised] = rows(state, c);
  const out = `${state.frames}×${state.height}×${state.width}`;
  return (
    `A layer from ${state.cin} to ${state.cout} channels with a ${three!.kernel} kernel, at an output of ${out} positions (T×H×W). ` +
    `2-D ${two!.kernel} on each frame: ${formatCount(two!.weights)} weights, ${formatMacs(two!.macs)}. ` +
    `3-D ${three!.kernel}: ${formatCount(three!.weights)} weights, ${formatMacs(three!.macs)} — ${formatRatio(1 / two!.ratio)} the 2-D layer. ` +
    `(2+1)-D with M = ${c.conv2plus1d.mid}: ${formatCount(factorised!.weights)} weights, ${formatMacs(factorised!.macs)} (${formatRatio(factorised!.ratio)} the 3-D layer). ` +
    'Biases are not counted; one MAC is one multiply-accumulate, two FLOPs.'
  );
}
