/**
 * Catalogue entries of the convolutional video networks, 2014–2019.
 */
import { c3dSports1m, c3dUcf101, i3dInception, i3dR50, mc318, r2plus1d18, r3d18, s3d, slowFastR50_4x16, slowFastR50_8x8, slowR50, tsmR50 } from '../spec';
import type { CatalogueEntry, ReferenceFigure } from './types';

const MMACTION = 'https://github.com/open-mmlab/mmaction2/blob/0.x/configs/recognition';
const TORCHVISION = 'https://pytorch.org/vision/stable/models/generated/torchvision.models.video';
const PYTORCHVIDEO = 'https://github.com/facebookresearch/pytorchvideo/blob/main/docs/source/model_zoo.md';
const MMCV = "mmcv's flops counter (mmaction2 0.x tools/analysis/get_flops.py): MACs plus norms, activations, pools, conv biases";
const TV_MACS = "torchvision's documented GFLOPS, which are G multiply-accumulates of convs and linear layers";
const K400 = 'Kinetics-400';

const exact = (quantity: ReferenceFigure['quantity'], n: number, source: string, convention: string): ReferenceFigure => ({
  quantity,
  printed: String(n),
  scale: 1,
  source,
  convention,
});

const c3dPaper = { authors: 'Tran, Bourdev, Fergus, Torresani, Paluri', title: 'Learning Spatiotemporal Features with 3D Convolutional Networks', venue: 'ICCV', year: 2015 };
const closerLook = { authors: 'Tran, Wang, Torresani, Ray, LeCun, Paluri', title: 'A Closer Look at Spatiotemporal Convolutions for Action Recognition', venue: 'CVPR', year: 2018 };
const slowFastPaper = { authors: 'Feichtenhofer, Fan, Malik, He', title: 'SlowFast Networks for Video Recognition', venue: 'ICCV', year: 2019 };
const c3dMacs: ReferenceFigure = {
  quantity: 'macs',
  printed: '38.55',
  scale: 1e9,
  source: 'CURRICULUM.md, chapter 4 (hand count of the reference C3D: pool5 padded to 512×1×4×4)',
  convention: 'MACs of convs and fully connected layers',
};

export const CONV_ENTRIES: readonly CatalogueEntry[] = [
  {
    id: 'c3d',
    title: 'C3D (UCF-101, 101 classes)',
    spec: c3dUcf101,
    defaultInput: { channels: 3, frames: 16, height: 112, width: 112 },
    paper: c3dPaper,
    keyIdea: 'Stack small 3×3×3 convolutions and pools like VGG, so every layer filters space and time together and keeps a time axis until the end.',
    references: [
      exact('params', 78_409_573, `${MMACTION}/c3d/metafile.yml`, 'parameters'),
      exact('mmcvFlops', 38_615_475_200, `${MMACTION}/c3d/metafile.yml`, MMCV),
      c3dMacs,
    ],
    accuracy: { value: 82.92, dataset: 'UCF-101 (split 1)', metric: 'top-1, Sports-1M pre-trained', source: `${MMACTION}/c3d/metafile.yml`, year: 2022 },
  },
  {
    id: 'c3d_sports1m',
    title: 'C3D (Sports-1M, 487 classes)',
    spec: c3dSports1m,
    defaultInput: { channels: 3, frames: 16, height: 112, width: 112 },
    paper: c3dPaper,
    keyIdea: 'The same C3D trained on a million sports videos, whose fc6 activations became a generic clip descriptor.',
    references: [
      exact('params', 79_991_015, `${MMACTION}/c3d/metafile.yml (78,409,573 at 101 classes) + 386 × 4,097 for the 487-way fc8`, 'parameters'),
      c3dMacs,
    ],
    accuracy: { value: 84.4, dataset: 'Sports-1M', metric: 'video top-5 (hit@5)', source: 'Tran et al., ICCV 2015, Table 2', year: 2015 },
  },
  {
    id: 'r3d_18',
    title: 'R3D-18',
    spec: () => r3d18(),
    defaultInput: { channels: 3, frames: 16, height: 112, width: 112 },
    paper: closerLook,
    keyIdea: 'A ResNet-18 whose every convolution is a full 3×3×3 kernel: residual learning carried over to space-time.',
    references: [
      exact('params', 33_371_472, `${TORCHVISION}.r3d_18.html`, 'num_params'),
      { quantity: 'macs', printed: '40.70', scale: 1e9, source: `${TORCHVISION}.r3d_18.html`, convention: TV_MACS },
    ],
    accuracy: { value: 63.2, dataset: K400, metric: 'top-1, video level (5 clips of 16 frames)', source: `${TORCHVISION}.r3d_18.html`, year: 2018 },
  },
  {
    id: 'mc3_18',
    title: 'MC3-18 (mixed convolutions)',
    spec: () => mc318(),
    defaultInput: { channels: 3, frames: 16, height: 112, width: 112 },
    paper: closerLook,
    keyIdea: 'Use 3-D convolutions only in the bottom layers and 2-D ones above, betting that motion is modelled early.',
    references: [
      exact('params', 11_695_440, `${TORCHVISION}.mc3_18.html`, 'num_params'),
      { quantity: 'macs', printed: '43.34', scale: 1e9, source: `${TORCHVISION}.mc3_18.html`, convention: TV_MACS },
    ],
    accuracy: { value: 63.96, dataset: K400, metric: 'top-1, video level (5 clips of 16 frames)', source: `${TORCHVISION}.mc3_18.html`, year: 2018 },
  },
  {
    id: 'r2plus1d_18',
    title: 'R(2+1)D-18',
    spec: () => r2plus1d18(),
    defaultInput: { channels: 3, frames: 16, height: 112, width: 112 },
    paper: closerLook,
    keyIdea: 'Split each 3×3×3 convolution into a spatial 1×3×3 and a temporal 3×1×1 one, widened so the weights match, doubling the nonlinearities.',
    references: [
      exact('params', 31_505_325, 'pytorch/vision torchvision/models/video/resnet.py (R2Plus1D_18_Weights meta)', 'num_params'),
      { quantity: 'macs', printed: '40.52', scale: 1e9, source: `${TORCHVISION}.r2plus1d_18.html`, convention: TV_MACS },
    ],
    accuracy: { value: 57.5, dataset: K400, metric: 'top-1, clip level (16 frames)', source: 'https://pytorch.org/vision/0.13/models/generated/torchvision.models.video.r2plus1d_18.html', year: 2018 },
  },
  {
    id: 's3d',
    title: 'S3D',
    spec: () => s3d(),
    defaultInput: { channels: 3, frames: 16, height: 224, width: 224 },
    paper: { authors: 'Xie, Sun, Huang, Tu, Murphy', title: 'Rethinking Spatiotemporal Feature Learning', venue: 'ECCV', year: 2018 },
    keyIdea: 'An Inception network whose 3-D convolutions are all separated into spatial and temporal parts, which is cheaper and no less accurate.',
    references: [
      exact('params', 8_320_048, `${TORCHVISION}.s3d.html`, 'num_params'),
      { quantity: 'macs', printed: '17.98', scale: 1e9, source: `${TORCHVISION}.s3d.html`, convention: TV_MACS },
    ],
    accuracy: { value: 68.368, dataset: K400, metric: 'top-1, clip level (128 frames)', source: `${TORCHVISION}.s3d.html`, year: 2018 },
  },
  {
    id: 'i3d_inception',
    title: 'I3D (Inception-v1, RGB)',
    spec: () => i3dInception(),
    defaultInput: { channels: 3, frames: 64, height: 224, width: 224 },
    paper: { authors: 'Carreira, Zisserman', title: 'Quo Vadis, Action Recognition? A New Model and the Kinetics Dataset', venue: 'CVPR', year: 2017 },
    keyIdea: 'Inflate every 2-D filter of an ImageNet-trained Inception network into 3-D, so video training starts from good image features.',
    references: [
      { quantity: 'params', printed: '12.69', scale: 1e6, source: "OpenVINO Open Model Zoo, i3d-rgb-tf (DeepMind's checkpoint)", convention: 'parameters; Sonnet batch norm has a shift but no scale' },
      {
        quantity: 'macs',
        printed: '108',
        scale: 1e9,
        source: 'Xie et al., ECCV 2018 (S3D), comparison table; CURRICULUM.md chapter 8',
        convention: 'GFLOPs at 64×224×224, counting not described',
        gap: { explanation: 'Every conv MAC of DeepMind\'s graph at 64×224×224 is 111.15 G; the ~108 quoted by later papers is 2.8% lower and its counting is not stated.', tolerance: 0.03 },
      },
    ],
    accuracy: { value: 71.1, dataset: K400, metric: 'top-1 (test), RGB stream, ImageNet-initialised', source: 'Carreira & Zisserman, CVPR 2017', year: 2017, note: '68.4 when trained from scratch; 74.2 with the optical-flow stream added' },
  },
  {
    id: 'i3d_r50',
    title: 'I3D-R50 (inflated ResNet-50)',
    spec: () => i3dR50(),
    defaultInput: { channels: 3, frames: 32, height: 256, width: 256 },
    paper: { authors: 'Carreira, Zisserman (ResNet-50 version: Wang, Girshick, Gupta, He, CVPR 2018)', title: 'Quo Vadis, Action Recognition?', venue: 'CVPR', year: 2017 },
    keyIdea: 'The inflation recipe applied to ResNet-50, with temporal kernels in about half of the bottlenecks.',
    references: [
      exact('params', 28_043_472, `${MMACTION}/i3d/metafile.yml (i3d_r50_32x2x1_100e)`, 'parameters'),
      exact('mmcvFlops', 43_564_040_192, `${MMACTION}/i3d/metafile.yml (i3d_r50_32x2x1_100e)`, `${MMCV}, at 32×256×256`),
    ],
    accuracy: { value: 73.22, dataset: K400, metric: 'top-1', source: `${MMACTION}/i3d/metafile.yml`, year: 2020 },
  },
  {
    id: 'slow_r50',
    title: 'Slow-R50 8×8 (SlowOnly)',
    spec: () => slowR50(),
    defaultInput: { channels: 3, frames: 8, height: 256, width: 256 },
    paper: slowFastPaper,
    keyIdea: 'The Slow pathway alone: few frames, temporal kernels only in the last two stages, where features are semantic enough to track.',
    references: [
      exact('params', 32_454_096, `${MMACTION}/slowonly/metafile.yml (slowonly_r50_8x8x1)`, 'parameters'),
      { quantity: 'macs', printed: '54.52', scale: 1e9, source: PYTORCHVIDEO, convention: "pytorchvideo's FLOPs (G MACs, fvcore) at 8×256×256" },
    ],
    accuracy: { value: 74.58, dataset: K400, metric: 'top-1, 30 views', source: PYTORCHVIDEO, year: 2021 },
  },
  {
    id: 'slowfast_r50_4x16',
    title: 'SlowFast-R50 4×16',
    spec: slowFastR50_4x16,
    defaultInput: { channels: 3, frames: 32, height: 256, width: 256 },
    paper: slowFastPaper,
    keyIdea: 'Two pathways over one clip: a slow, wide one for appearance and a fast, thin one (8× the frames, 1/8 of the channels) for motion, joined by lateral connections.',
    references: [
      exact('params', 34_479_288, `${MMACTION}/slowfast/metafile.yml (slowfast_r50_4x16x1_256e)`, 'parameters'),
      exact('mmcvFlops', 36_441_296_896, `${MMACTION}/slowfast/metafile.yml (slowfast_r50_4x16x1_256e)`, `${MMCV}, at 32×256×256`),
    ],
    accuracy: { value: 74.75, dataset: K400, metric: 'top-1', source: `${MMACTION}/slowfast/metafile.yml`, year: 2020 },
  },
  {
    id: 'slowfast_r50_8x8',
    title: 'SlowFast-R50 8×8',
    spec: slowFastR50_8x8,
    defaultInput: { channels: 3, frames: 32, height: 256, width: 256 },
    paper: slowFastPaper,
    keyIdea: 'SlowFast with twice the Slow frames (α = 4): more temporal detail in the wide pathway at about 1.8× the cost.',
    references: [
      exact('params', 34_565_560, `${MMACTION}/slowfast/metafile.yml (slowfast_r50_8x8x1_256e)`, 'parameters'),
      exact('mmcvFlops', 66_222_034_944, `${MMACTION}/slowfast/metafile.yml (slowfast_r50_8x8x1_256e)`, `${MMCV}, at 32×256×256`),
      { quantity: 'macs', printed: '65.71', scale: 1e9, source: PYTORCHVIDEO, convention: "pytorchvideo's FLOPs (G MACs, fvcore)" },
    ],
    accuracy: { value: 76.94, dataset: K400, metric: 'top-1, 30 views', source: PYTORCHVIDEO, year: 2021 },
  },
  {
    id: 'tsm_r50',
    title: 'TSM-R50 (8 segments)',
    spec: () => tsmR50(),
    defaultInput: { channels: 3, frames: 8, height: 224, width: 224 },
    paper: { authors: 'Lin, Gan, Han', title: 'TSM: Temporal Shift Module for Efficient Video Understanding', venue: 'ICCV', year: 2019 },
    keyIdea: 'A 2-D ResNet made temporal for free: a quarter of the channels in each residual branch are shifted one frame forward or back.',
    references: [
      exact('params', 24_327_632, `${MMACTION}/tsm/metafile.yml (tsm_r50_1x1x8_50e)`, 'parameters'),
      exact('mmcvFlops', 32_965_562_368, `${MMACTION}/tsm/metafile.yml (tsm_r50_1x1x8_50e)`, `${MMCV}, 8 segments at 224×224, classifier applied per segment`),
    ],
    accuracy: { value: 70.24, dataset: K400, metric: 'top-1, 8 segments', source: `${MMACTION}/tsm/metafile.yml`, year: 2020 },
  },
];
