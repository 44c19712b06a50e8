/**
 * manifest.json of a trained model (written by `npm run train`, read by
 * loadModel) and the spec hash that ties weights to the spec they were
 * trained as. Pure library code: no fs, no tfjs.
 */
import { sha256Hex } from '../models/weightsIO';
import type { ModelSpec } from '../spec/types';
import type { StreamInput } from '../data/streams';

export const MANIFEST_VERSION = 1;

export interface SplitRecord {
  /** Dataset seed the split is derived from. */
  seed: number;
  split: 'train' | 'validation' | 'test';
  start: number;
  count: number;
}

export interface TrainingManifest {
  manifestVersion: typeof MANIFEST_VERSION;
  modelId: string;
  title: string;
  temporal: boolean;
  /** SHA-256 of JSON.stringify(spec). */
  specHash: string;
  params: number;
  macs: number;
  dataset: { id: string; version: string; classes: string[]; clipShape: number[] };
  data: { train: SplitRecord; validation: SplitRecord; test: SplitRecord };
  training: {
    seed: number; epochs: number; epochsRun: number; bestEpoch: number; stoppedEarly: boolean;
    batchSize: number; learningRate: number; schedule?: 'constant' | 'cosine'; patience: number; seconds: number;
    /** A temporal stream: seconds spent computing every clip's flow stack before training (not in `seconds`). */
    flowSeconds?: number;
    /** Detectors: accuracy fields are step-level (classes + background); validationMAP50 decides early stopping. */
    history: { epoch: number; loss: number; accuracy: number; validationLoss: number; validationAccuracy: number; validationMAP50?: number }[];
  };
  command: string;
  /** For a model started from another's weights (I3D-tiny): where from, and its held-out accuracy before any training. */
  init?: { from: string; fromSpecHash: string; method: string; testAccuracyBeforeTraining: number };
  /** What the model saw of the dataset's clips (a two-stream network's streams: the middle frame, or L stacked flow fields). */
  input?: StreamInput;
  /**
   * A temporal stream fused with its spatial stream: the spatial weight w chosen on the
   * validation split, and on the test split the accuracy of each stream alone and fused
   * (softmax averaged, w·spatial + (1 − w)·temporal) at w and along a sweep of w.
   */
  twoStream?: {
    spatial: string; spatialSpecHash: string; weightSpatial: number;
    validationSweep: { weightSpatial: number; accuracy: number }[];
    test: { count: number; spatial: number; temporal: number; fused: number; sweep: { weightSpatial: number; accuracy: number }[] };
  };
  /** Absent: a clip classifier. 'detection': a temporal action detector (src/lib/video-nn/detection); `test` then also holds mAP@0.5. */
  task?: 'classification' | 'detection';
  /**
   * Detectors: accuracy, perClassAccuracy and confusion are step-level (rows and columns: the classes, then background);
   * mAP50 is ActivityNet-style mAP at tIoU 0.5 over `count` test sequences and perClassAP its per-class APs.
   */
  test: { count: number; accuracy: number; loss: number; perClassAccuracy: number[]; confusion: number[][]; mAP50?: number; perClassAP?: number[] };
  /** Detectors: how outputs become segments (frames per step, distance scale, NMS settings) and the learning-rate schedule. */
  detection?: { stride: number; scale: number; schedule?: string; decode: Record<string, unknown> };
  shards: { path: string; bytes: number; sha256: string }[];
  /** ISO time the manifest was written. */
  created: string;
}

/** Hex SHA-256 of JSON.stringify(spec) (WebCrypto). */
export function specHash(spec: ModelSpec): Promise<string> {
  return sha256Hex(new TextEncoder().encode(JSON.stringify(spec)));
}
