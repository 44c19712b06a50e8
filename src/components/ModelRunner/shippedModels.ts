/**
 * Build time only (Node fs): the models shipped in public/weights/, read from
 * their manifests, in the registry's order and grouped by dataset, so the
 * models page lists exactly what the build serves.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { TrainingManifest } from '../../lib/video-nn/training/manifest';
import { TRAINABLE } from '../../lib/video-nn/training/registry';

export interface DatasetGroup {
  id: string;
  name: string;
  classes: string[];
  models: TrainingManifest[];
}

const DATASET_NAMES: Record<string, string> = {
  'motion-direction-2': 'Motion direction',
  'motion-direction-4': 'Motion direction, four ways',
  'untrimmed-stick-figures': 'Untrimmed stick-figure sequences (temporal detection)',
  'something-lite': 'Something-Something-lite',
  'stick-figures': 'Stick-figure actions',
  'stick-figures-keypoints': 'Stick-figure actions as keypoints',
};

/** Every public/weights/<id>/manifest.json. A folder without one (a training still writing) is skipped. */
export function shippedManifests(dir = path.resolve('public/weights')): TrainingManifest[] {
  if (!existsSync(dir)) return [];
  const manifests: TrainingManifest[] = [];
  for (const id of readdirSync(dir).sort()) {
    const file = path.join(dir, id, 'manifest.json');
    if (!existsSync(file)) continue;
    // A manifest that does not parse is a broken commit: fail the build rather than hide the model.
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as TrainingManifest;
    if (manifest.modelId !== id) throw new Error(`${file}: is for model "${manifest.modelId}", not "${id}"`);
    manifests.push(manifest);
  }
  const rank = (id: string) => {
    const i = TRAINABLE.findIndex((m) => m.id === id);
    return i < 0 ? TRAINABLE.length : i;
  };
  return manifests.sort((a, b) => rank(a.modelId) - rank(b.modelId) || a.modelId.localeCompare(b.modelId));
}

/** A two-stream network's streams see derived datasets ("…-middle-frame", "…-flow7"): the dataset they derive from. */
export function baseDatasetId(m: TrainingManifest): string {
  return m.input ? m.dataset.id.replace(/-(middle-frame|flow\d+)$/, '') : m.dataset.id;
}

/** The manifests grouped by the dataset they were trained on (a two-stream network's streams together), in order of first appearance. */
export function groupByDataset(manifests: readonly TrainingManifest[]): DatasetGroup[] {
  const groups = new Map<string, DatasetGroup>();
  for (const m of manifests) {
    const base = baseDatasetId(m);
    const id = m.input ? `${base}-two-stream` : base;
    let group = groups.get(id);
    if (!group) {
      const name = DATASET_NAMES[base] ?? base;
      group = { id, name: m.input ? `${name}: a two-stream network` : name, classes: m.dataset.classes, models: [] };
      groups.set(id, group);
    }
    group.models.push(m);
  }
  return [...groups.values()];
}

/** 264.3 → "4.4 min"; 58 → "58 s". */
export function formatDuration(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${(seconds / 60).toFixed(1)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}
