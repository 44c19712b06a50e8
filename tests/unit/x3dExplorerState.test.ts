import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, SIZE_STATE, compute, describe as describeState, matchingSize, parseState, snap, stepChange, steps, toQuery } from '../../src/components/X3dExplorer/state';

const q = (s: string) => new URLSearchParams(s).entries();

describe('X3D explorer state', () => {
  it('defaults to X3D-M: 16 frames at stride 5, 224 px, factors 2, 2.25, 2.2', () => {
    const { state, notes } = parseState([]);
    expect(state).toEqual({ frames: 16, stride: 5, crop: 224, width: 2, bottleneck: 2.25, depth: 2.2 });
    expect(notes).toEqual([]);
    expect(matchingSize(state)).toBe('m');
    expect(toQuery(DEFAULT_STATE)).toBe('');
  });

  it('reads a size, then explicit axes, and round-trips through the URL', () => {
    const { state, notes } = parseState(q('size=xs&crop=224'));
    expect(notes).toEqual([]);
    expect(state).toEqual({ ...SIZE_STATE.xs, crop: 224 });
    expect(parseState(q(toQuery(state))).state).toEqual(state);
    expect(parseState(q('size=L')).state).toEqual(SIZE_STATE.l);
  });

  it('moves values between steps onto the grid, with a note', () => {
    const depth = parseState(q('depth=2.35'));
    expect(depth.state.depth).toBe(2.4);
    expect(depth.notes[0]).toMatch(/Depth factor 2.35 is between steps of 0.1; using 2.4/);
    expect(parseState(q('crop=100')).state.crop).toBe(104);
    expect(snap('depth', 1 + 12 * 0.1)).toBe(2.2);
    expect(snap('width', 2.1)).toBe(2);
  });

  it.each([
    ['letters', 'frames=abc'],
    ['too many frames', 'frames=65'],
    ['a stride of 0', 'stride=0'],
    ['exponents', 'crop=2e2'],
    ['an unknown size', 'size=xxl'],
    ['script', 'width=%3Cscript%3E'],
  ])('falls back to defaults with a note for %s', (_name, query) => {
    const { state, notes } = parseState(q(query));
    expect(state).toEqual(DEFAULT_STATE);
    expect(notes).toHaveLength(1);
  });

  it('describes the network with the spec’s numbers', () => {
    const text = describeState(DEFAULT_STATE);
    expect(text).toContain('3,794,274 parameters');
    expect(text).toContain('4.73 GMACs = 9.46 GFLOPs (FLOPs = 2 × MACs) per clip');
    expect(text).toContain('2.67 s of 30 fps video, 6 frames per second');
    expect(text).toContain('These are the axes of X3D-M.');
    expect(compute(SIZE_STATE.l).params).toBe(6_153_384);
  });

  it('words each step from the state before and after it', () => {
    const rows = steps(DEFAULT_STATE);
    const rate = rows.find((r) => r.axis === 'frameRate')!;
    if ('reason' in rate) throw new Error('expected a step');
    expect(stepChange('frameRate', DEFAULT_STATE, { ...DEFAULT_STATE, frames: rate.axes.frames, stride: rate.axes.frameStride })).toBe(
      'stride 5 → 2, 16 → 40 frames, same duration',
    );
  });
});
