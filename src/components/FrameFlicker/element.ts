/**
 * <vnn-frame-flicker action="jumping jack" seed="1" frame="9">: the trained
 * single-frame pose model run on every frame of a stick-figure clip on its
 * own, its per-frame probabilities plotted over time, then the clip as a
 * whole: the mean of those probabilities and the model's own clip output.
 * The clip draws at once; TensorFlow.js and the weights load when the figure
 * comes near the viewport, with progress, and a failure is shown with a Try
 * again button. Attributes are the state; `vnn-change` carries it as a query.
 * `data-state` (idle | loading | busy | done | error) mirrors the screen.
 */
import '../shared/widget.css';
import './frameFlicker.css';
import { whenVisible } from '../shared/lazy';
import type { LoadedModel } from '../../lib/video-nn/models/loadModel';
import type { Runtime } from '../../lib/video-nn/runtime/backend';
import { BACKEND_LABELS } from '../../lib/video-nn/runtime/backend';
import { MODEL_LABELS, SINGLE_FRAME_MODEL, perFrameProbabilities, softmaxRows } from '../shared/poseScores';
import { nextSeed, readSeed } from '../ModelRunner/state';
import type { KeypointClip } from '../../lib/video-nn/data';
import { KEYS, clipOf, parseState, pooledFrames, toQuery, type FlickerResult, type FlickerState } from './state';
import { FrameFlickerView } from './view';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export class FrameFlickerElement extends HTMLElement {
  static readonly observedAttributes = KEYS;
  private view: FrameFlickerView | undefined;
  private state: FlickerState | undefined;
  private clip: { key: string; clip: KeypointClip } | undefined;
  private loaded: { runtime: Runtime; model: LoadedModel } | undefined;
  private loading: Promise<{ runtime: Runtime; model: LoadedModel }> | undefined;
  private visible = false;
  private generation = 0;
  private reflecting = false;

  connectedCallback(): void {
    if (this.view) return;
    const { state, notes } = parseState(this.attributePairs());
    this.view = new FrameFlickerView(state, {
      change: (next) => this.commit(next),
      seedTyped: (raw) => {
        const { seed, note } = readSeed(raw, this.state!.seed);
        this.view!.setNotes(note ? [note] : []);
        this.commit({ ...this.state!, seed });
      },
      newClip: () => this.commit({ ...this.state!, seed: nextSeed(this.state!.seed) }),
      retry: () => void this.score(),
    });
    this.view.setNotes(notes);
    this.dataset.state = 'idle';
    this.replaceChildren(this.view.root);
    this.show(state);
    whenVisible(this, () => {
      this.visible = true;
      void this.score();
    });
  }

  disconnectedCallback(): void {
    this.loaded?.model.model.dispose();
    this.loaded = undefined;
    this.loading = undefined;
  }

  attributeChangedCallback(): void {
    if (!this.view || this.reflecting) return;
    const { state, notes } = parseState(this.attributePairs());
    this.show(state);
    this.view.setNotes(notes);
  }

  setState(state: FlickerState, notes: readonly string[] = []): void {
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

  private show(state: FlickerState): void {
    const key = `${state.action}|${state.seed}`;
    const changed = this.clip?.key !== key;
    this.state = state;
    if (changed) {
      this.clip = { key, clip: clipOf(state) };
      this.generation++;
      this.view!.showResult(undefined);
    }
    this.view!.update(state, this.clip!.clip);
    if (changed && this.visible) void this.score();
  }

  private commit(state: FlickerState): void {
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

  private async load(): Promise<{ runtime: Runtime; model: LoadedModel }> {
    if (this.loaded) return this.loaded;
    const view = this.view!;
    this.dataset.state = 'loading';
    this.loading ??= import('../shared/loadShipped').then(async ({ loadShipped }) => {
      const { runtime, models } = await loadShipped([SINGLE_FRAME_MODEL], (step) => view.status.step(step), MODEL_LABELS);
      return { runtime, model: models.get(SINGLE_FRAME_MODEL)! };
    });
    try {
      this.loaded = await this.loading;
      return this.loaded;
    } finally {
      this.loading = undefined;
    }
  }

  /** Runs the single-frame model on each frame alone and on the whole clip. */
  private async score(): Promise<void> {
    const generation = this.generation;
    const { clip } = this.clip!;
    const view = this.view!;
    try {
      const { runtime, model } = await this.load();
      if (generation !== this.generation) return;
      this.dataset.state = 'busy';
      view.status.busy(`Running the single-frame model on each of the ${clip.shape[0]} frames…`);
      const [perFrame, [whole]] = await Promise.all([
        perFrameProbabilities(runtime.tf, model.model, clip.data),
        softmaxRows(runtime.tf, model.model, clip.data, 1),
      ]);
      if (generation !== this.generation) return;
      const pooled = pooledFrames(model.model.analysis);
      const result: FlickerResult = { perFrame, clip: whole!, ...(pooled ? { pooled } : {}) };
      view.showResult(result);
      view.status.ready(`The model ran in your browser on ${BACKEND_LABELS[runtime.backend]}${runtime.backend === 'webgl' ? '' : ' (WebGL was not available)'}.`);
      this.dataset.scored = this.clip!.key;
      this.dataset.state = 'done';
    } catch (error) {
      if (generation !== this.generation) return;
      view.status.failed(message(error));
      this.dataset.state = 'error';
    }
  }
}

if (!customElements.get('vnn-frame-flicker')) customElements.define('vnn-frame-flicker', FrameFlickerElement);

declare global {
  interface HTMLElementTagNameMap {
    'vnn-frame-flicker': FrameFlickerElement;
  }
}
