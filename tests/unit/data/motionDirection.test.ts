import { describe, expect, it } from 'vitest';
import { middleFrame } from '../../../src/lib/video-nn/data/dataset';
import { motionDirection, type MotionDirectionClip } from '../../../src/lib/video-nn/data/motionDirection';
import { frameOf, sameBytes } from './helpers';

/** Mean over rows (axis 'x') or columns ('y') and channels: a 1-D intensity profile of frame t. */
function profile(clip: MotionDirectionClip, t: number, axis: 'x' | 'y'): Float64Array {
  const [, h, w, c] = clip.shape;
  const f = frameOf(clip, t);
  const out = new Float64Array(axis === 'x' ? w : h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let k = 0; k < c; k++) out[axis === 'x' ? x : y]! += f[(y * w + x) * c + k]!;
  return out;
}

/**
 * A minimal "temporal model": the circular shift that best aligns the
 * intensity profile of frame a with that of frame b, after removing each
 * pixel's mean over time (the static background).
 */
function shiftBetween(clip: MotionDirectionClip, a: number, b: number, axis: 'x' | 'y'): { shift: number; score: number } {
  const T = clip.shape[0];
  const profiles = Array.from({ length: T }, (_, t) => profile(clip, t, axis));
  const n = profiles[0]!.length;
  const mean = new Float64Array(n);
  for (const p of profiles) for (let i = 0; i < n; i++) mean[i]! += p[i]! / T;
  const pa = profiles[a]!.map((v, i) => v - mean[i]!);
  const pb = profiles[b]!.map((v, i) => v - mean[i]!);
  let best = { shift: 0, score: -Infinity };
  for (let d = -8; d <= 8; d++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += pa[i]! * pb[(((i + d) % n) + n) % n]!;
    if (s > best.score) best = { shift: d, score: s };
  }
  return best;
}

describe.each([2, 4] as const)('motion direction, %i classes', (classes) => {
  const ds = motionDirection({ seed: 11, classes });
  const m = middleFrame(16);

  it('gives every class the same middle frame for the same seed', () => {
    for (let seed = 0; seed < 40; seed++) {
      const mids = Array.from({ length: classes }, (_, c) => frameOf(ds.sample(seed, c), m));
      for (const f of mids.slice(1)) expect(sameBytes(f, mids[0]!)).toBe(true);
      // …and only the middle frame: the clips do differ.
      expect(sameBytes(ds.sample(seed, 0).data, ds.sample(seed, 1).data)).toBe(false);
    }
  });

  it('has no per-frame position statistic that separates the classes', () => {
    // Over 200 clips per class, the mean bar position of every class at every frame is the same
    // within sampling error (uniform on the wrapped frame: mean 16, sd of a class mean ≈ 0.65 px).
    // Without the wrap-around, frame 0 of "left" and "right" would differ by twice the shift, ~18 px.
    const n = 200 * classes;
    const clips = Array.from({ length: n }, (_, i) => ds.clip('train', i));
    for (const t of [0, m, 15]) {
      for (const axis of classes === 2 ? [0] : [0, 1]) {
        const sums = new Array<number>(classes).fill(0);
        const counts = new Array<number>(classes).fill(0);
        for (const c of clips) {
          sums[c.label]! += c.track[2 * t + axis]!;
          counts[c.label]!++;
        }
        const means = sums.map((s, k) => s / counts[k]!);
        expect(Math.max(...means) - Math.min(...means), `frame ${t} axis ${axis}: ${means.join(', ')}`).toBeLessThan(3);
      }
    }
  });

  it('is separated perfectly by the difference between two frames', () => {
    let correct = 0;
    const n = 200;
    for (let i = 0; i < n; i++) {
      const clip = ds.clip('test', i);
      const sx = shiftBetween(clip, 2, 5, 'x');
      const sy = shiftBetween(clip, 2, 5, 'y');
      const useX = classes === 2 || sx.score >= sy.score; // the static axis has nothing left to correlate
      const d = useX ? sx.shift : sy.shift;
      const predicted = useX ? (d < 0 ? 0 : 1) : d < 0 ? 2 : 3;
      if (d !== 0 && predicted === clip.label) correct++;
    }
    expect(correct).toBe(n);
  });

  it('moves the bar at a steady speed along its class direction, wrapping at the edges', () => {
    for (let label = 0; label < classes; label++) {
      const clip = ds.sample(5, label);
      const [vx, vy] = clip.velocity;
      expect([[-1, 0], [1, 0], [0, -1], [0, 1]][label]).toEqual([Math.sign(vx) || 0, Math.sign(vy) || 0]);
      for (let t = 0; t < 16; t++) {
        expect(clip.track[2 * t]).toBeGreaterThanOrEqual(0);
        expect(clip.track[2 * t]).toBeLessThan(32);
      }
    }
  });
});
