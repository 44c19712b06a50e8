/**
 * analyze(spec, input): per-layer output shapes, parameters, multiply-accumulates
 * and receptive fields of a model spec, without building it.
 *
 * What is counted
 * - Parameters: conv and linear weights and biases, batch-norm scale and shift
 *   (2C; C for a shift-only norm). Running mean/variance are statistics, not
 *   parameters.
 * - MACs (multiply-accumulates): convolutions, output elements × (Cin/groups) ×
 *   kt·kh·kw, and linear layers, in × out (per token on token sequences); for
 *   transformers and skeleton graphs also the activation-by-activation matmuls,
 *   attention's Q·Kᵀ and attention·V and the graph aggregation over joints (see
 *   tokenPrimitives.ts). Biases, norms, activations, softmax, pooling, residual
 *   additions, gate multiplications, shifts and concatenations count 0. This is the
 *   convention of torchvision's documented "GFLOPS" for its video models (which
 *   are really G MACs) and of the C3D figures in the curriculum. FLOPs = 2 × MACs;
 *   see format.ts. For mmaction2/mmcv's wider convention see mmcvFlops.ts.
 * - Receptive field: the recurrence size += (k − 1)·jump, jump *= stride, per axis,
 *   through every window (conv, pool); the max over paths where paths meet; the
 *   whole input extent at a global pool or a linear layer over a flattened volume
 *   (and so after a squeeze-excitation gate), and along the axes an attention
 *   layer mixes. A pathway sampling every s-th frame
 *   starts with a temporal jump of s.
 *   `receptiveField` is clamped to the input (the part of the clip a unit can
 *   actually see); `unclampedReceptiveField` is the recurrence's raw value, which
 *   can exceed the input because it counts padding.
 */
import type { ClipShape, Layer, ModelSpec, PrimitiveLayer } from '../spec/types';
import { SpecError, isPositiveInteger, mergeFields, type AxisField } from './arithmetic';
import { analyzePrimitive, describeTensor, shapeOf, type FieldState, type Flow, type Volume } from './primitives';

export { SpecError } from './arithmetic';

export interface ReceptiveField {
  /** Input frames that can influence one output unit. */
  temporal: number;
  /** Input pixels (along the larger of height and width) that can influence one output unit. */
  spatial: number;
}

export interface AnalysisRow {
  name: string;
  kind: Layer['kind'];
  /** 0 for top-level layers, +1 inside each composite layer. */
  depth: number;
  /** [C, T, H, W]; [features] after flatten; [tokens, width] (or [frames, tokens, width]) for token sequences. */
  inputShape: number[];
  outputShape: number[];
  params: number;
  /** Multiply-accumulates for one clip (FLOPs = 2 × MACs). */
  macs: number;
  receptiveField: ReceptiveField;
  unclampedReceptiveField: ReceptiveField;
  /** Input positions between neighbouring output units (the product of strides so far). */
  cumulativeStride: ReceptiveField;
  /** The primitive layer's spec; absent on rows of composite layers (adds, concatenations). */
  layer?: PrimitiveLayer;
  /** On a residual row: the activation applied after the addition. */
  activation?: 'relu';
  /** On an attention row: query–key pairs for one clip, as counted by attentionCost(). */
  attentionEntries?: number;
}

export interface Analysis {
  input: ClipShape;
  rows: AnalysisRow[];
  outputShape: number[];
  totals: { params: number; macs: number };
}

interface Context {
  input: ClipShape;
  rows: AnalysisRow[];
  names: Set<string>;
}

export function analyze(spec: ModelSpec | readonly Layer[], input?: ClipShape): Analysis {
  const layers = isModelSpec(spec) ? spec.layers : spec;
  const clip = input ?? (isModelSpec(spec) ? spec.defaultInput : undefined);
  if (!clip) throw new Error('analyze: no input shape given and the spec has no defaultInput');
  for (const key of ['channels', 'frames', 'height', 'width'] as const) {
    if (!isPositiveInteger(clip[key])) throw new Error(`analyze: input ${key} must be a positive integer, got ${clip[key]}`);
  }
  const ctx: Context = { input: clip, rows: [], names: new Set() };
  const unit: AxisField = { size: 1, jump: 1 };
  const start: Flow = {
    tensor: { kind: 'volume', c: clip.channels, t: clip.frames, h: clip.height, w: clip.width },
    field: { t: unit, h: unit, w: unit },
  };
  const end = walk(layers, start, ctx, 0);
  const totals = ctx.rows.reduce((acc, r) => ({ params: acc.params + r.params, macs: acc.macs + r.macs }), { params: 0, macs: 0 });
  return { input: clip, rows: ctx.rows, outputShape: shapeOf(end.tensor), totals };
}

/** Sum of params and MACs over the rows whose name starts with `prefix` (a stage, a block). */
export function subtotal(analysis: Analysis, prefix: string): { params: number; macs: number } {
  const inGroup = (name: string) => name === prefix || name.startsWith(`${prefix}.`);
  return analysis.rows
    .filter((r) => inGroup(r.name))
    .reduce((acc, r) => ({ params: acc.params + r.params, macs: acc.macs + r.macs }), { params: 0, macs: 0 });
}

function isModelSpec(spec: ModelSpec | readonly Layer[]): spec is ModelSpec {
  return !Array.isArray(spec);
}

function walk(layers: readonly Layer[], flow: Flow, ctx: Context, depth: number): Flow {
  let current = flow;
  for (const layer of layers) current = visit(layer, current, ctx, depth);
  return current;
}

function claimName(name: string, ctx: Context): void {
  if (!name) throw new SpecError('(unnamed)', 'every layer needs a name');
  if (ctx.names.has(name)) throw new SpecError(name, 'the name is used twice in this model');
  ctx.names.add(name);
}

function visit(layer: Layer, flow: Flow, ctx: Context, depth: number): Flow {
  claimName(layer.name, ctx);
  switch (layer.kind) {
    case 'sequential':
      return walk(layer.layers, flow, ctx, depth + 1);
    case 'residual':
      return visitResidual(layer, flow, ctx, depth);
    case 'concat':
      return visitConcat(layer, flow, ctx, depth);
    case 'channelGate':
      return visitChannelGate(layer, flow, ctx, depth);
    case 'twoPathway':
      return visitTwoPathway(layer, flow, ctx, depth);
    default: {
      const step = analyzePrimitive(layer, flow, ctx.input);
      const entries = step.attentionEntries !== undefined ? { attentionEntries: step.attentionEntries } : {};
      pushRow(ctx, { name: layer.name, kind: layer.kind, depth, input: flow, output: step.flow, params: step.params, macs: step.macs, layer, ...entries });
      return step.flow;
    }
  }
}

function requireVolume(name: string, flow: Flow, where: string): Volume {
  if (flow.tensor.kind !== 'volume') throw new SpecError(name, `${where} needs a C×T×H×W volume, got ${describeTensor(flow.tensor)}`);
  return flow.tensor;
}

const formatVolume = (v: Volume) => `${v.c}×${v.t}×${v.h}×${v.w}`;

function visitResidual(layer: Extract<Layer, { kind: 'residual' }>, flow: Flow, ctx: Context, depth: number): Flow {
  if (flow.tensor.kind === 'flat') requireVolume(layer.name, flow, 'a residual block');
  const body = walk(layer.body, flow, ctx, depth + 1);
  const shortcut = layer.shortcut ? walk(layer.shortcut, flow, ctx, depth + 1) : flow;
  if (flow.tensor.kind === 'tokens') return addTokens(layer, flow, body, shortcut, ctx, depth);
  const b = requireVolume(layer.name, body, 'the residual body');
  const s = requireVolume(layer.name, shortcut, 'the residual shortcut');
  if (b.c !== s.c || b.t !== s.t || b.h !== s.h || b.w !== s.w) {
    const what = layer.shortcut ? 'the shortcut' : 'the identity shortcut';
    const channels = b.c !== s.c ? `channels ${b.c} vs ${s.c}` : `T×H×W ${b.t}×${b.h}×${b.w} vs ${s.t}×${s.h}×${s.w}`;
    throw new SpecError(layer.name, `cannot add the body's ${formatVolume(b)} to ${what}'s ${formatVolume(s)} (${channels})`);
  }
  const out: Flow = { tensor: b, field: mergeFieldStates(body.field, shortcut.field) };
  const activation = layer.activation ? { activation: layer.activation } : {};
  pushRow(ctx, { name: layer.name, kind: 'residual', depth, input: flow, output: out, params: 0, macs: 0, ...activation });
  return out;
}

/** A transformer's residual connection: both paths must give the same token shape. */
function addTokens(layer: Extract<Layer, { kind: 'residual' }>, flow: Flow, body: Flow, shortcut: Flow, ctx: Context, depth: number): Flow {
  const a = shapeOf(body.tensor);
  const b = shapeOf(shortcut.tensor);
  const same = body.tensor.kind === shortcut.tensor.kind && a.length === b.length && a.every((n, i) => n === b[i]);
  if (!same) throw new SpecError(layer.name, `cannot add the body's ${describeTensor(body.tensor)} to the shortcut's ${describeTensor(shortcut.tensor)}`);
  const out: Flow = { tensor: body.tensor, field: mergeFieldStates(body.field, shortcut.field) };
  const activation = layer.activation ? { activation: layer.activation } : {};
  pushRow(ctx, { name: layer.name, kind: 'residual', depth, input: flow, output: out, params: 0, macs: 0, ...activation });
  return out;
}

function visitConcat(layer: Extract<Layer, { kind: 'concat' }>, flow: Flow, ctx: Context, depth: number): Flow {
  requireVolume(layer.name, flow, 'a concatenation');
  if (layer.branches.length === 0) throw new SpecError(layer.name, 'a concatenation needs at least one branch');
  const outs = layer.branches.map((branch) => walk(branch, flow, ctx, depth + 1));
  const volumes = outs.map((o, i) => requireVolume(layer.name, o, `branch ${i}`));
  const first = volumes[0]!;
  volumes.forEach((v, i) => {
    if (v.t !== first.t || v.h !== first.h || v.w !== first.w) {
      throw new SpecError(layer.name, `branch ${i} gives ${formatVolume(v)} but branch 0 gives ${formatVolume(first)}; concatenation needs equal T×H×W`);
    }
  });
  const channels = volumes.reduce((sum, v) => sum + v.c, 0);
  if (layer.outChannels !== undefined && layer.outChannels !== channels) {
    throw new SpecError(layer.name, `branches give ${volumes.map((v) => v.c).join(' + ')} = ${channels} channels, the layer declares ${layer.outChannels}`);
  }
  const field = outs.map((o) => o.field).reduce(mergeFieldStates);
  const out: Flow = { tensor: { ...first, c: channels }, field };
  pushRow(ctx, { name: layer.name, kind: 'concat', depth, input: flow, output: out, params: 0, macs: 0 });
  return out;
}

function visitChannelGate(layer: Extract<Layer, { kind: 'channelGate' }>, flow: Flow, ctx: Context, depth: number): Flow {
  const v = requireVolume(layer.name, flow, 'a channel gate');
  const gate = walk(layer.gate, flow, ctx, depth + 1);
  const g = requireVolume(layer.name, gate, 'the gate');
  const perChannel = g.t === 1 && g.h === 1 && g.w === 1;
  const sameShape = g.t === v.t && g.h === v.h && g.w === v.w;
  if (g.c !== v.c || !(perChannel || sameShape)) {
    throw new SpecError(layer.name, `the gate gives ${formatVolume(g)}, which cannot scale the input's ${formatVolume(v)} (needs ${v.c}×1×1×1 or ${formatVolume(v)})`);
  }
  const out: Flow = { tensor: v, field: mergeFieldStates(flow.field, gate.field) };
  pushRow(ctx, { name: layer.name, kind: 'channelGate', depth, input: flow, output: out, params: 0, macs: 0 });
  return out;
}

function visitTwoPathway(layer: Extract<Layer, { kind: 'twoPathway' }>, flow: Flow, ctx: Context, depth: number): Flow {
  const clip = requireVolume(layer.name, flow, 'a two-pathway network');
  const sample = (stride: number, which: string): Flow => {
    if (!isPositiveInteger(stride)) throw new SpecError(layer.name, `${which} frame stride must be a positive integer, got ${stride}`);
    // clip[:, ::stride] keeps frames 0, stride, 2·stride, …: ⌈T / stride⌉ of them.
    const t = Math.ceil(clip.t / stride);
    return { tensor: { ...clip, t }, field: { ...flow.field, t: { size: flow.field.t.size, jump: flow.field.t.jump * stride } } };
  };
  let slow = sample(layer.slowFrameStride, 'slow');
  let fast = sample(layer.fastFrameStride, 'fast');
  for (const stage of layer.stages) {
    claimName(stage.name, ctx);
    slow = walk(stage.slow, slow, ctx, depth + 1);
    fast = walk(stage.fast, fast, ctx, depth + 1);
    if (stage.lateral) {
      claimName(stage.lateral.name, ctx);
      const lateral = walk(stage.lateral.layers, fast, ctx, depth + 1);
      slow = fuse(stage.lateral.name, slow, lateral, 'the Slow pathway', 'the lateral connection', ctx, depth);
    }
  }
  return fuse(layer.name, slow, fast, 'the Slow pathway', 'the Fast pathway', ctx, depth);
}

/** Concatenate b onto a along channels; both must share T×H×W. */
function fuse(name: string, a: Flow, b: Flow, aName: string, bName: string, ctx: Context, depth: number): Flow {
  const va = requireVolume(name, a, aName);
  const vb = requireVolume(name, b, bName);
  if (va.t !== vb.t || va.h !== vb.h || va.w !== vb.w) {
    throw new SpecError(name, `${aName} gives ${formatVolume(va)} but ${bName} gives ${formatVolume(vb)}; concatenation needs equal T×H×W`);
  }
  const out: Flow = { tensor: { ...va, c: va.c + vb.c }, field: mergeFieldStates(a.field, b.field) };
  pushRow(ctx, { name, kind: 'concat', depth, input: a, output: out, params: 0, macs: 0 });
  return out;
}

function mergeFieldStates(a: FieldState, b: FieldState): FieldState {
  return { t: mergeFields(a.t, b.t), h: mergeFields(a.h, b.h), w: mergeFields(a.w, b.w) };
}

function pushRow(
  ctx: Context,
  r: {
    name: string;
    kind: Layer['kind'];
    depth: number;
    input: Flow;
    output: Flow;
    params: number;
    macs: number;
    layer?: PrimitiveLayer;
    activation?: 'relu';
    attentionEntries?: number;
  },
): void {
  const { t, h, w } = r.output.field;
  const clip = ctx.input;
  ctx.rows.push({
    name: r.name,
    kind: r.kind,
    depth: r.depth,
    inputShape: shapeOf(r.input.tensor),
    outputShape: shapeOf(r.output.tensor),
    params: r.params,
    macs: r.macs,
    receptiveField: {
      temporal: Math.min(t.size, clip.frames),
      spatial: Math.max(Math.min(h.size, clip.height), Math.min(w.size, clip.width)),
    },
    unclampedReceptiveField: { temporal: t.size, spatial: Math.max(h.size, w.size) },
    cumulativeStride: { temporal: t.jump, spatial: Math.max(h.jump, w.jump) },
    ...(r.layer ? { layer: r.layer } : {}),
    ...(r.activation ? { activation: r.activation } : {}),
    ...(r.attentionEntries !== undefined ? { attentionEntries: r.attentionEntries } : {}),
  });
}
