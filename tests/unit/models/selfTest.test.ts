/** The model self-test the browser-check page runs on WebGL/WASM and compares with the CPU. */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../../src/lib/video-nn/analysis';
import { selfTestSpec } from '../../../src/lib/video-nn/models/selfTestModel';
import { maxOutputDifference, modelSelfTest } from '../../../src/lib/video-nn/runtime/selfTest';
import { tf, useCpu } from './helpers';

beforeAll(useCpu);

describe('modelSelfTest', () => {
  it('builds the tiny model with a fixed seed, runs the fixed clip, and is reproducible', async () => {
    const before = tf.memory().numTensors;
    const a = await modelSelfTest(tf, 1);
    const b = await modelSelfTest(tf, 1);
    expect(a).toMatchObject({ modelId: 'selftest_tiny', backend: tf.getBackend(), params: analyze(selfTestSpec()).totals.params, outputShape: [5] });
    expect(a.output).toHaveLength(5);
    expect(a.output.every(Number.isFinite)).toBe(true);
    expect(new Set(a.output).size).toBe(5); // not a degenerate constant output
    expect(maxOutputDifference(a, b)).toBe(0);
    expect(a.millis).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before);
    console.log(`model self-test on ${a.backend} (${a.params} params): [${a.output.map((v) => v.toFixed(5)).join(', ')}] in ${a.millis.toFixed(1)} ms`);
  });
});
