/**
 * A small bar chart of accuracies measured in the browser: one bar per model,
 * a dashed line at chance, and a tick at the figure recorded when the model was
 * trained (its manifest's held-out accuracy), so a reader can see whether the
 * fresh batch agrees. Every number is also written out as text; the bars are
 * decoration (aria-hidden). Drawn with D3; used by chapters 2 and 5.
 */
import './accuracyBars.css';
import { select } from 'd3-selection';
import { h } from './dom';

export interface AccuracyBar {
  id: string;
  label: string;
  correct: number;
  count: number;
  /** The accuracy recorded at training time and the number of clips behind it. */
  reference?: { accuracy: number; count: number; label: string };
  /** Highlighted (the model the rest of the widget is showing). */
  current?: boolean;
}

const pct = (p: number) => `${(p * 100).toFixed(1)}%`;

export class AccuracyBars {
  readonly root: HTMLElement;
  private readonly list: HTMLUListElement;
  private readonly chanceKey = h('span', { class: 'vnn-acc-chance-label' });

  constructor(caption: string) {
    this.list = h('ul', { class: 'vnn-acc-list' });
    this.root = h(
      'figure',
      { class: 'vnn-acc' },
      h('figcaption', { class: 'vnn-acc-caption' }, caption),
      this.list,
      h(
        'p',
        { class: 'vnn-acc-legend' },
        h('span', { class: 'vnn-acc-key vnn-acc-key-fill', 'aria-hidden': 'true' }),
        ' measured now  ',
        h('span', { class: 'vnn-acc-key vnn-acc-key-ref', 'aria-hidden': 'true' }),
        ' recorded at training  ',
        h('span', { class: 'vnn-acc-key vnn-acc-key-chance', 'aria-hidden': 'true' }),
        this.chanceKey,
      ),
    );
  }

  /** Draws the bars; `chance` is the accuracy of guessing (1 / number of classes). */
  update(bars: readonly AccuracyBar[], chance: number): void {
    this.chanceKey.textContent = ` chance ${pct(chance)}`;
    select(this.list)
      .selectAll<HTMLLIElement, AccuracyBar>('li.vnn-acc-row')
      .data(bars, (d) => d.id)
      .join((enter) => {
        const row = enter.append('li').attr('class', 'vnn-acc-row');
        row.append('span').attr('class', 'vnn-acc-name');
        const track = row.append('span').attr('class', 'vnn-acc-track').attr('aria-hidden', 'true');
        track.append('span').attr('class', 'vnn-acc-fill');
        track.append('span').attr('class', 'vnn-acc-ref');
        track.append('span').attr('class', 'vnn-acc-chance');
        row.append('span').attr('class', 'vnn-acc-value');
        return row;
      })
      .attr('data-model', (d) => d.id)
      .attr('data-correct', (d) => d.correct)
      .attr('data-count', (d) => d.count)
      .classed('is-current', (d) => Boolean(d.current))
      .call((row) => {
        row.select('.vnn-acc-name').text((d) => d.label);
        row.select<HTMLSpanElement>('.vnn-acc-fill').style('width', (d) => pct(d.correct / d.count));
        row.select<HTMLSpanElement>('.vnn-acc-chance').style('left', pct(chance));
        row
          .select<HTMLSpanElement>('.vnn-acc-ref')
          .style('display', (d) => (d.reference ? null : 'none'))
          .style('left', (d) => (d.reference ? pct(d.reference.accuracy) : '0%'));
        row.select('.vnn-acc-value').text((d) => {
          const now = `${pct(d.correct / d.count)} (${d.correct} of ${d.count})`;
          return d.reference ? `${now}; ${d.reference.label} ${pct(d.reference.accuracy)} of ${d.reference.count.toLocaleString('en-US')}` : now;
        });
      });
  }
}
