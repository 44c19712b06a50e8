#!/usr/bin/env -S npx tsx
// `npm run -s vnn -- <command>`: the catalogue's architectures analysed from
// their specs — `list`, `analyze <id>`, and the shipped trained models: `weights`,
// `evaluate <id> --seed <n> --count <k>`; see `--help`. The logic is in
// scripts/vnn/ (pure, unit-tested); this file only does the I/O. `flow`
// (optical flow between two image files) reads and writes files itself, so it
// is dispatched here, loading tfjs only when asked for.
import { runVnn } from './vnn/cli';

const argv = process.argv.slice(2);
const result = argv[0] === 'flow' ? await (await import('./vnn/flow')).runFlow(argv.slice(1)) : await runVnn(argv);
if (result.stdout) process.stdout.write(`${result.stdout}\n`);
if (result.stderr) process.stderr.write(`${result.stderr}\n`);
process.exitCode = result.code;
