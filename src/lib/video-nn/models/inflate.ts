/**
 * Whole-model inflation (I3D, Carreira & Zisserman 2017): a 2-D network applied
 * frame by frame (convs and pools with a time extent of 1) becomes a 3-D one by
 * giving its kernels a time extent and filling them from the 2-D weights —
 * replicated over kT and divided by kT ('mean'), or placed in the centre frame
 * ('centre'); see layers/inflate.ts. Everything else (biases, batch norm, the
 * classifier) is copied. On a static clip the inflated network then computes
 * what the 2-D network computes, which is the point of the recipe: the 3-D model
 * starts where the 2-D one was, and training teaches it time.
 */
import * as tf from '@tensorflow/tfjs-core';
import { resolvePadding } from '../analysis/primitives';
import { inflateKernel } from '../layers/inflate';
import { formatShape } from '../layers/shapes';
import type { ClipShape, Layer, ModelSpec, PathwayStage, Triple } from '../spec/types';
import { build, type VideoModel } from './model';

type PerLayer = number | Readonly<Record<string, number>>;

export interface InflateSpecOptions {
  /**
   * Time extent of the inflated convs: one number for every 2-D conv whose
   * spatial kernel is larger than 1×1, or a map from layer name to kT (other
   * layers unchanged). Default: I3D's rule, a k×k kernel becomes k×k×k.
   */
  kt?: PerLayer;
  /** Time extent (and stride) of the inflated pools: a number for every 2-D pool, or a map by name. Default: pools stay per-frame. */
  poolKt?: PerLayer;
  /**
   * 'valid' (default): no temporal padding, so every window lies inside the
   * clip and 'mean' inflation is exact on a static clip. 'same': (kT − 1)/2
   * zeros each side, as in I3D; border frames then see fewer copies (only
   * 'centre' stays exact there). Residual blocks need 'same' to keep T.
   */
  temporalPadding?: 'valid' | 'same';
  id?: string;
  title?: string;
}

export interface InflateModelOptions extends InflateSpecOptions {
  /** How 2-D kernels fill the time axis; default 'mean'. */
  method?: 'mean' | 'centre';
  /** The clip the 3-D model takes; default the 2-D model's input. */
  input?: ClipShape;
}

function pick(option: PerLayer | undefined, name: string, fallback: number): number {
  if (option === undefined) return fallback;
  if (typeof option === 'number') return option;
  return option[name] ?? 1;
}

function inflateLayer(layer: Layer, options: InflateSpecOptions): Layer {
  const mapAll = (layers: readonly Layer[]) => layers.map((l) => inflateLayer(l, options));
  switch (layer.kind) {
    case 'conv3d': {
      const [kt0, kh, kw] = layer.kernel;
      if (kt0 !== 1) return layer;
      const spatial = kh > 1 || kw > 1;
      const kt = typeof options.kt === 'object' ? pick(options.kt, layer.name, 1) : spatial ? pick(options.kt, layer.name, kh) : 1;
      if (kt === 1) return layer;
      if (!Number.isInteger(kt) || kt < 1) throw new Error(`inflateSpec: kT for "${layer.name}" must be a positive integer, got ${kt}`);
      const [, ph, pw] = resolvePadding(layer);
      if (options.temporalPadding === 'same' && kt % 2 === 0) throw new Error(`inflateSpec: 'same' temporal padding needs an odd kT, "${layer.name}" has ${kt}`);
      const pt = options.temporalPadding === 'same' ? (kt - 1) / 2 : 0;
      const [, sh, sw] = layer.stride ?? [1, 1, 1];
      return { ...layer, kernel: [kt, kh, kw], stride: [1, sh, sw], padding: [pt, ph, pw] };
    }
    case 'maxPool3d':
    case 'avgPool3d': {
      const stride: Triple = layer.stride ?? layer.kernel;
      if (layer.kernel[0] !== 1 || stride[0] !== 1) return layer;
      const kt = pick(options.poolKt, layer.name, 1);
      if (kt === 1) return layer;
      const padding: Triple = layer.padding ?? [0, 0, 0];
      return { ...layer, kernel: [kt, layer.kernel[1], layer.kernel[2]], stride: [kt, stride[1], stride[2]], padding: [0, padding[1], padding[2]] };
    }
    case 'sequential':
      return { ...layer, layers: mapAll(layer.layers) };
    case 'residual':
      return { ...layer, body: mapAll(layer.body), ...(layer.shortcut ? { shortcut: mapAll(layer.shortcut) } : {}) };
    case 'concat':
      return { ...layer, branches: layer.branches.map(mapAll) };
    case 'channelGate':
      return { ...layer, gate: mapAll(layer.gate) };
    case 'twoPathway':
      return {
        ...layer,
        stages: layer.stages.map(
          (s): PathwayStage => ({ ...s, slow: mapAll(s.slow), fast: mapAll(s.fast), ...(s.lateral ? { lateral: { ...s.lateral, layers: mapAll(s.lateral.layers) } } : {}) }),
        ),
      };
    default:
      return layer;
  }
}

/** The 3-D spec of a frame-by-frame 2-D spec: time added to its kernels and pools. */
export function inflateSpec(spec2d: ModelSpec, options: InflateSpecOptions = {}): ModelSpec {
  return {
    ...spec2d,
    id: options.id ?? `${spec2d.id}_inflated`,
    title: options.title ?? `${spec2d.title}, inflated to 3-D`,
    layers: spec2d.layers.map((l) => inflateLayer(l, options)),
  };
}

/**
 * A 3-D model whose weights come from a 2-D one. `spec3d` (default:
 * inflateSpec(model2d.spec, options)) must have the same layers and names; a
 * conv whose 2-D kernel is 1×kH×kW and 3-D kernel kT×kH×kW is inflated, every
 * other weight must have the same shape and is copied.
 */
export function inflateModel(model2d: VideoModel, spec3d?: ModelSpec, options: InflateModelOptions = {}): VideoModel {
  const spec = spec3d ?? inflateSpec(model2d.spec, options);
  const model = build(spec, { seed: model2d.seed, input: options.input ?? model2d.input });
  try {
    const names3d = new Set(model.weights().map((w) => w.name));
    const extra = model2d.weights().find((w) => !names3d.has(w.name));
    if (extra) throw new Error(`inflateModel: the 2-D model's weight "${extra.name}" has no counterpart in ${spec.id}`);
    tf.tidy(() => {
      const values = new Map<string, tf.Tensor>();
      for (const { name, shape } of model.weights()) {
        const source = model2d.weights().some((w) => w.name === name) ? model2d.variable(name) : undefined;
        if (!source) throw new Error(`inflateModel: ${spec.id} has a weight "${name}" that the 2-D model lacks`);
        values.set(name, inflatedValue(name, source, shape, options.method ?? 'mean'));
      }
      model.setWeights(values);
    });
    return model;
  } catch (error) {
    model.dispose();
    throw error;
  }
}

function inflatedValue(name: string, source: tf.Tensor, shape: readonly number[], method: 'mean' | 'centre'): tf.Tensor {
  const from = source.shape;
  if (formatShape(from) === formatShape(shape)) return source;
  const inflatable = from.length === 5 && shape.length === 5 && from[0] === 1 && from.slice(1).every((d, i) => d === shape[i + 1]);
  if (!inflatable) throw new Error(`inflateModel: weight "${name}" is ${formatShape(from)} in the 2-D model and ${formatShape(shape)} in the 3-D one; only a 1×kH×kW kernel can be inflated`);
  return inflateKernel(tf.squeeze(source, [0]) as tf.Tensor4D, shape[0]!, { method });
}
