// Times models on the active tfjs backend: every tiny variant, and the shipped
// trained models by id. Shared by the Node run (CPU, WASM) and the Chromium
// bundle (WebGL, WASM) of the model benchmark. Weights are seeded, not loaded:
// their values do not change the time of a forward pass.
import type * as TF from '@tensorflow/tfjs-core';
import { TINY_VARIANTS } from '../../src/lib/video-nn/catalogue/tiny';
import { build } from '../../src/lib/video-nn/models/model';
import type { ModelSpec } from '../../src/lib/video-nn/spec/types';
import { findTrainable } from '../../src/lib/video-nn/training/registry';
import { timeForward } from '../../src/lib/video-nn/runtime/timing';

export interface VariantTiming {
  id: string;
  backend: string;
  millis: number | null;
  runs: number;
  error?: string;
}

export interface Timed {
  id: string;
  spec: () => ModelSpec;
}

/** The tiny variants, then the shipped models named by `shippedIds` (their registry specs). */
export function benchModels(shippedIds: readonly string[]): Timed[] {
  const shipped = shippedIds.map((id) => {
    const entry = findTrainable(id);
    if (!entry) throw new Error(`bench: no registry entry for shipped model ${id}`);
    return { id: entry.id, spec: entry.spec };
  });
  return [...TINY_VARIANTS, ...shipped];
}

export async function timeAllVariants(tf: typeof TF, backend: string, models: readonly Timed[] = TINY_VARIANTS): Promise<VariantTiming[]> {
  if (!(await tf.setBackend(backend))) return models.map((v) => ({ id: v.id, backend, millis: null, runs: 0, error: `${backend} unavailable` }));
  await tf.ready();
  const results: VariantTiming[] = [];
  for (const variant of models) {
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
