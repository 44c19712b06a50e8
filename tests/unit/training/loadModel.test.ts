/**
 * loadModel(id) over an in-memory fetch holding a shipped model's files: it
 * loads verified; a missing file, a corrupt byte or a spec hash for another
 * spec are refused with an Error naming the file and the problem.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '../../../src/lib/video-nn/models';
import { useCpu } from '../models/helpers';

beforeAll(useCpu);

const ID = 'motion_slow_fusion';
const original = Object.fromEntries(
  ['manifest.json', 'model.json', 'weights.bin'].map((f) => [`/weights/${ID}/${f}`, new Uint8Array(readFileSync(`public/weights/${ID}/${f}`))]),
);

/** A fetch answering from `files`, 404 otherwise; records the URLs asked for. */
function memoryFetch(files: Record<string, Uint8Array>, asked: string[] = []): typeof fetch {
  return (async (input: string | URL | Request) => {
    const url = String(input);
    asked.push(url);
    const body = files[url];
    return body ? new Response(body.slice(), { status: 200 }) : new Response('not here', { status: 404 });
  }) as typeof fetch;
}

const edit = (url: string, change: (bytes: Uint8Array) => Uint8Array) => ({ ...original, [url]: change(original[url]!.slice()) });

describe('loadModel', () => {
  it('fetches manifest, model.json and the shard from the base URL and returns the model and manifest', async () => {
    const asked: string[] = [];
    const { model, manifest, entry } = await loadModel(ID, { fetch: memoryFetch(original, asked) });
    try {
      expect(asked).toEqual([`/weights/${ID}/manifest.json`, `/weights/${ID}/model.json`, `/weights/${ID}/weights.bin`]);
      expect(manifest.modelId).toBe(ID);
      expect(entry.id).toBe(ID);
      expect(model.spec.id).toBe(ID);
      expect(model.countParams()).toBe(manifest.params);
    } finally {
      model.dispose();
    }
  });

  it('honours baseUrl', async () => {
    const files = Object.fromEntries(Object.entries(original).map(([k, v]) => [k.replace('/weights/', 'https://cdn.example/w/'), v]));
    const { model } = await loadModel(ID, { baseUrl: 'https://cdn.example/w', fetch: memoryFetch(files) });
    model.dispose();
  });

  it('refuses a missing file (404) or a network error, naming the file', async () => {
    const { [`/weights/${ID}/weights.bin`]: _, ...noShard } = original;
    await expect(loadModel(ID, { fetch: memoryFetch(noShard) })).rejects.toThrow(`/weights/${ID}/weights.bin: not found (HTTP 404)`);
    await expect(loadModel('no_such_model', { fetch: memoryFetch(original) })).rejects.toThrow('/weights/no_such_model/manifest.json: not found (HTTP 404)');
    const offline = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    await expect(loadModel(ID, { fetch: offline })).rejects.toThrow(`/weights/${ID}/manifest.json: could not fetch (fetch failed)`);
  });

  it('refuses a shard with one flipped byte, naming the file', async () => {
    const files = edit(`/weights/${ID}/weights.bin`, (b) => {
      b[100]! ^= 0x01;
      return b;
    });
    await expect(loadModel(ID, { fetch: memoryFetch(files) })).rejects.toThrow(new RegExp(`^/weights/${ID}/weights\\.bin: checksum mismatch \\(SHA-256 [0-9a-f]{64}, expected a6d907ae`));
  });

  it('refuses a manifest recorded for another spec, naming the manifest', async () => {
    const files = edit(`/weights/${ID}/manifest.json`, (b) => {
      const manifest = JSON.parse(new TextDecoder().decode(b)) as { specHash: string };
      manifest.specHash = 'f'.repeat(64);
      return new TextEncoder().encode(JSON.stringify(manifest));
    });
    await expect(loadModel(ID, { fetch: memoryFetch(files) })).rejects.toThrow(`/weights/${ID}/manifest.json: spec hash mismatch`);
  });

  it('refuses a manifest for another model than the id asked for', async () => {
    const files = Object.fromEntries(Object.entries(original).map(([k, v]) => [k.replace(ID, 'motion_single_frame'), v]));
    await expect(loadModel('motion_single_frame', { fetch: memoryFetch(files) })).rejects.toThrow(
      `/weights/motion_single_frame/manifest.json: is for model "${ID}", not "motion_single_frame"`,
    );
  });
});
