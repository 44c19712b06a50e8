// What the flow benchmark measures: frame sizes, motions, textures, our option
// presets and OpenCV's Farnebäck parameters, and the 8-bit frame pairs with
// their ground truth. Plain arithmetic (no tfjs), so the Chromium page and
// the Node report read the same definitions.
import { valueNoise } from '../../src/lib/video-nn/data/raster';
import { deriveSeed, Rng } from '../../src/lib/video-nn/data/random';
import type { FlowField } from '../../src/lib/video-nn/flow/field';
import { framePair, type FramePairOptions, type PixelImage } from '../../src/lib/video-nn/flow/groundTruth';
import type { FlowOptions } from '../../src/lib/video-nn/flow/tvl1';

/** Width × height of each benchmarked frame size. */
export const FLOW_SIZES: readonly (readonly [number, number])[] = [
  [128, 128],
  [256, 256],
  [320, 240],
];

export const SEED = 7;

/** The same motion parameters at every size (pixels and degrees), as in tests/unit/flow/accuracy.test.ts. */
export const MOTIONS: readonly { id: string; label: string; options: Pick<FramePairOptions, 'motion' | 'foreground'> }[] = [
  { id: 'translation', label: 'translation (2.5, −1.25) px', options: { motion: { kind: 'translation', dx: 2.5, dy: -1.25 } } },
  { id: 'rotation', label: 'rotation 3°', options: { motion: { kind: 'rotation', degrees: 3 } } },
  { id: 'zoom', label: 'zoom ×1.05', options: { motion: { kind: 'zoom', scale: 1.05 } } },
  {
    id: 'two-layers',
    label: 'two layers: disc (−2.5, 1.5) px over background (1, 0.5) px',
    options: { motion: { kind: 'translation', dx: 1, dy: 0.5 }, foreground: { motion: { kind: 'translation', dx: -2.5, dy: 1.5 } } },
  },
];

/**
 * Background textures. framePair's own fractal noise scales its cells with the
 * frame (the finest are max(w, h)/16 px), so larger frames are smoother; the
 * "fine" background keeps the detail framePair has at 64×64 (cells of 32 to
 * 4 px) at every size. The two-layer disc always has framePair's own texture.
 */
export const TEXTURES = [
  { id: 'fine', label: 'a fine texture (cells of 4 to 32 px at every size)' },
  { id: 'framepair', label: "framePair's own texture (cells of max(w, h)/16 to max(w, h)/2 px)" },
] as const;
export type TextureId = (typeof TEXTURES)[number]['id'];

/** Our option presets: the defaults and two faster schedules. */
export const PRESETS: readonly { id: string; label: string; options: FlowOptions }[] = [
  { id: 'default', label: 'TV-L1, FLOW_DEFAULTS (5 warps × 30 iterations)', options: {} },
  { id: 'fast', label: 'TV-L1, 2 warps × 10 iterations', options: { warps: 2, iterations: 10 } },
  { id: 'fastest', label: 'TV-L1, 1 warp × 10 iterations', options: { warps: 1, iterations: 10 } },
];

/**
 * OpenCV's calcOpticalFlowFarneback with the parameters of its own samples.
 * OpenCV stops the pyramid before a side drops below 32 px, so `levels` 3 to 5
 * give the same result at these sizes (2 extra levels at 128×128 and 320×240, 3 at 256×256).
 */
export const FARNEBACK = { pyrScale: 0.5, levels: 3, winsize: 15, iterations: 3, polyN: 5, polySigma: 1.2, flags: 0 } as const;

/** One benchmark frame pair: 8-bit RGB frames (H×W×3) with the truth and the mask of checkable pixels. */
export interface BenchPair {
  motion: string;
  texture: TextureId;
  width: number;
  height: number;
  frame1: Uint8Array;
  frame2: Uint8Array;
  truth: FlowField;
  mask: Uint8Array;
}

/** Colour fractal noise with fixed cell sizes (32, 16, 8, 4 px; amplitudes halving), in framePair's palette style. */
export function fineTexture(seed: number, width: number, height: number): PixelImage {
  const rng = new Rng(seed);
  const size = Math.max(width, height);
  const octaves = [32, 16, 8, 4].map((cell, k) => {
    const cells = Math.ceil(size / cell) + 1;
    return { cell, cells, amplitude: 8 >> k, grids: [0, 1, 2].map(() => Float32Array.from({ length: (cells + 1) ** 2 }, () => rng.next())) };
  });
  const total = octaves.reduce((s, o) => s + o.amplitude, 0);
  const data = new Float32Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const n = [0, 0, 0];
      for (const o of octaves) for (let k = 0; k < 3; k++) n[k]! += o.amplitude * valueNoise(o.grids[k]!, o.cells, x / o.cell, y / o.cell);
      const l = n[0]! / total;
      const colour = [(n[1]! + n[2]!) / 2, n[1]!, n[2]!];
      for (let c = 0; c < 3; c++) data[(y * width + x) * 3 + c] = Math.min(1, Math.max(0, 0.7 + 1.6 * (l - 0.5) + 0.35 * (colour[c]! / total - 0.5)));
    }
  }
  return { width, height, data };
}

const to8bit = (frame: Float32Array): Uint8Array => Uint8Array.from(frame, (v) => Math.round(v * 255));

/** Every motion on every texture at one size, frames rounded to 8 bits as a decoded video frame would be. */
export function benchPairs(width: number, height: number): BenchPair[] {
  const fine = fineTexture(deriveSeed(SEED, 11), width, height);
  return TEXTURES.flatMap(({ id: texture }) =>
    MOTIONS.map(({ id, options }) => {
      const p = framePair({ seed: SEED, width, height, ...options, ...(texture === 'fine' ? { image: fine } : {}) });
      return { motion: id, texture, width, height, frame1: to8bit(p.frame1), frame2: to8bit(p.frame2), truth: p.flow, mask: p.mask };
    }),
  );
}

/** FNV-1a over every frame's bytes: each page reports it, so the report can check all methods saw the same frames. */
export function pairsChecksum(pairs: readonly BenchPair[]): string {
  let h = 0x811c9dc5;
  for (const p of pairs) {
    for (const frame of [p.frame1, p.frame2]) {
      for (let i = 0; i < frame.length; i++) h = Math.imul(h ^ frame[i]!, 0x01000193) >>> 0;
    }
  }
  return h.toString(16).padStart(8, '0');
}
