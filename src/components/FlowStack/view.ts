/**
 * Draws the flow-stacking figure: the clip controls and the slider for L, the
 * clip's frames with the ones in use marked, and for each of the L flows its
 * colour-wheel picture and its two channels (u and v on a diverging map with a
 * legend), then the shape of the stacked input and a sentence stating it all.
 * It only draws what the element computed with the library.
 */
import { h, showNotes, uniqueId } from '../shared/dom';
import { SEED } from '../ModelRunner/state';
import { flowCanvas, frameCanvas, rgbaCanvas, wheelKey } from '../shared/flowPictures';
import type { FlowSummary } from '../../lib/video-nn/flow/summary';
import {
  DATASETS, DATASET_IDS, FRAMES, MAX_FLOWS, channelLabel, channelOf, channelRgba, classSlug, divergingColour, flowOfStack, formatVector, pairsFor,
  type DatasetId, type FlowStackState,
} from './state';

export interface FlowStackViewEvents {
  /** A new clip was asked for (dataset, class or seed; the seed as typed). */
  clip(change: { data?: DatasetId; motion?: string; rawSeed?: string; nextSeed?: boolean }): void;
  /** The slider moved. */
  flows(flows: number): void;
  retry(): void;
}

export interface StackPicture {
  state: FlowStackState;
  height: number;
  width: number;
  /** H×W×2L, the stack for state.flows. */
  stack: Float32Array;
  summaries: readonly FlowSummary[];
  /** Diverging-map scale of u and v, and the colour wheel's radius, pixels per frame. */
  scale: number;
  radius: number;
  description: string;
}

export interface ClipPicture {
  data: Float32Array;
  shape: readonly [number, number, number, number];
  className: string;
}

const px = (v: number) => `${v.toFixed(2).replace(/\.?0+$/, '')} px`;

export class FlowStackView {
  readonly root: HTMLElement;
  readonly seedInput: HTMLInputElement;
  readonly dataSelect: HTMLSelectElement;
  readonly classSelect: HTMLSelectElement;
  readonly slider: HTMLInputElement;
  private readonly sliderValue = h('output', { class: 'vnn-fs-value' });
  private readonly newClipButton = h('button', { type: 'button' }, 'New clip');
  private readonly retryButton = h('button', { type: 'button', hidden: true }, 'Try again');
  private readonly notes = h('ul', { class: 'vnn-notes', 'aria-live': 'polite' });
  private readonly status = h('p', { class: 'vnn-fs-status', role: 'status', 'aria-live': 'polite' });
  private readonly progress = h('progress', { 'aria-label': 'Computing optical flow', max: 1, value: 0 });
  private readonly alert = h('p', { class: 'vnn-fs-error', role: 'alert' });
  private readonly frames = h('ol', { class: 'vnn-fs-frames', 'aria-label': 'Frames of the clip' });
  private readonly legend = h('div', { class: 'vnn-fs-legend' });
  private readonly flows = h('ol', { class: 'vnn-fs-flows', 'aria-label': 'Flow fields and their channels' });
  private readonly shape = h('p', { class: 'vnn-fs-shape' });
  private readonly description = h('p', { class: 'vnn-fs-description', 'aria-live': 'polite' });

  constructor(state: FlowStackState, events: FlowStackViewEvents) {
    const titleId = uniqueId('vnn-fs-title');
    const ids = { data: uniqueId('vnn-fs-data'), cls: uniqueId('vnn-fs-class'), seed: uniqueId('vnn-fs-seed'), flows: uniqueId('vnn-fs-flows') };
    this.dataSelect = h('select', { id: ids.data }, ...DATASET_IDS.map((d) => h('option', { value: d }, DATASETS[d].label)));
    this.classSelect = h('select', { id: ids.cls });
    this.seedInput = h('input', { id: ids.seed, type: 'number', inputmode: 'numeric', min: SEED.min, max: SEED.max, step: 1 });
    this.slider = h('input', { id: ids.flows, type: 'range', min: 1, max: MAX_FLOWS, step: 1 });
    this.sliderValue.setAttribute('for', ids.flows);

    // novalidate: the seed is checked by readSeed, which explains a refusal in a visible note.
    const form = h(
      'form',
      { class: 'vnn-fs-form', 'aria-label': 'Clip', novalidate: true },
      h('div', { class: 'vnn-fs-field' }, h('label', { for: ids.data }, 'Dataset'), this.dataSelect),
      h('div', { class: 'vnn-fs-field' }, h('label', { for: ids.cls }, 'Class'), this.classSelect),
      h('div', { class: 'vnn-fs-field vnn-fs-seed' }, h('label', { for: ids.seed }, 'Clip seed'), this.seedInput),
      h('div', { class: 'vnn-fs-buttons' }, this.newClipButton, this.retryButton),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      events.clip({ rawSeed: this.seedInput.value });
    });
    this.seedInput.addEventListener('change', () => events.clip({ rawSeed: this.seedInput.value }));
    this.dataSelect.addEventListener('change', () => events.clip({ data: this.dataSelect.value as DatasetId }));
    this.classSelect.addEventListener('change', () => events.clip({ motion: this.classSelect.value }));
    this.newClipButton.addEventListener('click', () => events.clip({ rawSeed: this.seedInput.value, nextSeed: true }));
    this.retryButton.addEventListener('click', () => events.retry());
    this.slider.addEventListener('input', () => {
      this.showFlowsValue(Number(this.slider.value));
      events.flows(Number(this.slider.value));
    });

    this.progress.hidden = true;
    this.status.textContent = 'The flow is computed when this figure comes into view.';
    this.root = h(
      'div',
      { class: 'vnn-widget vnn-flow-stack not-content', role: 'group', 'aria-labelledby': titleId },
      h('p', { class: 'vnn-title', id: titleId }, 'Stacking optical flow: L flow fields become 2L channels'),
      form,
      h('div', { class: 'vnn-fs-slider' }, h('label', { for: ids.flows }, 'Flow fields stacked (L)'), this.slider, this.sliderValue),
      this.notes,
      this.status,
      this.progress,
      this.alert,
      this.frames,
      this.legend,
      this.flows,
      this.shape,
      this.description,
    );
    this.setState(state);
  }

  setState(state: FlowStackState): void {
    this.dataSelect.value = state.data;
    const classes = DATASETS[state.data].classes;
    if (this.classSelect.dataset.for !== state.data) {
      this.classSelect.replaceChildren(...classes.map((c) => h('option', { value: classSlug(c) }, c)));
      this.classSelect.dataset.for = state.data;
    }
    this.classSelect.value = state.motion;
    this.seedInput.value = String(state.seed);
    this.slider.value = String(state.flows);
    this.showFlowsValue(state.flows);
  }

  private showFlowsValue(flows: number): void {
    const text = `L = ${flows}: ${2 * flows} channels`;
    this.sliderValue.textContent = text;
    this.slider.setAttribute('aria-valuetext', text);
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
    this.setIdle('Press Try again to compute the flow again.');
    this.alert.textContent = message;
    this.retryButton.hidden = false;
  }

  /** The clip's frames; those in `flows`' pairs are marked. */
  showClip(clip: ClipPicture, seed: number, flows: number): void {
    const items = Array.from({ length: clip.shape[0] }, (_, t) =>
      h('li', { class: 'vnn-fs-frame', 'data-frame': t }, frameCanvas(clip, t, `frame ${t} of the clip from seed ${seed}, class ${clip.className}`), h('span', {}, `t = ${t}`)),
    );
    this.frames.replaceChildren(...items);
    this.markFrames(flows);
  }

  private markFrames(flows: number): void {
    const used = new Set(pairsFor(flows).flat());
    for (const li of this.frames.children) {
      const t = Number((li as HTMLElement).dataset.frame);
      li.classList.toggle('is-used', used.has(t));
      const label = li.querySelector('span')!;
      label.textContent = used.has(t) ? `t = ${t} ✓` : `t = ${t}`;
    }
    this.frames.setAttribute('aria-label', `Frames of the clip, 0 to ${FRAMES - 1}; frames ${[...used].sort((a, b) => a - b).join(', ')} give the ${flows} flow field${flows === 1 ? '' : 's'} (marked ✓)`);
  }

  showStack(p: StackPicture): void {
    const { state, height, width, stack, summaries, scale, radius } = p;
    this.markFrames(state.flows);
    this.showLegend(scale, radius);
    const pixels = height * width;
    const pairs = pairsFor(state.flows);
    const rows = pairs.map(([a, b], k) => {
      const s = summaries[k]!;
      const channel = (c: number) => {
        const values = channelOf(stack, pixels, c);
        let lo = Infinity;
        let hi = -Infinity;
        for (const v of values) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
        const label = channelLabel(c);
        const what = c % 2 === 0 ? 'horizontal motion, + to the right' : 'vertical motion, + downwards';
        return h(
          'figure',
          { class: 'vnn-fs-channel' },
          rgbaCanvas(channelRgba(values, scale), width, height, {
            role: 'img',
            'data-channel': c,
            'aria-label': `${label} (${what}): values from ${formatSigned(lo)} to ${formatSigned(hi)} px, mean ${formatSigned(c % 2 === 0 ? s.meanU : s.meanV)} px`,
          }),
          h('figcaption', {}, label),
        );
      };
      return h(
        'li',
        { class: 'vnn-fs-flow', 'data-flow': k },
        h('p', { class: 'vnn-fs-flow-title' }, `Flow ${k}: frame ${a} → ${b}`, h('span', { class: 'vnn-fs-mean' }, ` mean ${formatVector(s.meanU, s.meanV)} px`)),
        h(
          'div',
          { class: 'vnn-fs-images' },
          h(
            'figure',
            { class: 'vnn-fs-channel' },
            flowCanvas(flowOfStack(stack, height, width, k), radius, `flow ${k} in the colour code: mean motion ${formatVector(s.meanU, s.meanV)} px, largest ${px(s.maxMagnitude)}`, { 'data-wheel': k }),
            h('figcaption', {}, `flow ${k}, colour wheel`),
          ),
          channel(2 * k),
          channel(2 * k + 1),
        ),
      );
    });
    this.flows.replaceChildren(...rows);
    this.shape.replaceChildren(
      'Stacked: ',
      h('strong', {}, `${height}×${width}×${2 * state.flows}`),
      ` — the input of the temporal stream's first convolution, which takes 2L = ${2 * state.flows} channels where an image network takes 3. The trained temporal stream uses L = ${MAX_FLOWS}.`,
    );
    this.description.textContent = p.description;
  }

  /** A gradient bar for u and v and the colour wheel with its radius, both with their numbers. */
  private showLegend(scale: number, radius: number): void {
    const steps = 9;
    const stops = Array.from({ length: steps }, (_, i) => {
      const [r, g, b] = divergingColour(-scale + (2 * scale * i) / (steps - 1), scale);
      return `rgb(${r} ${g} ${b}) ${((100 * i) / (steps - 1)).toFixed(1)}%`;
    });
    const bar = h('span', { class: 'vnn-fs-ramp', 'aria-hidden': 'true' });
    bar.style.background = `linear-gradient(to right, ${stops.join(', ')})`;
    this.legend.dataset.scale = String(scale);
    this.legend.dataset.radius = String(radius);
    this.legend.replaceChildren(
      h(
        'div',
        { class: 'vnn-fs-key', role: 'img', 'aria-label': `Channel colours: blue −${px(scale)} or less, white 0, red +${px(scale)} or more per frame. For u, negative is to the left; for v, negative is upwards.` },
        h('span', { class: 'vnn-fs-key-title' }, 'u and v channels (pixels per frame)'),
        bar,
        h('span', { class: 'vnn-fs-ticks' }, h('span', {}, `−${scale}`), h('span', {}, '0'), h('span', {}, `+${scale}`)),
        h('span', { class: 'vnn-fs-key-note' }, 'u: − left, + right · v: − up, + down'),
      ),
      h(
        'div',
        { class: 'vnn-fs-key vnn-fs-wheel' },
        wheelKey(48, `Colour wheel: the hue gives the direction of motion (red to the right), the strength of the colour its speed, full at ${px(radius)} per frame; white is still`),
        h('span', { class: 'vnn-fs-key-note' }, `Colour wheel: hue = direction, strength = speed (full at ${px(radius)})`),
      ),
    );
  }
}

function formatSigned(v: number): string {
  return `${v < 0 ? '−' : ''}${Math.abs(v).toFixed(2)}`;
}
