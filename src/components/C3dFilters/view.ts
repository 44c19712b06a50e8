/**
 * Draws the learned-filters figure: loading progress or a failure with a Retry
 * button, then a grid of the filters (each a button showing the current frame of
 * its clip and how much of it changes over time), the selected filter's frames
 * side by side, Play / Step / a frame slider and the colour-scale choice. It
 * shows only what state.ts computes from the weights it is given.
 */
import { h, showNotes, uniqueId } from '../shared/dom';
import {
  NORM_LABELS, SETTINGS, SHOW_LABELS, bankFor, describe, randomTimeVaryingShare, filterFrame, fitToBank, frameSums, percent, relativeChange, signed, timeVaryingShare,
  type Banks, type C3dFiltersState,
} from './state';

/** Frames per second while a filter clip plays. */
const PLAY_RATE = 2;
const TILE_PX = 48;
const LARGE_PX = 84;

export interface ModelFacts {
  /** e.g. "4-way motion direction (left, right, up, down)" */
  dataset: string;
  /** Held-out accuracy, 0…1. */
  accuracy: number;
  testClips: number;
}

export class C3dFiltersView {
  readonly root: HTMLElement;
  readonly retryButton = h('button', { type: 'button', hidden: true }, 'Try again');
  private state: C3dFiltersState;
  private banks: Banks | undefined;
  private readonly notes = h('ul', { class: 'vnn-notes', 'aria-live': 'polite' });
  private readonly status = h('p', { class: 'vnn-cf-status', role: 'status' });
  private readonly progress = h('progress', { 'aria-label': 'Loading' });
  private readonly alert = h('p', { class: 'vnn-cf-alert', role: 'alert' });
  private readonly body = h('div', { class: 'vnn-cf-body', hidden: true });
  private readonly grid = h('div', { class: 'vnn-cf-grid', role: 'group', 'aria-label': 'Filters' });
  private readonly large = h('div', { class: 'vnn-cf-large' });
  private readonly largeTitle = h('p', { class: 'vnn-cf-large-title' });
  private readonly playButton = h('button', { type: 'button', 'aria-pressed': 'false' }, 'Play');
  private readonly frameInput: HTMLInputElement;
  private readonly frameShown: HTMLOutputElement;
  private readonly normSelect: HTMLSelectElement;
  private readonly showSelect: HTMLSelectElement;
  private readonly sums = h('p', { class: 'vnn-cf-sums' });
  private readonly facts = h('p', { class: 'vnn-cf-facts' });
  private readonly summary = h('p', { class: 'vnn-cf-summary', 'aria-live': 'polite' });
  private timer: ReturnType<typeof setInterval> | undefined;
  private noteList: string[] = [];

  constructor(state: C3dFiltersState, private readonly onChange: (state: C3dFiltersState) => void) {
    this.state = state;
    const titleId = uniqueId('vnn-cf-title');
    const frameId = uniqueId('vnn-cf-frame');
    this.frameInput = h('input', { id: frameId, type: 'range', min: 1, max: 3, step: 1 });
    this.frameShown = h('output', { for: frameId, class: 'vnn-cf-value' });
    this.frameInput.addEventListener('input', () => this.commit({ ...this.state, frame: Number(this.frameInput.value) }));
    const normId = uniqueId('vnn-cf-norm');
    const norm = SETTINGS.find((s) => s.key === 'norm')!;
    this.normSelect = h('select', { id: normId }, ...norm.choices.map((c) => h('option', { value: c }, NORM_LABELS[c])));
    this.normSelect.addEventListener('change', () => this.commit({ ...this.state, norm: this.normSelect.value === 'layer' ? 'layer' : 'filter' }));
    const showId = uniqueId('vnn-cf-show');
    const show = SETTINGS.find((s) => s.key === 'show')!;
    this.showSelect = h('select', { id: showId }, ...show.choices.map((c) => h('option', { value: c }, SHOW_LABELS[c])));
    this.showSelect.addEventListener('change', () => {
      const value = show.choices.find((c) => c === this.showSelect.value) ?? 'trained';
      this.commit({ ...this.state, show: value });
    });
    const stepButton = h('button', { type: 'button' }, 'Next frame ▶');
    stepButton.addEventListener('click', () => this.commit({ ...this.state, frame: this.nextFrame() }));
    this.playButton.addEventListener('click', () => (this.timer ? this.pause() : this.play()));

    const controls = h(
      'div',
      { class: 'vnn-cf-controls' },
      h('div', { class: 'vnn-cf-buttons' }, this.playButton, stepButton),
      h('div', { class: 'vnn-cf-field' }, h('label', { for: frameId }, 'Frame'), this.frameInput, this.frameShown),
      h('div', { class: 'vnn-cf-field' }, h('label', { for: showId }, show.label), this.showSelect),
      h('div', { class: 'vnn-cf-field' }, h('label', { for: normId }, norm.label), this.normSelect),
    );
    this.body.append(controls, this.grid, this.largeTitle, this.large, this.sums, this.facts);
    this.progress.hidden = true;
    this.root = h(
      'div',
      { class: 'vnn-widget vnn-c3d-filters not-content', role: 'group', 'aria-labelledby': titleId },
      h('p', { class: 'vnn-title', id: titleId }, 'What the first layer of C3D-tiny learned'),
      this.notes,
      this.status,
      this.progress,
      this.alert,
      this.retryButton,
      this.body,
      this.summary,
    );
    this.summary.textContent = describe(state);
  }

  get current(): C3dFiltersState {
    return this.state;
  }

  get playing(): boolean {
    return this.timer !== undefined;
  }

  setNotes(notes: readonly string[]): void {
    this.noteList = [...notes];
    showNotes(this.notes, notes);
  }

  setState(state: C3dFiltersState): void {
    this.state = this.banks ? fitToBank(state, this.banks.trained) : state;
    this.render();
  }

  setProgress(message: string): void {
    this.progress.hidden = false;
    this.progress.setAttribute('aria-label', message.replace(/…$/, ''));
    this.status.textContent = message;
    this.alert.textContent = '';
    this.retryButton.hidden = true;
  }

  showError(message: string): void {
    this.progress.hidden = true;
    this.status.textContent = '';
    this.alert.textContent = message;
    this.retryButton.hidden = false;
    this.body.hidden = true;
  }

  /** The weights arrived: fit the state to their shape (with notes) and draw. */
  showBanks(banks: Banks, facts: ModelFacts, notes: string[] = []): void {
    this.banks = banks;
    const fitted = fitToBank(this.state, banks.trained, notes);
    this.progress.hidden = true;
    this.status.textContent = '';
    this.body.hidden = false;
    this.facts.textContent =
      `C3D-tiny was trained for this book on ${facts.dataset} and classifies ${(facts.accuracy * 100).toFixed(1)}% of ${facts.testClips} held-out test clips correctly. ` +
      `Each tile is one filter of its first layer; the number under it says how far training moved the filter from its random starting weights, relative to their size.`;
    // Notes about the layer's shape join any notes about the query.
    if (notes.length) this.setNotes([...this.noteList, ...notes]);
    this.buildGrid(banks);
    if (fitted.filter !== this.state.filter || fitted.frame !== this.state.frame) this.commit(fitted, false);
    else this.render();
  }

  /** Loops the filters' frames until paused; the element starts it only when motion is welcome. */
  play(): void {
    if (!this.banks || this.timer) return;
    this.playButton.setAttribute('aria-pressed', 'true');
    this.playButton.textContent = 'Pause';
    this.summary.setAttribute('aria-live', 'off');
    this.timer = setInterval(() => {
      this.state = { ...this.state, frame: this.nextFrame() };
      this.render();
    }, 1000 / PLAY_RATE);
  }

  pause(): void {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = undefined;
    this.playButton.setAttribute('aria-pressed', 'false');
    this.playButton.textContent = 'Play';
    this.summary.setAttribute('aria-live', 'polite');
    // The frame it stopped on becomes the state, so a copied link shows it.
    this.commit(this.state);
  }

  private nextFrame(): number {
    const kt = this.banks?.trained.shape[0] ?? 1;
    return (this.state.frame % kt) + 1;
  }

  private commit(state: C3dFiltersState, clearNotes = true): void {
    this.state = state;
    if (clearNotes) this.setNotes([]);
    this.render();
    this.onChange(state);
  }

  private buildGrid(banks: Banks): void {
    const [kt, , , , cout] = banks.trained.shape;
    this.frameInput.max = String(kt);
    this.grid.replaceChildren(
      ...Array.from({ length: cout }, (_, o) => {
        const moved = percent(relativeChange(banks, o));
        const button = h(
          'button',
          { type: 'button', class: 'vnn-cf-tile', 'aria-pressed': 'false', 'data-filter': o + 1, 'aria-label': `Filter ${o + 1}: training moved it ${moved}` },
          h('canvas', { class: 'vnn-cf-pixels', 'aria-hidden': 'true' }),
          h('span', { class: 'vnn-cf-tile-label', 'aria-hidden': 'true' }, `${o + 1} · ${moved}`),
        );
        button.addEventListener('click', () => this.commit({ ...this.state, filter: o + 1 }));
        return button;
      }),
    );
    this.large.replaceChildren(
      ...Array.from({ length: kt }, (_, t) =>
        h('figure', { class: 'vnn-cf-large-frame', 'data-frame': t + 1 }, h('canvas', { class: 'vnn-cf-pixels', 'aria-hidden': 'true' }), h('figcaption', {}, `frame ${t + 1}`)),
      ),
    );
  }

  private render(): void {
    const { state, banks } = this;
    this.normSelect.value = state.norm;
    this.showSelect.value = state.show;
    this.frameInput.value = String(state.frame);
    if (!banks) {
      this.summary.textContent = describe(state);
      return;
    }
    const bank = bankFor(state.show, banks);
    const kt = bank.shape[0];
    this.frameShown.textContent = `${state.frame} of ${kt}`;
    this.frameInput.setAttribute('aria-valuetext', `frame ${state.frame} of ${kt}`);
    this.grid.querySelectorAll<HTMLButtonElement>('.vnn-cf-tile').forEach((button, o) => {
      button.setAttribute('aria-pressed', String(o + 1 === state.filter));
      paint(button.querySelector('canvas')!, filterFrame(bank, o, state.frame - 1, state.norm), bank.shape[1], bank.shape[2], TILE_PX);
    });
    const o = state.filter - 1;
    this.largeTitle.textContent = `Filter ${state.filter}, ${SHOW_LABELS[state.show].toLowerCase()}, frame by frame`;
    this.sums.textContent =
      `Sum of its weights in each frame (its response to a frame that is uniformly bright): ${frameSums(bank, o).map(signed).join(', ')}. ` +
      `Share of its weight that varies between frames: ${percent(timeVaryingShare(bank, o))} (random weights: ${percent(randomTimeVaryingShare(kt))} on average).`;
    this.large.querySelectorAll<HTMLElement>('.vnn-cf-large-frame').forEach((figure, t) => {
      figure.classList.toggle('is-current', t + 1 === state.frame);
      paint(figure.querySelector('canvas')!, filterFrame(bank, o, t, state.norm), bank.shape[1], bank.shape[2], LARGE_PX);
    });
    this.summary.textContent = describe(state, banks);
  }
}

/** Paints kh×kw RGB values in [0, 1] as square blocks filling about `px` pixels. */
function paint(canvas: HTMLCanvasElement, rgb: Float32Array, kh: number, kw: number, px: number): void {
  const cell = Math.max(1, Math.floor(px / Math.max(kh, kw)));
  canvas.width = kw * cell;
  canvas.height = kh * cell;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  for (let y = 0; y < kh; y++)
    for (let x = 0; x < kw; x++) {
      const [r, g, b] = [0, 1, 2].map((c) => Math.round(255 * Math.max(0, Math.min(1, rgb[(y * kw + x) * 3 + c]!))));
      ctx.fillStyle = `rgb(${r}, ${g}, ${b})`;
      ctx.fillRect(x * cell, y * cell, cell, cell);
    }
}
