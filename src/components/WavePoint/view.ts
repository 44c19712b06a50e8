/**
 * Draws waving vs pointing: the two figures at the frame on screen (with the
 * 17 joints the models read), Play and a frame slider, the seed, the models'
 * status, and the softmax of each model for each clip as labelled bars. It
 * only shows what it is given; the element loads the models and computes.
 */
import { h, showNotes, uniqueId } from '../shared/dom';
import { ModelStatus } from '../shared/modelStatus';
import { ProbabilityBars } from '../shared/probabilityBars';
import { paintPixels, sizeCanvas } from '../shared/pixelCanvas';
import { POSE_CLASSES, POSE_FRAMES, POSE_SIZE } from '../shared/poseScores';
import { MIDDLE, POINT, SETTINGS, WAVE, describe, frameDifference, type Pair, type PairScores, type WavePointState } from './state';

const SCALE = 4;
const FRAME_VALUES = POSE_SIZE * POSE_SIZE * 3;

export interface WavePointCallbacks {
  frame: (frame: number) => void;
  seedTyped: (raw: string) => void;
  newPair: () => void;
  retry: () => void;
}

export class WavePointView {
  readonly root: HTMLElement;
  readonly seedInput: HTMLInputElement;
  readonly status = new ModelStatus('The models load when this figure comes into view.');
  private state: WavePointState;
  private pair: Pair | undefined;
  private scores: PairScores | undefined;
  private playing = false;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly canvases: { wave: HTMLCanvasElement; point: HTMLCanvasElement };
  private readonly playButton: HTMLButtonElement;
  private readonly slider: HTMLInputElement;
  private readonly frameOutput: HTMLOutputElement;
  private readonly jointsToggle: HTMLInputElement;
  private readonly frameNote = h('p', { class: 'vnn-wp-note' });
  private readonly singleTitle = h('p', { class: 'vnn-wp-model' });
  private readonly bars = {
    single: { wave: new ProbabilityBars('Waving clip', POSE_CLASSES), point: new ProbabilityBars('Pointing clip', POSE_CLASSES) },
    temporal: { wave: new ProbabilityBars('Waving clip', POSE_CLASSES), point: new ProbabilityBars('Pointing clip', POSE_CLASSES) },
  };
  private readonly results: HTMLElement;
  private readonly summary = h('p', { class: 'vnn-wp-summary', 'aria-live': 'polite' });
  private readonly notes = h('ul', { class: 'vnn-notes', 'aria-live': 'polite' });

  constructor(state: WavePointState, private readonly on: WavePointCallbacks) {
    this.state = state;
    const titleId = uniqueId('vnn-wp-title');
    const figure = (name: string, which: 'wave' | 'point') => {
      const canvas = h('canvas', { class: 'vnn-wp-canvas', role: 'img', 'data-clip': which });
      sizeCanvas(canvas, { rows: POSE_SIZE, cols: POSE_SIZE }, SCALE);
      return { canvas, node: h('figure', { class: 'vnn-wp-figure' }, canvas, h('figcaption', {}, name)) };
    };
    const wave = figure('Waving', 'wave');
    const point = figure('Pointing', 'point');
    this.canvases = { wave: wave.canvas, point: point.canvas };

    this.playButton = h('button', { type: 'button', class: 'vnn-wp-play' }, 'Play');
    this.playButton.addEventListener('click', () => (this.playing ? this.pause() : this.play()));
    const sliderId = uniqueId('vnn-wp-frame');
    this.slider = h('input', { id: sliderId, type: 'range', min: 1, max: POSE_FRAMES, step: 1 });
    this.slider.addEventListener('input', () => this.on.frame(Number(this.slider.value)));
    this.frameOutput = h('output', { for: sliderId, 'aria-hidden': 'true' });
    const middle = h('button', { type: 'button' }, 'Middle frame');
    middle.addEventListener('click', () => {
      this.pause();
      this.on.frame(MIDDLE);
    });
    const jointsId = uniqueId('vnn-wp-joints');
    this.jointsToggle = h('input', { id: jointsId, type: 'checkbox', checked: true });
    this.jointsToggle.addEventListener('change', () => this.drawFigures());

    const seedId = uniqueId('vnn-wp-seed');
    const seedSetting = SETTINGS[0];
    this.seedInput = h('input', { id: seedId, type: 'number', inputmode: 'numeric', min: 0, max: seedSetting.max, step: 1 });
    const newPair = h('button', { type: 'button' }, 'New pair');
    newPair.addEventListener('click', () => this.on.newPair());
    const seedForm = h(
      'form',
      { class: 'vnn-wp-seed', 'aria-label': 'Which performance', novalidate: true },
      h('label', { for: seedId }, seedSetting.label),
      this.seedInput,
      newPair,
    );
    seedForm.addEventListener('submit', (event) => {
      event.preventDefault();
      this.on.seedTyped(this.seedInput.value);
    });
    this.seedInput.addEventListener('change', () => this.on.seedTyped(this.seedInput.value));
    this.status.retryButton.addEventListener('click', () => this.on.retry());

    for (const model of ['single', 'temporal'] as const) {
      this.bars[model].wave.root.dataset.clip = 'wave';
      this.bars[model].point.root.dataset.clip = 'point';
    }
    this.results = h(
      'div',
      { class: 'vnn-wp-results' },
      h('section', { class: 'vnn-wp-section', 'data-model': 'single' }, this.singleTitle, h('div', { class: 'vnn-wp-pair' }, this.bars.single.wave.root, this.bars.single.point.root)),
      h(
        'section',
        { class: 'vnn-wp-section', 'data-model': 'temporal' },
        h('p', { class: 'vnn-wp-model' }, `Temporal model (ST-GCN), shown all ${POSE_FRAMES} frames`),
        h('div', { class: 'vnn-wp-pair' }, this.bars.temporal.wave.root, this.bars.temporal.point.root),
      ),
    );
    this.results.hidden = true;

    this.root = h(
      'div',
      { class: 'vnn-widget vnn-wave-point not-content', role: 'group', 'aria-labelledby': titleId },
      h('p', { class: 'vnn-title', id: titleId }, 'Waving or pointing?'),
      h('div', { class: 'vnn-wp-figures' }, wave.node, point.node),
      this.frameNote,
      h(
        'div',
        { class: 'vnn-wp-controls' },
        this.playButton,
        h('div', { class: 'vnn-wp-slider' }, h('label', { for: sliderId }, 'Frame'), this.slider, this.frameOutput),
        middle,
        h('div', { class: 'vnn-wp-check' }, this.jointsToggle, h('label', { for: jointsId }, 'Show the 17 joints')),
      ),
      seedForm,
      this.notes,
      this.status.root,
      this.results,
      this.summary,
    );
  }

  setNotes(notes: readonly string[]): void {
    showNotes(this.notes, notes);
  }

  /** A new state; `pair` is its two clips. Scores stay until `showScores` replaces them (or `clearScores`). */
  update(state: WavePointState, pair: Pair): void {
    this.state = state;
    this.pair = pair;
    this.slider.value = String(state.frame);
    this.slider.setAttribute('aria-valuetext', `Frame ${state.frame} of ${POSE_FRAMES}${state.frame === MIDDLE ? ', the middle frame' : ''}`);
    this.frameOutput.textContent = `${state.frame} of ${POSE_FRAMES}`;
    if (document.activeElement !== this.seedInput) this.seedInput.value = String(state.seed);
    this.drawFigures();
    this.render();
  }

  showScores(scores: PairScores): void {
    this.scores = scores;
    this.results.hidden = false;
    this.render();
  }

  clearScores(): void {
    this.scores = undefined;
    this.results.hidden = true;
    this.render();
  }

  get isPlaying(): boolean {
    return this.playing;
  }

  /** Steps through the frames, 8 a second, looping; only when the reader presses Play. */
  play(): void {
    if (this.playing) return;
    this.playing = true;
    this.playButton.textContent = 'Pause';
    this.timer = setInterval(() => this.on.frame((this.state.frame % POSE_FRAMES) + 1), 125);
  }

  pause(): void {
    if (!this.playing) return;
    this.playing = false;
    this.playButton.textContent = 'Play';
    clearInterval(this.timer);
    this.render();
  }

  private drawFigures(): void {
    const pair = this.pair;
    if (!pair) return;
    const t = this.state.frame - 1;
    for (const which of ['wave', 'point'] as const) {
      const canvas = this.canvases[which];
      const clip = pair[which];
      const ctx = canvas.getContext('2d');
      canvas.setAttribute('aria-label', `The ${which === 'wave' ? 'waving' : 'pointing'} figure, frame ${this.state.frame} of ${POSE_FRAMES}.`);
      if (!ctx) continue;
      paintPixels(ctx, { data: clip.source.data, start: t * FRAME_VALUES, rows: POSE_SIZE, cols: POSE_SIZE, channels: 3 }, SCALE);
      if (this.jointsToggle.checked) {
        // The keypoints the models read (pixels), as light dots ringed in black so they show on any figure.
        const kp = clip.source.keypoints;
        ctx.save();
        ctx.fillStyle = 'rgb(255 255 255)';
        ctx.strokeStyle = 'rgb(0 0 0)';
        ctx.lineWidth = 1;
        for (let k = 0; k < 17; k++) {
          const o = (t * 17 + k) * 3;
          ctx.beginPath();
          ctx.arc(kp[o]! * SCALE, kp[o + 1]! * SCALE, 2, 0, 2 * Math.PI);
          ctx.fill();
          ctx.stroke();
        }
        ctx.restore();
      }
    }
  }

  private render(): void {
    const pair = this.pair;
    if (!pair) return;
    const t = this.state.frame - 1;
    const difference = frameDifference(pair.wave.source.data, pair.point.source.data, t, FRAME_VALUES);
    this.root.dataset.difference = String(difference);
    this.frameNote.textContent =
      difference === 0
        ? `Frame ${this.state.frame} of ${POSE_FRAMES}${this.state.frame === MIDDLE ? ' (the middle frame)' : ''}: the two pictures are identical, pixel for pixel and joint for joint.`
        : `Frame ${this.state.frame} of ${POSE_FRAMES}: the pictures differ (largest pixel difference ${difference.toFixed(3)}).`;
    this.singleTitle.textContent = `Single-frame pose model, shown only frame ${this.state.frame}`;
    const scores = this.scores;
    if (scores) {
      this.bars.single.wave.update(scores.single.wave[t]!, WAVE);
      this.bars.single.point.update(scores.single.point[t]!, POINT);
      this.bars.temporal.wave.update(scores.temporal.wave, WAVE);
      this.bars.temporal.point.update(scores.temporal.point, POINT);
    }
    // While playing, the sentence waits for the pause, so a screen reader is not flooded.
    if (!this.playing) this.summary.textContent = describe(this.state, difference, scores);
  }
}
