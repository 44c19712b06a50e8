import { describe, expect, it } from 'vitest';
import { parseArgs, parseFrameSize } from '../../../scripts/vnn/args';

describe('parseFrameSize', () => {
  it('reads TxHxW (x or ×)', () => {
    expect(parseFrameSize('16x112x112')).toEqual({ frames: 16, height: 112, width: 112 });
    expect(parseFrameSize('8×224×224')).toEqual({ frames: 8, height: 224, width: 224 });
  });

  it.each(['16x112', '16x112x112x3', '0x112x112', '-1x2x3', '1.5x2x2', '1e2x2x2', 'x2x2', '16 x 112 x 112', '', 'abc', '16x0112x112'])('refuses %j', (text) => {
    expect(parseFrameSize(text)).toBeUndefined();
  });
});

describe('parseArgs', () => {
  it('help for nothing, help, -h and --help', () => {
    for (const argv of [[], ['help'], ['-h'], ['list', '--help']]) expect(parseArgs(argv)).toEqual({ ok: true, command: { kind: 'help' } });
  });

  it('list, with or without --json', () => {
    expect(parseArgs(['list'])).toEqual({ ok: true, command: { kind: 'list', json: false } });
    expect(parseArgs(['list', '--json'])).toEqual({ ok: true, command: { kind: 'list', json: true } });
  });

  it('analyze <id> with --input in either form and --json anywhere', () => {
    expect(parseArgs(['analyze', 'c3d'])).toEqual({ ok: true, command: { kind: 'analyze', id: 'c3d', json: false } });
    expect(parseArgs(['analyze', '--json', 'c3d', '--input', '8x112x112'])).toEqual({
      ok: true,
      command: { kind: 'analyze', id: 'c3d', json: true, input: { frames: 8, height: 112, width: 112 } },
    });
    expect(parseArgs(['analyze', 'c3d', '--input=4x56x56'])).toMatchObject({ ok: true, command: { input: { frames: 4, height: 56, width: 56 } } });
  });

  it.each([
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['analyze'], /which model\?/],
    [['analyze', 'a', 'b'], /one id at a time/],
    [['analyze', 'c3d', '--input'], /--input needs a value/],
    [['analyze', 'c3d', '--input', '16x112'], /malformed --input '16x112'/],
    [['analyze', 'c3d', '--verbose'], /unknown option '--verbose'/],
    [['list', 'extra'], /unexpected argument 'extra'/],
    [['list', '--input', '8x8x8'], /only applies to analyze/],
  ])('%j is an error of one line', (argv, message) => {
    const parsed = parseArgs(argv);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error).toMatch(message);
      expect(parsed.error).not.toContain('\n');
    }
  });
});
