/**
 * Something-Something-lite: classes that only motion tells apart. One main
 * object (random shape, colour, texture) on a random background, with
 * distractors, camera jitter and pixel noise.
 *
 * Every random draw is made before the label is read, and the label only
 * chooses how the object evolves *around the middle frame*: position, angle
 * and size are parameterised by their middle-frame values. So for a given
 * seed all classes share the same middle frame exactly (left and right pass
 * through the same place, grow and shrink reach the same size there).
 */
import { checkClipOptions, makeDataset, middleFrame, type ClipDataset, type LabelledClip } from './dataset';
import { deriveSeed, Rng, SALT } from './random';
import { finishFrame, paintBackground, paintShape, prepareBackground, SHAPE_KINDS, type ShapeDraw, type ShapeKind } from './raster';
import { contrastColour, randomBackground, randomTexture, TEXTURE_KINDS } from './scene';

export const SOMETHING_LITE_VERSION = '1';
export const SOMETHING_LITE_CLASSES = [
  'move left',
  'move right',
  'move up',
  'move down',
  'rotate clockwise',
  'rotate anticlockwise',
  'grow',
  'shrink',
  'stay still',
] as const;

export interface SomethingLiteOptions {
  seed: number;
  frames?: number;
  size?: number;
}

export interface SomethingLiteClip extends LabelledClip {
  /** The main object's shape, texture and background kind (for galleries). */
  object: { shape: ShapeKind; texture: string; background: string; distractors: number };
  /** T×4: the main object's centre x, y, angle (radians) and radius per frame. */
  track: Float32Array;
}

interface Mover {
  draw: ShapeDraw;
  x: number;
  y: number;
  vx: number;
  vy: number;
}

export function generateSomethingLite(seed: number, label: number, frames: number, size: number): SomethingLiteClip {
  const rng = new Rng(deriveSeed(seed, SALT.scene));
  const k = size / 32;
  const { background, tone } = randomBackground(rng, size);
  const kind = rng.choice(SHAPE_KINDS);
  const colour = contrastColour(rng, tone);
  // Discs and rings look the same at every angle: they always carry a texture so rotation shows.
  const round = kind === 'disc' || kind === 'ring';
  const texture = randomTexture(rng, colour, round ? rng.choice(TEXTURE_KINDS.slice(1)) : rng.choice(TEXTURE_KINDS), tone);
  const radius = rng.uniform(4, 6.5) * k; // at the middle frame
  const shift = rng.uniform(4, 8) * k; // displacement over half a clip
  const turn = rng.uniform(Math.PI / 4, Math.PI / 2); // rotation over half a clip
  const growth = Math.log(rng.uniform(1.35, 1.6)); // log scale change over half a clip
  // Room for the widest excursion of any class, so the middle position's distribution is class-free.
  const margin = 0.9 * Math.max(radius + shift, radius * Math.exp(growth));
  const main: ShapeDraw = {
    kind,
    x: rng.uniform(margin, size - margin),
    y: rng.uniform(margin, size - margin),
    radius,
    angle: rng.uniform(0, 2 * Math.PI),
    aspect: rng.uniform(0.3, 0.45),
    colour,
    texture,
  };
  const distractors: Mover[] = [];
  const nDistractors = rng.choice([0, 0, 1, 1, 2]);
  for (let i = 0; i < nDistractors; i++) {
    const r = Math.max(1.5 * k, radius * rng.uniform(0.3, 0.5));
    const moving = rng.bool();
    const a = rng.uniform(0, 2 * Math.PI);
    const v = moving ? rng.uniform(0.1, 0.35) * k : 0;
    const x = rng.uniform(r, size - r);
    const y = rng.uniform(r, size - r);
    distractors.push({
      draw: { kind: rng.choice(SHAPE_KINDS), x, y, radius: r, angle: rng.uniform(0, 2 * Math.PI), aspect: 0.4, colour: contrastColour(rng, tone, 0.25), texture: { kind: 'flat' } },
      x, y, vx: v * Math.cos(a), vy: v * Math.sin(a),
    });
  }
  const jitter = rng.uniform(0, 0.5) * k; // camera shake amplitude, pixels
  const sigma = rng.uniform(0, 0.04);

  const name = SOMETHING_LITE_CLASSES[label]!;
  const half = frames / 2;
  const m = middleFrame(frames);
  const x0 = main.x;
  const y0 = main.y;
  const a0 = main.angle;
  const frameSize = size * size * 3;
  const data = new Float32Array(frames * frameSize);
  const track = new Float32Array(frames * 4);
  const bg = prepareBackground(background, size, 2 + Math.ceil(jitter));
  for (let t = 0; t < frames; t++) {
    const s = (t - m) / half; // −1 … +1 across the clip, 0 at the middle frame
    main.x = x0 + (name === 'move left' ? -shift * s : name === 'move right' ? shift * s : 0);
    main.y = y0 + (name === 'move up' ? -shift * s : name === 'move down' ? shift * s : 0);
    main.angle = a0 + (name === 'rotate clockwise' ? turn * s : name === 'rotate anticlockwise' ? -turn * s : 0);
    main.radius = radius * (name === 'grow' ? Math.exp(growth * s) : name === 'shrink' ? Math.exp(-growth * s) : 1);
    track.set([main.x, main.y, main.angle, main.radius], 4 * t);
    // Camera jitter: one sub-pixel shift of the whole scene per frame, from its own per-frame stream.
    const jr = new Rng(deriveSeed(seed, SALT.jitter, t));
    const jx = jitter * (2 * jr.next() - 1);
    const jy = jitter * (2 * jr.next() - 1);
    const off = t * frameSize;
    paintBackground(data, off, size, bg, jx, jy);
    for (const d of distractors) {
      d.draw.x = d.x + d.vx * (t - m) - jx;
      d.draw.y = d.y + d.vy * (t - m) - jy;
      paintShape(data, off, size, d.draw);
    }
    const mx = main.x;
    const my = main.y;
    main.x -= jx;
    main.y -= jy;
    paintShape(data, off, size, main);
    main.x = mx;
    main.y = my;
    finishFrame(data, off, size, sigma, deriveSeed(seed, SALT.frameNoise, t));
  }
  return {
    data,
    shape: [frames, size, size, 3],
    label,
    className: name,
    seed,
    object: { shape: kind, texture: texture.kind, background: background.kind, distractors: nDistractors },
    track,
  };
}

export function somethingLite(options: SomethingLiteOptions): ClipDataset<SomethingLiteClip> {
  const { seed, frames = 16, size = 32 } = options;
  checkClipOptions('somethingLite', frames, size);
  return makeDataset(
    {
      id: 'something-lite',
      version: SOMETHING_LITE_VERSION,
      classes: SOMETHING_LITE_CLASSES,
      clipShape: [frames, size, size, 3],
      seed: seed >>> 0,
    },
    (s, label) => generateSomethingLite(s, label, frames, size),
  );
}
