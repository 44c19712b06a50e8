/**
 * State of the C3D table (chapter 4): which cost unit, whether rows are stages or
 * layers, and how many classes fc8 has. The rows are the library's analysis of
 * the C3D spec (`analyze(c3d(...))`), grouped; nothing here is a typed figure.
 * Pure: used at build time by C3dTable.astro and in the browser by view.ts.
 */
import { defaultsOf, parseSettings, serialiseSettings, type Setting, type SettingsState } from '../shared/settings';
import { analyze, type Analysis, type AnalysisRow } from '../../lib/video-nn/analysis/analyze';
import { flopsFromMacs, formatSi } from '../../lib/video-nn/analysis/format';
import { formatCount } from '../../lib/video-nn/analysis/videoSize';
import { c3d } from '../../lib/video-nn/spec/c3d';
import type { ClipShape } from '../../lib/video-nn/spec/types';

export const SETTINGS = [
  { kind: 'choice', key: 'unit', label: 'Cost unit', choices: ['macs', 'flops'], default: 'macs' },
  { kind: 'choice', key: 'rows', label: 'Rows', choices: ['stages', 'layers'], default: 'stages' },
  { kind: 'choice', key: 'classes', label: 'Classes', choices: [101, 487], default: 101 },
] as const satisfies readonly Setting[];

export interface C3dTableState {
  unit: 'macs' | 'flops';
  rows: 'stages' | 'layers';
  classes: 101 | 487;
}

export const DEFAULT_STATE = defaultsOf(SETTINGS) as unknown as C3dTableState;

/** The clip C3D was designed for, channels first: 3×16×112×112. */
export const C3D_INPUT: ClipShape = { channels: 3, frames: 16, height: 112, width: 112 };

export const CHOICE_LABELS = {
  unit: { macs: 'MACs', flops: 'FLOPs' },
  rows: { stages: 'Stages', layers: 'Layers' },
  classes: { 101: '101 (UCF-101)', 487: '487 (Sports-1M)' },
} as const;

export function parseState(pairs: Iterable<[string, string]>, ignoreKeys: readonly string[] = []): { state: C3dTableState; notes: string[] } {
  const { state, notes } = parseSettings(SETTINGS, pairs, ignoreKeys);
  return { state: state as unknown as C3dTableState, notes };
}

export function toQuery(state: C3dTableState): string {
  return serialiseSettings(SETTINGS, state as unknown as SettingsState).toString();
}

export function analyzeC3d(classes: C3dTableState['classes']): Analysis {
  return analyze(c3d({ numClasses: classes }), C3D_INPUT);
}

export interface TableRow {
  /** A stage id (conv1 … conv5, fc) or a layer name. */
  id: string;
  label: string;
  /** Output shape C×T×H×W (or features after the fully connected layers). */
  shape: number[];
  params: number;
  macs: number;
  /** Share of the whole network's MACs, 0…1. */
  share: number;
}

export interface Table {
  rows: TableRow[];
  total: { params: number; macs: number };
  /** The number each cost is divided by for display (1e6: millions). */
  unit: C3dTableState['unit'];
}

/** Layers that carry a shape change or a cost; ReLU, dropout and flatten are folded away. */
const shown = (r: AnalysisRow) => r.depth === 0 && (r.kind === 'conv3d' || r.kind === 'maxPool3d' || r.kind === 'linear');

/** conv1a, pool1 → conv1; fc6, fc7, fc8 → fc. */
export function stageOf(name: string): string {
  const match = /^(?:conv|pool)(\d)/.exec(name);
  if (match) return `conv${match[1]}`;
  return 'fc';
}

function stageLabel(names: string[]): string {
  const convs = names.filter((n) => n.startsWith('conv') || n.startsWith('fc'));
  const pools = names.filter((n) => n.startsWith('pool'));
  if (convs[0]!.startsWith('fc')) return convs.length > 1 ? `${convs[0]}–${convs.at(-1)}` : convs[0]!;
  return `${convs.join(', ')}${pools.length ? ` + ${pools.join(', ')}` : ''}`;
}

export function table(state: C3dTableState, analysis: Analysis = analyzeC3d(state.classes)): Table {
  const total = analysis.totals;
  const layers = analysis.rows.filter(shown);
  const rows: TableRow[] =
    state.rows === 'layers'
      ? layers.map((r) => ({ id: r.name, label: r.name, shape: r.outputShape, params: r.params, macs: r.macs, share: r.macs / total.macs }))
      : [...groupBy(layers, (r) => stageOf(r.name))].map(([id, group]) => {
          const params = group.reduce((s, r) => s + r.params, 0);
          const macs = group.reduce((s, r) => s + r.macs, 0);
          return { id, label: stageLabel(group.map((r) => r.name)), shape: group.at(-1)!.outputShape, params, macs, share: macs / total.macs };
        });
  return { rows, total, unit: state.unit };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}

/** The cost in the chosen unit: MACs, or FLOPs = 2 × MACs. */
export function cost(macs: number, unit: C3dTableState['unit']): number {
  return unit === 'flops' ? flopsFromMacs(macs) : macs;
}

/** A cost in millions, whole: 1,040,449,536 MACs → "1,040". */
export function millions(macs: number, unit: C3dTableState['unit']): string {
  return formatCount(cost(macs, unit) / 1e6);
}

export function formatShape(shape: readonly number[]): string {
  return shape.join('×');
}

export function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

export function costHeading(unit: C3dTableState['unit']): string {
  return unit === 'flops' ? 'MFLOPs (2 × MACs)' : 'M MACs';
}

/** "38.55 G MACs" / "77.09 GFLOPs (2 × MACs)". */
export function formatTotal(macs: number, unit: C3dTableState['unit']): string {
  return unit === 'flops' ? `${formatSi(flopsFromMacs(macs))}FLOPs (2 × MACs)` : `${formatSi(macs)}MACs`;
}

export function caption(state: C3dTableState): string {
  const what = state.rows === 'stages' ? 'stage' : 'layer';
  return `C3D per ${what} on a 3×16×112×112 clip (C×T×H×W), ${state.classes} classes: output shape, parameters and ${state.unit === 'flops' ? 'FLOPs' : 'multiply-accumulates'}, computed from the network's specification.`;
}

/** One paragraph stating the table: its text alternative and live summary. */
export function describe(state: C3dTableState, t: Table = table(state)): string {
  const biggest = t.rows.reduce((a, b) => (b.macs > a.macs ? b : a));
  const first = t.rows[0]!;
  return (
    `C3D on a 3×16×112×112 clip: ${formatCount(t.total.params)} parameters and ${formatTotal(t.total.macs, state.unit)} per clip. ` +
    `${first.label} outputs ${formatShape(first.shape)} for ${millions(first.macs, state.unit)} ${costHeading(state.unit)}; ` +
    `the most expensive ${state.rows === 'stages' ? 'stage' : 'layer'} is ${biggest.label} (${millions(biggest.macs, state.unit)} ${costHeading(state.unit)}, ${percent(biggest.share)} of the total).`
  );
}
