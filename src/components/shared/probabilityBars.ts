/**
 * A model's softmax as a labelled bar list: one row per class with its name,
 * a bar and the percentage, the predicted class in bold and the true class
 * tagged in words (not by colour alone). Each row carries its probability in
 * `data-probability`, so tests can read exactly what is drawn. Drawn with D3.
 */
import './probabilityBars.css';
import { select } from 'd3-selection';
import { h } from './dom';
import { argmax, percent } from '../ModelRunner/state';

interface Row {
  name: string;
  p: number;
  index: number;
}

export class ProbabilityBars {
  readonly root: HTMLElement;
  private readonly list: HTMLUListElement;
  private readonly caption: HTMLElement;

  constructor(caption: string, private readonly classes: readonly string[]) {
    this.caption = h('figcaption', { class: 'vnn-pb-caption' }, caption);
    this.list = h('ul', { class: 'vnn-pb-list' });
    this.root = h('figure', { class: 'vnn-pb' }, this.caption, this.list);
  }

  setCaption(caption: string): void {
    this.caption.textContent = caption;
  }

  /** Draws `probabilities` (one per class); `label` is the true class, if known. */
  update(probabilities: ArrayLike<number>, label?: number): void {
    const predicted = argmax(probabilities);
    const rows: Row[] = this.classes.map((name, index) => ({ name, p: probabilities[index]!, index }));
    this.root.dataset.predicted = this.classes[predicted];
    select(this.list)
      .selectAll<HTMLLIElement, Row>('li.vnn-pb-row')
      .data(rows, (d) => d.name)
      .join((enter) => {
        const row = enter.append('li').attr('class', 'vnn-pb-row');
        const name = row.append('span').attr('class', 'vnn-pb-name');
        name.append('span').attr('class', 'vnn-pb-label');
        name.append('span').attr('class', 'vnn-pb-true').text('true class');
        row.append('span').attr('class', 'vnn-pb-track').attr('aria-hidden', 'true').append('span').attr('class', 'vnn-pb-fill');
        row.append('span').attr('class', 'vnn-pb-value');
        return row;
      })
      .attr('data-class', (d) => d.name)
      .attr('data-probability', (d) => d.p)
      .classed('is-predicted', (d) => d.index === predicted)
      .classed('is-true', (d) => d.index === label)
      .call((row) => {
        row.select('.vnn-pb-label').text((d) => d.name);
        row.select<HTMLSpanElement>('.vnn-pb-fill').style('width', (d) => percent(d.p, 2));
        row.select('.vnn-pb-value').text((d) => percent(d.p));
      });
  }

  clear(): void {
    this.list.replaceChildren();
    delete this.root.dataset.predicted;
  }
}
