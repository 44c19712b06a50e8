/**
 * Draws the video size calculator: a form, the computed figures and a log-scale
 * comparison drawn with D3. It only shows what state.ts and the library compute;
 * user edits go back to the element through `onChange`.
 */
import { select } from 'd3-selection';
import { scaleLog } from 'd3-scale';
import { parseValue, describeRange, type NumberSetting, type ChoiceSetting, type Setting } from '../shared/settings';
import { h, showNotes, uniqueId } from '../shared/dom';
import { formatBytes, formatCount, formatSignificant } from '../../lib/video-nn/analysis/videoSize';
import { PRESETS, SETTINGS, compute, describe, inputSize, matchingPreset, withValue, type PresetId, type VideoSizeState } from './state';

type Key = keyof VideoSizeState;
const setting = (key: Key): Setting => SETTINGS.find((s) => s.key === key)!;

/** Reference sizes on the comparison scale, computed from the presets. */
const REFERENCES: { label: string; preset: PresetId }[] = [
  { label: 'ImageNet image', preset: 'imagenet-image' },
  { label: 'Training clip', preset: 'training-clip' },
  { label: 'HD minute', preset: 'hd-minute' },
];

export class VideoSizeView {
  readonly root: HTMLElement;
  private state: VideoSizeState;
  private readonly inputs = new Map<Key, HTMLInputElement | HTMLSelectElement>();
  private readonly errors = new Map<Key, HTMLElement>();
  private readonly presetButtons = new Map<PresetId, HTMLButtonElement>();
  private readonly cropToggle: HTMLInputElement;
  private readonly results: HTMLElement;
  private readonly summary: HTMLElement;
  private readonly chart: HTMLElement;
  private readonly notes: HTMLElement;

  constructor(state: VideoSizeState, private readonly onChange: (state: VideoSizeState) => void) {
    this.state = state;
    const titleId = uniqueId('vnn-vs-title');
    this.cropToggle = h('input', { type: 'checkbox' });
    this.results = h('dl', { class: 'vnn-vs-results' });
    this.summary = h('p', { class: 'vnn-vs-summary', 'aria-live': 'polite' });
    this.chart = h('div', { class: 'vnn-vs-chart', role: 'img' });
    this.notes = h('ul', { class: 'vnn-notes', 'aria-live': 'polite' });

    const presets = h('div', { class: 'vnn-vs-presets', role: 'group', 'aria-label': 'Examples' });
    for (const [id, preset] of Object.entries(PRESETS) as [PresetId, (typeof PRESETS)[PresetId]][]) {
      const button = h('button', { type: 'button', 'aria-pressed': 'false', 'data-preset': id }, preset.label);
      button.addEventListener('click', () => this.commit({ ...preset.state }));
      this.presetButtons.set(id, button);
      presets.append(button);
    }

    const cropId = uniqueId('vnn-vs-crop');
    this.cropToggle.id = cropId;
    this.cropToggle.addEventListener('change', () => this.toggleCrop());
    const form = h(
      'form',
      { class: 'vnn-vs-form', 'aria-label': 'Video settings' },
      this.group('Frame', ['width', 'height', 'channels', 'bits']),
      this.group('Time', ['fps', 'seconds', 'stride']),
      h(
        'fieldset',
        { class: 'vnn-vs-group' },
        h('legend', {}, 'What the network sees'),
        h('div', { class: 'vnn-vs-check' }, this.cropToggle, h('label', { for: cropId }, 'Crop or resize frames')),
        this.field('cropw'),
        this.field('croph'),
      ),
    );
    form.addEventListener('submit', (event) => event.preventDefault());

    this.root = h(
      'div',
      { class: 'vnn-widget vnn-video-size not-content', role: 'group', 'aria-labelledby': titleId },
      h('p', { class: 'vnn-title', id: titleId }, 'How big is a video?'),
      presets,
      form,
      this.results,
      this.chart,
      this.summary,
      this.notes,
    );
    this.render();
  }

  setState(state: VideoSizeState): void {
    this.state = state;
    this.render();
  }

  setNotes(notes: readonly string[]): void {
    showNotes(this.notes, notes);
  }

  private group(legend: string, keys: Key[]): HTMLFieldSetElement {
    return h('fieldset', { class: 'vnn-vs-group' }, h('legend', {}, legend), ...keys.map((k) => this.field(k)));
  }

  private field(key: Key): HTMLElement {
    const s = setting(key);
    const id = uniqueId(`vnn-vs-${key}`);
    const errorId = `${id}-error`;
    const label = h('label', { for: id }, s.kind === 'number' && s.unit ? `${s.label} (${s.unit})` : s.label);
    const control = s.kind === 'choice' ? this.choiceControl(s, id) : this.numberControl(s, id);
    control.setAttribute('aria-describedby', errorId);
    const error = h('span', { class: 'vnn-vs-error', id: errorId });
    this.inputs.set(key, control);
    this.errors.set(key, error);
    control.addEventListener('input', () => this.edit(key, control.value));
    // On leaving a field with an invalid entry, show the value in use again.
    control.addEventListener('change', () => {
      if (control.getAttribute('aria-invalid') === 'true') this.render();
    });
    return h('div', { class: 'vnn-vs-field' }, label, control, error);
  }

  private numberControl(s: NumberSetting, id: string): HTMLInputElement {
    return h('input', { id, type: 'number', inputmode: s.integer ? 'numeric' : 'decimal', min: s.min, max: s.max, step: s.integer ? 1 : 'any' });
  }

  private choiceControl(s: ChoiceSetting, id: string): HTMLSelectElement {
    return h('select', { id }, ...s.choices.map((c) => h('option', { value: String(c) }, String(c))));
  }

  /** A keystroke in a field: accept valid values at once, flag others without losing what was typed. */
  private edit(key: Key, raw: string): void {
    const s = setting(key);
    const parsed = parseValue(s, raw);
    const control = this.inputs.get(key)!;
    const error = this.errors.get(key)!;
    if (!('value' in parsed) || (key.startsWith('crop') && parsed.value === 0 && this.cropToggle.checked)) {
      control.setAttribute('aria-invalid', 'true');
      error.textContent = s.kind === 'number' ? `Enter ${describeRange({ ...s, min: key.startsWith('crop') ? 1 : s.min })}.` : 'Choose a value from the list.';
      return;
    }
    control.removeAttribute('aria-invalid');
    error.textContent = '';
    const next = withValue(this.state, key, parsed.value as number);
    this.commit(next.state, next.notes, key);
  }

  private toggleCrop(): void {
    const on = this.cropToggle.checked;
    const { width, height } = this.state;
    // Turning the crop on starts from the common 224×224 (or the frame, if smaller).
    this.commit({ ...this.state, cropw: on ? Math.min(224, width) : 0, croph: on ? Math.min(224, height) : 0 });
  }

  private commit(state: VideoSizeState, notes: string[] = [], editing?: Key): void {
    this.state = state;
    showNotes(this.notes, notes);
    this.render(editing);
    this.onChange(state);
  }

  /** Writes state into the form (except the field being typed in) and redraws the figures. */
  private render(editing?: Key): void {
    const state = this.state;
    const cropping = state.cropw > 0 || state.croph > 0;
    this.cropToggle.checked = cropping;
    for (const [key, control] of this.inputs) {
      if (key === 'cropw' || key === 'croph') {
        control.disabled = !cropping;
        control.setAttribute('max', String(key === 'cropw' ? state.width : state.height));
      }
      if (key === editing) continue;
      control.value = String(state[key]);
      control.removeAttribute('aria-invalid');
      this.errors.get(key)!.textContent = '';
    }
    const preset = matchingPreset(state);
    for (const [id, button] of this.presetButtons) button.setAttribute('aria-pressed', String(id === preset));
    this.renderResults(state);
  }

  private renderResults(state: VideoSizeState): void {
    const size = compute(state);
    const { width, height } = inputSize(state);
    const rows: [string, string, string][] = [
      ['frames', 'Frames kept', `${formatCount(size.frames)} of ${formatCount(size.sourceFrames)}`],
      ['shape', 'Clip tensor (T×H×W×C)', `${formatCount(size.frames)}×${height}×${width}×${state.channels}`],
      ['values', 'Numbers', formatCount(size.values)],
      ['bytes', 'Raw size', `${formatBytes(size.totalBytes, 'si')} = ${formatBytes(size.totalBytes, 'iec')}`],
      ['bytes-exact', 'Bytes', `${formatCount(size.totalBytes)} (${state.bits / 8} per number)`],
      ['rate', 'Per second of video', formatBytes(size.bytesPerSecond, 'si')],
      ['imagenet', '× one ImageNet image', `${formatSignificant(size.imagenetMultiple, 3)}×`],
    ];
    this.results.replaceChildren(
      ...rows.map(([name, term, value]) => h('div', { 'data-result': name }, h('dt', {}, term), h('dd', {}, value))),
    );
    const sentence = describe(state, size);
    this.summary.textContent = sentence;
    this.renderChart(size.totalBytes);
  }

  /** A log-scale bar per reference size plus this video, so orders of magnitude are visible. */
  private renderChart(bytes: number): void {
    const rows = [
      ...REFERENCES.map((r) => ({ label: r.label, bytes: compute(PRESETS[r.preset].state).totalBytes, current: false })),
      { label: 'This video', bytes, current: true },
    ].sort((a, b) => a.bytes - b.bytes);
    const lo = Math.max(1, Math.min(...rows.map((r) => r.bytes)) / 10);
    const hi = Math.max(...rows.map((r) => r.bytes)) * 1.0001;
    const x = scaleLog().domain([lo, hi]).range([2, 100]).clamp(true);
    this.chart.setAttribute(
      'aria-label',
      `Sizes on a logarithmic scale: ${rows.map((r) => `${r.label} ${formatBytes(r.bytes, 'si')}`).join('; ')}.`,
    );
    select(this.chart)
      .selectAll<HTMLDivElement, (typeof rows)[number]>('div.vnn-vs-bar')
      .data(rows, (d) => d.label)
      .join((enter) => {
        const row = enter.append('div').attr('class', 'vnn-vs-bar').attr('aria-hidden', 'true');
        row.append('span').attr('class', 'vnn-vs-bar-label');
        row.append('span').attr('class', 'vnn-vs-bar-track').append('span').attr('class', 'vnn-vs-bar-fill');
        row.append('span').attr('class', 'vnn-vs-bar-value');
        return row;
      })
      .order()
      .classed('is-current', (d) => d.current)
      .call((row) => {
        row.select('.vnn-vs-bar-label').text((d) => d.label);
        row.select<HTMLSpanElement>('.vnn-vs-bar-fill').style('width', (d) => `${x(d.bytes)}%`);
        row.select('.vnn-vs-bar-value').text((d) => formatBytes(d.bytes, 'si'));
      });
  }
}
