import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, comparison, convText, describe as describeState, diagramOf, layerList, networkLabel, parseState, toQuery, unitLines, unitName } from '../../src/components/BlockDiagram/state';

const q = (s: string) => new URLSearchParams(s).entries();

describe('block diagram state', () => {
  it('defaults to R3D; x only matters to MC and rMC', () => {
    expect(parseState([])).toEqual({ state: { net: 'r3d', x: 3 }, notes: [] });
    expect(toQuery({ net: 'r3d', x: 5 })).toBe('');
    expect(toQuery({ net: 'mc', x: 5 })).toBe('net=mc&x=5');
    expect(parseState(q('net=rmc&x=2')).state).toEqual({ net: 'rmc', x: 2 });
    expect(networkLabel('rmc', 2)).toBe('rMC2');
  });

  it.each([
    ['an unknown network', 'net=c3d'],
    ['a switch group out of range', 'x=6'],
    ['markup', 'net=%3Csvg%20onload%3Dalert(1)%3E'],
  ])('falls back with a note for %s', (_name, query) => {
    const { state, notes } = parseState(q(query));
    expect(state).toEqual(DEFAULT_STATE);
    expect(notes).toHaveLength(1);
  });

  it('describes MC3 from its spec: counts, where it is 3-D, kernels', () => {
    const text = describeState({ net: 'mc', x: 3 });
    expect(text).toContain('MC3-18 at a 3×16×112×112 input: 11,695,440 parameters, 43.34 GMACs.');
    expect(text).toContain('3-D in stem to layer1.1, then 2-D in layer2.0 to layer4.1.');
    expect(text).toContain('5 full 3-D, 12 spatial only (1×k×k), 0 temporal only');
  });

  it('describes rMC3 as the reverse and S3D as separable throughout', () => {
    expect(describeState({ net: 'rmc', x: 3 })).toContain('2-D in stem to layer1.1, then 3-D in layer2.0 to layer4.1.');
    expect(describeState({ net: 's3d', x: 3 })).toContain('S3D at a 3×16×224×224 input: 8,320,048 parameters, 17.98 GMACs. Separable in features.0 to Mixed_5c.');
  });

  it('lists every unit with its kernels, shape and parameters as text', () => {
    const lines = layerList({ net: 'r2plus1d', x: 3 });
    expect(lines).toHaveLength(10);
    expect(lines[0]).toBe('stem ((2+1)-D): 1×7×7→45 /1×2×2 ▸ 3×1×1→64; output 64×16×56×56; 15,473 parameters.');
    expect(lines[3]).toContain('1×3×3→230 /1×2×2 ▸ 3×1×1→128 /2×1×1');
    expect(lines[3]).toContain('shortcut 1×1×1→128 /2');
    expect(lines[9]).toBe('head (head): global avg pool ▸ fc 512→400; output 400; 205,200 parameters.');
  });

  it('names S3D units with Inception names and lists the four branches', () => {
    const d = diagramOf({ net: 's3d', x: 3 });
    expect(d.units.map((u) => unitName(u, 's3d')).slice(5, 8)).toEqual(['Mixed_3b', 'Mixed_3c', 'MaxPool3d_4a_3x3']);
    expect(unitLines(d.units[5]!).map((l) => l.parts.join(''))).toEqual([
      '1: 1×1×1→64',
      '2: 1×1×1→96 ▸ 1×3×3→128 ▸ 3×1×1→128',
      '3: 1×1×1→16 ▸ 1×3×3→32 ▸ 3×1×1→32',
      '4: pool 3×3×3 ▸ 1×1×1→32',
    ]);
    expect(convText(d.units[0]!.convs[0]!)).toBe('1×7×7→64 /1×2×2');
    // The head reads in the order it runs: the 2×7×7 average, the 1×1×1 classifier, then the mean.
    expect(unitLines(d.units.at(-1)!)[0]!.parts).toEqual(['avg pool 2×7×7', '1×1×1→400', 'global avg pool']);
  });

  it("compares the five networks with torchvision's counts", () => {
    const rows = comparison({ net: 'r3d', x: 3 });
    expect(rows.map((r) => [r.title, r.params])).toEqual([
      ['R3D-18', 33_371_472],
      ['MC3-18', 11_695_440],
      ['rMC3-18', 33_057_744],
      ['R(2+1)D-18', 31_505_325],
      ['S3D', 8_320_048],
    ]);
    expect(rows.map((r) => r.full3d)).toEqual([17, 5, 12, 0, 0]);
  });
});
