/**
 * Flow errors against ground truth as in the Middlebury benchmark (Baker et
 * al. 2011): endpoint error |w − w_gt| and angular error, the angle between
 * (u, v, 1) and (u_gt, v_gt, 1) in degrees (Barron et al.'s measure; the 1 makes
 * it defined for zero flow).
 */
import { checkFlowField, type FlowField } from './field';

export interface FlowErrors {
  /** Average endpoint error, pixels. */
  epe: number;
  /** Average angular error, degrees. */
  aae: number;
  /** Pixels counted (the mask's ones). */
  count: number;
}

/** One pixel's angular error in degrees. */
export function angularErrorDegrees(u: number, v: number, ug: number, vg: number): number {
  const cos = (u * ug + v * vg + 1) / Math.sqrt((u * u + v * v + 1) * (ug * ug + vg * vg + 1));
  return (Math.acos(Math.min(1, Math.max(-1, cos))) * 180) / Math.PI;
}

/** EPE and AAE over the pixels where `mask` is non-zero (all pixels without a mask). */
export function flowErrors(flow: FlowField, truth: FlowField, mask?: Uint8Array): FlowErrors {
  checkFlowField('flowErrors (flow)', flow);
  checkFlowField('flowErrors (truth)', truth);
  if (flow.width !== truth.width || flow.height !== truth.height) throw new Error(`flowErrors: flow is ${flow.width}×${flow.height}, truth ${truth.width}×${truth.height}`);
  const n = flow.width * flow.height;
  if (mask && mask.length !== n) throw new Error(`flowErrors: mask has ${mask.length} values, expected ${n}`);
  let epe = 0;
  let aae = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (mask && !mask[i]) continue;
    const u = flow.data[2 * i]!;
    const v = flow.data[2 * i + 1]!;
    const ug = truth.data[2 * i]!;
    const vg = truth.data[2 * i + 1]!;
    epe += Math.hypot(u - ug, v - vg);
    aae += angularErrorDegrees(u, v, ug, vg);
    count++;
  }
  return count ? { epe: epe / count, aae: aae / count, count } : { epe: NaN, aae: NaN, count: 0 };
}
