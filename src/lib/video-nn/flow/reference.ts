/**
 * Plain-loop bilinear sampling with the same conventions as `bilinearSample`
 * (pixel centres at integers, coordinates clamped to the border): the
 * reference the tfjs version is tested against, and the sampler the ground-truth
 * generator uses for caller-given images. No tfjs.
 */

/** Samples an H×W×C row-major image at (x, y); writes C values into `out` (returned). */
export function samplePlain(data: Float32Array, width: number, height: number, channels: number, x: number, y: number, out: Float32Array = new Float32Array(channels)): Float32Array {
  const xc = Math.min(Math.max(x, 0), width - 1);
  const yc = Math.min(Math.max(y, 0), height - 1);
  const x0 = Math.floor(xc);
  const y0 = Math.floor(yc);
  const x1 = Math.min(x0 + 1, width - 1);
  const y1 = Math.min(y0 + 1, height - 1);
  const fx = xc - x0;
  const fy = yc - y0;
  for (let c = 0; c < channels; c++) {
    const a = data[(y0 * width + x0) * channels + c]!;
    const b = data[(y0 * width + x1) * channels + c]!;
    const d = data[(y1 * width + x0) * channels + c]!;
    const e = data[(y1 * width + x1) * channels + c]!;
    out[c] = (1 - fx) * (1 - fy) * a + fx * (1 - fy) * b + (1 - fx) * fy * d + fx * fy * e;
  }
  return out;
}
