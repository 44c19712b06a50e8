/**
 * The variables a spec needs, in tfjs layout, named after the spec's layers:
 * - conv3d `<name>.weight` kT×kH×kW×(Cin/groups)×Cout, `<name>.bias` Cout;
 * - linear `<name>.weight` in×out (PyTorch's weight transposed), `<name>.bias` out;
 * - batchNorm3d `<name>.scale` (unless shift-only), `<name>.shift` (trainable) and
 *   `<name>.runningMean`, `<name>.runningVar` (statistics, not trainable).
 * Trainable variables are exactly what analyze() counts as parameters.
 *
 * - token and graph layers (tokenOps.ts): `<name>.weight` of class tokens and
 *   learned position embeddings; attention `<name>.qkv.weight` D×3·inner (+
 *   `qkv.bias`, or `q_bias` and `v_bias`), `<name>.proj.weight`, `.proj.bias`;
 *   LayerNorm `.scale`, `.shift`; graph conv `.weight` K×Cin×Cout, `.bias` K×Cout,
 *   `.edgeImportance` K×V×V; ST-GCN's data_bn like a batch norm over V·C.
 *
 * Initialisation (deterministic from the seed): He/Kaiming normal for convs,
 * std = √(2 / fan_in) with fan_in = (Cin/groups)·kT·kH·kW, as for ReLU networks;
 * PyTorch's default U(±1/√in) for linear maps (attention projections too); zero
 * biases; norms' scale 1, shift 0, running mean 0, running variance 1; class
 * tokens and position embeddings N(0, 0.02²) as timm; edge importance 1.
 */
import type { Layer } from '../spec/types';
import { COCO_SKELETON, spatialPartition } from '../layers/skeleton';
import { hashSeed, normalValues, uniformValues } from './random';
import { sinusoidTable } from './tokenOps';

export interface VariableSpec {
  name: string;
  shape: number[];
  trainable: boolean;
  /** Fills a Float32Array of the variable's size. */
  init: (seed: number) => Float32Array;
}

const constant = (size: number, value: number) => () => new Float32Array(size).fill(value);

export function sizeOfShape(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

export function unsupportedKind(layer: { kind: string; name: string }): Error {
  return new Error(`build: layer kind "${layer.kind}" (layer "${layer.name}") is not supported by build yet`);
}

/** Children of a composite layer, in the order the forward pass visits them. */
export function childLayers(layer: Layer): readonly Layer[] {
  switch (layer.kind) {
    case 'sequential':
      return layer.layers;
    case 'residual':
      return [...layer.body, ...(layer.shortcut ?? [])];
    case 'concat':
      return layer.branches.flat();
    case 'channelGate':
      return layer.gate;
    case 'twoPathway':
      return layer.stages.flatMap((s) => [...s.slow, ...s.fast, ...(s.lateral?.layers ?? [])]);
    default:
      return [];
  }
}

/** Every primitive layer of a spec, depth first. */
export function primitiveLayers(layers: readonly Layer[]): Layer[] {
  return layers.flatMap((l) => {
    const children = childLayers(l);
    return children.length > 0 || isComposite(l) ? primitiveLayers(children) : [l];
  });
}

function isComposite(layer: Layer): boolean {
  return ['sequential', 'residual', 'concat', 'channelGate', 'twoPathway'].includes(layer.kind);
}

function layerVariables(layer: Layer): VariableSpec[] {
  const n = layer.name;
  switch (layer.kind) {
    case 'conv3d': {
      const groups = layer.groups ?? 1;
      const [kt, kh, kw] = layer.kernel;
      const fanIn = (layer.inChannels / groups) * kt * kh * kw;
      const shape = [kt, kh, kw, layer.inChannels / groups, layer.outChannels];
      const std = Math.sqrt(2 / fanIn);
      const vars: VariableSpec[] = [{ name: `${n}.weight`, shape, trainable: true, init: (seed) => normalValues(sizeOfShape(shape), std, seed) }];
      if (layer.bias) vars.push({ name: `${n}.bias`, shape: [layer.outChannels], trainable: true, init: constant(layer.outChannels, 0) });
      return vars;
    }
    case 'linear': {
      const vars: VariableSpec[] = [uniform(`${n}.weight`, [layer.inFeatures, layer.outFeatures])];
      if (layer.bias) vars.push({ name: `${n}.bias`, shape: [layer.outFeatures], trainable: true, init: constant(layer.outFeatures, 0) });
      return vars;
    }
    case 'batchNorm3d': {
      const c = layer.channels;
      return [
        ...(layer.scale === false ? [] : [{ name: `${n}.scale`, shape: [c], trainable: true, init: constant(c, 1) }]),
        { name: `${n}.shift`, shape: [c], trainable: true, init: constant(c, 0) },
        { name: `${n}.runningMean`, shape: [c], trainable: false, init: constant(c, 0) },
        { name: `${n}.runningVar`, shape: [c], trainable: false, init: constant(c, 1) },
      ];
    }
    case 'jointBatchNorm': {
      const c = layer.channels * layer.joints;
      return [
        { name: `${n}.scale`, shape: [c], trainable: true, init: constant(c, 1) },
        { name: `${n}.shift`, shape: [c], trainable: true, init: constant(c, 0) },
        { name: `${n}.runningMean`, shape: [c], trainable: false, init: constant(c, 0) },
        { name: `${n}.runningVar`, shape: [c], trainable: false, init: constant(c, 1) },
      ];
    }
    case 'layerNorm':
      return [
        { name: `${n}.scale`, shape: [layer.channels], trainable: true, init: constant(layer.channels, 1) },
        { name: `${n}.shift`, shape: [layer.channels], trainable: true, init: constant(layer.channels, 0) },
      ];
    case 'classToken':
      return [normal(`${n}.weight`, [layer.width], 0.02)];
    case 'positionEmbedding':
      return layer.learned === false ? [] : [normal(`${n}.weight`, [layer.count, layer.width], 0.02)];
    case 'attention': {
      const inner = layer.heads * (layer.headWidth ?? layer.width / layer.heads);
      const zeros = (name: string, size: number): VariableSpec => ({ name, shape: [size], trainable: true, init: constant(size, 0) });
      return [
        uniform(`${n}.qkv.weight`, [layer.width, 3 * inner]),
        ...(layer.qkvBias === 'all' ? [zeros(`${n}.qkv.bias`, 3 * inner)] : []),
        ...(layer.qkvBias === 'qv' ? [zeros(`${n}.q_bias`, inner), zeros(`${n}.v_bias`, inner)] : []),
        uniform(`${n}.proj.weight`, [inner, layer.width]),
        zeros(`${n}.proj.bias`, layer.width),
      ];
    }
    case 'graphConv': {
      const [k, v] = [layer.partitions, layer.joints];
      return [
        normal(`${n}.weight`, [k, layer.inChannels, layer.outChannels], Math.sqrt(2 / layer.inChannels)),
        ...(layer.bias ? [{ name: `${n}.bias`, shape: [k, layer.outChannels], trainable: true, init: constant(k * layer.outChannels, 0) }] : []),
        // ST-GCN starts its edge-importance masks at 1.
        ...(layer.edgeImportance ? [{ name: `${n}.edgeImportance`, shape: [k, v, v], trainable: true, init: constant(k * v * v, 1) }] : []),
      ];
    }
    case 'relu':
    case 'swish':
    case 'sigmoid':
    case 'maxPool3d':
    case 'avgPool3d':
    case 'globalAvgPool':
    case 'flatten':
    case 'dropout':
    case 'temporalShift':
    case 'timeToChannel':
    case 'tokenize':
    case 'gelu':
    case 'tokenPool':
      return [];
    default:
      throw unsupportedKind(layer);
  }
}

function normal(name: string, shape: number[], std: number): VariableSpec {
  return { name, shape, trainable: true, init: (seed) => normalValues(sizeOfShape(shape), std, seed) };
}

/** PyTorch's default for a linear map [in, out]: U(±1/√in). */
function uniform(name: string, shape: [number, number]): VariableSpec {
  return { name, shape, trainable: true, init: (seed) => uniformValues(sizeOfShape(shape), 1 / Math.sqrt(shape[0]), seed) };
}

export interface ConstantSpec {
  name: string;
  shape: number[];
  values: Float32Array;
}

/** Where graph convolutions get their [K, V, V] partitioned adjacency: one for all, or one per layer name. */
export type AdjacencyOption = Float32Array | Readonly<Record<string, Float32Array>>;

/**
 * Fixed tensors a spec needs that are not weights (not trained, not saved): the
 * sin-cos tables of unlearned position embeddings and the graph convolutions'
 * adjacency — COCO's 17-joint spatial partition (layers/skeleton.ts) unless
 * `adjacency` gives another.
 */
export function specConstants(layers: readonly Layer[], adjacency?: AdjacencyOption): ConstantSpec[] {
  return primitiveLayers(layers).flatMap((layer): ConstantSpec[] => {
    if (layer.kind === 'positionEmbedding' && layer.learned === false) {
      return [{ name: `${layer.name}.table`, shape: [layer.count, layer.width], values: sinusoidTable(layer.count, layer.width) }];
    }
    if (layer.kind !== 'graphConv') return [];
    const shape = [layer.partitions, layer.joints, layer.joints];
    const given = adjacency instanceof Float32Array ? adjacency : adjacency?.[layer.name];
    const values = given ?? (layer.joints === 17 && layer.partitions === 3 ? spatialPartition(COCO_SKELETON).adjacency : undefined);
    if (!values) {
      throw new Error(`build: graph conv "${layer.name}" has ${layer.partitions} partitions of ${layer.joints} joints; pass build(spec, { adjacency }) with its [${shape.join(', ')}] adjacency (only COCO's 17-joint graph is built in)`);
    }
    if (values.length !== sizeOfShape(shape)) throw new Error(`build: the adjacency for "${layer.name}" has ${values.length} values, expected ${shape.join('×')} = ${sizeOfShape(shape)}`);
    return [{ name: `${layer.name}.adjacency`, shape, values }];
  });
}

/** All variables of a spec, in layer order, each with a seed-derived initialiser. */
export function specVariables(layers: readonly Layer[], seed: number): (VariableSpec & { values: () => Float32Array })[] {
  return primitiveLayers(layers)
    .flatMap(layerVariables)
    .map((v) => ({ ...v, values: () => v.init(hashSeed(seed, v.name)) }));
}
