/**
 * Dense optical flow by TV-L1 (Zach, Pock & Bischof 2007), following the
 * IPOL description of Sánchez, Meinhardt-Llopis & Facciolo (2013), which is
 * also what OpenCV's DualTVL1 implements: an L1 data term linearised around
 * the current flow (so brightness outliers and occlusions cost linearly, not
 * quadratically), total-variation smoothness (edges of moving objects stay
 * sharp), solved by alternating a pointwise thresholding step with
 * Chambolle's dual projection; coarse to fine over a Gaussian pyramid, frame 2
 * re-warped towards frame 1 several times per level.
 *
 * Every step is an elementwise tfjs op, a slice, or one gather (the warp), with
 * a fixed number of iterations and no reads back to the CPU, so the same code
 * runs on WebGL, WASM and the CPU backend.
 */
import * as tf from '@tensorflow/tfjs-core';
import { warpByFlow } from './bilinear';
import { centredGradient, gaussianBlur, resizeFlow, resizeImage, toGrey } from './pyramid';

export interface FlowOptions {
  /** Weight of the data term against smoothness (IPOL/OpenCV λ = 0.15 for grey levels 0…255; larger follows the data more, smooths less). */
  lambda?: number;
  /** Coupling between the data and smoothness halves (θ = 0.3). */
  theta?: number;
  /** Dual step (τ = 0.25; ≤ 1/4 for convergence). */
  tau?: number;
  /** Pyramid levels at most (5); fewer when the coarsest side would drop below `minSize`. */
  levels?: number;
  /** Smallest side of the coarsest level, pixels (16). */
  minSize?: number;
  /** Re-warps of frame 2 per level (5). */
  warps?: number;
  /** Iterations per warp (30). */
  iterations?: number;
  /** Median filter the flow after each warp (Wedel et al., Sun et al.: removes outliers at little cost) (true). */
  median?: boolean;
  /**
   * Match textures rather than raw brightness (Wedel et al.'s structure–texture
   * split, with a Gaussian of this σ in pixels as the structure; 0: off, the
   * default). Turn it on when frames differ in exposure or lighting: a 10% gain
   * change costs 4 px of endpoint error without it, 0.08 px with σ = 2, at some
   * cost on clean frames (see docs/library/flow.md).
   */
  textureSigma?: number;
}

export const FLOW_DEFAULTS: Required<FlowOptions> = { lambda: 0.15, theta: 0.3, tau: 0.25, levels: 5, minSize: 16, warps: 5, iterations: 30, median: true, textureSigma: 0 };

/** Blur before each halving (IPOL: 0.6·√(1/z² − 1) for zoom factor z = ½). */
const PYRAMID_SIGMA = 0.6 * Math.sqrt(3);
/** Pre-smoothing of the finest level (IPOL's PRESMOOTHING_SIGMA). */
const PRESMOOTH_SIGMA = 0.8;

/** Sizes of the pyramid, finest first: each level half the one above (rounded up), while both sides stay ≥ minSize. */
export function pyramidSizes(height: number, width: number, levels: number, minSize: number): [number, number][] {
  const sizes: [number, number][] = [[height, width]];
  while (sizes.length < levels) {
    const [h, w] = sizes[sizes.length - 1]!;
    const next: [number, number] = [Math.ceil(h / 2), Math.ceil(w / 2)];
    if (Math.min(...next) < minSize) break;
    sizes.push(next);
  }
  return sizes;
}

/**
 * The TV term's two stencils as 2×2 convolutions over the flow's channels, so
 * one conv2d replaces eight slices and pads (each an element-by-element copy on
 * the CPU backend). Channels: u (H×W×2: u, v) → its gradient (H×W×4: ∂x u,
 * ∂y u, ∂x v, ∂y v); the dual field p has that layout too.
 */
function stencils(h: number, w: number, theta: number, step: number): { gradient: tf.Tensor4D; divergence: tf.Tensor4D; gradientScale: tf.Tensor3D } {
  // Kernel [row][col][in][out]; the forward difference reads (0, 0) and (0, 1) or (1, 0), padded after.
  const g = new Float32Array(2 * 2 * 2 * 4);
  const at = (r: number, c: number, i: number, o: number): number => ((r * 2 + c) * 2 + i) * 4 + o;
  for (let comp = 0; comp < 2; comp++) {
    g[at(0, 0, comp, 2 * comp)] = -1;
    g[at(0, 1, comp, 2 * comp)] = 1;
    g[at(0, 0, comp, 2 * comp + 1)] = -1;
    g[at(1, 0, comp, 2 * comp + 1)] = 1;
  }
  // Divergence p[x] − p[x−1] (zero padding before), scaled by θ for the u update; kernel position (1, 1) is "here".
  const d = new Float32Array(2 * 2 * 4 * 2);
  const dt = (r: number, c: number, i: number, o: number): number => ((r * 2 + c) * 4 + i) * 2 + o;
  for (let comp = 0; comp < 2; comp++) {
    d[dt(1, 1, 2 * comp, comp)] = theta;
    d[dt(1, 0, 2 * comp, comp)] = -theta;
    d[dt(1, 1, 2 * comp + 1, comp)] = theta;
    d[dt(0, 1, 2 * comp + 1, comp)] = -theta;
  }
  // The forward difference is zero across the last column / row (Neumann boundary); τ/θ folded in.
  const scale = new Float32Array(h * w * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      for (let comp = 0; comp < 2; comp++) {
        scale[(y * w + x) * 4 + 2 * comp] = x < w - 1 ? step : 0;
        scale[(y * w + x) * 4 + 2 * comp + 1] = y < h - 1 ? step : 0;
      }
    }
  }
  return { gradient: tf.tensor4d(g, [2, 2, 2, 4]), divergence: tf.tensor4d(d, [2, 2, 4, 2]), gradientScale: tf.tensor3d(scale, [h, w, 4]) };
}

/** The median of each 3×3 neighbourhood (edges repeated), per channel, by a min/max sorting network. */
export function median3x3(x: tf.Tensor3D): tf.Tensor3D {
  const [h, w, c] = x.shape;
  return tf.tidy(() => {
    // Edge-replicating pad by one pixel, built from slices (tfjs pads only with constants).
    const rows = tf.concat([tf.slice(x, [0, 0, 0], [1, w, c]), x, tf.slice(x, [h - 1, 0, 0], [1, w, c])], 0);
    const padded = tf.concat([tf.slice(rows, [0, 0, 0], [h + 2, 1, c]), rows, tf.slice(rows, [0, w - 1, 0], [h + 2, 1, c])], 1);
    const v: tf.Tensor[] = [];
    for (let dy = 0; dy < 3; dy++) for (let dx = 0; dx < 3; dx++) v.push(tf.slice(padded, [dy, dx, 0], [h, w, c]));
    // Paeth's 19-exchange median-of-9 network (as in Devillard's opt_med9).
    const pairs = [[1, 2], [4, 5], [7, 8], [0, 1], [3, 4], [6, 7], [1, 2], [4, 5], [7, 8], [0, 3], [5, 8], [4, 7], [3, 6], [1, 4], [2, 5], [4, 7], [4, 2], [6, 4], [4, 2]] as const;
    for (const [a, b] of pairs) {
      const lo = tf.minimum(v[a]!, v[b]!);
      v[b] = tf.maximum(v[a]!, v[b]!);
      v[a] = lo;
    }
    return v[4] as tf.Tensor3D;
  });
}

/** One level: `warps` × `iterations` TV-L1 steps from the flow `init` (H×W×2). */
function solveLevel(i0: tf.Tensor2D, i1: tf.Tensor2D, init: tf.Tensor3D, o: Required<FlowOptions>): tf.Tensor3D {
  const [h, w] = i0.shape;
  const lt = o.lambda * o.theta;
  const step = o.tau / o.theta;
  return tf.tidy(() => {
    // Frame 2 and its gradient travel together through one gather per warp.
    const i1Stack = tf.concat([tf.expandDims(i1, 2), centredGradient(i1)], 2) as tf.Tensor3D;
    let u = init;
    let p = tf.zeros([h, w, 4]) as tf.Tensor3D;
    const s = stencils(h, w, o.theta, step);
    for (let warp = 0; warp < o.warps; warp++) {
      const next = tf.tidy(() => {
        const warped = warpByFlow(i1Stack, u);
        const i1w = tf.slice(warped, [0, 0, 0], [h, w, 1]);
        const grad = tf.slice(warped, [0, 0, 1], [h, w, 2]);
        // ρ(u) = I1(x + u0) + ∇I1·(u − u0) − I0(x): the linearised residual, ρ = rhoC + ∇I1·u.
        const rhoC = tf.sub(tf.sub(i1w, tf.sum(tf.mul(grad, u), 2, true)), tf.expandDims(i0, 2));
        const negInvGrad2 = tf.div(-1, tf.add(tf.sum(tf.square(grad), 2, true), 1e-9));
        let uk = u;
        let pk = p;
        for (let k = 0; k < o.iterations; k++) {
          const [uNew, pNew] = tf.tidy(() => {
            const rho = tf.add(rhoC, tf.sum(tf.mul(grad, uk), 2, true));
            // The thresholding step in one clip: −ρ/|∇I1|² inside ±λθ, ±λθ outside.
            const vk = tf.add(uk, tf.mul(tf.clipByValue(tf.mul(rho, negInvGrad2), -lt, lt), grad));
            const un = tf.add(vk, tf.reshape(tf.conv2d(tf.reshape(pk, [1, h, w, 4]) as tf.Tensor4D, s.divergence, 1, [[0, 0], [1, 0], [1, 0], [0, 0]]), [h, w, 2])) as tf.Tensor3D;
            // (τ/θ)∇u, then Chambolle's projection p ← (p + (τ/θ)∇u) / (1 + (τ/θ)|∇u|), per component.
            const gs = tf.mul(tf.reshape(tf.conv2d(tf.reshape(un, [1, h, w, 2]) as tf.Tensor4D, s.gradient, 1, [[0, 0], [0, 1], [0, 1], [0, 0]]), [h, w, 4]), s.gradientScale);
            const norm = tf.add(1, tf.sqrt(tf.sum(tf.reshape(tf.square(gs), [h, w, 2, 2]), 3, true)));
            return [un, tf.reshape(tf.div(tf.reshape(tf.add(pk, gs), [h, w, 2, 2]), norm), [h, w, 4]) as tf.Tensor3D];
          });
          if (uk !== u) tf.dispose(uk);
          if (pk !== p) tf.dispose(pk);
          [uk, pk] = [uNew, pNew];
        }
        if (o.median) {
          const filtered = median3x3(uk);
          return [filtered, pk] as const;
        }
        return [uk, pk] as const;
      });
      [u, p] = next;
    }
    return u;
  });
}

/** Grey levels on the 0…255 scale λ's default was tuned for, optionally minus most of their structure (a blur). */
function greyLevels(frame: tf.Tensor2D | tf.Tensor3D, textureSigma: number): tf.Tensor2D {
  return tf.tidy(() => {
    const grey = tf.mul(toGrey(frame), 255) as tf.Tensor2D;
    if (!(textureSigma > 0)) return grey;
    // Wedel et al. keep 5% of the structure (α = 0.95); +0.95·128 keeps the mean near mid-grey.
    return tf.add(tf.sub(grey, tf.mul(gaussianBlur(grey, textureSigma), 0.95)), 0.95 * 128) as tf.Tensor2D;
  });
}

/**
 * Flow from frame 1 to frame 2 (H×W×2: u = x displacement, v = y
 * displacement, pixels): frame1(p) ≈ frame2(p + flow(p)). Frames are H×W×3 or
 * H×W, values in [0, 1], the same size. The caller owns (and disposes) the result;
 * every intermediate tensor is released.
 */
export function opticalFlow(frame1: tf.Tensor2D | tf.Tensor3D, frame2: tf.Tensor2D | tf.Tensor3D, options: FlowOptions = {}): tf.Tensor3D {
  const o = { ...FLOW_DEFAULTS, ...options };
  if (frame1.shape.join() !== frame2.shape.join()) throw new Error(`opticalFlow: frames differ in size: ${frame1.shape.join('×')} and ${frame2.shape.join('×')}`);
  for (const key of ['lambda', 'theta', 'tau', 'levels', 'minSize', 'iterations', 'warps'] as const) {
    if (!(o[key] > 0) || !Number.isFinite(o[key])) throw new Error(`opticalFlow: ${key} must be a positive number, got ${o[key]}`);
  }
  if (!(o.textureSigma >= 0)) throw new Error(`opticalFlow: textureSigma must be 0 or more, got ${o.textureSigma}`);
  const [height, width] = frame1.shape;
  return tf.tidy(() => {
    const i0 = gaussianBlur(greyLevels(frame1, o.textureSigma), PRESMOOTH_SIGMA);
    const i1 = gaussianBlur(greyLevels(frame2, o.textureSigma), PRESMOOTH_SIGMA);
    const sizes = pyramidSizes(height, width, Math.floor(o.levels), Math.min(o.minSize, height, width));
    const pyramid: [tf.Tensor2D, tf.Tensor2D][] = [[i0, i1]];
    for (let l = 1; l < sizes.length; l++) {
      const [h, w] = sizes[l]!;
      const [a, b] = pyramid[l - 1]!;
      pyramid.push([resizeImage(gaussianBlur(a, PYRAMID_SIGMA), h, w), resizeImage(gaussianBlur(b, PYRAMID_SIGMA), h, w)]);
    }
    const [ch, cw] = sizes[sizes.length - 1]!;
    let flow = tf.zeros([ch, cw, 2]) as tf.Tensor3D;
    for (let l = sizes.length - 1; l >= 0; l--) {
      const [h, w] = sizes[l]!;
      if (flow.shape[0] !== h || flow.shape[1] !== w) flow = resizeFlow(flow, h, w);
      flow = solveLevel(pyramid[l]![0], pyramid[l]![1], flow, o);
    }
    return flow;
  });
}

/** H×W×C float data ([0, 1]) as the frame tensor opticalFlow takes. */
export function frameTensor(data: Float32Array, height: number, width: number, channels: 1 | 3): tf.Tensor3D {
  if (data.length !== height * width * channels) throw new Error(`frameTensor: ${height}×${width}×${channels} needs ${height * width * channels} values, got ${data.length}`);
  return tf.tensor3d(data, [height, width, channels]);
}

/** An H×W×2 flow tensor's values as a plain FlowField (reads the tensor back; does not dispose it). */
export async function flowField(flow: tf.Tensor3D): Promise<{ width: number; height: number; data: Float32Array }> {
  const [height, width] = flow.shape;
  return { width, height, data: (await flow.data()) as Float32Array };
}
