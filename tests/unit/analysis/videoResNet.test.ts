import { describe, expect, it } from 'vitest';
import { analyze, intermediateWidth, subtotal } from '../../../src/lib/video-nn/analysis';
import { mc318, r2plus1d18, r3d18, rmc318, videoResNet, type Conv3dLayer, type Layer } from '../../../src/lib/video-nn/spec';

// torchvision's documented figures at 3×16×112×112 (its "GFLOPS" are G MACs):
// https://pytorch.org/vision/stable/models/generated/torchvision.models.video.r3d_18.html  33,371,472 / 40.70
// https://pytorch.org/vision/stable/models/generated/torchvision.models.video.mc3_18.html  11,695,440 / 43.34
// torchvision/models/video/resnet.py R2Plus1D_18_Weights meta: 31,505,325; GFLOPS 40.52
const input = { channels: 3, frames: 16, height: 112, width: 112 };

function findLayer(layers: readonly Layer[], name: string): Layer | undefined {
  for (const layer of layers) {
    if (layer.name === name) return layer;
    const children =
      layer.kind === 'sequential' ? layer.layers : layer.kind === 'residual' ? [...layer.body, ...(layer.shortcut ?? [])] : [];
    const found = findLayer(children, name);
    if (found) return found;
  }
  return undefined;
}

describe("torchvision's video ResNets, exactly", () => {
  it.each([
    ['r3d_18', r3d18, 33_371_472, '40.70'],
    ['mc3_18', mc318, 11_695_440, '43.34'],
    ['r2plus1d_18', r2plus1d18, 31_505_325, '40.52'],
  ] as const)('%s: %i parameters, %s G MACs', (id, build, params, gmacs) => {
    const spec = build();
    expect(spec.id).toBe(id);
    const a = analyze(spec, input);
    expect(a.totals.params).toBe(params);
    expect((a.totals.macs / 1e9).toFixed(2)).toBe(gmacs);
    expect(a.outputShape).toEqual([400]);
  });

  it('r3d_18 stage outputs halve T, H and W from layer2 on', () => {
    const a = analyze(r3d18(), input);
    const out = (name: string) => a.rows.filter((r) => r.name.startsWith(`${name}.`)).at(-1)!.outputShape;
    expect(out('stem')).toEqual([64, 16, 56, 56]);
    expect(out('layer1')).toEqual([64, 16, 56, 56]);
    expect(out('layer2')).toEqual([128, 8, 28, 28]);
    expect(out('layer3')).toEqual([256, 4, 14, 14]);
    expect(out('layer4')).toEqual([512, 2, 7, 7]);
  });

  it('mc3_18 keeps all 16 frames above layer1 (2-D convs and 1×2×2 shortcuts), hence more MACs', () => {
    const a = analyze(mc318(), input);
    expect(a.rows.find((r) => r.name === 'layer4.0.downsample.0')!.outputShape).toEqual([512, 16, 7, 7]);
    const conv = findLayer(mc318().layers, 'layer2.0.conv1.0') as Conv3dLayer;
    expect(conv.kernel).toEqual([1, 3, 3]);
  });

  it("r2plus1d_18's intermediate widths are torchvision's (from each block's input width)", () => {
    const spec = r2plus1d18();
    const mid = (block: string) => (findLayer(spec.layers, `${block}.conv1.0.0`) as Conv3dLayer).outChannels;
    const expected: Record<string, number> = {
      'layer1.0': 144, // ⌊27·64·64 / (9·64 + 3·64)⌋ = ⌊110,592 / 768⌋
      'layer1.1': 144,
      'layer2.0': 230, // ⌊27·64·128 / (9·64 + 3·128)⌋ = ⌊221,184 / 960⌋ = ⌊230.4⌋
      'layer2.1': 288,
      'layer3.0': 460,
      'layer3.1': 576,
      'layer4.0': 921,
      'layer4.1': 1152,
    };
    for (const [block, m] of Object.entries(expected)) {
      expect(mid(block), block).toBe(m);
      // The block's second conv reuses the first conv's M (computed from the block input).
      expect((findLayer(spec.layers, `${block}.conv2.0.0`) as Conv3dLayer).outChannels).toBe(m);
    }
    expect(intermediateWidth(64, 128)).toBe(230);
  });

  it('r2plus1d_18 stem: 1×7×7 to 45 channels, BN, ReLU, 3×1×1 to 64', () => {
    const a = analyze(r2plus1d18(), input);
    expect(subtotal(a, 'stem').params).toBe(45 * 3 * 49 + 2 * 45 + 64 * 45 * 3 + 2 * 64);
  });

  it('rmc3_18 (reversed mixed) is 2-D at the bottom and 3-D on top', () => {
    const spec = rmc318();
    expect((findLayer(spec.layers, 'stem.0') as Conv3dLayer).kernel).toEqual([1, 7, 7]);
    expect((findLayer(spec.layers, 'layer1.0.conv1.0') as Conv3dLayer).kernel).toEqual([1, 3, 3]);
    expect((findLayer(spec.layers, 'layer2.0.conv1.0') as Conv3dLayer).kernel).toEqual([3, 3, 3]);
    const a = analyze(spec, input);
    expect(a.rows.find((r) => r.name === 'layer4')).toBeUndefined(); // stages add no rows of their own
    expect(a.rows.find((r) => r.name === 'layer4.1')!.outputShape).toEqual([512, 2, 7, 7]);
    // Parameters: r3d_18 minus the stem's and layer1's temporal taps.
    const r3d = analyze(r3d18(), input);
    const saved = 64 * 3 * 49 * 2 + 4 * 64 * 64 * 9 * 2;
    expect(a.totals.params).toBe(r3d.totals.params - saved);
  });

  it('the temporal receptive field of r3d_18 covers the clip by layer3', () => {
    const a = analyze(r3d18(), input);
    const rf = (name: string) => a.rows.find((r) => r.name === name)!.receptiveField.temporal;
    expect(rf('stem.0')).toBe(3);
    expect(rf('layer1.1')).toBe(11); // four more 3-tap convs at stride 1
    expect(rf('layer3.1')).toBe(16);
    expect(rf('fc')).toBe(16);
  });

  it('builds narrow, shallow variants for training', () => {
    const tiny = videoResNet({ block: '2plus1d', layers: [1, 1, 1, 1], widths: [8, 16, 32, 64], numClasses: 6 });
    const a = analyze(tiny, { channels: 3, frames: 8, height: 32, width: 32 });
    expect(a.outputShape).toEqual([6]);
    expect(tiny.id).toBe('r21d_10');
    expect((findLayer(tiny.layers, 'stem.0') as Conv3dLayer).outChannels).toBe(6); // round(45·8/64)
  });
});
