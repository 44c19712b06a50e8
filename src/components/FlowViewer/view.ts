/**
 * Draws the flow viewer: source choice (generated clip, file, webcam), settings,
 * the frame and its flow side by side with a legend, play/pause and a frame
 * scrubber, the numbers in words, notes and an alert for failures. It only
 * shows what it is given; the element decides what to compute.
 */
import { h, showNotes, uniqueId } from '../shared/dom';
import { parseValue, describeRange, type NumberSetting } from '../shared/settings';
import type { FlowField } from '../../lib/video-nn/flow/field';
import type { FlowSummary } from '../../lib/video-nn/flow/summary';
import { drawFlow, drawFrame, drawLegend } from './draw';
import {
  DISPLAYS, DISPLAY_LABELS, MOTIONS, QUALITIES, SETTINGS, SIZES, SOURCES, SOURCE_LABELS, formatPixels, motionName, pairLabel, qualityLabel,
  type FlowViewerState, type SourceKind,
} from './state';

export interface ViewActions {
  change(patch: Partial<FlowViewerState>): void;
  newClip(): void;
  togglePlay(): void;
  file(file: File): void;
  webcam(on: boolean): void;
}

export interface PairPicture {
  frame: ImageData;
  field: FlowField;
  summary: FlowSummary;
  radius: number;
  index: number;
  frames: number;
  /** The text alternative: what the pair shows, in numbers. */
  description: string;
  sourceLabel: string;
  ms: number;
  backendLabel: string;
}

const SEED = SETTINGS.find((s) => s.key === 'seed') as NumberSetting;

export class FlowViewerView {
  readonly root: HTMLElement;
  private state: FlowViewerState;
  private readonly sourceRadios = new Map<SourceKind, HTMLInputElement>();
  private readonly displayRadios = new Map<string, HTMLInputElement>();
  private readonly panels = new Map<SourceKind, HTMLElement>();
  private readonly motion = h('select', { id: uniqueId('vnn-fv-motion') });
  private readonly seed = h('input', { id: uniqueId('vnn-fv-seed'), type: 'number', inputmode: 'numeric', min: SEED.min, max: SEED.max, step: 1 });
  private readonly size = h('select', { id: uniqueId('vnn-fv-size') });
  private readonly quality = h('select', { id: uniqueId('vnn-fv-quality') });
  readonly fileInput = h('input', { id: uniqueId('vnn-fv-file'), type: 'file', accept: 'video/*,.mp4,.m4v,.webm,.mkv,.mov,.ogv' });
  private readonly dropZone: HTMLElement;
  readonly webcamButton = h('button', { type: 'button', class: 'vnn-fv-primary' }, 'Turn on the webcam');
  readonly playButton = h('button', { type: 'button', class: 'vnn-fv-play', disabled: true }, 'Play');
  readonly scrubber = h('input', { type: 'range', min: 0, max: 0, step: 1, value: 0, disabled: true, 'aria-label': 'Frame pair' });
  private readonly pairText = h('output', { class: 'vnn-fv-pair', 'aria-hidden': 'true' });
  private readonly frameCanvas = h('canvas', { class: 'vnn-fv-frame', role: 'img', 'aria-label': 'No frame yet', width: 96, height: 96 });
  private readonly flowCanvas = h('canvas', { class: 'vnn-fv-flow', role: 'img', 'aria-label': 'No flow yet', width: 96, height: 96 });
  private readonly legendCanvas = h('canvas', { class: 'vnn-fv-legend', 'aria-hidden': 'true' });
  private readonly frameCaption = h('figcaption', {}, 'Frame');
  private readonly flowCaption = h('figcaption', {}, 'Flow');
  private readonly legendCaption = h('figcaption', {});
  private readonly preview = h('div', { class: 'vnn-fv-preview' });
  private readonly figures = h('div', { class: 'vnn-fv-figures' });
  private readonly stats = h('dl', { class: 'vnn-fv-stats' });
  private readonly summary = h('p', { class: 'vnn-fv-summary', role: 'status', 'aria-live': 'polite' });
  private readonly runtime = h('p', { class: 'vnn-fv-runtime' });
  private readonly progress = h('progress', { 'aria-label': 'Loading' });
  private readonly progressText = h('p', { class: 'vnn-fv-progress', role: 'status' });
  // The live region wraps the list: a role on the <ul> itself would take away its list semantics.
  private readonly notes = h('ul', { class: 'vnn-notes' });
  private readonly alert = h('p', { class: 'vnn-fv-error', role: 'alert' });

  constructor(state: FlowViewerState, private readonly actions: ViewActions) {
    this.state = state;
    const titleId = uniqueId('vnn-fv-title');
    this.dropZone = this.filePanel();
    this.panels.set('clip', this.clipPanel());
    this.panels.set('file', this.dropZone);
    this.panels.set('webcam', h('div', { class: 'vnn-fv-panel' }, this.webcamButton));
    this.webcamButton.addEventListener('click', () => actions.webcam(this.webcamButton.dataset.on !== 'true'));
    this.playButton.addEventListener('click', () => actions.togglePlay());
    this.scrubber.addEventListener('input', () => actions.change({ frame: Number(this.scrubber.value) }));
    // Space on the scrubber plays and pauses, as in a video player.
    this.scrubber.addEventListener('keydown', (event) => {
      if (event.key === ' ' && !this.playButton.disabled) {
        event.preventDefault();
        actions.togglePlay();
      }
    });

    this.root = h(
      'div',
      { class: 'vnn-widget vnn-flow-viewer not-content', role: 'group', 'aria-labelledby': titleId },
      h('p', { class: 'vnn-title', id: titleId }, 'Optical flow, live'),
      this.sourceChoice(),
      ...this.panels.values(),
      h('p', { class: 'vnn-fv-privacy' }, 'Nothing leaves your machine: videos and camera frames are decoded, and their flow computed, in this browser tab; nothing is uploaded.'),
      this.settingsForm(),
      this.progress,
      this.progressText,
      this.alert,
      h('div', { role: 'status' }, this.notes),
      this.figures,
      h('div', { class: 'vnn-fv-transport' }, this.playButton, this.scrubber, this.pairText),
      this.stats,
      this.summary,
      this.runtime,
    );
    this.figures.append(
      h('figure', {}, this.frameCanvas, this.preview, this.frameCaption),
      h('figure', {}, this.flowCanvas, this.flowCaption),
      h('figure', { class: 'vnn-fv-key' }, this.legendCanvas, this.legendCaption),
    );
    this.progress.hidden = true;
    this.setState(state);
  }

  private sourceChoice(): HTMLElement {
    const name = uniqueId('vnn-fv-source');
    const set = h('fieldset', { class: 'vnn-fv-sources' }, h('legend', {}, 'Source'));
    for (const kind of SOURCES) {
      const id = uniqueId(`vnn-fv-source-${kind}`);
      const radio = h('input', { type: 'radio', name, id, value: kind });
      radio.addEventListener('change', () => radio.checked && this.actions.change({ source: kind }));
      this.sourceRadios.set(kind, radio);
      set.append(h('span', { class: 'vnn-fv-radio' }, radio, h('label', { for: id }, SOURCE_LABELS[kind])));
    }
    return set;
  }

  private clipPanel(): HTMLElement {
    for (const m of MOTIONS) this.motion.append(h('option', { value: m }, motionName(m)));
    this.motion.addEventListener('change', () => this.actions.change({ motion: this.motion.value }));
    this.seed.addEventListener('change', () => {
      const parsed = parseValue(SEED, this.seed.value);
      if ('value' in parsed) {
        this.actions.change({ seed: parsed.value as number });
        return;
      }
      this.setNotes([`Ignored seed “${this.seed.value.trim().slice(0, 24)}”: expected ${describeRange(SEED)}. Using ${this.state.seed}.`]);
      this.seed.value = String(this.state.seed);
    });
    const newClip = h('button', { type: 'button' }, 'New clip');
    newClip.addEventListener('click', () => this.actions.newClip());
    return h(
      'div',
      { class: 'vnn-fv-panel vnn-fv-clip' },
      h('span', { class: 'vnn-fv-field' }, h('label', { for: this.motion.id }, 'Motion'), this.motion),
      h('span', { class: 'vnn-fv-field' }, h('label', { for: this.seed.id }, SEED.label), this.seed),
      newClip,
    );
  }

  private filePanel(): HTMLElement {
    this.fileInput.addEventListener('change', () => {
      const file = this.fileInput.files?.[0];
      if (file) this.actions.file(file);
      // Choosing the same file again after an error should read it again.
      this.fileInput.value = '';
    });
    const zone = h(
      'div',
      { class: 'vnn-fv-panel vnn-fv-drop' },
      h('label', { for: this.fileInput.id }, 'Choose a video (MP4 or WebM), or drop one here:'),
      this.fileInput,
    );
    zone.addEventListener('dragover', (event) => {
      event.preventDefault();
      zone.classList.add('is-over');
    });
    zone.addEventListener('dragleave', () => zone.classList.remove('is-over'));
    zone.addEventListener('drop', (event) => {
      event.preventDefault();
      zone.classList.remove('is-over');
      const file = event.dataTransfer?.files[0];
      if (file) this.actions.file(file);
    });
    return zone;
  }

  private settingsForm(): HTMLElement {
    for (const s of SIZES) this.size.append(h('option', { value: s }, `${s} px`));
    for (const q of QUALITIES) this.quality.append(h('option', { value: q }, qualityLabel(q)));
    this.size.addEventListener('change', () => this.actions.change({ size: Number(this.size.value) }));
    this.quality.addEventListener('change', () => this.actions.change({ quality: this.quality.value as FlowViewerState['quality'] }));
    const name = uniqueId('vnn-fv-display');
    const display = h('fieldset', { class: 'vnn-fv-display' }, h('legend', {}, 'Show flow as'));
    for (const mode of DISPLAYS) {
      const id = uniqueId(`vnn-fv-display-${mode}`);
      const radio = h('input', { type: 'radio', name, id, value: mode });
      radio.addEventListener('change', () => radio.checked && this.actions.change({ display: mode }));
      this.displayRadios.set(mode, radio);
      display.append(h('span', { class: 'vnn-fv-radio' }, radio, h('label', { for: id }, DISPLAY_LABELS[mode])));
    }
    const form = h(
      'form',
      { class: 'vnn-fv-settings', 'aria-label': 'Flow settings' },
      h('span', { class: 'vnn-fv-field' }, h('label', { for: this.size.id }, 'Working size (longest side)'), this.size),
      h('span', { class: 'vnn-fv-field' }, h('label', { for: this.quality.id }, 'Flow quality'), this.quality),
      display,
    );
    form.addEventListener('submit', (event) => event.preventDefault());
    return form;
  }

  setState(state: FlowViewerState): void {
    this.state = state;
    for (const [kind, radio] of this.sourceRadios) radio.checked = kind === state.source;
    for (const [kind, panel] of this.panels) panel.hidden = kind !== state.source;
    for (const [mode, radio] of this.displayRadios) radio.checked = mode === state.display;
    this.motion.value = state.motion;
    if (document.activeElement !== this.seed) this.seed.value = String(state.seed);
    this.size.value = String(state.size);
    this.quality.value = state.quality;
  }

  setNotes(notes: readonly string[]): void {
    showNotes(this.notes, notes);
  }

  showError(message: string): void {
    this.alert.textContent = message;
  }

  clearError(): void {
    this.alert.textContent = '';
  }

  /** A progress bar and line while something loads; `fraction` undefined for an indeterminate bar. */
  setBusy(message: string | undefined, fraction?: number): void {
    this.progress.hidden = message === undefined;
    this.progressText.textContent = message ?? '';
    if (message === undefined) return;
    this.progress.setAttribute('aria-label', message.replace(/…$/, ''));
    if (fraction === undefined) this.progress.removeAttribute('value');
    else this.progress.value = fraction;
  }

  /** The <video> being read, shown in place of the frame while it plays (kept out of sight with reduced motion). */
  setPreview(video: HTMLVideoElement | undefined): void {
    const still = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
    this.preview.classList.toggle('is-still', still);
    this.preview.replaceChildren(...(video ? [video] : []));
    this.frameCanvas.hidden = video !== undefined && !still;
  }

  setRuntime(text: string): void {
    this.runtime.textContent = text;
  }

  setWebcamOn(on: boolean): void {
    this.webcamButton.dataset.on = String(on);
    this.webcamButton.textContent = on ? 'Turn off the webcam' : 'Turn on the webcam';
  }

  /** Playing: the button says Pause, and the running text stops being announced at every frame. */
  setPlaying(playing: boolean): void {
    this.playButton.textContent = playing ? 'Pause' : 'Play';
    this.summary.setAttribute('aria-live', playing ? 'off' : 'polite');
  }

  /** How many frames the source has and which pair is shown; fewer than 2 frames disables the controls. */
  setFrames(index: number, frames: number, canPlay: boolean): void {
    const pairs = Math.max(0, frames - 1);
    this.scrubber.max = String(Math.max(0, pairs - 1));
    this.scrubber.value = String(index);
    this.scrubber.disabled = pairs < 2;
    this.playButton.disabled = !canPlay;
    const label = frames >= 2 ? pairLabel(index, frames) : 'No frames yet';
    this.scrubber.setAttribute('aria-valuetext', label);
    this.pairText.textContent = label;
  }

  /** Nothing to show yet (no file chosen, webcam off): the figures give way to a sentence saying what to do. */
  showEmpty(message: string): void {
    this.figures.hidden = true;
    this.stats.replaceChildren();
    this.summary.textContent = message;
  }

  showPair(p: PairPicture): void {
    this.figures.hidden = false;
    drawFrame(this.frameCanvas, p.frame);
    drawFlow(this.flowCanvas, p.field, this.state.display, p.frame, p.radius);
    drawLegend(this.legendCanvas, this.state.display);
    const { width, height } = p.field;
    this.frameCanvas.setAttribute('aria-label', `Frame ${p.index + 1} of ${p.frames} of the ${p.sourceLabel}, at ${width}×${height} pixels`);
    this.frameCaption.textContent = `Frame ${p.index + 1} of the ${p.sourceLabel} (${width}×${height}, what flow sees)`;
    this.flowCanvas.setAttribute('aria-label', p.description);
    this.flowCaption.textContent = `Flow from frame ${p.index + 1} to ${p.index + 2}, ${DISPLAY_LABELS[this.state.display].toLowerCase()}`;
    const r = formatPixels(p.radius);
    this.legendCaption.textContent =
      this.state.display === 'colour'
        ? `Hue: direction (red right, yellow down, cyan left, violet up). Full colour: ${r} px or more; white: still.`
        : this.state.display === 'arrows'
          ? `Arrows point where each part moves; the longest drawn is ${r} px, tinted by direction.`
          : `Black: still; white: ${r} px or more.`;
    const s = p.summary;
    const rows: [string, string, string][] = [
      ['mean', 'Mean motion', `${formatPixels(s.meanMagnitude)} px`],
      ['max', 'Largest', `${formatPixels(s.maxMagnitude)} px`],
      ['moving', 'Moving ≥ 0.5 px', `${Math.round(s.movingFraction * 100)}%`],
      ['time', 'Time for this pair', `${Math.round(p.ms)} ms on ${p.backendLabel}`],
    ];
    this.stats.replaceChildren(...rows.map(([key, term, value]) => h('div', { 'data-stat': key }, h('dt', {}, term), h('dd', {}, value))));
    this.summary.textContent = p.description;
  }
}
