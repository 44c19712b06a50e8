/**
 * Image pyramid helpers on H×W tensors (one grey channel): Gaussian blur,
 * halving, centred differences, and resizing a flow field with its vectors.
 * Only rank ≤ 4 ops that every tfjs backend has (conv2d, resizeBilinear,
 * slice, concat).
 */
import * as tf from '@tensorflow/tfjs-core';

function gaussianKernel(sigma: number): number[] {
  const radius = Math.max(1, Math.ceil(3 * sigma));
  const k = Array.from({ length: 2 * radius + 1 }, (_, i) => Math.exp(-((i - radius) ** 2) / (2 * sigma * sigma)));
  const sum = k.reduce((a, b) => a + b, 0);
  return k.map((v) => v / sum);
}

/**
 * Separable Gaussian blur of an H×W image. Zero padding divided by the blurred
 * ones (normalised convolution): edges keep their brightness without a
 * replicate pad, which tfjs does not have.
 */
export function gaussianBlur(image: tf.Tensor2D, sigma: number): tf.Tensor2D {
  if (sigma <= 0) return tf.clone(image);
  const [h, w] = image.shape;
  return tf.tidy(() => {
    const k = gaussianKernel(sigma);
    const kx = tf.tensor4d(k, [1, k.length, 1, 1]);
    const ky = tf.tensor4d(k, [k.length, 1, 1, 1]);
    const blur = (x: tf.Tensor4D): tf.Tensor4D => tf.conv2d(tf.conv2d(x, kx, 1, 'same'), ky, 1, 'same');
    const weight = blur(tf.ones([1, h, w, 1]));
    return tf.reshape(tf.div(blur(tf.reshape(image, [1, h, w, 1])), weight), [h, w]) as tf.Tensor2D;
  });
}

/** Resamples an H×W image to h×w with pixel centres aligned (halfPixelCenters: a 2× shrink averages 2×2 blocks). */
export function resizeImage(image: tf.Tensor2D, h: number, w: number): tf.Tensor2D {
  const [sh, sw] = image.shape;
  return tf.tidy(() => tf.reshape(tf.image.resizeBilinear(tf.reshape(image, [1, sh, sw, 1]) as tf.Tensor4D, [h, w], false, true), [h, w]) as tf.Tensor2D);
}

/** A flow field (H×W×2) resized to h×w, its vectors scaled by the same ratios. */
export function resizeFlow(flow: tf.Tensor3D, h: number, w: number): tf.Tensor3D {
  const [sh, sw] = flow.shape;
  return tf.tidy(() => {
    const resized = tf.reshape(tf.image.resizeBilinear(tf.expandDims(flow, 0) as tf.Tensor4D, [h, w], false, true), [h, w, 2]);
    return tf.mul(resized, tf.tensor1d([w / sw, h / sh])) as tf.Tensor3D;
  });
}

/** Centred differences (I[x+1] − I[x−1]) / 2 along x and y, one-sided at the borders: H×W×2 (∂x, ∂y). */
export function centredGradient(image: tf.Tensor2D): tf.Tensor3D {
  const [h, w] = image.shape;
  return tf.tidy(() => {
    const shifted = (axis: 0 | 1, by: 1 | -1): tf.Tensor2D => {
      const n = axis === 0 ? h : w;
      const size = (len: number): [number, number] => (axis === 0 ? [len, w] : [h, len]);
      const begin = (at: number): [number, number] => (axis === 0 ? [at, 0] : [0, at]);
      // The neighbour by `by`, repeating the edge pixel where it leaves the image.
      const parts = by === 1 ? [tf.slice(image, begin(1), size(n - 1)), tf.slice(image, begin(n - 1), size(1))] : [tf.slice(image, begin(0), size(1)), tf.slice(image, begin(0), size(n - 1))];
      return tf.concat(parts, axis);
    };
    const dx = w > 1 ? tf.mul(tf.sub(shifted(1, 1), shifted(1, -1)), 0.5) : tf.zerosLike(image);
    const dy = h > 1 ? tf.mul(tf.sub(shifted(0, 1), shifted(0, -1)), 0.5) : tf.zerosLike(image);
    return tf.stack([dx, dy], 2) as tf.Tensor3D;
  });
}

/** Grey levels of an H×W×3 (Rec. 601 luma) or H×W frame, as H×W. */
export function toGrey(frame: tf.Tensor2D | tf.Tensor3D): tf.Tensor2D {
  if (frame.rank === 2) return tf.clone(frame as tf.Tensor2D);
  const [h, w, c] = frame.shape as [number, number, number];
  if (c === 1) return tf.reshape(frame, [h, w]);
  if (c !== 3) throw new Error(`opticalFlow: a frame must be H×W×3 or H×W, got ${frame.shape.join('×')}`);
  return tf.tidy(() => tf.sum(tf.mul(frame, tf.tensor1d([0.299, 0.587, 0.114])), 2) as tf.Tensor2D);
}
