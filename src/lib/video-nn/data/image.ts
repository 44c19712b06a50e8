/**
 * Frames to RGBA bytes for canvas drawing, without touching the DOM: the result
 * fits `new ImageData(rgba, width, height)` and `putImageData`.
 */

/** Frame t of a T×H×W×C clip (C = 1 or 3, values in [0, 1]) as H·W·4 RGBA bytes. */
export function frameToRGBA(data: Float32Array, shape: readonly [number, number, number, number], t: number, out?: Uint8ClampedArray): Uint8ClampedArray {
  const [frames, h, w, c] = shape;
  if (!Number.isInteger(t) || t < 0 || t >= frames) throw new Error(`frameToRGBA: frame ${t} is outside [0, ${frames})`);
  if (c !== 1 && c !== 3) throw new Error(`frameToRGBA: ${c} channels; expected 1 or 3`);
  const rgba = out ?? new Uint8ClampedArray(h * w * 4);
  if (rgba.length !== h * w * 4) throw new Error(`frameToRGBA: output has ${rgba.length} bytes, needs ${h * w * 4}`);
  const base = t * h * w * c;
  for (let p = 0; p < h * w; p++) {
    const i = base + p * c;
    // Uint8ClampedArray rounds half to even and clamps, so no explicit clamp is needed.
    rgba[4 * p] = data[i]! * 255;
    rgba[4 * p + 1] = data[i + (c === 3 ? 1 : 0)]! * 255;
    rgba[4 * p + 2] = data[i + (c === 3 ? 2 : 0)]! * 255;
    rgba[4 * p + 3] = 255;
  }
  return rgba;
}
