/**
 * A stick-figure dataset seen as skeletons: each clip's 17 COCO keypoints
 * become a T×V×1×3 "clip" (joints on the height axis, one person on the width
 * axis; decision 12), with x and y divided by the frame size so every value
 * lies in [0, 1] and the confidence kept as is. Same seeds, labels and splits
 * as the RGB dataset it wraps, so a skeleton model and an RGB model can be
 * tested on the very same performances.
 */
import { makeDataset, type ClipDataset, type LabelledClip } from './dataset';
import { KEYPOINTS, type StickFigureClip } from './stickFigures';

export interface KeypointClip extends LabelledClip {
  /** The RGB clip the keypoints came from. */
  source: StickFigureClip;
}

/** Keypoints (pixels, T×17×3) → the T×17×1×3 model input, coordinates divided by `size`. */
export function keypointTensor(keypoints: Float32Array, frames: number, size: number): Float32Array {
  const out = new Float32Array(frames * KEYPOINTS * 3);
  for (let i = 0; i < out.length; i += 3) {
    out[i] = keypoints[i]! / size;
    out[i + 1] = keypoints[i + 1]! / size;
    out[i + 2] = keypoints[i + 2]!;
  }
  return out;
}

export function keypointDataset(rgb: ClipDataset<StickFigureClip>): ClipDataset<KeypointClip> {
  const d = rgb.descriptor;
  const [frames, size] = d.clipShape;
  return makeDataset(
    { id: `${d.id}-keypoints`, version: d.version, classes: d.classes, clipShape: [frames, KEYPOINTS, 1, 3], seed: d.seed },
    (seed, label) => {
      const source = rgb.sample(seed, label);
      return {
        data: keypointTensor(source.keypoints, frames, size), shape: [frames, KEYPOINTS, 1, 3],
        label, className: source.className, seed: source.seed, source,
      };
    },
  );
}
