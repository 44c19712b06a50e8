// Times every tiny model variant on the active tfjs backend. Shared by the Node
// run (CPU, WASM) and the Chromium bundle (WebGL, WASM) of the model benchmark.
import type * as TF from '@tensorflow/tfjs-core';
import { TINY_VARIANTS } from '../../src/lib/video-nn/catalogue/tiny';
import { build } from '../../src/lib/video-nn/models/model';
import { timeForward } from '../../src/lib/video-nn/runtime/timing';

export interface VariantTiming {
  id: string;
  backend: string;
  millis: number | null;
  runs: number;
  error?: string;
}

export async function timeAllVariants(tf: typeof TF, backend: string): Promise<VariantTiming[]> {
  if (!(await tf.setBackend(backend))) return TINY_VARIANTS.map((v) => ({ id: v.id, backend, millis: null, runs: 0, error: `${backend} unavailable` }));
  await tf.ready();
  const results: VariantTiming[] = [];
  for (const variant of TINY_VARIANTS) {
    let model;
    try {
      model = build(variant.spec(), { seed: 1 });
      const timing = await timeForward(tf, model, { minRuns: 5, minMillis: 800 });
      results.push({ id: variant.id, backend, millis: timing.millis, runs: timing.runs });
    } catch (error) {
      results.push({ id: variant.id, backend, millis: null, runs: 0, error: String((error as Error)?.message ?? error).split('\n')[0]! });
    } finally {
      model?.dispose();
    }
  }
  return results;
}
