/**
 * <vnn-x3d-explorer>: the X3D expansion explorer as a custom element. Its
 * attributes are its state (frames, stride, crop, width, bottleneck, depth, or
 * a size); bad attributes fall back to defaults with a visible note. It fires
 * `vnn-change` (detail.query) on every edit.
 */
import '../shared/widget.css';
import './x3dExplorer.css';
import { SETTINGS, parseState, toQuery, type X3dExplorerState } from './state';
import { X3dExplorerView } from './view';

const ATTRIBUTES = ['size', ...SETTINGS.map((s) => s.key)];

export class X3dExplorerElement extends HTMLElement {
  static readonly observedAttributes = ATTRIBUTES;
  private view: X3dExplorerView | undefined;
  private reflecting = false;

  connectedCallback(): void {
    if (this.view) return;
    const { state, notes } = parseState(this.attributePairs());
    this.view = new X3dExplorerView(state, (next) => this.reflect(next));
    this.view.setNotes(notes);
    // Replaces the build-time fallback text with the live widget.
    this.replaceChildren(this.view.root);
  }

  attributeChangedCallback(): void {
    if (!this.view || this.reflecting) return;
    const { state, notes } = parseState(this.attributePairs());
    this.view.setState(state);
    this.view.setNotes(notes);
  }

  /** Sets state from outside (an embed page's URL), with the notes to show. */
  setState(state: X3dExplorerState, notes: readonly string[] = []): void {
    this.connectedCallback();
    this.reflect(state);
    this.view!.setState(state);
    this.view!.setNotes(notes);
  }

  get query(): string {
    return toQuery(parseState(this.attributePairs()).state);
  }

  private attributePairs(): [string, string][] {
    return ATTRIBUTES.filter((a) => this.hasAttribute(a)).map((a) => [a, this.getAttribute(a) ?? '']);
  }

  /** Mirrors the state into attributes (only non-defaults) and tells listeners. */
  private reflect(state: X3dExplorerState): void {
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

if (!customElements.get('vnn-x3d-explorer')) customElements.define('vnn-x3d-explorer', X3dExplorerElement);

declare global {
  interface HTMLElementTagNameMap {
    'vnn-x3d-explorer': X3dExplorerElement;
  }
}
