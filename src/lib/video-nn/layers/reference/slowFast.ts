/** Plain-loop SlowFast lateral fusion: time-to-channel and channel concatenation. */
import type { PlainTensor } from './tensor';

/** out[n, t, y, x, j·C + c] = fast[n, t·α + j, y, x, c]. */
export function timeToChannelPlain(fast: PlainTensor, alpha: number): PlainTensor {
  const [N, AT, H, W, C] = fast.shape as [number, number, number, number, number];
  const T = AT / alpha;
  const out = new Float32Array(fast.data.length);
  for (let n = 0; n < N; n++)
    for (let t = 0; t < T; t++)
      for (let y = 0; y < H; y++)
        for (let x = 0; x < W; x++)
          for (let j = 0; j < alpha; j++)
            for (let c = 0; c < C; c++)
              out[(((n * T + t) * H + y) * W + x) * alpha * C + j * C + c] = fast.data[(((n * AT + t * alpha + j) * H + y) * W + x) * C + c]!;
  return { shape: [N, T, H, W, alpha * C], data: out };
}

/** Concatenation along the last axis. */
export function concatChannelsPlain(a: PlainTensor, b: PlainTensor): PlainTensor {
  const ca = a.shape[a.shape.length - 1]!;
  const cb = b.shape[b.shape.length - 1]!;
  const rows = a.data.length / ca;
  const out = new Float32Array(rows * (ca + cb));
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < ca; c++) out[r * (ca + cb) + c] = a.data[r * ca + c]!;
    for (let c = 0; c < cb; c++) out[r * (ca + cb) + ca + c] = b.data[r * cb + c]!;
  }
  return { shape: [...a.shape.slice(0, -1), ca + cb], data: out };
}
