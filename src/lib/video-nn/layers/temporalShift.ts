/**
 * The temporal shift of TSM (Lin, Gan & Han, ICCV 2019): temporal mixing with
 * zero parameters and zero multiply-accumulates. With fold = floor(C / foldDiv):
 *
 * - channels [0, fold): out[t] = x[t + 1]  — these features move one step
 *   earlier in time ("shift left" in the official code); the last frame gets 0;
 * - channels [fold, 2·fold): out[t] = x[t − 1] — these move one step later
 *   ("shift right"); the first frame gets 0;
 * - the remaining channels are unchanged.
 *
 * This is the convention of the official code (mit-han-lab/temporal-shift-module,
 * ops/temporal_shift.py, `TemporalShift.shift`). That code takes a batch of
 * N·T frames and regroups it into N clips of n_segment = T frames before
 * shifting; here a clip batch N×T×H×W×C is already grouped, and a frame batch
 * [N·T, H, W, C] is accepted with `segments` = T, as the official code does.
 */
import * as tf from '@tensorflow/tfjs-core';
import { checkPositiveInteger, expectShape, formatShape } from './shapes';
import { shiftedChannels } from './sizes';

export { shiftedChannels };

export interface TemporalShiftOptions {
  /** 1/foldDiv of the channels move each way; TSM's default 8. */
  foldDiv?: number | undefined;
  /** For a 4-D frame batch [N·T, H, W, C]: T, the frames per clip (TSM's n_segment). */
  segments?: number | undefined;
}

function shiftClip(x: tf.Tensor5D, fold: number): tf.Tensor5D {
  const [n, t, h, w, c] = x.shape;
  if (fold === 0) return tf.clone(x);
  const zeroFrame = tf.zeros([n, 1, h, w, fold]);
  // Channels [0, fold): frames 1..T−1 move to 0..T−2, a zero frame at the end.
  const earlier = t > 1 ? tf.concat([tf.slice(x, [0, 1, 0, 0, 0], [n, t - 1, h, w, fold]), zeroFrame], 1) : zeroFrame;
  // Channels [fold, 2·fold): frames 0..T−2 move to 1..T−1, a zero frame at the start.
  const later = t > 1 ? tf.concat([zeroFrame, tf.slice(x, [0, 0, 0, 0, fold], [n, t - 1, h, w, fold])], 1) : zeroFrame;
  const parts = [earlier, later];
  if (c > 2 * fold) parts.push(tf.slice(x, [0, 0, 0, 0, 2 * fold], [n, t, h, w, c - 2 * fold]));
  return tf.concat(parts, 4) as tf.Tensor5D;
}

/** Shifts a clip batch [N, T, H, W, C], or a frame batch [N·T, H, W, C] given `segments`. */
export function temporalShift<T extends tf.Tensor5D | tf.Tensor4D>(x: T, options: TemporalShiftOptions = {}): T {
  const foldDiv = options.foldDiv ?? 8;
  checkPositiveInteger('temporalShift', 'foldDiv', foldDiv);
  if (x.rank === 4) {
    const segments = options.segments;
    if (segments === undefined) throw new Error(`temporalShift: a 4-D input ${formatShape(x.shape)} is a frame batch [N·T, H, W, C] and needs options.segments (T)`);
    checkPositiveInteger('temporalShift', 'segments', segments);
    const [nt, h, w, c] = x.shape as [number, number, number, number];
    if (nt % segments !== 0) throw new Error(`temporalShift: input should have shape [N·${segments}, H, W, C] (a multiple of ${segments} frames), got ${formatShape(x.shape)}`);
    return tf.tidy(() => tf.reshape(shiftClip(tf.reshape(x, [nt / segments, segments, h, w, c]), shiftedChannels(c, foldDiv)), x.shape)) as T;
  }
  expectShape('temporalShift', 'input', x.shape, ['N', 'T', 'H', 'W', 'C']);
  const clip = x as tf.Tensor5D;
  return tf.tidy(() => shiftClip(clip, shiftedChannels(clip.shape[4], foldDiv))) as T;
}

/**
 * TSM's residual placement ('blockres', the one the paper recommends): the shift
 * sits inside the residual branch, before its first conv, so the identity path
 * keeps the unshifted features: out = x + branch(shift(x)).
 */
export function residualShift(x: tf.Tensor5D, branch: (shifted: tf.Tensor5D) => tf.Tensor5D, options: TemporalShiftOptions = {}): tf.Tensor5D {
  return tf.tidy(() => {
    const out = branch(temporalShift(x, options));
    expectShape('residualShift', 'branch output', out.shape, x.shape);
    return tf.add(x, out);
  });
}

/**
 * In-place placement ('block'): the shift goes before the whole block, so the
 * shortcut carries shifted features too: out = block(shift(x)). The paper finds
 * this hurts spatial feature learning; it is here for comparison.
 */
export function inPlaceShift<R extends tf.Tensor>(x: tf.Tensor5D, block: (shifted: tf.Tensor5D) => R, options: TemporalShiftOptions = {}): R {
  return tf.tidy(() => block(temporalShift(x, options)));
}
