/**
 * Draws the fusion widget: the fusion and network toggles, the diagram along
 * time, the receptive-field table, and the panel that measures the four trained
 * models on a fresh batch. It shows only what state.ts, fusionAnalysis.ts and
 * the element give it; reader input goes back through the callbacks.
 */
import { AccuracyBars, type AccuracyBar } from '../shared/accuracyBars';
import { h, showNotes, uniqueId } from '../shared/dom';
import { SEED } from '../ModelRunner/state';
import type { FusionKind } from '../../lib/video-nn/spec/teaching';
import { FusionDiagram, describeDiagram, tracedRow } from './diagram';
import { FUSION_KINDS, KIND_LABEL, NETWORKS, fusionTable, timeGraph, type Network } from './fusionAnalysis';
import { CLIP_COUNTS, KIND_SUMMARY, NETWORK_LABEL, describe, describeAccuracy, type FusionState, type MeasuredAccuracy } from './state';

export interface FusionViewEvents {
  /** The reader changed the fusion kind or the network. */
  select(next: Partial<Pick<FusionState, 'fusion' | 'net'>>): void;
  /** Measure on the batch in the form (raw seed text, clip count). */
  measure(rawSeed: string, clips: number): void;
  /** Measure on the next seed. */
  nextBatch(rawSeed: string, clips: number): void;
  /** Try loading again after a failure. */
  retry(): void;
}

export class FusionView {
  readonly root: HTMLElement;
  readonly seedInput: HTMLInputElement;
  readonly clipsSelect: HTMLSelectElement;
  readonly measureButton: HTMLButtonElement;
  readonly nextButton: HTMLButtonElement;
  readonly retryButton: HTMLButtonElement;
  private readonly kindButtons = new Map<FusionKind, HTMLButtonElement>();
  private readonly netButtons = new Map<Network, HTMLButtonElement>();
  private readonly summary = h('p', { class: 'vnn-fu-summary' });
  private readonly diagram = new FusionDiagram();
  private readonly diagramCaption = h('p', { class: 'vnn-fu-caption' });
  private readonly replayButton = h('button', { type: 'button', class: 'vnn-fu-replay' }, 'Replay the animation');
  private readonly table = h('table', { class: 'vnn-fu-table' });
  private readonly description = h('p', { class: 'vnn-fu-description', 'aria-live': 'polite' });
  private readonly notes = h('ul', { class: 'vnn-notes', 'aria-live': 'polite' });
  private readonly status = h('p', { class: 'vnn-fu-status', role: 'status', 'aria-live': 'polite' });
  private readonly progress = h('progress', { 'aria-label': 'Loading the trained models', max: 1, value: 0 });
  private readonly alert = h('p', { class: 'vnn-fu-error', role: 'alert' });
  private readonly bars = new AccuracyBars('Accuracy of each trained model on the batch');
  private readonly accuracyText = h('p', { class: 'vnn-fu-accuracy-text' });
  private state: FusionState;
  /** The last measurement, redrawn when the highlighted kind changes. */
  private measured: { seed: number; results: readonly MeasuredAccuracy[]; chance: number } | undefined;

  constructor(state: FusionState, events: FusionViewEvents, private readonly reducedMotion: () => boolean) {
    this.state = state;
    const titleId = uniqueId('vnn-fu-title');
    const kinds = h('div', { class: 'vnn-fu-toggles', role: 'group', 'aria-label': 'Fusion' });
    for (const kind of FUSION_KINDS) {
      const b = h('button', { type: 'button', 'aria-pressed': 'false', 'data-fusion': kind }, KIND_LABEL[kind]);
      b.addEventListener('click', () => events.select({ fusion: kind }));
      this.kindButtons.set(kind, b);
      kinds.append(b);
    }
    const nets = h('div', { class: 'vnn-fu-toggles', role: 'group', 'aria-label': 'Network' });
    for (const net of NETWORKS) {
      const b = h('button', { type: 'button', 'aria-pressed': 'false', 'data-net': net }, NETWORK_LABEL[net]);
      b.addEventListener('click', () => events.select({ net }));
      this.netButtons.set(net, b);
      nets.append(b);
    }
    this.replayButton.addEventListener('click', () => this.diagram.replay());

    const seedId = uniqueId('vnn-fu-seed');
    const clipsId = uniqueId('vnn-fu-clips');
    this.seedInput = h('input', { id: seedId, type: 'number', inputmode: 'numeric', min: SEED.min, max: SEED.max, step: 1, value: state.seed });
    this.clipsSelect = h('select', { id: clipsId }, ...CLIP_COUNTS.map((n) => h('option', { value: n }, String(n))));
    this.clipsSelect.value = String(state.clips);
    this.measureButton = h('button', { type: 'submit', class: 'vnn-fu-primary' }, 'Measure');
    this.nextButton = h('button', { type: 'button' }, 'New batch');
    this.retryButton = h('button', { type: 'button', hidden: true }, 'Try again');
    // novalidate: the seed is checked by readSeed, which explains a refusal in a visible note.
    const form = h(
      'form',
      { class: 'vnn-fu-form', 'aria-label': 'Batch of fresh clips', novalidate: true },
      h('label', { for: seedId }, 'Batch seed'),
      this.seedInput,
      h('label', { for: clipsId }, 'Clips'),
      this.clipsSelect,
      this.measureButton,
      this.nextButton,
      this.retryButton,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      events.measure(this.seedInput.value, Number(this.clipsSelect.value));
    });
    this.nextButton.addEventListener('click', () => events.nextBatch(this.seedInput.value, Number(this.clipsSelect.value)));
    this.retryButton.addEventListener('click', () => events.retry());
    this.progress.hidden = true;
    this.bars.root.hidden = true;

    const measureId = uniqueId('vnn-fu-measure');
    this.root = h(
      'div',
      { class: 'vnn-widget vnn-fusion not-content', role: 'group', 'aria-labelledby': titleId },
      h('p', { class: 'vnn-title', id: titleId }, 'Fusion strategies compared'),
      h('div', { class: 'vnn-fu-controls' }, h('span', { class: 'vnn-fu-label', 'aria-hidden': 'true' }, 'Fusion'), kinds),
      h('div', { class: 'vnn-fu-controls' }, h('span', { class: 'vnn-fu-label', 'aria-hidden': 'true' }, 'Network'), nets),
      this.notes,
      this.summary,
      h(
        'div',
        { class: 'vnn-fu-figures' },
        h('figure', { class: 'vnn-fu-figure' }, this.diagram.root, h('figcaption', {}, this.diagramCaption, this.replayButton)),
        h('div', { class: 'vnn-fu-table-wrap', role: 'region', 'aria-label': 'Receptive fields, layer by layer', tabindex: 0 }, this.table),
      ),
      this.description,
      h(
        'section',
        { class: 'vnn-fu-measure', 'aria-labelledby': measureId },
        h('p', { class: 'vnn-fu-subtitle', id: measureId }, 'The trained models on fresh clips of 4-way motion direction'),
        form,
        this.status,
        this.progress,
        this.alert,
        this.bars.root,
        this.accuracyText,
      ),
    );
    this.status.textContent = 'The four trained models load when this figure comes into view.';
    this.render(true);
  }

  setState(state: FusionState, animate: boolean): void {
    const changedFigure = state.fusion !== this.state.fusion || state.net !== this.state.net;
    this.state = state;
    this.seedInput.value = String(state.seed);
    this.clipsSelect.value = String(state.clips);
    if (changedFigure) this.render(animate);
  }

  setNotes(notes: readonly string[]): void {
    showNotes(this.notes, notes);
  }

  /** Progress while tfjs and the weights load or the models run; `done`/`total` drive the bar. */
  setBusy(message: string, done?: number, total?: number): void {
    for (const b of [this.measureButton, this.nextButton]) b.setAttribute('aria-disabled', 'true');
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
    for (const b of [this.measureButton, this.nextButton]) b.setAttribute('aria-disabled', 'false');
    this.progress.hidden = true;
    this.status.textContent = message;
  }

  showError(message: string, canRetry: boolean): void {
    this.setIdle(canRetry ? 'Press Try again to load the models again.' : 'Press Measure to try again.');
    this.alert.textContent = message;
    this.retryButton.hidden = !canRetry;
  }

  /** `chance`: the accuracy of guessing among the dataset's classes. */
  showAccuracy(seed: number, results: readonly MeasuredAccuracy[], chance: number): void {
    const bars: AccuracyBar[] = results.map((r) => ({
      id: r.kind,
      label: KIND_LABEL[r.kind],
      correct: r.correct,
      count: r.count,
      reference: { accuracy: r.heldOut, count: r.heldOutCount, label: 'held out' },
      current: r.kind === this.state.fusion,
    }));
    this.bars.update(bars, chance);
    this.bars.root.hidden = false;
    this.accuracyText.textContent = describeAccuracy(seed, results, chance);
    this.measured = { seed, results, chance };
  }

  private render(animate: boolean): void {
    const { fusion: kind, net } = this.state;
    for (const [k, b] of this.kindButtons) b.setAttribute('aria-pressed', String(k === kind));
    for (const [n, b] of this.netButtons) b.setAttribute('aria-pressed', String(n === net));
    this.summary.textContent = KIND_SUMMARY[kind];
    const table = fusionTable(kind, net);
    const graph = timeGraph(table);
    const motion = animate && !this.reducedMotion();
    this.diagram.show({ graph, table }, motion);
    this.replayButton.hidden = this.reducedMotion();
    const traced = graph[tracedRow(graph)]!;
    this.diagramCaption.textContent = `Each dot is a unit at one time step. Highlighted: what one unit of ${traced.name} can see. `;
    this.diagram.root.dataset.description = describeDiagram({ graph, table });
    this.renderTable(table);
    this.description.textContent = describe(this.state, table);
    if (this.measured) this.showAccuracy(this.measured.seed, this.measured.results, this.measured.chance);
  }

  private renderTable(table: ReturnType<typeof fusionTable>): void {
    const input = table.spec.defaultInput;
    const head = h('tr', {}, ...['Layer', 'Output C×T×H×W', 'Frames', 'Pixels'].map((t) => h('th', { scope: 'col' }, t)));
    const rows = table.rows.map((r, i) => {
      const meets = i === table.meetsAt;
      return h(
        'tr',
        { 'data-layer': r.name, class: meets ? 'is-meeting' : undefined },
        h(
          'th',
          { scope: 'row' },
          r.name,
          ...(meets ? [h('span', { class: 'vnn-fu-badge' }, 'frames meet')] : []),
          h('span', { class: 'vnn-fu-op' }, r.what),
        ),
        h('td', { 'data-col': 'shape' }, r.outputShape.join('×')),
        h('td', { 'data-col': 'temporal' }, String(r.temporal)),
        h('td', { 'data-col': 'spatial' }, String(r.spatial)),
      );
    });
    this.table.replaceChildren(
      h('caption', {}, `Receptive fields of ${table.spec.title} on a ${input.channels}×${input.frames}×${input.height}×${input.width} clip: the input frames and pixels (along a side) one unit of each layer can see, from the library’s analysis of its spec`),
      h('thead', {}, head),
      h('tbody', {}, ...rows),
    );
  }
}
