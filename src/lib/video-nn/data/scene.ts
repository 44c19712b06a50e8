/**
 * Random appearance shared by the generators: colours with a guaranteed
 * contrast against the background, backgrounds, textures. Every draw here is
 * made the same way whatever the class, so appearance never tells the class.
 */
import type { Background, RGB, Texture } from './raster';
import type { Rng } from './random';

/** HSV (all in [0, 1], hue wrapping) to RGB. */
export function hsv(h: number, s: number, v: number): RGB {
  h = (h - Math.floor(h)) * 6;
  const i = Math.floor(h);
  const f = h - i;
  const p = v * (1 - s);
  const q = v * (1 - s * f);
  const t = v * (1 - s * (1 - f));
  switch (i) {
    case 0: return [v, t, p];
    case 1: return [q, v, p];
    case 2: return [p, v, t];
    case 3: return [p, q, v];
    case 4: return [t, p, v];
    default: return [v, p, q];
  }
}

function noiseGrid(rng: Rng, cells: number): Float32Array {
  const grid = new Float32Array((cells + 1) * (cells + 1));
  for (let i = 0; i < grid.length; i++) grid[i] = rng.next();
  return grid;
}

export interface BackgroundOptions {
  /** Which kinds may be drawn (default all three). */
  kinds?: readonly Background['kind'][];
  /**
   * Range of the background's brightness (HSV value). By default it is dark,
   * [0.02, 0.35], or light, [0.65, 0.95], never mid-grey: objects then always
   * have room on the far side for two well separated brightnesses (a texture).
   */
  tone?: readonly [number, number];
  /** Highest saturation (default 0.5: backgrounds stay muted). */
  saturation?: number;
}

/** A background and its tone (HSV value), which `contrastColour` keeps away from. */
export function randomBackground(rng: Rng, size: number, options: BackgroundOptions = {}): { background: Background; tone: number } {
  const [lo, hi] = options.tone ?? (rng.bool() ? [0.02, 0.35] : [0.65, 0.95]);
  const tone = rng.uniform(lo, hi);
  const kind = rng.choice(options.kinds ?? (['flat', 'gradient', 'noise'] as const));
  const h = rng.next();
  const s = rng.uniform(0, options.saturation ?? 0.5);
  // The variation stays within ±0.1 of the tone so the object's contrast holds.
  const colour = hsv(h, s, Math.max(0, tone - 0.1));
  const colour2 = hsv(h + rng.uniform(-0.15, 0.15), s, Math.min(1, tone + 0.1));
  if (kind === 'flat') return { background: { kind, colour: hsv(h, s, tone) }, tone };
  if (kind === 'gradient') {
    const a = rng.uniform(0, 2 * Math.PI);
    return { background: { kind, colour, colour2, dirX: Math.cos(a), dirY: Math.sin(a) }, tone };
  }
  const cell = rng.uniform(3, 7) * (size / 32);
  const cells = Math.ceil(size / cell) + 3;
  return { background: { kind, colour, colour2, grid: noiseGrid(rng, cells), cells, cell }, tone };
}

/** The brightness range on the far side of `tone`, at least `gap` away from it. */
function farSide(tone: number, gap: number): [number, number] {
  return tone < 0.5 ? [Math.min(1, tone + gap), 1] : [0, Math.max(0, tone - gap)];
}

/** A colour on the far side of the background's brightness, at least `gap` from it. */
export function contrastColour(rng: Rng, tone: number, gap = 0.3): RGB {
  const [lo, hi] = farSide(tone, gap);
  return hsv(rng.next(), rng.uniform(0.3, 1), rng.uniform(lo, hi));
}

export const TEXTURE_KINDS = ['flat', 'stripes', 'checker', 'noise'] as const;

/**
 * A texture for an object of `colour` on a background of `tone`. The second
 * colour sits at the other end of the object's brightness range (and another
 * hue), so the pattern shows — a turning disc must be seen to turn — while
 * both colours keep their contrast with the background.
 */
export function randomTexture(rng: Rng, colour: RGB, kind: Texture['kind'], tone: number, gap = 0.3): Texture {
  if (kind === 'flat') return { kind };
  const [lo, hi] = farSide(tone, gap);
  const v = Math.max(colour[0], colour[1], colour[2]);
  const v2 = v - lo > hi - v ? lo : hi;
  const colour2 = hsv(rng.next(), rng.uniform(0.5, 1), v2);
  if (kind === 'noise') {
    const cells = 3;
    return { kind, colour2, grid: noiseGrid(rng, cells), cells };
  }
  return { kind, colour2, period: rng.uniform(0.6, 1.0) };
}
