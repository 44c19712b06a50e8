/**
 * <vnn-tensor-explorer>: a generated clip as a 4-D tensor, sliced along T, H
 * or W, with its memory offsets in both layouts. Attributes are its state
 * (data, class, seed, slice, t, y, x, c); bad ones fall back with a visible
 * note. It fires `vnn-change` (detail.query) on every change. No tfjs: the
 * clip comes from the library's generators, the offsets from tensorLayout.
 */
import '../shared/widget.css';
import './tensorExplorer.css';
import type { LabelledClip } from '../../lib/video-nn/data';
import type { ClipLayout } from '../../lib/video-nn/analysis/tensorLayout';
import { nextSeed, readSeed } from '../ModelRunner/state';
import { KEYS, clipOf, explore, parseState, storeBoth, toQuery, type TensorExplorerState } from './state';
import { TensorExplorerView } from './view';

export class TensorExplorerElement extends HTMLElement {
  static readonly observedAttributes = KEYS;
  private view: TensorExplorerView | undefined;
  private state: TensorExplorerState | undefined;
  private reflecting = false;
  /** The clip of the current (data, class, seed), in both layouts: regenerated only when those change. */
  private cached: { key: string; clip: LabelledClip; stored: Record<ClipLayout, Float32Array> } | undefined;

  connectedCallback(): void {
    if (this.view) return;
    const { state, notes } = parseState(this.attributePairs());
    this.view = new TensorExplorerView(state, {
      change: (next) => this.commit(next),
      seedTyped: (raw) => {
        const { seed, note } = readSeed(raw, this.state!.seed);
        this.view!.setNotes(note ? [note] : []);
        this.commit({ ...this.state!, seed });
      },
      newClip: () => this.commit({ ...this.state!, seed: nextSeed(this.state!.seed) }),
    });
    this.view.setNotes(notes);
    this.replaceChildren(this.view.root);
    this.show(state);
  }

  attributeChangedCallback(): void {
    if (!this.view || this.reflecting) return;
    const { state, notes } = parseState(this.attributePairs());
    this.show(state);
    this.view.setNotes(notes);
  }

  /** Sets state from outside (an embed page's URL), with the notes to show. */
  setState(state: TensorExplorerState, notes: readonly string[] = []): void {
    this.connectedCallback();
    this.commit(state);
    this.view!.setNotes(notes);
  }

  get query(): string {
    return toQuery(this.state!);
  }

  private attributePairs(): [string, string][] {
    return KEYS.filter((a) => this.hasAttribute(a)).map((a) => [a, this.getAttribute(a) ?? '']);
  }

  private show(state: TensorExplorerState): void {
    this.state = state;
    const key = `${state.data}|${state.class}|${state.seed}`;
    if (this.cached?.key !== key) {
      const clip = clipOf(state);
      this.cached = { key, clip, stored: storeBoth(clip) };
    }
    this.view!.update(state, this.cached.clip.data, explore(state, this.cached.stored));
  }

  /** Shows the state, mirrors it into attributes (non-defaults only) and tells listeners. */
  private commit(state: TensorExplorerState): void {
    this.show(state);
    this.reflecting = true;
    try {
      for (const name of KEYS) this.removeAttribute(name);
      const query = toQuery(state);
      for (const [key, value] of new URLSearchParams(query)) this.setAttribute(key, value);
      this.dispatchEvent(new CustomEvent('vnn-change', { bubbles: true, detail: { query } }));
    } finally {
      this.reflecting = false;
    }
  }
}

if (!customElements.get('vnn-tensor-explorer')) customElements.define('vnn-tensor-explorer', TensorExplorerElement);

declare global {
  interface HTMLElementTagNameMap {
    'vnn-tensor-explorer': TensorExplorerElement;
  }
}
