/**
 * Draws the parameter calculator: a form (channels, kernel, output size), one
 * card per kind of layer with its weight count worked out as a product, its MACs
 * and its size relative to the 3-D layer, and a one-paragraph summary. Shows only
 * what state.ts computes.
 */
import { describeRange, parseValue, type NumberSetting } from '../shared/settings';
import { h, showNotes, uniqueId } from '../shared/dom';
import { formatFlops, formatMacs } from '../../lib/video-nn/analysis/format';
import { formatCount } from '../../lib/video-nn/analysis/videoSize';
import { PRESETS, SETTINGS, describe, formatRatio, matchingPreset, rows, type ConvParamsKey, type ConvParamsState, type PresetId } from './state';

const setting = (key: ConvParamsKey): NumberSetting => SETTINGS.find((s) => s.key === key)!;

const GROUPS: { legend: string; keys: ConvParamsKey[] }[] = [
  { legend: 'Channels', keys: ['cin', 'cout'] },
  { legend: 'Kernel', keys: ['kt', 'kh', 'kw'] },
  { legend: 'Output size (T×H×W)', keys: ['frames', 'height', 'width'] },
];

export class ConvParamsView {
  readonly root: HTMLElement;
  private state: ConvParamsState;
  private readonly inputs = new Map<ConvParamsKey, HTMLInputElement>();
  private readonly errors = new Map<ConvParamsKey, HTMLElement>();
  private readonly presetButtons = new Map<PresetId, HTMLButtonElement>();
  private readonly cards = h('div', { class: 'vnn-cp-cards' });
  private readonly summary = h('p', { class: 'vnn-cp-summary', 'aria-live': 'polite' });
  private readonly notes = h('ul', { class: 'vnn-notes', 'aria-live': 'polite' });

  constructor(state: ConvParamsState, private readonly onChange: (state: ConvParamsState) => void) {
    this.state = state;
    const titleId = uniqueId('vnn-cp-title');
    const presets = h('div', { class: 'vnn-cp-presets', role: 'group', 'aria-label': 'Example layers' });
    for (const [id, preset] of Object.entries(PRESETS) as [PresetId, (typeof PRESETS)[PresetId]][]) {
      const button = h('button', { type: 'button', 'aria-pressed': 'false', 'data-preset': id }, preset.label);
      button.addEventListener('click', () => this.commit({ ...preset.state }));
      this.presetButtons.set(id, button);
      presets.append(button);
    }
    const form = h(
      'form',
      { class: 'vnn-cp-form', 'aria-label': 'Layer settings' },
      ...GROUPS.map((g) => h('fieldset', { class: 'vnn-cp-group' }, h('legend', {}, g.legend), ...g.keys.map((k) => this.field(k)))),
    );
    form.addEventListener('submit', (event) => event.preventDefault());
    this.root = h(
      'div',
      { class: 'vnn-widget vnn-conv-params not-content', role: 'group', 'aria-labelledby': titleId },
      h('p', { class: 'vnn-title', id: titleId }, 'Parameters and MACs: 2-D, 3-D and (2+1)-D'),
      presets,
      form,
      this.notes,
      this.cards,
      this.summary,
    );
    this.render();
  }

  setState(state: ConvParamsState): void {
    this.state = state;
    this.render();
  }

  setNotes(notes: readonly string[]): void {
    showNotes(this.notes, notes);
  }

  private field(key: ConvParamsKey): HTMLElement {
    const s = setting(key);
    const id = uniqueId(`vnn-cp-${key}`);
    const errorId = `${id}-error`;
    const input = h('input', { id, type: 'number', inputmode: 'numeric', min: s.min, max: s.max, step: 1, 'aria-describedby': errorId });
    const error = h('span', { class: 'vnn-cp-error', id: errorId });
    this.inputs.set(key, input);
    this.errors.set(key, error);
    input.addEventListener('input', () => this.edit(key, input.value));
    input.addEventListener('change', () => {
      if (input.getAttribute('aria-invalid') === 'true') this.render();
    });
    const label = s.unit ? `${s.label} (${s.unit})` : s.label;
    return h('div', { class: 'vnn-cp-field' }, h('label', { for: id }, label), input, error);
  }

  /** Valid keystrokes apply at once; invalid ones are flagged and leave the result as it was. */
  private edit(key: ConvParamsKey, raw: string): void {
    const s = setting(key);
    const parsed = parseValue(s, raw);
    const input = this.inputs.get(key)!;
    const error = this.errors.get(key)!;
    if (!('value' in parsed)) {
      input.setAttribute('aria-invalid', 'true');
      error.textContent = `Enter ${describeRange(s)}.`;
      return;
    }
    input.removeAttribute('aria-invalid');
    error.textContent = '';
    this.commit({ ...this.state, [key]: parsed.value as number }, key);
  }

  private commit(state: ConvParamsState, editing?: ConvParamsKey): void {
    this.state = state;
    showNotes(this.notes, []);
    this.render(editing);
    this.onChange(state);
  }

  private render(editing?: ConvParamsKey): void {
    for (const [key, input] of this.inputs) {
      if (key === editing) continue;
      input.value = String(this.state[key]);
      input.removeAttribute('aria-invalid');
      this.errors.get(key)!.textContent = '';
    }
    const preset = matchingPreset(this.state);
    for (const [id, button] of this.presetButtons) button.setAttribute('aria-pressed', String(id === preset));
    const list = rows(this.state);
    const most = Math.max(...list.map((r) => r.weights));
    this.cards.replaceChildren(
      ...list.map((r) => {
        const fill = h('span', { class: 'vnn-cp-fill' });
        fill.style.width = `${Math.max(0.5, (100 * r.weights) / most)}%`;
        return h(
          'section',
          { class: `vnn-cp-card is-${r.kind}`, 'data-layer': r.kind, 'aria-label': `${r.name} convolution` },
          h('p', { class: 'vnn-cp-name' }, r.name),
          h('p', { class: 'vnn-cp-kernel' }, `kernel ${r.kernel}`),
          h(
            'dl',
            {},
            h('div', { 'data-result': 'weights' }, h('dt', {}, 'Weights'), h('dd', {}, formatCount(r.weights))),
            h('div', { 'data-result': 'formula' }, h('dt', {}, 'Worked out'), h('dd', {}, r.formula)),
            h('div', { 'data-result': 'macs' }, h('dt', {}, 'Multiply-accumulates'), h('dd', {}, `${formatCount(r.macs)} (${formatMacs(r.macs)})`)),
            h('div', { 'data-result': 'flops' }, h('dt', {}, 'FLOPs'), h('dd', {}, formatFlops(r.macs))),
            h('div', { 'data-result': 'ratio' }, h('dt', {}, 'Weights vs 3-D'), h('dd', {}, formatRatio(r.ratio))),
          ),
          h('span', { class: 'vnn-cp-track', 'aria-hidden': 'true' }, fill),
        );
      }),
    );
    this.summary.textContent = describe(this.state);
  }
}
