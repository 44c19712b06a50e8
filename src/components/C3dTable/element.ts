/**
 * <vnn-c3d-table>: the C3D table as a custom element. Attributes unit (macs |
 * flops), rows (stages | layers) and classes (101 | 487) are its state; bad ones
 * fall back to defaults with a visible note. The build-time table inside it is
 * replaced by the live one, which recomputes from the spec on every toggle.
 */
import '../shared/widget.css';
import './c3dTable.css';
import { SETTINGS, parseState, toQuery, type C3dTableState } from './state';
import { C3dTableView } from './view';

const ATTRIBUTES = SETTINGS.map((s) => s.key);

export class C3dTableElement extends HTMLElement {
  static readonly observedAttributes = ATTRIBUTES;
  private view: C3dTableView | undefined;
  private reflecting = false;

  connectedCallback(): void {
    if (this.view) return;
    const { state, notes } = parseState(this.attributePairs());
    this.view = new C3dTableView(state, (next) => this.reflect(next));
    this.view.setNotes(notes);
    this.replaceChildren(this.view.root);
  }

  attributeChangedCallback(): void {
    if (!this.view || this.reflecting) return;
    const { state, notes } = parseState(this.attributePairs());
    this.view.setState(state);
    this.view.setNotes(notes);
  }

  setState(state: C3dTableState, notes: readonly string[] = []): void {
    this.connectedCallback();
    this.reflect(state);
    this.view!.setState(state);
    this.view!.setNotes(notes);
  }

  private attributePairs(): [string, string][] {
    return ATTRIBUTES.filter((a) => this.hasAttribute(a)).map((a) => [a, this.getAttribute(a) ?? '']);
  }

  private reflect(state: C3dTableState): void {
    this.reflecting = true;
    try {
      for (const name of ATTRIBUTES) this.removeAttribute(name);
      const query = toQuery(state);
      for (const [key, value] of new URLSearchParams(query)) this.setAttribute(key, value);
      this.dispatchEvent(new CustomEvent('vnn-change', { bubbles: true, detail: { query } }));
    } finally {
      this.reflecting = false;
    }
  }
}

if (!customElements.get('vnn-c3d-table')) customElements.define('vnn-c3d-table', C3dTableElement);

declare global {
  interface HTMLElementTagNameMap {
    'vnn-c3d-table': C3dTableElement;
  }
}
