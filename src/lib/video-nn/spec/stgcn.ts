/**
 * ST-GCN (Yan, Xiong & Lin, AAAI 2018) as the official code builds it
 * (yysijie/st-gcn, net/st_gcn.py; mmaction2's STGCN has the same parameters):
 * a batch norm over each joint's input coordinates (data_bn), then ten
 * spatial-temporal blocks — 64, 64, 64, 64, 128 (temporal stride 2), 128, 128,
 * 256 (stride 2), 256, 256 channels; the paper's text speaks of nine layers, the
 * reference code stacks a 3→64 block in front of nine more — and a classifier
 * on the globally pooled features.
 *
 * A skeleton sequence is the volume C×T×V×M: C coordinates (x, y, confidence
 * for 2-D poses), T frames, V joints on the H axis, M persons on the W axis (each
 * person runs through the network separately; the pool averages over them).
 *
 * One block: a graph conv (1×1 conv to 3 partitions × C', aggregated over each
 * partition's normalised adjacency, with a learned edge-importance mask), BN,
 * ReLU, a 9×1 temporal conv (with the block's stride), BN, dropout; plus the
 * residual (identity, or a strided 1×1 conv + BN where the shape changes; none in
 * the first block); ReLU.
 */
import { batchNorm3d, conv3d, dropout, flatten, globalAvgPool, linear, relu, residual, sequential } from './layers';
import { graphConv, jointBatchNorm } from './tokenLayers';
import type { Layer, ModelSpec } from './types';

/** Joints per skeleton layout: COCO keypoints (mmaction2/pyskl 2-D), OpenPose (Kinetics-skeleton), NTU RGB+D (Kinect). */
export const SKELETON_JOINTS = { coco: 17, openpose: 18, ntu: 25 } as const;

export type SkeletonLayout = keyof typeof SKELETON_JOINTS;

export interface StGcnOptions {
  layout?: SkeletonLayout;
  numClasses?: number;
  frames?: number;
  persons?: number;
  /** Coordinates per joint: 3 (x, y, confidence or x, y, z). */
  inChannels?: number;
  /** Adjacency partitions: 3 for the spatial strategy (root, centripetal, centrifugal). */
  partitions?: number;
  /** (out channels, temporal stride) per block; default the paper's ten blocks (64…256). */
  blocks?: readonly (readonly [number, number])[];
  /** Temporal kernel of each block's TCN; default 9. */
  temporalKernel?: number;
  /** Dropout inside each block; default 0.5. */
  dropoutRate?: number;
  id?: string;
}

const BLOCKS: readonly (readonly [number, number])[] = [
  [64, 1], [64, 1], [64, 1], [64, 1], [128, 2], [128, 1], [128, 1], [256, 2], [256, 1], [256, 1],
];

export function stGcn(options: StGcnOptions = {}): ModelSpec {
  const layout = options.layout ?? 'coco';
  const joints = SKELETON_JOINTS[layout];
  const inChannels = options.inChannels ?? 3;
  const partitions = options.partitions ?? 3;
  const layers: Layer[] = [jointBatchNorm('data_bn', inChannels, joints)];
  let channels = inChannels;
  const kt = options.temporalKernel ?? 9;
  const rate = options.dropoutRate ?? 0.5;
  (options.blocks ?? BLOCKS).forEach(([out, stride], i) => {
    const name = `st_gcn_networks.${i}`;
    const body: Layer[] = [
      graphConv(`${name}.gcn`, channels, out, { partitions, joints }),
      batchNorm3d(`${name}.tcn.0`, out),
      relu(`${name}.tcn.1`),
      conv3d(`${name}.tcn.2`, out, out, [kt, 1, 1], { stride: [stride, 1, 1], padding: [(kt - 1) / 2, 0, 0] }),
      batchNorm3d(`${name}.tcn.3`, out),
      ...(rate > 0 ? [dropout(`${name}.tcn.4`, rate)] : []),
    ];
    if (i === 0) {
      layers.push(sequential(name, [...body, relu(`${name}.relu`)]));
    } else {
      const project = stride !== 1 || channels !== out;
      const shortcut = project ? [conv3d(`${name}.residual.0`, channels, out, 1, { stride: [stride, 1, 1] }), batchNorm3d(`${name}.residual.1`, out)] : undefined;
      layers.push(residual(name, body, { ...(shortcut ? { shortcut } : {}), activation: 'relu' }));
    }
    channels = out;
  });
  layers.push(globalAvgPool('pool'), flatten('flatten'), linear('fcn', channels, options.numClasses ?? 60));
  return {
    id: options.id ?? 'st_gcn',
    title: `ST-GCN (${joints} joints)`,
    defaultInput: { channels: inChannels, frames: options.frames ?? 100, height: joints, width: options.persons ?? 2 },
    layers,
  };
}
