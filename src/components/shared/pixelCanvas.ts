/**
 * Drawing generated frames on a canvas: float pixels in [0, 1] scaled up with
 * square pixels, and outlines that stay visible on any picture (a dark line
 * with a light one inside). Used by chapter 1's tensor explorer, waving vs
 * pointing and per-frame flicker figures; the caller labels the canvas.
 */

export interface PixelSource {
  /** rows×cols×channels floats in [0, 1] starting at `start` (channels last). */
  data: Float32Array;
  start?: number;
  rows: number;
  cols: number;
  channels: number;
}

/** A canvas of the source's size times `scale`; CSS may shrink it, `image-rendering: pixelated` keeps pixels square. */
export function sizeCanvas(canvas: HTMLCanvasElement, source: Pick<PixelSource, 'rows' | 'cols'>, scale: number): void {
  const width = source.cols * scale;
  const height = source.rows * scale;
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
}

/** Paints the source, each pixel a scale×scale square; a one-channel source is drawn grey. */
export function paintPixels(ctx: CanvasRenderingContext2D, source: PixelSource, scale: number): void {
  const { data, rows, cols, channels } = source;
  const start = source.start ?? 0;
  const image = ctx.createImageData(cols * scale, rows * scale);
  const out = image.data;
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < cols; k++) {
      const src = start + (r * cols + k) * channels;
      const rgb = [0, 1, 2].map((c) => Math.round(255 * Math.min(1, Math.max(0, data[src + (channels >= 3 ? c : 0)]!))));
      for (let dy = 0; dy < scale; dy++) {
        let dst = ((r * scale + dy) * cols * scale + k * scale) * 4;
        for (let dx = 0; dx < scale; dx++, dst += 4) {
          out[dst] = rgb[0]!;
          out[dst + 1] = rgb[1]!;
          out[dst + 2] = rgb[2]!;
          out[dst + 3] = 255;
        }
      }
    }
  }
  ctx.putImageData(image, 0, 0);
}

/** Outlines a rectangle (canvas pixels) just outside its edges, dark then light, so it shows on dark and light pictures. */
export function outline(ctx: CanvasRenderingContext2D, x: number, y: number, width: number, height: number, weight = 1): void {
  ctx.save();
  ctx.lineWidth = 2 * weight;
  ctx.strokeStyle = 'rgb(0 0 0)';
  ctx.strokeRect(x - 2 * weight, y - 2 * weight, width + 4 * weight, height + 4 * weight);
  ctx.lineWidth = weight;
  ctx.strokeStyle = 'rgb(255 255 255)';
  ctx.strokeRect(x - 0.5 * weight, y - 0.5 * weight, width + weight, height + weight);
  ctx.restore();
}

/** The pixel (row, col) under a pointer event on a canvas drawn at `scale`, whatever size CSS gives it. */
export function pixelAt(canvas: HTMLCanvasElement, event: { clientX: number; clientY: number }, rows: number, cols: number): { row: number; col: number } {
  // The picture fills the content box: leave out any CSS border.
  const box = canvas.getBoundingClientRect();
  const left = box.left + canvas.clientLeft;
  const top = box.top + canvas.clientTop;
  const col = Math.floor(((event.clientX - left) / canvas.clientWidth) * cols);
  const row = Math.floor(((event.clientY - top) / canvas.clientHeight) * rows);
  return { row: Math.min(rows - 1, Math.max(0, row)), col: Math.min(cols - 1, Math.max(0, col)) };
}
