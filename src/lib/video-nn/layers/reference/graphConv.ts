/** Plain-loop ST-GCN spatial graph convolution: Σ_k Σ_v A[k,v,w] (x[v]·W[k] + b[k]). */
import type { PlainTensor } from './tensor';

export function graphConvPlain(x: PlainTensor, adjacency: PlainTensor, kernel: PlainTensor, bias?: PlainTensor): PlainTensor {
  const [N, T, V, C] = x.shape as [number, number, number, number];
  const [K, , O] = kernel.shape as [number, number, number];
  const out = new Float32Array(N * T * V * O);
  for (let n = 0; n < N; n++)
    for (let t = 0; t < T; t++)
      for (let w = 0; w < V; w++)
        for (let o = 0; o < O; o++) {
          let sum = 0;
          for (let k = 0; k < K; k++)
            for (let v = 0; v < V; v++) {
              const a = adjacency.data[(k * V + v) * V + w]!;
              if (a === 0) continue;
              let projected = bias ? bias.data[k * O + o]! : 0;
              for (let c = 0; c < C; c++) projected += x.data[((n * T + t) * V + v) * C + c]! * kernel.data[(k * C + c) * O + o]!;
              sum += a * projected;
            }
          out[((n * T + t) * V + w) * O + o] = sum;
        }
  return { shape: [N, T, V, O], data: out };
}
