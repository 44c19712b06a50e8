#!/usr/bin/env -S npx tsx
// `npm run train -- <model-id> [--epochs N] [--seed S] [--train-clips N] [--out DIR]`:
// trains a registry model on the tfjs CPU backend and writes its weights and
// manifest. The logic is in scripts/train/ and src/lib/video-nn/training/.
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseTrainArgs, USAGE } from './train/args';
import { DETECTORS, isDetector } from '../src/lib/video-nn/detection/registry';
import { installFastBroadcastKernels, installFastCpuKernels } from './train/fastCpuKernels';
import { findTrainable, TRAINABLE } from './train/registry';
import { progressLine, trainAndWrite } from './train/run';

function fail(message: string): never {
  process.stderr.write(`train: ${message}\n`);
  process.exit(2);
}

let args;
try {
  args = parseTrainArgs(process.argv.slice(2));
} catch (e) {
  fail((e as Error).message);
}
if (args.help) {
  process.stdout.write(`${USAGE}\nModels: ${[...TRAINABLE, ...DETECTORS].map((m) => m.id).join(', ')}\n`);
  process.exit(0);
}
const ids = [...TRAINABLE, ...DETECTORS].map((m) => m.id).join(', ');
if (!args.modelId) fail(`no model id given (one of ${ids})`);
const entry = findTrainable(args.modelId) ?? fail(`unknown model id "${args.modelId}" (one of ${ids})`);
if (isDetector(entry)) {
  // The detector trains on untrimmed sequences with its own loss: scripts/train/detector.ts.
  const run = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(new URL('./train/detector.ts', import.meta.url)), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(run.status ?? 1);
}

// tfjs-core's Node bundle registers no gradients; see docs/library/models.md.
createRequire(import.meta.url)('@tensorflow/tfjs-core/dist/register_all_gradients');
await tf.setBackend('cpu');
// Same values as tfjs's own kernels, about twice as fast on these models.
installFastCpuKernels();
installFastBroadcastKernels();

const tty = process.stderr.isTTY;
let last = 0;
const manifest = await trainAndWrite(entry, {
  ...(args.epochs !== undefined ? { epochs: args.epochs } : {}),
  ...(args.seed !== undefined ? { seed: args.seed } : {}),
  ...(args.trainClips !== undefined ? { trainClips: args.trainClips } : {}),
  ...(args.patience !== undefined ? { patience: args.patience } : {}),
  ...(args.learningRate !== undefined ? { learningRate: args.learningRate } : {}),
  ...(args.schedule !== undefined ? { schedule: args.schedule } : {}),
  out: args.out ?? 'public/weights',
  command: ['npm run train --', ...process.argv.slice(2)].join(' '),
  onStep: (p) => {
    // A TTY gets one line rewritten in place; a log file a line every few seconds.
    if (tty) process.stderr.write(`\r${progressLine(p)}\x1b[K`);
    else if (p.elapsedSeconds - last >= 10 || p.step === p.stepsPerEpoch) {
      last = p.elapsedSeconds;
      process.stderr.write(`${progressLine(p)}\n`);
    }
  },
  log: (line) => process.stderr.write(`${tty ? '\r\x1b[K' : ''}${line}\n`),
});
process.stdout.write(
  `${entry.id}: test accuracy ${manifest.test.accuracy} on ${manifest.test.count} clips, ${manifest.training.epochsRun} epochs, ${manifest.training.seconds} s → ${args.out ?? 'public/weights'}/${entry.id}/\n`,
);
