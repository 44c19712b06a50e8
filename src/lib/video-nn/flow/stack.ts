/**
 * The input of a two-stream network's temporal stream (Simonyan & Zisserman
 * 2014, eq. 1): L consecutive flow fields stacked into 2L channels, u and v
 * interleaved per flow — channel 2k is u of flow k, channel 2k + 1 its v
 * (k = 0…L−1, in time order).
 */
import * as tf from '@tensorflow/tfjs-core';

/**
 * H×W×2 flows → H×W×2L. `subtractMean` removes each field's mean vector (the
 * paper's simple camera-motion compensation). The caller owns the result.
 */
export function stackFlows(flows: readonly tf.Tensor3D[], options: { subtractMean?: boolean } = {}): tf.Tensor3D {
  if (flows.length === 0) throw new Error('stackFlows: no flows given');
  const [h, w] = flows[0]!.shape;
  for (const [k, f] of flows.entries()) {
    if (f.shape[0] !== h || f.shape[1] !== w || f.shape[2] !== 2) throw new Error(`stackFlows: flow ${k} is ${f.shape.join('×')}, expected ${h}×${w}×2`);
  }
  return tf.tidy(() => {
    const fields = options.subtractMean ? flows.map((f) => tf.sub(f, tf.mean(f, [0, 1], true))) : flows;
    return tf.concat(fields as tf.Tensor3D[], 2) as tf.Tensor3D;
  });
}
