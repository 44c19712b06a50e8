/**
 * The curriculum's small teaching models. Their reference figures are exact
 * counts derived by hand (and checked against torchvision where the model is a
 * piece of a torchvision model), not published numbers.
 */
import { r2plus1dBlock, small3dCnn, twoStreamResNet18 } from '../spec';
import type { CatalogueEntry } from './types';

const RESNET18 = 'https://pytorch.org/vision/stable/models/generated/torchvision.models.resnet18.html (11,689,512 parameters, 1.81 GFLOPS at 1,000 classes)';
const twoStreamPaper = { authors: 'Simonyan, Zisserman', title: 'Two-Stream Convolutional Networks for Action Recognition in Videos', venue: 'NeurIPS', year: 2014 };

export const TEACHING_ENTRIES: readonly CatalogueEntry[] = [
  {
    id: 'small3dcnn',
    title: 'Small3DCNN',
    spec: () => small3dCnn(),
    defaultInput: { channels: 3, frames: 16, height: 64, width: 64 },
    paper: { authors: 'Tran, Bourdev, Fergus, Torresani, Paluri (reduced for this book)', title: 'Learning Spatiotemporal Features with 3D Convolutional Networks', venue: 'ICCV', year: 2015 },
    keyIdea: 'Three 3×3×3 conv stages, pooling space before time, are enough to tell motions apart that single frames cannot.',
    references: [
      { quantity: 'params', printed: '71030', scale: 1, source: 'hand count: 3·16·27 + 32 + 16·32·27 + 64 + 32·64·27 + 128 + 64·6 + 6', convention: 'parameters (convs without bias, BN scale and shift)' },
    ],
    teaching: true,
  },
  {
    id: 'r2plus1d_block',
    title: 'R(2+1)D block (64 → 64)',
    spec: () => r2plus1dBlock(),
    defaultInput: { channels: 64, frames: 16, height: 56, width: 56 },
    inputNote: "the 64×16×56×56 feature map r2plus1d_18's first residual block receives",
    paper: { authors: 'Tran, Wang, Torresani, Ray, LeCun, Paluri', title: 'A Closer Look at Spatiotemporal Convolutions for Action Recognition', venue: 'CVPR', year: 2018 },
    keyIdea: 'One residual block with each 3×3×3 conv factorised into 1×3×3 to M = 144 channels and 3×1×1 back to 64, the same 110,592 weights per conv.',
    references: [
      { quantity: 'params', printed: '222016', scale: 1, source: "torchvision r2plus1d_18, layer1.0: 2 × (82,944 + 27,648) weights + BN 2·(144 + 64) per conv", convention: 'parameters' },
      { quantity: 'macs', printed: '11098128384', scale: 1, source: 'hand count: 221,184 weights × 16·56·56 output positions', convention: 'MACs of the four convs' },
    ],
    teaching: true,
  },
  {
    id: 'two_stream_rgb_r18',
    title: 'Two-stream: spatial stream (ResNet-18, RGB)',
    spec: () => twoStreamResNet18().spatial,
    defaultInput: { channels: 3, frames: 1, height: 224, width: 224 },
    inputNote: 'one RGB frame',
    paper: twoStreamPaper,
    keyIdea: 'An ordinary image network on a single frame: the appearance half of the two-stream pair.',
    references: [
      { quantity: 'params', printed: '11228325', scale: 1, source: `${RESNET18}, with a 512→101 classifier: 11,689,512 − 899 × 513`, convention: 'parameters' },
      { quantity: 'macs', printed: '1.81', scale: 1e9, source: RESNET18, convention: "torchvision's GFLOPS (G MACs)" },
    ],
    accuracy: { value: 73.0, dataset: 'UCF-101', metric: 'top-1, mean over 3 splits', source: 'Simonyan & Zisserman, NeurIPS 2014', year: 2014, note: 'with their CNN-M-2048 backbone, not ResNet-18' },
    teaching: true,
  },
  {
    id: 'two_stream_flow_r18',
    title: 'Two-stream: temporal stream (ResNet-18, 20 flow channels)',
    spec: () => twoStreamResNet18().temporal,
    defaultInput: { channels: 20, frames: 1, height: 224, width: 224 },
    inputNote: 'L = 10 stacked optical-flow fields, (dx, dy) each: 2L = 20 channels',
    paper: twoStreamPaper,
    keyIdea: 'The same network on stacked optical flow, so motion is given to it explicitly; only the first conv widens, to 64·20·7·7 = 62,720 weights.',
    references: [
      { quantity: 'params', printed: '11281637', scale: 1, source: 'the spatial stream + 64·(20 − 3)·7·7 = 53,312 first-conv weights', convention: 'parameters' },
      { quantity: 'macs', printed: '2482358784', scale: 1, source: "the spatial stream's 1,813,613,056 + 53,312 × 112·112 = 668,745,728 for the wider first conv", convention: 'MACs' },
    ],
    accuracy: { value: 83.7, dataset: 'UCF-101', metric: 'top-1, mean over 3 splits', source: 'Simonyan & Zisserman, NeurIPS 2014', year: 2014, note: 'with their CNN-M-2048 backbone; averaging both streams gave 86.9' },
    teaching: true,
  },
];
