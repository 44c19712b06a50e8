/**
 * The inputs of a two-stream network's streams, as datasets derived from an
 * RGB dataset (same seeds, labels and splits, so the spatial and the temporal
 * stream are tested on the very same clips). The spatial stream sees one
 * frame; the temporal stream sees stacked optical flow, which needs tfjs and
 * so lives in flow/clipFlows.ts. Pure: no tfjs here.
 */
import { makeDataset, middleFrame, type ClipDataset, type ClipShape, type LabelledClip } from './dataset';

/** A clip computed from another clip, which it keeps for pictures. */
export interface DerivedClip extends LabelledClip {
  source: LabelledClip;
}

/**
 * What a model sees of a dataset's clips: the clip itself (absent), the
 * middle frame (a spatial stream) or `flows` consecutive optical-flow fields
 * stacked into 2·flows channels (a temporal stream; `options` are the flow
 * engine's, see flow/tvl1.ts).
 */
export type StreamInput =
  | { kind: 'middle-frame' }
  | { kind: 'flow'; flows: number; options?: Readonly<Record<string, number | boolean>> };

/** A dataset whose clips are `derive(rgbClip)` with shape `clipShape`; the descriptor id says how it was derived. */
export function deriveDataset(rgb: ClipDataset, suffix: string, clipShape: ClipShape, derive: (clip: LabelledClip) => Float32Array): ClipDataset<DerivedClip> {
  const d = rgb.descriptor;
  return makeDataset({ ...d, id: `${d.id}-${suffix}`, clipShape }, (seed, label) => {
    const source = rgb.sample(seed, label);
    return { data: derive(source), shape: clipShape, label, className: source.className, seed: source.seed, source };
  });
}

/** The middle frame ⌊T/2⌋ of every clip, as a one-frame clip (1×H×W×C). */
export function middleFrameDataset(rgb: ClipDataset): ClipDataset<DerivedClip> {
  const [t, h, w, c] = rgb.descriptor.clipShape;
  const m = middleFrame(t);
  return deriveDataset(rgb, 'middle-frame', [1, h, w, c], (clip) => clip.data.slice(m * h * w * c, (m + 1) * h * w * c));
}

/**
 * The frame pairs of `flows` consecutive flow fields in a T-frame clip:
 * (s, s+1) … (s+flows−1, s+flows), centred on the middle frame as far as the
 * clip allows (Simonyan & Zisserman stack the flows that follow frame τ).
 */
export function flowPairs(frames: number, flows: number): [number, number][] {
  if (!Number.isInteger(flows) || flows < 1 || flows > frames - 1) throw new Error(`flowPairs: flows must be an integer in [1, ${frames - 1}] for ${frames} frames, got ${flows}`);
  const start = Math.max(0, Math.min(frames - 1 - flows, middleFrame(frames) - Math.floor(flows / 2)));
  return Array.from({ length: flows }, (_, k) => [start + k, start + k + 1] as [number, number]);
}
