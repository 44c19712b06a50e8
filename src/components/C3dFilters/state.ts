/**
 * State and arithmetic of the learned-filters figure (chapter 4): the first-layer
 * 3-D filters of the trained C3D-tiny (`motion4_c3d`, weight kt×kh×kw×3×Cout in
 * tfjs layout), each shown as a clip of kt tiny RGB frames. Pure: the element
 * loads the weights, everything drawn or said about them is computed here.
 */
import { defaultsOf, parseSettings, serialiseSettings, type Setting, type SettingsState } from '../shared/settings';

/** The shipped model whose filters are shown, and the weight that holds them. */
export const MODEL_ID = 'motion4_c3d';
export const WEIGHT_NAME = 'stage1.conv.weight';

export const SETTINGS = [
  { kind: 'number', key: 'filter', label: 'Filter', min: 1, max: 64, integer: true, default: 1 },
  { kind: 'number', key: 'frame', label: 'Frame of the filter', min: 1, max: 7, integer: true, default: 1 },
  { kind: 'choice', key: 'show', label: 'Show', choices: ['trained', 'initial', 'change'], default: 'trained' },
  { kind: 'choice', key: 'norm', label: 'Colour scale', choices: ['filter', 'layer'], default: 'filter' },
] as const satisfies readonly Setting[];

export interface C3dFiltersState {
  /** 1-based, as a reader counts. */
  filter: number;
  /** 1-based frame of the filter's clip. */
  frame: number;
  /** The trained weights, the random weights training started from, or the difference. */
  show: 'trained' | 'initial' | 'change';
  norm: 'filter' | 'layer';
}

export const DEFAULT_STATE = defaultsOf(SETTINGS) as unknown as C3dFiltersState;

export const SHOW_LABELS: Record<C3dFiltersState['show'], string> = {
  trained: 'Trained weights',
  initial: 'Weights before training',
  change: 'What training changed',
};

export const NORM_LABELS: Record<C3dFiltersState['norm'], string> = {
  filter: 'Each filter its own',
  layer: 'One for the whole layer',
};

export function parseState(pairs: Iterable<[string, string]>, ignoreKeys: readonly string[] = []): { state: C3dFiltersState; notes: string[] } {
  const { state, notes } = parseSettings(SETTINGS, pairs, ignoreKeys);
  return { state: state as unknown as C3dFiltersState, notes };
}

export function toQuery(state: C3dFiltersState): string {
  return serialiseSettings(SETTINGS, state as unknown as SettingsState).toString();
}

/** A first-layer weight: kt×kh×kw×Cin×Cout values, tfjs layout. */
export interface FilterBank {
  shape: [number, number, number, number, number];
  data: Float32Array;
}

export function checkBank(bank: FilterBank): void {
  const [kt, kh, kw, cin, cout] = bank.shape;
  if (cin !== 3) throw new Error(`the first layer should read 3 colour channels, it reads ${cin}`);
  if (bank.data.length !== kt * kh * kw * cin * cout) throw new Error(`weight has ${bank.data.length} values, its shape ${bank.shape.join('×')} needs ${kt * kh * kw * cin * cout}`);
}

/** Keeps filter and frame inside the bank once its shape is known, with a note for each change. */
export function fitToBank(state: C3dFiltersState, bank: FilterBank, notes: string[] = []): C3dFiltersState {
  const [kt, , , , cout] = bank.shape;
  const next = { ...state };
  if (next.filter > cout) {
    notes.push(`The layer has ${cout} filters; showing filter ${cout} instead of ${next.filter}.`);
    next.filter = cout;
  }
  if (next.frame > kt) {
    notes.push(`Each filter has ${kt} frames; showing frame ${kt} instead of ${next.frame}.`);
    next.frame = kt;
  }
  return next;
}

/** Weight of filter o at (dt, dy, dx, channel c). */
export function weightAt(bank: FilterBank, o: number, dt: number, dy: number, dx: number, c: number): number {
  const [, kh, kw, cin, cout] = bank.shape;
  return bank.data[((((dt * kh + dy) * kw + dx) * cin + c) * cout) + o]!;
}

/** Largest |weight| of filter o (0-based), or of the whole layer. */
export function maxAbs(bank: FilterBank, o?: number): number {
  const [kt, kh, kw, cin] = bank.shape;
  let max = 0;
  const filters = o === undefined ? Array.from({ length: bank.shape[4] }, (_, i) => i) : [o];
  for (const f of filters)
    for (let dt = 0; dt < kt; dt++)
      for (let dy = 0; dy < kh; dy++) for (let dx = 0; dx < kw; dx++) for (let c = 0; c < cin; c++) max = Math.max(max, Math.abs(weightAt(bank, f, dt, dy, dx, c)));
  return max;
}

/**
 * Frame dt of filter o as kh×kw RGB pixels in [0, 1]: each weight w of the
 * R, G and B input channel is shown as 0.5 + w / (2m), with m the largest |w|
 * of the filter or the layer, so mid-grey is a weight of 0.
 */
export function filterFrame(bank: FilterBank, o: number, dt: number, norm: C3dFiltersState['norm']): Float32Array {
  const [, kh, kw] = bank.shape;
  const m = maxAbs(bank, norm === 'filter' ? o : undefined) || 1;
  const out = new Float32Array(kh * kw * 3);
  for (let dy = 0; dy < kh; dy++)
    for (let dx = 0; dx < kw; dx++)
      for (let c = 0; c < 3; c++) out[(dy * kw + dx) * 3 + c] = 0.5 + weightAt(bank, o, dt, dy, dx, c) / (2 * m);
  return out;
}

/**
 * How much of filter o changes over time: Σ_t ‖w_t − w̄‖² / Σ_t ‖w_t‖², where w_t
 * is its frame t and w̄ the mean frame. 0 for a filter whose frames are all the
 * same (a 2-D filter repeated, blind to motion); 1 for one whose frames cancel
 * out on average (a pure temporal difference).
 */
export function timeVaryingShare(bank: FilterBank, o: number): number {
  const [kt, kh, kw, cin] = bank.shape;
  let varying = 0;
  let total = 0;
  for (let dy = 0; dy < kh; dy++)
    for (let dx = 0; dx < kw; dx++)
      for (let c = 0; c < cin; c++) {
        let mean = 0;
        for (let dt = 0; dt < kt; dt++) mean += weightAt(bank, o, dt, dy, dx, c) / kt;
        for (let dt = 0; dt < kt; dt++) {
          const w = weightAt(bank, o, dt, dy, dx, c);
          varying += (w - mean) ** 2;
          total += w ** 2;
        }
      }
  return total > 0 ? varying / total : 0;
}

export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** The trained first layer and the random one training started from (same shape). */
export interface Banks {
  trained: FilterBank;
  initial: FilterBank;
}

/** The bank a view shows: trained, initial, or trained − initial. */
export function bankFor(show: C3dFiltersState['show'], banks: Banks): FilterBank {
  if (show === 'trained') return banks.trained;
  if (show === 'initial') return banks.initial;
  return { shape: banks.trained.shape, data: banks.trained.data.map((w, i) => w - banks.initial.data[i]!) };
}

/** ‖w − w₀‖ / ‖w₀‖ for filter o: how far training moved it, relative to its starting size. */
export function relativeChange(banks: Banks, o: number): number {
  const [kt, kh, kw, cin] = banks.trained.shape;
  let moved = 0;
  let start = 0;
  for (let dt = 0; dt < kt; dt++)
    for (let dy = 0; dy < kh; dy++)
      for (let dx = 0; dx < kw; dx++)
        for (let c = 0; c < cin; c++) {
          const w0 = weightAt(banks.initial, o, dt, dy, dx, c);
          moved += (weightAt(banks.trained, o, dt, dy, dx, c) - w0) ** 2;
          start += w0 ** 2;
        }
  return start > 0 ? Math.sqrt(moved / start) : 0;
}

/**
 * The sum of filter o's weights in each of its frames: its response to a clip
 * that is uniformly bright in that frame only. Sums that go from negative to
 * positive make a filter respond to brightening over time, like the temporal
 * difference of the sliding-kernel figure.
 */
export function frameSums(bank: FilterBank, o: number): number[] {
  const [kt, kh, kw, cin] = bank.shape;
  return Array.from({ length: kt }, (_, dt) => {
    let sum = 0;
    for (let dy = 0; dy < kh; dy++) for (let dx = 0; dx < kw; dx++) for (let c = 0; c < cin; c++) sum += weightAt(bank, o, dt, dy, dx, c);
    return sum;
  });
}

/**
 * The time-varying share expected of random weights drawn independently per
 * frame: (kt − 1) / kt (two thirds for kt = 3). A share near it says nothing
 * about motion on its own.
 */
export function randomTimeVaryingShare(kt: number): number {
  return (kt - 1) / kt;
}

/** "−1.47" with a true minus sign, two decimals. */
export function signed(value: number): string {
  const text = value.toFixed(2);
  return /^-0\.00$/.test(text) ? '0.00' : text.replace('-', '−');
}

/** The text alternative: what is shown, with the numbers once the weights are loaded. */
export function describe(state: C3dFiltersState, banks?: Banks): string {
  if (!banks) {
    return `The first-layer 3-D filters of the trained C3D-tiny (${MODEL_ID}) will appear here as short clips once its weights are loaded.`;
  }
  const bank = bankFor(state.show, banks);
  const [kt, kh, kw, , cout] = bank.shape;
  const o = state.filter - 1;
  const moves = Array.from({ length: cout }, (_, f) => relativeChange(banks, f));
  const least = moves.indexOf(Math.min(...moves));
  const most = moves.indexOf(Math.max(...moves));
  return (
    `${SHOW_LABELS[state.show]} of the ${cout} first-layer filters of C3D-tiny, each ${kt}×${kh}×${kw} over the red, green and blue channels, shown as ${kt}-frame clips ` +
    `(mid-grey is 0; colour scale: ${NORM_LABELS[state.norm].toLowerCase()}); frame ${state.frame} of ${kt} is showing. ` +
    `Training moved each filter by ${percent(moves[least]!)} (filter ${least + 1}) to ${percent(moves[most]!)} (filter ${most + 1}) of its starting size. ` +
    `Filter ${state.filter} is selected: it moved ${percent(moves[o]!)}; ${percent(timeVaryingShare(bank, o))} of the weight shown changes from frame to frame ` +
    `(random weights: ${percent(randomTimeVaryingShare(kt))} on average); its frame sums are ${frameSums(bank, o).map(signed).join(', ')}.`
  );
}
