/**
 * Catalogue entries from 2018 on: X3D, the video transformers and ST-GCN.
 */
import { stGcn, timesformer, videoMae, vivitFactorisedEncoder, x3d, type X3dSize } from '../spec';
import type { CatalogueEntry, ReferenceFigure } from './types';

const PYTORCHVIDEO = 'https://github.com/facebookresearch/pytorchvideo/blob/main/docs/source/model_zoo.md';
const SLOWFAST_ZOO = 'https://github.com/facebookresearch/SlowFast/blob/main/MODEL_ZOO.md (X3D models)';
const TIMESFORMER_MM = 'https://github.com/open-mmlab/mmaction2/blob/main/configs/recognition/timesformer/metafile.yml';
const K400 = 'Kinetics-400';

const x3dPaper = { authors: 'Feichtenhofer', title: 'X3D: Expanding Architectures for Efficient Video Recognition', venue: 'CVPR', year: 2020 };

const X3D: readonly { size: X3dSize; frames: number; crop: number; params: string; macs: string; top1: number; idea: string }[] = [
  { size: 'xs', frames: 4, crop: 160, params: '3.79', macs: '0.60', top1: 69.12, idea: 'The smallest X3D: a tiny 2-D-like network expanded only in frame rate, seeing 4 frames at 160².' },
  { size: 's', frames: 13, crop: 160, params: '3.79', macs: '1.96', top1: 73.33, idea: 'X3D-XS expanded in time: the same weights on 13 frames.' },
  { size: 'm', frames: 16, crop: 224, params: '3.79', macs: '4.73', top1: 75.94, idea: 'X3D expanded in time and spatial resolution (16 frames at 224²), still 3.8 M parameters.' },
  { size: 'l', frames: 16, crop: 312, params: '6.15', macs: '18.37', top1: 77.44, idea: 'X3D expanded in depth (5× the blocks) and resolution (312²) as well.' },
];

const x3dEntries: CatalogueEntry[] = X3D.map((v) => {
  const macs: ReferenceFigure = { quantity: 'macs', printed: v.macs, scale: 1e9, source: `${SLOWFAST_ZOO}; X3D paper, Table 4`, convention: 'multiply-adds ("FLOPs") of one view' };
  if (v.size === 'xs') {
    macs.gap = { explanation: "pytorchvideo's X3D-XS at 4×160² has 605,256,512 MACs (0.61 G); the published 0.60 is 0.9% lower, perhaps truncated rather than rounded.", tolerance: 0.01 };
  }
  return {
    id: `x3d_${v.size}`,
    title: `X3D-${v.size.toUpperCase()}`,
    spec: () => x3d({ size: v.size }),
    defaultInput: { channels: 3, frames: v.frames, height: v.crop, width: v.crop },
    paper: x3dPaper,
    keyIdea: v.idea,
    references: [{ quantity: 'params', printed: v.params, scale: 1e6, source: PYTORCHVIDEO, convention: 'Params (M)' }, macs],
    accuracy: { value: v.top1, dataset: K400, metric: 'top-1, 30 views', source: PYTORCHVIDEO, year: 2021 },
  };
});

export const MODERN_ENTRIES: readonly CatalogueEntry[] = [
  ...x3dEntries,
  {
    id: 'timesformer_b',
    title: 'TimeSformer-B (divided space-time)',
    spec: () => timesformer(),
    defaultInput: { channels: 3, frames: 8, height: 224, width: 224 },
    paper: { authors: 'Bertasius, Wang, Torresani', title: 'Is Space-Time Attention All You Need for Video Understanding?', venue: 'ICML', year: 2021 },
    keyIdea: 'A ViT on frame patches whose blocks attend first across time at each position, then across space within each frame, instead of to everything at once.',
    inputNote: '8 frames of 224×224 → 8 × 14 × 14 = 1,568 patch tokens + 1 class token',
    references: [
      { quantity: 'params', printed: '122', scale: 1e6, source: TIMESFORMER_MM, convention: 'params, 400 classes' },
      {
        quantity: 'params',
        printed: '121.4',
        scale: 1e6,
        source: 'Bertasius et al., ICML 2021, Table 1',
        convention: 'parameters',
        gap: {
          explanation: 'The paper counts the same network with a 174-class (Something-Something v2) head: 121,392,558 = 121.4 M. The 400-class model has 121,566,352 (its space-only and joint variants match the paper at 174 classes too: 85.9 M).',
          tolerance: 0.0015,
        },
      },
      { quantity: 'macs', printed: '0.59', scale: 1e12, views: 3, source: 'Bertasius et al., ICML 2021 (inference TFLOPs, 3 spatial crops)', convention: 'multiply-adds incl. attention matmuls, 3 views' },
      {
        quantity: 'macs',
        printed: '588',
        scale: 1e9,
        views: 3,
        source: TIMESFORMER_MM,
        convention: "mmengine's counter (fvcore rules), 3 crops",
        gap: { explanation: "Our MACs are 195.83 G per view (587.49 G for 3); mmengine's counter also charges each LayerNorm 5 operations per element, about 0.2 G per view.", tolerance: 0.002 },
      },
    ],
    accuracy: { value: 77.69, dataset: K400, metric: 'top-1, 3 crops × 1 clip', source: TIMESFORMER_MM, year: 2022, note: 'the paper reports 78.0 (its Table 1)' },
  },
  {
    id: 'vivit_b_fe',
    title: 'ViViT-B/16×2 factorised encoder',
    spec: () => vivitFactorisedEncoder(),
    defaultInput: { channels: 3, frames: 32, height: 224, width: 224 },
    paper: { authors: 'Arnab, Dehghani, Heigold, Sun, Lučić, Schmid', title: 'ViViT: A Video Vision Transformer', venue: 'ICCV', year: 2021 },
    keyIdea: 'Late fusion with transformers: a spatial ViT encodes each frame (tubelet) into one token, and a small temporal transformer reasons over those tokens.',
    inputNote: '32 frames of 224×224 → 2×16×16 tubelets: 16 frames of 14 × 14 tokens',
    references: [
      { quantity: 'params', printed: '115.1', scale: 1e6, source: 'Arnab et al., ICCV 2021, Table 2 (ViViT-B, tubelet 16×2)', convention: 'parameters' },
      {
        quantity: 'macs',
        printed: '284.4',
        scale: 1e9,
        source: 'Arnab et al., ICCV 2021, Table 2',
        convention: 'GFLOPs; which operations are counted is not stated',
        gap: { explanation: 'Linear layers, the tubelet conv and the attention matmuls come to 283.34 G; the paper counts 0.4% more, presumably some of the softmax, norm or GELU work.', tolerance: 0.005 },
      },
    ],
    accuracy: { value: 78.4, dataset: K400, metric: 'top-1, 4 clips × 3 crops', source: 'https://github.com/google-research/scenic/tree/main/scenic/projects/vivit (model zoo)', year: 2021 },
  },
  {
    id: 'videomae_b',
    title: 'VideoMAE ViT-B (fine-tuned)',
    spec: () => videoMae(),
    defaultInput: { channels: 3, frames: 16, height: 224, width: 224 },
    paper: { authors: 'Tong, Song, Wang, Wang', title: 'VideoMAE: Masked Autoencoders are Data-Efficient Learners for Self-Supervised Video Pre-Training', venue: 'NeurIPS', year: 2022 },
    keyIdea: 'Pre-train a plain ViT by hiding 90% of the tubes and reconstructing them; the redundancy of video makes this hard enough to learn motion and shape.',
    inputNote: '16 frames of 224×224 → 2×16×16 tubelets: 1,568 tokens (157 visible at 90% masking during pre-training)',
    references: [
      { quantity: 'params', printed: '87', scale: 1e6, source: 'Tong et al., NeurIPS 2022, Kinetics-400 table', convention: 'parameters' },
      { quantity: 'macs', printed: '180', scale: 1e9, source: 'Tong et al., NeurIPS 2022, Kinetics-400 table (180 × 5 × 3)', convention: 'GFLOPs of one view (fvcore: multiply-adds incl. attention matmuls)' },
    ],
    accuracy: { value: 80.9, dataset: K400, metric: 'top-1, 5 clips × 3 crops, 1600-epoch pre-training', source: 'https://github.com/MCG-NJU/VideoMAE/blob/main/MODEL_ZOO.md', year: 2022 },
  },
  {
    id: 'st_gcn',
    title: 'ST-GCN (17 joints)',
    spec: () => stGcn(),
    defaultInput: { channels: 3, frames: 100, height: 17, width: 2 },
    inputNote: 'a skeleton sequence C×T×V×M: 3 coordinates (x, y, score) × 100 frames × 17 COCO joints × 2 persons',
    paper: { authors: 'Yan, Xiong, Lin', title: 'Spatial Temporal Graph Convolutional Networks for Skeleton-Based Action Recognition', venue: 'AAAI', year: 2018 },
    keyIdea: 'Treat a pose sequence as a graph — bones within a frame, the same joint across frames — and convolve over it with partitioned neighbourhoods.',
    references: [
      { quantity: 'params', printed: '3.1', scale: 1e6, source: 'https://github.com/open-mmlab/mmaction2/blob/main/configs/skeleton/stgcn/metafile.yml (stgcn_8xb16-joint-u100-80e_ntu60-xsub-keypoint-2d)', convention: 'parameters' },
      { quantity: 'macs', printed: '3.8', scale: 1e9, source: 'https://github.com/open-mmlab/mmaction2/blob/main/configs/skeleton/stgcn/metafile.yml', convention: "mmengine's FLOPs (multiply-adds incl. the graph aggregation), 2 persons × 100 frames" },
    ],
    accuracy: { value: 88.95, dataset: 'NTU RGB+D 60, cross-subject (2-D keypoints)', metric: 'top-1', source: 'https://github.com/open-mmlab/mmaction2/blob/main/configs/skeleton/stgcn/metafile.yml', year: 2022 },
  },
];
