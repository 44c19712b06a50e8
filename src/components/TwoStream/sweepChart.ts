/**
 * A small line chart of the recorded fusion sweep: test accuracy against the
 * spatial weight w, with chance dashed, the weight chosen on validation marked
 * and a line at the reader's current w. Drawn as SVG with D3's scales and line
 * generator; the numbers are also stated in text by the caller.
 */
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import type { SweepPoint } from './state';

const NS = 'http://www.w3.org/2000/svg';
const W = 320;
const H = 170;
const M = { top: 12, right: 12, bottom: 34, left: 40 };

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

export class SweepChart {
  readonly root: SVGSVGElement;
  private readonly x = scaleLinear().domain([0, 1]).range([M.left, W - M.right]);
  private readonly y = scaleLinear().domain([0, 1]).range([H - M.bottom, M.top]);
  private readonly current = svg('g', { class: 'vnn-ts-current' });

  constructor(sweep: readonly SweepPoint[], chosen: number, chance: number, label: string) {
    const { x, y } = this;
    this.root = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'vnn-ts-chart', role: 'img', 'aria-label': label });
    const axes = svg('g', { class: 'vnn-ts-axes' });
    for (const t of [0, 0.25, 0.5, 0.75, 1]) {
      axes.append(svg('line', { x1: x(t), x2: x(t), y1: H - M.bottom, y2: H - M.bottom + 4 }));
      axes.append(svg('text', { x: x(t), y: H - M.bottom + 15, 'text-anchor': 'middle' }, String(t)));
    }
    for (const a of [0, 0.5, 1]) {
      axes.append(svg('line', { class: 'vnn-ts-grid', x1: M.left, x2: W - M.right, y1: y(a), y2: y(a) }));
      axes.append(svg('text', { x: M.left - 5, y: y(a) + 4, 'text-anchor': 'end' }, `${a * 100}%`));
    }
    axes.append(svg('text', { x: (M.left + W - M.right) / 2, y: H - 3, 'text-anchor': 'middle' }, 'spatial weight w'));
    const chanceLine = svg('line', { class: 'vnn-ts-chance', x1: M.left, x2: W - M.right, y1: y(chance), y2: y(chance) });
    const path = svg('path', { class: 'vnn-ts-line', d: line<SweepPoint>().x((p) => x(p.weightSpatial)).y((p) => y(p.accuracy))(sweep as SweepPoint[]) ?? '' });
    const dots = svg('g', { class: 'vnn-ts-dots' });
    for (const p of sweep) dots.append(svg('circle', { cx: x(p.weightSpatial), cy: y(p.accuracy), r: 1.8 }));
    const best = sweep.find((p) => Math.abs(p.weightSpatial - chosen) < 1e-6);
    const chosenMark = svg('g', { class: 'vnn-ts-chosen' });
    if (best) {
      const cx = x(best.weightSpatial);
      const cy = y(best.accuracy);
      chosenMark.append(svg('path', { d: `M${cx} ${cy - 6} l5 6 l-5 6 l-5 -6 z` }));
    }
    this.root.append(axes, chanceLine, path, dots, chosenMark, this.current);
  }

  /** Moves the current-w marker to w at the recorded accuracy there. */
  setCurrent(w: number, accuracy: number | undefined, label: string): void {
    const { x, y } = this;
    const nodes: SVGElement[] = [svg('line', { x1: x(w), x2: x(w), y1: M.top, y2: H - M.bottom })];
    if (accuracy !== undefined) nodes.push(svg('circle', { cx: x(w), cy: y(accuracy), r: 4 }));
    this.current.replaceChildren(...nodes);
    this.current.setAttribute('data-w', String(w));
    this.root.setAttribute('aria-label', label);
  }
}
