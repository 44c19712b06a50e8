#!/usr/bin/env -S npx tsx
// `npm run -s vnn -- <command>`: the catalogue's architectures analysed from
// their specs — `list`, `analyze <id>`, and the shipped trained models: `weights`,
// `evaluate <id> --seed <n> --count <k>`; see `--help`. The logic is in
// scripts/vnn/ (pure, unit-tested); this file only does the I/O.
import { runVnn } from './vnn/cli';

const result = await runVnn(process.argv.slice(2));
if (result.stdout) process.stdout.write(`${result.stdout}\n`);
if (result.stderr) process.stderr.write(`${result.stderr}\n`);
process.exitCode = result.code;
