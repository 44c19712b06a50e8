/**
 * A tiny software rasteriser for the procedural datasets: anti-aliased filled
 * shapes from signed distance functions, textures in the object's own
 * coordinates (so they turn and scale with it), backgrounds, thick lines, and
 * per-pixel Gaussian noise. It writes into one frame of a T×H×W×3 Float32Array
 * (square frames, `size` × `size`); no DOM, no tfjs.
 *
 * Coordinates are pixels with y pointing down; pixel (i, j) covers
 * [j, j+1) × [i, i+1) and is sampled at its centre. Coverage is
 * clamp(0.5 − d, 0, 1) for a signed distance d in pixels: a one-pixel ramp
 * across every edge, which is what keeps sub-pixel motion visible.
 */
import { NORMAL_TABLE } from './random';

export type RGB = readonly [number, number, number];

export const SHAPE_KINDS = ['disc', 'square', 'triangle', 'bar', 'ring', 'cross'] as const;
export type ShapeKind = (typeof SHAPE_KINDS)[number];

/** Textures live in object coordinates normalised by the radius: they rotate and scale with the shape. */
export type Texture =
  | { kind: 'flat' }
  | { kind: 'stripes' | 'checker'; colour2: RGB; period: number }
  | { kind: 'noise'; colour2: RGB; grid: Float32Array; cells: number };

export type Background =
  | { kind: 'flat'; colour: RGB }
  /** Linear ramp from colour (t = 0) to colour2 (t = 1) along (dirX, dirY), in units of the frame size. */
  | { kind: 'gradient'; colour: RGB; colour2: RGB; dirX: number; dirY: number }
  /** Smooth value noise with `cell`-pixel cells mixing colour and colour2; grid is (cells+1)² values. */
  | { kind: 'noise'; colour: RGB; colour2: RGB; grid: Float32Array; cells: number; cell: number };

export interface ShapeDraw {
  kind: ShapeKind;
  /** Centre, pixels. */
  x: number;
  y: number;
  /** Circumradius in pixels: the shape fits in a disc of this radius. */
  radius: number;
  /** Radians; positive turns clockwise on screen (y points down). */
  angle: number;
  /** Bar half-width as a fraction of its half-length (the radius); ignored by other shapes. */
  aspect: number;
  colour: RGB;
  texture: Texture;
}

const KIND_CODE: Record<ShapeKind, number> = { disc: 0, square: 1, triangle: 2, bar: 3, ring: 4, cross: 5 };
const SQRT3 = Math.sqrt(3);

function box(px: number, py: number, hx: number, hy: number): number {
  const dx = Math.abs(px) - hx;
  const dy = Math.abs(py) - hy;
  const ox = dx > 0 ? dx : 0;
  const oy = dy > 0 ? dy : 0;
  return Math.sqrt(ox * ox + oy * oy) + Math.min(Math.max(dx, dy), 0);
}

/** Signed distance (pixels) of local point (u, v) to a shape of circumradius r. */
function shapeDistance(code: number, u: number, v: number, r: number, aspect: number): number {
  switch (code) {
    case 0:
      return Math.sqrt(u * u + v * v) - r;
    case 1:
      return box(u, v, 0.74 * r, 0.74 * r);
    case 2: {
      // Equilateral triangle (Quílez's exact SDF), half-side h = r·√3/2, apex up.
      const h = (r * SQRT3) / 2;
      let px = Math.abs(u) - h;
      let py = -v + h / SQRT3;
      if (px + SQRT3 * py > 0) {
        const nx = (px - SQRT3 * py) / 2;
        py = (-SQRT3 * px - py) / 2;
        px = nx;
      }
      px -= Math.min(Math.max(px, -2 * h), 0);
      return -Math.sqrt(px * px + py * py) * Math.sign(py);
    }
    case 3:
      return box(u, v, aspect * r, r);
    case 4:
      return Math.abs(Math.sqrt(u * u + v * v) - 0.7 * r) - 0.3 * r;
    default:
      return Math.min(box(u, v, 0.95 * r, 0.3 * r), box(u, v, 0.3 * r, 0.95 * r));
  }
}

/** 0…1 square wave with a one-pixel soft edge; `pxPerPeriod` sets the edge width. */
function softSquare(a: number, pxPerPeriod: number): number {
  const f = a - Math.floor(a);
  const tri = Math.abs(f - 0.5) * 2; // 1 at the band centres, 0 between
  const m = (tri - 0.5) * pxPerPeriod + 0.5;
  return m < 0 ? 0 : m > 1 ? 1 : m;
}

/** Bilinear value noise on a (cells+1)² grid at grid coordinates (gx, gy), smoothstep-eased. */
export function valueNoise(grid: Float32Array, cells: number, gx: number, gy: number): number {
  const cx = Math.min(Math.max(gx, 0), cells - 1e-6);
  const cy = Math.min(Math.max(gy, 0), cells - 1e-6);
  const ix = Math.floor(cx);
  const iy = Math.floor(cy);
  let fx = cx - ix;
  let fy = cy - iy;
  fx = fx * fx * (3 - 2 * fx);
  fy = fy * fy * (3 - 2 * fy);
  const n = cells + 1;
  const i = iy * n + ix;
  const a = grid[i]! + (grid[i + 1]! - grid[i]!) * fx;
  const b = grid[i + n]! + (grid[i + n + 1]! - grid[i + n]!) * fx;
  return a + (b - a) * fy;
}

/** A background rendered once per clip with a margin, so each frame only resamples it. */
export interface PreparedBackground {
  /** (size + 2·pad)² × 3 values; pixel (x, y) of the frame is (x + pad, y + pad) here. */
  data: Float32Array;
  size: number;
  pad: number;
  /** A flat background looks the same however the camera shifts. */
  flat: boolean;
}

/**
 * Renders the background once with a `pad`-pixel margin. Evaluating value
 * noise per pixel per frame was most of the cost of a clip; a camera shift is
 * then a bilinear resample with the same four weights at every pixel.
 */
export function prepareBackground(bg: Background, size: number, pad = 2): PreparedBackground {
  const n = size + 2 * pad;
  const data = new Float32Array(n * n * 3);
  const [r0, g0, b0] = bg.colour;
  const [r1, g1, b1] = bg.kind === 'flat' ? bg.colour : bg.colour2;
  let i = 0;
  for (let y = 0; y < n; y++) {
    const cy = y - pad + 0.5;
    for (let x = 0; x < n; x++, i += 3) {
      const cx = x - pad + 0.5;
      let t = 0;
      if (bg.kind === 'gradient') {
        t = 0.5 + ((cx - size / 2) * bg.dirX + (cy - size / 2) * bg.dirY) / size;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
      } else if (bg.kind === 'noise') {
        // The grid starts one cell before the frame so the margin never leaves it.
        t = valueNoise(bg.grid, bg.cells, cx / bg.cell + 1, cy / bg.cell + 1);
      }
      data[i] = r0 + (r1 - r0) * t;
      data[i + 1] = g0 + (g1 - g0) * t;
      data[i + 2] = b0 + (b1 - b0) * t;
    }
  }
  return { data, size, pad, flat: bg.kind === 'flat' };
}

/**
 * Fills one frame with the background as seen by a camera shifted by
 * (shiftX, shiftY) pixels: content moves by −shift. Shifts are clamped to
 * ±(pad − 1), the most the prepared margin can serve.
 */
export function paintBackground(img: Float32Array, off: number, size: number, bg: PreparedBackground, shiftX = 0, shiftY = 0): void {
  if (bg.size !== size) throw new Error(`paintBackground: prepared for size ${bg.size}, frame is ${size}`);
  const { data, pad } = bg;
  const n = size + 2 * pad;
  const limit = pad - 1;
  const sx = Math.min(limit, Math.max(-limit, shiftX));
  const sy = Math.min(limit, Math.max(-limit, shiftY));
  const ix = Math.floor(sx);
  const iy = Math.floor(sy);
  const fx = bg.flat ? 0 : sx - ix;
  const fy = bg.flat ? 0 : sy - iy;
  const row = size * 3;
  if (fx === 0 && fy === 0) {
    for (let y = 0; y < size; y++) {
      const src = ((y + pad + iy) * n + pad + ix) * 3;
      img.set(data.subarray(src, src + row), off + y * row);
    }
    return;
  }
  // Bilinear resample: the same four weights at every pixel.
  const w00 = (1 - fx) * (1 - fy);
  const w10 = fx * (1 - fy);
  const w01 = (1 - fx) * fy;
  const w11 = fx * fy;
  const down = n * 3;
  for (let y = 0; y < size; y++) {
    let src = ((y + pad + iy) * n + pad + ix) * 3;
    let dst = off + y * row;
    for (const end = dst + row; dst < end; src++, dst++) {
      img[dst] = w00 * data[src]! + w10 * data[src + 3]! + w01 * data[src + down]! + w11 * data[src + down + 3]!;
    }
  }
}

/**
 * Composites an anti-aliased shape over the frame. With `wrap`, copies shifted
 * by ±size are drawn too, so an object leaving one edge re-enters at the other
 * (the motion-direction set uses this to make every frame's position uniform).
 */
export function paintShape(img: Float32Array, off: number, size: number, s: ShapeDraw, wrap = false): void {
  if (!wrap) return paintShapeAt(img, off, size, s, s.x, s.y);
  for (const dy of [-size, 0, size]) {
    for (const dx of [-size, 0, size]) {
      const x = s.x + dx;
      const y = s.y + dy;
      if (x + s.radius + 1 > 0 && x - s.radius - 1 < size && y + s.radius + 1 > 0 && y - s.radius - 1 < size) {
        paintShapeAt(img, off, size, s, x, y);
      }
    }
  }
}

function paintShapeAt(img: Float32Array, off: number, size: number, s: ShapeDraw, cx: number, cy: number): void {
  const r = s.radius;
  if (!(r > 0)) return;
  const cos = Math.cos(s.angle);
  const sin = Math.sin(s.angle);
  // Bounding box: the rotated rectangle for a bar (much thinner than its circumcircle), else the circle.
  const ex = s.kind === 'bar' ? Math.abs(cos) * s.aspect * r + Math.abs(sin) * r : r;
  const ey = s.kind === 'bar' ? Math.abs(sin) * s.aspect * r + Math.abs(cos) * r : r;
  const x0 = Math.max(0, Math.floor(cx - ex - 1));
  const x1 = Math.min(size - 1, Math.ceil(cx + ex + 1));
  const y0 = Math.max(0, Math.floor(cy - ey - 1));
  const y1 = Math.min(size - 1, Math.ceil(cy + ey + 1));
  const code = KIND_CODE[s.kind];
  const tex = s.texture;
  const [ra, ga, ba] = s.colour;
  const [rb, gb, bb] = tex.kind === 'flat' ? s.colour : tex.colour2;
  const periodPx = tex.kind === 'stripes' || tex.kind === 'checker' ? tex.period * r : 1;
  for (let y = y0; y <= y1; y++) {
    const py = y + 0.5 - cy;
    for (let x = x0; x <= x1; x++) {
      const px = x + 0.5 - cx;
      // Object coordinates: undo the clockwise-on-screen rotation.
      const u = px * cos + py * sin;
      const v = -px * sin + py * cos;
      let a = 0.5 - shapeDistance(code, u, v, r, s.aspect);
      if (a <= 0) continue;
      if (a > 1) a = 1;
      let m = 0;
      if (tex.kind === 'stripes') m = softSquare(u / periodPx, periodPx);
      else if (tex.kind === 'checker') {
        const p = softSquare(u / periodPx, periodPx);
        const q = softSquare(v / periodPx, periodPx);
        m = p + q - 2 * p * q;
      } else if (tex.kind === 'noise') m = valueNoise(tex.grid, tex.cells, ((u / r + 1) / 2) * tex.cells, ((v / r + 1) / 2) * tex.cells);
      const i = off + (y * size + x) * 3;
      img[i] = img[i]! + (ra + (rb - ra) * m - img[i]!) * a;
      img[i + 1] = img[i + 1]! + (ga + (gb - ga) * m - img[i + 1]!) * a;
      img[i + 2] = img[i + 2]! + (ba + (bb - ba) * m - img[i + 2]!) * a;
    }
  }
}

/** An anti-aliased thick line with round caps (a capsule) from (ax, ay) to (bx, by). */
export function paintCapsule(img: Float32Array, off: number, size: number, ax: number, ay: number, bx: number, by: number, halfWidth: number, colour: RGB): void {
  const x0 = Math.max(0, Math.floor(Math.min(ax, bx) - halfWidth - 1));
  const x1 = Math.min(size - 1, Math.ceil(Math.max(ax, bx) + halfWidth + 1));
  const y0 = Math.max(0, Math.floor(Math.min(ay, by) - halfWidth - 1));
  const y1 = Math.min(size - 1, Math.ceil(Math.max(ay, by) + halfWidth + 1));
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const [cr, cg, cb] = colour;
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const px = x + 0.5 - ax;
      const py = y + 0.5 - ay;
      let h = len2 > 0 ? (px * dx + py * dy) / len2 : 0;
      h = h < 0 ? 0 : h > 1 ? 1 : h;
      const ex = px - dx * h;
      const ey = py - dy * h;
      let a = 0.5 - (Math.sqrt(ex * ex + ey * ey) - halfWidth);
      if (a <= 0) continue;
      if (a > 1) a = 1;
      const i = off + (y * size + x) * 3;
      img[i] = img[i]! + (cr - img[i]!) * a;
      img[i + 1] = img[i + 1]! + (cg - img[i + 1]!) * a;
      img[i + 2] = img[i + 2]! + (cb - img[i + 2]!) * a;
    }
  }
}

/**
 * Adds N(0, sigma²) noise to every value of one frame and clamps to [0, 1].
 * Every frame must pass through here (it is also the clamp). The noise is a
 * walk through NORMAL_TABLE with a start and an odd stride taken from `seed`
 * (a hash, so its bits are random): an odd stride visits every entry before
 * repeating, so a frame's 3·size² values are distinct draws. This costs about
 * a nanosecond a value, where a generator call per value cost five to ten.
 * The noise of frame t depends only on (clip seed, t).
 */
export function finishFrame(img: Float32Array, off: number, size: number, sigma: number, seed: number): void {
  const table = NORMAL_TABLE; // a local: imported bindings may compile to getters
  const mask = table.length - 1;
  let j = seed & mask;
  const stride = ((seed >>> 16) | 1) & mask;
  for (let i = off, end = off + size * size * 3; i < end; i++) {
    let v = img[i]!;
    if (sigma > 0) {
      v += sigma * table[j]!;
      j = (j + stride) & mask;
    }
    img[i] = v < 0 ? 0 : v > 1 ? 1 : v;
  }
}
