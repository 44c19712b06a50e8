#!/usr/bin/env node
// `npm test`: every check of the project, in order — type checking, unit tests
// (Vitest), a production build, and end-to-end tests (Playwright in Debian's
// Chromium against the built site). Ends with one line: "N passed, M failed".
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, mkdirSync } from 'node:fs';
import { CHROMIUM_PATH } from './chromium.mjs';

const HELP = `usage: npm test [-- --no-e2e]
  Runs: tsc --noEmit, vitest, astro build, playwright (Chromium at ${CHROMIUM_PATH}).
  --no-e2e   skip the build and the browser tests
  Installs Debian's chromium with apt-get when it is missing and this user can.`;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(HELP);
  process.exit(0);
}
const withE2e = !args.includes('--no-e2e');

function run(label, command, commandArgs) {
  console.log(`\n▶ ${label}: ${command} ${commandArgs.join(' ')}`);
  const result = spawnSync(command, commandArgs, { stdio: 'inherit', shell: false });
  if (result.error) console.error(`  could not start ${command}: ${result.error.message}`);
  return result.status === 0;
}

function ensureChromium() {
  if (existsSync(CHROMIUM_PATH)) return true;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (isRoot && hasApt) {
    console.log(`Chromium is missing at ${CHROMIUM_PATH}; installing Debian's chromium with apt-get…`);
    if (run('install chromium', 'sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium']) && existsSync(CHROMIUM_PATH)) return true;
  }
  console.error(
    `\nThe end-to-end tests need Chromium at ${CHROMIUM_PATH}, and it is not there.\n` +
      `Install it (Debian/Ubuntu: sudo apt-get install chromium) or point CHROMIUM_PATH at a Chromium binary,\n` +
      `or run only the fast checks with: npm test -- --no-e2e`,
  );
  return false;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

mkdirSync('test-results', { recursive: true });
const steps = [];
steps.push(['types', run('type check', 'sh', ['-c', 'astro sync && tsc --noEmit'])]);
steps.push(['unit', run('unit tests', 'vitest', ['run', '--reporter=default', '--reporter=json', '--outputFile=test-results/unit.json'])]);
let e2eRan = false;
if (withE2e) {
  const haveChromium = ensureChromium();
  steps.push(['chromium', haveChromium]);
  const built = run('build', 'astro', ['build']);
  steps.push(['build', built]);
  if (built && haveChromium) {
    e2eRan = true;
    steps.push(['e2e', run('end-to-end tests', 'playwright', ['test'])]);
  }
}

const unit = readJson('test-results/unit.json');
const e2e = e2eRan ? readJson('test-results/e2e.json') : undefined;
const passed = (unit?.numPassedTests ?? 0) + (e2e?.stats?.expected ?? 0);
const failed = (unit?.numFailedTests ?? 0) + (e2e ? (e2e.stats?.unexpected ?? 0) + (e2e.stats?.flaky ?? 0) : 0);
const failedSteps = steps.filter(([, ok]) => !ok).map(([name]) => name);
console.log(`\nSteps: ${steps.map(([name, ok]) => `${name} ${ok ? 'ok' : 'FAILED'}`).join(', ')}`);
if (!withE2e) console.log('End-to-end tests skipped (--no-e2e).');
console.log(`${passed} passed, ${failed + (failedSteps.length > 0 && failed === 0 ? failedSteps.length : 0)} failed`);
process.exit(failedSteps.length > 0 ? 1 : 0);
