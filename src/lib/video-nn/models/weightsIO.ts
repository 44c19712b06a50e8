/**
 * Saving and loading a model's weights in a tfjs-like layout: a `model.json`
 * whose `weightsManifest` lists every weight (name, shape, dtype, byte offset)
 * and one binary shard of little-endian float32 values, with the shard's SHA-256
 * so a corrupt or mismatched download is refused instead of silently producing
 * nonsense. SHA-256 comes from WebCrypto (`crypto.subtle`), in browsers and in
 * Node ≥ 19 alike.
 */
import type { ClipShape } from '../spec/types';
import type { VideoModel } from './model';
import { sizeOfShape } from './params';

export const WEIGHTS_FORMAT = 'video-nn-weights';

export interface WeightEntry {
  name: string;
  shape: number[];
  dtype: 'float32';
  /** Byte offset of the first value in the shard. */
  offset: number;
}

export interface WeightsManifestGroup {
  /** Shard file names, relative to model.json (one shard). */
  paths: string[];
  weights: WeightEntry[];
  /** Hex SHA-256 of each shard, in the order of `paths`. */
  sha256: string[];
}

/** The contents of model.json. */
export interface WeightsFile {
  format: typeof WEIGHTS_FORMAT;
  formatVersion: 1;
  /** The spec the weights belong to. */
  modelId: string;
  input: ClipShape;
  weightsManifest: WeightsManifestGroup[];
  /** Anything the exporter wants recorded (seed, accuracy, command …). */
  metadata?: Record<string, unknown>;
}

/** Every variable (running statistics included) as one flat float32 array, in layer order. */
export function weightsToFlat(model: VideoModel): { entries: WeightEntry[]; data: Float32Array } {
  const infos = model.weights();
  const data = new Float32Array(infos.reduce((n, w) => n + sizeOfShape(w.shape), 0));
  let at = 0;
  const entries = infos.map(({ name, shape }) => {
    data.set(model.variable(name).dataSync() as Float32Array, at);
    const entry: WeightEntry = { name, shape, dtype: 'float32', offset: at * 4 };
    at += sizeOfShape(shape);
    return entry;
  });
  return { entries, data };
}

/**
 * Loads a flat array into the model. The entries must name every variable of the
 * model with its exact shape; nothing is written unless all of them check out.
 */
export function weightsFromFlat(model: VideoModel, entries: readonly WeightEntry[], data: Float32Array): void {
  const wanted = new Map(model.weights().map((w) => [w.name, w.shape]));
  const seen = new Set<string>();
  const values = new Map<string, Float32Array>();
  for (const entry of entries) {
    const shape = wanted.get(entry.name);
    if (!shape) throw new Error(`weights: "${entry.name}" is not a weight of ${model.spec.id}`);
    if (entry.dtype !== 'float32') throw new Error(`weights: "${entry.name}" has dtype ${entry.dtype}; only float32 is supported`);
    if (shape.join('×') !== entry.shape.join('×')) {
      throw new Error(`weights: "${entry.name}" should have shape [${shape.join(', ')}] in ${model.spec.id}, the file has [${entry.shape.join(', ')}]`);
    }
    const size = sizeOfShape(shape);
    if (entry.offset % 4 !== 0 || entry.offset / 4 + size > data.length) {
      throw new Error(`weights: "${entry.name}" (${size} values at byte ${entry.offset}) does not fit in the ${data.length * 4}-byte shard`);
    }
    seen.add(entry.name);
    values.set(entry.name, data.subarray(entry.offset / 4, entry.offset / 4 + size));
  }
  const missing = [...wanted.keys()].filter((name) => !seen.has(name));
  if (missing.length) throw new Error(`weights: the file lacks ${missing.length} weight(s) of ${model.spec.id}: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}`);
  model.setWeights(values);
}

/** Hex SHA-256 of some bytes (WebCrypto). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  // Copy into a plain ArrayBuffer-backed view: digest() does not take shared memory.
  const digest = await crypto.subtle.digest('SHA-256', new Uint8Array(bytes));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Throws a clear error unless `bytes` hash to `expected`. */
export async function verifySha256(bytes: Uint8Array, expected: string, what: string): Promise<void> {
  const actual = await sha256Hex(bytes);
  if (actual !== expected.toLowerCase()) {
    throw new Error(`${what}: checksum mismatch (SHA-256 ${actual}, expected ${expected}); the file is corrupt or belongs to another model — refusing to load it`);
  }
}

/** model.json and its shard for a model's current weights. */
export async function exportWeights(
  model: VideoModel,
  options: { shardName?: string; metadata?: Record<string, unknown> } = {},
): Promise<{ modelJson: WeightsFile; shard: Uint8Array }> {
  const { entries, data } = weightsToFlat(model);
  const shard = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const modelJson: WeightsFile = {
    format: WEIGHTS_FORMAT,
    formatVersion: 1,
    modelId: model.spec.id,
    input: { ...model.input },
    weightsManifest: [{ paths: [options.shardName ?? 'weights.bin'], weights: entries, sha256: [await sha256Hex(shard)] }],
    ...(options.metadata ? { metadata: options.metadata } : {}),
  };
  return { modelJson, shard };
}

/**
 * Checks model.json against the model (format, id, input), verifies the shard's
 * SHA-256, then loads every weight with shape checks. Throws, changing nothing,
 * on any mismatch.
 */
export async function importWeights(model: VideoModel, modelJson: WeightsFile, shard: Uint8Array): Promise<void> {
  if (modelJson.format !== WEIGHTS_FORMAT || modelJson.formatVersion !== 1) {
    throw new Error(`weights: not a ${WEIGHTS_FORMAT} v1 model.json (format ${String(modelJson.format)}, version ${String(modelJson.formatVersion)})`);
  }
  if (modelJson.modelId !== model.spec.id) throw new Error(`weights: the file is for model "${modelJson.modelId}", not "${model.spec.id}"`);
  const group = modelJson.weightsManifest[0];
  if (modelJson.weightsManifest.length !== 1 || !group || group.paths.length !== 1 || group.sha256.length !== 1) {
    throw new Error('weights: expected one manifest group with one shard and its sha256');
  }
  await verifySha256(shard, group.sha256[0]!, group.paths[0]!);
  if (shard.byteLength % 4 !== 0) throw new Error(`weights: shard of ${shard.byteLength} bytes is not whole float32 values`);
  const data = new Float32Array(shard.slice().buffer); // slice: aligned, owned copy
  weightsFromFlat(model, group.weights, data);
}

/** Fetches `<base>/model.json` and its shard, verifies and loads them (browser or Node with fetch). */
export async function loadWeightsFromUrl(model: VideoModel, modelJsonUrl: string, fetchFn: typeof fetch = fetch): Promise<WeightsFile> {
  const get = async (url: string) => {
    const response = await fetchFn(url);
    if (!response.ok) throw new Error(`weights: could not fetch ${url} (HTTP ${response.status})`);
    return response;
  };
  const modelJson = (await (await get(modelJsonUrl)).json()) as WeightsFile;
  const shardPath = modelJson.weightsManifest?.[0]?.paths?.[0];
  if (!shardPath) throw new Error(`weights: ${modelJsonUrl} lists no shard`);
  const shardUrl = new URL(shardPath, new URL(modelJsonUrl, globalThis.location?.href ?? 'file:///')).href;
  const shard = new Uint8Array(await (await get(shardUrl)).arrayBuffer());
  await importWeights(model, modelJson, shard);
  return modelJson;
}
