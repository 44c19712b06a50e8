/**
 * manifest.json of a trained model, and loading a shipped model from disk with
 * every check: each shard's SHA-256, the spec hash, the model id.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build, importWeights, sha256Hex, verifySha256, type VideoModel, type WeightsFile } from '../../src/lib/video-nn/models';
import type { ModelSpec } from '../../src/lib/video-nn/spec/types';
import { findTrainable, type TrainableModel } from './registry';

export const MANIFEST_VERSION = 1;

export interface SplitRecord {
  /** Dataset seed the split is derived from. */
  seed: number;
  split: 'train' | 'validation' | 'test';
  start: number;
  count: number;
}

export interface TrainingManifest {
  manifestVersion: typeof MANIFEST_VERSION;
  modelId: string;
  title: string;
  temporal: boolean;
  /** SHA-256 of JSON.stringify(spec). */
  specHash: string;
  params: number;
  macs: number;
  dataset: { id: string; version: string; classes: string[]; clipShape: number[] };
  data: { train: SplitRecord; validation: SplitRecord; test: SplitRecord };
  training: {
    seed: number; epochs: number; epochsRun: number; bestEpoch: number; stoppedEarly: boolean;
    batchSize: number; learningRate: number; patience: number; seconds: number;
    history: { epoch: number; loss: number; accuracy: number; validationLoss: number; validationAccuracy: number }[];
  };
  command: string;
  test: { count: number; accuracy: number; loss: number; perClassAccuracy: number[]; confusion: number[][] };
  shards: { path: string; bytes: number; sha256: string }[];
  /** ISO time the manifest was written. */
  created: string;
}

export function specHash(spec: ModelSpec): Promise<string> {
  return sha256Hex(new TextEncoder().encode(JSON.stringify(spec)));
}

export interface LoadedModel {
  entry: TrainableModel;
  manifest: TrainingManifest;
  model: VideoModel;
}

/**
 * Loads `<dir>/manifest.json`, checks the model id and spec hash against the
 * registry, verifies every shard's SHA-256 against the manifest and model.json,
 * and returns the model with its weights. Throws a message naming the file.
 */
export async function loadTrained(dir: string): Promise<LoadedModel> {
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as TrainingManifest;
  const entry = findTrainable(manifest.modelId);
  if (!entry) throw new Error(`${manifestPath}: unknown model id "${manifest.modelId}"`);
  const spec = entry.spec();
  const hash = await specHash(spec);
  if (hash !== manifest.specHash) {
    throw new Error(`${manifestPath}: spec hash mismatch (the registry's ${manifest.modelId} hashes to ${hash}, the weights were trained for ${manifest.specHash}); retrain the model`);
  }
  const modelJsonPath = join(dir, 'model.json');
  const modelJson = JSON.parse(await readFile(modelJsonPath, 'utf8')) as WeightsFile;
  const group = modelJson.weightsManifest[0];
  if (!group || group.paths.length !== 1) throw new Error(`${modelJsonPath}: expected one weights group with one shard`);
  const shardPath = join(dir, group.paths[0]!);
  const shard = new Uint8Array(await readFile(shardPath));
  const recorded = manifest.shards.find((s) => s.path === group.paths[0]);
  if (!recorded) throw new Error(`${manifestPath}: lists no sha256 for ${group.paths[0]}`);
  await verifySha256(shard, recorded.sha256, shardPath);
  const model = build(spec);
  try {
    await importWeights(model, modelJson, shard).catch((e: Error) => {
      throw new Error(`${shardPath}: ${e.message}`);
    });
  } catch (e) {
    model.dispose();
    throw e;
  }
  return { entry, manifest, model };
}
