/**
 * <vnn-two-stream pair="motion4" motion="up" seed="1" w="0.5">: chapter 3's
 * fusion-weight figure. When it comes near the viewport it loads TensorFlow.js
 * and the two shipped streams of a two-stream network (checksums verified),
 * computes the clip's optical flow, runs both streams, and fuses their softmax
 * outputs as the reader moves w — the library's fuseProbabilities, no model
 * run needed. The temporal stream's manifest supplies the recorded test sweep.
 * Attributes are the state; `pairs` (set by TwoStream.astro) lists the
 * networks this build ships. `data-state` (idle | loading | busy | done |
 * error) mirrors what is on screen; `outputs` holds the numbers shown.
 */
import '../shared/widget.css';
import './twoStream.css';
import { whenVisible } from '../shared/lazy';
import type { ShippedModels } from '../shared/loadShipped';
import { nextSeed, readSeed } from '../ModelRunner/state';
import { colourScale, flowOfStack, stackMagnitudes } from '../FlowStack/state';
import {
  KEYS, PAIR_IDS, classIndex, describeOutputs, pairById, parseState, snapWeight, toQuery, withPair,
  type FusionRecord, type PairId, type TwoStreamState,
} from './state';
import { TwoStreamView } from './view';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

type RunModule = typeof import('./run');

interface Outputs {
  key: string;
  classes: readonly string[];
  label: number;
  spatial: Float32Array;
  temporal: Float32Array;
  /** H×W×2L flow stack the temporal stream saw. */
  flowStack: Float32Array;
  fused?: Float32Array;
  w?: number;
}

const clipKey = (s: TwoStreamState) => `${s.pair}:${s.motion}:${s.seed}`;

export class TwoStreamElement extends HTMLElement {
  static readonly observedAttributes = KEYS;
  private view: TwoStreamView | undefined;
  private state: TwoStreamState | undefined;
  private available: PairId[] = PAIR_IDS;
  private readonly loaded = new Map<PairId, ShippedModels>();
  private lib: RunModule | undefined;
  private started = false;
  private busy = false;
  private pending = false;
  private reflecting = false;
  /** The numbers on screen (for tests and the curious). */
  outputs: Outputs | undefined;

  connectedCallback(): void {
    if (this.view) return;
    const listed = (this.getAttribute('pairs') ?? '').split(/[\s,]+/).filter((p): p is PairId => (PAIR_IDS as string[]).includes(p));
    this.available = listed.length ? listed : PAIR_IDS;
    const { state, notes } = parseState(this.attributePairs(), [], this.available);
    this.state = state;
    this.view = new TwoStreamView(state, this.available, {
      clip: (change) => this.changeClip(change),
      weight: (w) => this.changeWeight(w),
      retry: () => void this.run(),
    });
    this.view.setNotes(notes);
    this.dataset.state = 'idle';
    this.replaceChildren(this.view.root);
    whenVisible(this, () => {
      this.started = true;
      void this.run();
    });
  }

  disconnectedCallback(): void {
    for (const shipped of this.loaded.values()) for (const m of shipped.models.values()) m.model.dispose();
    this.loaded.clear();
  }

  attributeChangedCallback(): void {
    if (!this.view || this.reflecting) return;
    const { state, notes } = parseState(this.attributePairs(), [], this.available);
    this.view.setNotes(notes);
    this.commit(state, false);
  }

  /** Sets state from outside (an embed page's URL), with the notes to show. */
  setState(state: TwoStreamState, notes: readonly string[] = []): void {
    this.connectedCallback();
    this.view!.setNotes(notes);
    this.commit(state);
  }

  /** The networks this page ships (from the `pairs` attribute). */
  get networks(): readonly PairId[] {
    this.connectedCallback();
    return this.available;
  }

  get query(): string {
    return toQuery(this.state!, this.available);
  }

  private attributePairs(): [string, string][] {
    return KEYS.filter((a) => this.hasAttribute(a)).map((a) => [a, this.getAttribute(a) ?? '']);
  }

  private changeClip(change: { pair?: PairId; motion?: string; rawSeed?: string; nextSeed?: boolean }): void {
    let state = this.state!;
    if (change.pair) state = withPair(state, change.pair);
    if (change.motion) state = { ...state, motion: change.motion };
    if (change.rawSeed !== undefined) {
      const { seed, note } = readSeed(change.rawSeed, state.seed);
      // Enter fires both change and submit: the second sees the restored seed and must not clear the note.
      if (note) this.view!.setNotes([note]);
      else if (seed !== state.seed || change.nextSeed) this.view!.setNotes([]);
      state = { ...state, seed: change.nextSeed ? nextSeed(seed) : seed };
    }
    this.commit(state);
  }

  private changeWeight(w: number): void {
    this.commit({ ...this.state!, w: snapWeight(w) });
  }

  private commit(state: TwoStreamState, reflect = true): void {
    this.state = state;
    if (reflect) this.reflect(state);
    this.view!.setState(state);
    if (!this.started) return;
    if (this.outputs?.key === clipKey(state)) this.showFused();
    else void this.run();
  }

  private reflect(state: TwoStreamState): void {
    this.reflecting = true;
    try {
      for (const name of KEYS) this.removeAttribute(name);
      const query = toQuery(state, this.available);
      for (const [key, value] of new URLSearchParams(query)) this.setAttribute(key, value);
      this.dispatchEvent(new CustomEvent('vnn-change', { bubbles: true, detail: { query } }));
    } finally {
      this.reflecting = false;
    }
  }

  /** TensorFlow.js and the pair's two streams, loaded once per network. */
  private async prepare(pair: PairId): Promise<{ shipped: ShippedModels; lib: RunModule }> {
    const have = this.loaded.get(pair);
    if (have && this.lib) return { shipped: have, lib: this.lib };
    this.dataset.state = 'loading';
    const p = pairById(pair);
    const [{ loadShipped }, lib] = await Promise.all([import('../shared/loadShipped'), import('./run')]);
    this.lib = lib;
    const shipped = await loadShipped([p.spatial, p.temporal], (s) => this.view!.setBusy(s.message, s.done, s.total + 1), {
      [p.spatial]: 'the spatial stream',
      [p.temporal]: 'the temporal stream',
    });
    this.loaded.set(pair, shipped);
    return { shipped, lib };
  }

  private async run(): Promise<void> {
    if (this.busy) {
      this.pending = true;
      return;
    }
    this.busy = true;
    const view = this.view!;
    const state = this.state!;
    const p = pairById(state.pair);
    try {
      const { shipped, lib } = await this.prepare(state.pair);
      this.dataset.state = 'busy';
      const spatial = shipped.models.get(p.spatial)!;
      const temporal = shipped.models.get(p.temporal)!;
      const classes = temporal.manifest.dataset.classes;
      const record = temporal.manifest.twoStream;
      const fusion: FusionRecord | undefined = record && { ...record.test, weightSpatial: record.weightSpatial };
      view.showRecord(fusion, 1 / classes.length, state.w);
      const input = temporal.entry.input;
      const flows = input?.kind === 'flow' ? input.flows : 0;
      view.setBusy(`Computing the clip's ${flows} flow fields and running both streams on ${shipped.runtime.backend}…`, 3, 4);
      const label = classIndex(state);
      const r = await lib.runStreams(shipped.runtime, spatial, temporal, state.seed, label);
      const [, h, w] = r.clip.shape;
      const fields = Array.from({ length: flows }, (_, k) => flowOfStack(r.flowStack, h, w, k));
      view.showInputs({ clip: r.clip, middle: r.middle, flows: fields, radius: colourScale(stackMagnitudes(r.flowStack)), seed: state.seed, className: r.clip.className });
      view.showOutputs(classes, label, r.spatial, r.temporal);
      this.outputs = { key: clipKey(state), classes, label, spatial: r.spatial, temporal: r.temporal, flowStack: r.flowStack };
      view.setIdle(`Both streams ran on ${shipped.runtime.backend}. Move w to fuse them differently, or pick another clip.`);
    } catch (error) {
      this.outputs = undefined;
      view.showError(message(error));
      this.dataset.state = 'error';
    } finally {
      this.busy = false;
    }
    const asked = this.pending;
    this.pending = false;
    if (this.outputs?.key === clipKey(this.state!)) this.showFused();
    else if (asked) void this.run();
  }

  /** The fused bars for the current w: pure arithmetic on the two softmax outputs on screen. */
  private showFused(): void {
    const o = this.outputs;
    if (!o || this.busy || !this.lib) return;
    const state = this.state!;
    const fused = this.lib.fuseProbabilities(o.spatial, o.temporal, state.w);
    o.fused = fused;
    o.w = state.w;
    const network = pairById(state.pair).label;
    this.view!.showFused(o.classes, o.label, fused, state.w, describeOutputs({ classes: o.classes, label: o.label, seed: state.seed, network, spatial: o.spatial, temporal: o.temporal, fused, w: state.w }));
    this.dataset.w = String(state.w);
    this.dataset.clip = o.key;
    this.dataset.state = 'done';
  }
}

if (!customElements.get('vnn-two-stream')) customElements.define('vnn-two-stream', TwoStreamElement);

declare global {
  interface HTMLElementTagNameMap {
    'vnn-two-stream': TwoStreamElement;
  }
}
