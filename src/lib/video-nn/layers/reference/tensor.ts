/**
 * Plain tensors for the plain-loop references: a shape and a row-major
 * Float32Array, the same layout tfjs uses. No tfjs here, so the references stay
 * independent of the code they check and can run anywhere (self-test pages too).
 */
import { seededValues } from '../conv3dReference';

export interface PlainTensor {
  shape: number[];
  data: Float32Array;
}

export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

export function zeros(shape: readonly number[]): PlainTensor {
  return { shape: [...shape], data: new Float32Array(sizeOf(shape)) };
}

/** Seeded values in [-scale, scale): deterministic test inputs. */
export function randomTensor(shape: readonly number[], seed: number, scale = 1): PlainTensor {
  const data = seededValues(sizeOf(shape), seed);
  if (scale !== 1) for (let i = 0; i < data.length; i++) data[i]! *= scale;
  return { shape: [...shape], data };
}

/** Largest |a[i] − b[i]|; throws if the lengths differ (a shape bug, not an error size). */
export function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`maxAbsDifference: lengths differ (${a.length} vs ${b.length})`);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

/** Row-major strides of a shape. */
export function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length).fill(1);
  for (let i = shape.length - 2; i >= 0; i--) strides[i] = strides[i + 1]! * shape[i + 1]!;
  return strides;
}

/** Flat offset of a multi-index. */
export function offsetOf(strides: readonly number[], index: readonly number[]): number {
  let offset = 0;
  for (let i = 0; i < index.length; i++) offset += index[i]! * strides[i]!;
  return offset;
}
