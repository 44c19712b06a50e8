/**
 * Where each value of a clip lives in memory, in the two layouts the book uses:
 * channels first, C×T×H×W (PyTorch and most papers' code), and channels last,
 * T×H×W×C (TensorFlow.js and this library's datasets). Strides and offsets count
 * values, not bytes. Pure functions, no tfjs: the tensor explorer and the
 * chapter text use them, and tests hold them to hand-worked offsets.
 */

export type ClipLayout = 'CTHW' | 'THWC';
export const CLIP_LAYOUTS: readonly ClipLayout[] = ['CTHW', 'THWC'];

/** c: channel, t: frame, y: row, x: column. */
export type ClipAxis = 'c' | 't' | 'y' | 'x';

/** The axes of each layout, outermost first. */
export const LAYOUT_AXES: Readonly<Record<ClipLayout, readonly ClipAxis[]>> = {
  CTHW: ['c', 't', 'y', 'x'],
  THWC: ['t', 'y', 'x', 'c'],
};

export interface ClipDims {
  channels: number;
  frames: number;
  height: number;
  width: number;
}

/** One element of a clip, by its four coordinates (each counted from 0). */
export type ClipIndex = Record<ClipAxis, number>;

function sizeOf(dims: ClipDims, axis: ClipAxis): number {
  return { c: dims.channels, t: dims.frames, y: dims.height, x: dims.width }[axis];
}

function checkDims(dims: ClipDims): void {
  for (const axis of ['c', 't', 'y', 'x'] as const) {
    const n = sizeOf(dims, axis);
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`tensorLayout: size of axis ${axis} must be a positive integer, got ${n}`);
  }
}

/**
 * Strides of a contiguous (row-major) tensor: each axis's stride is the product
 * of the sizes of the axes after it, so the last axis has stride 1.
 */
export function contiguousStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let step = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = step;
    step *= shape[i]!;
  }
  return strides;
}

/** The clip's shape in `layout`'s axis order, e.g. [3, 16, 32, 32] for C×T×H×W. */
export function layoutShape(layout: ClipLayout, dims: ClipDims): number[] {
  checkDims(dims);
  return LAYOUT_AXES[layout].map((a) => sizeOf(dims, a));
}

/** The strides in `layout`'s axis order: (THW, HW, W, 1) for C×T×H×W, (HWC, WC, C, 1) for T×H×W×C. */
export function layoutStrides(layout: ClipLayout, dims: ClipDims): number[] {
  return contiguousStrides(layoutShape(layout, dims));
}

/** The stride of each named axis in `layout`. */
export function axisStrides(layout: ClipLayout, dims: ClipDims): ClipIndex {
  const strides = layoutStrides(layout, dims);
  const out = { c: 0, t: 0, y: 0, x: 0 };
  LAYOUT_AXES[layout].forEach((a, i) => (out[a] = strides[i]!));
  return out;
}

function checkIndex(dims: ClipDims, index: ClipIndex): void {
  for (const axis of ['c', 't', 'y', 'x'] as const) {
    const v = index[axis];
    const n = sizeOf(dims, axis);
    if (!Number.isInteger(v) || v < 0 || v >= n) throw new RangeError(`tensorLayout: ${axis} must be an integer in [0, ${n}), got ${v}`);
  }
}

/**
 * The flat memory offset of element (c, t, y, x) in `layout`: the sum of each
 * coordinate times its axis's stride.
 */
export function flatOffset(layout: ClipLayout, dims: ClipDims, index: ClipIndex): number {
  checkIndex(dims, index);
  const s = axisStrides(layout, dims);
  return index.c * s.c + index.t * s.t + index.y * s.y + index.x * s.x;
}

/** The element stored at `offset` in `layout` (the inverse of flatOffset). */
export function indexAtOffset(layout: ClipLayout, dims: ClipDims, offset: number): ClipIndex {
  checkDims(dims);
  const total = dims.channels * dims.frames * dims.height * dims.width;
  if (!Number.isInteger(offset) || offset < 0 || offset >= total) throw new RangeError(`tensorLayout: offset must be an integer in [0, ${total}), got ${offset}`);
  const out = { c: 0, t: 0, y: 0, x: 0 };
  let rest = offset;
  const strides = layoutStrides(layout, dims);
  LAYOUT_AXES[layout].forEach((a, i) => {
    out[a] = Math.floor(rest / strides[i]!);
    rest -= out[a] * strides[i]!;
  });
  return out;
}

/** The same clip stored in another layout (a copy; `data` is read in layout `from`). */
export function relayout(data: Float32Array, dims: ClipDims, from: ClipLayout, to: ClipLayout): Float32Array {
  const total = layoutShape(from, dims).reduce((a, b) => a * b, 1);
  if (data.length !== total) throw new RangeError(`tensorLayout: expected ${total} values for a ${layoutShape(from, dims).join('×')} clip, got ${data.length}`);
  if (from === to) return data.slice();
  const src = axisStrides(from, dims);
  const dst = axisStrides(to, dims);
  const out = new Float32Array(total);
  for (let c = 0; c < dims.channels; c++) {
    for (let t = 0; t < dims.frames; t++) {
      for (let y = 0; y < dims.height; y++) {
        for (let x = 0; x < dims.width; x++) out[c * dst.c + t * dst.t + y * dst.y + x * dst.x] = data[c * src.c + t * src.t + y * src.y + x * src.x]!;
      }
    }
  }
  return out;
}

/** Slicing along T gives a frame (H×W); along H, an x–t image (T×W); along W, a y–t image (T×H). */
export type SliceAxis = 't' | 'y' | 'x';

const SLICE_GRID: Readonly<Record<SliceAxis, readonly [ClipAxis, ClipAxis]>> = {
  t: ['y', 'x'],
  y: ['t', 'x'],
  x: ['t', 'y'],
};

export interface ClipSlice {
  axis: SliceAxis;
  index: number;
  /** The clip axis that runs down the image, and the one that runs across. */
  rowAxis: ClipAxis;
  colAxis: ClipAxis;
  rows: number;
  cols: number;
  channels: number;
  /** rows×cols×channels, channels last (as an image is stored). */
  data: Float32Array;
}

/** The rows and columns of a slice along `axis`. */
export function sliceGrid(axis: SliceAxis): readonly [ClipAxis, ClipAxis] {
  return SLICE_GRID[axis];
}

/** Cuts the 2-D slice at `index` along `axis` out of a clip stored in `layout`. */
export function clipSlice(data: Float32Array, dims: ClipDims, layout: ClipLayout, axis: SliceAxis, index: number): ClipSlice {
  const [rowAxis, colAxis] = SLICE_GRID[axis];
  const size = sizeOf(dims, axis);
  if (!Number.isInteger(index) || index < 0 || index >= size) throw new RangeError(`tensorLayout: slice index along ${axis} must be an integer in [0, ${size}), got ${index}`);
  const total = layoutShape(layout, dims).reduce((a, b) => a * b, 1);
  if (data.length !== total) throw new RangeError(`tensorLayout: expected ${total} values, got ${data.length}`);
  const rows = sizeOf(dims, rowAxis);
  const cols = sizeOf(dims, colAxis);
  const s = axisStrides(layout, dims);
  const out = new Float32Array(rows * cols * dims.channels);
  const base = index * s[axis];
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < cols; k++) {
      for (let c = 0; c < dims.channels; c++) out[(r * cols + k) * dims.channels + c] = data[base + r * s[rowAxis] + k * s[colAxis] + c * s.c]!;
    }
  }
  return { axis, index, rowAxis, colAxis, rows, cols, channels: dims.channels, data: out };
}

/** Where element `index` appears in the slice along `axis` through it: its row and column. */
export function slicePosition(axis: SliceAxis, index: ClipIndex): { row: number; col: number } {
  const [rowAxis, colAxis] = SLICE_GRID[axis];
  return { row: index[rowAxis], col: index[colAxis] };
}
