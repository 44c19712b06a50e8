/**
 * X3D's published sizes on the expansion axes, and one step along each axis.
 * The sizes' costs are held to the X3D spec (itself pinned to the paper's and
 * pytorchvideo's figures in analysis/x3d.test.ts); steps are checked by hand.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/lib/video-nn/analysis';
import { X3D_SIZE_AXES, expandAxis, expansionSteps } from '../../src/lib/video-nn/analysis/x3dSteps';
import { x3dExpansion } from '../../src/lib/video-nn/analysis/x3dExpansion';
import { x3d, type X3dSize } from '../../src/lib/video-nn/spec';

describe('X3D sizes as points on the axes', () => {
  it.each([
    ['xs', '0.61', '3.79', 1.6],
    ['s', '1.96', '3.79', 2.6],
    ['m', '4.73', '3.79', 16 * 5 / 30],
    ['l', '18.37', '6.15', 16 * 5 / 30],
  ] as const)('X3D-%s: the spec’s cost (%s G MACs, %s M parameters) over %f s of 30 fps video', (size, gmacs, mparams, seconds) => {
    const cost = x3dExpansion(X3D_SIZE_AXES[size as X3dSize]);
    const ref = analyze(x3d({ size: size as X3dSize })).totals;
    expect(cost.params).toBe(ref.params);
    expect(cost.macs).toBe(ref.macs);
    expect((cost.macs / 1e9).toFixed(2)).toBe(gmacs);
    expect((cost.params / 1e6).toFixed(2)).toBe(mparams);
    expect(cost.secondsAt30fps).toBeCloseTo(seconds, 12);
  });
});

describe('one step along each axis', () => {
  const m = X3D_SIZE_AXES.m;

  it('frames double; the frame rate doubles at the same duration (stride 5 → 2 gives 40 frames)', () => {
    expect(expandAxis(m, 'frames')).toEqual({ axes: { ...m, frames: 32 } });
    expect(expandAxis(m, 'frameRate')).toEqual({ axes: { ...m, frames: 40, frameStride: 2 } });
    expect(expandAxis(X3D_SIZE_AXES.xs, 'frameRate')).toEqual({ axes: { ...X3D_SIZE_AXES.xs, frames: 8, frameStride: 6 } });
    expect(expandAxis({ ...m, frameStride: 1 }, 'frameRate')).toEqual({ reason: 'every frame is already kept (stride 1)' });
  });

  it('resolution grows by √2 a side to a multiple of 8; width, bottleneck and depth double', () => {
    expect(expandAxis(m, 'crop')).toEqual({ axes: { ...m, crop: 320 } }); // 224·√2 = 316.8
    expect(expandAxis(X3D_SIZE_AXES.s, 'crop')).toEqual({ axes: { ...X3D_SIZE_AXES.s, crop: 224 } }); // 160·√2 = 226.3
    expect(expandAxis(m, 'width')).toEqual({ axes: { ...m, width: 4 } });
    expect(expandAxis(m, 'bottleneck')).toEqual({ axes: { ...m, bottleneck: 4.5 } });
    expect(expandAxis(m, 'depth')).toEqual({ axes: { ...m, depth: 4.4 } });
  });

  it('time and resolution steps add MACs but no parameters; width, bottleneck and depth add both', () => {
    const steps = expansionSteps(m);
    const byAxis = Object.fromEntries(steps.map((s) => [s.axis, s]));
    for (const axis of ['frames', 'frameRate', 'crop'] as const) {
      const s = byAxis[axis]!;
      if ('reason' in s) throw new Error(axis);
      expect(s.paramsRatio, axis).toBe(1);
    }
    const frames = byAxis['frames']!;
    const rate = byAxis['frameRate']!;
    if ('reason' in frames || 'reason' in rate) throw new Error('missing step');
    // Every conv keeps time, so MACs scale with frames (the classifier on top does not).
    expect(frames.macsRatio).toBeGreaterThan(1.95);
    expect(frames.macsRatio).toBeLessThanOrEqual(2);
    expect(rate.macsRatio).toBeCloseTo(x3dExpansion({ ...m, frames: 40 }).macs / x3dExpansion(m).macs, 12);
    expect(rate.cost.secondsAt30fps).toBeCloseTo(x3dExpansion(m).secondsAt30fps, 12);
    for (const axis of ['width', 'bottleneck', 'depth'] as const) {
      const s = byAxis[axis]!;
      if ('reason' in s) throw new Error(axis);
      expect(s.paramsRatio, axis).toBeGreaterThan(1.4);
      expect(s.macsRatio, axis).toBeGreaterThan(1.4);
    }
  });
});
