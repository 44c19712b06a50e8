/**
 * Plain-loop non-local block (embedded Gaussian, SlowFast's "softmax" form) on
 * [N, T, H, W, C], with an optional max pool before φ and g and an optional
 * inference batch norm after the output projection.
 */
import { batchNormPlain, type PlainBatchNorm } from './batchNorm';
import { maxPool3dPlain } from './maxPool3d';
import type { PlainTensor } from './tensor';

export interface PlainPointwise {
  /** [Cin, Cout] row-major. */
  kernel: PlainTensor;
  bias?: Float32Array;
}

/** rows [L, Cin] → [L, Cout]. */
export function pointwisePlain(rows: Float32Array, count: number, w: PlainPointwise): Float32Array {
  const [cin, cout] = w.kernel.shape as [number, number];
  const out = new Float32Array(count * cout);
  for (let l = 0; l < count; l++)
    for (let o = 0; o < cout; o++) {
      let sum = w.bias ? w.bias[o]! : 0;
      for (let c = 0; c < cin; c++) sum += rows[l * cin + c]! * w.kernel.data[c * cout + o]!;
      out[l * cout + o] = sum;
    }
  return out;
}

export function nonLocalPlain(
  x: PlainTensor,
  w: { theta: PlainPointwise; phi: PlainPointwise; g: PlainPointwise; out: PlainPointwise; norm?: PlainBatchNorm },
  options: { scale?: boolean; poolSize?: [number, number, number] } = {},
): { output: PlainTensor; attention: PlainTensor } {
  const [N, T, H, W, C] = x.shape as [number, number, number, number, number];
  const ci = w.theta.kernel.shape[1]!;
  const L = T * H * W;
  const scale = options.scale ?? true ? 1 / Math.sqrt(ci) : 1;
  const output = new Float32Array(x.data.length);
  let keys = L;
  const attentionAll: number[] = [];
  for (let n = 0; n < N; n++) {
    const clip = x.data.subarray(n * L * C, (n + 1) * L * C);
    const source = options.poolSize ? maxPool3dPlain({ shape: [1, T, H, W, C], data: clip }, options.poolSize) : { data: clip, shape: [1, T, H, W, C] };
    keys = source.shape[1]! * source.shape[2]! * source.shape[3]!;
    const theta = pointwisePlain(clip, L, w.theta);
    const phi = pointwisePlain(source.data, keys, w.phi);
    const g = pointwisePlain(source.data, keys, w.g);
    const mixed = new Float32Array(L * ci);
    for (let l = 0; l < L; l++) {
      const logits = new Float64Array(keys);
      let max = -Infinity;
      for (let m = 0; m < keys; m++) {
        let dot = 0;
        for (let i = 0; i < ci; i++) dot += theta[l * ci + i]! * phi[m * ci + i]!;
        logits[m] = dot * scale;
        max = Math.max(max, logits[m]!);
      }
      let total = 0;
      for (let m = 0; m < keys; m++) total += Math.exp(logits[m]! - max);
      for (let m = 0; m < keys; m++) {
        const a = Math.exp(logits[m]! - max) / total;
        attentionAll.push(a);
        for (let i = 0; i < ci; i++) mixed[l * ci + i]! += a * g[m * ci + i]!;
      }
    }
    let p: PlainTensor = { shape: [L, C], data: pointwisePlain(mixed, L, w.out) };
    if (w.norm) p = batchNormPlain(p, w.norm);
    for (let k = 0; k < L * C; k++) output[n * L * C + k] = clip[k]! + p.data[k]!;
  }
  return { output: { shape: [...x.shape], data: output }, attention: { shape: [N, L, keys], data: Float32Array.from(attentionAll) } };
}
