/**
 * Sequences ready for the detector: the padded keypoint input, the step
 * targets and the ground truth, from the untrimmed stick-figure dataset's
 * disjoint train / validation / test splits (seeds from clipSeed).
 */
import type { Split } from '../data/dataset';
import { untrimmed, type Segment, type UntrimmedDataset } from '../data/untrimmed';
import { detectorInput, stepTargets, type DetectorGeometry, type StepTargets } from './targets';

export interface PreparedSequence {
  /** frames×17×1×3, zero after `length`. */
  input: Float32Array;
  length: number;
  segments: Segment[];
  targets: StepTargets;
  seed: number;
}

/** The untrimmed dataset the detector is trained on (its sequences fit its `frames`). */
export function detectorDataset(seed: number): UntrimmedDataset {
  return untrimmed({ seed });
}

export function prepareSequences(dataset: UntrimmedDataset, split: Split, start: number, count: number, g: DetectorGeometry): PreparedSequence[] {
  const size = dataset.descriptor.options.size;
  return Array.from({ length: count }, (_, i) => {
    const s = dataset.sequence(split, start + i);
    const length = s.shape[0];
    return { input: detectorInput(s.keypoints, length, g.frames, size), length, segments: s.segments, targets: stepTargets(s.segments, length, g), seed: s.seed };
  });
}
