/**
 * The flat (2-D canvas) drawings of the sliding kernel: every frame of the clip
 * with the kernel's footprint on the frames it covers, the 3-D output's current
 * slab, and the 2-D kernel on one frame with its output map. They need no WebGL,
 * so they are also what a reader without WebGL sees.
 */
import { CLIP, frame2d, inputWindow, type Kernel3dState, type Outputs } from './state';

export type Rgb = [number, number, number];

export interface FlatColours {
  accent: string;
  negative: Rgb;
  zero: Rgb;
  positive: Rgb;
}

/** Screen pixels per clip pixel in the frame drawings. */
export const FRAME_SCALE = 4;
/** Largest side of an output map drawing, in screen pixels. */
const MAP_PX = 96;

/** Colour of v / scale on the diverging scale (negative blue, positive red, 0 the panel colour). */
export function valueColour(v: number, scale: number, c: FlatColours): Rgb {
  const t = scale > 0 ? Math.max(-1, Math.min(1, v / scale)) : 0;
  const end = t < 0 ? c.negative : c.positive;
  const a = Math.abs(t);
  return [0, 1, 2].map((i) => Math.round(c.zero[i]! + (end[i]! - c.zero[i]!) * a)) as Rgb;
}

/** Largest |value| of an output volume (the colour scale), never 0. */
export function valueScale(values: Float32Array): number {
  let max = 0;
  for (const v of values) max = Math.max(max, Math.abs(v));
  return max > 0 ? max : 1;
}

/** Draws frame t of the clip at FRAME_SCALE. */
export function drawFrame(canvas: HTMLCanvasElement, clip: Float32Array, t: number): void {
  const S = CLIP.size;
  const px = S * FRAME_SCALE;
  canvas.width = px;
  canvas.height = px;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const image = ctx.createImageData(px, px);
  for (let y = 0; y < px; y++)
    for (let x = 0; x < px; x++) {
      const src = ((t * S + Math.floor(y / FRAME_SCALE)) * S + Math.floor(x / FRAME_SCALE)) * CLIP.channels;
      const dst = (y * px + x) * 4;
      for (let c = 0; c < 3; c++) image.data[dst + c] = Math.round(255 * clip[src + c]!);
      image.data[dst + 3] = 255;
    }
  ctx.putImageData(image, 0, 0);
}

/** The kernel's kh×kw footprint (rows y0–y1, columns x0–x1; it may hang over the edge into the padding). */
export function drawFootprint(canvas: HTMLCanvasElement, y: [number, number], x: [number, number], colour: string): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.save();
  ctx.strokeStyle = colour;
  ctx.lineWidth = 3;
  ctx.setLineDash([]);
  const s = FRAME_SCALE;
  ctx.strokeRect(x[0] * s + 1.5, y[0] * s + 1.5, (x[1] - x[0] + 1) * s - 3, (y[1] - y[0] + 1) * s - 3);
  ctx.restore();
}

/**
 * Draws one H'×W' map of output values. Cells after `upTo` (raster index within
 * this map) are left empty: the kernel has not written them yet.
 */
export function drawMap(
  canvas: HTMLCanvasElement,
  values: Float32Array,
  offset: number,
  [oh, ow]: [number, number],
  scale: number,
  colours: FlatColours,
  upTo: number,
  current?: [number, number],
): void {
  const cell = Math.max(1, Math.floor(MAP_PX / Math.max(oh, ow)));
  canvas.width = ow * cell;
  canvas.height = oh * cell;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  for (let y = 0; y < oh; y++)
    for (let x = 0; x < ow; x++) {
      const i = y * ow + x;
      if (i > upTo) continue;
      const [r, g, b] = valueColour(values[offset + i]!, scale, colours);
      ctx.fillStyle = `rgb(${r}, ${g}, ${b})`;
      ctx.fillRect(x * cell, y * cell, cell, cell);
    }
  if (current) {
    ctx.strokeStyle = colours.accent;
    ctx.lineWidth = 2;
    ctx.strokeRect(current[1] * cell + 1, current[0] * cell + 1, cell - 2, cell - 2);
  }
}

export interface FlatCanvases {
  frames: HTMLCanvasElement[];
  frameBoxes: HTMLElement[];
  output3d: HTMLCanvasElement;
  frame2d: HTMLCanvasElement;
  output2d: HTMLCanvasElement;
}

/** Redraws every flat canvas for a state; output maps only once their values exist. */
export function drawFlat(canvases: FlatCanvases, state: Kernel3dState, clip: Float32Array, outputs: Outputs | undefined, colours: FlatColours): void {
  const w = inputWindow(state);
  canvases.frames.forEach((canvas, t) => {
    drawFrame(canvas, clip, t);
    const covered = t >= w.t[0] && t <= w.t[1];
    if (covered) drawFootprint(canvas, w.y, w.x, colours.accent);
    canvases.frameBoxes[t]!.classList.toggle('is-covered', covered);
  });
  const f = frame2d(state);
  drawFrame(canvases.frame2d, clip, f);
  drawFootprint(canvases.frame2d, w.y, w.x, colours.accent);
  if (!outputs) {
    for (const c of [canvases.output3d, canvases.output2d]) c.getContext('2d')?.clearRect(0, 0, c.width, c.height);
    return;
  }
  // One colour scale for both maps, so their colours compare.
  const scale = Math.max(valueScale(outputs.values3d), valueScale(outputs.values2d));
  const [, oh, ow] = outputs.shape3d;
  drawMap(canvases.output3d, outputs.values3d, state.t * oh * ow, [oh, ow], scale, colours, state.y * ow + state.x, [state.y, state.x]);
  const [, h2, w2] = outputs.shape2d;
  drawMap(canvases.output2d, outputs.values2d, f * h2 * w2, [h2, w2], scale, colours, state.y * w2 + state.x, [state.y, state.x]);
}
