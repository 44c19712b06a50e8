/**
 * A flow field in a few numbers, for captions and text alternatives: how much
 * moves, how far at most, which way on average. No tfjs.
 */
import { checkFlowField, isKnownFlow, type FlowField } from './field';

export interface FlowSummary {
  /** Mean |(u, v)| over known pixels, pixels per frame pair. */
  meanMagnitude: number;
  /** Largest |(u, v)|. */
  maxMagnitude: number;
  /** Mean u and v (the average motion vector; opposite motions cancel). */
  meanU: number;
  meanV: number;
  /** Share of known pixels moving at least `movingThreshold` pixels. */
  movingFraction: number;
  /** Known pixels counted. */
  count: number;
}

/** Summary of a field; pixels moving ≥ `movingThreshold` px count as moving (0.5 px by default). */
export function summariseFlow(field: FlowField, movingThreshold = 0.5): FlowSummary {
  checkFlowField('summariseFlow', field);
  if (!(movingThreshold >= 0)) throw new Error(`summariseFlow: movingThreshold must be 0 or more, got ${movingThreshold}`);
  let sum = 0;
  let max = 0;
  let su = 0;
  let sv = 0;
  let moving = 0;
  let count = 0;
  for (let i = 0; i < field.width * field.height; i++) {
    const u = field.data[2 * i]!;
    const v = field.data[2 * i + 1]!;
    if (!isKnownFlow(u, v)) continue;
    const m = Math.hypot(u, v);
    sum += m;
    su += u;
    sv += v;
    if (m > max) max = m;
    if (m >= movingThreshold) moving++;
    count++;
  }
  if (count === 0) return { meanMagnitude: 0, maxMagnitude: 0, meanU: 0, meanV: 0, movingFraction: 0, count: 0 };
  return { meanMagnitude: sum / count, maxMagnitude: max, meanU: su / count, meanV: sv / count, movingFraction: moving / count, count };
}
