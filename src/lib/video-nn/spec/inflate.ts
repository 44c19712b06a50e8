/**
 * The spec half of I3D inflation: a frame-by-frame 2-D spec becomes a 3-D one
 * by giving its kernels (and optionally pools) a time extent. No tfjs here, so
 * the trained-model registry can describe an inflated model; the weights half
 * is models/inflate.ts.
 */
import { resolvePadding } from '../analysis/primitives';
import type { Layer, ModelSpec, PathwayStage, Triple } from './types';

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

