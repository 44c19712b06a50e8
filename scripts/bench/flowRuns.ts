// Runs one method over the benchmark's frame pairs at one size and times it:
// our TV-L1 on the active tfjs backend, or OpenCV.js's Farnebäck. Bundled into
// the flow benchmark's Chromium page. A run's clock covers what a caller pays
// per frame pair: the 8-bit RGB frames in, the flow read back out as floats.
import type * as TF from '@tensorflow/tfjs-core';
import { flowErrors } from '../../src/lib/video-nn/flow/metrics';
import { opticalFlow, type FlowOptions } from '../../src/lib/video-nn/flow/tvl1';
import { FARNEBACK, type BenchPair } from './flowCases';

export interface CaseResult {
  motion: string;
  texture: string;
  epe: number;
  aae: number;
  /** Mean length of the true flow over the same pixels, for scale. */
  truthMagnitude: number;
}

export interface FlowRun {
  /** Median milliseconds per frame pair over the timed calls (the warm-up excluded). */
  millis: number;
  runs: number;
  /** Every timed call, milliseconds. */
  times: number[];
  /**
   * With a reference method: the median over timed calls of this call's time
   * divided by the reference's on the same pair, timed right after it, so both
   * see the same machine load.
   */
  ratio?: number;
  /** Errors of each pair's first timed run. */
  cases: CaseResult[];
  /** pairsChecksum of every pair generated at this size (the page's frames, whichever it ran). */
  checksum?: string;
  /** The library's own version line, where it has one (OpenCV's build information). */
  library?: string;
}

/** The few OpenCV.js calls the benchmark makes. */
export interface OpenCv {
  CV_8UC3: number;
  COLOR_RGB2GRAY: number;
  Mat: new () => CvMat;
  matFromArray(rows: number, cols: number, type: number, data: ArrayLike<number>): CvMat;
  cvtColor(src: CvMat, dst: CvMat, code: number): void;
  getBuildInformation(): string;
  calcOpticalFlowFarneback(prev: CvMat, next: CvMat, flow: CvMat, pyrScale: number, levels: number, winsize: number, iterations: number, polyN: number, polySigma: number, flags: number): void;
}
interface CvMat {
  data32F: Float32Array;
  delete(): void;
}

export type FlowMethod = (pair: BenchPair) => Promise<Float32Array>;

/** Our flow on whatever backend tfjs has active; `data()` waits for the GPU on WebGL. */
export function tvl1Method(tf: typeof TF, options: FlowOptions): FlowMethod {
  return async ({ frame1, frame2, width, height }) => {
    const flow = tf.tidy(() => {
      const frame = (f: Uint8Array): TF.Tensor3D => tf.div(tf.tensor3d(f, [height, width, 3], 'int32'), 255);
      return opticalFlow(frame(frame1), frame(frame2), options);
    });
    try {
      return (await flow.data()) as Float32Array;
    } finally {
      flow.dispose();
    }
  };
}

/** OpenCV's Farnebäck on the frames' grey levels (cv.cvtColor, 8 bits, as OpenCV's samples do). */
export function farnebackMethod(cv: OpenCv): FlowMethod {
  const f = FARNEBACK;
  return async ({ frame1, frame2, width, height }) => {
    const mats: CvMat[] = [];
    const mat = (m: CvMat): CvMat => (mats.push(m), m);
    try {
      const grey = (frame: Uint8Array): CvMat => {
        const out = mat(new cv.Mat());
        cv.cvtColor(mat(cv.matFromArray(height, width, cv.CV_8UC3, frame)), out, cv.COLOR_RGB2GRAY);
        return out;
      };
      const flow = mat(new cv.Mat());
      cv.calcOpticalFlowFarneback(grey(frame1), grey(frame2), flow, f.pyrScale, f.levels, f.winsize, f.iterations, f.polyN, f.polySigma, f.flags);
      return flow.data32F.slice();
    } finally {
      for (const m of mats) m.delete();
    }
  };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Rounds over every pair, at least one and then more until `minMillis` have
 * passed. The very first call is the warm-up (WebGL compiles its shaders
 * there): its time is dropped, its flow is not. Errors come from the first round.
 * A `reference` method is called once after each timed call, on the same pair.
 */
export async function timeMethod(method: FlowMethod, pairs: readonly BenchPair[], { minMillis = 1500, maxRounds = 60, reference }: { minMillis?: number; maxRounds?: number; reference?: FlowMethod } = {}): Promise<FlowRun> {
  const times: number[] = [];
  const ratios: number[] = [];
  if (reference) await reference(pairs[0]!);
  const cases: CaseResult[] = [];
  let spent = 0;
  for (let round = 0; round < maxRounds && (round === 0 || spent < minMillis); round++) {
    for (const [i, pair] of pairs.entries()) {
      const start = performance.now();
      const data = await method(pair);
      const ms = performance.now() - start;
      if (round > 0 || i > 0) {
        times.push(ms);
        spent += ms;
        if (reference) {
          const begin = performance.now();
          await reference(pair);
          ratios.push(ms / (performance.now() - begin));
        }
      }
      if (round === 0) {
        const e = flowErrors({ width: pair.width, height: pair.height, data }, pair.truth, pair.mask);
        const still = { width: pair.width, height: pair.height, data: new Float32Array(data.length) };
        cases.push({ motion: pair.motion, texture: pair.texture, epe: e.epe, aae: e.aae, truthMagnitude: flowErrors(still, pair.truth, pair.mask).epe });
      }
    }
  }
  return { millis: median(times), runs: times.length, times, cases, ...(ratios.length ? { ratio: median(ratios) } : {}) };
}
