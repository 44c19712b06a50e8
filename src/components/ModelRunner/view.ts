/**
 * Draws the model runner: the seed form, a status line (progress, then the
 * prediction in words), an alert for failures, a filmstrip of the clip and the
 * model's probabilities as a labelled bar list. It only shows what it is given;
 * the element decides what to run.
 */
import { h, showNotes, uniqueId } from '../shared/dom';
import { SEED, argmax, framesToShow, listFrames, percent } from './state';

/** A clip as the datasets make it: T×H×W×C floats in [0, 1]. */
export interface ClipPicture {
  data: Float32Array;
  shape: readonly [number, number, number, number];
}

export interface RunResult {
  seed: number;
  /** What the filmstrip shows (for a skeleton model, the RGB clip its keypoints came from). */
  picture: ClipPicture;
  classes: readonly string[];
  probabilities: Float32Array;
  label: number;
  summary: string;
}

/** On-screen size of one filmstrip frame, in canvas pixels. */
const FRAME_PX = 64;
const GAP_PX = 4;

export class ModelRunnerView {
  readonly root: HTMLElement;
  readonly form: HTMLFormElement;
  readonly seedInput: HTMLInputElement;
  readonly runButton: HTMLButtonElement;
  readonly newClipButton: HTMLButtonElement;
  private readonly notes = h('ul', { class: 'vnn-notes', 'aria-live': 'polite' });
  private readonly status = h('p', { class: 'vnn-mr-status', role: 'status', 'aria-live': 'polite' });
  private readonly progress = h('progress', { 'aria-label': 'Loading the model' });
  private readonly alert = h('p', { class: 'vnn-mr-error', role: 'alert' });
  private readonly result = h('div', { class: 'vnn-mr-result' });

  constructor(label: string) {
    const seedId = uniqueId('vnn-mr-seed');
    this.seedInput = h('input', {
      id: seedId, type: 'number', inputmode: 'numeric', min: SEED.min, max: SEED.max, step: 1, value: SEED.default,
    });
    this.runButton = h('button', { type: 'submit', class: 'vnn-mr-run' }, 'Run');
    this.newClipButton = h('button', { type: 'button' }, 'New clip');
    this.form = h(
      'form',
      // novalidate: the seed is checked by readSeed, which explains a refusal in a visible note.
      { class: 'vnn-mr-controls', 'aria-label': `Clip for ${label}`, novalidate: true },
      h('label', { for: seedId }, SEED.label),
      this.seedInput,
      this.runButton,
      this.newClipButton,
    );
    this.progress.hidden = true;
    this.result.hidden = true;
    this.status.textContent = 'Press Run to load TensorFlow.js and this model’s weights, then classify a clip it was not trained on.';
    this.root = h(
      'div',
      { class: 'vnn-widget vnn-model-runner not-content', role: 'group', 'aria-label': `Run ${label}` },
      h('p', { class: 'vnn-title' }, 'Run on a fresh clip'),
      this.form,
      this.notes,
      this.status,
      this.progress,
      this.alert,
      this.result,
    );
  }

  setNotes(notes: readonly string[]): void {
    showNotes(this.notes, notes);
  }

  /** While busy the buttons stay focusable (disabling would drop keyboard focus) but say they are unavailable. */
  setBusy(busy: boolean, message = ''): void {
    for (const b of [this.runButton, this.newClipButton]) b.setAttribute('aria-disabled', String(busy));
    this.progress.hidden = !busy;
    if (busy) {
      this.alert.textContent = '';
      this.status.textContent = message;
      this.progress.setAttribute('aria-label', message.replace(/…$/, ''));
    }
  }

  showError(message: string): void {
    this.setBusy(false);
    this.status.textContent = 'Press Run to try again.';
    this.alert.textContent = message;
  }

  showResult(r: RunResult): void {
    this.setBusy(false);
    this.status.textContent = r.summary;
    const predicted = argmax(r.probabilities);
    const titleId = uniqueId('vnn-mr-bars');
    const bars = h('ul', { class: 'vnn-mr-bars', 'aria-labelledby': titleId });
    r.classes.forEach((name, i) => {
      const p = r.probabilities[i]!;
      const fill = h('span', { class: 'vnn-mr-fill' });
      fill.style.width = percent(p, 2);
      const item = h(
        'li',
        { class: 'vnn-mr-bar', 'data-class': name, 'data-probability': p },
        h('span', { class: 'vnn-mr-name' }, name, ...(i === r.label ? [' ', h('span', { class: 'vnn-mr-true' }, 'true class')] : [])),
        h('span', { class: 'vnn-mr-track', 'aria-hidden': 'true' }, fill),
        h('span', { class: 'vnn-mr-value' }, percent(p)),
      );
      item.classList.toggle('is-predicted', i === predicted);
      item.classList.toggle('is-true', i === r.label);
      bars.append(item);
    });
    this.result.replaceChildren(this.filmstrip(r), h('p', { class: 'vnn-mr-caption', id: titleId }, 'Probability of each class'), bars);
    this.result.hidden = false;
  }

  /** A few frames side by side, scaled up with square pixels. */
  private filmstrip(r: RunResult): HTMLElement {
    const [frames, height, width, channels] = r.picture.shape;
    const shown = framesToShow(frames);
    const scale = Math.max(1, Math.floor(FRAME_PX / Math.max(height, width)));
    const fw = width * scale;
    const fh = height * scale;
    const canvas = h('canvas', {
      class: 'vnn-mr-film',
      width: shown.length * fw + (shown.length - 1) * GAP_PX,
      height: fh,
      role: 'img',
      'aria-label': `${listFrames(shown)} of the ${frames}-frame clip; its true class is ${r.classes[r.label]}`,
    });
    const ctx = canvas.getContext('2d');
    if (ctx) {
      const image = ctx.createImageData(canvas.width, canvas.height);
      const frameSize = height * width * channels;
      shown.forEach((t, k) => {
        for (let y = 0; y < fh; y++) {
          for (let x = 0; x < fw; x++) {
            const src = t * frameSize + (Math.floor(y / scale) * width + Math.floor(x / scale)) * channels;
            const dst = (y * canvas.width + k * (fw + GAP_PX) + x) * 4;
            for (let c = 0; c < 3; c++) image.data[dst + c] = Math.round(255 * r.picture.data[src + (channels >= 3 ? c : 0)]!);
            image.data[dst + 3] = 255;
          }
        }
      });
      ctx.putImageData(image, 0, 0);
    }
    return h('figure', { class: 'vnn-mr-figure' }, canvas, h('figcaption', {}, `Seed ${r.seed}: ${listFrames(shown)} of ${frames}`));
  }
}
