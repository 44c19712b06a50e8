/**
 * Draws the inflation demo: the clip controls, a static clip and the moving
 * clip each with both models' outputs side by side and their largest
 * difference, the accuracy of the 2-D model, its inflation and the fine-tuned
 * inflation on a fresh batch, and a sentence stating all of it. It shows only
 * what the element computed with the library.
 */
import { AccuracyBars, type AccuracyBar } from '../shared/accuracyBars';
import { h, showNotes, uniqueId } from '../shared/dom';
import { filmstrip, type FilmstripClip } from '../shared/filmstrip';
import { SEED, argmax } from '../ModelRunner/state';
import { CLIP_COUNTS, FRAMES, formatDifference, staticVerdict, type InflationState } from './state';

export interface InflationViewEvents {
  run(rawSeed: string, clips: number): void;
  newClip(rawSeed: string, clips: number): void;
  frame(frame: number): void;
  retry(): void;
}

export interface ComparisonView {
  clip: FilmstripClip;
  caption: string;
  classes: readonly string[];
  a: Float32Array;
  b: Float32Array;
  maxAbsDifference: number;
}

class ComparisonPanel {
  readonly root: HTMLElement;
  private readonly heading = h('p', { class: 'vnn-in-heading' });
  private readonly film = h('div', { class: 'vnn-in-film' });
  private readonly table = h('table', { class: 'vnn-in-table' });
  private readonly verdict = h('p', { class: 'vnn-in-verdict' });

  constructor(readonly name: 'static' | 'moving', title: string) {
    this.heading.textContent = title;
    this.root = h('section', { class: 'vnn-in-panel', 'data-panel': name, 'aria-label': title }, this.heading, this.film, this.table, this.verdict);
    this.root.hidden = true;
  }

  setTitle(title: string): void {
    this.heading.textContent = title;
    this.root.setAttribute('aria-label', title);
  }

  show(c: ComparisonView, verdict: string): void {
    this.film.replaceChildren(h('figure', {}, filmstrip(c.clip, `Filmstrip: ${c.caption}`), h('figcaption', {}, c.caption)));
    const p2 = argmax(c.a);
    const p3 = argmax(c.b);
    const head = h('tr', {}, ...['Class', '2-D model', 'Inflated', '|difference|'].map((t) => h('th', { scope: 'col' }, t)));
    const rows = c.classes.map((name, i) =>
      h(
        'tr',
        { 'data-class': name },
        h('th', { scope: 'row' }, name),
        h('td', { 'data-model': '2d', 'data-value': c.a[i]!, class: i === p2 ? 'is-top' : undefined }, c.a[i]!.toFixed(4)),
        h('td', { 'data-model': 'inflated', 'data-value': c.b[i]!, class: i === p3 ? 'is-top' : undefined }, c.b[i]!.toFixed(4)),
        h('td', { 'data-model': 'difference' }, formatDifference(Math.abs(c.a[i]! - c.b[i]!))),
      ),
    );
    this.table.replaceChildren(h('caption', {}, 'Output scores (logits); the larger score of each model is in bold'), h('thead', {}, head), h('tbody', {}, ...rows));
    this.verdict.dataset.difference = String(c.maxAbsDifference);
    this.verdict.replaceChildren('Largest difference: ', h('strong', {}, formatDifference(c.maxAbsDifference)), ` — ${verdict}.`);
    this.root.hidden = false;
  }
}

export class InflationView {
  readonly root: HTMLElement;
  readonly seedInput: HTMLInputElement;
  readonly clipsSelect: HTMLSelectElement;
  readonly frameSlider: HTMLInputElement;
  private readonly frameOutput = h('output', { class: 'vnn-in-frame-value' });
  private readonly runButton = h('button', { type: 'submit', class: 'vnn-in-primary' }, 'Run');
  private readonly newClipButton = h('button', { type: 'button' }, 'New clip');
  private readonly retryButton = h('button', { type: 'button', hidden: true }, 'Try again');
  private readonly notes = h('ul', { class: 'vnn-notes', 'aria-live': 'polite' });
  private readonly status = h('p', { class: 'vnn-in-status', role: 'status', 'aria-live': 'polite' });
  private readonly progress = h('progress', { 'aria-label': 'Loading the models', max: 1, value: 0 });
  private readonly alert = h('p', { class: 'vnn-in-error', role: 'alert' });
  private readonly staticPanel = new ComparisonPanel('static', 'A static clip');
  private readonly movingPanel = new ComparisonPanel('moving', 'The moving clip');
  private readonly bars = new AccuracyBars('Accuracy on the batch of fresh clips');
  private readonly description = h('p', { class: 'vnn-in-description', 'aria-live': 'polite' });

  constructor(state: InflationState, events: InflationViewEvents) {
    const titleId = uniqueId('vnn-in-title');
    const seedId = uniqueId('vnn-in-seed');
    const clipsId = uniqueId('vnn-in-clips');
    const frameId = uniqueId('vnn-in-frame');
    this.seedInput = h('input', { id: seedId, type: 'number', inputmode: 'numeric', min: SEED.min, max: SEED.max, step: 1, value: state.seed });
    this.clipsSelect = h('select', { id: clipsId }, ...CLIP_COUNTS.map((n) => h('option', { value: n }, String(n))));
    this.clipsSelect.value = String(state.clips);
    this.frameSlider = h('input', { id: frameId, type: 'range', min: 1, max: FRAMES, step: 1, value: state.frame });
    this.frameOutput.setAttribute('for', frameId);
    // novalidate: the seed is checked by readSeed, which explains a refusal in a visible note.
    const form = h(
      'form',
      { class: 'vnn-in-form', 'aria-label': 'Clip', novalidate: true },
      h('label', { for: seedId }, 'Clip seed'),
      this.seedInput,
      h('label', { for: clipsId }, 'Clips in the batch'),
      this.clipsSelect,
      this.runButton,
      this.newClipButton,
      this.retryButton,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      events.run(this.seedInput.value, Number(this.clipsSelect.value));
    });
    this.newClipButton.addEventListener('click', () => events.newClip(this.seedInput.value, Number(this.clipsSelect.value)));
    this.retryButton.addEventListener('click', () => events.retry());
    this.frameSlider.addEventListener('input', () => {
      this.showFrame(Number(this.frameSlider.value));
      events.frame(Number(this.frameSlider.value));
    });
    this.showFrame(state.frame);
    this.progress.hidden = true;
    this.bars.root.hidden = true;
    this.status.textContent = 'The models load when this figure comes into view.';
    this.root = h(
      'div',
      { class: 'vnn-widget vnn-inflation not-content', role: 'group', 'aria-labelledby': titleId },
      h('p', { class: 'vnn-title', id: titleId }, 'Inflating the single-frame model'),
      form,
      h('div', { class: 'vnn-in-frame' }, h('label', { for: frameId }, 'Frame repeated in the static clip'), this.frameSlider, this.frameOutput),
      this.notes,
      this.status,
      this.progress,
      this.alert,
      h('div', { class: 'vnn-in-panels' }, this.staticPanel.root, this.movingPanel.root),
      this.bars.root,
      this.description,
    );
  }

  setState(state: InflationState): void {
    this.seedInput.value = String(state.seed);
    this.clipsSelect.value = String(state.clips);
    this.frameSlider.value = String(state.frame);
    this.showFrame(state.frame);
  }

  private showFrame(frame: number): void {
    this.frameOutput.textContent = `frame ${frame} of ${FRAMES}`;
    this.frameSlider.setAttribute('aria-valuetext', `frame ${frame} of ${FRAMES}`);
  }

  setNotes(notes: readonly string[]): void {
    showNotes(this.notes, notes);
  }

  setBusy(message: string, done?: number, total?: number): void {
    for (const b of [this.runButton, this.newClipButton]) b.setAttribute('aria-disabled', 'true');
    this.alert.textContent = '';
    this.retryButton.hidden = true;
    this.status.textContent = message;
    this.progress.hidden = false;
    this.progress.setAttribute('aria-label', message.replace(/…$/, ''));
    if (done !== undefined && total) {
      this.progress.max = total;
      this.progress.value = done;
    } else {
      this.progress.removeAttribute('value');
    }
  }

  setIdle(message: string): void {
    for (const b of [this.runButton, this.newClipButton]) b.setAttribute('aria-disabled', 'false');
    this.progress.hidden = true;
    this.status.textContent = message;
  }

  showError(message: string, canRetry: boolean): void {
    this.setIdle(canRetry ? 'Press Try again to load the models again.' : 'Press Run to try again.');
    this.alert.textContent = message;
    this.retryButton.hidden = !canRetry;
  }

  showStatic(c: ComparisonView, frame: number, floatBits: number): void {
    this.staticPanel.setTitle(`A static clip: frame ${frame} repeated ${FRAMES} times`);
    this.staticPanel.show(c, staticVerdict(c.maxAbsDifference, floatBits));
  }

  showMoving(c: ComparisonView): void {
    this.movingPanel.show(c, 'once frames differ, the inflated kernels compare them, and nothing has trained them to do that yet');
  }

  showAccuracy(bars: readonly AccuracyBar[], chance: number): void {
    this.bars.update(bars, chance);
    this.bars.root.hidden = false;
  }

  describe(text: string): void {
    this.description.textContent = text;
  }
}
