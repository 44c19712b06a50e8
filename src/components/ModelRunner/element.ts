/**
 * <vnn-model-runner model="<id>" label="…">: runs one shipped model on a clip
 * drawn from its own dataset. TensorFlow.js, the model library and the weights
 * load only when the reader presses Run; a failure (no backend, a missing or
 * corrupt file) is shown in an alert, and Run tries again from scratch.
 * `data-state` (idle | busy | done | error) mirrors what is on screen.
 */
import '../shared/widget.css';
import './modelRunner.css';
import type * as TF from '@tensorflow/tfjs-core';
import type { LoadedModel } from '../../lib/video-nn/models/loadModel';
import type { Runtime } from '../../lib/video-nn/runtime/backend';
import { SEED, describePrediction, nextSeed, readSeed } from './state';
import { ModelRunnerView, type ClipPicture } from './view';

const WEIGHTS_BASE = `${import.meta.env.BASE_URL.replace(/\/?$/, '/')}weights/`;
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export class ModelRunnerElement extends HTMLElement {
  private view: ModelRunnerView | undefined;
  private loaded: { runtime: Runtime; model: LoadedModel } | undefined;
  private busy = false;
  /** The last seed that was valid: what a bad entry falls back to. */
  private seed: number = SEED.default;

  connectedCallback(): void {
    if (this.view) return;
    const id = this.getAttribute('model') ?? '';
    const view = new ModelRunnerView(this.getAttribute('label') || id);
    this.view = view;
    view.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.run(this.takeSeed());
    });
    view.newClipButton.addEventListener('click', () => {
      const seed = nextSeed(this.takeSeed());
      view.seedInput.value = String(seed);
      void this.run(seed);
    });
    this.dataset.state = 'idle';
    this.replaceChildren(view.root);
  }

  disconnectedCallback(): void {
    this.loaded?.model.model.dispose();
    this.loaded = undefined;
  }

  /** The seed in the box; a bad one is replaced by the last good seed, with a note. */
  private takeSeed(): number {
    const view = this.view!;
    const { seed, note } = readSeed(view.seedInput.value, this.seed);
    view.setNotes(note ? [note] : []);
    view.seedInput.value = String(seed);
    this.seed = seed;
    return seed;
  }

  private async run(seed: number): Promise<void> {
    const view = this.view!;
    if (this.busy) return;
    this.busy = true;
    this.dataset.state = 'busy';
    const id = this.getAttribute('model') ?? '';
    let stage = 'Loading TensorFlow.js';
    try {
      if (!this.loaded) {
        view.setBusy(true, 'Loading TensorFlow.js…');
        // Dynamic imports: no tfjs on the page until a reader asks for a model.
        const [{ getRuntime }, { loadModel }] = await Promise.all([import('../shared/tfRuntime'), import('../../lib/video-nn/models/loadModel')]);
        const runtime = await getRuntime();
        stage = `Loading ${id}`;
        view.setBusy(true, 'Loading and checking the weights…');
        this.loaded = { runtime, model: await loadModel(id, { baseUrl: WEIGHTS_BASE }) };
      }
      stage = `Running ${id}`;
      view.setBusy(true, 'Running the model…');
      const { runtime, model } = this.loaded;
      // The first test clip of the dataset drawn with the reader's seed: the seed alone reproduces it, and
      // as a test-split clip it is not one the model trained on (but for a ~1-in-10^6 coincidence of 32-bit clip seeds).
      // A two-stream network's temporal stream computes its optical flow here, on the page's backend.
      const { modelDataset } = await import('../../lib/video-nn/training/modelInput');
      const clip = modelDataset(model.entry, seed).clip('test', 0);
      const { tf } = runtime;
      const output = tf.tidy(() => tf.softmax(model.model.predict(tf.tensor(clip.data, [1, ...clip.shape], 'float32')) as TF.Tensor2D));
      const probabilities = (await output.data()) as Float32Array;
      output.dispose();
      const classes = model.manifest.dataset.classes;
      // A skeleton model's input is keypoints; the filmstrip shows the RGB clip they came from.
      const picture: ClipPicture = 'source' in clip ? (clip.source as ClipPicture) : clip;
      view.showResult({ seed, picture, classes, probabilities, label: clip.label, summary: describePrediction(classes, probabilities, clip.label) });
      this.dataset.state = 'done';
    } catch (error) {
      view.showError(`${stage} failed: ${message(error)}`);
      this.dataset.state = 'error';
    } finally {
      this.busy = false;
    }
  }
}

if (!customElements.get('vnn-model-runner')) customElements.define('vnn-model-runner', ModelRunnerElement);

declare global {
  interface HTMLElementTagNameMap {
    'vnn-model-runner': ModelRunnerElement;
  }
}
