/** Plain-loop 3-D max pooling on [N, T, H, W, C]; padded cells are skipped. */
import type { PlainTensor } from './tensor';

export function maxPool3dPlain(
  x: PlainTensor,
  window: [number, number, number],
  stride: [number, number, number] = window,
  padding: [[number, number], [number, number], [number, number]] = [[0, 0], [0, 0], [0, 0]],
): PlainTensor {
  const [N, T, H, W, C] = x.shape as [number, number, number, number, number];
  const [kt, kh, kw] = window;
  const [st, sh, sw] = stride;
  const [[pt0, pt1], [ph0, ph1], [pw0, pw1]] = padding;
  const oT = Math.floor((T + pt0 + pt1 - kt) / st) + 1;
  const oH = Math.floor((H + ph0 + ph1 - kh) / sh) + 1;
  const oW = Math.floor((W + pw0 + pw1 - kw) / sw) + 1;
  const out = new Float32Array(N * oT * oH * oW * C);
  for (let n = 0; n < N; n++)
    for (let t = 0; t < oT; t++)
      for (let y = 0; y < oH; y++)
        for (let i = 0; i < oW; i++)
          for (let c = 0; c < C; c++) {
            let best = -Infinity;
            for (let a = 0; a < kt; a++)
              for (let b = 0; b < kh; b++)
                for (let d = 0; d < kw; d++) {
                  const [it, iy, ix] = [t * st + a - pt0, y * sh + b - ph0, i * sw + d - pw0];
                  if (it < 0 || it >= T || iy < 0 || iy >= H || ix < 0 || ix >= W) continue;
                  best = Math.max(best, x.data[(((n * T + it) * H + iy) * W + ix) * C + c]!);
                }
            out[(((n * oT + t) * oH + y) * oW + i) * C + c] = best;
          }
  return { shape: [N, oT, oH, oW, C], data: out };
}
