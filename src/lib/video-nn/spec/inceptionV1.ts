/**
 * The Inception-v1 (GoogLeNet) layout shared by I3D and S3D: after the stem, nine
 * Inception blocks with max pools between them. Each block has four branches —
 * 1×1×1; 1×1×1 reduce → 3×3×3; 1×1×1 reduce → 3×3×3 (the "5×5" branch, 3×3 in
 * the TF-slim Inception-v1 these models inflate); 3×3×3 max pool → 1×1×1 — whose
 * outputs are concatenated.
 */

/** [branch0, branch1 reduce, branch1, branch2 reduce, branch2, branch3 (after the pool)] */
export type InceptionWidths = readonly [number, number, number, number, number, number];

export type InceptionStep =
  | { block: string; widths: InceptionWidths }
  /** A max pool between blocks: 3×3×3 stride 2 before Mixed_4b, 2×2×2 stride 2 before Mixed_5b. */
  | { pool: 'MaxPool3d_4a_3x3' | 'MaxPool3d_5a_2x2' };

export const INCEPTION_V1_STEPS: readonly InceptionStep[] = [
  { block: 'Mixed_3b', widths: [64, 96, 128, 16, 32, 32] },
  { block: 'Mixed_3c', widths: [128, 128, 192, 32, 96, 64] },
  { pool: 'MaxPool3d_4a_3x3' },
  { block: 'Mixed_4b', widths: [192, 96, 208, 16, 48, 64] },
  { block: 'Mixed_4c', widths: [160, 112, 224, 24, 64, 64] },
  { block: 'Mixed_4d', widths: [128, 128, 256, 24, 64, 64] },
  { block: 'Mixed_4e', widths: [112, 144, 288, 32, 64, 64] },
  { block: 'Mixed_4f', widths: [256, 160, 320, 32, 128, 128] },
  { pool: 'MaxPool3d_5a_2x2' },
  { block: 'Mixed_5b', widths: [256, 160, 320, 32, 128, 128] },
  { block: 'Mixed_5c', widths: [384, 192, 384, 48, 128, 128] },
];

/** Channels out of a block: the four branch outputs concatenated. */
export function inceptionOutChannels([b0, , b1, , b2, b3]: InceptionWidths): number {
  return b0 + b1 + b2 + b3;
}
