/** .flo files, the Middlebury colour code, arrows and magnitudes. */
import { describe, expect, it } from 'vitest';
import { colourWheel, flowColour, flowToRGBA, WHEEL_SEGMENTS } from '../../../src/lib/video-nn/flow/colour';
import { flowArrows, flowMagnitude, meanMagnitude } from '../../../src/lib/video-nn/flow/field';
import { FLO_MAGIC, readFlo, writeFlo } from '../../../src/lib/video-nn/flow/flo';

const field = { width: 3, height: 2, data: new Float32Array([0.5, -1.25, 3, 4, -0, 1e-7, 123.456, -7, 1e10, 0, 2, 2]) };

describe('.flo files', () => {
  it('writes the Middlebury layout byte for byte and reads it back bit-exactly', () => {
    const bytes = writeFlo(field);
    expect(bytes.length).toBe(12 + 3 * 2 * 8);
    // "PIEH" is 202021.25 as a little-endian float32.
    expect(String.fromCharCode(...bytes.slice(0, 4))).toBe('PIEH');
    const view = new DataView(bytes.buffer);
    expect([view.getFloat32(0, true), view.getInt32(4, true), view.getInt32(8, true), view.getFloat32(12, true), view.getFloat32(16, true)]).toEqual([FLO_MAGIC, 3, 2, 0.5, -1.25]);
    const back = readFlo(bytes);
    expect([back.width, back.height]).toEqual([3, 2]);
    expect(new Uint8Array(back.data.buffer)).toEqual(new Uint8Array(field.data.buffer));
    // A Buffer view at an offset inside a larger buffer reads the same.
    const shifted = new Uint8Array(bytes.length + 5);
    shifted.set(bytes, 5);
    expect(readFlo(shifted.subarray(5)).data).toEqual(field.data);
  });

  it('rejects a wrong magic number, a short or long file and an implausible size with a clear message', () => {
    const bytes = writeFlo(field);
    const bad = bytes.slice();
    bad[3] = 0x47; // "PIEG"
    expect(() => readFlo(bad)).toThrow(/not a \.flo file: magic number/);
    expect(() => readFlo(bytes.slice(0, 8))).toThrow(/shorter than the 12-byte header/);
    expect(() => readFlo(bytes.slice(0, bytes.length - 4))).toThrow(/a 3×2 flow needs 60 bytes, the file has 56/);
    const long = new Uint8Array(bytes.length + 4);
    long.set(bytes);
    expect(() => readFlo(long)).toThrow(/needs 60 bytes, the file has 64/);
    const huge = bytes.slice();
    new DataView(huge.buffer).setInt32(4, -3, true);
    expect(() => readFlo(huge)).toThrow(/implausible size -3×2/);
    expect(() => writeFlo({ width: 2, height: 2, data: new Float32Array(7) })).toThrow(/needs 8 values/);
  });
});

describe('the Middlebury colour code', () => {
  it('has 55 colours: RY 15, YG 6, GC 4, CB 11, BM 13, MR 6, with C integer ramps', () => {
    const wheel = colourWheel();
    expect(Object.values(WHEEL_SEGMENTS).reduce((a, b) => a + b, 0)).toBe(55);
    expect(wheel).toHaveLength(55);
    expect(wheel[0]).toEqual([255, 0, 0]);
    expect(wheel[1]).toEqual([255, 17, 0]); // 255·1/15
    expect(wheel[15]).toEqual([255, 255, 0]);
    expect(wheel[21]).toEqual([0, 255, 0]);
    expect(wheel[25]).toEqual([0, 255, 255]);
    expect(wheel[36]).toEqual([0, 0, 255]);
    expect(wheel[49]).toEqual([255, 0, 255]);
    expect(wheel[54]).toEqual([255, 0, 43]); // 255 − ⌊255·5/6⌋
  });

  it('right is red, down yellowish-orange, left cyan-blue, up blue-violet; zero flow white; beyond the radius darkened', () => {
    // As in C: atan2(−0, −1) = −π puts (1, +0) at the start of the wheel, pure red.
    expect(flowColour(1, 0)).toEqual([255, 0, 0]);
    expect(flowColour(0, 0)).toEqual([255, 255, 255]);
    const [r, g, b] = flowColour(0, 1); // fk = 13.5: between wheel[13] and wheel[14]
    expect([r, b]).toEqual([255, 0]);
    expect(g).toBe(Math.floor(255 * ((Math.floor(255 * 13 / 15) + Math.floor(255 * 14 / 15)) / 2 / 255)));
    expect(flowColour(-1, 0)).toEqual([0, 209, 255]); // fk = 27: wheel[27] = (0, 255 − ⌊255·2/11⌋, 255)
    const up = flowColour(0, -1);
    expect(up[2]).toBe(255);
    expect(up[1]).toBe(0);
    expect(flowColour(2, 0)).toEqual([191, 0, 0]); // 0.75 × 255
    expect(flowColour(0.5, 0)).toEqual([255, 127, 127]); // half saturation
  });

  it('flowToRGBA scales by the largest vector or a given radius, and paints unknown flow black', () => {
    const f = { width: 3, height: 1, data: new Float32Array([4, 0, 2, 0, 1e10, 0]) };
    const rgba = flowToRGBA(f);
    expect(Array.from(rgba)).toEqual([255, 0, 0, 255, 255, 127, 127, 255, 0, 0, 0, 255]);
    expect(Array.from(flowToRGBA(f, { maxRadius: 8 }).slice(0, 4))).toEqual([255, 127, 127, 255]);
    expect(() => flowToRGBA(f, { maxRadius: 0 })).toThrow(/maxRadius/);
  });
});

describe('arrows and magnitudes', () => {
  it('samples every k pixels from ⌊k/2⌋, skipping unknown flow', () => {
    expect(flowArrows(field, 2)).toEqual([]); // the one sample, (1, 1), is unknown (u = 1e10)
    expect(flowArrows(field, 1)[1]).toEqual({ x: 1, y: 0, u: 3, v: 4 });
    expect(flowArrows(field, 1).map((a) => [a.x, a.y])).toEqual([[0, 0], [1, 0], [2, 0], [0, 1], [2, 1]]);
    expect(flowArrows({ width: 4, height: 4, data: new Float32Array(32).fill(1) }, 2).map((a) => [a.x, a.y])).toEqual([[1, 1], [3, 1], [1, 3], [3, 3]]);
    expect(() => flowArrows(field, 0)).toThrow(/step/);
  });

  it('magnitude per pixel and its mean over known pixels', () => {
    const m = flowMagnitude({ width: 2, height: 1, data: new Float32Array([3, 4, 0, 0]) });
    expect(Array.from(m)).toEqual([5, 0]);
    expect(meanMagnitude({ width: 2, height: 1, data: new Float32Array([3, 4, 1e10, 0]) })).toBe(5);
  });
});
