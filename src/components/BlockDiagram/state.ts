/**
 * State of the block diagrams: which network (R3D, MC, rMC, R(2+1)D, S3D) and,
 * for the mixed ones, the group x at which 3-D and 2-D swap. Everything drawn
 * comes from the library: the spec builders and `networkUnits`, which reads
 * kernels, channels and shapes from the spec and costs from `analyze`.
 */
import { defaultsOf, parseSettings, serialiseSettings, type Setting, type SettingsState } from '../shared/settings';
import { mixedConvResNet, type MixedConvGroup } from '../../lib/video-nn/spec/mixedConv';
import { r2plus1d18, r3d18 } from '../../lib/video-nn/spec/videoResNet';
import { s3d } from '../../lib/video-nn/spec/s3d';
import { INCEPTION_V1_STEPS } from '../../lib/video-nn/spec/inceptionV1';
import type { ModelSpec } from '../../lib/video-nn/spec/types';
import { countKernelShapes, networkUnits, type ConvSummary, type KernelShape, type NetworkUnit, type UnitKind, type UnitStep } from '../../lib/video-nn/analysis/networkUnits';
import type { Analysis } from '../../lib/video-nn/analysis/analyze';
import { formatCount } from '../../lib/video-nn/analysis/videoSize';
import { formatMacs } from '../../lib/video-nn/analysis/format';

export const NETWORKS = ['r3d', 'mc', 'rmc', 'r2plus1d', 's3d'] as const;
export type NetworkId = (typeof NETWORKS)[number];

export const SETTINGS = [
  { kind: 'choice', key: 'net', label: 'Network', choices: NETWORKS, default: 'r3d' },
  { kind: 'choice', key: 'x', label: 'Group where the convolution type switches', choices: [2, 3, 4, 5], default: 3 },
] as const satisfies readonly Setting[];

export interface BlockDiagramState {
  net: NetworkId;
  x: MixedConvGroup;
}

export const DEFAULT_STATE = defaultsOf(SETTINGS) as unknown as BlockDiagramState;

export const usesGroup = (net: NetworkId) => net === 'mc' || net === 'rmc';

/** Button label of each network (the mixed ones with the current x). */
export function networkLabel(net: NetworkId, x: MixedConvGroup): string {
  switch (net) {
    case 'r3d':
      return 'R3D';
    case 'mc':
      return `MC${x}`;
    case 'rmc':
      return `rMC${x}`;
    case 'r2plus1d':
      return 'R(2+1)D';
    case 's3d':
      return 'S3D';
  }
}

export function specOf(state: BlockDiagramState): ModelSpec {
  switch (state.net) {
    case 'r3d':
      return r3d18();
    case 'mc':
      return mixedConvResNet('mc', state.x);
    case 'rmc':
      return mixedConvResNet('rmc', state.x);
    case 'r2plus1d':
      return r2plus1d18();
    case 's3d':
      return s3d();
  }
}

export interface Diagram {
  spec: ModelSpec;
  units: NetworkUnit[];
  analysis: Analysis;
  kernels: Record<KernelShape, number>;
}

const cache = new Map<string, Diagram>();

/** The analysed units of the state's network (specs are deterministic, so they are cached). */
export function diagramOf(state: BlockDiagramState): Diagram {
  const key = usesGroup(state.net) ? `${state.net}${state.x}` : state.net;
  let diagram = cache.get(key);
  if (!diagram) {
    const spec = specOf(state);
    const { units, analysis } = networkUnits(spec);
    diagram = { spec, units, analysis, kernels: countKernelShapes(units) };
    cache.set(key, diagram);
  }
  return diagram;
}

export function parseState(pairs: Iterable<[string, string]>, ignoreKeys: readonly string[] = []): { state: BlockDiagramState; notes: string[] } {
  const { state, notes } = parseSettings(SETTINGS, pairs, ignoreKeys);
  return { state: state as unknown as BlockDiagramState, notes };
}

export function toQuery(state: BlockDiagramState): string {
  // x means nothing to R3D, R(2+1)D or S3D, so it is left out of their links.
  const relevant = usesGroup(state.net) ? state : { ...state, x: DEFAULT_STATE.x };
  return serialiseSettings(SETTINGS, relevant as unknown as SettingsState).toString();
}

export const KIND_LABEL: Record<UnitKind, string> = {
  '3d': '3-D',
  '2plus1d': '(2+1)-D',
  separable: 'separable',
  '2d': '2-D',
  temporal: 'temporal',
  pointwise: '1×1×1',
  pool: 'pool',
  head: 'head',
};

/** The legend: what each kind means, in a few words. */
export const KIND_MEANING: Record<UnitKind, string> = {
  '3d': 't×k×k kernels over space and time',
  '2plus1d': '1×k×k to M channels, then t×1×1',
  separable: '1×k×k then k×1×1, same width',
  '2d': '1×k×k per frame, no time',
  temporal: 't×1×1 only',
  pointwise: '1×1×1 only',
  pool: 'pooling',
  head: 'pool and classifier',
};

const triple = ([t, hh, w]: readonly number[]) => `${t}×${hh}×${w}`;

function strideText(stride: readonly number[]): string {
  if (stride.every((s) => s === 1)) return '';
  return stride.every((s) => s === stride[0]) ? ` /${stride[0]}` : ` /${triple(stride)}`;
}

/** "3×3×3→128 /2": kernel, output channels and stride (dw marks a depthwise conv). */
export function convText(conv: ConvSummary): string {
  return `${triple(conv.kernel)}${conv.depthwise ? ' dw' : ''}→${conv.outChannels}${strideText(conv.stride)}`;
}

function stepText(step: UnitStep): string {
  switch (step.kind) {
    case 'conv':
      return convText(step.conv);
    case 'pool':
      return `${step.pool.kind === 'maxPool3d' ? 'max' : 'avg'} pool ${triple(step.pool.kernel)}${strideText(step.pool.stride)}`;
    case 'globalAvgPool':
      return 'global avg pool';
    case 'linear':
      return `fc ${step.linear.inFeatures}→${step.linear.outFeatures}`;
  }
}

/** The readable name of a unit: torchvision's module name, with the Inception name for S3D's features. */
export function unitName(unit: NetworkUnit, net: NetworkId): string {
  if (unit.kind === 'head') return 'head';
  const match = /^features\.(\d+)$/.exec(unit.name);
  if (net === 's3d' && match) {
    const step = INCEPTION_V1_STEPS[Number(match[1]) - 5];
    if (step) return 'block' in step ? step.block : step.pool;
  }
  return unit.name;
}

/** Lines of text describing a unit's layers; each line is a list of parts the view may wrap between. */
export function unitLines(unit: NetworkUnit): { parts: string[]; separator: string }[] {
  if (unit.structure === 'inception') {
    const branches = unit.branches.map((convs, i) => {
      const pool = i === unit.branches.length - 1 && unit.pools[0] ? [`pool ${triple(unit.pools[0].kernel)}`] : [];
      return [...pool, ...convs.map(convText)].join(' ▸ ');
    });
    // One line per branch, so the four paths read side by side.
    return branches.map((b, i) => ({ parts: [`${i + 1}: ${b}`], separator: ' ' }));
  }
  const lines: { parts: string[]; separator: string }[] = [];
  if (unit.structure === 'plain') {
    // Stems, pools and heads read in the order their layers run.
    lines.push({ parts: unit.steps.map(stepText), separator: ' ▸ ' });
  } else if (unit.convs.length > 0) lines.push({ parts: unit.convs.map(convText), separator: ' ▸ ' });
  if (unit.shortcut.length > 0) lines.push({ parts: [`shortcut ${unit.shortcut.map(convText).join(' ▸ ')}`], separator: ' ' });
  return lines;
}

const shapeText = (shape: readonly number[]) => shape.join('×');

/** One line per unit, for the text alternative: name, kind, layers, output shape. */
export function layerList(state: BlockDiagramState, diagram: Diagram = diagramOf(state)): string[] {
  return diagram.units.map((unit) => {
    const layers = unitLines(unit)
      .map((l) => l.parts.join(l.separator))
      .join('; ');
    return `${unitName(unit, state.net)} (${KIND_LABEL[unit.kind]}): ${layers}; output ${shapeText(unit.outputShape)}; ${formatCount(unit.params)} parameters.`;
  });
}

/** Where the network convolves in 3-D, (2+1)-D, separably or per frame, in words. */
function kindsByUnit(diagram: Diagram, net: NetworkId): string {
  const spatiotemporal = diagram.units.filter((u) => u.kind === '3d' || u.kind === '2plus1d' || u.kind === 'separable' || u.kind === '2d');
  const groups: { kind: UnitKind; names: string[] }[] = [];
  for (const unit of spatiotemporal) {
    const last = groups.at(-1);
    if (last && last.kind === unit.kind) last.names.push(unitName(unit, net));
    else groups.push({ kind: unit.kind, names: [unitName(unit, net)] });
  }
  const text = groups
    .map((g) => `${KIND_LABEL[g.kind]} in ${g.names.length === 1 ? g.names[0] : `${g.names[0]} to ${g.names.at(-1)}`}`)
    .join(', then ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function inputText(spec: ModelSpec): string {
  const i = spec.defaultInput;
  return `${i.channels}×${i.frames}×${i.height}×${i.width}`;
}

/** One paragraph saying what the diagram shows: the widget's live text alternative. */
export function describe(state: BlockDiagramState, diagram: Diagram = diagramOf(state)): string {
  const { spec, analysis, kernels } = diagram;
  return (
    `${spec.title} at a ${inputText(spec)} input: ${formatCount(analysis.totals.params)} parameters, ${formatMacs(analysis.totals.macs)}. ` +
    `${kindsByUnit(diagram, state.net)}. ` +
    `Kernels outside the shortcuts: ${kernels.full3d} full 3-D, ${kernels.spatial} spatial only (1×k×k), ${kernels.temporal} temporal only (t×1×1), ${kernels.pointwise} pointwise (1×1×1).`
  );
}

export interface ComparisonRow {
  net: NetworkId;
  title: string;
  input: string;
  params: number;
  macs: number;
  full3d: number;
}

/** Every network side by side (the mixed ones at the state's x). */
export function comparison(state: BlockDiagramState): ComparisonRow[] {
  return NETWORKS.map((net) => {
    const d = diagramOf({ net, x: state.x });
    return { net, title: d.spec.title, input: inputText(d.spec), params: d.analysis.totals.params, macs: d.analysis.totals.macs, full3d: d.kernels.full3d };
  });
}
