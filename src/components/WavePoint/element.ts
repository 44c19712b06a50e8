/**
 * <vnn-wave-point seed="1" frame="9">: a waving and a pointing stick figure
 * that share their middle frame, with the trained single-frame pose model's
 * answer on the frame shown and the trained temporal model's answer on each
 * whole clip. The clips draw at once (no tfjs); TensorFlow.js and the two
 * models load when the figure comes near the viewport, with progress, and a
 * failure is shown with a Try again button. Attributes are the state;
 * `vnn-change` carries it as a query. `data-state` (idle | loading | busy |
 * done | error) mirrors what is on screen; `data-scored-seed` names the seed
 * the bars were computed for.
 */
import '../shared/widget.css';
import './wavePoint.css';
import { whenVisible } from '../shared/lazy';
import type { ShippedModels } from '../shared/loadShipped';
import { MODEL_LABELS, SINGLE_FRAME_MODEL, TEMPORAL_MODEL, perFrameProbabilities, softmaxRows } from '../shared/poseScores';
import { nextSeed, readSeed } from '../ModelRunner/state';
import { BACKEND_LABELS } from '../../lib/video-nn/runtime/backend';
import { KEYS, pairOf, parseState, toQuery, type Pair, type PairScores, type WavePointState } from './state';
import { WavePointView } from './view';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export class WavePointElement extends HTMLElement {
  static readonly observedAttributes = KEYS;
  private view: WavePointView | undefined;
  private state: WavePointState | undefined;
  private pair: { seed: number; clips: Pair } | undefined;
  private loaded: ShippedModels | undefined;
  private loading: Promise<ShippedModels> | undefined;
  private visible = false;
  /** Bumped on every seed change, so a slow answer for an old seed is dropped. */
  private generation = 0;
  private reflecting = false;

  connectedCallback(): void {
    if (this.view) return;
    const { state, notes } = parseState(this.attributePairs());
    this.view = new WavePointView(state, {
      frame: (frame) => this.commit({ ...this.state!, frame }),
      seedTyped: (raw) => {
        const { seed, note } = readSeed(raw, this.state!.seed);
        this.view!.setNotes(note ? [note] : []);
        this.commit({ ...this.state!, seed });
      },
      newPair: () => this.commit({ ...this.state!, seed: nextSeed(this.state!.seed) }),
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
    this.view?.pause();
    for (const m of this.loaded?.models.values() ?? []) m.model.dispose();
    this.loaded = undefined;
    this.loading = undefined;
  }

  attributeChangedCallback(): void {
    if (!this.view || this.reflecting) return;
    const { state, notes } = parseState(this.attributePairs());
    this.show(state);
    this.view.setNotes(notes);
  }

  setState(state: WavePointState, notes: readonly string[] = []): void {
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

  /** Draws the state; a new seed regenerates the pair and, once the models are in, scores it. */
  private show(state: WavePointState): void {
    const newSeed = this.pair?.seed !== state.seed;
    this.state = state;
    if (newSeed) {
      this.pair = { seed: state.seed, clips: pairOf(state.seed) };
      this.generation++;
      this.view!.clearScores();
    }
    this.view!.update(state, this.pair!.clips);
    if (newSeed && this.visible) void this.score();
  }

  private commit(state: WavePointState): void {
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

  private async load(): Promise<ShippedModels> {
    if (this.loaded) return this.loaded;
    const view = this.view!;
    this.dataset.state = 'loading';
    this.loading ??= import('../shared/loadShipped').then(({ loadShipped }) =>
      loadShipped([SINGLE_FRAME_MODEL, TEMPORAL_MODEL], (step) => view.status.step(step), MODEL_LABELS),
    );
    try {
      this.loaded = await this.loading;
      return this.loaded;
    } finally {
      this.loading = undefined;
    }
  }

  /** Runs both models on the current pair: the single-frame model on each frame alone, the temporal one on each clip. */
  private async score(): Promise<void> {
    const generation = this.generation;
    const { seed, clips } = this.pair!;
    const view = this.view!;
    try {
      const { runtime, models } = await this.load();
      if (generation !== this.generation) return;
      this.dataset.state = 'busy';
      view.status.busy(`Running both models on seed ${seed}…`);
      const single = models.get(SINGLE_FRAME_MODEL)!.model;
      const temporal = models.get(TEMPORAL_MODEL)!.model;
      const both = new Float32Array(clips.wave.data.length * 2);
      both.set(clips.wave.data);
      both.set(clips.point.data, clips.wave.data.length);
      const [singleWave, singlePoint, [temporalWave, temporalPoint]] = await Promise.all([
        perFrameProbabilities(runtime.tf, single, clips.wave.data),
        perFrameProbabilities(runtime.tf, single, clips.point.data),
        softmaxRows(runtime.tf, temporal, both, 2),
      ]);
      if (generation !== this.generation) return;
      const scores: PairScores = {
        single: { wave: singleWave, point: singlePoint },
        temporal: { wave: temporalWave!, point: temporalPoint! },
        backend: runtime.backend,
      };
      view.showScores(scores);
      view.status.ready(`Both models ran in your browser on ${BACKEND_LABELS[runtime.backend]}${runtime.backend === 'webgl' ? '' : ' (WebGL was not available)'}.`);
      this.dataset.scoredSeed = String(seed);
      this.dataset.state = 'done';
    } catch (error) {
      if (generation !== this.generation) return;
      view.status.failed(message(error));
      this.dataset.state = 'error';
    }
  }
}

if (!customElements.get('vnn-wave-point')) customElements.define('vnn-wave-point', WavePointElement);

declare global {
  interface HTMLElementTagNameMap {
    'vnn-wave-point': WavePointElement;
  }
}
