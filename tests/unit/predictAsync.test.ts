// predictSplitAsync gives exactly predictSplit's labels, predictions and loss (the widgets use it so pages stay responsive).
import { describe, expect, it } from 'vitest';
import { motionDirection } from '../../src/lib/video-nn/data/motionDirection';
import { build } from '../../src/lib/video-nn/models/model';
import { c3dTiny } from '../../src/lib/video-nn/spec/tinyTrained';
import { predictSplit } from '../../src/lib/video-nn/training/evaluate';
import { predictSplitAsync } from '../../src/lib/video-nn/training/predictAsync';
import { useCpu } from './models/helpers';

await useCpu();

describe('predictSplitAsync', () => {
  it('matches predictSplit batch for batch and reports progress', async () => {
    const model = build(c3dTiny({ id: 't', title: 't', input: { channels: 3, frames: 8, height: 32, width: 32 }, numClasses: 4 }), { seed: 3 });
    try {
      const dataset = motionDirection({ seed: 11, frames: 8, size: 32, classes: 4 });
      const options = { split: 'test' as const, start: 5, count: 21, batchSize: 8 };
      const progress: number[] = [];
      const a = await predictSplitAsync(model, dataset, { ...options, onProgress: (done) => progress.push(done) });
      const b = predictSplit(model, dataset, options);
      expect([...a.labels]).toEqual([...b.labels]);
      expect([...a.predictions]).toEqual([...b.predictions]);
      expect([...a.probabilities]).toEqual([...b.probabilities]);
      expect(a.loss).toBeCloseTo(b.loss, 6);
      expect(progress).toEqual([8, 16, 21]);
      await expect(predictSplitAsync(model, dataset, { ...options, count: 0 })).rejects.toThrow('count must be a positive integer');
    } finally {
      model.dispose();
    }
  }, 60_000);
});
