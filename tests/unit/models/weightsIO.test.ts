/** Weight files: flat round trip, model.json + shard with SHA-256, refusal of corrupt or mismatched files. */
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  build,
  exportWeights,
  importWeights,
  loadWeightsFromUrl,
  sha256Hex,
  weightsFromFlat,
  weightsToFlat,
  type WeightsFile,
} from '../../../src/lib/video-nn/models';
import { small3dCnn } from '../../../src/lib/video-nn/spec';
import { randomClip, randomiseWeights, tf, useCpu } from './helpers';

beforeAll(useCpu);

const input = { channels: 3, frames: 4, height: 16, width: 16 };
const spec = () => small3dCnn({ width: 4, input });

function output(model: ReturnType<typeof build>, x: tf.Tensor): number[] {
  const y = model.predict(x);
  const values = Array.from(y.dataSync());
  y.dispose();
  return values;
}

describe('weights I/O', () => {
  it('sha256Hex is SHA-256 (WebCrypto agrees with node:crypto)', async () => {
    const bytes = new TextEncoder().encode('video-nn');
    expect(await sha256Hex(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(await sha256Hex(new Uint8Array())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('a flat Float32Array round trip restores every weight, running statistics included', () => {
    const a = build(spec(), { seed: 1 });
    randomiseWeights(a, 41);
    const b = build(spec(), { seed: 2 });
    const { entries, data } = weightsToFlat(a);
    expect(data.length).toBe(a.weights().reduce((n, w) => n + w.shape.reduce((p, d) => p * d, 1), 0));
    expect(entries.find((e) => e.name === 'bn1.runningVar')).toMatchObject({ shape: [4], dtype: 'float32' });
    weightsFromFlat(b, entries, data);
    expect(Array.from(weightsToFlat(b).data)).toEqual(Array.from(data));
    const bad = entries.map((e) => (e.name === 'fc.weight' ? { ...e, shape: [6, 16] } : e));
    expect(() => weightsFromFlat(b, bad, data)).toThrow('weights: "fc.weight" should have shape [16, 6] in small3dcnn, the file has [6, 16]');
    expect(() => weightsFromFlat(b, entries.slice(1), data)).toThrow(/the file lacks 1 weight\(s\) of small3dcnn: conv1.weight/);
    a.dispose();
    b.dispose();
  });

  it('model.json + shard: the loaded model computes what the saved one did', async () => {
    const a = build(spec(), { seed: 1 });
    randomiseWeights(a, 42);
    const { modelJson, shard } = await exportWeights(a, { metadata: { seed: 1 } });
    expect(modelJson.weightsManifest[0]!.paths).toEqual(['weights.bin']);
    expect(modelJson.weightsManifest[0]!.sha256[0]).toBe(createHash('sha256').update(shard).digest('hex'));
    expect(shard.byteLength).toBe(4 * weightsToFlat(a).data.length);
    // Through JSON text, as a file would be.
    const parsed = JSON.parse(JSON.stringify(modelJson)) as WeightsFile;
    const b = build(spec(), { seed: 9 });
    await importWeights(b, parsed, shard.slice());
    const x = randomClip([2, 4, 16, 16, 3], 43);
    expect(output(b, x.tensor)).toEqual(output(a, x.tensor));
    tf.dispose(x.tensor);
    a.dispose();
    b.dispose();
  });

  it('refuses a corrupted shard (checksum), a file for another model, and wrong shapes, leaving the model unchanged', async () => {
    const a = build(spec(), { seed: 1 });
    const { modelJson, shard } = await exportWeights(a);
    const b = build(spec(), { seed: 5 });
    const before = Array.from(weightsToFlat(b).data);
    const corrupt = shard.slice();
    corrupt[100] = corrupt[100]! ^ 0x40;
    await expect(importWeights(b, modelJson, corrupt)).rejects.toThrow(/weights.bin: checksum mismatch \(SHA-256 [0-9a-f]{64}, expected [0-9a-f]{64}\)/);
    await expect(importWeights(b, { ...modelJson, modelId: 'r3d_18' }, shard)).rejects.toThrow('the file is for model "r3d_18", not "small3dcnn"');
    const wider = build(small3dCnn({ width: 8, input }), { seed: 1 });
    await expect(importWeights(wider, { ...modelJson, modelId: 'small3dcnn' }, shard)).rejects.toThrow(/"conv1.weight" should have shape \[3, 3, 3, 3, 8\]/);
    expect(Array.from(weightsToFlat(b).data)).toEqual(before);
    [a, b, wider].forEach((m) => m.dispose());
  });

  it('loadWeightsFromUrl fetches model.json and the shard next to it', async () => {
    const a = build(spec(), { seed: 1 });
    randomiseWeights(a, 44);
    const { modelJson, shard } = await exportWeights(a);
    const files: Record<string, Uint8Array | string> = {
      'https://example.org/weights/small3dcnn/model.json': JSON.stringify(modelJson),
      'https://example.org/weights/small3dcnn/weights.bin': shard,
    };
    const fakeFetch = (async (url: string) => {
      const body = files[url];
      if (body === undefined) return new Response('missing', { status: 404 });
      return new Response(typeof body === 'string' ? body : new Uint8Array(body));
    }) as typeof fetch;
    const b = build(spec(), { seed: 2 });
    await loadWeightsFromUrl(b, 'https://example.org/weights/small3dcnn/model.json', fakeFetch);
    expect(Array.from(weightsToFlat(b).data)).toEqual(Array.from(weightsToFlat(a).data));
    await expect(loadWeightsFromUrl(b, 'https://example.org/weights/other/model.json', fakeFetch)).rejects.toThrow(/could not fetch .*other\/model.json \(HTTP 404\)/);
    a.dispose();
    b.dispose();
  });
});
