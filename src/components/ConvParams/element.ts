/**
 * <vnn-conv-params>: the 2-D / 3-D / (2+1)-D parameter calculator as a custom
 * element. Its attributes are its state (cin, cout, kt, kh, kw, frames, height,
 * width); bad attributes fall back to defaults with a visible note. Fires
 * `vnn-change` (detail.query) on every edit.
 */
import '../shared/widget.css';
import './convParams.css';
import { SETTINGS, parseState, toQuery, type ConvParamsState } from './state';
import { ConvParamsView } from './view';

const ATTRIBUTES = SETTINGS.map((s) => s.key);

export class ConvParamsElement extends HTMLElement {
  static readonly observedAttributes = ATTRIBUTES;
  private view: ConvParamsView | undefined;
  private reflecting = false;

  connectedCallback(): void {
    if (this.view) return;
    const { state, notes } = parseState(this.attributePairs());
    this.view = new ConvParamsView(state, (next) => this.reflect(next));
    this.view.setNotes(notes);
    this.replaceChildren(this.view.root);
  }

  attributeChangedCallback(): void {
    if (!this.view || this.reflecting) return;
    const { state, notes } = parseState(this.attributePairs());
    this.view.setState(state);
    this.view.setNotes(notes);
  }

  /** Sets state from outside (an embed page's URL), with the notes to show. */
  setState(state: ConvParamsState, notes: readonly string[] = []): void {
    this.connectedCallback();
    this.reflect(state);
    this.view!.setState(state);
    this.view!.setNotes(notes);
  }

  private attributePairs(): [string, string][] {
    return ATTRIBUTES.filter((a) => this.hasAttribute(a)).map((a) => [a, this.getAttribute(a) ?? '']);
  }

  private reflect(state: ConvParamsState): void {
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

if (!customElements.get('vnn-conv-params')) customElements.define('vnn-conv-params', ConvParamsElement);

declare global {
  interface HTMLElementTagNameMap {
    'vnn-conv-params': ConvParamsElement;
  }
}
