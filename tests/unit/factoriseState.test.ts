import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, PRESETS, compute, describe as describeState, formulaText, matchingPreset, parseState, toQuery } from '../../src/components/Factorise/state';

const q = (s: string) => new URLSearchParams(s).entries();

describe('factorisation calculator state', () => {
  it('defaults to R(2+1)D-18 layer1: 64 → 64, 3×3×3, output 16×56×56', () => {
    const { state, notes } = parseState([]);
    expect(state).toEqual({ cin: 64, cout: 64, kt: 3, k: 3, t: 16, h: 56, w: 56 });
    expect(notes).toEqual([]);
    expect(matchingPreset(state)).toBe('layer1');
    expect(toQuery(DEFAULT_STATE)).toBe('');
  });

  it('says the hand-computed numbers in words (exercise 26.2.1)', () => {
    const text = describeState(DEFAULT_STATE);
    expect(text).toContain('110,592 weights');
    expect(text).toContain('M = 144');
    expect(text).toContain('(82,944 weights)');
    expect(text).toContain('(27,648)');
    expect(text).toContain('49,152 weights');
    // 110,592 × 16·56·56 = 5,549,064,192 MACs.
    expect(text).toContain('5.55 GMACs');
    expect(formulaText(compute(DEFAULT_STATE))).toBe(
      'M = ⌊k_t·k²·C_in·C_out / (k²·C_in + k_t·C_out)⌋ = ⌊3·9·64·64 / (9·64 + 3·64)⌋ = ⌊110,592 / 768⌋ = ⌊144⌋ = 144',
    );
  });

  it('reads presets and explicit values, and round-trips through the URL', () => {
    const { state, notes } = parseState(q('preset=layer4&t=4'));
    expect(notes).toEqual([]);
    expect(state).toEqual({ ...PRESETS.layer4.state, t: 4 });
    expect(parseState(q(toQuery(state))).state).toEqual(state);
    const widen = compute(parseState(q('preset=widen')).state);
    expect(widen.matched.mid).toBe(230); // ⌊221,184 / 960⌋
  });

  it.each([
    ['letters', 'cin=abc'],
    ['zero channels', 'cout=0'],
    ['a kernel too large', 'k=9'],
    ['fractions', 'kt=2.5'],
    ['exponents', 't=1e2'],
    ['script', 'h=%3Cscript%3E'],
    ['an unknown preset', 'preset=%3Cimg%20src%3Dx%3E'],
  ])('falls back to defaults with a note for %s', (_name, query) => {
    const { state, notes } = parseState(q(query));
    expect(state).toEqual(DEFAULT_STATE);
    expect(notes).toHaveLength(1);
  });

  it('ignores keys another layer handles, notes unknown ones', () => {
    expect(parseState(q('theme=dark'), ['theme']).notes).toEqual([]);
    expect(parseState(q('foo=1')).notes[0]).toMatch(/unknown setting “foo”/);
  });

  it('says when the formula floors to zero channels', () => {
    expect(describeState({ ...DEFAULT_STATE, cin: 1, cout: 1, kt: 1, k: 1 })).toContain('the formula gives 0, so 1 is used');
  });
});
