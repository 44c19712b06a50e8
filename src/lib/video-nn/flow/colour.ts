/**
 * The Middlebury flow colour code (Baker et al.; `colorcode.cpp` of the
 * flow-code distribution, ported line for line): hue is the direction, saturation
 * the length relative to a maximum radius. Flow to the right is red, zero flow
 * white; lengths beyond the radius are drawn darkened (× 0.75).
 */
import { checkFlowField, isKnownFlow, type FlowField } from './field';

/** Segments of the wheel, red → yellow → green → cyan → blue → magenta → red. */
export const WHEEL_SEGMENTS = { RY: 15, YG: 6, GC: 4, CB: 11, BM: 13, MR: 6 } as const;

/** The 55 colours of the wheel, 0…255, with C's integer division as in the original. */
export function colourWheel(): [number, number, number][] {
  const { RY, YG, GC, CB, BM, MR } = WHEEL_SEGMENTS;
  const wheel: [number, number, number][] = [];
  const ramp = (i: number, n: number): number => Math.floor((255 * i) / n);
  for (let i = 0; i < RY; i++) wheel.push([255, ramp(i, RY), 0]);
  for (let i = 0; i < YG; i++) wheel.push([255 - ramp(i, YG), 255, 0]);
  for (let i = 0; i < GC; i++) wheel.push([0, 255, ramp(i, GC)]);
  for (let i = 0; i < CB; i++) wheel.push([0, 255 - ramp(i, CB), 255]);
  for (let i = 0; i < BM; i++) wheel.push([ramp(i, BM), 0, 255]);
  for (let i = 0; i < MR; i++) wheel.push([255, 0, 255 - ramp(i, MR)]);
  return wheel;
}

const WHEEL = colourWheel();

/** The colour of one flow vector already divided by the radius: [r, g, b] 0…255 (computeColor). */
export function flowColour(fx: number, fy: number): [number, number, number] {
  const ncols = WHEEL.length;
  const rad = Math.sqrt(fx * fx + fy * fy);
  const a = Math.atan2(-fy, -fx) / Math.PI;
  const fk = ((a + 1) / 2) * (ncols - 1);
  const k0 = Math.floor(fk);
  const k1 = (k0 + 1) % ncols;
  const f = fk - k0;
  const out: [number, number, number] = [0, 0, 0];
  for (let b = 0; b < 3; b++) {
    let col = (1 - f) * (WHEEL[k0]![b]! / 255) + f * (WHEEL[k1]![b]! / 255);
    col = rad <= 1 ? 1 - rad * (1 - col) : col * 0.75;
    out[b] = Math.floor(255 * col);
  }
  return out;
}

/** The largest |(u, v)| among known pixels (the default radius). */
export function maxFlowRadius(field: FlowField): number {
  let max = 0;
  for (let i = 0; i < field.width * field.height; i++) {
    const u = field.data[2 * i]!;
    const v = field.data[2 * i + 1]!;
    if (isKnownFlow(u, v)) max = Math.max(max, Math.hypot(u, v));
  }
  return max;
}

/**
 * RGBA pixels (H×W×4) of the flow. `maxRadius` (pixels) fixes the scale, so
 * several fields can share one key; by default each field's largest known
 * vector is full saturation. Unknown flow is black, as in flowToColor.
 */
export function flowToRGBA(field: FlowField, options: { maxRadius?: number } = {}): Uint8ClampedArray {
  checkFlowField('flowToRGBA', field);
  const given = options.maxRadius;
  if (given !== undefined && !(given > 0 && Number.isFinite(given))) throw new Error(`flowToRGBA: maxRadius must be a positive number, got ${given}`);
  const radius = given ?? (maxFlowRadius(field) || 1);
  const out = new Uint8ClampedArray(field.width * field.height * 4);
  for (let i = 0; i < field.width * field.height; i++) {
    const u = field.data[2 * i]!;
    const v = field.data[2 * i + 1]!;
    out[4 * i + 3] = 255;
    if (!isKnownFlow(u, v)) continue;
    const [r, g, b] = flowColour(u / radius, v / radius);
    out[4 * i] = r;
    out[4 * i + 1] = g;
    out[4 * i + 2] = b;
  }
  return out;
}
