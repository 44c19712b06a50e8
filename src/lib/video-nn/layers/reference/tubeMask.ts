/** Plain-loop gather of the visible tokens [N, L, D] → [N, visible, D]. */
import type { PlainTensor } from './tensor';

export function gatherVisiblePlain(tokens: PlainTensor, mask: boolean[]): PlainTensor {
  const [N, L, D] = tokens.shape as [number, number, number];
  const keep: number[] = [];
  for (let l = 0; l < L; l++) if (!mask[l]) keep.push(l);
  const out = new Float32Array(N * keep.length * D);
  for (let n = 0; n < N; n++)
    keep.forEach((l, i) => {
      for (let d = 0; d < D; d++) out[(n * keep.length + i) * D + d] = tokens.data[(n * L + l) * D + d]!;
    });
  return { shape: [N, keep.length, D], data: out };
}
