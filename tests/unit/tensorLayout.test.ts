/**
 * The clip layouts C×T×H×W and T×H×W×C: strides and offsets against numbers
 * worked by hand, against plain enumeration in each layout's axis order, and
 * slices against a clip whose every value spells out its own coordinates.
 */
import { describe, expect, it } from 'vitest';
import {
  axisStrides, clipSlice, contiguousStrides, flatOffset, indexAtOffset, layoutShape, layoutStrides, relayout, slicePosition,
  type ClipDims, type ClipIndex,
} from '../../src/lib/video-nn/analysis';

/** The chapter's training clip: 16 frames of 112×112 RGB. */
const TRAINING: ClipDims = { channels: 3, frames: 16, height: 112, width: 112 };
const SMALL: ClipDims = { channels: 2, frames: 3, height: 2, width: 4 };

/** A value that names its element: 1000c + 100t + 10y + x (all coordinates < 10 here). */
const code = ({ c, t, y, x }: ClipIndex) => 1000 * c + 100 * t + 10 * y + x;

/** The small clip in T×H×W×C, written by nested loops in that order (so position i is the i-th value written). */
function codedClipTHWC(d: ClipDims): Float32Array {
  const out: number[] = [];
  for (let t = 0; t < d.frames; t++) for (let y = 0; y < d.height; y++) for (let x = 0; x < d.width; x++) for (let c = 0; c < d.channels; c++) out.push(code({ c, t, y, x }));
  return Float32Array.from(out);
}

describe('strides', () => {
  it('of a contiguous shape are the products of the sizes after each axis', () => {
    expect(contiguousStrides([3, 16, 112, 112])).toEqual([200_704, 12_544, 112, 1]);
    expect(contiguousStrides([7])).toEqual([1]);
    expect(contiguousStrides([])).toEqual([]);
  });

  it('of the training clip in both layouts, worked by hand', () => {
    // C×T×H×W: (T·H·W, H·W, W, 1) = (16·112·112, 112·112, 112, 1).
    expect(layoutShape('CTHW', TRAINING)).toEqual([3, 16, 112, 112]);
    expect(layoutStrides('CTHW', TRAINING)).toEqual([200_704, 12_544, 112, 1]);
    // T×H×W×C: (H·W·C, W·C, C, 1) = (112·112·3, 112·3, 3, 1); one frame is 37,632 values.
    expect(layoutShape('THWC', TRAINING)).toEqual([16, 112, 112, 3]);
    expect(layoutStrides('THWC', TRAINING)).toEqual([37_632, 336, 3, 1]);
    expect(axisStrides('THWC', TRAINING)).toEqual({ t: 37_632, y: 336, x: 3, c: 1 });
    expect(axisStrides('CTHW', TRAINING)).toEqual({ c: 200_704, t: 12_544, y: 112, x: 1 });
  });
});

describe('flat offsets', () => {
  it('of one element of the training clip, worked by hand', () => {
    const index = { c: 2, t: 5, y: 10, x: 7 };
    // 2·200,704 + 5·12,544 + 10·112 + 7 = 401,408 + 62,720 + 1,120 + 7.
    expect(flatOffset('CTHW', TRAINING, index)).toBe(465_255);
    // 5·37,632 + 10·336 + 7·3 + 2 = 188,160 + 3,360 + 21 + 2.
    expect(flatOffset('THWC', TRAINING, index)).toBe(191_543);
    expect(flatOffset('CTHW', TRAINING, { c: 2, t: 15, y: 111, x: 111 })).toBe(3 * 16 * 112 * 112 - 1);
    expect(flatOffset('THWC', TRAINING, { c: 0, t: 0, y: 0, x: 0 })).toBe(0);
  });

  it('count 0, 1, 2 … when the elements are visited in the layout’s own axis order', () => {
    let i = 0;
    for (let c = 0; c < SMALL.channels; c++) for (let t = 0; t < SMALL.frames; t++) for (let y = 0; y < SMALL.height; y++) for (let x = 0; x < SMALL.width; x++) {
      expect(flatOffset('CTHW', SMALL, { c, t, y, x })).toBe(i);
      expect(indexAtOffset('CTHW', SMALL, i)).toEqual({ c, t, y, x });
      i++;
    }
    i = 0;
    for (let t = 0; t < SMALL.frames; t++) for (let y = 0; y < SMALL.height; y++) for (let x = 0; x < SMALL.width; x++) for (let c = 0; c < SMALL.channels; c++) {
      expect(flatOffset('THWC', SMALL, { c, t, y, x })).toBe(i);
      expect(indexAtOffset('THWC', SMALL, i)).toEqual({ c, t, y, x });
      i++;
    }
    expect(i).toBe(48);
  });

  it('refuses coordinates and offsets outside the clip', () => {
    expect(() => flatOffset('CTHW', SMALL, { c: 2, t: 0, y: 0, x: 0 })).toThrow(/c must be an integer in \[0, 2\)/);
    expect(() => flatOffset('THWC', SMALL, { c: 0, t: 0, y: 0, x: 1.5 })).toThrow(/x must be/);
    expect(() => indexAtOffset('THWC', SMALL, 48)).toThrow(/offset must be an integer in \[0, 48\)/);
    expect(() => layoutShape('CTHW', { ...SMALL, frames: 0 })).toThrow(/axis t/);
  });
});

describe('relayout and slices', () => {
  const thwc = codedClipTHWC(SMALL);

  it('reorders the values so each lands at its offset in the other layout', () => {
    const cthw = relayout(thwc, SMALL, 'THWC', 'CTHW');
    // Channels first: all of channel 0 (t, y, x in order), then all of channel 1.
    expect(Array.from(cthw.slice(0, 6))).toEqual([0, 1, 2, 3, 10, 11]);
    expect(cthw[24]).toBe(1000);
    for (let i = 0; i < cthw.length; i++) expect(cthw[i]).toBe(code(indexAtOffset('CTHW', SMALL, i)));
    expect(relayout(cthw, SMALL, 'CTHW', 'THWC')).toEqual(thwc);
    expect(() => relayout(thwc.subarray(1), SMALL, 'THWC', 'CTHW')).toThrow(/expected 48 values/);
  });

  it('cut a frame, an x–t image and a y–t image out of either layout alike', () => {
    const cthw = relayout(thwc, SMALL, 'THWC', 'CTHW');
    for (const layout of ['THWC', 'CTHW'] as const) {
      const data = layout === 'THWC' ? thwc : cthw;
      const frame = clipSlice(data, SMALL, layout, 't', 2);
      expect([frame.rows, frame.cols, frame.rowAxis, frame.colAxis]).toEqual([2, 4, 'y', 'x']);
      // Row 1, column 3, channel 1 of frame 2: 1000 + 200 + 10 + 3.
      expect(frame.data[(1 * 4 + 3) * 2 + 1]).toBe(1213);
      const xt = clipSlice(data, SMALL, layout, 'y', 1);
      expect([xt.rows, xt.cols, xt.rowAxis, xt.colAxis]).toEqual([3, 4, 't', 'x']);
      expect(Array.from(xt.data.filter((_, i) => i % 2 === 0))).toEqual([10, 11, 12, 13, 110, 111, 112, 113, 210, 211, 212, 213]);
      const yt = clipSlice(data, SMALL, layout, 'x', 3);
      expect([yt.rows, yt.cols, yt.rowAxis, yt.colAxis]).toEqual([3, 2, 't', 'y']);
      expect(Array.from(yt.data)).toEqual([3, 1003, 13, 1013, 103, 1103, 113, 1113, 203, 1203, 213, 1213]);
    }
    expect(() => clipSlice(thwc, SMALL, 'THWC', 'x', 4)).toThrow(/along x must be an integer in \[0, 4\)/);
  });

  it('place an element at its row and column in the slice through it', () => {
    const index = { c: 1, t: 2, y: 1, x: 3 };
    expect(slicePosition('t', index)).toEqual({ row: 1, col: 3 });
    expect(slicePosition('y', index)).toEqual({ row: 2, col: 3 });
    expect(slicePosition('x', index)).toEqual({ row: 2, col: 1 });
  });
});
