/**
 * Draws the fusion-weight figure: the controls (network, class, seed and the
 * spatial weight w), what each stream sees (the middle frame; the stacked flow
 * fields in the colour code), the spatial, temporal and fused class
 * probabilities as three labelled bar lists with the true class marked, and the
 * recorded test sweep of accuracy against w. It only shows what the element
 * computed with the library.
 */
import { h, showNotes, uniqueId } from '../shared/dom';
import { flowCanvas, frameCanvas } from '../shared/flowPictures';
import { SEED, argmax, percent } from '../ModelRunner/state';
import type { FlowField } from '../../lib/video-nn/flow/field';
import { SweepChart } from './sweepChart';
import { PAIRS, WEIGHT_STEP, classSlug, describeSweep, pairById, sweepAt, weightText, type FusionRecord, type PairId, type TwoStreamState } from './state';

export interface TwoStreamViewEvents {
  clip(change: { pair?: PairId; motion?: string; rawSeed?: string; nextSeed?: boolean }): void;
  weight(w: number): void;
  retry(): void;
}

export interface StreamInputs {
  /** The RGB clip (T×H×W×3) and the index of the frame the spatial stream sees. */
  clip: { data: Float32Array; shape: readonly [number, number, number, number] };
  middle: number;
  flows: FlowField[];
  radius: number;
  seed: number;
  className: string;
}

type Stream = 'spatial' | 'temporal' | 'fused';

class BarList {
  readonly root: HTMLElement;
  private readonly list: HTMLUListElement;
  private readonly answer = h('p', { class: 'vnn-ts-answer' });

  constructor(readonly stream: Stream, title: string, formula: string) {
    const titleId = uniqueId(`vnn-ts-${stream}`);
    this.list = h('ul', { class: 'vnn-ts-bars', 'aria-labelledby': titleId, 'data-stream': stream });
    this.root = h('section', { class: 'vnn-ts-output', 'data-stream': stream }, h('p', { class: 'vnn-ts-output-title', id: titleId }, title, h('span', { class: 'vnn-ts-formula' }, formula)), this.list, this.answer);
  }

  update(classes: readonly string[], p: ArrayLike<number>, label: number): void {
    const top = argmax(p);
    const rows = classes.map((name, i) => {
      const fill = h('span', { class: 'vnn-ts-fill' });
      fill.style.width = percent(p[i]!, 2);
      const item = h(
        'li',
        { class: 'vnn-ts-bar', 'data-class': name, 'data-probability': p[i]! },
        h('span', { class: 'vnn-ts-name' }, name, ...(i === label ? [' ', h('span', { class: 'vnn-ts-true' }, 'true class')] : [])),
        h('span', { class: 'vnn-ts-track', 'aria-hidden': 'true' }, fill),
        h('span', { class: 'vnn-ts-value' }, percent(p[i]!)),
      );
      item.classList.toggle('is-predicted', i === top);
      return item;
    });
    this.list.replaceChildren(...rows);
    this.answer.textContent = `Answer: ${classes[top]} — ${top === label ? 'correct' : 'wrong'}.`;
    this.root.dataset.predicted = classes[top];
  }
}

export class TwoStreamView {
  readonly root: HTMLElement;
  readonly pairSelect: HTMLSelectElement;
  readonly classSelect: HTMLSelectElement;
  readonly seedInput: HTMLInputElement;
  readonly slider: HTMLInputElement;
  readonly chosenButton = h('button', { type: 'button', hidden: true });
  private readonly sliderValue = h('output', { class: 'vnn-ts-w' });
  private readonly newClipButton = h('button', { type: 'button' }, 'New clip');
  private readonly retryButton = h('button', { type: 'button', hidden: true }, 'Try again');
  private readonly notes = h('ul', { class: 'vnn-notes', 'aria-live': 'polite' });
  private readonly status = h('p', { class: 'vnn-ts-status', role: 'status', 'aria-live': 'polite' });
  private readonly progress = h('progress', { 'aria-label': 'Loading the models', max: 1, value: 0 });
  private readonly alert = h('p', { class: 'vnn-ts-error', role: 'alert' });
  private readonly inputs = h('div', { class: 'vnn-ts-inputs' });
  private readonly outputs: Record<Stream, BarList>;
  private readonly outputsBox: HTMLElement;
  private readonly sweepBox = h('figure', { class: 'vnn-ts-sweep' });
  private readonly sweepCaption = h('figcaption', {});
  private chart: SweepChart | undefined;
  private record: FusionRecord | undefined;
  private readonly description = h('p', { class: 'vnn-ts-description', 'aria-live': 'polite' });

  constructor(state: TwoStreamState, available: readonly PairId[], events: TwoStreamViewEvents) {
    const titleId = uniqueId('vnn-ts-title');
    const ids = { pair: uniqueId('vnn-ts-pair'), cls: uniqueId('vnn-ts-class'), seed: uniqueId('vnn-ts-seed'), w: uniqueId('vnn-ts-weight') };
    this.pairSelect = h('select', { id: ids.pair }, ...PAIRS.filter((p) => available.includes(p.id)).map((p) => h('option', { value: p.id }, p.label)));
    this.classSelect = h('select', { id: ids.cls });
    this.seedInput = h('input', { id: ids.seed, type: 'number', inputmode: 'numeric', min: SEED.min, max: SEED.max, step: 1 });
    this.slider = h('input', { id: ids.w, type: 'range', min: 0, max: 1, step: WEIGHT_STEP });
    this.sliderValue.setAttribute('for', ids.w);

    const pairField = h('div', { class: 'vnn-ts-field' }, h('label', { for: ids.pair }, 'Network'), this.pairSelect);
    // With one network shipped there is nothing to choose.
    pairField.hidden = available.length < 2;
    // novalidate: the seed is checked by readSeed, which explains a refusal in a visible note.
    const form = h(
      'form',
      { class: 'vnn-ts-form', 'aria-label': 'Clip', novalidate: true },
      pairField,
      h('div', { class: 'vnn-ts-field' }, h('label', { for: ids.cls }, 'Class'), this.classSelect),
      h('div', { class: 'vnn-ts-field vnn-ts-seed' }, h('label', { for: ids.seed }, 'Clip seed'), this.seedInput),
      h('div', { class: 'vnn-ts-buttons' }, this.newClipButton, this.retryButton),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      events.clip({ rawSeed: this.seedInput.value });
    });
    this.seedInput.addEventListener('change', () => events.clip({ rawSeed: this.seedInput.value }));
    this.pairSelect.addEventListener('change', () => events.clip({ pair: this.pairSelect.value as PairId }));
    this.classSelect.addEventListener('change', () => events.clip({ motion: this.classSelect.value }));
    this.newClipButton.addEventListener('click', () => events.clip({ rawSeed: this.seedInput.value, nextSeed: true }));
    this.retryButton.addEventListener('click', () => events.retry());
    this.slider.addEventListener('input', () => events.weight(Number(this.slider.value)));
    this.chosenButton.addEventListener('click', () => {
      if (this.record) events.weight(this.record.weightSpatial);
    });

    this.outputs = {
      spatial: new BarList('spatial', 'Spatial stream', ' p_s, from the middle frame'),
      temporal: new BarList('temporal', 'Temporal stream', ' p_t, from the stacked flow'),
      fused: new BarList('fused', 'Fused', ' w·p_s + (1 − w)·p_t'),
    };
    this.outputsBox = h('div', { class: 'vnn-ts-outputs' }, this.outputs.spatial.root, this.outputs.temporal.root, this.outputs.fused.root);
    this.outputsBox.hidden = true;
    this.sweepBox.hidden = true;
    this.progress.hidden = true;
    this.status.textContent = 'The trained streams load when this figure comes into view.';
    this.root = h(
      'div',
      { class: 'vnn-widget vnn-two-stream not-content', role: 'group', 'aria-labelledby': titleId },
      h('p', { class: 'vnn-title', id: titleId }, 'Fusing the two streams of a trained network'),
      form,
      h('div', { class: 'vnn-ts-slider' }, h('label', { for: ids.w }, 'Spatial weight w'), this.slider, this.sliderValue, this.chosenButton),
      this.notes,
      this.status,
      this.progress,
      this.alert,
      this.inputs,
      this.outputsBox,
      this.sweepBox,
      this.description,
    );
    this.setState(state);
  }

  setState(state: TwoStreamState): void {
    this.pairSelect.value = state.pair;
    if (this.classSelect.dataset.for !== state.pair) {
      this.classSelect.replaceChildren(...pairById(state.pair).classes.map((c) => h('option', { value: classSlug(c) }, c)));
      this.classSelect.dataset.for = state.pair;
    }
    this.classSelect.value = state.motion;
    this.seedInput.value = String(state.seed);
    this.showWeight(state.w);
  }

  /** The slider, its value in words, and the sweep chart's marker. */
  showWeight(w: number): void {
    this.slider.value = String(w);
    const text = weightText(w);
    this.sliderValue.textContent = `w = ${w.toFixed(2)}, 1 − w = ${(1 - w).toFixed(2)}`;
    this.slider.setAttribute('aria-valuetext', text);
    if (this.record && this.chart) {
      const at = sweepAt(this.record.sweep, w);
      this.chart.setCurrent(w, at, describeSweep(this.record, w));
      this.sweepCaption.textContent = describeSweep(this.record, w);
      this.chosenButton.setAttribute('aria-pressed', String(Math.abs(w - this.record.weightSpatial) < 1e-6));
    }
  }

  setNotes(notes: readonly string[]): void {
    showNotes(this.notes, notes);
  }

  setBusy(message: string, done?: number, total?: number): void {
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
    this.progress.hidden = true;
    this.status.textContent = message;
  }

  showError(message: string): void {
    this.setIdle('Press Try again to load the models and run them again.');
    this.alert.textContent = message;
    this.retryButton.hidden = false;
  }

  /** The recorded sweep of the network on screen (the temporal stream's manifest), or a note that there is none. */
  showRecord(record: FusionRecord | undefined, chance: number, w: number): void {
    this.record = record;
    if (!record) {
      this.chart = undefined;
      this.chosenButton.hidden = true;
      this.sweepBox.replaceChildren(h('figcaption', {}, 'This network’s training record holds no fusion sweep.'));
      this.sweepBox.hidden = false;
      return;
    }
    this.chart = new SweepChart(record.sweep, record.weightSpatial, chance, describeSweep(record, w));
    this.chosenButton.textContent = `Use the validated w = ${record.weightSpatial.toFixed(2)}`;
    this.chosenButton.hidden = false;
    this.sweepBox.replaceChildren(
      h('p', { class: 'vnn-ts-output-title' }, 'Recorded at training: test accuracy against w'),
      this.chart.root,
      h(
        'p',
        { class: 'vnn-ts-keys', 'aria-hidden': 'true' },
        h('span', { class: 'vnn-ts-key vnn-ts-key-line' }),
        ' accuracy  ',
        h('span', { class: 'vnn-ts-key vnn-ts-key-chosen' }),
        ' chosen on validation  ',
        h('span', { class: 'vnn-ts-key vnn-ts-key-current' }),
        ' your w  ',
        h('span', { class: 'vnn-ts-key vnn-ts-key-chance' }),
        ` chance ${percent(chance)}`,
      ),
      this.sweepCaption,
    );
    this.sweepBox.hidden = false;
    this.showWeight(w);
  }

  /** What each stream sees: the clip with the spatial stream's frame marked, and the flow fields the temporal stream stacks. */
  showInputs(s: StreamInputs): void {
    const frames = Array.from({ length: s.clip.shape[0] }, (_, t) =>
      h(
        'li',
        { class: t === s.middle ? 'vnn-ts-frame is-spatial' : 'vnn-ts-frame' },
        frameCanvas(s.clip, t, `frame ${t}${t === s.middle ? ', the one the spatial stream sees' : ''}`),
        h('span', {}, t === s.middle ? `t = ${t} ◆` : `t = ${t}`),
      ),
    );
    const flows = s.flows.map((f, k) => h('li', {}, flowCanvas(f, s.radius, `flow ${k}, frames ${k} to ${k + 1}, in the colour code`)));
    this.inputs.replaceChildren(
      h('figure', { class: 'vnn-ts-input' }, h('ol', { class: 'vnn-ts-frames' }, ...frames), h('figcaption', {}, `The clip (seed ${s.seed}, class ${s.className}); the spatial stream sees only frame ${s.middle} (◆).`)),
      h('figure', { class: 'vnn-ts-input' }, h('ol', { class: 'vnn-ts-flows' }, ...flows), h('figcaption', {}, `The temporal stream sees these ${s.flows.length} flow fields, stacked into ${2 * s.flows.length} channels (colour wheel: hue = direction, strength = speed).`)),
    );
  }

  showOutputs(classes: readonly string[], label: number, spatial: ArrayLike<number>, temporal: ArrayLike<number>): void {
    this.outputs.spatial.update(classes, spatial, label);
    this.outputs.temporal.update(classes, temporal, label);
    this.outputsBox.hidden = false;
  }

  showFused(classes: readonly string[], label: number, fused: ArrayLike<number>, w: number, description: string): void {
    this.outputs.fused.update(classes, fused, label);
    this.outputs.fused.root.dataset.w = String(w);
    this.description.textContent = description;
  }
}
