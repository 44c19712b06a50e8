/**
 * Motion direction: one bright bar sliding left or right (the textbook's
 * exercise 26.2.2), or a bright bar sliding left, right, up or down.
 *
 * Built so that no single frame carries the label:
 * - every random draw (background, bar, speed, noise, position) is made before
 *   the label is looked at, and the label only sets the sign and axis of the
 *   velocity; so for one seed, every class has the *same* middle frame;
 * - the bar wraps around the frame edges (a torus), and its middle-frame
 *   position is uniform, so its position in *every* frame is uniform whatever
 *   the class. A per-frame model, even one averaging over all frames, sees the
 *   same distribution in every class and must sit at chance; the difference
 *   between two frames gives the direction away at once.
 */
import { checkClipOptions, makeDataset, middleFrame, type ClipDataset, type LabelledClip } from './dataset';
import { deriveSeed, Rng, SALT } from './random';
import { finishFrame, paintBackground, paintShape, prepareBackground, type ShapeDraw } from './raster';
import { hsv, randomBackground } from './scene';

export const MOTION_DIRECTION_VERSION = '1';
export const MOTION_DIRECTION_CLASSES = {
  2: ['left', 'right'],
  4: ['left', 'right', 'up', 'down'],
} as const;
const DIRECTIONS: readonly (readonly [number, number])[] = [[-1, 0], [1, 0], [0, -1], [0, 1]];

export interface MotionDirectionOptions {
  seed: number;
  frames?: number;
  size?: number;
  classes?: 2 | 4;
}

export interface MotionDirectionClip extends LabelledClip {
  /** T×2: the bar's centre (x, y) in each frame, wrapped into [0, size). */
  track: Float32Array;
  /** Pixels per frame. */
  velocity: readonly [number, number];
}

const wrap = (v: number, size: number) => v - Math.floor(v / size) * size;

export function generateMotionDirection(seed: number, label: number, frames: number, size: number, classes: 2 | 4): MotionDirectionClip {
  const rng = new Rng(deriveSeed(seed, SALT.scene));
  const k = size / 32;
  const { background } = randomBackground(rng, size, { kinds: ['flat', 'gradient'], tone: [0, 0.3], saturation: 0.3 });
  const halfLength = rng.uniform(classes === 2 ? 5 : 3, classes === 2 ? 9 : 7) * k;
  const halfWidth = rng.uniform(1, 2) * k;
  const bar: ShapeDraw = {
    kind: 'bar',
    x: 0,
    y: 0,
    radius: halfLength,
    // Four classes: the bar lies either way, independently of the direction.
    angle: classes === 4 && rng.bool() ? Math.PI / 2 : 0,
    aspect: Math.min(1, halfWidth / halfLength),
    colour: hsv(rng.next(), rng.uniform(0, 0.35), rng.uniform(0.8, 1)),
    texture: { kind: 'flat' },
  };
  const speed = rng.uniform(0.75, 1.5) * k;
  const xMid = rng.uniform(0, size);
  const yMid = classes === 2 ? rng.uniform(halfLength, size - halfLength) : rng.uniform(0, size);
  const sigma = rng.uniform(0.005, 0.03);
  // Only now is the label used.
  const [dx, dy] = DIRECTIONS[label]!;
  const vx = dx * speed;
  const vy = dy * speed;
  const m = middleFrame(frames);
  const frameSize = size * size * 3;
  const data = new Float32Array(frames * frameSize);
  const track = new Float32Array(frames * 2);
  const bg = prepareBackground(background, size);
  for (let t = 0; t < frames; t++) {
    const off = t * frameSize;
    bar.x = wrap(xMid + vx * (t - m), size);
    bar.y = classes === 2 ? yMid : wrap(yMid + vy * (t - m), size);
    track[2 * t] = bar.x;
    track[2 * t + 1] = bar.y;
    paintBackground(data, off, size, bg);
    paintShape(data, off, size, bar, true);
    finishFrame(data, off, size, sigma, deriveSeed(seed, SALT.frameNoise, t));
  }
  return {
    data,
    shape: [frames, size, size, 3],
    label,
    className: MOTION_DIRECTION_CLASSES[classes][label]!,
    seed,
    track,
    velocity: [vx, vy],
  };
}

export function motionDirection(options: MotionDirectionOptions): ClipDataset<MotionDirectionClip> {
  const { seed, frames = 16, size = 32, classes = 2 } = options;
  checkClipOptions('motionDirection', frames, size);
  if (classes !== 2 && classes !== 4) throw new Error(`motionDirection: classes must be 2 or 4, got ${String(classes)}`);
  return makeDataset(
    {
      id: `motion-direction-${classes}`,
      version: MOTION_DIRECTION_VERSION,
      classes: MOTION_DIRECTION_CLASSES[classes],
      clipShape: [frames, size, size, 3],
      seed: seed >>> 0,
    },
    (s, label) => generateMotionDirection(s, label, frames, size, classes),
  );
}
