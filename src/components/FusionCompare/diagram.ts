/**
 * The fusion diagram: the network unrolled along time. Bottom row: the input
 * frames; each row above: one layer's units along time, joined to the units
 * below that feed them. The frames one unit of the last convolution can see
 * are highlighted, and the row where frames first meet is marked. Rows draw in
 * from the bottom up (links growing upwards) unless the reader prefers reduced
 * motion. Drawn with d3-selection and d3-shape at the container's pixel width.
 */
import { select } from 'd3-selection';
import { linkVertical } from 'd3-shape';
import { reachableFrames, type FusionTable, type TimeRow } from './fusionAnalysis';

const ROW_GAP = 54;
const LABEL_WIDTH = 96;
const PAD = 14;
const SVG_NS = 'http://www.w3.org/2000/svg';

export interface DiagramModel {
  graph: TimeRow[];
  table: FusionTable;
}

/** The row (in the graph) whose highlighted unit is traced down: the last window layer, or the input's row above. */
export function tracedRow(graph: readonly TimeRow[]): number {
  return Math.max(1, graph.length - 2);
}

export const tracedUnit = (row: TimeRow) => Math.floor(row.size / 2);

export function describeDiagram(model: DiagramModel): string {
  const { graph, table } = model;
  const rows = graph.map((r, i) => (i === 0 ? `${r.size} input frame${r.size === 1 ? '' : 's'}` : `${r.name}: ${r.size} unit${r.size === 1 ? '' : 's'} along time`));
  const row = tracedRow(graph);
  const unit = tracedUnit(graph[row]!);
  const frames = reachableFrames(graph, row, unit);
  const span = frames.length === 1 ? `frame ${frames[0]! + 1}` : `frames ${frames[0]! + 1} to ${frames.at(-1)! + 1}`;
  const meets = table.meetsAt === undefined ? 'no layer sees two frames' : `frames first meet at ${table.rows[table.meetsAt]!.name}`;
  return `Diagram, from the input up: ${rows.join('; ')}. One unit of ${graph[row]!.name} (highlighted) sees ${span}; ${meets}.`;
}

export class FusionDiagram {
  readonly root: HTMLElement;
  private readonly svg: SVGSVGElement;
  private model: DiagramModel | undefined;
  private animate = false;

  constructor() {
    this.svg = document.createElementNS(SVG_NS, 'svg');
    this.svg.setAttribute('role', 'img');
    this.svg.classList.add('vnn-fu-svg');
    this.root = document.createElement('div');
    this.root.className = 'vnn-fu-diagram';
    this.root.append(this.svg);
    // Redraw at the new width (no animation) when the layout changes.
    if (typeof ResizeObserver !== 'undefined') {
      let width = 0;
      new ResizeObserver(() => {
        const w = this.root.clientWidth;
        if (w !== width && this.model) {
          width = w;
          this.draw(false);
        }
      }).observe(this.root);
    }
  }

  /** Shows a network; `animate` plays the bottom-up drawing (the caller checks reduced motion). */
  show(model: DiagramModel, animate: boolean): void {
    this.model = model;
    this.draw(animate);
  }

  replay(): void {
    if (this.model) this.draw(true);
  }

  private draw(animate: boolean): void {
    const model = this.model!;
    this.animate = animate;
    const { graph, table } = model;
    const width = Math.max(280, this.root.clientWidth || 600);
    const height = PAD * 2 + (graph.length - 1) * ROW_GAP + 20;
    const area = width - LABEL_WIDTH - PAD;
    const x = (row: TimeRow, i: number) => LABEL_WIDTH + (row.size === 1 ? area / 2 : ((i + 0.5) * area) / row.size);
    const y = (r: number) => height - PAD - 10 - r * ROW_GAP;
    const radius = Math.max(2.5, Math.min(6, area / Math.max(...graph.map((g) => g.size)) / 3));
    const traced = tracedRow(graph);
    const reach = reachSets(graph, traced, tracedUnit(graph[traced]!));
    const meetsRow = table.meetsAt === undefined ? -1 : table.meetsAt + 1;

    const svg = select(this.svg).attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height);
    svg.attr('aria-label', describeDiagram(model));
    svg.classed('is-animated', this.animate);
    svg.selectAll('*').remove();

    const link = linkVertical<unknown, { source: [number, number]; target: [number, number] }, [number, number]>()
      .source((d) => d.source)
      .target((d) => d.target);
    const links = svg.append('g').attr('class', 'vnn-fu-links');
    graph.forEach((row, r) => {
      if (r === 0) return;
      const below = graph[r - 1]!;
      row.sources.forEach((sources, j) => {
        for (const i of sources) {
          links
            .append('path')
            .attr('class', reach[r]!.has(j) && reach[r - 1]!.has(i) ? 'vnn-fu-link is-traced' : 'vnn-fu-link')
            .attr('pathLength', 1)
            .attr('style', `--row: ${r}`)
            .attr('d', link({ source: [x(below, i), y(r - 1)], target: [x(row, j), y(r)] }));
        }
      });
    });

    const rows = svg.append('g').attr('class', 'vnn-fu-rows');
    graph.forEach((row, r) => {
      const g = rows.append('g').attr('class', r === meetsRow ? 'vnn-fu-row is-meeting' : 'vnn-fu-row').attr('style', `--row: ${r}`);
      const tableRow = r > 0 ? table.rows[r - 1] : undefined;
      g.append('text').attr('class', 'vnn-fu-name').attr('x', 0).attr('y', y(r) - 2).text(r === 0 ? 'input frames' : row.name);
      g.append('text')
        .attr('class', 'vnn-fu-note')
        .attr('x', 0)
        .attr('y', y(r) + 12)
        .text(r === 0 ? `${row.size} frame${row.size === 1 ? '' : 's'}` : r === meetsRow ? `sees ${tableRow!.temporal} · meet` : `sees ${tableRow!.temporal}`);
      for (let j = 0; j < row.size; j++) {
        g.append('circle')
          .attr('class', reach[r]!.has(j) ? 'vnn-fu-unit is-traced' : 'vnn-fu-unit')
          .attr('cx', x(row, j))
          .attr('cy', y(r))
          .attr('r', radius);
      }
    });
  }
}

/** Per graph row, the units on the traced path: the traced unit, everything it reads below, and everything reading it above. */
function reachSets(graph: readonly TimeRow[], row: number, unit: number): Set<number>[] {
  const sets = graph.map(() => new Set<number>());
  sets[row]!.add(unit);
  for (let r = row; r > 0; r--) for (const j of sets[r]!) for (const i of graph[r]!.sources[j]!) sets[r - 1]!.add(i);
  for (let r = row + 1; r < graph.length; r++) {
    graph[r]!.sources.forEach((sources, j) => {
      if (sources.some((i) => sets[r - 1]!.has(i))) sets[r]!.add(j);
    });
  }
  return sets;
}
