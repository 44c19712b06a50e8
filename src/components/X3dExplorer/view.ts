/**
 * Draws the X3D expansion explorer: a slider per axis, the resulting cost, the
 * published sizes and the current network on a log scale of MACs (D3), and a
 * table of what one more step along each axis would cost, with a button to take
 * it. Every number comes from state.ts and the library.
 */
import { select } from 'd3-selection';
import { scaleLog } from 'd3-scale';
import { h, showNotes, uniqueId } from '../shared/dom';
import { formatCount, formatSignificant } from '../../lib/video-nn/analysis/videoSize';
import { formatFlops, formatMacs, formatSi } from '../../lib/video-nn/analysis/format';
import type { X3dExpansion } from '../../lib/video-nn/analysis/x3dExpansion';
import {
  AXIS_NAME,
  SETTINGS,
  SIZES,
  SIZE_STATE,
  STEP,
  compute,
  describe,
  fromAxes,
  matchingSize,
  sampledRate,
  sizeLabel,
  snap,
  stepChange,
  steps,
  type Key,
  type X3dExplorerState,
} from './state';
import type { X3dSize } from '../../lib/video-nn/spec/x3d';

const HINT: Record<Key, string> = {
  frames: 'γt: how many frames the clip holds',
  stride: 'γτ is the frame rate: 30 / stride frames per second',
  crop: 'γs: side of the square crop',
  width: 'γw: channels of every stage',
  bottleneck: 'γb: inner width of each block',
  depth: 'γd: blocks per stage',
};

/** Costs of the published sizes, for the ladder (analysed once). */
let sizeCosts: { size: X3dSize; cost: X3dExpansion }[] | undefined;
function publishedCosts() {
  sizeCosts ??= SIZES.map((size) => ({ size, cost: compute(SIZE_STATE[size]) }));
  return sizeCosts;
}

export class X3dExplorerView {
  readonly root: HTMLElement;
  private state: X3dExplorerState;
  private readonly sliders = new Map<Key, HTMLInputElement>();
  private readonly values = new Map<Key, HTMLOutputElement>();
  private readonly sizeButtons = new Map<X3dSize, HTMLButtonElement>();
  private readonly results: HTMLElement;
  private readonly ladder: SVGSVGElement;
  private readonly table: HTMLTableElement;
  private readonly summary: HTMLElement;
  private readonly notes: HTMLElement;
  private pending = 0;

  constructor(state: X3dExplorerState, private readonly onChange: (state: X3dExplorerState) => void) {
    this.state = state;
    const titleId = uniqueId('vnn-x3-title');
    this.results = h('dl', { class: 'vnn-x3-results' });
    this.ladder = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    this.ladder.setAttribute('class', 'vnn-x3-ladder');
    this.ladder.setAttribute('role', 'img');
    this.table = h('table', { class: 'vnn-x3-table' });
    this.summary = h('p', { class: 'vnn-x3-summary', 'aria-live': 'polite' });
    this.notes = h('ul', { class: 'vnn-notes', 'aria-live': 'polite' });

    const sizes = h('div', { class: 'vnn-x3-sizes', role: 'group', 'aria-label': 'Published sizes' });
    for (const size of SIZES) {
      const button = h('button', { type: 'button', 'aria-pressed': 'false', 'data-size': size }, sizeLabel(size));
      button.addEventListener('click', () => this.commit({ ...SIZE_STATE[size] }));
      this.sizeButtons.set(size, button);
      sizes.append(button);
    }
    const form = h('form', { class: 'vnn-x3-form', 'aria-label': 'Expansion axes' }, ...SETTINGS.map((s) => this.slider(s.key)));
    form.addEventListener('submit', (event) => event.preventDefault());

    this.root = h(
      'div',
      { class: 'vnn-widget vnn-x3d-explorer not-content', role: 'group', 'aria-labelledby': titleId },
      h('p', { class: 'vnn-title', id: titleId }, 'Expanding X3D one axis at a time'),
      sizes,
      form,
      this.results,
      this.ladder,
      h('div', { class: 'vnn-x3-table-wrap', role: 'region', tabindex: 0, 'aria-label': 'Expansion steps' }, this.table),
      this.summary,
      this.notes,
    );
    this.render();
    if (typeof ResizeObserver !== 'undefined') new ResizeObserver(() => this.renderLadder(compute(this.state))).observe(this.root);
  }

  setState(state: X3dExplorerState): void {
    this.state = state;
    this.render();
  }

  setNotes(notes: readonly string[]): void {
    showNotes(this.notes, notes);
  }

  private slider(key: Key): HTMLElement {
    const s = SETTINGS.find((x) => x.key === key)!;
    const id = uniqueId(`vnn-x3-${key}`);
    const hintId = `${id}-hint`;
    const input = h('input', { id, type: 'range', min: s.min, max: s.max, step: STEP[key], 'aria-describedby': hintId });
    const output = h('output', { for: id, class: 'vnn-x3-value' });
    input.addEventListener('input', () => this.commit({ ...this.state, [key]: snap(key, Number(input.value)) }, key));
    this.sliders.set(key, input);
    this.values.set(key, output);
    return h(
      'div',
      { class: 'vnn-x3-field' },
      h('div', { class: 'vnn-x3-label' }, h('label', { for: id }, s.label), output),
      input,
      h('span', { class: 'vnn-x3-hint', id: hintId }, HINT[key]),
    );
  }

  private commit(state: X3dExplorerState, editing?: Key): void {
    this.state = state;
    showNotes(this.notes, []);
    this.render(editing);
    this.onChange(state);
  }

  private valueText(key: Key): string {
    const v = this.state[key];
    switch (key) {
      case 'stride':
        return `1 in ${v}, ${formatSignificant(sampledRate(this.state), 3)} fps`;
      case 'crop':
        return `${v}×${v} px`;
      case 'frames':
        return `${v} frames`;
      default:
        return `× ${v}`;
    }
  }

  private render(editing?: Key): void {
    for (const [key, input] of this.sliders) {
      const text = this.valueText(key);
      this.values.get(key)!.replaceChildren(text);
      input.setAttribute('aria-valuetext', text);
      if (key !== editing) input.value = String(this.state[key]);
    }
    const size = matchingSize(this.state);
    for (const [id, button] of this.sizeButtons) button.setAttribute('aria-pressed', String(id === size));
    const cost = compute(this.state);
    const rows: [string, string, string][] = [
      ['params', 'Parameters', formatCount(cost.params)],
      ['macs', 'MACs per clip', formatMacs(cost.macs)],
      ['flops', 'FLOPs per clip', formatFlops(cost.macs)],
      ['input', 'Clip tensor (C×T×H×W)', `3×${this.state.frames}×${this.state.crop}×${this.state.crop}`],
      ['seconds', 'Time covered at 30 fps', `${formatSignificant(cost.secondsAt30fps, 3)} s`],
    ];
    this.results.replaceChildren(...rows.map(([name, term, value]) => h('div', { 'data-result': name }, h('dt', {}, term), h('dd', {}, value))));
    this.summary.textContent = describe(this.state, cost);
    this.renderLadder(cost);
    // The six expanded networks are analysed after the frame, so a dragged slider stays smooth.
    cancelAnimationFrame(this.pending);
    this.pending = requestAnimationFrame(() => this.renderSteps(cost));
  }

  /** One row per axis: a button that takes the step (with what it changes), then the cost after it. */
  private renderSteps(cost: X3dExpansion): void {
    // A step button that had focus is about to be replaced: give focus to its successor.
    const active = document.activeElement;
    const focusedAxis = active instanceof HTMLElement && this.table.contains(active) ? active.closest('tr')?.dataset['axis'] : undefined;
    const head = h('tr', {}, ...['Take one step along', 'Parameters', 'MACs', '× MACs'].map((t) => h('th', { scope: 'col' }, t)));
    const body = steps(this.state, cost).map((step) => {
      if ('reason' in step) {
        const name = h('th', { scope: 'row' }, h('span', { class: 'vnn-x3-axis-name' }, AXIS_NAME[step.axis]), h('span', { class: 'vnn-x3-change' }, `No step: ${step.reason}.`));
        return h('tr', { 'data-axis': step.axis }, name, h('td', { colspan: 3 }, '—'));
      }
      const next = fromAxes(step.axes);
      const outOfRange = SETTINGS.some((s) => next[s.key] > s.max || next[s.key] < s.min);
      const change = stepChange(step.axis, this.state, next) + (outOfRange ? ' (beyond the sliders)' : '');
      const changeId = uniqueId('vnn-x3-change');
      const button = h(
        'button',
        { type: 'button', class: 'vnn-x3-step', disabled: outOfRange, 'aria-label': `Take the ${AXIS_NAME[step.axis].toLowerCase()} step`, 'aria-describedby': changeId },
        AXIS_NAME[step.axis],
      );
      button.addEventListener('click', () => this.commit(next));
      return h(
        'tr',
        { 'data-axis': step.axis },
        h('th', { scope: 'row' }, button, h('span', { class: 'vnn-x3-change', id: changeId, 'data-col': 'change' }, change)),
        h('td', { 'data-col': 'params' }, formatCount(step.cost.params)),
        h('td', { 'data-col': 'macs' }, formatMacs(step.cost.macs)),
        h('td', { 'data-col': 'ratio' }, `${step.macsRatio.toFixed(2)}×`),
      );
    });
    this.table.replaceChildren(h('caption', {}, 'What one more step along each axis costs (press one to take it)'), h('thead', {}, head), h('tbody', {}, ...body));
    if (focusedAxis) {
      const again = this.table.querySelector<HTMLButtonElement>(`tr[data-axis="${focusedAxis}"] button:not([disabled])`);
      (again ?? this.table.parentElement)?.focus();
    }
  }

  /** The published sizes and this network on a log scale of MACs. */
  private renderLadder(cost: X3dExpansion): void {
    const width = Math.max(260, Math.min(720, this.root.clientWidth - 34 || 600));
    const height = 64;
    const points = [...publishedCosts().map((p) => ({ id: p.size as string, label: sizeLabel(p.size), macs: p.cost.macs, current: false })), { id: 'this', label: 'this network', macs: cost.macs, current: true }];
    const lo = Math.min(...points.map((p) => p.macs)) / 1.5;
    const hi = Math.max(...points.map((p) => p.macs)) * 1.5;
    const x = scaleLog().domain([lo, hi]).range([12, width - 12]);
    const svg = select(this.ladder).attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
    svg.attr('aria-label', `MACs on a logarithmic scale: ${points.map((p) => `${p.label} ${formatMacs(p.macs)}`).join('; ')}.`);
    svg.selectAll('line.vnn-x3-axis').data([0]).join('line').attr('class', 'vnn-x3-axis').attr('x1', 12).attr('x2', width - 12).attr('y1', 34).attr('y2', 34);
    const marks = svg
      .selectAll<SVGGElement, (typeof points)[number]>('g.vnn-x3-mark')
      .data(points, (d) => d.id)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'vnn-x3-mark');
        g.append('circle').attr('r', 5).attr('cy', 34);
        g.append('text').attr('class', 'vnn-x3-mark-label').attr('text-anchor', 'middle');
        return g;
      })
      .classed('is-current', (d) => d.current)
      .attr('transform', (d) => `translate(${x(d.macs)}, 0)`);
    // Published sizes are labelled above the axis, this network below, so the labels do not collide.
    marks
      .select('text')
      .attr('y', (d) => (d.current ? 58 : 20))
      .text((d) => (d.current ? `this: ${formatSi(d.macs, 2)}MACs` : d.label));
    // Keep the labels inside the figure at either end.
    marks.select<SVGTextElement>('text').attr('text-anchor', (d) => (x(d.macs) < 60 ? 'start' : x(d.macs) > width - 60 ? 'end' : 'middle'));
  }
}
