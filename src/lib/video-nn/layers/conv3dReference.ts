/**
 * A plain-loop 3-D convolution: the independent reference every tfjs conv is
 * checked against. Deliberately naive — correctness by inspection, not speed.
 * Layout as tfjs stores it: input D×H×W×Cin (one clip, T = D), filter
 * kD×kH×kW×Cin×Cout, 'valid' padding, stride 1 (cross-correlation, as in
 * every deep-learning library).
 */
export interface Volume {
  shape: [number, number, number, number];
  data: Float32Array;
}

export function conv3dReference(input: Volume, filter: { shape: [number, number, number, number, number]; data: Float32Array }): Volume {
  const [D, H, W, C] = input.shape;
  const [kd, kh, kw, cin, cout] = filter.shape;
  if (cin !== C) throw new Error(`conv3dReference: filter expects ${cin} input channels, input has ${C}`);
  if (kd > D || kh > H || kw > W) throw new Error(`conv3dReference: kernel ${kd}×${kh}×${kw} is larger than input ${D}×${H}×${W}`);
  const oD = D - kd + 1;
  const oH = H - kh + 1;
  const oW = W - kw + 1;
  const out = new Float32Array(oD * oH * oW * cout);
  for (let t = 0; t < oD; t++)
    for (let y = 0; y < oH; y++)
      for (let x = 0; x < oW; x++)
        for (let o = 0; o < cout; o++) {
          let sum = 0;
          for (let dt = 0; dt < kd; dt++)
            for (let dy = 0; dy < kh; dy++)
              for (let dx = 0; dx < kw; dx++)
                for (let c = 0; c < C; c++) {
                  const v = input.data[(((t + dt) * H + (y + dy)) * W + (x + dx)) * C + c]!;
                  const f = filter.data[(((dt * kh + dy) * kw + dx) * cin + c) * cout + o]!;
                  sum += v * f;
                }
          out[((t * oH + y) * oW + x) * cout + o] = sum;
        }
  return { shape: [oD, oH, oW, cout], data: out };
}

/** Deterministic pseudo-random numbers in [-1, 1) (mulberry32), for self-tests. */
export function seededValues(count: number, seed: number): Float32Array {
  let a = seed >>> 0;
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) / 2 ** 31 - 1;
  }
  return out;
}
