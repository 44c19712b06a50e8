/**
 * What the fusion widget draws, computed from specs: the per-layer table of
 * receptive fields (the library's analyze()) and the diagram of which frames
 * feed which units along time (from the same layers' kernels, strides and
 * paddings). Two networks per fusion kind: the chapter's worked example
 * (fusion({ kind }), 3×20×64×64) and the trained tiny model's own spec from the
 * registry (3×8×32×32), the one whose accuracy the widget measures. Pure: no
 * DOM, no tfjs.
 */
import { analyze, type Analysis, type AnalysisRow } from '../../lib/video-nn/analysis/analyze';
import { resolvePadding } from '../../lib/video-nn/analysis/primitives';
import { fusion, type FusionKind } from '../../lib/video-nn/spec/teaching';
import type { Layer, ModelSpec } from '../../lib/video-nn/spec/types';
import { findTrainable } from '../../lib/video-nn/training/registry';

export const FUSION_KINDS = ['single', 'late', 'early', 'slow'] as const satisfies readonly FusionKind[];
export const NETWORKS = ['example', 'trained'] as const;
export type Network = (typeof NETWORKS)[number];

/** The shipped model trained for each fusion kind on 4-way motion direction. */
export const TRAINED_MODEL: Record<FusionKind, string> = {
  single: 'motion4_single_frame',
  late: 'motion4_late_fusion',
  early: 'motion4_early_fusion',
  slow: 'motion4_c3d',
};

export const KIND_LABEL: Record<FusionKind, string> = {
  single: 'Single frame',
  late: 'Late fusion',
  early: 'Early fusion',
  slow: 'Slow fusion',
};

export function fusionSpec(kind: FusionKind, network: Network): ModelSpec {
  if (network === 'example') return fusion({ kind });
  const entry = findTrainable(TRAINED_MODEL[kind]);
  if (!entry) throw new Error(`fusionSpec: the registry has no model ${TRAINED_MODEL[kind]}`);
  return entry.spec();
}

export interface RfRow {
  name: string;
  /** In words: "conv 3×3×3", "max pool 1×4×4", "global average pool" … */
  what: string;
  /** C×T×H×W, or [features]. */
  outputShape: number[];
  /** Input frames that can reach one unit of this layer. */
  temporal: number;
  /** Input pixels (along a side) that can reach one unit. */
  spatial: number;
}

export interface FusionTable {
  spec: ModelSpec;
  analysis: Analysis;
  rows: RfRow[];
  /** The first row whose units see more than one frame (undefined: none does). */
  meetsAt: number | undefined;
}

const triple = (t: readonly number[]) => t.join('×');

function describeRow(row: AnalysisRow): string {
  const layer = row.layer;
  if (!layer) return row.kind;
  switch (layer.kind) {
    case 'conv3d': {
      const stride = layer.stride && layer.stride.some((s) => s !== 1) ? `, stride ${triple(layer.stride)}` : '';
      return `conv ${triple(layer.kernel)}${stride}`;
    }
    case 'maxPool3d':
    case 'avgPool3d':
      return `${layer.kind === 'maxPool3d' ? 'max' : 'average'} pool ${triple(layer.kernel)}`;
    case 'globalAvgPool':
      return layer.keepTime ? 'average over space' : 'global average pool';
    case 'linear':
      return `classifier on ${layer.inFeatures.toLocaleString('en-US')} features`;
    default:
      return layer.kind;
  }
}

/** Layers that change what a unit can see: windows, global pools, and a classifier over an unpooled map. */
function shown(row: AnalysisRow, previous: AnalysisRow | undefined): boolean {
  if (row.kind === 'conv3d' || row.kind === 'maxPool3d' || row.kind === 'avgPool3d' || row.kind === 'globalAvgPool') return true;
  if (row.kind !== 'linear' || !previous) return false;
  const before = previous.receptiveField;
  return before.temporal !== row.receptiveField.temporal || before.spatial !== row.receptiveField.spatial;
}

export function fusionTable(kind: FusionKind, network: Network): FusionTable {
  const spec = fusionSpec(kind, network);
  const analysis = analyze(spec);
  const rows = analysis.rows
    .filter((row, i) => shown(row, analysis.rows[i - 1]))
    .map((row) => ({ name: row.name, what: describeRow(row), outputShape: row.outputShape, ...row.receptiveField }));
  const meets = rows.findIndex((r) => r.temporal > 1);
  return { spec, analysis, rows, meetsAt: meets < 0 ? undefined : meets };
}

/**
 * The diagram along time: one row of units per shown layer (plus the input
 * frames first), and for each unit the units of the row below that feed it.
 * `sources[j]` lists the indices below that unit j reads.
 */
export interface TimeRow {
  name: string;
  size: number;
  sources: number[][];
}

/** Frames kept by a window of kernel k, stride s, padding p over `size` positions. */
function windowSources(size: number, k: number, s: number, p: number, outSize: number): number[][] {
  return Array.from({ length: outSize }, (_, j) => {
    const from = j * s - p;
    const list: number[] = [];
    for (let i = Math.max(0, from); i < Math.min(size, from + k); i++) list.push(i);
    return list;
  });
}

const framesOf = (shape: readonly number[]) => (shape.length === 4 ? shape[1]! : 1);

export function timeGraph(table: FusionTable): TimeRow[] {
  const byName = new Map(table.analysis.rows.map((r) => [r.name, r]));
  const graph: TimeRow[] = [{ name: 'input', size: table.spec.defaultInput.frames, sources: [] }];
  for (const row of table.rows) {
    const below = graph[graph.length - 1]!.size;
    const full = byName.get(row.name)!;
    const size = framesOf(full.outputShape);
    graph.push({ name: row.name, size, sources: sourcesOf(full.layer, below, size) });
  }
  return graph;
}

function sourcesOf(layer: Layer | undefined, below: number, size: number): number[][] {
  const all = Array.from({ length: below }, (_, i) => i);
  if (!layer) return Array.from({ length: size }, () => all);
  switch (layer.kind) {
    case 'conv3d': {
      const [pt] = resolvePadding(layer);
      return windowSources(below, layer.kernel[0], (layer.stride ?? [1, 1, 1])[0], pt, size);
    }
    case 'maxPool3d':
    case 'avgPool3d':
      return windowSources(below, layer.kernel[0], (layer.stride ?? layer.kernel)[0], (layer.padding ?? [0, 0, 0])[0], size);
    case 'globalAvgPool':
      return layer.keepTime ? all.map((i) => [i]) : [all];
    default:
      // A classifier over a flattened volume reads every position of it.
      return Array.from({ length: size }, () => all);
  }
}

/** The input frames a unit can reach: follow its sources down to the input row. */
export function reachableFrames(graph: readonly TimeRow[], row: number, unit: number): number[] {
  let current = new Set([unit]);
  for (let r = row; r > 0; r--) {
    const next = new Set<number>();
    for (const j of current) for (const i of graph[r]!.sources[j]!) next.add(i);
    current = next;
  }
  return [...current].sort((a, b) => a - b);
}
