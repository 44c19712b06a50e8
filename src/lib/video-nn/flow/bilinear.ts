/**
 * Bilinear sampling at arbitrary positions — what PyTorch calls grid_sample and
 * tfjs lacks — from one `tf.gather` of the four neighbours, which the CPU,
 * WebGL and WASM backends all implement. Positions outside the image are
 * clamped to the border (OpenCV's BORDER_REPLICATE), so content leaving the
 * frame repeats the edge instead of turning black.
 */
import * as tf from '@tensorflow/tfjs-core';

/**
 * Samples `image` (H×W×C) at (x, y) (each h×w, pixel units, pixel centres at
 * integer coordinates); returns h×w×C. Must run inside a tidy or be disposed by the caller.
 */
export function bilinearSample(image: tf.Tensor3D, x: tf.Tensor2D, y: tf.Tensor2D): tf.Tensor3D {
  const [height, width, channels] = image.shape;
  if (x.shape.join() !== y.shape.join()) throw new Error(`bilinearSample: x is ${x.shape.join('×')} but y is ${y.shape.join('×')}`);
  const [h, w] = x.shape;
  return tf.tidy(() => {
    const xc = tf.clipByValue(x, 0, width - 1);
    const yc = tf.clipByValue(y, 0, height - 1);
    const x0 = tf.floor(xc);
    const y0 = tf.floor(yc);
    const fx = tf.sub(xc, x0);
    const fy = tf.sub(yc, y0);
    // The +1 neighbours are clamped too: at the last column fx is 0, so its value never counts.
    const x1 = tf.minimum(tf.add(x0, 1), width - 1);
    const y1 = tf.minimum(tf.add(y0, 1), height - 1);
    const row0 = tf.mul(y0, width);
    const row1 = tf.mul(y1, width);
    // Indices stay exact in float32 below 2^24 pixels.
    const index = tf.cast(tf.stack([tf.add(row0, x0), tf.add(row0, x1), tf.add(row1, x0), tf.add(row1, x1)]), 'int32');
    const corners = tf.reshape(tf.gather(tf.reshape(image, [height * width, channels]), tf.reshape(index, [-1])), [4, h, w, channels]);
    const gx = tf.sub(1, fx);
    const gy = tf.sub(1, fy);
    const weights = tf.expandDims(tf.stack([tf.mul(gx, gy), tf.mul(fx, gy), tf.mul(gx, fy), tf.mul(fx, fy)]), 3);
    return tf.sum(tf.mul(corners, weights), 0) as tf.Tensor3D;
  });
}

/** Pixel-centre coordinates of an h×w grid: x = column, y = row. */
export function pixelGrid(h: number, w: number): { x: tf.Tensor2D; y: tf.Tensor2D } {
  return tf.tidy(() => ({
    x: tf.tile(tf.reshape(tf.range(0, w, 1, 'float32'), [1, w]), [h, 1]) as tf.Tensor2D,
    y: tf.tile(tf.reshape(tf.range(0, h, 1, 'float32'), [h, 1]), [1, w]) as tf.Tensor2D,
  }));
}

/**
 * Backward warp: out(p) = image(p + flow(p)). With flow from frame 1 to frame 2,
 * warping frame 2 gives frame 1 where the flow is right. flow is H×W×2 (u, v).
 */
export function warpByFlow(image: tf.Tensor3D, flow: tf.Tensor3D): tf.Tensor3D {
  const [h, w] = flow.shape;
  return tf.tidy(() => {
    const grid = pixelGrid(h, w);
    const [u, v] = tf.unstack(flow, 2) as [tf.Tensor2D, tf.Tensor2D];
    return bilinearSample(image, tf.add(grid.x, u), tf.add(grid.y, v));
  });
}
