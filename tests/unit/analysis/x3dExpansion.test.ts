import { describe, expect, it } from 'vitest';
import { X3D_M_AXES, x3dExpansion } from '../../../src/lib/video-nn/analysis/x3dExpansion';
import { analyze } from '../../../src/lib/video-nn/analysis/analyze';
import { x3d } from '../../../src/lib/video-nn/spec/x3d';

describe('X3D expansion axes', () => {
  const m = x3dExpansion(X3D_M_AXES);

  it('at X3D-M axes equals the X3D-M spec (3.79 M params, 4.73 G MACs)', () => {
    const ref = analyze(x3d({ size: 'm' })).totals;
    expect(m.params).toBe(ref.params);
    expect(m.macs).toBe(ref.macs);
    expect(m.params).toBe(3_794_274);
    expect(m.macs / 1e9).toBeCloseTo(4.73, 2);
  });

  it('at X3D-L axes (depth 5.0, 312 px) equals X3D-L', () => {
    const l = x3dExpansion({ ...X3D_M_AXES, crop: 312, depth: 5.0 });
    expect(l.params).toBe(analyze(x3d({ size: 'l' })).totals.params);
    expect(l.macs).toBe(analyze(x3d({ size: 'l' })).totals.macs);
  });

  it('frame rate changes the time covered, not the cost', () => {
    const sparse = x3dExpansion({ ...X3D_M_AXES, frameStride: 10 });
    expect(sparse.macs).toBe(m.macs);
    expect(sparse.params).toBe(m.params);
    expect(sparse.secondsAt30fps).toBe(2 * m.secondsAt30fps);
  });

  it('frames and resolution change MACs but not parameters', () => {
    const twice = x3dExpansion({ ...X3D_M_AXES, frames: 32 });
    expect(twice.params).toBe(m.params);
    // Convs keep time (stride 1 in t), so MACs scale linearly with frames except the classifier.
    expect(twice.macs / m.macs).toBeGreaterThan(1.95);
    expect(twice.macs / m.macs).toBeLessThan(2.0);
    const big = x3dExpansion({ ...X3D_M_AXES, crop: 320 });
    expect(big.params).toBe(m.params);
    expect(big.macs).toBeGreaterThan(m.macs);
  });

  it('width, bottleneck and depth add parameters', () => {
    for (const axis of ['width', 'bottleneck', 'depth'] as const) {
      const grown = x3dExpansion({ ...X3D_M_AXES, [axis]: X3D_M_AXES[axis] * 2 });
      expect(grown.params, axis).toBeGreaterThan(m.params);
      expect(grown.macs, axis).toBeGreaterThan(m.macs);
    }
  });
});
