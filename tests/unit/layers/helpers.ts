/** Shared helpers for the layer tests: CPU backend, plain ↔ tfjs, leak checks. */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { afterAll, expect } from 'vitest';
import { maxAbsDifference, randomTensor, type PlainTensor } from '../../../src/lib/video-nn/layers/reference/tensor';

export { tf };

/**
 * The CPU backend, or the one named by VNN_TEST_BACKEND (e.g. 'wasm', which
 * also runs in Node), so the same suite can check another backend.
 */
export async function useCpu(): Promise<void> {
  const name = process.env.VNN_TEST_BACKEND ?? 'cpu';
  if (name === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
  if (!(await tf.setBackend(name))) throw new Error(`backend ${name} did not start`);
  await tf.ready();
}

export function toTensor<R extends tf.Rank>(p: PlainTensor): tf.Tensor<R> {
  return tf.tensor(p.data, p.shape as tf.ShapeMap[R]) as tf.Tensor<R>;
}

export function random<R extends tf.Rank>(shape: number[], seed: number, scale = 1): { plain: PlainTensor; tensor: tf.Tensor<R> } {
  const plain = randomTensor(shape, seed, scale);
  return { plain, tensor: toTensor<R>(plain) };
}

/** Max |tfjs − reference|, after checking the shapes agree. */
export function maxError(actual: tf.Tensor, expected: PlainTensor): number {
  expect(actual.shape).toEqual(expected.shape);
  return maxAbsDifference(actual.dataSync(), expected.data);
}

/** Errors measured in a test file, printed once at its end (they go in reports). */
const measured: Record<string, number> = {};
export function record(name: string, error: number): number {
  measured[name] = Math.max(measured[name] ?? 0, error);
  return error;
}
/** Call at the top level of a test file. */
export function reportErrors(): void {
  afterAll(() => {
    const lines = Object.entries(measured).map(([k, v]) => `max |error| ${k}: ${v.toExponential(2)}`);
    if (lines.length) console.log(lines.join('\n'));
  });
}

/** Runs `op` `runs` times, disposing what it returns; the live tensor count must not move. */
export function expectNoLeak(op: () => tf.TensorContainer, runs = 50): void {
  tf.dispose(op()); // warm-up: a backend may allocate once on first use
  const before = tf.memory().numTensors;
  for (let i = 0; i < runs; i++) tf.dispose(op());
  expect(tf.memory().numTensors).toBe(before);
}
