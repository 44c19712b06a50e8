/**
 * Plain-loop 3-D convolution with zero padding, stride and bias: the extension
 * of `conv3dReference` that the tfjs `conv3d` wrapper is checked against.
 * Input N×T×H×W×Cin, filter kT×kH×kW×Cin×Cout (tfjs layout), cross-correlation.
 * A tap that falls in the padding reads zero, which is what padding means.
 */
import type { PlainTensor } from './tensor';

export interface Conv3dReferenceOptions {
  /** Steps along T, H, W. */
  stride?: [number, number, number];
  /** Zeros before and after each of T, H, W. */
  padding?: [[number, number], [number, number], [number, number]];
  /** One value per output channel, added to every output. */
  bias?: Float32Array | undefined;
}

export function conv3dPlain(input: PlainTensor, filter: PlainTensor, options: Conv3dReferenceOptions = {}): PlainTensor {
  const [N, T, H, W, C] = input.shape as [number, number, number, number, number];
  const [kt, kh, kw, cin, cout] = filter.shape as [number, number, number, number, number];
  if (cin !== C) throw new Error(`conv3dPlain: filter expects ${cin} input channels, input has ${C}`);
  const [st, sh, sw] = options.stride ?? [1, 1, 1];
  const [[pt0, pt1], [ph0, ph1], [pw0, pw1]] = options.padding ?? [[0, 0], [0, 0], [0, 0]];
  const oT = Math.floor((T + pt0 + pt1 - kt) / st) + 1;
  const oH = Math.floor((H + ph0 + ph1 - kh) / sh) + 1;
  const oW = Math.floor((W + pw0 + pw1 - kw) / sw) + 1;
  if (oT < 1 || oH < 1 || oW < 1) throw new Error('conv3dPlain: kernel larger than the padded input');
  const out = new Float32Array(N * oT * oH * oW * cout);
  for (let n = 0; n < N; n++)
    for (let t = 0; t < oT; t++)
      for (let y = 0; y < oH; y++)
        for (let x = 0; x < oW; x++)
          for (let o = 0; o < cout; o++) {
            let sum = options.bias ? options.bias[o]! : 0;
            for (let dt = 0; dt < kt; dt++) {
              const it = t * st + dt - pt0;
              if (it < 0 || it >= T) continue;
              for (let dy = 0; dy < kh; dy++) {
                const iy = y * sh + dy - ph0;
                if (iy < 0 || iy >= H) continue;
                for (let dx = 0; dx < kw; dx++) {
                  const ix = x * sw + dx - pw0;
                  if (ix < 0 || ix >= W) continue;
                  for (let c = 0; c < C; c++) {
                    const v = input.data[(((n * T + it) * H + iy) * W + ix) * C + c]!;
                    const f = filter.data[(((dt * kh + dy) * kw + dx) * cin + c) * cout + o]!;
                    sum += v * f;
                  }
                }
              }
            }
            out[(((n * oT + t) * oH + y) * oW + x) * cout + o] = sum;
          }
  return { shape: [N, oT, oH, oW, cout], data: out };
}
