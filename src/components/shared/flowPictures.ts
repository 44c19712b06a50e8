/**
 * Small pictures of flow fields and clips for chapter 3's figures: an RGBA
 * image on a canvas at its own size (CSS scales it up with square pixels), a
 * flow field in the Middlebury colour code with a shared radius, the colour
 * wheel as a key, and one frame of a clip. No tfjs; the caller labels each canvas.
 */
import { flowColour, flowToRGBA } from '../../lib/video-nn/flow/colour';
import type { FlowField } from '../../lib/video-nn/flow/field';
import { h } from './dom';
import { paintPixels, sizeCanvas } from './pixelCanvas';

type Attrs = Record<string, string | number | boolean | undefined>;

/** A canvas of width×height showing the RGBA bytes. */
export function rgbaCanvas(rgba: Uint8ClampedArray, width: number, height: number, attrs: Attrs = {}): HTMLCanvasElement {
  const canvas = h('canvas', { width, height, ...attrs });
  const ctx = canvas.getContext('2d');
  if (ctx) ctx.putImageData(new ImageData(new Uint8ClampedArray(rgba), width, height), 0, 0);
  return canvas;
}

/** A flow field in the Middlebury colour code; `radius` (pixels) is full saturation, shared by fields that are compared. */
export function flowCanvas(field: FlowField, radius: number, label: string, attrs: Attrs = {}): HTMLCanvasElement {
  return rgbaCanvas(flowToRGBA(field, { maxRadius: radius }), field.width, field.height, { role: 'img', 'aria-label': label, ...attrs });
}

/** The colour wheel itself: the colour of every direction and length up to the radius (white at the centre). */
export function wheelKey(size: number, label: string): HTMLCanvasElement {
  const rgba = new Uint8ClampedArray(size * size * 4);
  const c = (size - 1) / 2;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = 4 * (y * size + x);
      const fx = (x - c) / c;
      const fy = (y - c) / c;
      if (fx * fx + fy * fy > 1) continue; // transparent outside the disc
      rgba.set(flowColour(fx, fy), i);
      rgba[i + 3] = 255;
    }
  }
  return rgbaCanvas(rgba, size, size, { role: 'img', 'aria-label': label });
}

/** Frame t of a T×H×W×C clip (floats in [0, 1]) at its own size. */
export function frameCanvas(clip: { data: Float32Array; shape: readonly [number, number, number, number] }, t: number, label: string, attrs: Attrs = {}): HTMLCanvasElement {
  const [, rows, cols, channels] = clip.shape;
  const canvas = h('canvas', { role: 'img', 'aria-label': label, ...attrs });
  sizeCanvas(canvas, { rows, cols }, 1);
  const ctx = canvas.getContext('2d');
  if (ctx) paintPixels(ctx, { data: clip.data, start: t * rows * cols * channels, rows, cols, channels }, 1);
  return canvas;
}
