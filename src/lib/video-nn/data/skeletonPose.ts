/**
 * A 2-D kinematic stick figure seen from the front, and the actions it
 * performs. A pose is a short vector of limb angles; `skeletonJoints` turns a
 * pose and a body into the 17 COCO keypoints (order of `COCO_JOINTS` in
 * ../layers/skeleton) plus the extra points the renderer needs.
 *
 * Angles are measured from straight down, positive turning away from the
 * body's midline, so one action definition serves either side: 0 hangs down,
 * π/2 points straight out sideways, π points straight up, negative angles
 * cross in front of the body. A limb pointing towards the camera is drawn
 * foreshortened: each segment has a factor in (0, 1] for that.
 *
 * Action time is τ = (t − ⌊T/2⌋)·speed, so τ = 0 is the middle frame. Wave and
 * point reach exactly the same pose at τ = 0 (the arm raised out to the side);
 * wave swings the forearm about it, point rises into it and holds.
 */

export const STICK_ACTIONS = ['wave', 'point', 'clap', 'jump', 'squat', 'walk in place', 'jumping jack', 'kick'] as const;
export type StickAction = (typeof STICK_ACTIONS)[number];

/** Pose vector layout: for each arm (left, right) [upper angle, forearm angle, upper foreshortening, forearm foreshortening], the same for each leg (thigh, shin), then body shift x, y (in heights) and lean (radians). */
export const POSE_SIZE = 19;
const ARM = [0, 4] as const;
const LEG = [8, 12] as const;
const DX = 16;
const DY = 17;
const LEAN = 18;

export type Pose = Float64Array;

export interface Body {
  /** Feet centre x and ground line y, and standing height, in pixels. */
  x: number;
  footY: number;
  height: number;
  /** Segment sizes as fractions of the height. */
  head: number;
  neck: number;
  torso: number;
  shoulder: number;
  hip: number;
  upperArm: number;
  forearm: number;
  thigh: number;
  shin: number;
  /** Which arm waves or points and which leg kicks: 0 the person's left (image right), 1 their right. */
  side: 0 | 1;
  /** Idle lean (radians, period in frames, phase): the same whatever the action. */
  sway: { amplitude: number; period: number; phase: number };
}

export interface ActionTiming {
  /** Multiplies action time; 1 is the nominal speed. */
  speed: number;
  /** Which way periodic motions start (wave's first swing, for instance). */
  sign: 1 | -1;
  /** Phase offset in cycles, for the periodic actions other than wave and point. */
  phase: number;
}

/** Arms hang a little away from the body at rest, so they do not merge with the torso at 32 pixels. */
const UA = 0.3;
const FA = 0.2;
const REST = [UA, FA, 1, 1, UA, FA, 1, 1, 0.05, 0.02, 1, 1, 0.05, 0.02, 1, 1, 0, 0, 0];
/** Wave and point at τ = 0: upper arm a little above horizontal, forearm raised further. */
const RAISED_UPPER = 1.85;
const RAISED_FORE = 2.35;

export function restPose(out: Pose = new Float64Array(POSE_SIZE)): Pose {
  out.set(REST);
  return out;
}

const smoothstep = (x: number) => (x <= 0 ? 0 : x >= 1 ? 1 : x * x * (3 - 2 * x));
const cycle = (x: number) => 2 * Math.PI * (x - Math.floor(x));
/** a·(1−w) + b·w: exactly b at w = 1 (the pose identity of wave and point relies on it). */
const mix = (a: number, b: number, w: number) => a * (1 - w) + b * w;

function setArm(p: Pose, side: number, ua: number, fa: number, uf = 1, ff = 1): void {
  const i = ARM[side as 0 | 1];
  p[i] = ua;
  p[i + 1] = fa;
  p[i + 2] = uf;
  p[i + 3] = ff;
}

function setLeg(p: Pose, side: number, ta: number, sa: number, tf = 1, sf = 1): void {
  const i = LEG[side as 0 | 1];
  p[i] = ta;
  p[i + 1] = sa;
  p[i + 2] = tf;
  p[i + 3] = sf;
}

/** The pose of `action` at action time τ; 'idle' is standing at rest. */
export function actionPose(action: StickAction | 'idle', tau: number, timing: ActionTiming, side: 0 | 1, out: Pose = new Float64Array(POSE_SIZE)): Pose {
  restPose(out);
  const { sign, phase } = timing;
  switch (action) {
    case 'idle':
      break;
    case 'wave': {
      const w = Math.sin((2 * Math.PI * tau) / 6);
      setArm(out, side, RAISED_UPPER + sign * 0.1 * w, RAISED_FORE + sign * 0.55 * w);
      break;
    }
    case 'point': {
      const r = smoothstep((tau + 7) / 5); // rises over τ ∈ [−7, −2], then holds
      setArm(out, side, mix(UA, RAISED_UPPER, r), mix(FA, RAISED_FORE, r));
      break;
    }
    case 'clap': {
      const w = (1 + Math.cos(cycle(tau / 6 + phase))) / 2; // 1: hands together in front of the chest
      for (const s of [0, 1]) setArm(out, s, mix(0.75, 0.35, w), mix(0.25, -1.6, w), 0.75, mix(0.9, 0.95, w));
      break;
    }
    case 'jump': {
      const p = (tau / 8 + phase) - Math.floor(tau / 8 + phase);
      if (p < 0.45) {
        const f = Math.sin((Math.PI * p) / 0.45); // in the air
        out[DY] = -0.12 * f;
        for (const s of [0, 1]) setArm(out, s, UA + 1.1 * f, FA + 1.5 * f);
        for (const s of [0, 1]) setLeg(out, s, 0.05, 0.02 + 0.15 * f);
      } else {
        const c = Math.sin((Math.PI * (p - 0.45)) / 0.55); // crouch between jumps
        for (const s of [0, 1]) setLeg(out, s, 0.05 + 0.55 * c, 0.02 - 0.2 * c, 1 - 0.4 * c, 1);
        for (const s of [0, 1]) setArm(out, s, UA - 0.3 * c, FA - 0.2 * c);
      }
      break;
    }
    case 'squat': {
      const w = (1 - Math.cos(cycle(tau / 14 + phase))) / 2;
      for (const s of [0, 1]) setLeg(out, s, mix(0.05, 0.75, w), mix(0.02, -0.12, w), mix(1, 0.5, w), mix(1, 0.95, w));
      // Arms reach forward for balance: seen from the front they shorten towards the camera.
      for (const s of [0, 1]) setArm(out, s, mix(UA, 1.5, w), mix(FA, 1.5, w), mix(1, 0.3, w), mix(1, 0.3, w));
      break;
    }
    case 'walk in place': {
      const s = Math.sin(cycle(tau / 8 + phase));
      const lift = [Math.max(0, s), Math.max(0, -s)];
      for (const i of [0, 1]) {
        const l = lift[i]!;
        const other = lift[1 - i]!;
        setLeg(out, i, 0.05, 0.02, 1 - 0.65 * l, 1); // thigh swings towards the camera, shin hangs
        setArm(out, i, UA + 0.1 * other, FA + 0.5 * other, 1 - 0.3 * other, 1 - 0.2 * other);
      }
      break;
    }
    case 'jumping jack': {
      const p = (tau / 8 + phase) - Math.floor(tau / 8 + phase);
      const spread = (1 - Math.cos(2 * Math.PI * p)) / 2;
      out[DY] = -0.05 * Math.abs(Math.sin(2 * Math.PI * p));
      for (const s of [0, 1]) {
        setArm(out, s, UA + 2.75 * spread, FA + 2.85 * spread);
        setLeg(out, s, 0.05 + 0.33 * spread, 0.02 + 0.3 * spread);
      }
      break;
    }
    case 'kick': {
      const w = Math.max(0, Math.sin(cycle(tau / 10 + phase))) ** 2;
      setLeg(out, side, 0.05 + 0.95 * w, 0.02 + 1.25 * w);
      for (const s of [0, 1]) setArm(out, s, UA + 0.55 * w, FA + 0.7 * w);
      out[LEAN] = (side === 0 ? -1 : 1) * 0.15 * w; // lean away from the kicking leg
      break;
    }
  }
  return out;
}

/** Blend of two poses, w = 0 → a, w = 1 → b (in place into `out`). */
export function blendPoses(a: Pose, b: Pose, w: number, out: Pose = new Float64Array(POSE_SIZE)): Pose {
  for (let i = 0; i < POSE_SIZE; i++) out[i] = mix(a[i]!, b[i]!, w);
  return out;
}

export interface Joints {
  /** 17 COCO keypoints as (x, y) pairs, pixels. */
  points: Float64Array;
  neck: readonly [number, number];
  pelvis: readonly [number, number];
  headCentre: readonly [number, number];
  headRadius: number;
  /** Per keypoint, how much of it faces the camera (1) or points at it (→ occluded, lower). */
  visibility: Float64Array;
}

/** Keypoints of `body` in `pose` at frame t (t sets the idle sway). */
export function skeletonJoints(body: Body, pose: Pose, t: number): Joints {
  const H = body.height;
  const p = new Float64Array(34);
  const vis = new Float64Array(17).fill(1);
  const set = (j: number, x: number, y: number) => {
    p[2 * j] = x;
    p[2 * j + 1] = y;
  };
  // Legs first: the lower foot stays on the ground, which places the pelvis.
  const ext = [0, 0];
  const leg: number[][] = [];
  for (const s of [0, 1] as const) {
    const sx = s === 0 ? 1 : -1;
    const i = LEG[s];
    const kx = sx * Math.sin(pose[i]!) * pose[i + 2]! * body.thigh * H;
    const ky = Math.cos(pose[i]!) * pose[i + 2]! * body.thigh * H;
    const ax = kx + sx * Math.sin(pose[i + 1]!) * pose[i + 3]! * body.shin * H;
    const ay = ky + Math.cos(pose[i + 1]!) * pose[i + 3]! * body.shin * H;
    ext[s] = ay;
    leg.push([sx * body.hip * H, kx, ky, ax, ay]);
    vis[13 + s] = 0.5 + 0.5 * pose[i + 2]!;
    vis[15 + s] = 0.5 + 0.5 * Math.min(pose[i + 2]!, pose[i + 3]!);
  }
  const lean = pose[LEAN]! + body.sway.amplitude * Math.sin((2 * Math.PI * t) / body.sway.period + body.sway.phase);
  const px = body.x + pose[DX]! * H;
  const py = body.footY - Math.max(ext[0]!, ext[1]!) + pose[DY]! * H;
  for (const s of [0, 1] as const) {
    const [hx, kx, ky, ax, ay] = leg[s]!;
    set(11 + s, px + hx!, py);
    set(13 + s, px + hx! + kx!, py + ky!);
    set(15 + s, px + hx! + ax!, py + ay!);
  }
  const ux = Math.sin(lean);
  const uy = -Math.cos(lean);
  const nx = px + ux * body.torso * H;
  const ny = py + uy * body.torso * H;
  const r = body.head * H;
  const hcx = nx + ux * (body.neck * H + r);
  const hcy = ny + uy * (body.neck * H + r);
  set(0, hcx, hcy + 0.2 * r);
  set(1, hcx + 0.4 * r, hcy - 0.15 * r);
  set(2, hcx - 0.4 * r, hcy - 0.15 * r);
  set(3, hcx + 0.95 * r, hcy);
  set(4, hcx - 0.95 * r, hcy);
  vis[3] = vis[4] = 0.8; // ears are seen edge-on from the front
  for (const s of [0, 1] as const) {
    const sx = s === 0 ? 1 : -1;
    const i = ARM[s];
    // Shoulders sit on the line through the neck perpendicular to the torso.
    const shx = nx - uy * sx * body.shoulder * H;
    const shy = ny + ux * sx * body.shoulder * H;
    const ex = shx + sx * Math.sin(pose[i]!) * pose[i + 2]! * body.upperArm * H;
    const ey = shy + Math.cos(pose[i]!) * pose[i + 2]! * body.upperArm * H;
    set(5 + s, shx, shy);
    set(7 + s, ex, ey);
    set(9 + s, ex + sx * Math.sin(pose[i + 1]!) * pose[i + 3]! * body.forearm * H, ey + Math.cos(pose[i + 1]!) * pose[i + 3]! * body.forearm * H);
    vis[7 + s] = 0.5 + 0.5 * pose[i + 2]!;
    vis[9 + s] = 0.5 + 0.5 * Math.min(pose[i + 2]!, pose[i + 3]!);
  }
  return { points: p, neck: [nx, ny], pelvis: [px, py], headCentre: [hcx, hcy], headRadius: r, visibility: vis };
}
