/**
 * X3D's published sizes as points on the expansion axes, and one expansion step
 * along each axis from any point — what chapter 6's explorer shows.
 *
 * The sizes (frames × sampling stride at 30 fps, crop, factors) are those of the
 * SlowFast repository's configs (configs/Kinetics/X3D_{XS,S,M,L}.yaml):
 * XS 4×12 at 160², S 13×6 at 160², M 16×5 at 224², L 16×5 at 312² with depth 5.0.
 *
 * A step here doubles one axis, as X3D's expansion grows one axis at a time by
 * about a factor that doubles the cost: frames ×2 (the clip lasts twice as
 * long), frame rate ×2 at the same duration (twice the frames at half the
 * stride), resolution ×√2 per side (twice the pixels), and width, bottleneck
 * width or depth ×2. The cost each step really adds comes from analysing the
 * expanded spec.
 */
import type { X3dSize } from '../spec/x3d';
import { X3D_M_AXES, x3dExpansion, type X3dAxes, type X3dExpansion } from './x3dExpansion';

export const X3D_SIZE_AXES: Record<X3dSize, X3dAxes> = {
  xs: { frames: 4, frameStride: 12, crop: 160, width: 2.0, bottleneck: 2.25, depth: 2.2 },
  s: { frames: 13, frameStride: 6, crop: 160, width: 2.0, bottleneck: 2.25, depth: 2.2 },
  m: X3D_M_AXES,
  l: { frames: 16, frameStride: 5, crop: 312, width: 2.0, bottleneck: 2.25, depth: 5.0 },
};

export type X3dAxis = 'frames' | 'frameRate' | 'crop' | 'width' | 'bottleneck' | 'depth';

export const X3D_AXES: readonly X3dAxis[] = ['frames', 'frameRate', 'crop', 'width', 'bottleneck', 'depth'];

/** Paper symbol of each axis (γt duration, γτ frame rate, γs resolution, γw width, γb bottleneck, γd depth). */
export const X3D_AXIS_SYMBOL: Record<X3dAxis, string> = {
  frames: 'γt',
  frameRate: 'γτ',
  crop: 'γs',
  width: 'γw',
  bottleneck: 'γb',
  depth: 'γd',
};

/** Rounds to a multiple of `step` (for factors kept on a slider's grid). */
function toGrid(value: number, step: number): number {
  return Math.round(value / step) * step;
}

/**
 * The axes after one step along `axis`, or a reason there is none (the frame
 * rate cannot rise when every frame is already kept). Doubling the frame rate
 * halves the stride; an odd stride is halved down, and the frames are chosen so
 * the clip lasts as long as before (16 frames at stride 5 → 40 at stride 2).
 */
export function expandAxis(axes: X3dAxes, axis: X3dAxis): { axes: X3dAxes } | { reason: string } {
  switch (axis) {
    case 'frames':
      return { axes: { ...axes, frames: axes.frames * 2 } };
    case 'frameRate': {
      if (axes.frameStride < 2) return { reason: 'every frame is already kept (stride 1)' };
      const frameStride = Math.floor(axes.frameStride / 2);
      return { axes: { ...axes, frameStride, frames: Math.round((axes.frames * axes.frameStride) / frameStride) } };
    }
    case 'crop':
      return { axes: { ...axes, crop: toGrid(axes.crop * Math.SQRT2, 8) } };
    case 'width':
      return { axes: { ...axes, width: toGrid(axes.width * 2, 0.25) } };
    case 'bottleneck':
      return { axes: { ...axes, bottleneck: toGrid(axes.bottleneck * 2, 0.25) } };
    case 'depth':
      return { axes: { ...axes, depth: toGrid(axes.depth * 2, 0.1) } };
  }
}

export interface ExpansionStep {
  axis: X3dAxis;
  axes: X3dAxes;
  cost: X3dExpansion;
  /** Cost after the step over cost before. */
  macsRatio: number;
  paramsRatio: number;
}

/** One step along every axis from `axes`, each analysed; axes with no step give their reason. */
export function expansionSteps(axes: X3dAxes, from: X3dExpansion = x3dExpansion(axes)): (ExpansionStep | { axis: X3dAxis; reason: string })[] {
  return X3D_AXES.map((axis) => {
    const step = expandAxis(axes, axis);
    if ('reason' in step) return { axis, reason: step.reason };
    const cost = x3dExpansion(step.axes);
    return { axis, axes: step.axes, cost, macsRatio: cost.macs / from.macs, paramsRatio: cost.params / from.params };
  });
}
