/**
 * A clip's frames side by side on a canvas, scaled up with square pixels — how
 * a widget shows the reader the clip a model is looking at. The canvas is an
 * image with a text label; the caller says what it shows.
 */
import { h } from './dom';

export interface FilmstripClip {
  /** T×H×W×C floats in [0, 1]. */
  data: Float32Array;
  shape: readonly [number, number, number, number];
}

const GAP = 3;

/** Draws `frames` (default: all) of the clip, each `scale` times its size. */
export function filmstrip(clip: FilmstripClip, label: string, options: { frames?: readonly number[]; scale?: number } = {}): HTMLCanvasElement {
  const [t, height, width, channels] = clip.shape;
  const frames = options.frames ?? Array.from({ length: t }, (_, i) => i);
  const scale = options.scale ?? 2;
  const fw = width * scale;
  const fh = height * scale;
  const canvas = h('canvas', { class: 'vnn-filmstrip', width: frames.length * fw + (frames.length - 1) * GAP, height: fh, role: 'img', 'aria-label': label });
  const ctx = canvas.getContext('2d');
  if (!ctx) return canvas;
  const image = ctx.createImageData(canvas.width, canvas.height);
  image.data.fill(0);
  const frameSize = height * width * channels;
  frames.forEach((f, k) => {
    for (let y = 0; y < fh; y++) {
      for (let x = 0; x < fw; x++) {
        const src = f * frameSize + (Math.floor(y / scale) * width + Math.floor(x / scale)) * channels;
        const dst = (y * canvas.width + k * (fw + GAP) + x) * 4;
        for (let c = 0; c < 3; c++) image.data[dst + c] = Math.round(255 * clip.data[src + (channels >= 3 ? c : 0)]!);
        image.data[dst + 3] = 255;
      }
    }
  });
  ctx.putImageData(image, 0, 0);
  return canvas;
}
