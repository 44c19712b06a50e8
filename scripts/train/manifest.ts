/**
 * manifest.json of a trained model (the type and spec hash are in the library:
 * src/lib/video-nn/training/manifest.ts), and loading a shipped model from disk
 * with every check — a thin wrapper over the library's loadModel with a fetch
 * that reads files.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadModelAt, type LoadedModel } from '../../src/lib/video-nn/models/loadModel';

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
