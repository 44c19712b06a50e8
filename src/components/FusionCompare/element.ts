/**
 * <vnn-fusion fusion="late" net="example" seed="1" clips="64">: chapter 2's
 * fusion strategies compared. The diagram and the receptive-field table are
 * computed from specs at once (no tfjs). When the figure comes near the
 * viewport it loads TensorFlow.js and the four trained fusion models, then
 * measures each on a freshly generated batch of motion-direction clips with
 * the library's evaluation. Attributes are the state; bad ones fall back with
 * a note; `vnn-change` carries the state as a query. `data-state` (idle |
 * loading | busy | done | error) mirrors what is on screen.
 */
import '../shared/widget.css';
import './fusionCompare.css';
import { whenVisible } from '../shared/lazy';
import type { ShippedModels } from '../shared/loadShipped';
import { nextSeed, readSeed } from '../ModelRunner/state';
import { FUSION_KINDS, KIND_LABEL, TRAINED_MODEL } from './fusionAnalysis';
import { KEYS, parseState, toQuery, type FusionState, type MeasuredAccuracy } from './state';
import { FusionView } from './view';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const reducedMotion = () => typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

export class FusionElement extends HTMLElement {
  static readonly observedAttributes = KEYS;
  private view: FusionView | undefined;
  private state: FusionState | undefined;
  private loaded: ShippedModels | undefined;
  private loading: Promise<ShippedModels> | undefined;
  private busy = false;
  private reflecting = false;

  connectedCallback(): void {
    if (this.view) return;
    const { state, notes } = parseState(this.attributePairs());
    this.state = state;
    this.view = new FusionView(state, {
      select: (next) => this.commit({ ...this.state!, ...next }, true),
      measure: (raw, clips) => void this.measure(this.takeSeed(raw), clips),
      nextBatch: (raw, clips) => void this.measure(nextSeed(this.takeSeed(raw)), clips),
      retry: () => void this.measure(this.state!.seed, this.state!.clips),
    }, reducedMotion);
    this.view.setNotes(notes);
    this.dataset.state = 'idle';
    this.replaceChildren(this.view.root);
    whenVisible(this, () => void this.measure(this.state!.seed, this.state!.clips));
  }

  disconnectedCallback(): void {
    for (const m of this.loaded?.models.values() ?? []) m.model.dispose();
    this.loaded = undefined;
    this.loading = undefined;
  }

  attributeChangedCallback(): void {
    if (!this.view || this.reflecting) return;
    const { state, notes } = parseState(this.attributePairs());
    this.state = state;
    this.view.setState(state, false);
    this.view.setNotes(notes);
  }

  /** Sets state from outside (an embed page's URL), with the notes to show. */
  setState(state: FusionState, notes: readonly string[] = []): void {
    this.connectedCallback();
    this.commit(state, false);
    this.view!.setNotes(notes);
  }

  get query(): string {
    return toQuery(this.state!);
  }

  private attributePairs(): [string, string][] {
    return KEYS.filter((a) => this.hasAttribute(a)).map((a) => [a, this.getAttribute(a) ?? '']);
  }

  private commit(state: FusionState, animate: boolean): void {
    this.state = state;
    this.view!.setState(state, animate);
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

  /** The seed typed in the form, or the current one with a note when it is not a valid seed. */
  private takeSeed(raw: string): number {
    const { seed, note } = readSeed(raw, this.state!.seed);
    this.view!.setNotes(note ? [note] : []);
    return seed;
  }

  private async load(): Promise<ShippedModels> {
    if (this.loaded) return this.loaded;
    const view = this.view!;
    this.dataset.state = 'loading';
    this.loading ??= import('../shared/loadShipped').then(({ loadShipped }) =>
      loadShipped(
        FUSION_KINDS.map((k) => TRAINED_MODEL[k]),
        (step) => view.setBusy(step.message, step.done, step.total),
        Object.fromEntries(FUSION_KINDS.map((k) => [TRAINED_MODEL[k], KIND_LABEL[k].toLowerCase()])),
      ),
    );
    try {
      this.loaded = await this.loading;
      return this.loaded;
    } finally {
      this.loading = undefined;
    }
  }

  /** Evaluates the four trained models on clips 0 … clips−1 of the test split generated from `seed`. */
  private async measure(seed: number, clips: number): Promise<void> {
    const view = this.view!;
    if (this.busy) return;
    this.busy = true;
    const next = { ...this.state!, seed, clips: clips as FusionState['clips'] };
    this.commit(next, false);
    let loadedOnce = Boolean(this.loaded);
    try {
      const { models } = await this.load();
      loadedOnce = true;
      this.dataset.state = 'busy';
      const [{ predictSplitAsync }, { accuracy }] = await Promise.all([
        import('../../lib/video-nn/training/predictAsync'),
        import('../../lib/video-nn/training/evaluate'),
      ]);
      const results: MeasuredAccuracy[] = [];
      for (const [i, kind] of FUSION_KINDS.entries()) {
        const what = `Generating ${clips} clips from seed ${seed} and running the ${KIND_LABEL[kind].toLowerCase()} model (${i + 1} of 4)…`;
        view.setBusy(what, i, 4);
        const loaded = models.get(TRAINED_MODEL[kind])!;
        // The test split of the dataset drawn from this seed: clips no model trained on.
        const { labels, predictions } = await predictSplitAsync(loaded.model, loaded.entry.dataset(seed), {
          split: 'test',
          count: clips,
          onProgress: (done, total) => view.setBusy(what, i + done / total, 4),
        });
        results.push({
          kind,
          correct: Math.round(accuracy(labels, predictions) * clips),
          count: clips,
          heldOut: loaded.manifest.test.accuracy,
          heldOutCount: loaded.manifest.test.count,
        });
      }
      const classes = models.get(TRAINED_MODEL.single)!.manifest.dataset.classes.length;
      view.showAccuracy(seed, results, 1 / classes);
      view.setIdle(`Measured on ${clips} new clips from seed ${seed} (${this.loaded!.runtime.backend}). Change the seed or press New batch for others.`);
      this.dataset.measuredSeed = String(seed);
      this.dataset.state = 'done';
    } catch (error) {
      view.showError(message(error), !loadedOnce);
      this.dataset.state = 'error';
    } finally {
      this.busy = false;
    }
  }
}

if (!customElements.get('vnn-fusion')) customElements.define('vnn-fusion', FusionElement);

declare global {
  interface HTMLElementTagNameMap {
    'vnn-fusion': FusionElement;
  }
}
