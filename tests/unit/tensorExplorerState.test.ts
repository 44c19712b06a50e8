/**
 * The tensor explorer's state: parsing attributes and queries (bad values fall
 * back with notes), the query it writes, and the offsets, strides and values
 * it reports, against hand computation and a plain read of the clip.
 */
import { describe as group, expect, it } from 'vitest';
import {
  DEFAULT_STATE, DIMS, clipOf, describe, explore, offsetSum, parseState, storeBoth, toQuery, withDataset, type TensorExplorerState,
} from '../../src/components/TensorExplorer/state';

const parse = (query: string, ignore: string[] = []) => parseState(new URLSearchParams(query).entries(), ignore);

group('parsing and writing state', () => {
  it('defaults with no notes, and writes nothing for them', () => {
    expect(parse('')).toEqual({ state: DEFAULT_STATE, notes: [] });
    expect(toQuery(DEFAULT_STATE)).toBe('');
  });

  it('reads a full query and writes it back', () => {
    const query = 'data=stick-figures&class=point&seed=7&slice=t&t=3&y=4&x=5&c=2';
    const { state, notes } = parse(query);
    expect(notes).toEqual([]);
    expect(state).toEqual({ data: 'stick-figures', class: 'point', seed: 7, slice: 't', t: 3, y: 4, x: 5, c: 2 });
    expect(toQuery(state)).toBe(query);
    // A class that is its dataset's default is left out of the query.
    expect(toQuery({ ...state, class: 'wave' })).toBe('data=stick-figures&seed=7&slice=t&t=3&y=4&x=5&c=2');
  });

  it('refuses bad values with a note each and keeps the defaults', () => {
    const { state, notes } = parse('data=<script>&t=16&y=-1&x=2.5&c=abc&slice=z&seed=1e3&colour=red');
    expect(state).toEqual(DEFAULT_STATE);
    expect(notes).toHaveLength(8);
    expect(notes[0]).toBe('Ignored dataset “<script>”: expected one of something-lite, motion-direction, stick-figures. Using something-lite.');
    expect(notes.join(' ')).toContain('Ignored frame t “16”: expected a whole number from 0 to 15. Using 8.');
    expect(notes.join(' ')).toContain('Ignored unknown setting “colour”.');
  });

  it('checks the class against the chosen dataset', () => {
    const { state, notes } = parse('class=wave');
    expect(state.class).toBe('move right');
    expect(notes).toEqual(['Ignored class “wave”: Something-Something-lite has move left, move right, move up, move down, rotate clockwise, rotate anticlockwise, grow, shrink, stay still. Using move right.']);
    expect(parse('data=motion-direction&class=up').state.class).toBe('up');
    expect(parse('theme=dark', ['theme']).notes).toEqual([]);
  });

  it('keeps the class when a new dataset has it, else takes that dataset’s default', () => {
    expect(withDataset(DEFAULT_STATE, 'motion-direction').class).toBe('right');
    expect(withDataset({ ...DEFAULT_STATE, data: 'stick-figures', class: 'kick' }, 'stick-figures').class).toBe('kick');
  });
});

group('what the figure reports', () => {
  const state: TensorExplorerState = { ...DEFAULT_STATE };
  const clip = clipOf(state);
  const stored = storeBoth(clip);
  const e = explore(state, stored);

  it('generates the named clip, the same every time', () => {
    expect(clip.shape).toEqual([16, 32, 32, 3]);
    expect(clip.className).toBe('move right');
    expect(clipOf(state).data).toEqual(clip.data);
    expect(clipOf({ ...state, seed: 2 }).data).not.toEqual(clip.data);
  });

  it('puts element (c 0, t 8, y 16, x 20) of the 3×16×32×32 clip at the offsets worked by hand', () => {
    // C×T×H×W strides (16·32·32, 32·32, 32, 1): 0 + 8·1,024 + 16·32 + 20 = 8,724.
    expect(e.layouts.CTHW.strides).toEqual({ c: 16_384, t: 1024, y: 32, x: 1 });
    expect(e.layouts.CTHW.offset).toBe(8724);
    // T×H×W×C strides (32·32·3, 32·3, 3, 1): 8·3,072 + 16·96 + 20·3 + 0 = 26,172.
    expect(e.layouts.THWC.strides).toEqual({ t: 3072, y: 96, x: 3, c: 1 });
    expect(e.layouts.THWC.offset).toBe(26_172);
    expect(offsetSum(e.layouts.CTHW)).toBe('0·16,384 + 8·1,024 + 16·32 + 20 = 8,724');
    expect(offsetSum(e.layouts.THWC)).toBe('8·3,072 + 16·96 + 20·3 + 0 = 26,172');
  });

  it('reads the same value through both offsets, and it is the pixel in the slice image', () => {
    const { t, y, x } = state;
    const plain = clip.data[((t * DIMS.height + y) * DIMS.width + x) * DIMS.channels + 0]!;
    expect(e.layouts.THWC.value).toBe(plain);
    expect(e.layouts.CTHW.value).toBe(plain);
    expect(e.pixel[0]).toBe(plain);
    expect(e.pixel).toEqual(Array.from(clip.data.subarray(26_172, 26_175)));
    // Slicing along H at y = 16: rows are frames, columns are x; the element sits at row 8, column 20.
    expect([e.slice.rows, e.slice.cols, e.position.row, e.position.col]).toEqual([16, 32, 8, 20]);
    for (const slice of ['t', 'w'] as const) {
      const other = explore({ ...state, slice, c: 2 }, stored);
      expect(other.pixel[2]).toBe(clip.data[26_174]);
      expect(other.layouts.CTHW.value).toBe(clip.data[26_174]);
    }
  });

  it('lists the neighbours in memory: colours of one pixel channels last, one colour’s pixels channels first', () => {
    expect(e.layouts.THWC.memory.map((m) => [m.offset, m.index.x, m.index.c])).toEqual([
      [26_170, 19, 1], [26_171, 19, 2], [26_172, 20, 0], [26_173, 20, 1], [26_174, 20, 2], [26_175, 21, 0],
    ]);
    expect(e.layouts.CTHW.memory.map((m) => [m.offset, m.index.x, m.index.c])).toEqual([
      [8722, 18, 0], [8723, 19, 0], [8724, 20, 0], [8725, 21, 0], [8726, 22, 0], [8727, 23, 0],
    ]);
    expect(e.layouts.THWC.memory.filter((m) => m.selected).map((m) => m.offset)).toEqual([26_172]);
    // At the very start of memory there is nothing before the element.
    const first = explore({ ...state, t: 0, y: 0, x: 0 }, stored);
    expect(first.layouts.CTHW.memory.map((m) => m.offset)).toEqual([0, 1, 2, 3]);
  });

  it('states the numbers in its text alternative', () => {
    const text = describe(state, e);
    expect(text).toContain('class move right (seed 1)');
    expect(text).toContain('a T×W (x–t) image of 16×32 pixels');
    expect(text).toContain('strides 16,384, 1,024, 32, 1) it is at offset 8,724');
    expect(text).toContain('strides 3,072, 96, 3, 1) it is at offset 26,172');
    expect(text).toContain(`is ${e.pixel[0]!.toFixed(4)}`);
  });
});
