/**
 * `vnn weights` and `vnn evaluate`: the trained models shipped in
 * public/weights/<id>/ (their manifests), and evaluating one on a fresh test
 * set. Loading goes through the library's loadModel with a fetch that reads
 * files, so every checksum and the spec hash are verified. Inference only: the
 * tfjs CPU backend, no gradients.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TrainingManifest } from '../../src/lib/video-nn/training/manifest';
import { fileFetch } from '../train/manifest';
import { groupDigits, table } from './format';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Where the shipped models live, relative to the repository root (and as named in error messages). */
export const WEIGHTS_DIR = 'public/weights/';

export interface ShippedModel {
  id: string;
  title: string;
  dataset: string;
  params: number;
  /** Test accuracy recorded in the manifest, on `count` held-out clips (detectors: step-level accuracy). */
  accuracy: number;
  /** Detectors only: mAP at tIoU 0.5 on `count` held-out sequences. */
  mAP50?: number;
  count: number;
}

/** Every public/weights/<id>/manifest.json, in id order. */
export function shippedManifests(root = REPO_ROOT): TrainingManifest[] {
  const dir = join(root, WEIGHTS_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'manifest.json')))
    .map((d) => d.name)
    .sort()
    .map((id) => JSON.parse(readFileSync(join(dir, id, 'manifest.json'), 'utf8')) as TrainingManifest);
}

export function shippedModels(root = REPO_ROOT): ShippedModel[] {
  return shippedManifests(root).map((m) => ({
    id: m.modelId, title: m.title, dataset: m.dataset.id, params: m.params, accuracy: m.test.accuracy,
    ...(m.task === 'detection' && m.test.mAP50 !== undefined ? { mAP50: m.test.mAP50 } : {}), count: m.test.count,
  }));
}

export function weightsJson(models: readonly ShippedModel[]): string {
  return JSON.stringify(models, null, 2);
}

export function weightsTable(models: readonly ShippedModel[]): string {
  if (models.length === 0) return `no trained models in ${WEIGHTS_DIR} (train one with \`npm run train -- <id>\`)`;
  return table(
    ['id', 'dataset', 'params', 'held-out score', 'test clips'],
    models.map((m) => [m.id, m.dataset, groupDigits(m.params), m.mAP50 !== undefined ? `mAP@0.5 ${m.mAP50.toFixed(4)}` : m.accuracy.toFixed(4), String(m.count)]),
    new Set([2, 3, 4]),
  );
}

export interface EvaluateResult {
  model: string;
  /** Classifiers: the fraction of clips classified right. */
  accuracy?: number;
  /** Detectors: mAP at tIoU 0.5 over `count` untrimmed sequences, and each class's AP. */
  mAP50?: number;
  perClassAP?: number[];
  count: number;
  /** The dataset seed of the fresh test set. */
  seed: number;
}

/**
 * Loads the shipped model `id` (verified) and evaluates it on clips 0 … count−1
 * of the test split of its dataset generated with `seed`.
 */
export async function evaluateShipped(id: string, seed: number, count: number, root = REPO_ROOT): Promise<EvaluateResult> {
  const tf = await import('@tensorflow/tfjs-core');
  await import('@tensorflow/tfjs-backend-cpu');
  tf.enableProdMode(); // quiets tfjs's Node banner: stderr is for the one-line error
  if (!(await tf.setBackend('cpu'))) throw new Error('the tfjs CPU backend did not start');
  await tf.ready();
  const { loadModel } = await import('../../src/lib/video-nn/models/loadModel');
  const { evaluate } = await import('../../src/lib/video-nn/training/evaluate');
  const { model, manifest, entry } = await loadModel(id, { baseUrl: WEIGHTS_DIR, fetch: fileFetch(root) });
  try {
    const detection = await import('../../src/lib/video-nn/detection');
    if (detection.isDetector(entry)) {
      const r = detection.evaluateDetector(model, seed, count, { decode: entry.decode });
      return { model: id, mAP50: r.mAP50, perClassAP: r.perClassAP, count: r.count, seed };
    }
    const { modelDataset } = await import('../../src/lib/video-nn/training/modelInput');
    const dataset = modelDataset(entry, seed);
    if (dataset.descriptor.id !== manifest.dataset.id || dataset.descriptor.version !== manifest.dataset.version) {
      throw new Error(`${WEIGHTS_DIR}${id}/manifest.json: trained on ${manifest.dataset.id} v${manifest.dataset.version}, the generator now makes ${dataset.descriptor.id} v${dataset.descriptor.version}; retrain`);
    }
    const result = evaluate(model, dataset, { split: 'test', start: 0, count, batchSize: 32 });
    return { model: id, accuracy: result.accuracy, count: result.count, seed };
  } finally {
    model.dispose();
  }
}

export function evaluateText(r: EvaluateResult): string {
  if (r.mAP50 !== undefined) return `${r.model}: mAP@0.5 ${r.mAP50.toFixed(4)} on ${r.count} fresh test sequences (dataset seed ${r.seed})`;
  return `${r.model}: accuracy ${(r.accuracy ?? Number.NaN).toFixed(4)} on ${r.count} fresh test clips (dataset seed ${r.seed})`;
}
