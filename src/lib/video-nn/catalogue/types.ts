/**
 * Catalogue entries: a full-size architecture (or a small teaching model), the
 * spec it is built from, and what the public record says about it — reference
 * parameter and cost figures with their sources and counting conventions, and a
 * reported accuracy — for the comparison pages, the showcase and the CLI.
 */
import type { ClipShape, ModelSpec } from '../spec/types';

/**
 * What a reference figure counts.
 * - params: learnable parameters (weights, biases, norm scale and shift; not
 *   running statistics) — every source agrees on this.
 * - macs: multiply-accumulates of convs and linear layers (and, for transformers
 *   and graph convs, of the attention and aggregation matmuls) — torchvision's
 *   "GFLOPS", pytorchvideo's and fvcore's "FLOPs", most papers' "FLOPs".
 * - mmcvFlops: mmcv's flops counter (mmaction2 0.x metafiles), which adds norms,
 *   activations, pools and conv biases to the MACs; recounted by mmcvFlops().
 */
export type ReferenceQuantity = 'params' | 'macs' | 'mmcvFlops';

export interface ReferenceFigure {
  quantity: ReferenceQuantity;
  /** The number as the source prints it, in units of `scale`: '78409573', '40.70', '0.59'. */
  printed: string;
  /** 1 for exact counts, 1e6 for "M", 1e9 for "G", 1e12 for "T". */
  scale: number;
  /** The figure is for this many views (spatial crops × temporal clips) of one clip; default 1. */
  views?: number;
  /** URL, or repository and path, of the figure. */
  source: string;
  /** How the source counts, in a few words. */
  convention: string;
  /**
   * Set where our count cannot reproduce the printed figure: why, and the largest
   * relative difference the tests accept. Without it the figure must match
   * exactly at its printed precision.
   */
  gap?: { explanation: string; tolerance: number };
}

export interface ReportedAccuracy {
  /** Percent. */
  value: number;
  dataset: string;
  /** e.g. 'top-1, 30 views (10 clips × 3 crops)'. */
  metric: string;
  /** Where the number is published (paper, model zoo, metafile). */
  source: string;
  year: number;
  note?: string;
}

export interface CatalogueEntry {
  id: string;
  title: string;
  /** Builds the spec (plain data); its defaultInput is the entry's defaultInput. */
  spec: () => ModelSpec;
  defaultInput: ClipShape;
  /** What the input axes mean when they are not C×T×H×W of a video clip. */
  inputNote?: string;
  /** The paper that introduced the architecture. */
  paper: { authors: string; title: string; venue: string; year: number };
  /** One sentence, in our own words. */
  keyIdea: string;
  references: readonly ReferenceFigure[];
  accuracy?: ReportedAccuracy;
  /** Small curriculum models (trained by the project, or parts of bigger ones). */
  teaching?: boolean;
}
