/**
 * Teaching models of chapters 3 and 6 that are parts or pairs of bigger ones:
 *
 * - the R(2+1)D block alone: torchvision's BasicBlock with (2+1)-D convs, as
 *   r2plus1d_18's layer1.0 (64 → 64, M = 144 so each factorised conv has the
 *   110,592 weights of the full 3×3×3 conv it replaces);
 * - the two-stream pair on ResNet-18 (Simonyan & Zisserman's design on a modern
 *   backbone): a spatial stream on one RGB frame and a temporal stream on L = 10
 *   stacked optical-flow fields, 2L = 20 input channels. Only the first conv
 *   differs: 64·20·7·7 = 62,720 weights instead of 64·3·7·7 = 9,408.
 */
import { resnet2d } from './resnet2d';
import { basicBlock, type StageConv } from './videoResNet';
import type { ClipShape, ModelSpec } from './types';

export function r2plus1dBlock(options: { channels?: number; input?: ClipShape; conv?: StageConv } = {}): ModelSpec {
  const c = options.channels ?? 64;
  return {
    id: 'r2plus1d_block',
    title: 'R(2+1)D block (64 → 64)',
    defaultInput: options.input ?? { channels: c, frames: 16, height: 56, width: 56 },
    layers: [basicBlock('block', options.conv ?? '2plus1d', c, c, 1)],
  };
}

export interface TwoStreamOptions {
  /** Flow fields stacked in the temporal stream's input (2L channels); default 10. */
  flowFields?: number;
  /** Default 101 (UCF-101). */
  numClasses?: number;
  crop?: number;
}

/** The two streams, each a ResNet-18 on one input "frame" (an RGB image, or 2L flow channels). */
export function twoStreamResNet18(options: TwoStreamOptions = {}): { spatial: ModelSpec; temporal: ModelSpec } {
  const numClasses = options.numClasses ?? 101;
  const crop = options.crop ?? 224;
  const fields = options.flowFields ?? 10;
  return {
    spatial: resnet2d({ depth: 18, inChannels: 3, numClasses, crop, id: 'two_stream_rgb_r18', title: 'Two-stream: spatial stream (ResNet-18, RGB)' }),
    temporal: resnet2d({ depth: 18, inChannels: 2 * fields, numClasses, crop, id: 'two_stream_flow_r18', title: `Two-stream: temporal stream (ResNet-18, ${2 * fields} flow channels)` }),
  };
}
