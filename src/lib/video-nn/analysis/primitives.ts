/**
 * Shape, parameters, MACs and receptive field of each primitive layer, given what
 * flows into it. Composite layers (residual, concat, two pathways) are handled by
 * analyze.ts on top of these.
 */
import type { ClipShape, Conv3dLayer, PrimitiveLayer, Triple } from '../spec/types';
import {
  AXES,
  SpecError,
  convOutputLength,
  globalField,
  growField,
  isPositiveInteger,
  poolOutputLength,
  type AxisField,
} from './arithmetic';
import { analyzeTokenPrimitive } from './tokenPrimitives';

export interface Volume {
  kind: 'volume';
  c: number;
  t: number;
  h: number;
  w: number;
}

/** A flat feature vector; `from` remembers the volume it was flattened from. */
export interface Flat {
  kind: 'flat';
  features: number;
  from?: Volume;
}

/**
 * Token sequences of a transformer: the patch grid they came from, their width
 * and class tokens. One sequence of cls + T·H·W tokens, or (perFrame) T
 * sequences of cls + H·W tokens, one per frame.
 */
export interface Tokens {
  kind: 'tokens';
  width: number;
  grid: readonly [number, number, number];
  /** Class tokens at the start of each sequence. */
  cls: number;
  perFrame: boolean;
}

export type Tensor = Volume | Flat | Tokens;

export interface FieldState {
  t: AxisField;
  h: AxisField;
  w: AxisField;
}

/** What flows along an edge of the graph: a tensor and the receptive field of its units. */
export interface Flow {
  tensor: Tensor;
  field: FieldState;
}

export interface PrimitiveResult {
  flow: Flow;
  params: number;
  macs: number;
  /** Attention layers: query–key pairs per clip (summed over sequences, per head). */
  attentionEntries?: number;
}

/** [C, T, H, W]; [features]; [tokens, width], or [frames, tokens, width] with one sequence per frame. */
export function shapeOf(tensor: Tensor): number[] {
  switch (tensor.kind) {
    case 'volume':
      return [tensor.c, tensor.t, tensor.h, tensor.w];
    case 'flat':
      return [tensor.features];
    case 'tokens': {
      const [t, h, w] = tensor.grid;
      return tensor.perFrame ? [t, tensor.cls + h * w, tensor.width] : [tensor.cls + t * h * w, tensor.width];
    }
  }
}

/** "a flat vector of 512 features", "tokens [1569, 768]": for error messages. */
export function describeTensor(tensor: Tensor): string {
  switch (tensor.kind) {
    case 'volume':
      return `a ${tensor.c}×${tensor.t}×${tensor.h}×${tensor.w} volume`;
    case 'flat':
      return `a flat vector of ${tensor.features} features`;
    case 'tokens':
      return `tokens [${shapeOf(tensor).join(', ')}]`;
  }
}

function checkTriple(layer: string, what: string, value: Triple, allowZero: boolean): void {
  const ok = value.length === 3 && value.every((v) => Number.isInteger(v) && (allowZero ? v >= 0 : v > 0));
  if (!ok) throw new SpecError(layer, `${what} must be three ${allowZero ? 'non-negative' : 'positive'} integers, got [${value.join(', ')}]`);
}

export function checkCount(layer: string, what: string, value: number): void {
  if (!isPositiveInteger(value)) throw new SpecError(layer, `${what} must be a positive integer, got ${value}`);
}

export function needVolume(layer: PrimitiveLayer, tensor: Tensor): Volume {
  if (tensor.kind !== 'volume') {
    throw new SpecError(layer.name, `${layer.kind} needs a C×T×H×W volume, got ${describeTensor(tensor)}`);
  }
  return tensor;
}

/** Symmetric padding per axis; 'same' keeps the size (stride 1, odd kernel). */
export function resolvePadding(layer: Conv3dLayer): Triple {
  const padding = layer.padding ?? [0, 0, 0];
  if (padding !== 'same') return padding;
  const stride = layer.stride ?? [1, 1, 1];
  return [0, 1, 2].map((i) => {
    const k = layer.kernel[i]!;
    if (stride[i] !== 1 || k % 2 === 0) {
      throw new SpecError(layer.name, `'same' padding needs stride 1 and an odd kernel along ${AXES[i]}, got kernel ${k}, stride ${stride[i]}`);
    }
    return (k - 1) / 2;
  }) as unknown as Triple;
}

/** Slide a window over T, H, W: output sizes and receptive-field growth. */
function slide(
  layer: PrimitiveLayer,
  v: Volume,
  field: FieldState,
  kernel: Triple,
  stride: Triple,
  padding: Triple,
  pool?: { ceilMode: boolean },
): { t: number; h: number; w: number; field: FieldState } {
  const sizes = [v.t, v.h, v.w];
  const out = [0, 1, 2].map((i) => {
    const args = [layer.name, AXES[i]!, sizes[i]!, kernel[i]!, stride[i]!, padding[i]!] as const;
    return pool ? poolOutputLength(...args, pool.ceilMode) : convOutputLength(...args);
  });
  return {
    t: out[0]!,
    h: out[1]!,
    w: out[2]!,
    field: {
      t: growField(field.t, kernel[0], stride[0]),
      h: growField(field.h, kernel[1], stride[1]),
      w: growField(field.w, kernel[2], stride[2]),
    },
  };
}

/** Every remaining position is mixed: the whole input extent. */
function globalise(field: FieldState, v: Volume, input: ClipShape): FieldState {
  return {
    t: globalField(field.t, v.t, input.frames),
    h: globalField(field.h, v.h, input.height),
    w: globalField(field.w, v.w, input.width),
  };
}

export function analyzePrimitive(layer: PrimitiveLayer, flow: Flow, input: ClipShape): PrimitiveResult {
  const { tensor, field } = flow;
  const same = (): PrimitiveResult => ({ flow, params: 0, macs: 0 });
  switch (layer.kind) {
    case 'conv3d': {
      const v = needVolume(layer, tensor);
      checkCount(layer.name, 'inChannels', layer.inChannels);
      checkCount(layer.name, 'outChannels', layer.outChannels);
      const groups = layer.groups ?? 1;
      checkCount(layer.name, 'groups', groups);
      if (layer.inChannels % groups !== 0 || layer.outChannels % groups !== 0) {
        throw new SpecError(layer.name, `groups ${groups} must divide both inChannels ${layer.inChannels} and outChannels ${layer.outChannels}`);
      }
      if (v.c !== layer.inChannels) {
        throw new SpecError(layer.name, `expects ${layer.inChannels} input channels but receives ${v.c} (input ${v.c}×${v.t}×${v.h}×${v.w})`);
      }
      const stride = layer.stride ?? [1, 1, 1];
      checkTriple(layer.name, 'kernel', layer.kernel, false);
      checkTriple(layer.name, 'stride', stride, false);
      const padding = resolvePadding(layer);
      checkTriple(layer.name, 'padding', padding, true);
      const s = slide(layer, v, field, layer.kernel, stride, padding);
      const [kt, kh, kw] = layer.kernel;
      const weightsPerOutput = (layer.inChannels / groups) * kt * kh * kw;
      const outElements = layer.outChannels * s.t * s.h * s.w;
      return {
        flow: { tensor: { kind: 'volume', c: layer.outChannels, t: s.t, h: s.h, w: s.w }, field: s.field },
        params: layer.outChannels * weightsPerOutput + (layer.bias ? layer.outChannels : 0),
        macs: outElements * weightsPerOutput,
      };
    }
    case 'maxPool3d':
    case 'avgPool3d': {
      const v = needVolume(layer, tensor);
      const stride = layer.stride ?? layer.kernel;
      const padding = layer.padding ?? [0, 0, 0];
      checkTriple(layer.name, 'kernel', layer.kernel, false);
      checkTriple(layer.name, 'stride', stride, false);
      checkTriple(layer.name, 'padding', padding, true);
      const s = slide(layer, v, field, layer.kernel, stride, padding, { ceilMode: layer.ceilMode ?? false });
      return { flow: { tensor: { ...v, t: s.t, h: s.h, w: s.w }, field: s.field }, params: 0, macs: 0 };
    }
    case 'batchNorm3d': {
      const v = needVolume(layer, tensor);
      if (v.c !== layer.channels) throw new SpecError(layer.name, `normalises ${layer.channels} channels but receives ${v.c}`);
      return { flow, params: (layer.scale === false ? 1 : 2) * layer.channels, macs: 0 };
    }
    case 'relu':
    case 'swish':
    case 'sigmoid':
    case 'dropout':
      if (layer.kind === 'dropout' && !(layer.rate >= 0 && layer.rate < 1)) {
        throw new SpecError(layer.name, `dropout rate must be in [0, 1), got ${layer.rate}`);
      }
      return same();
    case 'globalAvgPool': {
      const v = needVolume(layer, tensor);
      if (layer.keepTime) {
        const spatial = globalise(field, v, input);
        return { flow: { tensor: { ...v, h: 1, w: 1 }, field: { ...spatial, t: field.t } }, params: 0, macs: 0 };
      }
      return { flow: { tensor: { ...v, t: 1, h: 1, w: 1 }, field: globalise(field, v, input) }, params: 0, macs: 0 };
    }
    case 'flatten': {
      if (tensor.kind === 'flat') return same();
      if (tensor.kind === 'tokens') return { flow: { tensor: { kind: 'flat', features: shapeOf(tensor).reduce((a, b) => a * b, 1) }, field }, params: 0, macs: 0 };
      return { flow: { tensor: { kind: 'flat', features: tensor.c * tensor.t * tensor.h * tensor.w, from: tensor }, field }, params: 0, macs: 0 };
    }
    case 'linear': {
      if (tensor.kind === 'tokens') return analyzeTokenPrimitive(layer, flow, input);
      if (tensor.kind !== 'flat') {
        throw new SpecError(layer.name, `a linear layer needs a flat feature vector or tokens; got ${describeTensor(tensor)} (add a flatten layer)`);
      }
      checkCount(layer.name, 'inFeatures', layer.inFeatures);
      checkCount(layer.name, 'outFeatures', layer.outFeatures);
      if (tensor.features !== layer.inFeatures) {
        throw new SpecError(layer.name, `expects ${layer.inFeatures} input features but receives ${tensor.features}`);
      }
      const full = tensor.from ? globalise(field, tensor.from, input) : field;
      return {
        flow: { tensor: { kind: 'flat', features: layer.outFeatures }, field: full },
        params: layer.inFeatures * layer.outFeatures + (layer.bias ? layer.outFeatures : 0),
        macs: layer.inFeatures * layer.outFeatures,
      };
    }
    case 'temporalShift': {
      needVolume(layer, tensor);
      if (!(layer.fraction >= 0 && layer.fraction <= 0.5)) {
        throw new SpecError(layer.name, `shift fraction must be in [0, 1/2] per direction, got ${layer.fraction}`);
      }
      // Shifted channels carry frames t−1 and t+1: like a temporal window of 3.
      const t = layer.fraction > 0 ? growField(field.t, 3, 1) : field.t;
      return { flow: { tensor, field: { ...field, t } }, params: 0, macs: 0 };
    }
    case 'timeToChannel': {
      const v = needVolume(layer, tensor);
      checkCount(layer.name, 'factor', layer.factor);
      if (v.t % layer.factor !== 0) {
        throw new SpecError(layer.name, `cannot fold ${v.t} frames into channels by a factor of ${layer.factor}`);
      }
      return {
        flow: { tensor: { ...v, c: v.c * layer.factor, t: v.t / layer.factor }, field: { ...field, t: growField(field.t, layer.factor, layer.factor) } },
        params: 0,
        macs: 0,
      };
    }
    default:
      return analyzeTokenPrimitive(layer, flow, input);
  }
}
