/**
 * Forward-pass timing of a model on the active backend: one warm-up pass (which
 * compiles WebGL shaders and allocates), then passes until both a minimum count
 * and a minimum time are reached; the median is reported. Used by the benchmark
 * in Node and in Chromium alike.
 */
import type * as TF from '@tensorflow/tfjs-core';
import type { VideoModel } from '../models/model';
import { seededValues } from '../layers/conv3dReference';

export interface ForwardTiming {
  /** Median milliseconds per clip (batch of one). */
  millis: number;
  runs: number;
}

export async function timeForward(tf: typeof TF, model: VideoModel, options: { minRuns?: number; minMillis?: number } = {}): Promise<ForwardTiming> {
  const minRuns = options.minRuns ?? 5;
  const minMillis = options.minMillis ?? 1000;
  const [t, h, w, c] = model.inputShape;
  const clip = tf.tensor5d(seededValues(t * h * w * c, 5).map((v) => (v + 1) / 2), [1, t, h, w, c]);
  try {
    const once = async () => {
      const start = performance.now();
      const out = model.predict(clip);
      await out.data(); // waits for the GPU too
      out.dispose();
      return performance.now() - start;
    };
    await once();
    const times: number[] = [];
    let total = 0;
    while (times.length < minRuns || total < minMillis) {
      const ms = await once();
      times.push(ms);
      total += ms;
      if (times.length >= 200) break;
    }
    times.sort((a, b) => a - b);
    return { millis: times[Math.floor(times.length / 2)]!, runs: times.length };
  } finally {
    clip.dispose();
  }
}

/** Achieved throughput in G multiply-accumulates per second. */
export function gmacPerSecond(macs: number, millis: number): number {
  return macs / (millis / 1000) / 1e9;
}
