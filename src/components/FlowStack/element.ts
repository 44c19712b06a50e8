/**
 * <vnn-flow-stack data="motion4" motion="right" seed="1" flows="3">: chapter 3's
 * flow-stacking figure. When it comes near the viewport it loads TensorFlow.js
 * and computes, with the library, the optical flow between every pair of
 * consecutive frames of a generated clip, with the flow options the trained
 * temporal stream uses; the slider for L then picks the L pairs the library's
 * flowPairs stacks and shows their 2L channels. Attributes are the state;
 * `data-state` (idle | busy | done | error) mirrors what is on screen, and
 * `stackValues` holds the H×W×2L values shown (for tests and the curious).
 */
import '../shared/widget.css';
import './flowStack.css';
import { whenVisible } from '../shared/lazy';
import { nextSeed, readSeed } from '../ModelRunner/state';
import { summariseFlow } from '../../lib/video-nn/flow/summary';
import type { LabelledClip } from '../../lib/video-nn/data/dataset';
import { KEYS, MAX_FLOWS, colourScale, describe, flowOfStack, parseState, stackForFlows, stackMagnitudes, toQuery, withDataset, type FlowStackState } from './state';
import { FlowStackView } from './view';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

interface Computed {
  key: string;
  clip: LabelledClip;
  /** H×W×2(T−1): every consecutive pair's flow. */
  full: Float32Array;
  scale: number;
  radius: number;
}

const clipKey = (s: FlowStackState) => `${s.data}:${s.motion}:${s.seed}`;

export class FlowStackElement extends HTMLElement {
  static readonly observedAttributes = KEYS;
  private view: FlowStackView | undefined;
  private state: FlowStackState | undefined;
  private computed: Computed | undefined;
  private started = false;
  private busy = false;
  /** A clip asked for while another was being computed: computed next. */
  private pending = false;
  private reflecting = false;
  /** The stack on screen, H×W×2L. */
  stackValues: Float32Array | undefined;

  connectedCallback(): void {
    if (this.view) return;
    const { state, notes } = parseState(this.attributePairs());
    this.state = state;
    this.view = new FlowStackView(state, {
      clip: (change) => this.changeClip(change),
      flows: (flows) => this.commit({ ...this.state!, flows }, false),
      retry: () => void this.compute(),
    });
    this.view.setNotes(notes);
    this.dataset.state = 'idle';
    this.replaceChildren(this.view.root);
    whenVisible(this, () => {
      this.started = true;
      void this.compute();
    });
  }

  attributeChangedCallback(): void {
    if (!this.view || this.reflecting) return;
    const { state, notes } = parseState(this.attributePairs());
    this.view.setNotes(notes);
    this.commit(state, true, false);
  }

  /** Sets state from outside (an embed page's URL), with the notes to show. */
  setState(state: FlowStackState, notes: readonly string[] = []): void {
    this.connectedCallback();
    this.view!.setNotes(notes);
    this.commit(state, true);
  }

  get query(): string {
    return toQuery(this.state!);
  }

  private attributePairs(): [string, string][] {
    return KEYS.filter((a) => this.hasAttribute(a)).map((a) => [a, this.getAttribute(a) ?? '']);
  }

  private changeClip(change: { data?: FlowStackState['data']; motion?: string; rawSeed?: string; nextSeed?: boolean }): void {
    let state = this.state!;
    if (change.data) state = withDataset(state, change.data);
    if (change.motion) state = { ...state, motion: change.motion };
    if (change.rawSeed !== undefined) {
      const { seed, note } = readSeed(change.rawSeed, state.seed);
      // Enter fires both change and submit: the second sees the restored seed and must not clear the note.
      if (note) this.view!.setNotes([note]);
      else if (seed !== state.seed || change.nextSeed) this.view!.setNotes([]);
      state = { ...state, seed: change.nextSeed ? nextSeed(seed) : seed };
    }
    this.commit(state, true);
  }

  /** Takes a new state: redraws from the flows already computed, or computes the new clip's. */
  private commit(state: FlowStackState, syncControls: boolean, reflect = true): void {
    this.state = state;
    if (reflect) this.reflect(state);
    if (syncControls) this.view!.setState(state);
    if (!this.started) return;
    if (this.computed?.key === clipKey(state)) this.show();
    else void this.compute();
  }

  private reflect(state: FlowStackState): void {
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

  private async compute(): Promise<void> {
    if (this.busy) {
      this.pending = true;
      return;
    }
    this.busy = true;
    const view = this.view!;
    this.dataset.state = 'busy';
    const state = this.state!;
    let stage = 'Loading TensorFlow.js';
    try {
      view.setBusy('Loading TensorFlow.js…', 0, 3);
      const lib = await import('./compute');
      stage = 'Generating the clip';
      const clip = lib.makeClip(state);
      view.showClip(clip, state.seed, state.flows);
      const runtime = await lib.getRuntime();
      stage = 'Computing the optical flow';
      const options = lib.flowOptions(state);
      view.setBusy(`Computing ${MAX_FLOWS} flow fields with TV-L1 (${options.warps ?? 5} warps × ${options.iterations ?? 30} iterations) on ${runtime.backend}…`, 1, 3);
      const full = await lib.fullStack(clip, options);
      this.computed = { key: clipKey(state), clip, full, scale: colourScale(full), radius: colourScale(stackMagnitudes(full)) };
      view.setIdle(`Flow computed on ${runtime.backend}. Move the slider to stack more or fewer flow fields, or pick another clip.`);
    } catch (error) {
      view.showError(`${stage} failed: ${message(error)}`);
      this.dataset.state = 'error';
    } finally {
      this.busy = false;
    }
    // Whatever the reader chose meanwhile: draw it if its flows are the ones just computed, else compute them.
    const asked = this.pending;
    this.pending = false;
    if (this.computed?.key === clipKey(this.state!)) this.show();
    else if (asked) void this.compute();
  }

  /** Draws the stack for the current L from the computed flows. */
  private show(): void {
    const c = this.computed;
    if (!c || this.busy) return;
    const state = this.state!;
    const [, height, width] = c.clip.shape;
    const stack = stackForFlows(c.full, height * width, state.flows);
    const summaries = Array.from({ length: state.flows }, (_, k) => summariseFlow(flowOfStack(stack, height, width, k)));
    this.stackValues = stack;
    this.view!.showStack({ state, height, width, stack, summaries, scale: c.scale, radius: c.radius, description: describe(state, height, width, summaries) });
    this.dataset.flows = String(state.flows);
    this.dataset.clip = clipKey(state);
    this.dataset.state = 'done';
  }
}

if (!customElements.get('vnn-flow-stack')) customElements.define('vnn-flow-stack', FlowStackElement);

declare global {
  interface HTMLElementTagNameMap {
    'vnn-flow-stack': FlowStackElement;
  }
}
