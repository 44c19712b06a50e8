/**
 * Frame pairs with known flow: a texture (procedural colour fractal noise, or
 * an image the caller gives as pixels) moved by a translation, rotation, zoom
 * or affine map, optionally with a second textured layer (a disc or square)
 * moving differently on top. The flow at a pixel of frame 1 is the motion of
 * the layer visible there. Deterministic from the seed; no tfjs.
 *
 * Coordinates are pixels with pixel centres at integers and y pointing down;
 * positive rotation turns clockwise on screen.
 */
import type { FlowField } from './field';
import { valueNoise } from '../data/raster';
import { deriveSeed, NORMAL_TABLE, Rng } from '../data/random';
import { samplePlain } from './reference';

export type Motion =
  | { kind: 'translation'; dx: number; dy: number }
  | { kind: 'rotation'; degrees: number }
  | { kind: 'zoom'; scale: number }
  /** p ↦ c + A(p − c) + t, A = [[a, b], [c, d]] row-major, about the frame centre c. */
  | { kind: 'affine'; matrix: readonly [number, number, number, number]; dx: number; dy: number };

/** An affine map p ↦ A p + t as [a, b, c, d, tx, ty] (x' = a x + b y + tx, y' = c x + d y + ty). */
export type Affine = readonly [number, number, number, number, number, number];

/** The motion as an affine map of pixel coordinates; rotation, zoom and affine act about (cx, cy). */
export function motionAffine(motion: Motion, cx: number, cy: number): Affine {
  let a = 1, b = 0, c = 0, d = 1, dx = 0, dy = 0;
  switch (motion.kind) {
    case 'translation':
      return [1, 0, 0, 1, motion.dx, motion.dy];
    case 'rotation': {
      const r = (motion.degrees * Math.PI) / 180;
      [a, b, c, d] = [Math.cos(r), -Math.sin(r), Math.sin(r), Math.cos(r)];
      break;
    }
    case 'zoom':
      [a, d] = [motion.scale, motion.scale];
      break;
    case 'affine':
      [a, b, c, d] = motion.matrix;
      [dx, dy] = [motion.dx, motion.dy];
  }
  return [a, b, c, d, cx - a * cx - b * cy + dx, cy - c * cx - d * cy + dy];
}

export function applyAffine(m: Affine, x: number, y: number): [number, number] {
  return [m[0] * x + m[1] * y + m[4], m[2] * x + m[3] * y + m[5]];
}

export function invertAffine(m: Affine): Affine {
  const [a, b, c, d, tx, ty] = m;
  const det = a * d - b * c;
  if (Math.abs(det) < 1e-12) throw new Error('invertAffine: the motion is not invertible');
  const [ia, ib, ic, id] = [d / det, -b / det, -c / det, a / det];
  return [ia, ib, ic, id, -(ia * tx + ib * ty), -(ic * tx + id * ty)];
}

/** An RGB image as plain pixels: H×W×3 row-major, values in [0, 1]. */
export interface PixelImage {
  width: number;
  height: number;
  data: Float32Array;
}

/** Colour at a point of the texture's own plane. */
type Texture = (x: number, y: number, out: Float32Array) => void;

/**
 * Fractal colour noise: four octaves of value noise with amplitudes halving as
 * the cells halve (a roughly 1/f spectrum, like natural images), the finest
 * cells 2 pixels wide so every scale of the pyramid sees texture. It covers
 * three frame sizes around the frame, so rotations and zooms never run out.
 */
export function fractalTexture(seed: number, size: number): Texture {
  const rng = new Rng(seed);
  const octaves = [8, 4, 2, 1].map((f) => {
    const cell = Math.max(2, (size / 8) * (f / 8) * 4);
    const cells = Math.ceil((3 * size) / cell) + 2;
    const grids = [0, 1, 2].map(() => Float32Array.from({ length: (cells + 1) ** 2 }, () => rng.next()));
    return { cell, cells, grids, amplitude: f };
  });
  const total = octaves.reduce((s, o) => s + o.amplitude, 0);
  const hue = rng.next();
  // Three palette directions: one shared brightness and two colour components.
  const base = [0.2 + 0.1 * Math.cos(2 * Math.PI * hue), 0.2 + 0.1 * Math.cos(2 * Math.PI * (hue + 1 / 3)), 0.2 + 0.1 * Math.cos(2 * Math.PI * (hue + 2 / 3))];
  return (x, y, out) => {
    const n = [0, 0, 0];
    for (const o of octaves) {
      const gx = (x + size) / o.cell;
      const gy = (y + size) / o.cell;
      for (let k = 0; k < 3; k++) n[k]! += o.amplitude * valueNoise(o.grids[k]!, o.cells, gx, gy);
    }
    const l = n[0]! / total;
    for (let c = 0; c < 3; c++) out[c] = Math.min(1, Math.max(0, base[c]! + 1.6 * (l - 0.5) + 0.6 + 0.35 * ((c === 1 ? n[1]! : c === 2 ? n[2]! : (n[1]! + n[2]!) / 2) / total - 0.5) - 0.1));
  };
}

function imageTexture(image: PixelImage): Texture {
  if (image.data.length !== image.width * image.height * 3) throw new Error(`framePair: a ${image.width}×${image.height} image needs ${image.width * image.height * 3} values (RGB), got ${image.data.length}`);
  return (x, y, out) => void samplePlain(image.data, image.width, image.height, 3, x, y, out);
}

export interface ForegroundLayer {
  motion: Motion;
  shape?: 'disc' | 'square';
  /** Centre in frame 1 (default the frame centre) and radius (default a quarter of the smaller side), pixels. */
  x?: number;
  y?: number;
  radius?: number;
}

export interface FramePairOptions {
  seed: number;
  /** Frame width and height (default 64×64; ignored when `image` is given, which sets the size). */
  width?: number;
  height?: number;
  /** The background's motion. */
  motion: Motion;
  /** A second layer moving by its own motion, with its own texture. */
  foreground?: ForegroundLayer;
  /** Use this image as the background texture instead of procedural noise. */
  image?: PixelImage;
  /** Standard deviation of Gaussian noise added to both frames (default 0). */
  noise?: number;
  /** Frame 2 multiplied by this (a brightness change; default 1). */
  gain?: number;
}

export interface FramePair {
  width: number;
  height: number;
  /** H×W×3 in [0, 1]. */
  frame1: Float32Array;
  frame2: Float32Array;
  flow: FlowField;
  /**
   * 1 where the truth can be checked: the pixel's destination is in frame 2
   * (and, for background pixels, not hidden by the foreground there).
   */
  mask: Uint8Array;
}

/** Signed distance (pixels) of (x, y) to the layer's shape in frame-1 coordinates. */
function shapeDistance(shape: 'disc' | 'square', cx: number, cy: number, r: number, x: number, y: number): number {
  if (shape === 'disc') return Math.hypot(x - cx, y - cy) - r;
  const dx = Math.abs(x - cx) - r;
  const dy = Math.abs(y - cy) - r;
  return Math.hypot(Math.max(dx, 0), Math.max(dy, 0)) + Math.min(Math.max(dx, dy), 0);
}

/** Anti-aliased coverage: a one-pixel ramp across the edge, as raster.ts draws shapes. */
const coverage = (d: number): number => Math.min(1, Math.max(0, 0.5 - d));

export function framePair(options: FramePairOptions): FramePair {
  const width = options.image?.width ?? options.width ?? 64;
  const height = options.image?.height ?? options.height ?? 64;
  const size = Math.max(width, height);
  const [cx, cy] = [(width - 1) / 2, (height - 1) / 2];
  const background = options.image ? imageTexture(options.image) : fractalTexture(deriveSeed(options.seed, 1), size);
  const bgMotion = motionAffine(options.motion, cx, cy);
  const bgInverse = invertAffine(bgMotion);
  const fg = options.foreground;
  const fgTexture = fg ? fractalTexture(deriveSeed(options.seed, 2), size) : undefined;
  const fgMotion = fg ? motionAffine(fg.motion, fg.x ?? cx, fg.y ?? cy) : undefined;
  const fgInverse = fgMotion ? invertAffine(fgMotion) : undefined;
  const shape = fg?.shape ?? 'disc';
  const [fx, fy, fr] = [fg?.x ?? cx, fg?.y ?? cy, fg?.radius ?? Math.min(width, height) / 4];
  const frame1 = new Float32Array(width * height * 3);
  const frame2 = new Float32Array(width * height * 3);
  const flow = new Float32Array(width * height * 2);
  const mask = new Uint8Array(width * height);
  const [b, f] = [new Float32Array(3), new Float32Array(3)];
  const inside = (x: number, y: number): boolean => x >= 0 && x <= width - 1 && y >= 0 && y <= height - 1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      // Frame 1: both layers where they were.
      background(x, y, b);
      const c1 = fg ? coverage(shapeDistance(shape, fx, fy, fr, x, y)) : 0;
      if (c1 > 0) fgTexture!(x, y, f);
      for (let k = 0; k < 3; k++) frame1[3 * i + k] = c1 * f[k]! + (1 - c1) * b[k]!;
      // Frame 2: each layer's content comes from where its motion took it from.
      const [bx, by] = applyAffine(bgInverse, x, y);
      background(bx, by, b);
      let c2 = 0;
      if (fg) {
        const [qx, qy] = applyAffine(fgInverse!, x, y);
        c2 = coverage(shapeDistance(shape, fx, fy, fr, qx, qy));
        if (c2 > 0) fgTexture!(qx, qy, f);
      }
      for (let k = 0; k < 3; k++) frame2[3 * i + k] = c2 * f[k]! + (1 - c2) * b[k]!;
      // Truth: the motion of the layer that is visible at this pixel in frame 1.
      const onTop = c1 >= 0.5;
      const [tx, ty] = applyAffine(onTop ? fgMotion! : bgMotion, x, y);
      flow[2 * i] = tx - x;
      flow[2 * i + 1] = ty - y;
      let visible = inside(tx, ty);
      if (visible && fg && !onTop) {
        const [qx, qy] = applyAffine(fgInverse!, tx, ty);
        visible = shapeDistance(shape, fx, fy, fr, qx, qy) > 0.5; // not covered by the foreground in frame 2
      }
      // Pixels straddling the layers' edge blend two motions: leave them out.
      mask[i] = visible && (c1 === 0 || c1 === 1) ? 1 : 0;
    }
  }
  const noise = options.noise ?? 0;
  const gain = options.gain ?? 1;
  if (noise > 0 || gain !== 1) {
    // Walk the fixed normal table from a seeded offset (as raster.ts finishFrame does).
    let at = deriveSeed(options.seed, 3) & (NORMAL_TABLE.length - 1);
    const stride = 2 * (deriveSeed(options.seed, 4) % 997) + 1;
    for (const [frame, g] of [[frame1, 1], [frame2, gain]] as const) {
      for (let i = 0; i < frame.length; i++, at = (at + stride) & (NORMAL_TABLE.length - 1)) frame[i] = Math.min(1, Math.max(0, frame[i]! * g + noise * NORMAL_TABLE[at]!));
    }
  }
  return { width, height, frame1, frame2, flow: { width, height, data: flow }, mask };
}
