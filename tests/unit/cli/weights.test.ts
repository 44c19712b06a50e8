/**
 * `vnn weights` and `vnn evaluate`: argument parsing, the listing of the shipped
 * models, and the real command evaluating a shipped model on fresh clips.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseArgs, parseCount, parseSeed } from '../../../scripts/vnn/args';
import { runCli, runVnn } from '../../../scripts/vnn/cli';
import { shippedModels, weightsTable } from '../../../scripts/vnn/weights';

const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('parsing weights and evaluate', () => {
  it('weights [--json]', () => {
    expect(parseArgs(['weights'])).toEqual({ ok: true, command: { kind: 'weights', json: false } });
    expect(parseArgs(['weights', '--json'])).toEqual({ ok: true, command: { kind: 'weights', json: true } });
    expect(parseArgs(['weights', 'x'])).toEqual({ ok: false, error: "vnn weights: unexpected argument 'x'" });
  });

  it('evaluate <id> --seed <n> --count <k> [--json], in any order and with =', () => {
    const command = { kind: 'evaluate', id: 'motion_slow_fusion', seed: 7, count: 32, json: true };
    expect(parseArgs(['evaluate', 'motion_slow_fusion', '--seed', '7', '--count', '32', '--json'])).toEqual({ ok: true, command });
    expect(parseArgs(['evaluate', '--json', '--count=32', '--seed=7', 'motion_slow_fusion'])).toEqual({ ok: true, command });
    expect(parseArgs(['evaluate', 'm', '--seed', '0', '--count', '1'])).toEqual({ ok: true, command: { kind: 'evaluate', id: 'm', seed: 0, count: 1, json: false } });
  });

  it.each([
    [['evaluate', '--seed', '1', '--count', '2'], /^vnn evaluate: which model\?/],
    [['evaluate', 'a', 'b', '--seed', '1', '--count', '2'], /one id at a time, got 2/],
    [['evaluate', 'm', '--count', '2'], /--seed <n> is required/],
    [['evaluate', 'm', '--seed', '1'], /--count <k> is required/],
    [['evaluate', 'm', '--count', '2', '--seed'], /--seed needs a value/],
    [['evaluate', 'm', '--seed', '-1', '--count', '2'], /malformed --seed '-1'/],
    [['evaluate', 'm', '--seed', '1.5', '--count', '2'], /malformed --seed '1.5'/],
    [['evaluate', 'm', '--seed', '1', '--count', '0'], /malformed --count '0'/],
    [['evaluate', 'm', '--seed', '1', '--count', 'many'], /malformed --count 'many'/],
    [['weights', '--seed', '1'], /--seed only applies to evaluate/],
    [['list', '--count', '3'], /--count only applies to evaluate/],
    [['evaluate', 'm', '--seed', '1', '--count', '2', '--input', '1x2x2'], /--input only applies to analyze/],
  ])('refuses %j with one line', (argv, message) => {
    const parsed = parseArgs(argv);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error).toMatch(message);
      expect(parsed.error).not.toContain('\n');
    }
  });

  it('seeds are integers 0 … 2³²−1, counts 1 … 10000', () => {
    expect([parseSeed('0'), parseSeed('4294967295'), parseSeed('4294967296'), parseSeed('1e3'), parseSeed('')]).toEqual([0, 4294967295, undefined, undefined, undefined]);
    expect([parseCount('1'), parseCount('10000'), parseCount('10001'), parseCount('01'), parseCount('+3')]).toEqual([1, 10000, undefined, undefined, undefined]);
  });
});

describe('the shipped models', () => {
  it('weights lists every public/weights manifest with dataset, params, accuracy and count', () => {
    const models = shippedModels(root);
    expect(models.map((m) => m.id)).toEqual(expect.arrayContaining(['motion_single_frame', 'motion_slow_fusion']));
    expect(models.find((m) => m.id === 'motion_slow_fusion')).toMatchObject({ dataset: 'motion-direction-2', params: 4162, count: 512 });
    expect(weightsTable(models)).toMatch(/motion_slow_fusion\s+motion-direction-2\s+4,162\s+\d\.\d{4}\s+512/);
    expect(runCli(['weights']).code).toBe(0);
  });

  it('evaluate refuses an id that is not shipped, in one line, exit 2', async () => {
    const result = await runVnn(['evaluate', 'motion_slow_fusoin', '--seed', '1', '--count', '2']);
    expect(result).toEqual({ stdout: '', stderr: "vnn evaluate: no shipped model 'motion_slow_fusoin' (did you mean 'motion_slow_fusion'?); `vnn weights` shows them all", code: 2 });
    expect((await runVnn(['evaluate', 'r3d_18', '--seed', '1', '--count', '2'])).code).toBe(2);
  });
});

describe('the real command (npm run -s vnn)', () => {
  const vnn = (...args: string[]) => spawnSync('npm', ['run', '-s', 'vnn', '--', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });

  it('weights --json prints the shipped models as JSON and exits 0', () => {
    const result = vnn('weights', '--json');
    expect(result.status).toBe(0);
    const items = JSON.parse(result.stdout) as { id: string; dataset: string; params: number; accuracy: number; count: number }[];
    expect(items.map((i) => i.id)).toEqual(expect.arrayContaining(['motion_single_frame', 'motion_slow_fusion']));
    for (const item of items) expect(item).toEqual(expect.objectContaining({ dataset: expect.any(String), params: expect.any(Number), accuracy: expect.any(Number), count: expect.any(Number) }));
  });

  it('evaluate motion_slow_fusion --seed 7 --count 32 --json: verified weights, ≥ 0.9 on fresh clips', () => {
    const result = vnn('evaluate', 'motion_slow_fusion', '--seed', '7', '--count', '32', '--json');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout) as { model: string; accuracy: number; count: number };
    expect(json).toMatchObject({ model: 'motion_slow_fusion', count: 32 });
    expect(json.accuracy).toBeGreaterThanOrEqual(0.9);
  }, 60_000);

  it('evaluate with a bad --count prints one line on stderr and exits 2', () => {
    const result = vnn('evaluate', 'motion_slow_fusion', '--seed', '7', '--count', 'x');
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toEqual(["vnn evaluate: malformed --count 'x': expected an integer from 1 to 10000"]);
  });
});
