/**
 * Every shipped model (public/weights/<id>/manifest.json): its weights load
 * with every checksum and the spec hash verified, and on a freshly regenerated
 * held-out set from the manifest's test seed it reaches the manifest accuracy
 * minus 3 points, or stays within 10 points of chance (the single-frame model
 * on motion direction, which must fail). A corrupt shard or
 * a mismatched spec is refused with a message naming the file.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTrained } from '../../../scripts/train/manifest';
import { useCpu } from '../models/helpers';
import { classifierIds, itReachesRecordedAccuracy, ROOT, shipped } from './shippedCheck';

beforeAll(useCpu);

describe('shipped weights', () => {
  it('ships the motion-direction pair', () => {
    expect(shipped).toEqual(expect.arrayContaining(['motion_single_frame', 'motion_slow_fusion']));
  });

  // Detectors: tests/unit/detection/; temporal streams (flow input): shippedTwoStream.test.ts.
  itReachesRecordedAccuracy(classifierIds(false));
});

describe('refusing damaged files', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vnn-weights-'));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  const source = shipped[0];

  it.skipIf(!source)('refuses a shard with one flipped byte, naming the file', async () => {
    const copy = join(dir, 'corrupt');
    await cp(join(ROOT, source!), copy, { recursive: true });
    const shardPath = join(copy, 'weights.bin');
    const bytes = await readFile(shardPath);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x40;
    await writeFile(shardPath, bytes);
    await expect(loadTrained(copy)).rejects.toThrow(/weights\.bin: checksum mismatch .*refusing to load it/);
  });

  it.skipIf(!source)('refuses weights recorded for another spec, naming the manifest', async () => {
    const copy = join(dir, 'spec');
    await cp(join(ROOT, source!), copy, { recursive: true });
    const manifestPath = join(copy, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { specHash: string };
    manifest.specHash = '0'.repeat(64);
    await writeFile(manifestPath, JSON.stringify(manifest));
    await expect(loadTrained(copy)).rejects.toThrow(/manifest\.json: spec hash mismatch/);
  });
});
