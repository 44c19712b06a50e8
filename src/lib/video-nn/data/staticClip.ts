/**
 * A static clip — Carreira & Zisserman's "boring video": one frame of a clip
 * repeated for every time step. An inflated network gives exactly its 2-D
 * parent's output on such a clip, which is the check chapter 5 shows. No tfjs.
 */
import type { ClipShape } from './dataset';

export interface PlainClip {
  /** T×H×W×C, channels last. */
  data: Float32Array;
  shape: ClipShape;
}

/** Frame `frame` (0-based) of `clip`, repeated T times: a clip of the same shape in which nothing moves. */
export function repeatFrame(clip: PlainClip, frame: number): PlainClip {
  const [t, h, w, c] = clip.shape;
  if (!Number.isInteger(frame) || frame < 0 || frame >= t) throw new Error(`repeatFrame: frame must be an integer in [0, ${t}), got ${frame}`);
  const size = h * w * c;
  if (clip.data.length !== t * size) throw new Error(`repeatFrame: ${clip.data.length} values do not fill a ${clip.shape.join('×')} clip`);
  const source = clip.data.subarray(frame * size, (frame + 1) * size);
  const data = new Float32Array(t * size);
  for (let i = 0; i < t; i++) data.set(source, i * size);
  return { data, shape: [t, h, w, c] };
}
