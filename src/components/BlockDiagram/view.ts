/**
 * Draws the block diagrams: one box per unit of the chosen network (stem,
 * blocks, pools, head), coloured and tagged by the kind of space–time
 * convolution it uses, with its kernels, channels and output shape read from
 * the spec; residual shortcuts drawn beside the boxes with d3-shape. Below it,
 * the layers as text and all five networks side by side.
 */
import { select, type Selection } from 'd3-selection';
import { curveBasis, line } from 'd3-shape';
import { h, showNotes, uniqueId } from '../shared/dom';
import { formatCount } from '../../lib/video-nn/analysis/videoSize';
import { formatMacs } from '../../lib/video-nn/analysis/format';
import type { UnitKind } from '../../lib/video-nn/analysis/networkUnits';
import {
  KIND_LABEL,
  KIND_MEANING,
  NETWORKS,
  comparison,
  describe,
  diagramOf,
  layerList,
  networkLabel,
  unitLines,
  unitName,
  usesGroup,
  type BlockDiagramState,
  type NetworkId,
} from './state';
import type { MixedConvGroup } from '../../lib/video-nn/spec/mixedConv';

const SVG_NS = 'http://www.w3.org/2000/svg';
const GROUPS: readonly MixedConvGroup[] = [2, 3, 4, 5];
const GROUP_NAMES = ['conv1 (stem)', 'conv2_x (layer1)', 'conv3_x (layer2)', 'conv4_x (layer3)', 'conv5_x (layer4)'];
const LEGEND_KINDS: readonly UnitKind[] = ['3d', '2plus1d', 'separable', '2d', 'pointwise', 'pool', 'head'];

const FONT_SIZE = 12;
const LINE = 16;
const PAD = 8;
const GAP = 14;
const GUTTER = 30;

interface Layout {
  y: number;
  height: number;
  heading: string;
  shape: string;
  shapeOwnLine: boolean;
  lines: string[];
  kind: UnitKind;
  residual: boolean;
  projected: boolean;
}

export class BlockDiagramView {
  readonly root: HTMLElement;
  private state: BlockDiagramState;
  private readonly netButtons = new Map<NetworkId, HTMLButtonElement>();
  private readonly groupButtons = new Map<MixedConvGroup, HTMLButtonElement>();
  private readonly groupBar: HTMLElement;
  private readonly svg: SVGSVGElement;
  private readonly summary: HTMLElement;
  private readonly list: HTMLOListElement;
  private readonly table: HTMLTableElement;
  private readonly notes: HTMLElement;
  private measure: CanvasRenderingContext2D | null = null;
  private lastWidth = 0;

  constructor(state: BlockDiagramState, private readonly onChange: (state: BlockDiagramState) => void) {
    this.state = state;
    const titleId = uniqueId('vnn-bd-title');
    const summaryId = uniqueId('vnn-bd-summary');
    this.summary = h('p', { class: 'vnn-bd-summary', id: summaryId, 'aria-live': 'polite' });
    this.svg = document.createElementNS(SVG_NS, 'svg');
    this.svg.setAttribute('class', 'vnn-bd-svg');
    this.svg.setAttribute('role', 'img');
    this.list = h('ol', { class: 'vnn-bd-list' });
    this.table = h('table', { class: 'vnn-bd-table' });
    this.notes = h('ul', { class: 'vnn-notes', 'aria-live': 'polite' });

    const nets = h('div', { class: 'vnn-bd-buttons', role: 'group', 'aria-label': 'Network' });
    for (const net of NETWORKS) {
      const button = h('button', { type: 'button', 'aria-pressed': 'false', 'data-net': net });
      button.addEventListener('click', () => this.commit({ ...this.state, net }));
      this.netButtons.set(net, button);
      nets.append(button);
    }
    this.groupBar = h('div', { class: 'vnn-bd-buttons vnn-bd-groups', role: 'group', 'aria-label': 'Group where 3-D and 2-D swap' });
    this.groupBar.append(h('span', { class: 'vnn-bd-groups-label', 'aria-hidden': 'true' }, 'Switch at:'));
    for (const x of GROUPS) {
      const button = h('button', { type: 'button', 'aria-pressed': 'false', 'data-x': x, title: GROUP_NAMES[x - 1] }, `x = ${x}`);
      button.addEventListener('click', () => this.commit({ ...this.state, x }));
      this.groupButtons.set(x, button);
      this.groupBar.append(button);
    }

    const legend = h(
      'ul',
      { class: 'vnn-bd-legend', 'aria-label': 'Colour key' },
      ...LEGEND_KINDS.map((kind) =>
        h('li', {}, h('span', { class: `vnn-bd-swatch vnn-bd-kind-${kind}`, 'aria-hidden': 'true' }), h('strong', {}, KIND_LABEL[kind]), ` ${KIND_MEANING[kind]}`),
      ),
    );

    this.root = h(
      'div',
      { class: 'vnn-widget vnn-block-diagram not-content', role: 'group', 'aria-labelledby': titleId },
      h('p', { class: 'vnn-title', id: titleId }, 'Where each network convolves over time'),
      nets,
      this.groupBar,
      legend,
      this.summary,
      h('div', { class: 'vnn-bd-figure' }, this.svg),
      h('details', { class: 'vnn-bd-details' }, h('summary', {}, 'The layers as text'), this.list),
      h('div', { class: 'vnn-bd-table-wrap', role: 'region', tabindex: 0, 'aria-label': 'All five networks' }, this.table),
      this.notes,
    );
    this.render();
    if (typeof ResizeObserver !== 'undefined') {
      new ResizeObserver(() => {
        if (this.diagramWidth() !== this.lastWidth) this.drawDiagram();
      }).observe(this.root);
    }
  }

  setState(state: BlockDiagramState): void {
    this.state = state;
    this.render();
  }

  setNotes(notes: readonly string[]): void {
    showNotes(this.notes, notes);
  }

  private commit(state: BlockDiagramState): void {
    this.state = state;
    showNotes(this.notes, []);
    this.render();
    this.onChange(state);
  }

  private render(): void {
    const { net, x } = this.state;
    for (const [id, button] of this.netButtons) {
      button.textContent = networkLabel(id, x);
      button.setAttribute('aria-pressed', String(id === net));
    }
    this.groupBar.hidden = !usesGroup(net);
    for (const [g, button] of this.groupButtons) button.setAttribute('aria-pressed', String(g === x));
    const diagram = diagramOf(this.state);
    this.summary.textContent = describe(this.state, diagram);
    this.list.replaceChildren(...layerList(this.state, diagram).map((text) => h('li', {}, text)));
    this.renderTable();
    this.drawDiagram();
  }

  private renderTable(): void {
    const rows = comparison(this.state);
    const head = h('tr', {}, ...['Network', 'Input', 'Parameters', 'MACs', 'Full 3-D kernels'].map((t) => h('th', { scope: 'col' }, t)));
    const body = rows.map((r) => {
      const current = r.net === this.state.net;
      return h(
        'tr',
        { 'data-net': r.net, class: current ? 'is-current' : undefined },
        h('th', { scope: 'row' }, r.title, current ? h('span', { class: 'vnn-visually-hidden' }, ' (shown above)') : ''),
        h('td', {}, r.input),
        h('td', { 'data-col': 'params' }, formatCount(r.params)),
        h('td', { 'data-col': 'macs' }, formatMacs(r.macs)),
        h('td', { 'data-col': 'full3d' }, String(r.full3d)),
      );
    });
    this.table.replaceChildren(h('caption', {}, 'All five networks, counted by the library'), h('thead', {}, head), h('tbody', {}, ...body));
  }

  private diagramWidth(): number {
    const inner = this.root.clientWidth - 34;
    return Math.max(260, Math.min(720, inner > 0 ? inner : 640));
  }

  private textWidth(text: string, bold = false): number {
    if (!this.measure) {
      this.measure = document.createElement('canvas').getContext('2d');
    }
    if (!this.measure) return text.length * FONT_SIZE * 0.6;
    const family = getComputedStyle(this.root).fontFamily || 'sans-serif';
    this.measure.font = `${bold ? '600 ' : ''}${FONT_SIZE}px ${family}`;
    return this.measure.measureText(text).width;
  }

  /** Greedy wrap of parts joined by a separator; a part too long alone is split at its ▸ steps. */
  private wrap(parts: string[], separator: string, width: number): string[] {
    const tokens = parts.flatMap((p) => (this.textWidth(p) <= width ? [p] : p.split(' ▸ ').map((t, i, all) => (i < all.length - 1 ? `${t} ▸` : t))));
    const lines: string[] = [];
    let current = '';
    for (const token of tokens) {
      const candidate = current === '' ? token : `${current}${current.endsWith('▸') ? ' ' : separator}${token}`;
      if (current !== '' && this.textWidth(candidate) > width) {
        lines.push(current);
        current = token;
      } else current = candidate;
    }
    if (current !== '') lines.push(current);
    return lines;
  }

  private layout(width: number): Layout[] {
    const diagram = diagramOf(this.state);
    const boxWidth = width - GUTTER;
    const textWidth = boxWidth - 2 * PAD - 6;
    let y = 0;
    return diagram.units.map((unit) => {
      const name = unitName(unit, this.state.net);
      const heading = name === KIND_LABEL[unit.kind] ? name : `${KIND_LABEL[unit.kind]} · ${name}`;
      const shape = unit.outputShape.join('×');
      const shapeOwnLine = this.textWidth(heading, true) + this.textWidth(shape) + 16 > textWidth;
      const lines = unitLines(unit).flatMap((l) => this.wrap(l.parts, l.separator, textWidth));
      const height = 2 * PAD + LINE * (1 + (shapeOwnLine ? 1 : 0) + lines.length) - 4;
      const item: Layout = {
        y,
        height,
        heading,
        shape,
        shapeOwnLine,
        lines,
        kind: unit.kind,
        residual: unit.structure === 'residual',
        projected: unit.shortcut.length > 0,
      };
      y += height + GAP;
      return item;
    });
  }

  private drawDiagram(): void {
    const width = this.diagramWidth();
    this.lastWidth = width;
    const items = this.layout(width);
    const last = items.at(-1);
    const height = last ? last.y + last.height + 2 : 0;
    const boxWidth = width - GUTTER;
    const spec = diagramOf(this.state).spec;
    const svg = select(this.svg).attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
    svg.attr('aria-label', `Block diagram of ${spec.title}, ${items.length} units from input to classifier; the same layers are listed as text below.`);
    svg.selectAll('*').remove();
    const markerId = uniqueId('vnn-bd-arrow');
    svg
      .append('defs')
      .append('marker')
      .attr('id', markerId)
      .attr('viewBox', '0 0 8 8')
      .attr('refX', 7)
      .attr('refY', 4)
      .attr('markerWidth', 7)
      .attr('markerHeight', 7)
      .attr('orient', 'auto')
      .append('path')
      .attr('class', 'vnn-bd-arrowhead')
      .attr('d', 'M0,0 L8,4 L0,8 z');

    const skip = line<[number, number]>().curve(curveBasis);
    items.forEach((item, i) => {
      const g = svg.append('g').attr('class', `vnn-bd-unit vnn-bd-kind-${item.kind}`).attr('transform', `translate(0, ${item.y})`);
      g.append('rect').attr('class', 'vnn-bd-box').attr('width', boxWidth).attr('height', item.height).attr('rx', 5);
      g.append('rect').attr('class', 'vnn-bd-stripe').attr('width', 6).attr('height', item.height).attr('rx', 2);
      const x0 = PAD + 6;
      const text = (content: string, row: number, cls: string, anchorEnd = false) =>
        g
          .append('text')
          .attr('class', cls)
          .attr('x', anchorEnd ? boxWidth - PAD : x0)
          .attr('y', PAD + row * LINE + FONT_SIZE - 1)
          .attr('text-anchor', anchorEnd ? 'end' : 'start')
          .text(content);
      text(item.heading, 0, 'vnn-bd-heading');
      let row = 1;
      if (item.shapeOwnLine) text(item.shape, row++, 'vnn-bd-shape');
      else text(item.shape, 0, 'vnn-bd-shape', true);
      for (const l of item.lines) text(l, row++, 'vnn-bd-layers');
      if (item.residual) this.drawShortcut(g, skip, boxWidth, item, markerId);
      const next = items[i + 1];
      if (next) {
        svg
          .append('line')
          .attr('class', 'vnn-bd-edge')
          .attr('x1', boxWidth / 2)
          .attr('x2', boxWidth / 2)
          .attr('y1', item.y + item.height)
          .attr('y2', next.y - 1)
          .attr('marker-end', `url(#${markerId})`);
      }
    });
  }

  /** The residual shortcut: a curve beside the box from its input to the addition at its output. */
  private drawShortcut(
    g: Selection<SVGGElement, unknown, null, undefined>,
    skip: ReturnType<typeof line<[number, number]>>,
    boxWidth: number,
    item: Layout,
    markerId: string,
  ): void {
    const top = -GAP / 2;
    const bottom = item.height - 8;
    const out = boxWidth + GUTTER - 8;
    const points: [number, number][] = [
      [boxWidth / 2 + 20, top],
      [out, top],
      [out, bottom],
      [boxWidth + 1, bottom],
    ];
    g.append('path')
      .attr('class', item.projected ? 'vnn-bd-skip is-projected' : 'vnn-bd-skip')
      .attr('d', skip(points) ?? '')
      .attr('marker-end', `url(#${markerId})`);
  }
}
