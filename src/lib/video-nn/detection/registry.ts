/**
 * The trainable detectors. `findTrainable` (training/registry.ts) consults this
 * list too, so `loadModel('untrimmed_detector')` rebuilds the spec from here.
 * A detector entry is a TrainableModel (its `defaults` count sequences, not
 * clips) plus what detection needs; it has no clip dataset, so its `dataset`
 * refuses with a message pointing at the detector's own tools. Pure library
 * code: no fs, no tfjs.
 */
import type { UntrimmedDataset } from '../data/untrimmed';
import type { TrainableModel } from '../training/registry';
import { detectorDataset } from './data';
import { temporalDetector } from './spec';
import type { DecodeOptions } from './targets';

export interface DetectorEntry extends TrainableModel {
  task: 'detection';
  /** The untrimmed dataset for a data seed (train, validation and test are its disjoint splits). */
  untrimmed: (seed: number) => UntrimmedDataset;
  /** Learning-rate schedule over the epochs. */
  schedule: 'constant' | 'cosine';
  /** Post-processing used for the recorded mAP. */
  decode: Omit<DecodeOptions, 'length'>;
}

export const UNTRIMMED_DETECTOR_ID = 'untrimmed_detector';

const DETECTOR_LIST: DetectorEntry[] = [
  {
    id: UNTRIMMED_DETECTOR_ID,
    title: 'Temporal action detector (ActionFormer-style, one scale) on skeleton keypoints of untrimmed stick-figure sequences',
    temporal: true,
    task: 'detection',
    spec: () => temporalDetector({ id: UNTRIMMED_DETECTOR_ID, title: 'Temporal action detector (1-D, skeleton features)' }),
    dataset: () => {
      throw new Error(`${UNTRIMMED_DETECTOR_ID} is a temporal action detector, not a clip classifier: train it with \`npx tsx scripts/train/detector.ts\` and evaluate it with evaluateDetector (src/lib/video-nn/detection)`);
    },
    untrimmed: detectorDataset,
    defaults: { epochs: 8, trainClips: 512, validationClips: 64, testClips: 256, batchSize: 8, learningRate: 0.003, patience: 3, dataSeed: 2613 },
    schedule: 'constant',
    decode: { nms: 'soft', sigma: 0.5, minScore: 0.05, topK: 100 },
  },
];

export const DETECTORS: readonly DetectorEntry[] = DETECTOR_LIST;

export function findDetector(id: string): DetectorEntry | undefined {
  return DETECTORS.find((d) => d.id === id);
}

export function isDetector(entry: TrainableModel | undefined): entry is DetectorEntry {
  return (entry as DetectorEntry | undefined)?.task === 'detection';
}
