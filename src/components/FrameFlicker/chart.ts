/**
 * The flicker chart: one line per shown class, the single-frame model's
 * probability of that class in each frame, with the true class drawn thick
 * and marked at every frame, and a cursor at the selected frame. Lines differ
 * by colour and dash pattern, so they stay apart without colour. Drawn with
 * D3 into an SVG that follows its container's width; a click picks a frame.
 */
import { select } from 'd3-selection';
import { line } from 'd3-shape';
import { scaleLinear } from 'd3-scale';

const SVG_NS = 'http://www.w3.org/2000/svg';
const HEIGHT = 220;
const MARGIN = { top: 10, right: 12, bottom: 30, left: 44 };
/** Dash patterns for the other classes' lines, in order (the true class is solid). */
export const DASHES = ['6 3', '2 3', '10 3 2 3', '1 2'];

export interface ChartData {
  perFrame: readonly Float32Array[];
  /** Classes to draw, the true class first. */
  shown: readonly number[];
  label: number;
  /** 1-based frame under the cursor. */
  frame: number;
}

interface Series {
  k: number;
  order: number;
  values: number[];
}

export class FlickerChart {
  readonly root: HTMLElement;
  private readonly svg: SVGSVGElement;
  private data: ChartData | undefined;
  private width = 0;

  constructor(private readonly onPick: (frame: number) => void) {
    this.svg = document.createElementNS(SVG_NS, 'svg');
    this.svg.setAttribute('class', 'vnn-ff-svg');
    this.svg.setAttribute('height', String(HEIGHT));
    this.svg.setAttribute('aria-hidden', 'true');
    this.root = document.createElement('div');
    this.root.className = 'vnn-ff-chart';
    this.root.append(this.svg);
    this.svg.addEventListener('click', (event) => {
      if (!this.data) return;
      const box = this.svg.getBoundingClientRect();
      const x = this.x();
      const frame = Math.round(x.invert(event.clientX - box.left));
      this.onPick(Math.min(this.data.perFrame.length, Math.max(1, frame)));
    });
    // Redraws at the container's width: text stays legible on a phone, where a scaled viewBox would shrink it.
    new ResizeObserver(() => {
      const width = Math.floor(this.root.clientWidth);
      if (width > 0 && width !== this.width) {
        this.width = width;
        this.draw();
      }
    }).observe(this.root);
  }

  update(data: ChartData): void {
    this.data = data;
    if (this.width === 0) this.width = Math.floor(this.root.clientWidth) || 600;
    this.draw();
  }

  private x() {
    const frames = this.data?.perFrame.length ?? 16;
    return scaleLinear().domain([1, frames]).range([MARGIN.left, Math.max(MARGIN.left + 10, this.width - MARGIN.right)]);
  }

  private draw(): void {
    const data = this.data;
    if (!data) return;
    const frames = data.perFrame.length;
    const x = this.x();
    const y = scaleLinear().domain([0, 1]).range([HEIGHT - MARGIN.bottom, MARGIN.top]);
    const svg = select(this.svg).attr('width', this.width).attr('viewBox', `0 0 ${this.width} ${HEIGHT}`);

    const yTicks = [0, 0.25, 0.5, 0.75, 1];
    svg
      .selectAll<SVGGElement, number>('g.vnn-ff-ytick')
      .data(yTicks)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'vnn-ff-ytick');
        g.append('line').attr('class', 'vnn-ff-grid');
        g.append('text').attr('text-anchor', 'end').attr('dy', '0.32em');
        return g;
      })
      .call((g) => {
        g.select('line').attr('x1', MARGIN.left).attr('x2', x.range()[1]!).attr('y1', (d) => y(d)).attr('y2', (d) => y(d));
        g.select('text').attr('x', MARGIN.left - 6).attr('y', (d) => y(d)).text((d) => `${d * 100}%`);
      });

    // Every frame where there is room, else every other one.
    const every = this.width >= 420 ? 1 : 2;
    const xTicks = Array.from({ length: frames }, (_, i) => i + 1).filter((f) => (f - 1) % every === 0);
    svg
      .selectAll<SVGTextElement, number>('text.vnn-ff-xtick')
      .data(xTicks)
      .join('text')
      .attr('class', 'vnn-ff-xtick')
      .attr('text-anchor', 'middle')
      .attr('x', (d) => x(d))
      .attr('y', HEIGHT - MARGIN.bottom + 16)
      .text((d) => String(d));
    svg
      .selectAll('text.vnn-ff-xlabel')
      .data([0])
      .join('text')
      .attr('class', 'vnn-ff-xlabel')
      .attr('text-anchor', 'end')
      .attr('x', MARGIN.left - 8)
      .attr('y', HEIGHT - MARGIN.bottom + 16)
      .text('frame');

    svg
      .selectAll('line.vnn-ff-cursor')
      .data([data.frame])
      .join('line')
      .attr('class', 'vnn-ff-cursor')
      .attr('x1', (d) => x(d))
      .attr('x2', (d) => x(d))
      .attr('y1', MARGIN.top)
      .attr('y2', HEIGHT - MARGIN.bottom);

    const series: Series[] = data.shown.map((k, order) => ({ k, order, values: data.perFrame.map((p) => p[k]!) }));
    const path = line<number>().x((_, i) => x(i + 1)).y((v) => y(v));
    // Drawn in reverse, so the true class (first) lies on top.
    svg
      .selectAll<SVGPathElement, Series>('path.vnn-ff-line')
      .data([...series].reverse(), (d) => String(d.k))
      .join('path')
      .attr('class', (d) => `vnn-ff-line vnn-ff-series-${d.order}`)
      .attr('data-class-index', (d) => d.k)
      .attr('stroke-dasharray', (d) => (d.order === 0 ? null : DASHES[(d.order - 1) % DASHES.length]!))
      .attr('d', (d) => path(d.values))
      .order();
    const truth = series[0]!;
    svg
      .selectAll<SVGCircleElement, number>('circle.vnn-ff-dot')
      .data(truth.values)
      .join('circle')
      .attr('class', 'vnn-ff-dot vnn-ff-series-0')
      .attr('r', (_, i) => (i + 1 === data.frame ? 5 : 3))
      .attr('cx', (_, i) => x(i + 1))
      .attr('cy', (d) => y(d))
      .raise();
  }
}
