/**
 * Faster CPU kernels for the two ops that dominated training time: Slice and
 * PadV2. tfjs's CPU backend copies a non-contiguous slice or a pad element by
 * element through index arithmetic (about 200 ns an element here); zero padding
 * a clip batch and its gradient (a slice) then cost more than the convolutions.
 * These copy whole innermost rows with TypedArray.set instead. Same values,
 * bit for bit (tests/unit/training/fastCpuKernels.test.ts); training only.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';

type Values = Float32Array | Int32Array | Uint8Array;

interface CpuBackend {
  data: { get(id: unknown): { values: unknown } };
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: Values): TensorInfo;
}

const strides = (shape: readonly number[]): number[] => {
  const s = new Array<number>(shape.length).fill(1);
  for (let i = shape.length - 2; i >= 0; i--) s[i] = s[i + 1]! * shape[i + 1]!;
  return s;
};
const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/**
 * Visits every innermost row of `shape` (all but the last axis), calling
 * `row(index)` with the multi-index of the row's first element.
 */
function forEachRow(shape: readonly number[], row: (index: number[]) => void): void {
  const outer = shape.slice(0, -1);
  const index = new Array<number>(shape.length).fill(0);
  if (outer.some((d) => d === 0)) return;
  for (;;) {
    row(index);
    let axis = outer.length - 1;
    while (axis >= 0) {
      index[axis]!++;
      if (index[axis]! < outer[axis]!) break;
      index[axis] = 0;
      axis--;
    }
    if (axis < 0) return;
  }
}

function typed(dtype: tf.DataType, n: number): Values | undefined {
  if (dtype === 'float32') return new Float32Array(n);
  if (dtype === 'int32') return new Int32Array(n);
  if (dtype === 'bool') return new Uint8Array(n);
  return undefined;
}

/**
 * Folds trailing axes that are copied whole into the last axis that is not, so
 * rows are as long as possible (a pad of H and W on N×H×W×3 copies W·3 values
 * at a time, not 3).
 */
export function collapse(inShape: readonly number[], outShape: readonly number[], offsets: readonly number[]): { inShape: number[]; outShape: number[]; offsets: number[] } {
  let k = inShape.length - 1;
  let inner = 1;
  while (k > 0 && inShape[k] === outShape[k] && offsets[k] === 0) inner *= inShape[k--]!;
  const fold = (s: readonly number[]) => [...s.slice(0, k), s[k]! * inner];
  return { inShape: fold(inShape), outShape: fold(outShape), offsets: [...offsets.slice(0, k), offsets[k]! * inner] };
}

export function fastSlice(x: Values, xFullShape: readonly number[], fullBegin: readonly number[], fullOutShape: readonly number[], out: Values): void {
  const { inShape: xShape, outShape, offsets: begin } = collapse(xFullShape, fullOutShape, fullBegin);
  const xs = strides(xShape);
  const last = outShape.length - 1;
  const run = outShape[last]!;
  let at = 0;
  forEachRow(outShape, (index) => {
    let from = begin[last]!;
    for (let a = 0; a < last; a++) from += (index[a]! + begin[a]!) * xs[a]!;
    out.set(x.subarray(from, from + run), at);
    at += run;
  });
}

export function fastPad(x: Values, xFullShape: readonly number[], fullPads: readonly (readonly [number, number])[], out: Values, fullOutShape: readonly number[]): void {
  const { inShape: xShape, outShape, offsets: before } = collapse(xFullShape, fullOutShape, fullPads.map((p) => p[0]));
  const os = strides(outShape);
  const last = xShape.length - 1;
  const run = xShape[last]!;
  let at = 0;
  forEachRow(xShape, (index) => {
    let to = before[last]!;
    for (let a = 0; a < last; a++) to += (index[a]! + before[a]!) * os[a]!;
    out.set(x.subarray(at, at + run), to);
    at += run;
  });
}

function override(name: string, make: (original: KernelFunc) => KernelFunc): void {
  const original = tf.getKernel(name, 'cpu');
  if (!original) throw new Error(`fastCpuKernels: no CPU kernel ${name} to replace (register the CPU backend first)`);
  const config: KernelConfig = { ...original, kernelFunc: make(original.kernelFunc) };
  tf.unregisterKernel(name, 'cpu');
  tf.registerKernel(config);
}

let installed = false;

/** Replaces the CPU backend's Slice and PadV2 kernels (rank ≥ 2, numeric dtypes); others fall through to tfjs. */
export function installFastCpuKernels(): void {
  if (installed) return;
  installed = true;
  override('Slice', (original) => (args) => {
    const x = args.inputs['x'] as TensorInfo;
    const backend = args.backend as unknown as CpuBackend;
    const attrs = args.attrs as unknown as { begin: number[] | number; size: number[] | number };
    const [begin, sz] = tf.slice_util.parseSliceParams(x as unknown as tf.Tensor, attrs.begin, attrs.size) as [number[], number[]];
    const out = x.shape.length >= 2 ? typed(x.dtype, size(sz)) : undefined;
    if (!out) return original(args);
    fastSlice(backend.data.get(x.dataId).values as Values, x.shape, begin, sz, out);
    return backend.makeTensorInfo(sz, x.dtype, out);
  });
  override('PadV2', (original) => (args) => {
    const x = args.inputs['x'] as TensorInfo;
    const backend = args.backend as unknown as CpuBackend;
    const { paddings, constantValue } = args.attrs as unknown as { paddings: [number, number][]; constantValue: number };
    const outShape = x.shape.map((d, i) => d + paddings[i]![0] + paddings[i]![1]);
    const out = x.shape.length >= 2 ? typed(x.dtype, size(outShape)) : undefined;
    if (!out) return original(args);
    if (constantValue !== 0) out.fill(constantValue);
    fastPad(backend.data.get(x.dataId).values as Values, x.shape, paddings, out, outShape);
    return backend.makeTensorInfo(outShape, x.dtype, out);
  });
}

type BinaryOp = (a: number, b: number) => number;
const BINARY: Record<string, BinaryOp> = {
  Add: (a, b) => a + b,
  Sub: (a, b) => a - b,
  Multiply: (a, b) => a * b,
  RealDiv: (a, b) => a / b,
};

/**
 * Where one operand of a broadcasting op is the output's trailing block
 * repeated (e.g. a per-channel [C] against N×T×H×W×C), the element of the
 * smaller one is simply i mod its size. Returns that case, or undefined.
 */
export function repeatingOperand(aShape: readonly number[], bShape: readonly number[]): 'a' | 'b' | undefined {
  const rank = Math.max(aShape.length, bShape.length);
  const pad = (s: readonly number[]) => [...new Array<number>(rank - s.length).fill(1), ...s];
  const [a, b] = [pad(aShape), pad(bShape)];
  const isSuffixOf = (small: number[], big: number[]) => {
    let i = 0;
    while (i < rank && small[i] === 1) i++;
    for (let j = i; j < rank; j++) if (small[j] !== big[j]) return false;
    return true;
  };
  if (a.every((d, i) => d >= b[i]!) && isSuffixOf(b, a)) return 'b';
  if (b.every((d, i) => d >= a[i]!) && isSuffixOf(a, b)) return 'a';
  return undefined;
}

export function fastBinary(op: BinaryOp, big: Float32Array, small: Float32Array, smallIsB: boolean, out: Float32Array): void {
  const n = small.length;
  for (let i = 0, j = 0; i < big.length; i++, j = j + 1 === n ? 0 : j + 1) {
    out[i] = smallIsB ? op(big[i]!, small[j]!) : op(small[j]!, big[i]!);
  }
}

/**
 * Sum over the leading axes: out[j] = Σ_i x[i·inner + j], accumulated in
 * float64 in index order as tfjs does. For a mean, tfjs first divides each
 * element (rounding to float32) and then sums; so do we, for the same bits.
 */
export function sumLeading(x: Float32Array, inner: number, out: Float32Array, divisor = 1): void {
  const acc = new Float64Array(inner);
  if (divisor === 1) for (let at = 0; at < x.length; at += inner) for (let j = 0; j < inner; j++) acc[j]! += x[at + j]!;
  else for (let at = 0; at < x.length; at += inner) for (let j = 0; j < inner; j++) acc[j]! += Math.fround(x[at + j]! / divisor);
  out.set(acc);
}

function leadingAxes(axis: number | number[], rank: number): number | undefined {
  const axes = (Array.isArray(axis) ? axis : [axis]).map((a) => (a < 0 ? a + rank : a)).sort((p, q) => p - q);
  return axes.length < rank && axes.every((a, i) => a === i) ? axes.length : undefined;
}

/** Replaces Add, Sub, Multiply, RealDiv (one operand repeating) and Sum, Mean (over leading axes) for float32. */
export function installFastBroadcastKernels(): void {
  for (const [name, op] of Object.entries(BINARY)) {
    override(name, (original) => (args) => {
      const a = args.inputs['a'] as TensorInfo;
      const b = args.inputs['b'] as TensorInfo;
      const same = a.shape.length === b.shape.length && a.shape.every((d, i) => d === b.shape[i]);
      const which = a.dtype === 'float32' && b.dtype === 'float32' && !same ? repeatingOperand(a.shape, b.shape) : undefined;
      if (!which) return original(args);
      const backend = args.backend as unknown as CpuBackend;
      const [big, small] = which === 'b' ? [a, b] : [b, a];
      const out = new Float32Array(size(big.shape));
      fastBinary(op, backend.data.get(big.dataId).values as Float32Array, backend.data.get(small.dataId).values as Float32Array, which === 'b', out);
      const rank = Math.max(a.shape.length, b.shape.length);
      const shape = [...new Array<number>(rank - big.shape.length).fill(1), ...big.shape];
      return backend.makeTensorInfo(shape, 'float32', out);
    });
  }
  for (const name of ['Sum', 'Mean']) {
    override(name, (original) => (args) => {
      const x = args.inputs['x'] as TensorInfo;
      const { axis, keepDims } = args.attrs as unknown as { axis: number | number[]; keepDims: boolean };
      const k = x.dtype === 'float32' ? leadingAxes(axis, x.shape.length) : undefined;
      if (k === undefined) return original(args);
      const backend = args.backend as unknown as CpuBackend;
      const inner = size(x.shape.slice(k));
      const out = new Float32Array(inner);
      sumLeading(backend.data.get(x.dataId).values as Float32Array, inner, out, name === 'Mean' ? size(x.shape.slice(0, k)) : 1);
      const shape = keepDims ? [...new Array<number>(k).fill(1), ...x.shape.slice(k)] : x.shape.slice(k);
      return backend.makeTensorInfo(shape, 'float32', out);
    });
  }
}
