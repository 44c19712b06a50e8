/**
 * A spec cut into the units a block diagram draws — the stem, each residual or
 * Inception block, each pool between blocks, the head — with the convolutions
 * of each unit and what kind of space–time convolution the unit is:
 *
 * - '3d': at least one kt×k×k kernel with kt > 1 and k > 1 (R3D, C3D, I3D);
 * - '2plus1d': 1×k×k then kt×1×1, with an intermediate width M that differs from
 *   the output width (R(2+1)D);
 * - 'separable': 1×k×k then k×1×1 at the output width, as S3D separates its
 *   convolutions (no intermediate width of its own);
 * - '2d': spatial kernels only (per frame); 'temporal': kt×1×1 only;
 *   'pointwise': 1×1×1 only; 'pool' and 'head' have no spatial or temporal conv.
 *
 * Parameters and MACs per unit come from `analyze`, so a diagram and the tables
 * cannot disagree.
 */
import type { ClipShape, Conv3dLayer, Layer, ModelSpec, Pool3dLayer, Triple } from '../spec/types';
import { analyze, type Analysis } from './analyze';

/** How one kernel spans space and time. */
export type KernelShape = 'full3d' | 'spatial' | 'temporal' | 'pointwise';

export interface ConvSummary {
  name: string;
  kernel: Triple;
  stride: Triple;
  inChannels: number;
  outChannels: number;
  /** groups = channels: one filter per channel. */
  depthwise: boolean;
  shape: KernelShape;
}

export interface PoolSummary {
  name: string;
  kind: Pool3dLayer['kind'];
  kernel: Triple;
  stride: Triple;
}

export interface LinearSummary {
  name: string;
  inFeatures: number;
  outFeatures: number;
}

/** The layers of a plain unit in the order they run (how a head is read: pool, classifier, ...). */
export type UnitStep =
  | { kind: 'conv'; conv: ConvSummary }
  | { kind: 'pool'; pool: PoolSummary }
  | { kind: 'globalAvgPool' }
  | { kind: 'linear'; linear: LinearSummary };

export type UnitKind = '3d' | '2plus1d' | 'separable' | '2d' | 'temporal' | 'pointwise' | 'pool' | 'head';

export interface NetworkUnit {
  /** The spec name of the unit's first layer (`stem`, `layer2.0`, `features.5`, `avgpool`). */
  name: string;
  /** Top-level names of the layers the unit holds (several for a head made of loose layers). */
  members: string[];
  structure: 'plain' | 'residual' | 'inception';
  kind: UnitKind;
  /** Convolutions on the main path, in order (empty for an Inception block: see `branches`). */
  convs: ConvSummary[];
  /** An Inception block's branches, each its convolutions in order. */
  branches: ConvSummary[][];
  /** A residual block's projection shortcut (empty for an identity shortcut). */
  shortcut: ConvSummary[];
  pools: PoolSummary[];
  /** Fully connected layers (a head's classifier). */
  linears: LinearSummary[];
  /** A plain unit's convs, pools and classifier layers in the order they run (empty for blocks). */
  steps: UnitStep[];
  inputShape: number[];
  outputShape: number[];
  params: number;
  macs: number;
}

export function kernelShape([kt, kh, kw]: Triple): KernelShape {
  const spatial = kh > 1 || kw > 1;
  if (kt > 1 && spatial) return 'full3d';
  if (spatial) return 'spatial';
  if (kt > 1) return 'temporal';
  return 'pointwise';
}

function summariseConv(layer: Conv3dLayer): ConvSummary {
  const groups = layer.groups ?? 1;
  return {
    name: layer.name,
    kernel: layer.kernel,
    stride: layer.stride ?? [1, 1, 1],
    inChannels: layer.inChannels,
    outChannels: layer.outChannels,
    depthwise: groups > 1 && groups === layer.inChannels,
    shape: kernelShape(layer.kernel),
  };
}

interface Collected {
  convs: ConvSummary[];
  pools: PoolSummary[];
  linears: LinearSummary[];
  steps: UnitStep[];
  hasHeadLayer: boolean;
}

/** Convolutions and pools along a path, in order; a channel gate's (squeeze-excitation) convs are left out. */
function collect(layers: readonly Layer[], into: Collected = { convs: [], pools: [], linears: [], steps: [], hasHeadLayer: false }): Collected {
  for (const layer of layers) {
    switch (layer.kind) {
      case 'conv3d': {
        const conv = summariseConv(layer);
        into.convs.push(conv);
        into.steps.push({ kind: 'conv', conv });
        break;
      }
      case 'maxPool3d':
      case 'avgPool3d': {
        const pool: PoolSummary = { name: layer.name, kind: layer.kind, kernel: layer.kernel, stride: layer.stride ?? layer.kernel };
        into.pools.push(pool);
        into.steps.push({ kind: 'pool', pool });
        break;
      }
      case 'linear': {
        const linear = { name: layer.name, inFeatures: layer.inFeatures, outFeatures: layer.outFeatures };
        into.linears.push(linear);
        into.steps.push({ kind: 'linear', linear });
        into.hasHeadLayer = true;
        break;
      }
      case 'globalAvgPool':
        into.steps.push({ kind: 'globalAvgPool' });
        into.hasHeadLayer = true;
        break;
      case 'flatten':
        into.hasHeadLayer = true;
        break;
      case 'sequential':
        collect(layer.layers, into);
        break;
      case 'residual':
        collect(layer.body, into);
        break;
      case 'concat':
        for (const branch of layer.branches) collect(branch, into);
        break;
      default:
        break;
    }
  }
  return into;
}

/**
 * The kind of a unit from its convolutions. A factorised pair is 'separable'
 * when every spatial conv that feeds a temporal one already has the temporal
 * conv's output width, and '2plus1d' when it widens or narrows to an M of its own.
 */
export function classifyConvs(convs: readonly ConvSummary[]): Exclude<UnitKind, 'pool' | 'head'> | undefined {
  if (convs.length === 0) return undefined;
  const has = (shape: KernelShape) => convs.some((c) => c.shape === shape);
  if (has('full3d')) return '3d';
  if (has('spatial') && has('temporal')) {
    const pairs = convs.flatMap((c, i) => (c.shape === 'spatial' && convs[i + 1]?.shape === 'temporal' ? [[c, convs[i + 1]!] as const] : []));
    return pairs.every(([s, t]) => s.outChannels === t.outChannels) ? 'separable' : '2plus1d';
  }
  if (has('spatial')) return '2d';
  if (has('temporal')) return 'temporal';
  return 'pointwise';
}

/** A top-level sequential is a stage to open up when it holds blocks (residual or Inception). */
function isStage(layer: Layer): layer is Extract<Layer, { kind: 'sequential' }> {
  return layer.kind === 'sequential' && layer.layers.some((l) => l.kind === 'residual' || l.kind === 'concat');
}

const isComposite = (layer: Layer) => layer.kind === 'sequential' || layer.kind === 'residual' || layer.kind === 'concat';

/** Groups the spec's layers into units: stages are opened, loose primitive layers side by side are merged. */
function groupUnits(layers: readonly Layer[]): Layer[][] {
  const groups: Layer[][] = [];
  let loose: Layer[] = [];
  const flushLoose = () => {
    if (loose.length > 0) groups.push(loose);
    loose = [];
  };
  for (const layer of layers) {
    if (isStage(layer)) {
      flushLoose();
      groups.push(...groupUnits(layer.layers));
    } else if (isComposite(layer)) {
      flushLoose();
      groups.push([layer]);
    } else {
      loose.push(layer);
    }
  }
  flushLoose();
  return groups;
}

function makeUnit(layers: readonly Layer[], analysis: Analysis): NetworkUnit {
  const first = layers[0]!;
  const members = layers.map((l) => l.name);
  const inUnit = (name: string) => members.some((m) => name === m || name.startsWith(`${m}.`));
  const rows = analysis.rows.filter((r) => inUnit(r.name));
  const totals = rows.reduce((acc, r) => ({ params: acc.params + r.params, macs: acc.macs + r.macs }), { params: 0, macs: 0 });
  const base = {
    name: first.name,
    members,
    inputShape: rows[0]?.inputShape ?? [],
    outputShape: rows.at(-1)?.outputShape ?? [],
    ...totals,
  };
  if (layers.length === 1 && first.kind === 'concat') {
    const branches = first.branches.map((b) => collect(b).convs);
    const pools = first.branches.flatMap((b) => collect(b).pools);
    const kind = classifyConvs(branches.flat()) ?? 'pool';
    return { ...base, structure: 'inception', kind, convs: [], branches, shortcut: [], pools, linears: [], steps: [] };
  }
  if (layers.length === 1 && first.kind === 'residual') {
    const body = collect(first.body);
    const shortcut = first.shortcut ? collect(first.shortcut).convs : [];
    const kind = classifyConvs(body.convs) ?? 'pointwise';
    return { ...base, structure: 'residual', kind, convs: body.convs, branches: [], shortcut, pools: body.pools, linears: [], steps: [] };
  }
  const found = collect(layers);
  const kind: UnitKind = found.hasHeadLayer ? 'head' : (classifyConvs(found.convs) ?? (found.pools.length > 0 ? 'pool' : 'head'));
  return { ...base, structure: 'plain', kind, convs: found.convs, branches: [], shortcut: [], pools: found.pools, linears: found.linears, steps: found.steps };
}

/** The units of a spec, in order, with their convolutions, kinds, shapes and costs at `input`. */
export function networkUnits(spec: ModelSpec, input: ClipShape = spec.defaultInput): { units: NetworkUnit[]; analysis: Analysis } {
  const analysis = analyze(spec, input);
  return { units: groupUnits(spec.layers).map((layers) => makeUnit(layers, analysis)), analysis };
}

/** Convolutions of a unit, main path and branches together (shortcuts left out). */
export function unitConvs(unit: NetworkUnit): ConvSummary[] {
  return unit.structure === 'inception' ? unit.branches.flat() : unit.convs;
}

/** How many convolutions of each kernel shape a list of units holds (shortcuts left out). */
export function countKernelShapes(units: readonly NetworkUnit[]): Record<KernelShape, number> {
  const counts: Record<KernelShape, number> = { full3d: 0, spatial: 0, temporal: 0, pointwise: 0 };
  for (const unit of units) for (const conv of unitConvs(unit)) counts[conv.shape] += 1;
  return counts;
}
