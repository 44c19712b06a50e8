/**
 * Trains one registry model and writes `<out>/<id>/{model.json, weights.bin,
 * manifest.json}`. The caller registers a tfjs backend and the gradients.
 */
import { join } from 'node:path';
import { build, exportWeights, inflateModel, type VideoModel } from '../../src/lib/video-nn/models';
import type { ClipDataset } from '../../src/lib/video-nn/data';
import { evaluate, train, type LearningRateSchedule, type StepProgress } from '../../src/lib/video-nn/training';
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
  const dataset = entry.dataset(d.dataSeed);
  const { model, init } = await initialModel(entry, options.out, seed, dataset, d.testClips);
  try {
    const result = train(model, dataset, {
      trainClips, validationClips: d.validationClips, epochs, batchSize: d.batchSize,
      learningRate, schedule, patience, seed,
      ...(options.onStep ? { onStep: options.onStep } : {}),
      onEpoch: (r) => options.log?.(`epoch ${r.epoch}: loss ${r.loss.toFixed(4)} acc ${r.accuracy.toFixed(3)} | val loss ${r.validationLoss.toFixed(4)} val acc ${r.validationAccuracy.toFixed(3)} (${r.seconds.toFixed(1)} s)`),
    });
    const test = evaluate(model, dataset, { split: 'test', count: d.testClips });
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
        history: result.history.map((h) => ({
          epoch: h.epoch, loss: round(h.loss), accuracy: round(h.accuracy), validationLoss: round(h.validationLoss), validationAccuracy: round(h.validationAccuracy),
        })),
      },
      command: options.command,
      ...(init ? { init } : {}),
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
