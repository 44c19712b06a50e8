/** Plain-loop tubelet embedding: one token per whole tube, (t', y', x') row-major. */
import type { PlainTensor } from './tensor';

export function tubeletEmbedPlain(x: PlainTensor, kernel: PlainTensor, bias?: Float32Array): PlainTensor {
  const [N, T, H, W, C] = x.shape as [number, number, number, number, number];
  const [tt, th, tw, , D] = kernel.shape as [number, number, number, number, number];
  const [gT, gH, gW] = [Math.floor(T / tt), Math.floor(H / th), Math.floor(W / tw)];
  const L = gT * gH * gW;
  const out = new Float32Array(N * L * D);
  for (let n = 0; n < N; n++)
    for (let a = 0; a < gT; a++)
      for (let b = 0; b < gH; b++)
        for (let e = 0; e < gW; e++) {
          const token = (a * gH + b) * gW + e;
          for (let d = 0; d < D; d++) {
            let sum = bias ? bias[d]! : 0;
            for (let i = 0; i < tt; i++)
              for (let j = 0; j < th; j++)
                for (let k = 0; k < tw; k++)
                  for (let c = 0; c < C; c++)
                    sum += x.data[(((n * T + a * tt + i) * H + b * th + j) * W + e * tw + k) * C + c]! * kernel.data[(((i * th + j) * tw + k) * C + c) * D + d]!;
            out[(n * L + token) * D + d] = sum;
          }
        }
  return { shape: [N, L, D], data: out };
}
