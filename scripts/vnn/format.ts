/**
 * Output of the vnn command line: plain-text tables and JSON objects, built from
 * catalogue entries and analyses. Pure functions of their arguments.
 */
import type { Analysis, AnalysisRow } from '../../src/lib/video-nn/analysis';
import { formatCost, formatSi } from '../../src/lib/video-nn/analysis/format';
import type { ClipShape } from '../../src/lib/video-nn/spec';

/** 33371472 → "33,371,472" */
export function groupDigits(n: number): string {
  return Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function formatClip(c: ClipShape): string {
  return `${c.channels}×${c.frames}×${c.height}×${c.width}`;
}

function formatShape(shape: readonly number[]): string {
  return shape.length === 1 ? `[${shape[0]}]` : shape.join('×');
}

/** Left-aligns text columns and right-aligns numeric ones (those given in `right`). */
export function table(header: readonly string[], rows: readonly (readonly string[])[], right: ReadonlySet<number>): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (right.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export interface ListItem {
  id: string;
  title: string;
  input: ClipShape;
  params: number;
  macs: number;
}

export function listJson(items: readonly ListItem[]): string {
  return JSON.stringify(items, null, 2);
}

export function listTable(items: readonly ListItem[]): string {
  const rows = items.map((i) => [i.id, formatClip(i.input), groupDigits(i.params), `${(i.macs / 1e9).toFixed(2)}`]);
  return `${table(['id', 'input C×T×H×W', 'parameters', 'GMACs'], rows, new Set([2, 3]))}\n\nMACs: multiply-accumulates for one clip at the default input; FLOPs = 2 × MACs.`;
}

export interface LayerJson {
  name: string;
  kind: string;
  depth: number;
  outputShape: number[];
  params: number;
  macs: number;
  receptiveField: { temporal: number; spatial: number };
  attentionEntries?: number;
}

export interface AnalysisJson {
  id: string;
  input: ClipShape;
  outputShape: number[];
  params: number;
  macs: number;
  layers: LayerJson[];
}

function layerJson(r: AnalysisRow): LayerJson {
  return {
    name: r.name,
    kind: r.kind,
    depth: r.depth,
    outputShape: r.outputShape,
    params: r.params,
    macs: r.macs,
    receptiveField: r.receptiveField,
    ...(r.attentionEntries !== undefined ? { attentionEntries: r.attentionEntries } : {}),
  };
}

export function analysisObject(id: string, a: Analysis): AnalysisJson {
  return { id, input: a.input, outputShape: a.outputShape, params: a.totals.params, macs: a.totals.macs, layers: a.rows.map(layerJson) };
}

export function analysisJson(id: string, a: Analysis): string {
  return JSON.stringify(analysisObject(id, a), null, 2);
}

/** Per-layer table, names indented by nesting depth; composite rows (adds, concatenations) included. */
export function analysisTable(id: string, title: string, a: Analysis): string {
  const rows = a.rows.map((r) => [
    `${'  '.repeat(r.depth)}${r.name}`,
    r.kind,
    formatShape(r.outputShape),
    r.params ? groupDigits(r.params) : '0',
    r.macs ? formatSi(r.macs).trimEnd() : '0',
    `${r.receptiveField.temporal}×${r.receptiveField.spatial}`,
  ]);
  const head = `${id}: ${title}, input ${formatClip(a.input)}`;
  const body = table(['layer', 'kind', 'output', 'params', 'MACs', 'RF t×s'], rows, new Set([3, 4, 5]));
  const total = `total: ${groupDigits(a.totals.params)} parameters; ${formatCost(a.totals.macs)}; output ${formatShape(a.outputShape)}`;
  const note = 'RF t×s: input frames × pixels (along the longer side) that can reach one output unit.';
  return [head, '', body, '', total, note].join('\n');
}
