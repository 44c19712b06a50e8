/** Plain-loop (2+1)-D conv: spatial conv, optional inference batch norm, ReLU, temporal conv. */
import { batchNormPlain, reluPlain, type PlainBatchNorm } from './batchNorm';
import { conv3dPlain } from './conv3d';
import type { PlainTensor } from './tensor';

export function conv2plus1dPlain(
  x: PlainTensor,
  spatial: PlainTensor,
  temporal: PlainTensor,
  options: { norm?: PlainBatchNorm; stride?: number; spatialPadding?: number; temporalPadding?: number } = {},
): PlainTensor {
  const s = options.stride ?? 1;
  const ps = options.spatialPadding ?? Math.floor(spatial.shape[1]! / 2);
  const pt = options.temporalPadding ?? Math.floor(temporal.shape[0]! / 2);
  let h = conv3dPlain(x, spatial, { stride: [1, s, s], padding: [[0, 0], [ps, ps], [ps, ps]] });
  if (options.norm) h = batchNormPlain(h, options.norm);
  h = reluPlain(h);
  return conv3dPlain(h, temporal, { stride: [s, 1, 1], padding: [[pt, pt], [0, 0], [0, 0]] });
}
