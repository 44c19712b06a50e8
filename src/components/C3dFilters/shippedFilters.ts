/**
 * Build time only (Node fs): the shipped C3D-tiny's first-layer weights and the
 * seeded initial weights its training started from, so the chapter's prose can
 * quote what the live figure shows. Reads the files the build serves.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { WeightsFile } from '../../lib/video-nn/models/weightsIO';
import { specVariables } from '../../lib/video-nn/models/params';
import type { TrainingManifest } from '../../lib/video-nn/training/manifest';
import { findTrainable } from '../../lib/video-nn/training/registry';
import { MODEL_ID, WEIGHT_NAME, checkBank, type Banks, type FilterBank } from './state';

export function shippedFilterBanks(dir = path.resolve('public/weights', MODEL_ID)): Banks {
  const modelJson = JSON.parse(readFileSync(path.join(dir, 'model.json'), 'utf8')) as WeightsFile;
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as TrainingManifest;
  const group = modelJson.weightsManifest[0]!;
  const entry = group.weights.find((w) => w.name === WEIGHT_NAME);
  if (!entry) throw new Error(`${dir}/model.json: no ${WEIGHT_NAME}`);
  const shard = readFileSync(path.join(dir, group.paths[0]!));
  const count = entry.shape.reduce((a, b) => a * b, 1);
  const bytes = shard.buffer.slice(shard.byteOffset + entry.offset, shard.byteOffset + entry.offset + 4 * count);
  const trained: FilterBank = { shape: entry.shape as FilterBank['shape'], data: new Float32Array(bytes) };
  const start = specVariables(findTrainable(MODEL_ID)!.spec().layers, manifest.training.seed).find((v) => v.name === WEIGHT_NAME)!;
  const initial: FilterBank = { shape: trained.shape, data: start.values() };
  checkBank(trained);
  checkBank(initial);
  return { trained, initial };
}
