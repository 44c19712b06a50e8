/**
 * X3D's expansion axes (Feichtenhofer, CVPR 2020): starting from a tiny network,
 * grow one axis at a time — frames γt, frame rate γτ, resolution γs, width γw,
 * bottleneck width γb, depth γd — and see what each costs. Frame rate changes how
 * much time the clip covers, not its cost; every other axis changes parameters or
 * MACs, computed by analysing the expanded spec.
 */
import { x3d } from '../spec/x3d';
import { analyze } from './analyze';

export interface X3dAxes {
  /** Frames in the clip (γt). */
  frames: number;
  /** Keep every n-th frame of the source video (γτ is 1 / this stride). */
  frameStride: number;
  /** Square crop side in pixels (γs). */
  crop: number;
  /** Channel width multiplier of every stage (γw; X3D uses 2.0). */
  width: number;
  /** Inner width of each bottleneck relative to its output (γb; X3D uses 2.25). */
  bottleneck: number;
  /** Multiplier of blocks per stage (γd; X3D-XS/S/M use 2.2, L uses 5.0). */
  depth: number;
}

/** The axes of X3D-M at its reference input, as the starting point of the explorer. */
export const X3D_M_AXES: X3dAxes = { frames: 16, frameStride: 5, crop: 224, width: 2.0, bottleneck: 2.25, depth: 2.2 };

export interface X3dExpansion {
  params: number;
  macs: number;
  /** Seconds of 30 fps source video the clip spans: frames × stride / 30. */
  secondsAt30fps: number;
}

export function x3dExpansion(axes: X3dAxes): X3dExpansion {
  const spec = x3d({
    size: 'm',
    input: { channels: 3, frames: axes.frames, height: axes.crop, width: axes.crop },
    widthFactor: axes.width,
    bottleneckFactor: axes.bottleneck,
    depthFactor: axes.depth,
  });
  const { totals } = analyze(spec);
  return { params: totals.params, macs: totals.macs, secondsAt30fps: (axes.frames * axes.frameStride) / 30 };
}
