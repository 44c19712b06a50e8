/**
 * Shared by shipped.test.ts and shippedTwoStream.test.ts (split so the slow
 * flow models run in parallel with the rest). Every shipped model (public/weights/<id>/manifest.json): its weights load
 * with every checksum and the spec hash verified, and on a freshly regenerated
 * held-out set from the manifest's test seed it reaches the manifest accuracy
 * minus 3 points, or stays within 10 points of chance (the single-frame model
 * on motion direction, which must fail). A corrupt shard or
 * a mismatched spec is refused with a message naming the file.
 */
import { readdir } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { accuracy as accuracyOf, evaluate, predictSplit } from '../../../src/lib/video-nn/training';
import { argmaxRows, fuseProbabilities } from '../../../src/lib/video-nn/training/twoStream';
import { loadTrained } from '../../../scripts/train/manifest';
import { modelDataset } from '../../../src/lib/video-nn/training/modelInput';

export const ROOT = 'public/weights';
export function readManifestSync(id: string): { task?: string; input?: { kind: string } } {
  return JSON.parse(readFileSync(join(ROOT, id, 'manifest.json'), 'utf8')) as { task?: string; input?: { kind: string } };
}
export const shipped = existsSync(ROOT)
  ? (await readdir(ROOT, { withFileTypes: true })).filter((d) => d.isDirectory() && existsSync(join(ROOT, d.name, 'manifest.json'))).map((d) => d.name)
  : [];


export function itReachesRecordedAccuracy(ids: readonly string[]): void {
  for (const id of ids) {
    it(`${id}: loads verified and reaches its recorded accuracy on fresh held-out clips`, async () => {
      // A temporal stream computes 7 flow fields per clip: on WASM that takes seconds, on the CPU backend minutes.
      const flow = readManifestSync(id).input?.kind === 'flow';
      if (flow) expect(await tf.setBackend('wasm')).toBe(true);
      const { entry, manifest, model } = await loadTrained(join(ROOT, id));
      try {
        const dataset = modelDataset(entry, manifest.data.test.seed);
        expect(dataset.descriptor.version, `${id}: the dataset generator changed since training; retrain`).toBe(manifest.dataset.version);
        expect(dataset.descriptor.id).toBe(manifest.dataset.id);
        expect(model.countParams()).toBe(manifest.params);
        // Every test clip the manifest counted, generated anew from its seed: a subset would
        // carry sampling noise of several points for a model near 70%.
        const { accuracy } = evaluate(model, dataset, { split: 'test', start: 0, count: manifest.test.count, batchSize: 32 });
        // Only on motion direction is every single frame equally likely under every class;
        // there the single-frame model must fail. Elsewhere it is held to its record like the rest.
        if (entry.temporal || !manifest.dataset.id.startsWith('motion-direction')) {
          expect(accuracy).toBeGreaterThanOrEqual(manifest.test.accuracy - 0.03);
        } else {
          const chance = 1 / manifest.dataset.classes.length;
          expect(Math.abs(accuracy - chance)).toBeLessThanOrEqual(0.1);
          expect(Math.abs(manifest.test.accuracy - chance)).toBeLessThanOrEqual(0.1);
        }
        if (manifest.twoStream) {
          // The fused network: the shipped spatial stream on the same clips, averaged with the recorded weight.
          const spatial = await loadTrained(join(ROOT, manifest.twoStream.spatial));
          try {
            const count = manifest.twoStream.test.count;
            const s = predictSplit(spatial.model, modelDataset(spatial.entry, manifest.data.test.seed), { split: 'test', count });
            const t = predictSplit(model, dataset, { split: 'test', count });
            const fused = accuracyOf(t.labels, argmaxRows(fuseProbabilities(s.probabilities, t.probabilities, manifest.twoStream.weightSpatial), dataset.descriptor.classes.length));
            expect(fused).toBeGreaterThanOrEqual(manifest.twoStream.test.fused - 0.03);
            expect(spatial.manifest.specHash).toBe(manifest.twoStream.spatialSpecHash);
          } finally {
            spatial.model.dispose();
          }
        }
      } finally {
        model.dispose();
        if (flow) await tf.setBackend('cpu');
      }
      // Alone on 2 cores a temporal stream takes about a minute (its flow fields); with other work running, several.
    }, 600_000);
  }
}

/** Classifiers (detectors are checked by tests/unit/detection/), with or without flow input. */
export function classifierIds(flow: boolean): string[] {
  return shipped.filter((id) => {
    const m = readManifestSync(id);
    return (!m.task || m.task === 'classification') && (m.input?.kind === 'flow') === flow;
  });
}
