/**
 * Draws the factorisation calculator: the layer's sizes (number fields for
 * channels and output size, sliders for the kernel extents), R(2+1)D's formula
 * with the numbers put in, a table of full vs factorised costs and a bar chart
 * of the weights drawn with D3. It shows only what state.ts and the library compute.
 */
import { select } from 'd3-selection';
import { scaleLinear } from 'd3-scale';
import { parseValue, describeRange, type NumberSetting } from '../shared/settings';
import { h, showNotes, uniqueId } from '../shared/dom';
import { formatCount } from '../../lib/video-nn/analysis/videoSize';
import { flopsFromMacs, formatMacs, formatSi } from '../../lib/video-nn/analysis/format';
import type { FactorisationComparison } from '../../lib/video-nn/analysis/factorisation';
import { PRESETS, SETTINGS, compute, describe, formulaText, kernelLabel, matchingPreset, percent, type FactoriseState, type Key, type PresetId } from './state';

const setting = (key: Key): NumberSetting => SETTINGS.find((s) => s.key === key)!;
const SLIDERS: readonly Key[] = ['kt', 'k'];

/** Text with C_in, C_out and k_t written as subscripts (nodes, never HTML). */
function withSubscripts(text: string): (Node | string)[] {
  return text.split(/([Ck])_(in|out|t)/).map((piece, i, all) => {
    if (i % 3 === 1) return h('span', {}, piece, h('sub', {}, all[i + 1]!));
    if (i % 3 === 2) return '';
    return piece;
  });
}

const gflops = (macs: number) => `${formatSi(flopsFromMacs(macs), 2)}FLOPs`;

interface Bar {
  id: 'full' | 'matched' | 'same';
  label: string;
  parts: { part: 'whole' | 'spatial' | 'temporal'; weights: number }[];
  total: number;
}

export class FactoriseView {
  readonly root: HTMLElement;
  private state: FactoriseState;
  private readonly inputs = new Map<Key, HTMLInputElement>();
  private readonly outputs = new Map<Key, HTMLOutputElement>();
  private readonly errors = new Map<Key, HTMLElement>();
  private readonly presetButtons = new Map<PresetId, HTMLButtonElement>();
  private readonly formula: HTMLElement;
  private readonly table: HTMLTableElement;
  private readonly chart: SVGSVGElement;
  private readonly summary: HTMLElement;
  private readonly notes: HTMLElement;
  private result: FactorisationComparison | undefined;

  constructor(state: FactoriseState, private readonly onChange: (state: FactoriseState) => void) {
    this.state = state;
    const titleId = uniqueId('vnn-fz-title');
    this.formula = h('p', { class: 'vnn-fz-formula', 'data-result': 'formula' });
    this.table = h('table', { class: 'vnn-fz-table' });
    this.chart = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    this.chart.setAttribute('class', 'vnn-fz-chart');
    this.chart.setAttribute('role', 'img');
    this.summary = h('p', { class: 'vnn-fz-summary', 'aria-live': 'polite' });
    this.notes = h('ul', { class: 'vnn-notes', 'aria-live': 'polite' });

    const presets = h('div', { class: 'vnn-fz-presets', role: 'group', 'aria-label': 'Layers of R(2+1)D-18' });
    for (const [id, preset] of Object.entries(PRESETS) as [PresetId, (typeof PRESETS)[PresetId]][]) {
      const button = h('button', { type: 'button', 'aria-pressed': 'false', 'data-preset': id }, preset.label);
      button.addEventListener('click', () => this.commit({ ...preset.state }));
      this.presetButtons.set(id, button);
      presets.append(button);
    }

    const form = h(
      'form',
      { class: 'vnn-fz-form', 'aria-label': 'Layer and output size' },
      h('fieldset', { class: 'vnn-fz-group' }, h('legend', {}, 'Layer'), this.field('cin'), this.field('cout'), this.field('kt'), this.field('k')),
      h('fieldset', { class: 'vnn-fz-group vnn-fz-size' }, h('legend', {}, 'Output size (stride 1)'), this.field('t'), this.field('h'), this.field('w')),
    );
    form.addEventListener('submit', (event) => event.preventDefault());

    this.root = h(
      'div',
      { class: 'vnn-widget vnn-factorise not-content', role: 'group', 'aria-labelledby': titleId },
      h('p', { class: 'vnn-title', id: titleId }, 'Full 3-D convolution versus (2+1)-D'),
      presets,
      form,
      this.formula,
      h('div', { class: 'vnn-fz-table-wrap', role: 'region', tabindex: 0, 'aria-label': 'Weights and cost' }, this.table),
      this.chart,
      this.summary,
      this.notes,
    );
    this.render();
    // The chart is drawn in CSS pixels at the widget's width, so its text stays legible on a phone.
    if (typeof ResizeObserver !== 'undefined') {
      let lastWidth = 0;
      new ResizeObserver(() => {
        const width = this.chartWidth();
        if (width !== lastWidth && this.result) this.renderChart(this.result);
        lastWidth = width;
      }).observe(this.root);
    }
  }

  setState(state: FactoriseState): void {
    this.state = state;
    this.render();
  }

  setNotes(notes: readonly string[]): void {
    showNotes(this.notes, notes);
  }

  private field(key: Key): HTMLElement {
    const s = setting(key);
    const id = uniqueId(`vnn-fz-${key}`);
    const errorId = `${id}-error`;
    const isSlider = SLIDERS.includes(key);
    const control = isSlider
      ? h('input', { id, type: 'range', min: s.min, max: s.max, step: 1 })
      : h('input', { id, type: 'number', inputmode: 'numeric', min: s.min, max: s.max, step: 1, 'aria-describedby': errorId });
    this.inputs.set(key, control);
    const label = h('label', { for: id }, ...withSubscripts(s.kind === 'number' && s.unit ? `${s.label} (${s.unit})` : s.label));
    control.addEventListener('input', () => this.edit(key, control.value));
    control.addEventListener('change', () => {
      if (control.getAttribute('aria-invalid') === 'true') this.render();
    });
    if (isSlider) {
      const output = h('output', { for: id, class: 'vnn-fz-value' });
      this.outputs.set(key, output);
      return h('div', { class: 'vnn-fz-field vnn-fz-slider' }, h('div', { class: 'vnn-fz-slider-label' }, label, output), control);
    }
    const error = h('span', { class: 'vnn-fz-error', id: errorId });
    this.errors.set(key, error);
    return h('div', { class: 'vnn-fz-field' }, label, control, error);
  }

  private edit(key: Key, raw: string): void {
    const s = setting(key);
    const parsed = parseValue(s, raw);
    const control = this.inputs.get(key)!;
    const error = this.errors.get(key);
    if (!('value' in parsed)) {
      control.setAttribute('aria-invalid', 'true');
      if (error) error.textContent = `Enter ${describeRange(s)}.`;
      return;
    }
    control.removeAttribute('aria-invalid');
    if (error) error.textContent = '';
    this.commit({ ...this.state, [key]: parsed.value as number }, key);
  }

  private commit(state: FactoriseState, editing?: Key): void {
    this.state = state;
    showNotes(this.notes, []);
    this.render(editing);
    this.onChange(state);
  }

  private render(editing?: Key): void {
    for (const [key, control] of this.inputs) {
      const value = String(this.state[key]);
      this.outputs.get(key)?.replaceChildren(value);
      if (key === editing) continue;
      control.value = value;
      control.removeAttribute('aria-invalid');
      const error = this.errors.get(key);
      if (error) error.textContent = '';
    }
    const preset = matchingPreset(this.state);
    for (const [id, button] of this.presetButtons) button.setAttribute('aria-pressed', String(id === preset));
    const result = compute(this.state);
    this.result = result;
    this.formula.replaceChildren(...withSubscripts(formulaText(result)));
    this.renderTable(result);
    this.renderChart(result);
    this.summary.textContent = describe(this.state, result);
  }

  private renderTable(r: FactorisationComparison): void {
    const { kt, k, cout } = this.state;
    const m = r.matched;
    const same = r.sameWidth;
    const head = h(
      'tr',
      {},
      h('th', { scope: 'col' }, h('span', { class: 'vnn-visually-hidden' }, 'Quantity')),
      h('th', { scope: 'col' }, `Full ${kernelLabel(kt, k)}`),
      h('th', { scope: 'col' }, `(2+1)-D, M = ${formatCount(m.mid)} (formula)`),
      h('th', { scope: 'col' }, ...withSubscripts(`(2+1)-D, M = C_out = ${formatCount(cout)}`)),
    );
    const rows: [string, string, string, string, string][] = [
      ['kernels', 'Convolutions', kernelLabel(kt, k), `${kernelLabel(1, k)} → ${kernelLabel(kt, 1)}`, `${kernelLabel(1, k)} → ${kernelLabel(kt, 1)}`],
      ['spatial', `Spatial ${kernelLabel(1, k)} weights`, '—', formatCount(m.spatial), formatCount(same.spatial)],
      ['temporal', `Temporal ${kernelLabel(kt, 1)} weights`, '—', formatCount(m.temporal), formatCount(same.temporal)],
      ['weights', 'Weights', formatCount(r.full.weights), formatCount(m.total), formatCount(same.total)],
      ['ratio', 'Weights vs full', '100%', percent(m.ratioToFull), percent(same.ratioToFull)],
      ['macs', `MACs at ${r.output.frames}×${r.output.height}×${r.output.width}`, formatMacs(r.full.macs), formatMacs(m.macs.total), formatMacs(same.macs.total)],
      ['flops', 'FLOPs (2 × MACs)', gflops(r.full.macs), gflops(m.macs.total), gflops(same.macs.total)],
      ['relu', 'Nonlinearities inside', '0', '1', '1'],
    ];
    const body = rows.map(([id, name, full, matched, sameWidth]) =>
      h(
        'tr',
        { 'data-row': id },
        h('th', { scope: 'row' }, name),
        h('td', { 'data-col': 'full' }, full),
        h('td', { 'data-col': 'matched' }, matched),
        h('td', { 'data-col': 'same' }, sameWidth),
      ),
    );
    this.table.replaceChildren(h('caption', { class: 'vnn-visually-hidden' }, 'Weights and cost of the full and factorised convolutions'), h('thead', {}, head), h('tbody', {}, ...body));
  }

  private chartWidth(): number {
    const inner = this.root.clientWidth - 34;
    return Math.max(240, Math.min(640, inner > 0 ? inner : 600));
  }

  /** Horizontal bars of weights, the factorised ones split into their spatial and temporal parts. */
  private renderChart(r: FactorisationComparison): void {
    const bars: Bar[] = [
      { id: 'full', label: 'Full', parts: [{ part: 'whole', weights: r.full.weights }], total: r.full.weights },
      {
        id: 'matched',
        label: `M = ${formatCount(r.matched.mid)}`,
        parts: [
          { part: 'spatial', weights: r.matched.spatial },
          { part: 'temporal', weights: r.matched.temporal },
        ],
        total: r.matched.total,
      },
      {
        id: 'same',
        label: `M = ${formatCount(r.sameWidth.mid)}`,
        parts: [
          { part: 'spatial', weights: r.sameWidth.spatial },
          { part: 'temporal', weights: r.sameWidth.temporal },
        ],
        total: r.sameWidth.total,
      },
    ];
    const width = this.chartWidth();
    const labelWidth = 84;
    const valueWidth = 84;
    const rowHeight = 28;
    const x = scaleLinear()
      .domain([0, Math.max(...bars.map((b) => b.total))])
      .range([0, width - labelWidth - valueWidth]);
    const height = bars.length * rowHeight + 22;
    const svg = select(this.chart)
      .attr('width', width)
      .attr('height', height)
      .attr('viewBox', `0 0 ${width} ${height}`)
      .attr(
        'aria-label',
        `Weights: full ${formatCount(r.full.weights)}; with M = ${formatCount(r.matched.mid)}, ${formatCount(r.matched.spatial)} spatial and ${formatCount(r.matched.temporal)} temporal; ` +
          `with M = ${formatCount(r.sameWidth.mid)}, ${formatCount(r.sameWidth.spatial)} spatial and ${formatCount(r.sameWidth.temporal)} temporal.`,
      );
    const rows = svg
      .selectAll<SVGGElement, Bar>('g.vnn-fz-bar')
      .data(bars, (d) => d.id)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'vnn-fz-bar');
        g.append('text').attr('class', 'vnn-fz-bar-label').attr('x', 0).attr('y', 18);
        g.append('g').attr('class', 'vnn-fz-bar-parts');
        g.append('text').attr('class', 'vnn-fz-bar-value').attr('y', 18);
        return g;
      })
      .attr('transform', (_d, i) => `translate(0, ${i * rowHeight})`);
    rows.select('.vnn-fz-bar-label').text((d) => d.label);
    rows.select('.vnn-fz-bar-value').attr('x', (d) => labelWidth + x(d.total) + 6).text((d) => formatCount(d.total));
    rows
      .select('.vnn-fz-bar-parts')
      .selectAll<SVGRectElement, { part: string; weights: number; offset: number }>('rect')
      .data((d) => {
        let offset = 0;
        return d.parts.map((p) => {
          const out = { ...p, offset };
          offset += p.weights;
          return out;
        });
      })
      .join('rect')
      .attr('class', (d) => `vnn-fz-part-${d.part}`)
      .attr('x', (d) => labelWidth + x(d.offset))
      .attr('y', 5)
      .attr('height', 18)
      .attr('width', (d) => Math.max(0, x(d.weights)));
    // A key for the two colours of the factorised bars.
    const key = svg
      .selectAll<SVGGElement, number>('g.vnn-fz-key')
      .data([0])
      .join((enter) => {
        const g = enter.append('g').attr('class', 'vnn-fz-key');
        const entries: [string, string][] = [
          ['whole', 'full 3-D'],
          ['spatial', 'spatial 1×k×k'],
          ['temporal', 'temporal t×1×1'],
        ];
        entries.forEach(([part, text], i) => {
          g.append('rect').attr('class', `vnn-fz-part-${part}`).attr('x', i * 104).attr('width', 12).attr('height', 12);
          g.append('text').attr('x', i * 104 + 16).attr('y', 10).text(text);
        });
        return g;
      });
    key.attr('transform', `translate(0, ${bars.length * rowHeight + 6})`);
  }
}
