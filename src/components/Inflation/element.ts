/**
 * <vnn-inflation seed="1" frame="5" clips="64">: chapter 5's inflation demo.
 * When it comes near the viewport it loads TensorFlow.js, the trained
 * single-frame model and the shipped fine-tuned I3D-tiny, and inflates the
 * single-frame model in the browser with the library's inflateModel (I3D's
 * rule, with the options the registry records for motion4_i3d). Then it runs
 * both networks on a static clip and on the moving clip, and measures the 2-D
 * model, its fresh inflation and the fine-tuned inflation on a batch of new
 * clips. Attributes are the state; `data-state` (idle | loading | busy | done
 * | error) mirrors what is on screen.
 */
import '../shared/widget.css';
import './inflation.css';
import { whenVisible } from '../shared/lazy';
import type { ShippedModels } from '../shared/loadShipped';
import { argmax, nextSeed, readSeed } from '../ModelRunner/state';
import type { VideoModel } from '../../lib/video-nn/models/model';
import type { LabelledClip } from '../../lib/video-nn/data/dataset';
import { KEYS, MODEL_2D, MODEL_I3D, describeResults, parseState, toQuery, type AccuracySummary, type ComparisonSummary, type InflationState } from './state';
import { InflationView } from './view';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const nextFrame = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

interface Ready {
  shipped: ShippedModels;
  inflated: VideoModel;
}

export class InflationElement extends HTMLElement {
  static readonly observedAttributes = KEYS;
  private view: InflationView | undefined;
  private state: InflationState | undefined;
  private ready: Ready | undefined;
  private busy = false;
  /** A frame chosen while the models were busy: shown as soon as they are free. */
  private queuedFrame: number | undefined;
  private reflecting = false;
  private shownFrame: number | undefined;
  private results: { static?: ComparisonSummary; moving?: ComparisonSummary; accuracies: AccuracySummary[] } = { accuracies: [] };

  connectedCallback(): void {
    if (this.view) return;
    const { state, notes } = parseState(this.attributePairs());
    this.state = state;
    this.view = new InflationView(state, {
      run: (raw, clips) => void this.run({ ...this.state!, seed: this.takeSeed(raw), clips: clips as InflationState['clips'] }),
      newClip: (raw, clips) => void this.run({ ...this.state!, seed: nextSeed(this.takeSeed(raw)), clips: clips as InflationState['clips'] }),
      frame: (frame) => void this.changeFrame(frame),
      retry: () => void this.run(this.state!),
    });
    this.view.setNotes(notes);
    this.dataset.state = 'idle';
    this.replaceChildren(this.view.root);
    whenVisible(this, () => void this.run(this.state!));
  }

  disconnectedCallback(): void {
    if (this.ready) {
      for (const m of this.ready.shipped.models.values()) m.model.dispose();
      this.ready.inflated.dispose();
    }
    this.ready = undefined;
  }

  attributeChangedCallback(): void {
    if (!this.view || this.reflecting) return;
    const { state, notes } = parseState(this.attributePairs());
    this.state = state;
    this.view.setState(state);
    this.view.setNotes(notes);
  }

  setState(state: InflationState, notes: readonly string[] = []): void {
    this.connectedCallback();
    this.reflect(state);
    this.view!.setState(state);
    this.view!.setNotes(notes);
  }

  get query(): string {
    return toQuery(this.state!);
  }

  private attributePairs(): [string, string][] {
    return KEYS.filter((a) => this.hasAttribute(a)).map((a) => [a, this.getAttribute(a) ?? '']);
  }

  private reflect(state: InflationState): void {
    this.state = state;
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

  private takeSeed(raw: string): number {
    const { seed, note } = readSeed(raw, this.state!.seed);
    this.view!.setNotes(note ? [note] : []);
    return seed;
  }

  /** tfjs, both shipped models, and the single-frame model inflated here with the registry's options. */
  private async prepare(): Promise<Ready> {
    if (this.ready) return this.ready;
    const view = this.view!;
    this.dataset.state = 'loading';
    const { loadShipped } = await import('../shared/loadShipped');
    const shipped = await loadShipped([MODEL_2D, MODEL_I3D], (s) => view.setBusy(s.message, s.done, s.total + 1), {
      [MODEL_2D]: 'the 2-D single-frame model',
      [MODEL_I3D]: 'the fine-tuned I3D-tiny',
    });
    try {
      view.setBusy('Inflating the 2-D model’s kernels into 3-D…', 3, 4);
      await nextFrame();
      const { inflateModel } = await import('../../lib/video-nn/models/inflate');
      const i3d = shipped.models.get(MODEL_I3D)!.entry;
      if (!i3d.init || !('inflate' in i3d.init)) throw new Error(`${MODEL_I3D} is not registered as an inflated model`);
      const inflated = inflateModel(shipped.models.get(MODEL_2D)!.model, i3d.spec(), i3d.init.inflate);
      this.ready = { shipped, inflated };
      return this.ready;
    } catch (error) {
      for (const m of shipped.models.values()) m.model.dispose();
      throw new Error(`Inflating ${MODEL_2D} failed: ${message(error)}`);
    }
  }

  /** The accuracy of guessing: one over the number of classes. */
  private chance(ready: Ready): number {
    return 1 / ready.shipped.models.get(MODEL_2D)!.manifest.dataset.classes.length;
  }

  private demoClip(ready: Ready, seed: number): LabelledClip {
    // Clip 0 of the test split drawn from this seed: reproducible from the seed alone, never trained on.
    return ready.shipped.models.get(MODEL_2D)!.entry.dataset(seed).clip('test', 0);
  }

  private async compareStatic(ready: Ready, state: InflationState): Promise<void> {
    const [{ repeatFrame }, { compareOutputs }] = await Promise.all([import('../../lib/video-nn/data/staticClip'), import('../../lib/video-nn/models/compareOutputs')]);
    const clip = this.demoClip(ready, state.seed);
    const still = repeatFrame(clip, state.frame - 1);
    const model2d = ready.shipped.models.get(MODEL_2D)!;
    const c = await compareOutputs(model2d.model, ready.inflated, still);
    const classes = model2d.manifest.dataset.classes;
    const bits = ready.shipped.runtime.tf.backend().floatPrecision();
    this.view!.showStatic({ clip: still, caption: `Frame ${state.frame} of the clip from seed ${state.seed}, repeated in all ${still.shape[0]} frames: nothing moves.`, classes, ...c }, state.frame, bits);
    this.results.static = summary(classes, c.a, c.b, c.maxAbsDifference);
    this.shownFrame = state.frame;
    this.dataset.shownFrame = String(state.frame);
  }

  private async run(state: InflationState): Promise<void> {
    const view = this.view!;
    if (this.busy) return;
    this.busy = true;
    this.reflect(state);
    view.setState(state);
    let prepared = Boolean(this.ready);
    try {
      const ready = await this.prepare();
      prepared = true;
      this.dataset.state = 'busy';
      view.setBusy('Running both networks on a static clip and on the moving clip…', 0, 4);
      await nextFrame();
      await this.compareStatic(ready, state);
      const { compareOutputs } = await import('../../lib/video-nn/models/compareOutputs');
      const clip = this.demoClip(ready, state.seed);
      const model2d = ready.shipped.models.get(MODEL_2D)!;
      const moving = await compareOutputs(model2d.model, ready.inflated, clip);
      const classes = model2d.manifest.dataset.classes;
      view.showMoving({ clip, caption: `Frames 1 to ${clip.shape[0]} of the clip from seed ${state.seed}; the bar moves ${clip.className} (its true class).`, classes, ...moving });
      this.results.moving = summary(classes, moving.a, moving.b, moving.maxAbsDifference);
      await this.measure(ready, state);
      view.describe(describeResults(state, this.results.static!, this.results.moving, this.results.accuracies, this.chance(ready)));
      view.setIdle(`Done on ${ready.shipped.runtime.backend}. Move the slider, or change the seed for another clip and batch.`);
      this.dataset.state = 'done';
    } catch (error) {
      view.showError(message(error), !prepared);
      this.dataset.state = 'error';
    } finally {
      this.busy = false;
      this.runQueuedFrame();
    }
  }

  private runQueuedFrame(): void {
    const frame = this.queuedFrame;
    this.queuedFrame = undefined;
    if (frame !== undefined && frame !== this.shownFrame) void this.changeFrame(frame);
  }

  /** The 2-D model, its inflation before any training, and the fine-tuned inflation, on test clips 0 … clips−1 of the seed. */
  private async measure(ready: Ready, state: InflationState): Promise<void> {
    const view = this.view!;
    const [{ predictSplitAsync }, { accuracy }] = await Promise.all([
      import('../../lib/video-nn/training/predictAsync'),
      import('../../lib/video-nn/training/evaluate'),
    ]);
    const single = ready.shipped.models.get(MODEL_2D)!;
    const i3d = ready.shipped.models.get(MODEL_I3D)!;
    const dataset = single.entry.dataset(state.seed);
    const runs = [
      { id: 'single', label: '2-D single-frame model', phrase: 'the 2-D single-frame model', model: single.model, reference: { accuracy: single.manifest.test.accuracy, count: single.manifest.test.count, label: 'held out' } },
      { id: 'inflated', label: 'Inflated, not yet trained', phrase: 'its inflation before any training', model: ready.inflated, reference: i3d.manifest.init ? { accuracy: i3d.manifest.init.testAccuracyBeforeTraining, count: i3d.manifest.test.count, label: 'recorded' } : undefined },
      { id: 'i3d', label: 'Inflated and fine-tuned (I3D-tiny)', phrase: 'the fine-tuned I3D-tiny', model: i3d.model, reference: { accuracy: i3d.manifest.test.accuracy, count: i3d.manifest.test.count, label: 'held out' } },
    ];
    const accuracies: AccuracySummary[] = [];
    const bars = [];
    for (const [i, run] of runs.entries()) {
      const what = `Measuring ${run.phrase} on ${state.clips} fresh clips (${i + 1} of 3)…`;
      view.setBusy(what, i + 1, 4);
      const { labels, predictions } = await predictSplitAsync(run.model, dataset, {
        split: 'test',
        count: state.clips,
        onProgress: (done, total) => view.setBusy(what, i + 1 + done / total, 4),
      });
      const correct = Math.round(accuracy(labels, predictions) * state.clips);
      accuracies.push({ label: run.phrase, correct, count: state.clips });
      bars.push({ id: run.id, label: run.label, correct, count: state.clips, current: run.id === 'i3d', ...(run.reference ? { reference: run.reference } : {}) });
    }
    view.showAccuracy(bars, this.chance(ready));
    this.results.accuracies = accuracies;
  }

  private async changeFrame(frame: number): Promise<void> {
    const state = { ...this.state!, frame };
    this.reflect(state);
    if (!this.ready) return;
    if (this.busy) {
      this.queuedFrame = frame;
      return;
    }
    this.busy = true;
    this.dataset.state = 'busy';
    try {
      await this.compareStatic(this.ready, state);
      if (this.results.moving) this.view!.describe(describeResults(state, this.results.static!, this.results.moving, this.results.accuracies, this.chance(this.ready)));
      this.dataset.state = 'done';
    } catch (error) {
      this.view!.showError(message(error), false);
      this.dataset.state = 'error';
    } finally {
      this.busy = false;
      this.runQueuedFrame();
    }
  }
}

function summary(classes: readonly string[], a: Float32Array, b: Float32Array, maxAbsDifference: number): ComparisonSummary {
  return { maxAbsDifference, predicted2d: classes[argmax(a)]!, predictedInflated: classes[argmax(b)]! };
}

if (!customElements.get('vnn-inflation')) customElements.define('vnn-inflation', InflationElement);

declare global {
  interface HTMLElementTagNameMap {
    'vnn-inflation': InflationElement;
  }
}
