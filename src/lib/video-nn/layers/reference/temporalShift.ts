/**
 * Plain-loop TSM shift on [N, T, H, W, C]: channel c < fold reads frame t + 1,
 * fold ≤ c < 2·fold reads frame t − 1, the rest read frame t; out of range reads 0.
 */
import type { PlainTensor } from './tensor';

export function temporalShiftPlain(x: PlainTensor, foldDiv = 8): PlainTensor {
  const [N, T, H, W, C] = x.shape as [number, number, number, number, number];
  const fold = Math.floor(C / foldDiv);
  const out = new Float32Array(x.data.length);
  for (let n = 0; n < N; n++)
    for (let t = 0; t < T; t++)
      for (let y = 0; y < H; y++)
        for (let i = 0; i < W; i++)
          for (let c = 0; c < C; c++) {
            const from = c < fold ? t + 1 : c < 2 * fold ? t - 1 : t;
            if (from < 0 || from >= T) continue;
            out[(((n * T + t) * H + y) * W + i) * C + c] = x.data[(((n * T + from) * H + y) * W + i) * C + c]!;
          }
  return { shape: [...x.shape], data: out };
}
