/**
 * A backend self-test: a real 3-D convolution on the active backend, compared
 * with the plain-loop reference. Tells a reader (and the tests) that the numbers
 * this browser computes are right, and roughly how fast.
 */
import type * as TF from '@tensorflow/tfjs-core';
import { conv3dReference, seededValues } from '../layers/conv3dReference';

export interface SelfTestResult {
  /** Largest |tfjs − reference| over every output value. */
  maxError: number;
  /** Median milliseconds per convolution over the timed runs (after one warm-up). */
  millis: number;
  outputShape: number[];
}

const INPUT: [number, number, number, number] = [8, 16, 16, 3];
const FILTER: [number, number, number, number, number] = [3, 3, 3, 3, 8];

export async function selfTest(tf: typeof TF, runs = 5): Promise<SelfTestResult> {
  const inputData = seededValues(INPUT.reduce((a, b) => a * b), 1);
  const filterData = seededValues(FILTER.reduce((a, b) => a * b), 2);
  const reference = conv3dReference({ shape: INPUT, data: inputData }, { shape: FILTER, data: filterData });
  const input = tf.tensor5d(inputData, [1, ...INPUT]);
  const filter = tf.tensor5d(filterData, FILTER);
  try {
    const times: number[] = [];
    let values: Float32Array | undefined;
    let shape: number[] = [];
    for (let i = 0; i <= runs; i++) {
      const start = performance.now();
      const out = tf.conv3d(input, filter, [1, 1, 1], 'valid');
      const data = (await out.data()) as Float32Array;
      if (i > 0) times.push(performance.now() - start);
      values = data;
      shape = out.shape.slice(1);
      out.dispose();
    }
    let maxError = 0;
    reference.data.forEach((v, i) => {
      maxError = Math.max(maxError, Math.abs(v - values![i]!));
    });
    times.sort((a, b) => a - b);
    return { maxError, millis: times[Math.floor(times.length / 2)]!, outputShape: shape };
  } finally {
    input.dispose();
    filter.dispose();
  }
}
