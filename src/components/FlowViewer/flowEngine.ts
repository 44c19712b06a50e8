/**
 * The viewer's TensorFlow.js side, imported only when the viewer is about to be
 * seen: the shared runtime (WebGL, else WASM, else CPU), the library's TV-L1
 * flow on a pair of frames, and the generated clips. Every tensor made here is
 * released before `compute` returns; it reports tf.memory().numTensors after
 * each pair so a test (and a curious reader's console) can see that nothing leaks.
 */
import { getRuntime } from '../shared/tfRuntime';
import { BACKEND_LABELS, type BackendName, type Runtime } from '../../lib/video-nn/runtime/backend';
import { flowField, opticalFlow, type FlowOptions } from '../../lib/video-nn/flow/tvl1';
import type { FlowField } from '../../lib/video-nn/flow/field';
import { somethingLite } from '../../lib/video-nn/data/somethingLite';
import type { Frames } from './decode';
import { CLIP_FPS, CLIP_FRAMES } from './state';

export interface FlowResult {
  field: FlowField;
  /** Wall time of the flow and its read-back, milliseconds. */
  ms: number;
  /** Live tensors after the pair was computed and everything released. */
  tensors: number;
}

export class FlowEngine {
  private constructor(private readonly runtime: Runtime) {}

  static async start(): Promise<FlowEngine> {
    return new FlowEngine(await getRuntime());
  }

  get backend(): BackendName {
    return this.runtime.backend;
  }

  get backendLabel(): string {
    return BACKEND_LABELS[this.runtime.backend];
  }

  /** Why better backends were passed over, in words ("WebGL is not available in this browser"), if any were. */
  get fallbackReasons(): string[] {
    return this.runtime.attempts.filter((a) => !a.ok).map((a) => a.reason ?? `${BACKEND_LABELS[a.backend]} failed to start`);
  }

  /** Flow from frame a to frame b (same size), read back as a plain field. */
  async compute(a: ImageData, b: ImageData, options: FlowOptions): Promise<FlowResult> {
    const { tf } = this.runtime;
    const start = performance.now();
    const flow = tf.tidy(() => opticalFlow(rgbTensor(tf, a), rgbTensor(tf, b), options));
    let field: FlowField;
    try {
      field = await flowField(flow);
    } finally {
      flow.dispose();
    }
    return { field, ms: performance.now() - start, tensors: tf.memory().numTensors };
  }
}

/** RGBA bytes → H×W×3 floats in [0, 1], the frames opticalFlow takes. */
function rgbTensor(tf: Runtime['tf'], image: ImageData) {
  const { width, height, data } = image;
  const rgb = new Float32Array(width * height * 3);
  for (let i = 0, j = 0; i < data.length; i += 4, j += 3) {
    rgb[j] = data[i]! / 255;
    rgb[j + 1] = data[i + 1]! / 255;
    rgb[j + 2] = data[i + 2]! / 255;
  }
  return tf.tensor3d(rgb, [height, width, 3]);
}

/** A Something-Something-lite clip of one class, rendered at `size`×`size`, as RGBA frames. */
export function generatedClip(seed: number, label: number, size: number): Frames & { className: string } {
  const clip = somethingLite({ seed, frames: CLIP_FRAMES, size }).sample(seed, label);
  const [frames, h, w] = clip.shape;
  const out: ImageData[] = [];
  for (let t = 0; t < frames; t++) {
    const image = new ImageData(w, h);
    const base = t * h * w * 3;
    for (let p = 0; p < h * w; p++) {
      for (let c = 0; c < 3; c++) image.data[4 * p + c] = Math.round(255 * clip.data[base + 3 * p + c]!);
      image.data[4 * p + 3] = 255;
    }
    out.push(image);
  }
  return { width: w, height: h, frames: out, times: out.map((_, t) => t / CLIP_FPS), className: clip.className };
}
