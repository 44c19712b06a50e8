/**
 * countParams() equals analyze(spec).totals.params for every spec builder: the
 * small variants are built and run (output shape = the analysis's), the
 * full-size catalogue entries are built but only counted (inference at their
 * reference inputs is far too slow for the CPU backend in Node).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../../src/lib/video-nn/analysis';
import { build, toTfjsLayout } from '../../../src/lib/video-nn/models';
import { selfTestSpec } from '../../../src/lib/video-nn/models/selfTestModel';
import { CATALOGUE } from '../../../src/lib/video-nn/catalogue';
import {
  fusion,
  i3dInception,
  i3dR50,
  r2plus1dBlock,
  resnet2d,
  slowFast,
  slowR50,
  small3dCnn,
  stGcn,
  timesformer,
  tsmR50,
  twoStreamResNet18,
  videoMae,
  videoResNet,
  vivitFactorisedEncoder,
  x3d,
  type ClipShape,
  type FusionKind,
  type ModelSpec,
  type TimesformerAttention,
  type VideoResNetBlock,
} from '../../../src/lib/video-nn/spec';
import { randomClip, tf, useCpu } from './helpers';

beforeAll(useCpu);

const clip = (frames: number, size: number): ClipShape => ({ channels: 3, frames, height: size, width: size });
const counts: string[] = [];

const small: [string, ModelSpec][] = [
  ['small3dCnn width 4', small3dCnn({ width: 4, input: clip(4, 16) })],
  ['small3dCnn width 4 + dropout', small3dCnn({ width: 4, dropoutRate: 0.3, input: clip(4, 16) })],
  ...(['single', 'late', 'early', 'slow'] as FusionKind[]).map((kind): [string, ModelSpec] => [
    `fusion ${kind}`,
    fusion({ kind, widths: [4, 8], input: clip(kind === 'single' ? 1 : 8, 16) }),
  ]),
  ...(['basic3d', 'mixed', '2plus1d', 'rmc'] as VideoResNetBlock[]).map((block): [string, ModelSpec] => [
    `videoResNet ${block} widths 8,8,16,16`,
    { ...videoResNet({ block, widths: [8, 8, 16, 16], numClasses: 5 }), defaultInput: clip(4, 16) },
  ]),
  ['x3d xs at 4×32×32', x3d({ size: 'xs', input: clip(4, 32) })],
  ['x3d s (shortcut norm always) at 4×32×32', x3d({ size: 's', shortcutNorm: 'always', input: clip(4, 32) })],
  ['x3d l at 2×32×32', x3d({ size: 'l', input: clip(2, 32) })],
  ['slowFast α 8 τ 8 at 16×32×32', slowFast({ alpha: 8, tau: 8, input: clip(16, 32) })],
  ['slowFast α 4 τ 4 kernel 7 at 8×32×32', slowFast({ alpha: 4, tau: 4, lateralKernel: 7, input: clip(8, 32) })],
  ['slowFast lateral BN + ReLU at 8×32×32', slowFast({ alpha: 4, tau: 4, lateralNorm: true, input: clip(8, 32) })],
  ['slowFast time-to-channel at 8×32×32', slowFast({ alpha: 4, tau: 4, lateral: 'timeToChannel', input: clip(8, 32) })],
  ['i3d-r50 at 8×32×32', i3dR50({ input: clip(8, 32) })],
  ['slow-r50 at 4×32×32', slowR50({ frames: 4, crop: 32 })],
  ['tsm-r50 (shift 1/8, per-segment head) at 4×32×32', tsmR50({ segments: 4, crop: 32 })],
  ['resnet18 per frame at 2×32×32', resnet2d({ depth: 18, frames: 2, crop: 32, numClasses: 7 })],
  ['two-stream flow stream (20 channels) at 32×32', twoStreamResNet18({ crop: 32 }).temporal],
  ['R(2+1)D block 8 → 8', r2plus1dBlock({ channels: 8, input: { channels: 8, frames: 4, height: 8, width: 8 } })],
  ...(['divided', 'jointSpaceTime', 'spaceOnly'] as TimesformerAttention[]).map((attention): [string, ModelSpec] => [
    `timesformer ${attention}, width 16, depth 2, 2×32×32`,
    timesformer({ attention, frames: 2, crop: 32, width: 16, depth: 2, heads: 2, numClasses: 3 }),
  ]),
  ['vivit factorised encoder, width 16, 4×32×32', vivitFactorisedEncoder({ frames: 4, crop: 32, width: 16, heads: 2, spatialLayers: 1, temporalLayers: 1, numClasses: 3 })],
  ['videomae, width 16, 4×32×32', videoMae({ frames: 4, crop: 32, width: 16, heads: 2, depth: 2, numClasses: 3 })],
  ['st-gcn, 8 frames, 2 persons', stGcn({ frames: 8, persons: 2, numClasses: 5 })],
  ['self-test model', selfTestSpec()],
];

describe('small variants: built, run, counted', () => {
  it.each(small)('%s', (label, spec) => {
    const model = build(spec, { seed: 1 });
    const analysis = analyze(spec);
    expect(model.countParams()).toBe(analysis.totals.params);
    const input = spec.defaultInput;
    const x = randomClip([2, input.frames, input.height, input.width, input.channels], 3);
    const y = model.predict(x.tensor);
    expect(y.shape).toEqual([2, ...toTfjsLayout(analysis.outputShape)]);
    expect(Array.from(y.dataSync()).every(Number.isFinite)).toBe(true);
    counts.push(`${label}: ${model.countParams().toLocaleString('en')} params, output ${JSON.stringify(y.shape)}`);
    tf.dispose([x.tensor, y]);
    model.dispose();
  }, 60_000);
});

/** Every catalogue entry, and variants the catalogue does not list. */
const full: [string, ModelSpec][] = [
  ...CATALOGUE.map((entry): [string, ModelSpec] => [entry.id, entry.spec()]),
  ['i3d_inception (BN scale and shift)', i3dInception({ batchNorm: 'scaleAndShift' })],
  ['x3d_m (shortcut norm always)', x3d({ size: 'm', shortcutNorm: 'always' })],
  ['slowfast_r50_4x16 (lateral BN + ReLU)', slowFast({ alpha: 8, tau: 8, lateralNorm: true })],
];

describe('full-size catalogue: built and counted (not run)', () => {
  it.each(full)('%s', (id, spec) => {
    const before = tf.memory().numTensors;
    const model = build(spec);
    expect(model.countParams()).toBe(analyze(spec).totals.params);
    counts.push(`${id} (full size): ${model.countParams().toLocaleString('en')} params`);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  it('prints the counts', () => {
    console.log(counts.join('\n'));
  });
});
