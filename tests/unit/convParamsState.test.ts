import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, PRESETS, compute, describe as describeState, matchingPreset, parseState, rows, toQuery } from '../../src/components/ConvParams/state';

const q = (s: string) => new URLSearchParams(s).entries();

describe('parameter calculator state', () => {
  it("defaults to the curriculum's example, 64 → 128 with 3×3 and 3×3×3 kernels", () => {
    const { state, notes } = parseState([]);
    expect(state).toEqual(DEFAULT_STATE);
    expect(notes).toEqual([]);
    const [two, three] = rows(state);
    // 128 · 64 · 3 · 3 and 128 · 64 · 3 · 3 · 3, by hand.
    expect(two!.weights).toBe(73_728);
    expect(three!.weights).toBe(221_184);
    expect(three!.formula).toBe('128 · 64 · 3 · 3 · 3');
    expect(matchingPreset(state)).toBe('c3d-conv2a');
  });

  it('MACs are weights × output positions; at 16×56×56 the 3-D layer is C3D conv2a (11.1 G)', () => {
    const [two, three, factorised] = rows(DEFAULT_STATE);
    const positions = 16 * 56 * 56;
    expect(two!.macs).toBe(73_728 * positions);
    expect(three!.macs).toBe(11_098_128_384);
    // M = ⌊3·9·64·128 / (9·64 + 3·128)⌋ = ⌊221184 / 960⌋ = 230; 230·64·9 + 128·230·3.
    expect(compute(DEFAULT_STATE).conv2plus1d.mid).toBe(230);
    expect(factorised!.weights).toBe(132_480 + 88_320);
    expect(factorised!.macs).toBe((132_480 + 88_320) * positions);
    expect(factorised!.formula).toBe('230 · 64 · 3 · 3 + 128 · 230 · 3');
  });

  it('C3D conv1a: 3 → 64 at 16×112×112 is 1,040 M MACs', () => {
    const three = rows(PRESETS['c3d-conv1a'].state)[1]!;
    expect(three.macs).toBe(64 * 3 * 27 * 16 * 112 * 112);
    expect(Math.round(three.macs / 1e6)).toBe(1040);
  });

  it('64 → 64: the (2+1)-D layer with M = 144 matches the 110,592 weights of the full layer', () => {
    const [, three, factorised] = rows(PRESETS['resnet-64'].state);
    expect(three!.weights).toBe(110_592);
    expect(factorised!.name).toContain('M = 144');
    expect(factorised!.weights).toBe(144 * 64 * 9 + 64 * 144 * 3);
    expect(factorised!.ratio).toBe(1);
  });

  it('a 3-D kernel costs k_t times its 2-D counterpart for any shape', () => {
    const state = { ...DEFAULT_STATE, cin: 7, cout: 5, kt: 5, kh: 1, kw: 7, frames: 3, height: 2, width: 9 };
    const [two, three] = rows(state);
    expect(two!.weights).toBe(5 * 7 * 1 * 7);
    expect(three!.weights).toBe(5 * two!.weights);
    expect(three!.macs).toBe(three!.weights * 3 * 2 * 9);
    expect(two!.ratio).toBeCloseTo(1 / 5, 12);
  });

  it('round-trips through the URL; defaults serialise to nothing', () => {
    const { state, notes } = parseState(q('cin=3&cout=64&height=112&width=112'));
    expect(notes).toEqual([]);
    expect(matchingPreset(state)).toBe('c3d-conv1a');
    expect(parseState(q(toQuery(state))).state).toEqual(state);
    expect(toQuery(DEFAULT_STATE)).toBe('');
  });

  it.each([
    ['letters', 'cin=abc'],
    ['zero', 'kt=0'],
    ['too large', 'cout=99999'],
    ['a fraction', 'kh=2.5'],
    ['an exponent', 'frames=1e3'],
    ['a script', 'width=%3Cscript%3E'],
    ['an unknown key', 'foo=1'],
  ])('falls back to the defaults with a note for %s', (_name, query) => {
    const { state, notes } = parseState(q(query));
    expect(state).toEqual(DEFAULT_STATE);
    expect(notes).toHaveLength(1);
  });

  it('the text alternative states every number', () => {
    const text = describeState(DEFAULT_STATE);
    expect(text).toContain('73,728 weights');
    expect(text).toContain('221,184 weights');
    expect(text).toContain('11.10 GMACs');
    expect(text).toContain('3× the 2-D layer');
    expect(text).toContain('M = 230');
  });
});
