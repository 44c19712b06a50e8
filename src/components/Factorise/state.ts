/**
 * State of the factorisation calculator: one kt×k×k convolution from C_in to
 * C_out channels and the output size it runs at. Every figure comes from the
 * library's `compareFactorisation`; this file decides which inputs are allowed,
 * how they read from and write to a URL, and how the result is put into words.
 */
import { defaultsOf, parseSettings, serialiseSettings, type Setting, type SettingsState } from '../shared/settings';
import { compareFactorisation, type FactorisationComparison } from '../../lib/video-nn/analysis/factorisation';
import { formatCount, formatSignificant } from '../../lib/video-nn/analysis/videoSize';
import { formatMacs } from '../../lib/video-nn/analysis/format';

export const SETTINGS = [
  { kind: 'number', key: 'cin', label: 'Input channels C_in', min: 1, max: 2048, integer: true, default: 64 },
  { kind: 'number', key: 'cout', label: 'Output channels C_out', min: 1, max: 2048, integer: true, default: 64 },
  { kind: 'number', key: 'kt', label: 'Temporal extent k_t', min: 1, max: 7, integer: true, default: 3 },
  { kind: 'number', key: 'k', label: 'Spatial extent k', min: 1, max: 7, integer: true, default: 3 },
  { kind: 'number', key: 't', label: 'Output frames T', min: 1, max: 256, integer: true, default: 16 },
  { kind: 'number', key: 'h', label: 'Output height H', min: 1, max: 512, integer: true, default: 56, unit: 'px' },
  { kind: 'number', key: 'w', label: 'Output width W', min: 1, max: 512, integer: true, default: 56, unit: 'px' },
] as const satisfies readonly Setting[];

export type Key = (typeof SETTINGS)[number]['key'];

export type FactoriseState = Record<Key, number>;

export const DEFAULT_STATE = defaultsOf(SETTINGS) as FactoriseState;

/**
 * Starting points: stride-1 convolutions of torchvision's r2plus1d_18 at its
 * 3×16×112×112 input (output sizes as there), a widening one, and the stem.
 */
export const PRESETS = {
  layer1: { label: 'layer1: 64 → 64', state: { ...DEFAULT_STATE } },
  layer2: { label: 'layer2: 128 → 128', state: { ...DEFAULT_STATE, cin: 128, cout: 128, t: 8, h: 28, w: 28 } },
  layer4: { label: 'layer4: 512 → 512', state: { ...DEFAULT_STATE, cin: 512, cout: 512, t: 2, h: 7, w: 7 } },
  widen: { label: 'widening: 64 → 128', state: { ...DEFAULT_STATE, cout: 128, t: 8, h: 28, w: 28 } },
  stem: { label: 'stem: 3 → 64, 3×7×7', state: { ...DEFAULT_STATE, cin: 3, k: 7 } },
} as const satisfies Record<string, { label: string; state: FactoriseState }>;

export type PresetId = keyof typeof PRESETS;

export function isPresetId(value: string): value is PresetId {
  return Object.hasOwn(PRESETS, value);
}

export function matchingPreset(state: FactoriseState): PresetId | undefined {
  return (Object.keys(PRESETS) as PresetId[]).find((id) => SETTINGS.every((s) => PRESETS[id].state[s.key] === state[s.key]));
}

/**
 * Reads state from string pairs (attributes or an embed URL's query): `preset`
 * first, then explicit values override it. Never throws; refused values become notes.
 */
export function parseState(pairs: Iterable<[string, string]>, ignoreKeys: readonly string[] = []): { state: FactoriseState; notes: string[] } {
  const list = [...pairs];
  const notes: string[] = [];
  let state: FactoriseState = { ...DEFAULT_STATE };
  const presetRaw = list.find(([k]) => k === 'preset')?.[1];
  if (presetRaw !== undefined) {
    if (isPresetId(presetRaw.trim())) state = { ...PRESETS[presetRaw.trim() as PresetId].state };
    else notes.push(`Ignored preset “${presetRaw.slice(0, 24)}”: expected one of ${Object.keys(PRESETS).join(', ')}.`);
  }
  const explicit = list.filter(([k]) => k !== 'preset');
  const parsed = parseSettings(SETTINGS, explicit, ignoreKeys);
  notes.push(...parsed.notes);
  const given = new Set(explicit.map(([k]) => k));
  for (const s of SETTINGS) if (given.has(s.key)) state[s.key] = parsed.state[s.key] as number;
  return { state, notes };
}

export function toQuery(state: FactoriseState): string {
  return serialiseSettings(SETTINGS, state as unknown as SettingsState).toString();
}

export function compute(state: FactoriseState): FactorisationComparison {
  return compareFactorisation(
    { inChannels: state.cin, outChannels: state.cout, kt: state.kt, k: state.k },
    { frames: state.t, height: state.h, width: state.w },
  );
}

export const kernelLabel = (kt: number, kh: number, kw: number = kh) => `${kt}×${kh}×${kw}`;

export function percent(ratio: number): string {
  return `${formatSignificant(ratio * 100, 3)}%`;
}

/** The formula with this state's numbers: M = ⌊110,592 / 768⌋ = 144. */
export function formulaText(result: FactorisationComparison): string {
  const { inChannels: cin, outChannels: cout, kt, k } = result.shape;
  const { numerator, denominator, exact, mid } = result.terms;
  return (
    `M = ⌊k_t·k²·C_in·C_out / (k²·C_in + k_t·C_out)⌋ = ⌊${kt}·${k * k}·${cin}·${cout} / (${k * k}·${cin} + ${kt}·${cout})⌋ ` +
    `= ⌊${formatCount(numerator)} / ${formatCount(denominator)}⌋ = ⌊${formatSignificant(exact, 5)}⌋ = ${formatCount(mid)}`
  );
}

/** One paragraph saying what the figure shows, with its numbers: the widget's text alternative. */
export function describe(state: FactoriseState, result: FactorisationComparison = compute(state)): string {
  const { kt, k, cin, cout } = state;
  const full = result.full;
  const m = result.matched;
  const same = result.sameWidth;
  const size = `${state.t}×${state.h}×${state.w}`;
  const floorNote = result.terms.mid < 1 ? ' (the formula gives 0, so 1 is used)' : '';
  return (
    `A full ${kernelLabel(kt, k)} convolution from ${formatCount(cin)} to ${formatCount(cout)} channels has ` +
    `${formatCount(full.weights)} weights and costs ${formatMacs(full.macs)} at a ${size} output. ` +
    `R(2+1)D's formula gives M = ${formatCount(m.mid)}${floorNote}: a ${kernelLabel(1, k)} convolution to ${formatCount(m.mid)} channels ` +
    `(${formatCount(m.spatial)} weights) then a ${kernelLabel(kt, 1)} convolution to ${formatCount(cout)} ` +
    `(${formatCount(m.temporal)}), ${formatCount(m.total)} weights in all, ${percent(m.ratioToFull)} of the full kernel, ` +
    `${formatMacs(m.macs.total)}, with a nonlinearity between the two. ` +
    `Keeping M equal to the output width, ${formatCount(cout)}, as S3D does, gives ${formatCount(same.total)} weights ` +
    `(${percent(same.ratioToFull)}) and ${formatMacs(same.macs.total)}.`
  );
}
