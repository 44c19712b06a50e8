/**
 * Draws the C3D table: three toggle groups (cost unit, stages or layers, classes)
 * and the table itself, with a share-of-cost bar per row. The same markup is
 * rendered at build time by C3dTable.astro, so the page shows the full table
 * before any script runs.
 */
import { h, showNotes, uniqueId } from '../shared/dom';
import { formatCount } from '../../lib/video-nn/analysis/videoSize';
import {
  CHOICE_LABELS, SETTINGS, caption, costHeading, describe, formatShape, formatTotal, millions, percent, table,
  type C3dTableState,
} from './state';

type Key = keyof C3dTableState;

export class C3dTableView {
  readonly root: HTMLElement;
  private state: C3dTableState;
  private readonly buttons = new Map<Key, HTMLButtonElement[]>();
  private readonly caption = h('p', { class: 'vnn-c3d-caption', id: uniqueId('vnn-c3d-caption') });
  private readonly tableHolder = h('div', { class: 'vnn-c3d-scroll', role: 'region', tabindex: 0, 'aria-labelledby': this.caption.id });
  private readonly summary = h('p', { class: 'vnn-c3d-summary', 'aria-live': 'polite' });
  private readonly notes = h('ul', { class: 'vnn-notes', 'aria-live': 'polite' });

  constructor(state: C3dTableState, private readonly onChange: (state: C3dTableState) => void) {
    this.state = state;
    const titleId = uniqueId('vnn-c3d-title');
    const controls = h('div', { class: 'vnn-c3d-controls' }, ...SETTINGS.map((s) => this.toggleGroup(s.key, s.label, s.choices)));
    this.root = h(
      'div',
      { class: 'vnn-widget vnn-c3d-table not-content', role: 'group', 'aria-labelledby': titleId },
      h('p', { class: 'vnn-title', id: titleId }, 'C3D, stage by stage'),
      controls,
      this.notes,
      this.caption,
      this.tableHolder,
      this.summary,
    );
    this.render();
  }

  setState(state: C3dTableState): void {
    this.state = state;
    this.render();
  }

  setNotes(notes: readonly string[]): void {
    showNotes(this.notes, notes);
  }

  private toggleGroup<K extends Key>(key: K, label: string, choices: readonly (string | number)[]): HTMLElement {
    const labels = CHOICE_LABELS[key] as Record<string, string>;
    const buttons = choices.map((choice) => {
      const button = h('button', { type: 'button', 'aria-pressed': 'false', 'data-choice': String(choice) }, labels[String(choice)]!);
      button.addEventListener('click', () => {
        this.state = { ...this.state, [key]: choice } as C3dTableState;
        showNotes(this.notes, []);
        this.render();
        this.onChange(this.state);
      });
      return button;
    });
    this.buttons.set(key, buttons);
    return h('div', { class: 'vnn-c3d-toggle', role: 'group', 'aria-label': label, 'data-setting': key }, h('span', { class: 'vnn-c3d-toggle-label', 'aria-hidden': 'true' }, label), ...buttons);
  }

  private render(): void {
    for (const [key, buttons] of this.buttons) {
      for (const b of buttons) b.setAttribute('aria-pressed', String(b.dataset.choice === String(this.state[key])));
    }
    const t = table(this.state);
    const unit = this.state.unit;
    const head = h(
      'tr',
      {},
      h('th', { scope: 'col' }, this.state.rows === 'stages' ? 'Stage' : 'Layer'),
      h('th', { scope: 'col' }, 'Output'),
      h('th', { scope: 'col', class: 'is-number' }, 'Parameters'),
      h('th', { scope: 'col', class: 'is-number' }, costHeading(unit)),
      h('th', { scope: 'col' }, 'Share of cost'),
    );
    const body = t.rows.map((r) => {
      const fill = h('span', { class: 'vnn-c3d-fill' });
      fill.style.width = `${(r.share * 100).toFixed(2)}%`;
      return h(
        'tr',
        { 'data-row': r.id },
        h('th', { scope: 'row' }, r.label),
        h('td', { 'data-col': 'shape' }, formatShape(r.shape)),
        h('td', { 'data-col': 'params', class: 'is-number' }, formatCount(r.params)),
        h('td', { 'data-col': 'cost', class: 'is-number' }, millions(r.macs, unit)),
        h('td', { 'data-col': 'share' }, h('span', { class: 'vnn-c3d-track', 'aria-hidden': 'true' }, fill), percent(r.share)),
      );
    });
    const foot = h(
      'tr',
      { 'data-row': 'total' },
      h('th', { scope: 'row' }, 'Total'),
      h('td', { 'data-col': 'shape' }),
      h('td', { 'data-col': 'params', class: 'is-number' }, formatCount(t.total.params)),
      h('td', { 'data-col': 'cost', class: 'is-number' }, millions(t.total.macs, unit)),
      h('td', { 'data-col': 'share' }, formatTotal(t.total.macs, unit)),
    );
    // The caption sits outside the scrolling box, so a narrow screen never cuts it off.
    this.caption.textContent = caption(this.state);
    this.tableHolder.replaceChildren(
      h('table', { class: 'vnn-c3d', 'aria-labelledby': this.caption.id }, h('thead', {}, head), h('tbody', {}, ...body), h('tfoot', {}, foot)),
    );
    this.summary.textContent = describe(this.state, t);
  }
}
