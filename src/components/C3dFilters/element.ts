/**
 * <vnn-c3d-filters>: the first-layer 3-D filters of the trained C3D-tiny played
 * as short clips. Attributes filter, frame and norm are its state. TensorFlow.js
 * and the weights (checked against their SHA-256 by the library's loader) load
 * only when the widget comes near the viewport; a progress bar shows meanwhile, a
 * failure is shown in an alert with a Try again button. The clips play on their
 * own only when the reader has not asked for reduced motion.
 * `data-state` (idle | loading | ready | error) mirrors what is on screen.
 */
import '../shared/widget.css';
import './c3dFilters.css';
import { whenVisible } from '../shared/lazy';
import { MODEL_ID, SETTINGS, WEIGHT_NAME, checkBank, parseState, toQuery, type C3dFiltersState, type FilterBank } from './state';
import { C3dFiltersView } from './view';

const ATTRIBUTES = SETTINGS.map((s) => s.key);
const WEIGHTS_BASE = `${import.meta.env.BASE_URL.replace(/\/?$/, '/')}weights/`;
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export class C3dFiltersElement extends HTMLElement {
  static readonly observedAttributes = ATTRIBUTES;
  private view: C3dFiltersView | undefined;
  private reflecting = false;
  private loading = false;

  connectedCallback(): void {
    if (this.view) return;
    const { state, notes } = parseState(this.attributePairs());
    this.view = new C3dFiltersView(state, (next) => this.reflect(next));
    this.view.setNotes(notes);
    this.view.retryButton.addEventListener('click', () => void this.load());
    this.dataset.state = 'idle';
    this.replaceChildren(this.view.root);
    whenVisible(this, () => void this.load());
  }

  disconnectedCallback(): void {
    if (this.view?.playing) this.view.pause();
  }

  attributeChangedCallback(): void {
    if (!this.view || this.reflecting) return;
    const { state, notes } = parseState(this.attributePairs());
    this.view.setState(state);
    this.view.setNotes(notes);
  }

  setState(state: C3dFiltersState, notes: readonly string[] = []): void {
    this.connectedCallback();
    this.reflect(state);
    this.view!.setState(state);
    this.view!.setNotes(notes);
  }

  private async load(): Promise<void> {
    const view = this.view!;
    if (this.loading) return;
    this.loading = true;
    this.dataset.state = 'loading';
    let stage = 'Loading TensorFlow.js';
    try {
      view.setProgress('Loading TensorFlow.js…');
      // Dynamic imports: no tfjs on the page until the figure is about to be seen.
      const [{ getRuntime }, { loadModel }, { specVariables }] = await Promise.all([
        import('../shared/tfRuntime'),
        import('../../lib/video-nn/models/loadModel'),
        import('../../lib/video-nn/models/params'),
      ]);
      await getRuntime();
      stage = `Loading ${MODEL_ID}`;
      view.setProgress('Loading and checking the trained weights…');
      const loaded = await loadModel(MODEL_ID, { baseUrl: WEIGHTS_BASE });
      let trained: FilterBank;
      try {
        const weight = loaded.model.variable(WEIGHT_NAME);
        trained = { shape: weight.shape as FilterBank['shape'], data: Float32Array.from(await weight.data()) };
      } finally {
        // Only the first layer's weights are needed; the model itself can go.
        loaded.model.dispose();
      }
      checkBank(trained);
      const { manifest } = loaded;
      // The weights training started from: the library's seeded initialisation with the recorded seed.
      const start = specVariables(loaded.entry.spec().layers, manifest.training.seed).find((v) => v.name === WEIGHT_NAME);
      if (!start) throw new Error(`${MODEL_ID} has no ${WEIGHT_NAME}`);
      const initial: FilterBank = { shape: trained.shape, data: start.values() };
      checkBank(initial);
      const notes: string[] = [];
      view.showBanks(
        { trained, initial },
        { dataset: `${manifest.dataset.classes.length}-way motion direction (${manifest.dataset.classes.join(', ')})`, accuracy: manifest.test.accuracy, testClips: manifest.test.count },
        notes,
      );
      this.dataset.state = 'ready';
      if (!matchMedia('(prefers-reduced-motion: reduce)').matches) view.play();
    } catch (error) {
      view.showError(`${stage} failed: ${message(error)}`);
      this.dataset.state = 'error';
    } finally {
      this.loading = false;
    }
  }

  private attributePairs(): [string, string][] {
    return ATTRIBUTES.filter((a) => this.hasAttribute(a)).map((a) => [a, this.getAttribute(a) ?? '']);
  }

  private reflect(state: C3dFiltersState): void {
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

if (!customElements.get('vnn-c3d-filters')) customElements.define('vnn-c3d-filters', C3dFiltersElement);

declare global {
  interface HTMLElementTagNameMap {
    'vnn-c3d-filters': C3dFiltersElement;
  }
}
