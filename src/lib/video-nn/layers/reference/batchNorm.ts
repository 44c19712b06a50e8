/** Plain-loop inference batch norm over the last axis, and ReLU. */
import type { PlainTensor } from './tensor';

export interface PlainBatchNorm {
  scale: Float32Array;
  shift: Float32Array;
  runningMean: Float32Array;
  runningVariance: Float32Array;
  epsilon?: number;
}

export function batchNormPlain(x: PlainTensor, p: PlainBatchNorm): PlainTensor {
  const C = x.shape[x.shape.length - 1]!;
  const eps = p.epsilon ?? 1e-5;
  const out = new Float32Array(x.data.length);
  for (let i = 0; i < x.data.length; i++) {
    const c = i % C;
    out[i] = ((x.data[i]! - p.runningMean[c]!) / Math.sqrt(p.runningVariance[c]! + eps)) * p.scale[c]! + p.shift[c]!;
  }
  return { shape: [...x.shape], data: out };
}

export function reluPlain(x: PlainTensor): PlainTensor {
  return { shape: [...x.shape], data: x.data.map((v) => (v > 0 ? v : 0)) };
}
