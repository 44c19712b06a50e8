/**
 * Draws the per-frame flicker figure: the performance chooser, the frame under
 * the cursor, the chart of per-frame probabilities with its legend (which also
 * states each shown class's value at the cursor), a frame slider, the models'
 * status, and the two clip-level answers as labelled bars: the mean of the
 * per-frame probabilities, and the trained model on the whole clip.
 */
import { h, showNotes, uniqueId } from '../shared/dom';
import { ModelStatus } from '../shared/modelStatus';
import { ProbabilityBars } from '../shared/probabilityBars';
import { paintPixels, sizeCanvas } from '../shared/pixelCanvas';
import { POSE_CLASSES, POSE_FRAMES, POSE_SIZE } from '../shared/poseScores';
import { argmax, percent } from '../ModelRunner/state';
import type { KeypointClip } from '../../lib/video-nn/data';
import { DASHES, FlickerChart } from './chart';
import { SETTINGS, describe, flicker, labelOf, listFrames, type FlickerResult, type FlickerState } from './state';

const SCALE = 4;
const FRAME_VALUES = POSE_SIZE * POSE_SIZE * 3;

export interface FlickerCallbacks {
  change: (state: FlickerState) => void;
  seedTyped: (raw: string) => void;
  newClip: () => void;
  retry: () => void;
}

export class FrameFlickerView {
  readonly root: HTMLElement;
  readonly seedInput: HTMLInputElement;
  readonly status = new ModelStatus('The single-frame model loads when this figure comes into view.');
  private state: FlickerState;
  private result: FlickerResult | undefined;
  private readonly actionSelect: HTMLSelectElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly frameCaption = h('figcaption', {});
  private readonly chart: FlickerChart;
  private readonly slider: HTMLInputElement;
  private readonly sliderOutput: HTMLOutputElement;
  private readonly legend = h('ul', { class: 'vnn-ff-legend' });
  private readonly plot: HTMLElement;
  private readonly averages: HTMLElement;
  private readonly meanBars = new ProbabilityBars(`Mean of the ${POSE_FRAMES} per-frame probabilities`, POSE_CLASSES);
  private readonly clipBars = new ProbabilityBars('The trained model on the whole clip', POSE_CLASSES);
  private readonly pooledNote = h('p', { class: 'vnn-ff-note' });
  private readonly summary = h('p', { class: 'vnn-ff-summary', 'aria-live': 'polite' });
  private readonly notes = h('ul', { class: 'vnn-notes', 'aria-live': 'polite' });

  constructor(state: FlickerState, private readonly on: FlickerCallbacks) {
    this.state = state;
    const titleId = uniqueId('vnn-ff-title');
    const actionId = uniqueId('vnn-ff-action');
    this.actionSelect = h('select', { id: actionId }, ...POSE_CLASSES.map((c) => h('option', { value: c }, c)));
    this.actionSelect.addEventListener('change', () => this.on.change({ ...this.state, action: this.actionSelect.value }));
    const seedId = uniqueId('vnn-ff-seed');
    const seedSetting = SETTINGS[0];
    this.seedInput = h('input', { id: seedId, type: 'number', inputmode: 'numeric', min: 0, max: seedSetting.max, step: 1 });
    this.seedInput.addEventListener('change', () => this.on.seedTyped(this.seedInput.value));
    const newClip = h('button', { type: 'button' }, 'New clip');
    newClip.addEventListener('click', () => this.on.newClip());
    const chooser = h(
      'form',
      { class: 'vnn-ff-chooser', 'aria-label': 'Which performance', novalidate: true },
      h('div', { class: 'vnn-ff-field' }, h('label', { for: actionId }, 'Action'), this.actionSelect),
      h('div', { class: 'vnn-ff-field' }, h('label', { for: seedId }, seedSetting.label), this.seedInput),
      newClip,
    );
    chooser.addEventListener('submit', (event) => {
      event.preventDefault();
      this.on.seedTyped(this.seedInput.value);
    });

    this.canvas = h('canvas', { class: 'vnn-ff-canvas', role: 'img' });
    sizeCanvas(this.canvas, { rows: POSE_SIZE, cols: POSE_SIZE }, SCALE);
    this.chart = new FlickerChart((frame) => this.on.change({ ...this.state, frame }));
    const sliderId = uniqueId('vnn-ff-frame');
    this.slider = h('input', { id: sliderId, type: 'range', min: 1, max: POSE_FRAMES, step: 1 });
    this.slider.addEventListener('input', () => this.on.change({ ...this.state, frame: Number(this.slider.value) }));
    this.sliderOutput = h('output', { for: sliderId, 'aria-hidden': 'true' });
    this.status.retryButton.addEventListener('click', () => this.on.retry());

    this.plot = h(
      'div',
      { class: 'vnn-ff-plot' },
      h('p', { class: 'vnn-ff-axis' }, 'Probability of each action, frame by frame (the single-frame pose model on each frame alone)'),
      this.chart.root,
      this.legend,
    );
    this.plot.hidden = true;
    this.meanBars.root.dataset.bars = 'mean';
    this.clipBars.root.dataset.bars = 'clip';
    this.averages = h(
      'section',
      { class: 'vnn-ff-averages', 'aria-label': 'The clip as a whole' },
      h('div', { class: 'vnn-ff-pair' }, this.meanBars.root, this.clipBars.root),
      this.pooledNote,
    );
    this.averages.hidden = true;

    this.root = h(
      'div',
      { class: 'vnn-widget vnn-frame-flicker not-content', role: 'group', 'aria-labelledby': titleId },
      h('p', { class: 'vnn-title', id: titleId }, 'Per-frame flicker'),
      chooser,
      this.notes,
      h(
        'div',
        { class: 'vnn-ff-top' },
        h('figure', { class: 'vnn-ff-figure' }, this.canvas, this.frameCaption),
        h('div', { class: 'vnn-ff-slider' }, h('label', { for: sliderId }, 'Frame'), this.slider, this.sliderOutput),
      ),
      this.status.root,
      this.plot,
      this.averages,
      this.summary,
    );
  }

  setNotes(notes: readonly string[]): void {
    showNotes(this.notes, notes);
  }

  update(state: FlickerState, clip: KeypointClip): void {
    this.state = state;
    this.actionSelect.value = state.action;
    if (document.activeElement !== this.seedInput) this.seedInput.value = String(state.seed);
    this.slider.value = String(state.frame);
    this.slider.setAttribute('aria-valuetext', `Frame ${state.frame} of ${POSE_FRAMES}`);
    this.sliderOutput.textContent = `${state.frame} of ${POSE_FRAMES}`;
    const ctx = this.canvas.getContext('2d');
    if (ctx) paintPixels(ctx, { data: clip.source.data, start: (state.frame - 1) * FRAME_VALUES, rows: POSE_SIZE, cols: POSE_SIZE, channels: 3 }, SCALE);
    this.canvas.setAttribute('aria-label', `Frame ${state.frame} of ${POSE_FRAMES} of the stick figure doing “${state.action}”.`);
    this.render();
  }

  showResult(result: FlickerResult | undefined): void {
    this.result = result;
    this.plot.hidden = !result;
    this.averages.hidden = !result;
    this.render();
  }

  private render(): void {
    const state = this.state;
    const result = this.result;
    const label = labelOf(state);
    this.summary.textContent = describe(state, result);
    if (!result) {
      this.frameCaption.textContent = `Frame ${state.frame} of ${POSE_FRAMES}`;
      return;
    }
    const here = result.perFrame[state.frame - 1]!;
    const top = argmax(here);
    this.frameCaption.textContent = `Frame ${state.frame}: ${POSE_CLASSES[top]} ${percent(here[top]!)}`;
    const f = flicker(result.perFrame, label);
    this.root.dataset.changes = String(f.changes);
    this.chart.update({ perFrame: result.perFrame, shown: f.shown, label, frame: state.frame });
    this.legend.replaceChildren(
      ...f.shown.map((k, order) =>
        h(
          'li',
          { 'data-class': POSE_CLASSES[k]!, 'data-probability': here[k]!, class: order === 0 ? 'is-true' : '' },
          this.swatch(order),
          h('span', {}, order === 0 ? `${POSE_CLASSES[k]} (true action)` : POSE_CLASSES[k]!),
          h('span', { class: 'vnn-ff-legend-value' }, `${percent(here[k]!)} at frame ${state.frame}`),
        ),
      ),
    );
    this.meanBars.update(f.average, label);
    this.clipBars.update(result.clip, label);
    this.pooledNote.textContent = result.pooled
      ? `The trained model does not average probabilities: its layers keep ${listFrames(result.pooled)}, and it averages their scores before the softmax. Both rules average frames; they need not agree.`
      : '';
  }

  /** A short sample of a series' line, in its colour and dash pattern. */
  private swatch(order: number): SVGSVGElement {
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('width', '28');
    svg.setAttribute('height', '10');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('class', 'vnn-ff-swatch');
    const l = document.createElementNS(ns, 'line');
    l.setAttribute('x1', '1');
    l.setAttribute('x2', '27');
    l.setAttribute('y1', '5');
    l.setAttribute('y2', '5');
    l.setAttribute('class', `vnn-ff-line vnn-ff-series-${order}`);
    if (order > 0) l.setAttribute('stroke-dasharray', DASHES[(order - 1) % DASHES.length]!);
    svg.append(l);
    return svg;
  }
}
