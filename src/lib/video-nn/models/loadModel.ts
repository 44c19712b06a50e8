/**
 * Loading a shipped (trained) model by id, in the browser or in Node: fetches
 * `<base><id>/manifest.json`, `model.json` and the weight shard, verifies the
 * shard's SHA-256 against both the manifest and model.json (WebCrypto), rebuilds
 * the spec from the trainable-model registry and checks its hash equals the
 * manifest's, then builds the model and imports the weights. Anything missing,
 * corrupt or mismatched is refused with an Error naming the file and the problem.
 */
import { findTrainable, type TrainableModel } from '../training/registry';
import { specHash, type TrainingManifest } from '../training/manifest';
import { build, type VideoModel } from './model';
import { importWeights, verifySha256, type WeightsFile } from './weightsIO';

export interface LoadModelOptions {
  /** Folder holding one sub-folder per model id; default '/weights/'. */
  baseUrl?: string;
  /** default globalThis.fetch; Node callers may pass one that reads files. */
  fetch?: typeof fetch;
}

export interface LoadedModel {
  model: VideoModel;
  manifest: TrainingManifest;
  /** The registry entry the spec was rebuilt from (its dataset, defaults …). */
  entry: TrainableModel;
}

async function fetchOk(fetchFn: typeof fetch, url: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetchFn(url);
  } catch (e) {
    throw new Error(`${url}: could not fetch (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!response.ok) throw new Error(`${url}: ${response.status === 404 ? 'not found' : 'could not fetch'} (HTTP ${response.status})`);
  return response;
}

async function fetchJson<T>(fetchFn: typeof fetch, url: string): Promise<T> {
  const text = await (await fetchOk(fetchFn, url)).text();
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new Error(`${url}: not valid JSON`);
  }
}

/**
 * Loads the model whose files are in the folder `dirUrl` (ending in '/'). With
 * `id`, the manifest must be for that model.
 */
export async function loadModelAt(dirUrl: string, options: { fetch?: typeof fetch; id?: string } = {}): Promise<LoadedModel> {
  const fetchFn = options.fetch ?? globalThis.fetch;
  const dir = dirUrl.endsWith('/') ? dirUrl : `${dirUrl}/`;
  const manifestUrl = `${dir}manifest.json`;
  const manifest = await fetchJson<TrainingManifest>(fetchFn, manifestUrl);
  if (manifest.manifestVersion !== 1) throw new Error(`${manifestUrl}: unsupported manifest version ${String(manifest.manifestVersion)}`);
  if (options.id !== undefined && manifest.modelId !== options.id) {
    throw new Error(`${manifestUrl}: is for model "${manifest.modelId}", not "${options.id}"`);
  }
  const entry = findTrainable(manifest.modelId);
  if (!entry) throw new Error(`${manifestUrl}: unknown model id "${manifest.modelId}"`);
  const spec = entry.spec();
  const hash = await specHash(spec);
  if (hash !== manifest.specHash) {
    throw new Error(`${manifestUrl}: spec hash mismatch (the registry's ${manifest.modelId} hashes to ${hash}, the weights were trained for ${manifest.specHash}); retrain the model`);
  }

  const modelJsonUrl = `${dir}model.json`;
  const modelJson = await fetchJson<WeightsFile>(fetchFn, modelJsonUrl);
  const group = modelJson.weightsManifest?.[0];
  if (!group || modelJson.weightsManifest.length !== 1 || group.paths.length !== 1 || group.sha256?.length !== 1) {
    throw new Error(`${modelJsonUrl}: expected one weights group with one shard and its sha256`);
  }
  const shardName = group.paths[0]!;
  const recorded = manifest.shards?.find((s) => s.path === shardName);
  if (!recorded) throw new Error(`${manifestUrl}: lists no sha256 for ${shardName}`);
  if (group.sha256[0]!.toLowerCase() !== recorded.sha256.toLowerCase()) {
    throw new Error(`${modelJsonUrl}: sha256 of ${shardName} (${group.sha256[0]}) disagrees with manifest.json (${recorded.sha256})`);
  }
  const shardUrl = `${dir}${shardName}`;
  const shard = new Uint8Array(await (await fetchOk(fetchFn, shardUrl)).arrayBuffer());
  if (shard.byteLength !== recorded.bytes) {
    throw new Error(`${shardUrl}: ${shard.byteLength} bytes, the manifest records ${recorded.bytes}; the file is truncated or belongs to another model — refusing to load it`);
  }
  await verifySha256(shard, recorded.sha256, shardUrl);

  const model = build(spec);
  try {
    await importWeights(model, modelJson, shard).catch((e: Error) => {
      throw new Error(`${shardUrl}: ${e.message}`);
    });
  } catch (e) {
    model.dispose();
    throw e;
  }
  return { model, manifest, entry };
}

/**
 * Fetches `<baseUrl><id>/manifest.json`, `model.json` and the shard, verifies
 * every checksum and the spec hash, and returns the model with its weights and
 * the manifest. Throws an Error naming the file and the problem.
 */
export function loadModel(id: string, options: LoadModelOptions = {}): Promise<LoadedModel> {
  const { baseUrl = '/weights/', fetch: fetchFn = globalThis.fetch } = options;
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  return loadModelAt(`${base}${id}/`, { fetch: fetchFn, id });
}
