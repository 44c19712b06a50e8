/**
 * What precomputing optical flow for a dataset costs before any training: a
 * two-stream network's temporal stream needs the flow between every pair of
 * consecutive frames, computed by a classical method ahead of time. Pure
 * arithmetic, no tfjs.
 */

export interface FlowCostInput {
  /** Videos in the dataset. */
  videos: number;
  /** Frames per video (a video of F frames has F − 1 consecutive pairs). */
  framesPerVideo: number;
  /** Seconds to compute one flow field (one frame pair). */
  secondsPerPair: number;
}

export interface FlowCost {
  pairsPerVideo: number;
  /** Flow fields to compute for the whole dataset. */
  framePairs: number;
  seconds: number;
  hours: number;
  /** hours / 24: days of one device running without a break. */
  days: number;
}

export function flowPrecomputeCost({ videos, framesPerVideo, secondsPerPair }: FlowCostInput): FlowCost {
  if (!Number.isInteger(videos) || videos < 0) throw new Error(`flowPrecomputeCost: videos must be a whole number ≥ 0, got ${videos}`);
  if (!Number.isInteger(framesPerVideo) || framesPerVideo < 1) throw new Error(`flowPrecomputeCost: framesPerVideo must be a whole number ≥ 1, got ${framesPerVideo}`);
  if (!(secondsPerPair >= 0) || !Number.isFinite(secondsPerPair)) throw new Error(`flowPrecomputeCost: secondsPerPair must be a finite number ≥ 0, got ${secondsPerPair}`);
  const pairsPerVideo = framesPerVideo - 1;
  const framePairs = videos * pairsPerVideo;
  const seconds = framePairs * secondsPerPair;
  const hours = seconds / 3600;
  return { pairsPerVideo, framePairs, seconds, hours, days: hours / 24 };
}
