/**
 * A dense flow field as plain data: what `.flo` files, the metrics and the
 * visualisations share. No tfjs, so pages and build-time code can use it alone.
 */

/** Flow from frame 1 to frame 2 in pixels: data holds u, v interleaved row-major (H×W×2), as tfjs lays out an H×W×2 tensor. */
export interface FlowField {
  width: number;
  height: number;
  data: Float32Array;
}

/** Middlebury marks unknown flow with values above 1e9 (UNKNOWN_FLOW_THRESH). */
export const UNKNOWN_FLOW_THRESHOLD = 1e9;

export function isKnownFlow(u: number, v: number): boolean {
  return Number.isFinite(u) && Number.isFinite(v) && Math.abs(u) <= UNKNOWN_FLOW_THRESHOLD && Math.abs(v) <= UNKNOWN_FLOW_THRESHOLD;
}

/** Throws unless the field's data has 2·W·H values and the sizes are positive integers. */
export function checkFlowField(name: string, field: FlowField): void {
  const { width, height, data } = field;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) throw new Error(`${name}: width and height must be positive integers, got ${width}×${height}`);
  if (data.length !== width * height * 2) throw new Error(`${name}: a ${width}×${height} flow needs ${width * height * 2} values (u, v per pixel), got ${data.length}`);
}

/** |(u, v)| per pixel, row-major H×W. */
export function flowMagnitude(field: FlowField): Float32Array {
  checkFlowField('flowMagnitude', field);
  const out = new Float32Array(field.width * field.height);
  for (let i = 0; i < out.length; i++) out[i] = Math.hypot(field.data[2 * i]!, field.data[2 * i + 1]!);
  return out;
}

/** Mean |(u, v)| over the known pixels (0 for none). */
export function meanMagnitude(field: FlowField): number {
  checkFlowField('meanMagnitude', field);
  let sum = 0;
  let count = 0;
  for (let i = 0; i < field.width * field.height; i++) {
    const u = field.data[2 * i]!;
    const v = field.data[2 * i + 1]!;
    if (!isKnownFlow(u, v)) continue;
    sum += Math.hypot(u, v);
    count++;
  }
  return count ? sum / count : 0;
}

export interface Arrow {
  /** Pixel (column, row) of the sample; pixel centres are at integer coordinates. */
  x: number;
  y: number;
  u: number;
  v: number;
}

/**
 * The flow sampled every `step` pixels (starting ⌊step/2⌋ in, so the grid sits
 * centred in its cells), for a widget to draw as arrows. Unknown flow is left out.
 */
export function flowArrows(field: FlowField, step: number): Arrow[] {
  checkFlowField('flowArrows', field);
  if (!Number.isInteger(step) || step < 1) throw new Error(`flowArrows: step must be a positive integer, got ${step}`);
  const arrows: Arrow[] = [];
  for (let y = Math.floor(step / 2); y < field.height; y += step) {
    for (let x = Math.floor(step / 2); x < field.width; x += step) {
      const i = 2 * (y * field.width + x);
      const u = field.data[i]!;
      const v = field.data[i + 1]!;
      if (isKnownFlow(u, v)) arrows.push({ x, y, u, v });
    }
  }
  return arrows;
}
