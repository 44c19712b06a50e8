/**
 * The shipped temporal action detector (public/weights/untrimmed_detector): it
 * loads with every checksum and the spec hash verified, and on the first
 * sequences of its held-out test split, regenerated from the manifest's seed,
 * reaches the manifest's mAP@0.5 minus 0.03.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateDetector, isDetector, UNTRIMMED_DETECTOR_ID } from '../../../src/lib/video-nn/detection';
import { loadTrained } from '../../../scripts/train/manifest';
import { useCpu } from '../models/helpers';

beforeAll(useCpu);

const DIR = join('public/weights', UNTRIMMED_DETECTOR_ID);
const FRESH_SEQUENCES = 96;

describe('shipped detector', () => {
  it('ships untrimmed_detector', () => {
    expect(existsSync(join(DIR, 'manifest.json'))).toBe(true);
  });

  it.runIf(existsSync(join(DIR, 'manifest.json')))('loads verified and reaches its recorded mAP@0.5 on held-out sequences', async () => {
    const { entry, manifest, model } = await loadTrained(DIR);
    try {
      expect(isDetector(entry)).toBe(true);
      expect(manifest.task).toBe('detection');
      expect(model.countParams()).toBe(manifest.params);
      expect(model.countParams()).toBeLessThanOrEqual(50_000);
      expect(manifest.shards[0]!.bytes).toBeLessThanOrEqual(200_000);
      if (!isDetector(entry)) return;
      const dataset = entry.untrimmed(manifest.data.test.seed);
      expect(dataset.descriptor.version, 'the untrimmed generator changed since training; retrain').toBe(manifest.dataset.version);
      expect(dataset.descriptor.id).toBe(manifest.dataset.id);
      const r = evaluateDetector(model, manifest.data.test.seed, FRESH_SEQUENCES, { decode: entry.decode });
      expect(r.count).toBe(FRESH_SEQUENCES);
      expect(r.perClassAP).toHaveLength(manifest.dataset.classes.length);
      expect(r.mAP50).toBeGreaterThanOrEqual(manifest.test.mAP50! - 0.03);
    } finally {
      model.dispose();
    }
  }, 30_000);
});
