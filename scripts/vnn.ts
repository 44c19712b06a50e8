#!/usr/bin/env -S npx tsx
// `npm run -s vnn -- <command>`: the catalogue's architectures analysed from
// their specs — `list`, `analyze <id>`; see `--help`. The logic is in
// scripts/vnn/ (pure, unit-tested); this file only does the I/O.
import { runCli } from './vnn/cli';

const result = runCli(process.argv.slice(2));
if (result.stdout) process.stdout.write(`${result.stdout}\n`);
if (result.stderr) process.stderr.write(`${result.stderr}\n`);
process.exitCode = result.code;
