import { beforeAll, describe, expect, it } from 'vitest';
import { tubeletEmbed, tubeletGrid } from '../../../src/lib/video-nn/layers/tubeletEmbed';
import { tubeletEmbedPlain } from '../../../src/lib/video-nn/layers/reference/tubelet';
import { expectNoLeak, maxError, random, record, reportErrors, tf, useCpu } from './helpers';

reportErrors();
beforeAll(useCpu);

describe('tubeletEmbed', () => {
  it('counts tokens: 16×224×224 with 2×16×16 tubes gives 8×14×14 = 1,568', () => {
    expect(tubeletGrid([16, 224, 224], [2, 16, 16])).toEqual({ grid: [8, 14, 14], tokens: 1568, dropped: [0, 0, 0] });
    expect(tubeletGrid([9, 10, 10], [2, 4, 4])).toEqual({ grid: [4, 2, 2], tokens: 16, dropped: [1, 2, 2] });
    expect(() => tubeletGrid([1, 8, 8], [2, 4, 4])).toThrow(/does not fit/);
  });

  it('matches the plain loop (also with a remainder that is dropped)', () => {
    for (const [i, shape] of [[2, 4, 8, 8, 3], [1, 5, 6, 7, 2]].entries()) {
      const x = random<tf.Rank.R5>(shape, 400 + i);
      const kernel = random<tf.Rank.R5>([2, 4, 4, shape[4]!, 6], 410 + i);
      const bias = random<tf.Rank.R1>([6], 420 + i);
      const tokens = tubeletEmbed(x.tensor, kernel.tensor, bias.tensor);
      expect(record('tubeletEmbed', maxError(tokens, tubeletEmbedPlain(x.plain, kernel.plain, bias.plain.data)))).toBeLessThanOrEqual(1e-5);
      tf.dispose([x.tensor, kernel.tensor, bias.tensor, tokens]);
    }
  });

  it('hand-worked: summing 1×2×2 tubes of a 2×2×4 clip into token order (t, y, x)', () => {
    // Frame 0 columns hold 1 2 3 4 in both rows, frame 1 holds 10 20 30 40.
    const x = tf.tensor5d([1, 2, 3, 4, 1, 2, 3, 4, 10, 20, 30, 40, 10, 20, 30, 40], [1, 2, 2, 4, 1]);
    const sum = tf.ones([1, 2, 2, 1, 1]) as tf.Tensor5D;
    const tokens = tubeletEmbed(x, sum, tf.tensor1d([0.5]));
    expect(tokens.shape).toEqual([1, 4, 1]);
    expect(Array.from(tokens.dataSync())).toEqual([6.5, 14.5, 60.5, 140.5]);
    tf.dispose([x, sum, tokens]);
  });

  it('names expected and actual shapes on a wrong input', () => {
    const x = tf.zeros([1, 4, 8, 8, 3]) as tf.Tensor5D;
    const kernel = tf.zeros([2, 4, 4, 2, 6]) as tf.Tensor5D;
    expect(() => tubeletEmbed(x, kernel)).toThrow('tubeletEmbed: input should have shape [N, T, H, W, 2], got [1, 4, 8, 8, 3]');
    const k3 = tf.zeros([2, 4, 4, 3, 6]) as tf.Tensor5D;
    expect(() => tubeletEmbed(x, k3, tf.zeros([5]) as tf.Tensor1D)).toThrow('tubeletEmbed: bias should have shape [6], got [5]');
    tf.dispose([x, kernel, k3]);
  });

  it('leaks no tensors', () => {
    const x = random<tf.Rank.R5>([1, 4, 8, 8, 3], 430).tensor;
    const kernel = random<tf.Rank.R5>([2, 4, 4, 3, 6], 431).tensor;
    const bias = random<tf.Rank.R1>([6], 432).tensor;
    expectNoLeak(() => tubeletEmbed(x, kernel, bias));
    tf.dispose([x, kernel, bias]);
  });
});
