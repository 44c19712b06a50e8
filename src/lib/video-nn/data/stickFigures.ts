/**
 * Stick-figure actions: RGB clips of a kinematic skeleton (skeletonPose.ts)
 * plus its 17 COCO keypoints per frame as (x, y, confidence) in pixels.
 *
 * A clip is fully described by a `StickFigureSpec` (action, body, timing,
 * scene, seed). `randomStickFigureSpec` draws everything but the action, so
 * the same seed with another action is the same person in the same scene —
 * which is how the waving-vs-pointing widget gets two clips with the same
 * middle frame: `stickFigureClip({ ...spec, action: 'point' })`.
 */
import { checkClipOptions, makeDataset, middleFrame, type ClipDataset, type LabelledClip } from './dataset';
import { deriveSeed, Rng, SALT } from './random';
import { finishFrame, paintBackground, paintCapsule, paintShape, prepareBackground, type Background, type PreparedBackground, type RGB } from './raster';
import { contrastColour, randomBackground } from './scene';
import { actionPose, skeletonJoints, STICK_ACTIONS, type ActionTiming, type Body, type Joints, type StickAction } from './skeletonPose';

export const STICK_FIGURES_VERSION = '1';
export { STICK_ACTIONS, type StickAction, type Body, type ActionTiming };
export const KEYPOINTS = 17;

export interface StickFigureScene {
  background: Background;
  colour: RGB;
  /** Half-width of the limbs, pixels. */
  lineWidth: number;
  /** Standard deviation of the pixel noise (values in [0, 1]). */
  pixelNoise: number;
  /** Standard deviation of the keypoint noise, pixels (occluded joints get more). */
  keypointNoise: number;
}

export interface StickFigureSpec {
  action: StickAction;
  frames: number;
  size: number;
  body: Body;
  timing: ActionTiming;
  scene: StickFigureScene;
  /** Seeds the per-frame pixel and keypoint noise. */
  seed: number;
}

export interface StickFigureClip extends LabelledClip {
  /** T×17×3: (x, y, confidence) per COCO keypoint, pixels, inside [0, size]. */
  keypoints: Float32Array;
  spec: StickFigureSpec;
}

/** A random body placed so that every action stays inside the frame. */
export function randomBody(rng: Rng, size: number): Body {
  const f = () => rng.uniform(0.9, 1.1);
  const height = rng.uniform(0.5, 0.62) * size;
  const b = {
    head: 0.1 * f(), neck: 0.025 * f(), torso: 0.3 * f(), shoulder: 0.11 * f(), hip: 0.065 * f(),
    upperArm: 0.17 * f(), forearm: 0.16 * f(), thigh: 0.24 * f(), shin: 0.24 * f(),
  };
  // Highest reach: arms overhead at the top of a hop; widest: a side kick or arms out.
  const top = (b.thigh + b.shin + b.torso + Math.max(b.upperArm + b.forearm, b.neck + 2 * b.head) + 0.12) * height;
  const side = Math.max(b.hip + b.thigh + b.shin, b.shoulder + b.upperArm + b.forearm) * height;
  return {
    ...b,
    height,
    footY: rng.uniform(Math.min(top + 1, size - 0.5), size - 0.5),
    x: rng.uniform(Math.min(side + 0.5, size / 2), Math.max(size - side - 0.5, size / 2)),
    side: rng.bool() ? 0 : 1,
    sway: { amplitude: rng.uniform(0, 0.04), period: rng.uniform(24, 48), phase: rng.uniform(0, 2 * Math.PI) },
  };
}

export function randomTiming(rng: Rng): ActionTiming {
  return { speed: rng.uniform(0.8, 1.25), sign: rng.sign(), phase: rng.next() };
}

export function randomStickScene(rng: Rng, size: number, height: number): StickFigureScene {
  const { background, tone } = randomBackground(rng, size);
  return {
    background,
    colour: contrastColour(rng, tone, 0.35),
    lineWidth: Math.max(0.6, 0.038 * height),
    pixelNoise: rng.uniform(0, 0.03),
    keypointNoise: rng.uniform(0, 0.5) * (size / 32),
  };
}

/** Everything but the action is drawn from `seed`, so changing the action keeps person and scene. */
export function randomStickFigureSpec(seed: number, action: StickAction, frames = 16, size = 32): StickFigureSpec {
  checkClipOptions('stickFigures', frames, size);
  const rng = new Rng(deriveSeed(seed, SALT.scene));
  const body = randomBody(rng, size);
  const timing = randomTiming(rng);
  const scene = randomStickScene(rng, size, body.height);
  return { action, frames, size, body, timing, scene, seed: seed >>> 0 };
}

const BONES: readonly (readonly [number, number])[] = [
  [11, 13], [13, 15], [12, 14], [14, 16], [11, 12], [5, 6], [5, 7], [7, 9], [6, 8], [8, 10],
];

/** Draws one figure: limbs as anti-aliased capsules, a spine and neck, the head as a disc. */
export function paintFigure(img: Float32Array, off: number, size: number, j: Joints, scene: StickFigureScene): void {
  const p = j.points;
  const w = scene.lineWidth;
  for (const [a, b] of BONES) paintCapsule(img, off, size, p[2 * a]!, p[2 * a + 1]!, p[2 * b]!, p[2 * b + 1]!, w, scene.colour);
  paintCapsule(img, off, size, j.neck[0], j.neck[1], j.pelvis[0], j.pelvis[1], w, scene.colour);
  paintCapsule(img, off, size, j.neck[0], j.neck[1], j.headCentre[0], j.headCentre[1], w * 0.8, scene.colour);
  paintShape(img, off, size, {
    kind: 'disc', x: j.headCentre[0], y: j.headCentre[1], radius: Math.max(1.2, j.headRadius), angle: 0, aspect: 1,
    colour: scene.colour, texture: { kind: 'flat' },
  });
}

/**
 * Writes frame t's keypoints into `out` (T×17×3): the true joints plus
 * Gaussian noise, larger for joints pointing at the camera; confidence falls
 * with that visibility and with the size of the noise actually added.
 */
export function emitKeypoints(out: Float32Array, t: number, j: Joints, sigma: number, seed: number, size: number): void {
  const rng = new Rng(deriveSeed(seed, SALT.keypointNoise, t));
  for (let k = 0; k < KEYPOINTS; k++) {
    const vis = j.visibility[k]!;
    const sd = sigma * (1.6 - vis);
    const nx = sd > 0 ? rng.normal(0, sd) : 0;
    const ny = sd > 0 ? rng.normal(0, sd) : 0;
    const o = (t * KEYPOINTS + k) * 3;
    out[o] = Math.min(size, Math.max(0, j.points[2 * k]! + nx));
    out[o + 1] = Math.min(size, Math.max(0, j.points[2 * k + 1]! + ny));
    out[o + 2] = vis * rng.uniform(0.9, 1) * Math.exp(-0.5 * ((nx * nx + ny * ny) / 2.25));
  }
}

/** Renders a spec: the RGB clip and its keypoints. */
/** Draws frame t of a figure in `pose` (background, body, noise) and writes its keypoints. */
export function renderFigureFrame(f: {
  data: Float32Array;
  keypoints: Float32Array;
  t: number;
  size: number;
  body: Body;
  pose: Float64Array;
  scene: StickFigureScene;
  background: PreparedBackground;
  seed: number;
}): void {
  const j = skeletonJoints(f.body, f.pose, f.t);
  const off = f.t * f.size * f.size * 3;
  paintBackground(f.data, off, f.size, f.background);
  paintFigure(f.data, off, f.size, j, f.scene);
  finishFrame(f.data, off, f.size, f.scene.pixelNoise, deriveSeed(f.seed, SALT.frameNoise, f.t));
  emitKeypoints(f.keypoints, f.t, j, f.scene.keypointNoise, f.seed, f.size);
}

export function stickFigureClip(spec: StickFigureSpec): StickFigureClip {
  const { action, frames, size, body, timing, scene, seed } = spec;
  checkClipOptions('stickFigures', frames, size);
  const label = STICK_ACTIONS.indexOf(action);
  if (label < 0) throw new Error(`stickFigures: unknown action '${String(action)}'`);
  const m = middleFrame(frames);
  const frameSize = size * size * 3;
  const data = new Float32Array(frames * frameSize);
  const keypoints = new Float32Array(frames * KEYPOINTS * 3);
  const pose = new Float64Array(19);
  const bg = prepareBackground(scene.background, size);
  for (let t = 0; t < frames; t++) {
    actionPose(action, (t - m) * timing.speed, timing, body.side, pose);
    renderFigureFrame({ data, keypoints, t, size, body, pose, scene, background: bg, seed });
  }
  return { data, shape: [frames, size, size, 3], label, className: action, seed, keypoints, spec };
}

export interface StickFiguresOptions {
  seed: number;
  frames?: number;
  size?: number;
}

export function stickFigures(options: StickFiguresOptions): ClipDataset<StickFigureClip> {
  const { seed, frames = 16, size = 32 } = options;
  checkClipOptions('stickFigures', frames, size);
  return makeDataset(
    {
      id: 'stick-figures',
      version: STICK_FIGURES_VERSION,
      classes: STICK_ACTIONS,
      clipShape: [frames, size, size, 3],
      seed: seed >>> 0,
      keypointShape: [frames, KEYPOINTS, 3],
    },
    (s, label) => stickFigureClip(randomStickFigureSpec(s, STICK_ACTIONS[label]!, frames, size)),
  );
}
