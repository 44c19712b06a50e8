import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/lib/video-nn/analysis';
import { meanAveragePrecision } from '../../../src/lib/video-nn/detection/map';
import { temporalDetector, detectorGeometry } from '../../../src/lib/video-nn/detection/spec';
import { candidates, decode, detectorInput, outputSteps, stepTargets, type DetectorGeometry } from '../../../src/lib/video-nn/detection/targets';
import { findTrainable } from '../../../src/lib/video-nn/training/registry';
import { isDetector } from '../../../src/lib/video-nn/detection/registry';
import { detectorDataset, prepareSequences } from '../../../src/lib/video-nn/detection/data';

const G: DetectorGeometry = { frames: 24, stride: 4, classes: 8, scale: 16 };

describe('stepTargets', () => {
  it('labels steps whose centre lies in a segment, with distances to its ends, and masks the padding', () => {
    // Centres 2, 6, 10, 14, 18, 22; the sequence has 20 frames, so the last step is padding.
    const t = stepTargets([{ start: 4, end: 12, label: 2 }], 20, G);
    expect(Array.from(t.labels)).toEqual([8, 2, 2, 8, 8, 8]);
    expect(Array.from(t.distances)).toEqual([0, 0, 2, 6, 6, 2, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(t.valid)).toEqual([1, 1, 1, 1, 1, 0]);
    expect(Array.from(t.positive)).toEqual([0, 1, 1, 0, 0, 0]);
  });
});

/** The raw output a perfect detector would give for these targets. */
function perfectOutput(t: ReturnType<typeof stepTargets>, g: DetectorGeometry): Float32Array {
  const w = g.classes + 3;
  const n = outputSteps(g);
  const out = new Float32Array(n * w);
  const inverseSoftplus = (d: number) => Math.log(Math.expm1(Math.max(d, 1e-3) / g.scale));
  for (let i = 0; i < n; i++) {
    out[i * w + t.labels[i]!] = 20;
    out[i * w + g.classes + 1] = inverseSoftplus(t.distances[2 * i]!);
    out[i * w + g.classes + 2] = inverseSoftplus(t.distances[2 * i + 1]!);
  }
  return out;
}

describe('decode', () => {
  it('turns a step into [c − d_start, c + d_end] with its class probability', () => {
    const t = stepTargets([{ start: 4, end: 12, label: 2 }], 20, G);
    const c = candidates(perfectOutput(t, G), G, 20);
    expect(c).toHaveLength(2);
    for (const d of c) {
      expect(d.label).toBe(2);
      expect(d.start).toBeCloseTo(4, 4);
      expect(d.end).toBeCloseTo(12, 4);
      expect(d.score).toBeGreaterThan(0.999);
    }
    expect(decode(perfectOutput(t, G), G, { length: 20, nms: 'hard' })).toHaveLength(1);
  });

  it('a perfect output on real untrimmed sequences gives mAP 1 after either NMS', () => {
    const spec = temporalDetector({ id: 't', title: 't' });
    const g = detectorGeometry(spec);
    const seqs = prepareSequences(detectorDataset(7), 'test', 0, 6, g);
    for (const nms of ['hard', 'soft'] as const) {
      const results = seqs.map((s) => ({ groundTruth: s.segments, detections: decode(perfectOutput(s.targets, g), g, { length: s.length, nms }) }));
      expect(meanAveragePrecision(results, 8).mAP).toBeCloseTo(1, 12);
    }
  });
});

describe('the detector spec', () => {
  it('is tiny, keeps one output vector per 4 frames and is what the registry builds', () => {
    const entry = findTrainable('untrimmed_detector');
    expect(entry && isDetector(entry)).toBe(true);
    const spec = entry!.spec();
    const a = analyze(spec);
    expect(a.outputShape).toEqual([11, 128, 1, 1]);
    expect(a.totals.params).toBeLessThanOrEqual(50_000);
    expect(() => entry!.dataset(1)).toThrow(/temporal action detector/);
  });

  it('reads x/size, y/size, confidence per joint and pads with zeros', () => {
    const kp = new Float32Array(2 * 17 * 3).fill(16);
    const x = detectorInput(kp, 2, 4, 32);
    expect(x.length).toBe(4 * 17 * 3);
    expect([x[0], x[1], x[2]]).toEqual([0.5, 0.5, 16]);
    expect(x[2 * 17 * 3]).toBe(0);
  });
});
