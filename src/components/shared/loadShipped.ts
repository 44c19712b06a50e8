/**
 * What a widget runs before it can use shipped models: the site's TensorFlow.js
 * runtime, then each model's weights with every checksum verified (the
 * library's loadModel). Import this module dynamically, inside a `whenVisible`
 * callback, so tfjs loads only when the widget is about to be seen. Each step
 * is reported, so the widget can show progress; a failure names the step.
 */
import type { LoadedModel } from '../../lib/video-nn/models/loadModel';
import type { Runtime } from '../../lib/video-nn/runtime/backend';

export const WEIGHTS_BASE = `${import.meta.env.BASE_URL.replace(/\/?$/, '/')}weights/`;

export interface LoadStep {
  /** Steps finished so far, out of `total` (TensorFlow.js, then one per model). */
  done: number;
  total: number;
  message: string;
}

export interface ShippedModels {
  runtime: Runtime;
  models: Map<string, LoadedModel>;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Loads tfjs and the models `ids` (with `labels` for the progress messages), one after the other. */
export async function loadShipped(ids: readonly string[], onStep: (step: LoadStep) => void, labels: Record<string, string> = {}): Promise<ShippedModels> {
  const total = ids.length + 1;
  onStep({ done: 0, total, message: 'Loading TensorFlow.js…' });
  let runtime: Runtime;
  let loadModel: typeof import('../../lib/video-nn/models/loadModel').loadModel;
  try {
    const [tfRuntime, loader] = await Promise.all([import('./tfRuntime'), import('../../lib/video-nn/models/loadModel')]);
    runtime = await tfRuntime.getRuntime();
    loadModel = loader.loadModel;
  } catch (error) {
    throw new Error(`Loading TensorFlow.js failed: ${message(error)}`);
  }
  const models = new Map<string, LoadedModel>();
  try {
    for (const [i, id] of ids.entries()) {
      onStep({ done: i + 1, total, message: `Loading and checking the weights of ${labels[id] ?? id} (${i + 1} of ${ids.length})…` });
      try {
        models.set(id, await loadModel(id, { baseUrl: WEIGHTS_BASE }));
      } catch (error) {
        throw new Error(`Loading ${id} failed: ${message(error)}`);
      }
    }
  } catch (error) {
    for (const m of models.values()) m.model.dispose();
    throw error;
  }
  onStep({ done: total, total, message: 'Ready.' });
  return { runtime, models };
}
