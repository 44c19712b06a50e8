import { describe, expect, it } from 'vitest';
import { batch, SPLITS, type ClipDataset } from '../../../src/lib/video-nn/data/dataset';
import { motionDirection } from '../../../src/lib/video-nn/data/motionDirection';
import { somethingLite } from '../../../src/lib/video-nn/data/somethingLite';
import { stickFigures } from '../../../src/lib/video-nn/data/stickFigures';
import { fingerprint, inUnitRange, sameBytes } from './helpers';

const makers: [string, (seed: number) => ClipDataset][] = [
  ['motion-direction-2', (seed) => motionDirection({ seed })],
  ['motion-direction-4', (seed) => motionDirection({ seed, classes: 4 })],
  ['something-lite', (seed) => somethingLite({ seed })],
  ['stick-figures', (seed) => stickFigures({ seed })],
];

/**
 * Fingerprints of train clips 0–5 with dataset seed 1. If one of these
 * changes, the generator's output changed: bump its version string (trained
 * models' manifests record it) and update the fingerprint here. (Pinned on
 * V8; another engine's Math.sin or Math.exp could differ in the last bit.)
 */
const GOLDEN: Record<string, string> = {
  'motion-direction-2': '7fefd6c9',
  'motion-direction-4': 'e54434cc',
  'something-lite': '9b78db32',
  'stick-figures': 'eb7670bc',
};

describe.each(makers)('%s', (id, make) => {
  const ds = make(1);
  const [T, H, W, C] = ds.descriptor.clipShape;

  it('describes itself for manifests', () => {
    expect(ds.descriptor.id).toBe(id);
    expect(ds.descriptor.version).toMatch(/^\d+$/);
    expect(ds.descriptor.clipShape).toEqual([16, 32, 32, 3]);
    expect(ds.descriptor.classes.length).toBeGreaterThanOrEqual(2);
    expect(ds.descriptor.seed).toBe(1);
  });

  it('gives T×H×W×C clips in [0, 1] with consistent labels', () => {
    for (let i = 0; i < 12; i++) {
      const clip = ds.clip('train', i);
      expect(clip.shape).toEqual([T, H, W, C]);
      expect(clip.data.length).toBe(T * H * W * C);
      expect(inUnitRange(clip.data)).toBe(true);
      expect(clip.className).toBe(ds.descriptor.classes[clip.label]);
    }
  });

  it('is deterministic: same seed, same bytes; other seeds or indices, other clips', () => {
    const again = make(1);
    expect(sameBytes(ds.clip('validation', 3).data, again.clip('validation', 3).data)).toBe(true);
    expect(sameBytes(ds.clip('validation', 3).data, ds.clip('validation', 4).data)).toBe(false);
    expect(sameBytes(ds.clip('validation', 3).data, make(2).clip('validation', 3).data)).toBe(false);
    const c = ds.clip('test', 7);
    expect(sameBytes(ds.sample(c.seed, c.label).data, c.data)).toBe(true);
  });

  it('keeps its output pinned (bump the version when this changes)', () => {
    expect(fingerprint(batch(ds, { split: 'train', start: 0, count: 6 }).data), `${id} output changed: bump its version`).toBe(GOLDEN[id]);
  });

  it('shares no clip between splits', () => {
    const seen = new Map<string, string>();
    for (const split of SPLITS) {
      for (let i = 0; i < 40; i++) {
        const key = fingerprint(ds.clip(split, i).data);
        expect(seen.get(key), `${split} ${i} repeats ${seen.get(key)}`).toBeUndefined();
        seen.set(key, `${split} ${i}`);
      }
    }
  });

  it('batches balanced classes into one N×T×H×W×C array', () => {
    const K = ds.descriptor.classes.length;
    const b = batch(ds, { split: 'train', start: K, count: 2 * K });
    expect(b.shape).toEqual([2 * K, T, H, W, C]);
    expect(b.data.length).toBe(2 * K * T * H * W * C);
    const counts = new Array<number>(K).fill(0);
    for (const l of b.labels) counts[l]!++;
    expect(counts).toEqual(new Array<number>(K).fill(2));
    const third = ds.clip('train', K + 2);
    expect(sameBytes(b.data.subarray(2 * third.data.length, 3 * third.data.length), third.data)).toBe(true);
    expect(b.labels[2]).toBe(third.label);
    if (ds.descriptor.keypointShape) {
      const [kt, kj, kc] = ds.descriptor.keypointShape;
      expect(b.keypoints?.length).toBe(2 * K * kt * kj * kc);
      expect(sameBytes(b.keypoints!.subarray(2 * kt * kj * kc, 3 * kt * kj * kc), third.keypoints!)).toBe(true);
    } else expect(b.keypoints).toBeUndefined();
  });
});

describe('options', () => {
  it('honour frames and size and refuse bad values', () => {
    const ds = somethingLite({ seed: 3, frames: 8, size: 48 });
    expect(ds.descriptor.clipShape).toEqual([8, 48, 48, 3]);
    expect(ds.clip('train', 0).data.length).toBe(8 * 48 * 48 * 3);
    expect(() => somethingLite({ seed: 3, frames: 1 })).toThrow(/frames/);
    expect(() => motionDirection({ seed: 3, size: 7 })).toThrow(/size/);
    expect(() => motionDirection({ seed: 3, classes: 3 as 2 })).toThrow(/classes/);
    expect(() => stickFigures({ seed: 1 }).sample(1, 99)).toThrow(/label/);
    expect(() => batch(ds, { split: 'train', start: 0, count: 0 })).toThrow(/count/);
  });
});
