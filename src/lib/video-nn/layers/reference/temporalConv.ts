/** Plain-loop 1-D temporal conv on [N, T, Cin] with kernel [k, Cin, Cout], padding, stride, dilation, bias. */
import type { PlainTensor } from './tensor';

export function conv1dPlain(
  x: PlainTensor,
  kernel: PlainTensor,
  options: { stride?: number; before?: number; after?: number; dilation?: number; bias?: Float32Array } = {},
): PlainTensor {
  const [N, T, C] = x.shape as [number, number, number];
  const [k, , O] = kernel.shape as [number, number, number];
  const { stride = 1, before = 0, after = 0, dilation = 1 } = options;
  const oT = Math.floor((T + before + after - dilation * (k - 1) - 1) / stride) + 1;
  const out = new Float32Array(N * oT * O);
  for (let n = 0; n < N; n++)
    for (let t = 0; t < oT; t++)
      for (let o = 0; o < O; o++) {
        let sum = options.bias ? options.bias[o]! : 0;
        for (let j = 0; j < k; j++) {
          const it = t * stride + j * dilation - before;
          if (it < 0 || it >= T) continue;
          for (let c = 0; c < C; c++) sum += x.data[(n * T + it) * C + c]! * kernel.data[(j * C + c) * O + o]!;
        }
        out[(n * oT + t) * O + o] = sum;
      }
  return { shape: [N, oT, O], data: out };
}
