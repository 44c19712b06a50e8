// The training script's faster CPU kernels must give exactly tfjs's own results.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { collapse, fastBinary, repeatingOperand, sumLeading } from '../../../scripts/train/fastCpuKernels';

function randomTensor(shape: number[], seed: number): tf.Tensor {
  return tf.randomUniform(shape, -1, 1, 'float32', seed);
}

/** Runs f with tfjs's stock kernels, then with the fast ones installed, and returns both results. */
let stock: Map<string, tf.KernelConfig>;
beforeAll(async () => {
  await tf.setBackend('cpu');
  stock = new Map(['Slice', 'PadV2', 'Add', 'Sub', 'Multiply', 'RealDiv', 'Sum', 'Mean'].map((n) => [n, tf.getKernel(n, 'cpu')!]));
});

function withStock<T>(f: () => T): T {
  const fast = new Map([...stock.keys()].map((n) => [n, tf.getKernel(n, 'cpu')!]));
  for (const [n, k] of stock) { tf.unregisterKernel(n, 'cpu'); tf.registerKernel(k); }
  try { return f(); } finally { for (const [n, k] of fast) { tf.unregisterKernel(n, 'cpu'); tf.registerKernel(k); } }
}

describe('fast CPU kernels', () => {
  beforeAll(async () => {
    const m = await import('../../../scripts/train/fastCpuKernels');
    m.installFastCpuKernels();
    m.installFastBroadcastKernels();
  });

  const cases: [string, () => tf.Tensor][] = [
    ['slice rank 5, inner axes whole', () => tf.slice(randomTensor([2, 5, 6, 7, 3], 1), [0, 1, 1, 0, 0], [2, 3, 4, 7, 3])],
    ['slice rank 5, every axis cut', () => tf.slice(randomTensor([3, 4, 5, 6, 4], 2), [1, 1, 2, 1, 1], [2, 2, 3, 4, 2])],
    ['slice rank 2', () => tf.slice(randomTensor([7, 9], 3), [2, 3], [4, 5])],
    ['slice int32', () => tf.slice(tf.reshape(tf.range(0, 120, 1, 'int32'), [4, 5, 6]), [1, 0, 2], [2, 5, 3])],
    ['pad rank 4 with zeros', () => tf.pad(randomTensor([3, 5, 6, 3], 4) as tf.Tensor4D, [[0, 0], [1, 1], [2, 1], [0, 0]])],
    ['pad rank 4 with a value, every axis', () => tf.pad(randomTensor([2, 3, 4, 2], 5) as tf.Tensor4D, [[1, 0], [0, 2], [1, 1], [1, 2]], 0.5)],
    ['mul by a per-channel vector', () => tf.mul(randomTensor([4, 3, 5, 8], 6), randomTensor([8], 7))],
    ['vector minus a tensor', () => tf.sub(randomTensor([8], 8), randomTensor([4, 3, 5, 8], 9))],
    ['div by [1,1,C]', () => tf.div(randomTensor([6, 2, 5], 10), tf.add(randomTensor([1, 1, 5], 11), 3))],
    ['add a scalar-shaped tensor', () => tf.add(randomTensor([5, 4], 12), randomTensor([1], 13))],
    ['mul with broadcasting on both sides (stock path)', () => tf.mul(randomTensor([4, 1, 3], 14), randomTensor([1, 5, 3], 15))],
    ['sum over leading axes', () => tf.sum(randomTensor([6, 5, 4, 3], 16), [0, 1, 2])],
    ['mean over leading axes, keepDims', () => tf.mean(randomTensor([6, 5, 4], 17), [1, 0], true)],
    ['sum over a middle axis (stock path)', () => tf.sum(randomTensor([6, 5, 4], 18), 1)],
  ];
  for (const [name, f] of cases) {
    it(`${name}: identical to tfjs's kernel`, () => {
      const fast = f();
      const ref = withStock(f);
      expect(fast.shape).toEqual(ref.shape);
      expect(Array.from(fast.dataSync())).toEqual(Array.from(ref.dataSync()));
    });
  }

  it('collapses trailing axes copied whole', () => {
    expect(collapse([2, 5, 6, 3], [2, 7, 8, 3], [0, 1, 1, 0])).toEqual({ inShape: [2, 5, 18], outShape: [2, 7, 24], offsets: [0, 1, 3] });
    expect(collapse([4, 5], [4, 5], [0, 0])).toEqual({ inShape: [20], outShape: [20], offsets: [0] });
  });

  it('recognises which operand repeats', () => {
    expect(repeatingOperand([4, 3, 8], [8])).toBe('b');
    expect(repeatingOperand([1, 8], [4, 3, 8])).toBe('a');
    expect(repeatingOperand([4, 1, 3], [1, 5, 3])).toBeUndefined();
    expect(repeatingOperand([4, 3], [4, 1])).toBeUndefined();
  });

  it('plain-loop helpers compute by hand', () => {
    const out = new Float32Array(4);
    fastBinary((a, b) => a - b, new Float32Array([5, 6, 7, 8]), new Float32Array([1, 2]), true, out);
    expect(Array.from(out)).toEqual([4, 4, 6, 6]);
    const sums = new Float32Array(2);
    sumLeading(new Float32Array([1, 2, 3, 4, 5, 6]), 2, sums);
    expect(Array.from(sums)).toEqual([9, 12]);
  });
});
