/**
 * Trains one registry model and writes `<out>/<id>/{model.json, weights.bin,
 * manifest.json}`. The caller registers a tfjs backend and the gradients.
 */
import { join } from 'node:path';
import { build, exportWeights, inflateModel, type VideoModel } from '../../src/lib/video-nn/models';
import type { ClipDataset } from '../../src/lib/video-nn/data';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import type { FlowStackDataset } from '../../src/lib/video-nn/flow/clipFlows';
import { evaluate, predictSplit, train, type LearningRateSchedule, type StepProgress } from '../../src/lib/video-nn/training';
import { modelDataset } from '../../src/lib/video-nn/training/modelInput';
import { bestFusionWeight, fusionSweep } from '../../src/lib/video-nn/training/twoStream';
import { loadTrained, MANIFEST_VERSION, round, specHash, splitRecords, writeTrainedModel, type TrainingManifest } from './manifest';
import type { TrainableModel } from './registry';

export interface RunOptions {
  epochs?: number;
  seed?: number;
  trainClips?: number;
  patience?: number;
  learningRate?: number;
  schedule?: LearningRateSchedule;
  out: string;
  /** The exact command, recorded in the manifest. */
  command: string;
  onStep?: (p: StepProgress) => void;
  log?: (line: string) => void;
}


export async function trainAndWrite(entry: TrainableModel, options: RunOptions): Promise<TrainingManifest> {
  const d = entry.defaults;
  const seed = options.seed ?? 0;
  const epochs = options.epochs ?? d.epochs;
  const trainClips = options.trainClips ?? d.trainClips;
  const learningRate = options.learningRate ?? d.learningRate;
  const patience = options.patience ?? d.patience;
  const schedule = options.schedule ?? d.schedule ?? 'constant';
  const spec = entry.spec();
  const dataset = modelDataset(entry, d.dataSeed);
  const flowSeconds = 'prepare' in dataset ? await prepareFlows(dataset as FlowStackDataset, { train: trainClips, validation: d.validationClips, test: d.testClips }, options.log) : undefined;
  const { model, init } = await initialModel(entry, options.out, seed, dataset, d.testClips);
  try {
    const result = train(model, dataset, {
      trainClips, validationClips: d.validationClips, epochs, batchSize: d.batchSize,
      learningRate, schedule, patience, seed,
      ...(options.onStep ? { onStep: options.onStep } : {}),
      onEpoch: (r) => options.log?.(`epoch ${r.epoch}: loss ${r.loss.toFixed(4)} acc ${r.accuracy.toFixed(3)} | val loss ${r.validationLoss.toFixed(4)} val acc ${r.validationAccuracy.toFixed(3)} (${r.seconds.toFixed(1)} s)`),
    });
    const test = evaluate(model, dataset, { split: 'test', count: d.testClips });
    const twoStream = entry.fuseWith ? await fuseStreams(entry.fuseWith, options.out, model, dataset, d.validationClips, d.testClips) : undefined;
    const shardName = 'weights.bin';
    const { modelJson, shard } = await exportWeights(model, { shardName, metadata: { modelId: entry.id, manifest: 'manifest.json' } });
    const desc = dataset.descriptor;
    const manifest: TrainingManifest = {
      manifestVersion: MANIFEST_VERSION,
      modelId: entry.id,
      title: entry.title,
      temporal: entry.temporal,
      specHash: await specHash(spec),
      params: model.countParams(),
      macs: model.analysis.totals.macs,
      dataset: { id: desc.id, version: desc.version, classes: [...desc.classes], clipShape: [...desc.clipShape] },
      data: splitRecords(desc.seed, { train: trainClips, validation: d.validationClips, test: d.testClips }),
      training: {
        seed, epochs, epochsRun: result.epochsRun, bestEpoch: result.bestEpoch, stoppedEarly: result.stoppedEarly,
        batchSize: d.batchSize, learningRate, schedule, patience, seconds: round(result.seconds, 1),
        ...(flowSeconds !== undefined ? { flowSeconds: round(flowSeconds, 1) } : {}),
        history: result.history.map((h) => ({
          epoch: h.epoch, loss: round(h.loss), accuracy: round(h.accuracy), validationLoss: round(h.validationLoss), validationAccuracy: round(h.validationAccuracy),
        })),
      },
      command: options.command,
      ...(init ? { init } : {}),
      ...(entry.input ? { input: entry.input } : {}),
      ...(twoStream ? { twoStream } : {}),
      test: { count: test.count, accuracy: round(test.accuracy), loss: round(test.loss), perClassAccuracy: test.perClassAccuracy.map((v) => round(v)), confusion: test.confusion },
      shards: [{ path: shardName, bytes: shard.byteLength, sha256: modelJson.weightsManifest[0]!.sha256[0]! }],
      created: new Date().toISOString(),
    };
    await writeTrainedModel(options.out, manifest, modelJson, shard);
    return manifest;
  } finally {
    model.dispose();
  }
}

/**
 * A fresh model from the build seed, or — for an entry with `init` — the
 * shipped weights of another model inflated into this spec, evaluated on the
 * held-out set before any training so the manifest can show what inflation
 * alone gives.
 */
async function initialModel(entry: TrainableModel, out: string, seed: number, dataset: ClipDataset, testClips: number): Promise<{ model: VideoModel; init?: TrainingManifest['init'] }> {
  const spec = entry.spec();
  const init = entry.init;
  if (!init) return { model: build(spec, { seed }) };
  const source = await loadTrained(join(out, init.from)).catch((e: Error) => {
    throw new Error(`${entry.id} starts from ${init.from}, which could not be loaded (train it first): ${e.message}`);
  });
  try {
    const model = 'inflate' in init ? inflateModel(source.model, spec, { method: 'mean' }) : transferWeights(source.model, build(spec, { seed }));
    const before = evaluate(model, dataset, { split: 'test', count: testClips });
    const method = 'inflate' in init ? 'I3D inflation (mean over kT)' : `transfer (every weight but ${fresh(source.model, model).join(', ')})`;
    return { model, init: { from: init.from, fromSpecHash: source.manifest.specHash, method, testAccuracyBeforeTraining: round(before.accuracy) } };
  } finally {
    source.model.dispose();
  }
}

/**
 * Computes every flow stack training will visit, once, on the WASM backend
 * (several times faster than the CPU backend for the flow's many small ops);
 * training itself runs on the CPU backend, which has conv2d's weight gradient.
 */
async function prepareFlows(dataset: FlowStackDataset, counts: Record<'train' | 'validation' | 'test', number>, log?: (line: string) => void): Promise<number> {
  const previous = tf.getBackend();
  if (!(await tf.setBackend('wasm'))) throw new Error('the tfjs WASM backend did not start (needed for the flow stacks)');
  const started = performance.now();
  try {
    for (const split of ['train', 'validation', 'test'] as const) {
      dataset.prepare(split, 0, counts[split], (done) => {
        if (done % 200 === 0 || done === counts[split]) log?.(`flow stacks: ${split} ${done}/${counts[split]} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
      });
    }
  } finally {
    await tf.setBackend(previous);
  }
  return (performance.now() - started) / 1000;
}

/** Fuses a trained temporal stream with its shipped spatial stream: weight chosen on validation, accuracies on test. */
async function fuseStreams(spatialId: string, out: string, temporal: VideoModel, temporalData: ClipDataset, validationClips: number, testClips: number): Promise<NonNullable<TrainingManifest['twoStream']>> {
  const spatial = await loadTrained(join(out, spatialId)).catch((e: Error) => {
    throw new Error(`the temporal stream fuses with ${spatialId}, which could not be loaded (train it first): ${e.message}`);
  });
  try {
    const spatialData = modelDataset(spatial.entry, temporalData.descriptor.seed);
    const classes = temporalData.descriptor.classes.length;
    const run = (split: 'validation' | 'test', count: number) => {
      const s = predictSplit(spatial.model, spatialData, { split, count });
      const t = predictSplit(temporal, temporalData, { split, count });
      if (s.labels.join() !== t.labels.join()) throw new Error('fuseStreams: the two streams saw different clips');
      return { s, t, sweep: fusionSweep(s.probabilities, t.probabilities, t.labels, classes) };
    };
    const validation = run('validation', validationClips);
    const weightSpatial = bestFusionWeight(validation.sweep);
    const test = run('test', testClips);
    const at = (w: number) => test.sweep.find((p) => p.weightSpatial === w)!.accuracy;
    return {
      spatial: spatialId, spatialSpecHash: spatial.manifest.specHash, weightSpatial,
      validationSweep: validation.sweep.map((p) => ({ weightSpatial: p.weightSpatial, accuracy: round(p.accuracy) })),
      test: {
        count: testClips, spatial: round(at(1)), temporal: round(at(0)), fused: round(at(weightSpatial)),
        sweep: test.sweep.map((p) => ({ weightSpatial: p.weightSpatial, accuracy: round(p.accuracy) })),
      },
    };
  } finally {
    spatial.model.dispose();
  }
}

/** Names of `target`'s weights that `source` has no same-named, same-shaped weight for. */
function fresh(source: VideoModel, target: VideoModel): string[] {
  const have = new Map(source.weights().map((w) => [w.name, w.shape.join('×')]));
  return target.weights().filter((w) => have.get(w.name) !== w.shape.join('×')).map((w) => w.name);
}

/** Copies every weight of `source` into the same-named, same-shaped weight of `target`; the rest keep their seeded init. */
function transferWeights(source: VideoModel, target: VideoModel): VideoModel {
  const skip = new Set(fresh(source, target));
  const values = new Map(target.weights().filter((w) => !skip.has(w.name)).map((w) => [w.name, source.variable(w.name)]));
  if (values.size === 0) throw new Error(`transfer: ${source.spec.id} and ${target.spec.id} share no weights`);
  target.setWeights(values);
  return target;
}

/** One line for the progress bar: epoch, step, loss, accuracy, time left. */
export function progressLine(p: StepProgress, width = 20): string {
  const filled = Math.round((p.step / p.stepsPerEpoch) * width);
  const bar = `${'#'.repeat(filled)}${'.'.repeat(width - filled)}`;
  const eta = Math.round(p.etaSeconds);
  const left = eta >= 60 ? `${Math.floor(eta / 60)}m${String(eta % 60).padStart(2, '0')}s` : `${eta}s`;
  return `epoch ${p.epoch}/${p.epochs} [${bar}] step ${p.step}/${p.stepsPerEpoch} loss ${p.loss.toFixed(4)} acc ${p.accuracy.toFixed(3)} left ~${left}`;
}
