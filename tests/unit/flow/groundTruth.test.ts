/** The generated pairs' truth checked by moving pixels by it, and the error measures against hand-computed values. */
import { describe, expect, it } from 'vitest';
import { applyAffine, framePair, invertAffine, motionAffine, type FramePairOptions } from '../../../src/lib/video-nn/flow/groundTruth';
import { angularErrorDegrees, flowErrors } from '../../../src/lib/video-nn/flow/metrics';
import { samplePlain } from '../../../src/lib/video-nn/flow/reference';

/** Mean |frame1(p) − frame2(p + truth(p))| over masked pixels: small only if the truth really says where content went. */
function residual(options: FramePairOptions): { aligned: number; unmoved: number } {
  const p = framePair(options);
  const out = new Float32Array(3);
  let aligned = 0;
  let unmoved = 0;
  let n = 0;
  for (let y = 0; y < p.height; y++) {
    for (let x = 0; x < p.width; x++) {
      const i = y * p.width + x;
      if (!p.mask[i]) continue;
      samplePlain(p.frame2, p.width, p.height, 3, x + p.flow.data[2 * i]!, y + p.flow.data[2 * i + 1]!, out);
      for (let c = 0; c < 3; c++) {
        aligned += Math.abs(out[c]! - p.frame1[3 * i + c]!);
        unmoved += Math.abs(p.frame2[3 * i + c]! - p.frame1[3 * i + c]!);
      }
      n += 3;
    }
  }
  return { aligned: aligned / n, unmoved: unmoved / n };
}

describe('framePair', () => {
  it('is deterministic from the seed, and the seed changes the texture', () => {
    const options = { seed: 5, width: 24, height: 16, motion: { kind: 'rotation', degrees: 3 } } as const;
    expect(framePair(options)).toEqual(framePair(options));
    expect(framePair({ ...options, seed: 6 }).frame1).not.toEqual(framePair(options).frame1);
  });

  it('a translation has the same flow everywhere and masks exactly the pixels whose destination leaves the frame', () => {
    const p = framePair({ seed: 1, width: 20, height: 10, motion: { kind: 'translation', dx: 2.5, dy: -1 } });
    for (let i = 0; i < 200; i++) expect([p.flow.data[2 * i], p.flow.data[2 * i + 1]]).toEqual([2.5, -1]);
    let valid = 0;
    p.mask.forEach((m) => (valid += m));
    expect(valid).toBe((20 - 3) * (10 - 1)); // x + 2.5 ≤ 19 ⇔ x ≤ 16; y − 1 ≥ 0 ⇔ y ≥ 1
  });

  it('motions are the affine maps they claim: rotation keeps the centre and turns clockwise on screen; inverse undoes', () => {
    const m = motionAffine({ kind: 'rotation', degrees: 90 }, 10, 10);
    expect(applyAffine(m, 10, 10).map((v) => Math.round(v * 1e9) / 1e9)).toEqual([10, 10]);
    expect(applyAffine(m, 11, 10).map((v) => Math.round(v * 1e9) / 1e9)).toEqual([10, 11]); // right → down
    const z = motionAffine({ kind: 'zoom', scale: 2 }, 4, 4);
    expect(applyAffine(z, 5, 4)).toEqual([6, 4]);
    const a = motionAffine({ kind: 'affine', matrix: [1.1, 0.2, -0.1, 0.9], dx: 3, dy: -2 }, 8, 6);
    const [x, y] = applyAffine(invertAffine(a), ...applyAffine(a, 3.25, 7.5));
    expect(x).toBeCloseTo(3.25, 12);
    expect(y).toBeCloseTo(7.5, 12);
  });

  // Bilinear resampling of a texture with 2-pixel detail leaves a little residual; unmoved frames differ ~10× more.
  const motions: [string, FramePairOptions][] = [
    ['translation', { seed: 2, motion: { kind: 'translation', dx: 1.5, dy: 2.25 } }],
    ['rotation', { seed: 3, motion: { kind: 'rotation', degrees: -5 } }],
    ['zoom', { seed: 4, motion: { kind: 'zoom', scale: 0.93 } }],
    ['affine', { seed: 5, motion: { kind: 'affine', matrix: [1.04, 0.05, -0.03, 0.97], dx: -1, dy: 0.5 } }],
    ['two layers', { seed: 6, motion: { kind: 'translation', dx: 1, dy: 0 }, foreground: { motion: { kind: 'rotation', degrees: 6 }, shape: 'square', radius: 12 } }],
  ];
  for (const [name, options] of motions) {
    it(`${name}: frame 2 sampled at p + truth(p) reproduces frame 1 (residual < 1/4 of doing nothing)`, () => {
      const r = residual({ width: 48, height: 48, ...options });
      expect(r.aligned).toBeLessThan(0.25 * r.unmoved);
      expect(r.aligned).toBeLessThan(0.02);
    });
  }

  it('two layers: the foreground moves by its own motion, the background by its own, occluded background is masked', () => {
    const p = framePair({ seed: 8, width: 40, height: 40, motion: { kind: 'translation', dx: 1, dy: 0 }, foreground: { motion: { kind: 'translation', dx: -3, dy: 2 }, radius: 8 } });
    const at = (x: number, y: number): number[] => [p.flow.data[2 * (y * 40 + x)]!, p.flow.data[2 * (y * 40 + x) + 1]!];
    expect(at(20, 20)).toEqual([-3, 2]); // centre (19.5, 19.5), radius 8
    expect(at(2, 2)).toEqual([1, 0]);
    // Just left of the disc, background moving right by 1 lands under the disc (which moved left by 3).
    expect(p.mask[19 * 40 + 9]).toBe(0);
  });

  it('noise and gain change frame values but not the truth', () => {
    const base = { seed: 9, width: 16, height: 16, motion: { kind: 'translation', dx: 1, dy: 1 } } as const;
    const clean = framePair(base);
    const noisy = framePair({ ...base, noise: 0.05, gain: 1.2 });
    expect(noisy.flow).toEqual(clean.flow);
    expect(noisy.frame1).not.toEqual(clean.frame1);
    expect(Math.max(...noisy.frame2)).toBeLessThanOrEqual(1);
  });

  it('an image given as pixels is the texture: frame 1 is the image itself', () => {
    const data = Float32Array.from({ length: 12 * 8 * 3 }, (_, i) => (i % 7) / 7);
    const p = framePair({ seed: 1, image: { width: 12, height: 8, data }, motion: { kind: 'translation', dx: 1, dy: 0 } });
    expect([p.width, p.height]).toEqual([12, 8]);
    expect(p.frame1).toEqual(data);
    expect(() => framePair({ seed: 1, image: { width: 12, height: 8, data: new Float32Array(5) }, motion: { kind: 'zoom', scale: 1 } })).toThrow(/needs 288 values/);
  });
});

describe('flowErrors', () => {
  it('EPE is the mean distance and AAE the Barron angle with the third component 1', () => {
    const truth = { width: 2, height: 1, data: new Float32Array([1, 0, 0, 0]) };
    const flow = { width: 2, height: 1, data: new Float32Array([1, 1, 1, 0]) };
    const e = flowErrors(flow, truth);
    expect(e.epe).toBeCloseTo((1 + 1) / 2, 12);
    // (1,1,1)·(1,0,1) / (√3·√2) and (1,0,1)·(0,0,1) / √2: acos(2/√6) = 35.26°, 45°.
    expect(e.aae).toBeCloseTo(((Math.acos(2 / Math.sqrt(6)) * 180) / Math.PI + 45) / 2, 10);
    expect(angularErrorDegrees(3, -2, 3, -2)).toBe(0);
    expect(flowErrors(flow, truth, new Uint8Array([1, 0]))).toMatchObject({ epe: 1, count: 1 });
    expect(() => flowErrors(flow, { width: 1, height: 2, data: truth.data })).toThrow(/2×1.*1×2/);
  });
});
