import { describe, expect, it } from 'vitest';
import { COCO_JOINTS } from '../../../src/lib/video-nn/layers/skeleton';
import { middleFrame } from '../../../src/lib/video-nn/data/dataset';
import { randomStickFigureSpec, STICK_ACTIONS, stickFigureClip, stickFigures, type StickFigureSpec } from '../../../src/lib/video-nn/data/stickFigures';
import { frameOf, sameBytes } from './helpers';

const J = (name: (typeof COCO_JOINTS)[number]) => COCO_JOINTS.indexOf(name);
const kp = (k: Float32Array, t: number, j: number) => ({ x: k[(t * 17 + j) * 3]!, y: k[(t * 17 + j) * 3 + 1]!, c: k[(t * 17 + j) * 3 + 2]! });
/** A spec with no keypoint or pixel noise, to check geometry exactly. */
const clean = (spec: StickFigureSpec): StickFigureSpec => ({ ...spec, scene: { ...spec.scene, keypointNoise: 0, pixelNoise: 0 } });

describe('stick figures', () => {
  const ds = stickFigures({ seed: 31 });
  const m = middleFrame(16);

  it('has at least 6 actions including the required ones', () => {
    expect(STICK_ACTIONS.length).toBeGreaterThanOrEqual(6);
    for (const a of ['wave', 'point', 'clap', 'jump', 'squat', 'walk in place']) expect(STICK_ACTIONS).toContain(a);
    expect(ds.descriptor.keypointShape).toEqual([16, 17, 3]);
  });

  it('wave and point share the middle frame exactly (pixels and keypoints), and differ elsewhere', () => {
    for (let seed = 0; seed < 25; seed++) {
      const spec = randomStickFigureSpec(seed, 'wave');
      const wave = stickFigureClip(spec);
      const point = stickFigureClip({ ...spec, action: 'point' });
      expect(sameBytes(frameOf(wave, m), frameOf(point, m))).toBe(true);
      expect(sameBytes(wave.keypoints.subarray(m * 51, (m + 1) * 51), point.keypoints.subarray(m * 51, (m + 1) * 51))).toBe(true);
      let differing = 0;
      for (let t = 0; t < 16; t++) if (!sameBytes(frameOf(wave, t), frameOf(point, t))) differing++;
      expect(differing).toBeGreaterThanOrEqual(12);
      // The dataset draws the same person for the same seed whatever the action.
      expect(sameBytes(frameOf(ds.sample(seed, 0), m), frameOf(ds.sample(seed, 1), m))).toBe(true);
    }
  });

  it('emits 17 keypoints per frame inside the frame, with confidences in (0, 1]', () => {
    const bad: string[] = [];
    for (let i = 0; i < 48; i++) {
      const clip = ds.clip('train', i);
      expect(clip.keypoints.length).toBe(16 * 17 * 3);
      for (let t = 0; t < 16; t++) {
        for (let j = 0; j < 17; j++) {
          const { x, y, c } = kp(clip.keypoints, t, j);
          if (!(x >= 0 && x <= 32 && y >= 0 && y <= 32 && c > 0 && c <= 1)) bad.push(`clip ${i} frame ${t} joint ${j}: ${x}, ${y}, ${c}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it('lays keypoints out in COCO order on an upright, camera-facing body', () => {
    for (let seed = 0; seed < 8; seed++) {
      for (const action of STICK_ACTIONS) {
        const { keypoints: k } = stickFigureClip(clean(randomStickFigureSpec(seed, action)));
        for (let t = 0; t < 16; t++) {
          const p = (n: (typeof COCO_JOINTS)[number]) => kp(k, t, J(n));
          // Facing the camera: the person's left side is on the image's right.
          for (const side of ['eye', 'ear', 'shoulder', 'hip'] as const) expect(p(`left_${side}`).x).toBeGreaterThan(p(`right_${side}`).x);
          expect(p('left_ear').x).toBeGreaterThan(p('left_eye').x);
          expect(p('left_eye').y).toBeLessThan(p('nose').y);
          for (const s of ['left', 'right'] as const) {
            expect(p('nose').y).toBeLessThan(p(`${s}_shoulder`).y);
            expect(p(`${s}_shoulder`).y).toBeLessThan(p(`${s}_hip`).y);
            expect(p(`${s}_hip`).y).toBeLessThan(p(`${s}_ankle`).y);
          }
        }
      }
    }
  });

  it('draws the figure where its keypoints are', () => {
    for (let seed = 0; seed < 6; seed++) {
      const clip = stickFigureClip(clean(randomStickFigureSpec(seed, STICK_ACTIONS[seed % STICK_ACTIONS.length]!)));
      const colour = clip.spec.scene.colour;
      for (const t of [0, 8, 15]) {
        const f = frameOf(clip, t);
        // Most pixels are background: the median distance to the figure's colour is the background's.
        const dists: number[] = [];
        for (let i = 0; i < f.length; i += 3) dists.push(Math.hypot(f[i]! - colour[0], f[i + 1]! - colour[1], f[i + 2]! - colour[2]));
        const background = dists.sort((a, b) => a - b)[dists.length >> 1]!;
        for (let j = 5; j < 17; j++) {
          const { x, y } = kp(clip.keypoints, t, j);
          let best = Infinity;
          for (let yy = Math.floor(y) - 1; yy <= Math.floor(y) + 1; yy++) {
            for (let xx = Math.floor(x) - 1; xx <= Math.floor(x) + 1; xx++) {
              if (xx < 0 || yy < 0 || xx >= 32 || yy >= 32) continue;
              const i = (yy * 32 + xx) * 3;
              best = Math.min(best, Math.hypot(f[i]! - colour[0], f[i + 1]! - colour[1], f[i + 2]! - colour[2]));
            }
          }
          // At least half covered (limb ends are round caps of a thin line, so not always fully).
          expect(best, `joint ${COCO_JOINTS[j]} at frame ${t}`).toBeLessThan(0.5 * background);
        }
      }
    }
  });

  it('lowers the confidence of joints pointing at the camera', () => {
    const { keypoints: k } = stickFigureClip(clean(randomStickFigureSpec(3, 'clap')));
    let shoulders = 0;
    let elbows = 0;
    for (let t = 0; t < 16; t++) {
      shoulders += kp(k, t, J('left_shoulder')).c + kp(k, t, J('right_shoulder')).c;
      elbows += kp(k, t, J('left_elbow')).c + kp(k, t, J('right_elbow')).c;
    }
    expect(elbows).toBeLessThan(0.95 * shoulders);
  });

  it('varies body, placement and timing between clips', () => {
    const heights = new Set<number>();
    const xs = new Set<number>();
    const speeds = new Set<number>();
    for (let i = 0; i < 20; i++) {
      const { spec } = ds.clip('train', i);
      heights.add(spec.body.height);
      xs.add(spec.body.x);
      speeds.add(spec.timing.speed);
    }
    expect(Math.min(heights.size, xs.size, speeds.size)).toBe(20);
  });
});
