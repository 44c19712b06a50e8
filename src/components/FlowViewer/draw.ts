/**
 * Pictures of a flow field on a canvas: the Middlebury colour code, arrows over
 * the (dimmed) frame, or magnitude as grey levels, and the matching legend. The
 * colours and arrow positions come from the library (flowToRGBA, flowColour,
 * flowArrows, flowMagnitude); this file only places them.
 */
import { flowColour, flowToRGBA } from '../../lib/video-nn/flow/colour';
import { flowArrows, flowMagnitude, type FlowField } from '../../lib/video-nn/flow/field';
import type { DisplayMode } from './state';

/** Canvas pixels the flow picture aims for on its longest side, so arrows stay crisp when scaled. */
const TARGET_PX = 320;
/** Smallest full-colour radius, pixels: a still scene stays pale instead of showing its noise at full strength. */
export const MIN_RADIUS = 1;

/** The radius (pixels per frame pair) that maps to full colour / white / the longest arrow. */
export function displayRadius(maxMagnitude: number): number {
  return Math.max(MIN_RADIUS, maxMagnitude);
}

function context(canvas: HTMLCanvasElement): CanvasRenderingContext2D | undefined {
  return canvas.getContext('2d') ?? undefined;
}

function toCanvas(image: ImageData): HTMLCanvasElement {
  const c = document.createElement('canvas');
  c.width = image.width;
  c.height = image.height;
  context(c)?.putImageData(image, 0, 0);
  return c;
}

/** The frame as flow sees it, at working size (CSS scales it up with square pixels). */
export function drawFrame(canvas: HTMLCanvasElement, image: ImageData): void {
  if (canvas.width !== image.width) canvas.width = image.width;
  if (canvas.height !== image.height) canvas.height = image.height;
  context(canvas)?.putImageData(image, 0, 0);
}

/** Draws the field in `mode`; `frame` is the first frame of the pair (under the arrows). */
export function drawFlow(canvas: HTMLCanvasElement, field: FlowField, mode: DisplayMode, frame: ImageData, radius: number): void {
  const scale = Math.max(1, Math.floor(TARGET_PX / Math.max(field.width, field.height)));
  canvas.width = field.width * scale;
  canvas.height = field.height * scale;
  const ctx = context(canvas);
  if (!ctx) return;
  ctx.imageSmoothingEnabled = false;
  if (mode === 'colour') {
    const image = new ImageData(field.width, field.height);
    image.data.set(flowToRGBA(field, { maxRadius: radius }));
    ctx.drawImage(toCanvas(image), 0, 0, canvas.width, canvas.height);
  } else if (mode === 'magnitude') {
    ctx.drawImage(toCanvas(magnitudeImage(field, radius)), 0, 0, canvas.width, canvas.height);
  } else {
    ctx.drawImage(toCanvas(frame), 0, 0, canvas.width, canvas.height);
    // Dim the frame so arrows of either colour read against it.
    ctx.fillStyle = 'rgba(0, 0, 0, 0.45)';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    drawArrows(ctx, field, scale, radius);
  }
}

/** |flow| as grey levels: black still, white at `radius` or more. */
function magnitudeImage(field: FlowField, radius: number): ImageData {
  const magnitude = flowMagnitude(field);
  const image = new ImageData(field.width, field.height);
  for (let i = 0; i < magnitude.length; i++) {
    const g = Math.round(255 * Math.min(1, magnitude[i]! / radius));
    image.data.set([g, g, g, 255], 4 * i);
  }
  return image;
}

/** The grid step in working pixels: about 12 arrows across the longest side. */
export function arrowStep(width: number, height: number): number {
  return Math.max(3, Math.round(Math.max(width, height) / 12));
}

/** Arrows on a grid, the longest one as long as a grid cell; each tinted with its wheel colour and outlined. */
function drawArrows(ctx: CanvasRenderingContext2D, field: FlowField, scale: number, radius: number): void {
  const step = arrowStep(field.width, field.height);
  const gain = (step * scale * 0.95) / radius;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  for (const a of flowArrows(field, step)) {
    const x0 = (a.x + 0.5) * scale;
    const y0 = (a.y + 0.5) * scale;
    const dx = a.u * gain;
    const dy = a.v * gain;
    const length = Math.hypot(dx, dy);
    const [r, g, b] = flowColour(a.u / radius, a.v / radius);
    if (length < 2) {
      ctx.fillStyle = 'rgba(255, 255, 255, 0.8)';
      ctx.fillRect(x0 - 1, y0 - 1, 2, 2);
      continue;
    }
    const head = Math.min(7, length * 0.45);
    const angle = Math.atan2(dy, dx);
    const path = new Path2D();
    path.moveTo(x0, y0);
    path.lineTo(x0 + dx, y0 + dy);
    path.moveTo(x0 + dx - head * Math.cos(angle - 0.5), y0 + dy - head * Math.sin(angle - 0.5));
    path.lineTo(x0 + dx, y0 + dy);
    path.lineTo(x0 + dx - head * Math.cos(angle + 0.5), y0 + dy - head * Math.sin(angle + 0.5));
    ctx.strokeStyle = 'rgba(0, 0, 0, 0.9)';
    ctx.lineWidth = 5;
    ctx.stroke(path);
    ctx.strokeStyle = `rgb(${r}, ${g}, ${b})`;
    ctx.lineWidth = 2.5;
    ctx.stroke(path);
  }
}

/** The key: the colour wheel (direction → hue, length → saturation) or the grey ramp for magnitude. */
export function drawLegend(canvas: HTMLCanvasElement, mode: DisplayMode): void {
  const size = 96;
  canvas.width = size;
  canvas.height = mode === 'magnitude' ? 16 : size;
  const ctx = context(canvas);
  if (!ctx) return;
  const image = ctx.createImageData(canvas.width, canvas.height);
  if (mode === 'magnitude') {
    for (let x = 0; x < size; x++) {
      const g = Math.round((255 * x) / (size - 1));
      for (let y = 0; y < canvas.height; y++) image.data.set([g, g, g, 255], 4 * (y * size + x));
    }
  } else {
    const c = (size - 1) / 2;
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const fx = (x - c) / c;
        const fy = (y - c) / c;
        if (Math.hypot(fx, fy) > 1) continue;
        const [r, g, b] = flowColour(fx, fy);
        image.data.set([r, g, b, 255], 4 * (y * size + x));
      }
    }
  }
  ctx.putImageData(image, 0, 0);
}
