import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../../src/lib/video-nn/catalogue';
import { closestId, runCli } from '../../../scripts/vnn/cli';

const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('runCli', () => {
  it('list --json: every catalogue id with its default input, parameters and MACs', () => {
    const result = runCli(['list', '--json']);
    expect(result.code).toBe(0);
    const items = JSON.parse(result.stdout) as { id: string; input: unknown; params: number; macs: number }[];
    expect(items.map((i) => i.id)).toEqual(CATALOGUE.map((e) => e.id));
    expect(items.find((i) => i.id === 'r3d_18')).toMatchObject({ input: { channels: 3, frames: 16, height: 112, width: 112 }, params: 33_371_472, macs: 40_696_553_472 });
  });

  it('analyze --input keeps the channels and changes frames and size', () => {
    const result = runCli(['analyze', 'r3d_18', '--input', '8x112x112', '--json']);
    const json = JSON.parse(result.stdout);
    expect(json.input).toEqual({ channels: 3, frames: 8, height: 112, width: 112 });
    expect(json.params).toBe(33_371_472);
    expect(json.layers.find((l: { name: string }) => l.name === 'layer4.1').outputShape).toEqual([512, 1, 7, 7]);
  });

  it('analyze prints the table for transformers and skeletons too', () => {
    expect(runCli(['analyze', 'timesformer_b']).stdout).toMatch(/blocks\.0\.temporal_attn\s+attention\s+1569×768/);
    expect(runCli(['analyze', 'st_gcn']).stdout).toMatch(/st_gcn_networks\.0\.gcn\s+graphConv\s+64×100×17×2/);
  });

  it('unknown ids and impossible inputs: one line on stderr, exit 2', () => {
    const unknown = runCli(['analyze', 'r3d_81']);
    expect(unknown).toEqual({ stdout: '', stderr: expect.stringContaining("unknown model id 'r3d_81' (did you mean 'r3d_18'?)"), code: 2 });
    const tooSmall = runCli(['analyze', 'c3d', '--input', '1x8x8']);
    expect(tooSmall.code).toBe(2);
    expect(tooSmall.stderr).toMatch(/^vnn analyze: c3d cannot take a 1x8x8 input: Layer "pool2": kernel 2 along T/);
    for (const r of [unknown, tooSmall]) expect(r.stderr).not.toContain('\n');
  });

  it('suggests an id only when one is close', () => {
    expect(closestId('x3d_mm', ['x3d_m', 'x3d_l'])).toBe('x3d_m');
    expect(closestId('transformer', ['c3d', 's3d'])).toBeUndefined();
  });

  it('help exits 0 and names both commands', () => {
    const help = runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/list \[--json\]/);
    expect(help.stdout).toMatch(/analyze <id> \[--input TxHxW\] \[--json\]/);
  });
});

describe('the real command (npm run -s vnn)', () => {
  const vnn = (...args: string[]) => spawnSync('npm', ['run', '-s', 'vnn', '--', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });

  it('list --json prints the catalogue as JSON and exits 0', () => {
    const result = vnn('list', '--json');
    expect(result.status).toBe(0);
    const items = JSON.parse(result.stdout) as { id: string }[];
    expect(items.map((i) => i.id)).toContain('videomae_b');
    expect(items).toHaveLength(CATALOGUE.length);
  });

  it('a bad id prints one line on stderr and exits 2', () => {
    const result = vnn('analyze', 'no_such_model');
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/unknown model id 'no_such_model'/);
  });
});
