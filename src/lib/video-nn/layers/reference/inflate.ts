/** Plain-loop kernel inflation: w3[t, y, x, i, o] = w2[y, x, i, o] / kT (or centre-only). */
import type { PlainTensor } from './tensor';

export function inflateKernelPlain(w2d: PlainTensor, kt: number, method: 'mean' | 'centre' = 'mean'): PlainTensor {
  const [kh, kw, cin, cout] = w2d.shape as [number, number, number, number];
  const per = kh * kw * cin * cout;
  const out = new Float32Array(kt * per);
  for (let t = 0; t < kt; t++)
    for (let i = 0; i < per; i++) {
      if (method === 'mean') out[t * per + i] = w2d.data[i]! / kt;
      else if (t === (kt - 1) / 2) out[t * per + i] = w2d.data[i]!;
    }
  return { shape: [kt, kh, kw, cin, cout], data: out };
}
