#!/usr/bin/env -S npx tsx
// `npx tsx scripts/train/detector.ts [untrimmed_detector] [--epochs N] [--seed S] [--train-clips N] [--out DIR]`:
// trains the temporal action detector on the tfjs CPU backend and writes
// <out>/untrimmed_detector/{model.json, weights.bin, manifest.json} (default out:
// public/weights). --train-clips counts training sequences. The logic is in
// src/lib/video-nn/detection/.
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { parseTrainArgs } from './args';
import { installFastBroadcastKernels, installFastCpuKernels } from './fastCpuKernels';
import { MANIFEST_VERSION, round, specHash, splitRecords, writeTrainedModel, type TrainingManifest } from './manifest';
import { build, exportWeights } from '../../src/lib/video-nn/models';
import { detectorGeometry, DETECTORS, findDetector, prepareSequences, scoreDetector, trainDetector } from '../../src/lib/video-nn/detection';

const USAGE = `Usage: npx tsx scripts/train/detector.ts [${DETECTORS.map((d) => d.id).join('|')}] [--epochs N] [--seed S] [--train-clips N] [--out DIR]
Trains a temporal action detector and writes <out>/<id>/{model.json,weights.bin,manifest.json} (default out: public/weights).
--train-clips: training sequences; --seed seeds the initial weights and the batch order.`;

function fail(message: string): never {
  process.stderr.write(`train detector: ${message}\n`);
  process.exit(2);
}

let args;
try {
  args = parseTrainArgs(process.argv.slice(2));
} catch (e) {
  fail((e as Error).message);
}
if (args.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const entry = findDetector(args.modelId ?? DETECTORS[0]!.id) ?? fail(`unknown detector "${args.modelId}" (one of ${DETECTORS.map((d) => d.id).join(', ')})`);

createRequire(import.meta.url)('@tensorflow/tfjs-core/dist/register_all_gradients');
await tf.setBackend('cpu');
installFastCpuKernels();
installFastBroadcastKernels();

const log = (line: string) => process.stderr.write(`${line}\n`);
const d = entry.defaults;
const seed = args.seed ?? 0;
const epochs = args.epochs ?? d.epochs;
const trainCount = args.trainClips ?? d.trainClips;
const out = args.out ?? 'public/weights';
const spec = entry.spec();
const g = detectorGeometry(spec);
const dataset = entry.untrimmed(d.dataSeed);

let t0 = performance.now();
const train = prepareSequences(dataset, 'train', 0, trainCount, g);
const validation = prepareSequences(dataset, 'validation', 0, d.validationClips, g);
log(`${entry.id}: ${train.length} train and ${validation.length} validation sequences generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const model = build(spec, { seed });
try {
  log(`${entry.id}: ${model.countParams()} parameters, ${model.analysis.totals.macs} MACs per ${g.frames}-frame sequence`);
  let last = 0;
  const result = trainDetector(model, train, validation, {
    epochs, batchSize: d.batchSize, learningRate: d.learningRate, schedule: entry.schedule, patience: d.patience, seed, decode: entry.decode,
    onStep: (p) => {
      if (p.elapsedSeconds - last >= 20 || p.step === p.stepsPerEpoch) {
        last = p.elapsedSeconds;
        log(`epoch ${p.epoch}/${p.epochs} step ${p.step}/${p.stepsPerEpoch} loss ${p.loss.toFixed(4)} step acc ${p.accuracy.toFixed(3)} elapsed ${Math.round(p.elapsedSeconds)} s, left ~${Math.round(p.etaSeconds)} s`);
      }
    },
    onEpoch: (r) => log(`epoch ${r.epoch}: loss ${r.loss.toFixed(4)} acc ${r.accuracy.toFixed(3)} | val loss ${r.validationLoss.toFixed(4)} val acc ${r.validationAccuracy.toFixed(3)} val mAP@0.5 ${r.validationMAP50.toFixed(4)} (${r.seconds.toFixed(1)} s)`),
  });
  t0 = performance.now();
  const testSet = prepareSequences(dataset, 'test', 0, d.testClips, g);
  const test = scoreDetector(model, testSet, g, entry.decode);
  log(`${entry.id}: test on ${test.count} sequences in ${((performance.now() - t0) / 1000).toFixed(1)} s: mAP@0.5 ${test.mAP50.toFixed(4)}, per class ${test.perClassAP.map((v) => v.toFixed(3)).join(' ')}, step acc ${test.stepAccuracy.toFixed(3)}`);

  const shardName = 'weights.bin';
  const { modelJson, shard } = await exportWeights(model, { shardName, metadata: { modelId: entry.id, manifest: 'manifest.json' } });
  const desc = dataset.descriptor;
  const classes = g.classes;
  const perClassAccuracy = test.confusion.slice(0, classes).map((row, i) => {
    const n = row.reduce((a, b) => a + b, 0);
    return n ? round(row[i]! / n) : 0;
  });
  const manifest: TrainingManifest = {
    manifestVersion: MANIFEST_VERSION,
    modelId: entry.id,
    title: entry.title,
    temporal: entry.temporal,
    task: 'detection',
    specHash: await specHash(spec),
    params: model.countParams(),
    macs: model.analysis.totals.macs,
    dataset: { id: desc.id, version: desc.version, classes: [...desc.classes], clipShape: [...model.inputShape] },
    data: splitRecords(desc.seed, { train: trainCount, validation: d.validationClips, test: d.testClips }),
    training: {
      seed, epochs, epochsRun: result.epochsRun, bestEpoch: result.bestEpoch, stoppedEarly: result.stoppedEarly,
      batchSize: d.batchSize, learningRate: d.learningRate, patience: d.patience, seconds: round(result.seconds, 1),
      history: result.history.map((h) => ({
        epoch: h.epoch, loss: round(h.loss), accuracy: round(h.accuracy), validationLoss: round(h.validationLoss),
        validationAccuracy: round(h.validationAccuracy), validationMAP50: round(h.validationMAP50),
      })),
    },
    command: ['npx tsx scripts/train/detector.ts', ...process.argv.slice(2)].join(' '),
    test: {
      count: test.count, accuracy: round(test.stepAccuracy), loss: round(test.loss), perClassAccuracy, confusion: test.confusion,
      mAP50: round(test.mAP50), perClassAP: test.perClassAP.map((v) => round(v)),
    },
    detection: { stride: g.stride, scale: g.scale, schedule: entry.schedule, decode: { ...entry.decode } },
    shards: [{ path: shardName, bytes: shard.byteLength, sha256: modelJson.weightsManifest[0]!.sha256[0]! }],
    created: new Date().toISOString(),
  };
  const dir = await writeTrainedModel(out, manifest, modelJson, shard);
  process.stdout.write(`${entry.id}: test mAP@0.5 ${manifest.test.mAP50} on ${test.count} sequences, ${result.epochsRun} epochs, ${manifest.training.seconds} s → ${dir}/\n`);
} finally {
  model.dispose();
}
