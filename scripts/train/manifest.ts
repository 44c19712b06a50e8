/**
 * manifest.json of a trained model (the type and spec hash are in the library:
 * src/lib/video-nn/training/manifest.ts), and loading a shipped model from disk
 * with every check — a thin wrapper over the library's loadModel with a fetch
 * that reads files.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadModelAt, type LoadedModel } from '../../src/lib/video-nn/models/loadModel';
import type { WeightsFile } from '../../src/lib/video-nn/models/weightsIO';
import type { SplitRecord, TrainingManifest } from '../../src/lib/video-nn/training/manifest';

export { MANIFEST_VERSION, specHash, type SplitRecord, type TrainingManifest } from '../../src/lib/video-nn/training/manifest';
export type { LoadedModel } from '../../src/lib/video-nn/models/loadModel';

/**
 * A fetch over the file system: the URL is a path (relative to `root`, default
 * the working directory). A missing file answers 404, like a web server.
 */
export function fileFetch(root = ''): typeof fetch {
  return (async (input: string | URL | Request) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const path = url.startsWith('file:') ? new URL(url).pathname : root ? join(root, url) : url;
    try {
      return new Response(new Uint8Array(await readFile(path)), { status: 200 });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return new Response(null, { status: 404, statusText: 'Not Found' });
      throw e;
    }
  }) as typeof fetch;
}

/**
 * Loads `<dir>/manifest.json`, checks the model id and spec hash against the
 * registry, verifies every shard's SHA-256 against the manifest and model.json,
 * and returns the model with its weights. Throws a message naming the file.
 */
export function loadTrained(dir: string): Promise<LoadedModel> {
  return loadModelAt(dir.endsWith('/') ? dir : `${dir}/`, { fetch: fileFetch() });
}

/** Rounds a recorded figure to `digits` decimals (manifests stay readable and diff well). */
export const round = (v: number, digits = 4) => Number(v.toFixed(digits));

/** The manifest's train / validation / test records: clips 0 … count−1 of each split of one dataset seed. */
export function splitRecords(seed: number, counts: { train: number; validation: number; test: number }): TrainingManifest['data'] {
  const record = (split: SplitRecord['split'], count: number): SplitRecord => ({ seed, split, start: 0, count });
  return { train: record('train', counts.train), validation: record('validation', counts.validation), test: record('test', counts.test) };
}

/** Writes `<out>/<id>/{<shard>, model.json, manifest.json}` and returns the folder. */
export async function writeTrainedModel(out: string, manifest: TrainingManifest, modelJson: WeightsFile, shard: Uint8Array): Promise<string> {
  const dir = join(out, manifest.modelId);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, manifest.shards[0]!.path), shard);
  await writeFile(join(dir, 'model.json'), `${JSON.stringify(modelJson)}\n`);
  await writeFile(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return dir;
}
