/**
 * <vnn-kernel3d>: a 3-D kernel sliding over a generated clip. Attributes are its
 * state (seed, dir, kernel, kt, kh, kw, stride, pad, t, y, x); bad ones fall back
 * to defaults with a visible note. The controls and flat drawings work at once;
 * Three.js (the 3-D view) and TensorFlow.js (the output values, from the
 * library's conv3d) load only when the widget comes near the viewport. Without
 * WebGL the 3-D view is replaced by a message and the flat drawings carry on.
 * `data-state` (idle | loading | ready | error) mirrors what is on screen.
 */
import '../shared/widget.css';
import './kernel3d.css';
import { whenVisible } from '../shared/lazy';
import { BACKEND_LABELS, webglAvailable } from '../../lib/video-nn/runtime/backend';
import { SETTINGS, clipFor, outputsKey, parseState, toQuery, type Kernel3dState, type Outputs } from './state';
import { Kernel3dView } from './view';
import { valueScale } from './flat';
import type { KernelScene } from './threeView';

const ATTRIBUTES = SETTINGS.map((s) => s.key);
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const NO_WEBGL =
  'This browser cannot draw the 3-D view: WebGL is not available. The frames, output maps and numbers below show the same kernel, position and values.';

export class Kernel3dElement extends HTMLElement {
  static readonly observedAttributes = ATTRIBUTES;
  private view: Kernel3dView | undefined;
  private scene: KernelScene | undefined;
  private clip: { key: string; data: Float32Array } | undefined;
  private convolve: typeof import('./convolve') | undefined;
  private readonly cache = new Map<string, Outputs>();
  private reflecting = false;
  private started = false;
  private themeObserver: MutationObserver | undefined;

  connectedCallback(): void {
    if (this.view) {
      // Moved within the page: the 3-D view was let go on disconnect; bring it back.
      if (this.started && !this.scene) this.startScene();
      this.watchTheme();
      return;
    }
    const { state, notes } = parseState(this.attributePairs());
    this.view = new Kernel3dView(state, this.clipData(state), (next) => this.changed(next), () => this.redraw());
    this.view.setNotes(notes);
    this.dataset.state = 'idle';
    this.replaceChildren(this.view.root);
    this.view.refresh();
    this.watchTheme();
    whenVisible(this, () => void this.start());
  }

  disconnectedCallback(): void {
    this.view?.stop();
    this.themeObserver?.disconnect();
    this.scene?.dispose();
    this.scene = undefined;
  }

  attributeChangedCallback(): void {
    if (!this.view || this.reflecting) return;
    const { state, notes } = parseState(this.attributePairs());
    this.view.setState(state, this.clipData(state));
    this.view.setNotes(notes);
    void this.ensureOutputs();
  }

  /** Sets state from outside (an embed page's URL), with the notes to show. */
  setState(state: Kernel3dState, notes: readonly string[] = []): void {
    this.connectedCallback();
    this.reflect(state);
    this.view!.setState(state, this.clipData(state));
    this.view!.setNotes(notes);
    void this.ensureOutputs();
  }

  private clipData(state: Kernel3dState): Float32Array {
    const key = `${state.seed}|${state.dir}`;
    if (this.clip?.key !== key) this.clip = { key, data: clipFor(state).data };
    return this.clip.data;
  }

  /** A change made with the widget's own controls; a new seed or direction means a new clip to draw. */
  private changed(state: Kernel3dState): void {
    this.reflect(state);
    const before = this.clip?.key;
    const clip = this.clipData(state);
    if (this.clip!.key !== before) this.view!.setState(state, clip);
    void this.ensureOutputs();
  }

  /** Canvas colours come from the theme: redraw when the reader switches it. */
  private watchTheme(): void {
    this.themeObserver ??= new MutationObserver(() => this.view?.refresh());
    this.themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  }

  /** Loads Three.js and draws the 3-D view, or explains why there is none. */
  private startScene(): void {
    const view = this.view!;
    if (!webglAvailable()) {
      view.sceneMessage.textContent = NO_WEBGL;
      this.dataset.webgl = 'missing';
      return;
    }
    import('./threeView')
      .then(({ KernelScene }) => {
        if (!this.isConnected || this.scene) return;
        this.scene = new KernelScene(view.sceneHost);
        this.scene.canvas.setAttribute('aria-hidden', 'true');
        this.redraw();
      })
      .catch((error: unknown) => {
        view.sceneMessage.textContent = `The 3-D view could not start (${message(error)}). The frames, output maps and numbers below show the same kernel, position and values.`;
      });
  }

  private async start(): Promise<void> {
    const view = this.view!;
    this.started = true;
    this.startScene();
    this.dataset.state = 'loading';
    view.setProgress('Loading TensorFlow.js to compute the outputs…');
    try {
      const [{ getRuntime }, convolve] = await Promise.all([import('../shared/tfRuntime'), import('./convolve')]);
      const runtime = await getRuntime();
      this.convolve = convolve;
      await this.ensureOutputs();
      view.setProgress(undefined);
      view.showStatus(`Output values computed by the book’s conv3d in TensorFlow.js, on ${BACKEND_LABELS[runtime.backend]}.`);
      this.dataset.state = 'ready';
    } catch (error) {
      view.showError(`Computing the outputs failed: ${message(error)}`);
      this.dataset.state = 'error';
    }
  }

  /** Computes (or takes from the cache) the outputs for the current state; ignores answers that arrive too late. */
  private async ensureOutputs(): Promise<void> {
    const view = this.view;
    if (!view || !this.convolve) return;
    const state = view.current;
    const key = outputsKey(state);
    if (view.currentOutputs()) return;
    let outputs = this.cache.get(key);
    if (!outputs) {
      outputs = await this.convolve.computeOutputs(state);
      this.cache.set(key, outputs);
    }
    if (outputsKey(view.current) === key) view.setOutputs(key, outputs);
  }

  private redraw(): void {
    const view = this.view;
    if (!view || !this.scene) return;
    const outputs = view.currentOutputs();
    const colours = view.colours();
    this.scene.update({
      state: view.current,
      clip: this.clipData(view.current),
      ...(outputs ? { output: { shape: outputs.shape3d, values: outputs.values3d, scale: Math.max(valueScale(outputs.values3d), valueScale(outputs.values2d)) } } : {}),
      colours: { accent: colours.accent, muted: colours.muted, negative: colours.negative, zero: colours.zero, positive: colours.positive },
      turn: view.turn,
    });
  }

  private attributePairs(): [string, string][] {
    return ATTRIBUTES.filter((a) => this.hasAttribute(a)).map((a) => [a, this.getAttribute(a) ?? '']);
  }

  private reflect(state: Kernel3dState): void {
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

if (!customElements.get('vnn-kernel3d')) customElements.define('vnn-kernel3d', Kernel3dElement);

declare global {
  interface HTMLElementTagNameMap {
    'vnn-kernel3d': Kernel3dElement;
  }
}
