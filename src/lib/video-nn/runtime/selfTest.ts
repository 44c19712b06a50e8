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

export interface ModelSelfTestResult {
  modelId: string;
  /** The tfjs backend it ran on. */
  backend: string;
  params: number;
  /** Output of the one fixed clip (batch dimension dropped). */
  outputShape: number[];
  output: number[];
  /** Median milliseconds per forward pass over the timed runs (after one warm-up). */
  millis: number;
}

/**
 * Builds the tiny self-test model (models/selfTestModel.ts, fixed seed), runs it
 * on a fixed seeded clip on the active backend and returns its output, so a page
 * can compare WebGL or WASM with the CPU (see `maxOutputDifference`). The model
 * code is imported on demand, like tfjs itself. `tf` must be the tfjs-core
 * instance the library uses (the page's dynamic import of it).
 */
export async function modelSelfTest(tf: typeof TF, runs = 3): Promise<ModelSelfTestResult> {
  const [{ build }, { selfTestSpec, SELF_TEST_SEED }] = await Promise.all([import('../models/model'), import('../models/selfTestModel')]);
  const model = build(selfTestSpec(), { seed: SELF_TEST_SEED });
  const [t, h, w, c] = model.inputShape;
  const clip = tf.tensor5d(seededValues(t * h * w * c, 11), [1, t, h, w, c]);
  try {
    const times: number[] = [];
    let output: number[] = [];
    let shape: number[] = [];
    for (let i = 0; i <= runs; i++) {
      const start = performance.now();
      const out = model.predict(clip);
      const data = await out.data();
      if (i > 0) times.push(performance.now() - start);
      output = Array.from(data);
      shape = out.shape.slice(1);
      out.dispose();
    }
    times.sort((a, b) => a - b);
    const millis = times.length ? times[Math.floor(times.length / 2)]! : 0;
    return { modelId: model.spec.id, backend: tf.getBackend(), params: model.countParams(), outputShape: shape, output, millis };
  } finally {
    clip.dispose();
    model.dispose();
  }
}

/** Largest |a − b| between two self-test outputs (e.g. WebGL against CPU). */
export function maxOutputDifference(a: ModelSelfTestResult, b: ModelSelfTestResult): number {
  if (a.output.length !== b.output.length) throw new Error(`maxOutputDifference: outputs differ in size (${a.output.length} vs ${b.output.length})`);
  return a.output.reduce((max, v, i) => Math.max(max, Math.abs(v - b.output[i]!)), 0);
}
