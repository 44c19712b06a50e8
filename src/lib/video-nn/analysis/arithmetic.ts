/**
 * The per-axis arithmetic every analysis row is built from: output sizes of
 * sliding windows and the receptive-field recurrence. Pure numbers, one axis at
 * a time; the caller supplies the layer name for error messages.
 */

/** Thrown for a spec that cannot run; the message names the layer and the mismatch. */
export class SpecError extends Error {
  readonly layerName: string;
  constructor(layerName: string, problem: string) {
    super(`Layer "${layerName}": ${problem}`);
    this.name = 'SpecError';
    this.layerName = layerName;
  }
}

export const AXES = ['T', 'H', 'W'] as const;
export type AxisName = (typeof AXES)[number];

export function isPositiveInteger(n: number): boolean {
  return Number.isInteger(n) && n > 0;
}

/**
 * Output length of a convolution along one axis (PyTorch's formula, no dilation):
 * ⌊(n + 2p − k) / s⌋ + 1. Throws if the kernel does not fit in the padded input.
 */
export function convOutputLength(layer: string, axis: AxisName, n: number, k: number, s: number, p: number): number {
  const padded = n + 2 * p;
  if (k > padded) {
    throw new SpecError(layer, `kernel ${k} along ${axis} is larger than the padded input (${n} + 2×${p} = ${padded})`);
  }
  return Math.floor((padded - k) / s) + 1;
}

/**
 * Output length of a pooling window along one axis. With `ceilMode` PyTorch rounds
 * up, but drops a last window that would start entirely in the right padding.
 */
export function poolOutputLength(layer: string, axis: AxisName, n: number, k: number, s: number, p: number, ceilMode: boolean): number {
  if (2 * p > k) {
    throw new SpecError(layer, `padding ${p} along ${axis} is more than half the kernel ${k}`);
  }
  if (!ceilMode) return convOutputLength(layer, axis, n, k, s, p);
  const padded = n + 2 * p;
  if (k > padded) {
    throw new SpecError(layer, `kernel ${k} along ${axis} is larger than the padded input (${n} + 2×${p} = ${padded})`);
  }
  let out = Math.ceil((padded - k) / s) + 1;
  if ((out - 1) * s >= n + p) out -= 1;
  return out;
}

/**
 * Receptive field along one axis: `size` input positions influence one output
 * position, and neighbouring outputs are `jump` input positions apart.
 */
export interface AxisField {
  size: number;
  jump: number;
}

/** The standard recurrence for a window of k with stride s: size += (k − 1)·jump; jump *= s. */
export function growField(field: AxisField, k: number, s: number): AxisField {
  return { size: field.size + (k - 1) * field.jump, jump: field.jump * s };
}

/**
 * A layer that mixes all `n` remaining positions (global pooling, a linear layer
 * over a flattened volume) sees at least the whole input extent.
 */
export function globalField(field: AxisField, n: number, inputExtent: number): AxisField {
  return { size: Math.max(field.size + (n - 1) * field.jump, inputExtent), jump: field.jump * n };
}

/** Where paths meet (residual add, concatenation), an output sees the union: take the max. */
export function mergeFields(a: AxisField, b: AxisField): AxisField {
  return { size: Math.max(a.size, b.size), jump: Math.max(a.jump, b.jump) };
}
