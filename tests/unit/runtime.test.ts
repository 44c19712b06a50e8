import { describe, expect, it } from 'vitest';
import { loadRuntime } from '../../src/lib/video-nn/runtime/backend';
import { selfTest } from '../../src/lib/video-nn/runtime/selfTest';
import { conv3dReference, seededValues } from '../../src/lib/video-nn/layers/conv3dReference';

describe('conv3dReference', () => {
  it('matches a hand computation', () => {
    // Input 2×2×2×1 holding 1..8; an all-ones 2×2×2 kernel sums them: 36.
    const input = { shape: [2, 2, 2, 1] as [number, number, number, number], data: Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]) };
    const ones = { shape: [2, 2, 2, 1, 1] as [number, number, number, number, number], data: new Float32Array(8).fill(1) };
    expect(Array.from(conv3dReference(input, ones).data)).toEqual([36]);
    // A kernel that picks (t=1, y=0, x=1) minus (t=0, y=0, x=0): 6 − 1 = 5, a temporal-spatial difference.
    const diff = new Float32Array(8);
    diff[0] = -1;
    diff[(1 * 2 + 0) * 2 + 1] = 1;
    expect(Array.from(conv3dReference(input, { ...ones, data: diff }).data)).toEqual([5]);
  });

  it('keeps the time axis: a 3×3×3 kernel on 8×16×16 gives 6×14×14', () => {
    const out = conv3dReference({ shape: [8, 16, 16, 2], data: seededValues(8 * 16 * 16 * 2, 3) }, { shape: [3, 3, 3, 2, 4], data: seededValues(3 * 3 * 3 * 2 * 4, 4) });
    expect(out.shape).toEqual([6, 14, 14, 4]);
  });

  it('rejects mismatched channels and oversized kernels with a message', () => {
    const input = { shape: [2, 2, 2, 1] as [number, number, number, number], data: new Float32Array(8) };
    expect(() => conv3dReference(input, { shape: [1, 1, 1, 3, 1], data: new Float32Array(3) })).toThrow(/3 input channels/);
    expect(() => conv3dReference(input, { shape: [3, 1, 1, 1, 1], data: new Float32Array(3) })).toThrow(/larger than input/);
  });

  it('seeded values are deterministic and in [-1, 1)', () => {
    const a = seededValues(1000, 7);
    expect(Array.from(a)).toEqual(Array.from(seededValues(1000, 7)));
    expect(Math.min(...a)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...a)).toBeLessThan(1);
  });
});

describe('runtime in Node', () => {
  it('skips WebGL with a reason, settles on CPU, and tf.conv3d matches the plain loop to 1e-5', async () => {
    const runtime = await loadRuntime({ order: ['webgl', 'cpu'] });
    expect(runtime.backend).toBe('cpu');
    expect(runtime.attempts[0]).toMatchObject({ backend: 'webgl', ok: false, reason: 'WebGL is not available in this browser' });
    expect(runtime.tf.getBackend()).toBe('cpu');
    const result = await selfTest(runtime.tf, 1);
    expect(result.outputShape).toEqual([6, 14, 14, 8]);
    expect(result.maxError).toBeLessThanOrEqual(1e-5);
    // Memoised: a second call shares the runtime.
    expect(await loadRuntime()).toBe(runtime);
  });
});
