/**
 * Draws the sliding-kernel widget: the controls (clip, kernel, position, Step /
 * Back / Play), the 3-D view's host, the flat drawings, the numbers and the text
 * alternative. It shows only what state.ts computes and the outputs it is given;
 * the element decides when to load Three.js and TensorFlow.js.
 */
import { h, showNotes, uniqueId } from '../shared/dom';
import { parseValue, describeRange, type ChoiceSetting, type NumberSetting } from '../shared/settings';
import { drawFlat, type FlatCanvases, type FlatColours, type Rgb } from './flat';
import {
  CLIP, KERNEL_LABELS, SETTINGS, describe, outputsKey, describeSpan, formatValue, frame2d, inputWindow, isLastStep, outputShape, outputShape2d, step,
  value2d, value3d, withValue, type Kernel3dState, type Outputs,
} from './state';

type Key = keyof Kernel3dState;
const setting = (key: Key) => SETTINGS.find((s) => s.key === key)!;
/** Steps per second while playing. */
const PLAY_RATE = 4;

const CHOICE_TEXT: Partial<Record<Key, Record<string, string>>> = {
  kernel: KERNEL_LABELS,
  pad: { same: 'Same (zeros around the clip)', valid: 'Valid (no padding)' },
  dir: { left: 'Moving left', right: 'Moving right', up: 'Moving up', down: 'Moving down' },
  stride: { 1: '1', 2: '2 (every other position)' },
};

export class Kernel3dView {
  readonly root: HTMLElement;
  /** Where the element puts the Three.js canvas. */
  readonly sceneHost = h('div', { class: 'vnn-k3-scene' });
  readonly sceneMessage = h('p', { class: 'vnn-k3-message', role: 'status' });
  readonly turnInput: HTMLInputElement;
  private state: Kernel3dState;
  private clip: Float32Array;
  private outputs: { key: string; values: Outputs } | undefined;
  private readonly controls = new Map<Key, HTMLInputElement | HTMLSelectElement>();
  private readonly outputsShown = new Map<Key, HTMLOutputElement>();
  private readonly seedError = h('span', { class: 'vnn-k3-error', id: uniqueId('vnn-k3-seed-error') });
  private readonly playButton = h('button', { type: 'button', 'aria-pressed': 'false', class: 'vnn-k3-play' }, 'Play');
  private readonly canvases: FlatCanvases;
  private readonly frameStrip: HTMLElement;
  private readonly numbers = h('dl', { class: 'vnn-k3-numbers' });
  /** Reads the theme's colour for a value of 0 (the border grey), for the canvases. */
  private readonly zeroProbe = h('span', { class: 'vnn-k3-zero', hidden: true });
  private readonly summary = h('p', { class: 'vnn-k3-summary', 'aria-live': 'polite' });
  private readonly notes = h('ul', { class: 'vnn-notes', 'aria-live': 'polite' });
  private readonly progress = h('progress', { 'aria-label': 'Loading TensorFlow.js' });
  private readonly status = h('p', { class: 'vnn-k3-status', role: 'status' });
  private readonly alert = h('p', { class: 'vnn-k3-alert', role: 'alert' });
  private readonly output3dCaption = h('figcaption', {});
  private readonly output2dCaption = h('figcaption', {});
  private readonly frame2dCaption = h('figcaption', {});
  private timer: ReturnType<typeof setInterval> | undefined;

  /** `onChange` gets every new state; `onRedraw` asks for the 3-D view to be redrawn. */
  constructor(
    state: Kernel3dState,
    clip: Float32Array,
    private readonly onChange: (state: Kernel3dState) => void,
    private readonly onRedraw: () => void,
  ) {
    this.state = state;
    this.clip = clip;
    const titleId = uniqueId('vnn-k3-title');
    const frameCanvases = Array.from({ length: CLIP.frames }, () => h('canvas', { class: 'vnn-k3-pixels', 'aria-hidden': 'true' }));
    const frameBoxes = frameCanvases.map((c, t) => h('figure', { class: 'vnn-k3-frame' }, c, h('figcaption', {}, `t = ${t}`)));
    this.frameStrip = h('div', { class: 'vnn-k3-strip', role: 'img' }, ...frameBoxes);
    this.canvases = {
      frames: frameCanvases,
      frameBoxes,
      output3d: h('canvas', { class: 'vnn-k3-pixels', 'aria-hidden': 'true' }),
      frame2d: h('canvas', { class: 'vnn-k3-pixels', 'aria-hidden': 'true' }),
      output2d: h('canvas', { class: 'vnn-k3-pixels', 'aria-hidden': 'true' }),
    };
    this.turnInput = h('input', { type: 'range', min: -60, max: 60, step: 5, value: 0, id: uniqueId('vnn-k3-turn') });

    const back = h('button', { type: 'button' }, '◀ Back');
    const forward = h('button', { type: 'button' }, 'Step ▶');
    back.addEventListener('click', () => this.move(-1));
    forward.addEventListener('click', () => this.move(1));
    this.playButton.addEventListener('click', () => (this.timer ? this.stop() : this.play()));

    const form = h(
      'form',
      { class: 'vnn-k3-form', 'aria-label': 'Clip and kernel' },
      h('fieldset', { class: 'vnn-k3-group' }, h('legend', {}, 'Clip'), this.select('dir'), this.seedField()),
      h('fieldset', { class: 'vnn-k3-group' }, h('legend', {}, 'Kernel'), this.select('kernel'), this.slider('kt'), this.slider('kh'), this.slider('kw'), this.select('stride'), this.select('pad')),
      h(
        'fieldset',
        { class: 'vnn-k3-group' },
        h('legend', {}, 'Position in the output'),
        this.slider('t'),
        this.slider('y'),
        this.slider('x'),
        h('div', { class: 'vnn-k3-buttons' }, back, forward, this.playButton),
      ),
    );
    form.addEventListener('submit', (event) => event.preventDefault());

    const turnLabel = h('label', { for: this.turnInput.id }, 'Turn the 3-D view');
    this.turnInput.addEventListener('input', () => this.onRedraw());
    this.progress.hidden = true;
    this.root = h(
      'div',
      { class: 'vnn-widget vnn-kernel3d not-content', role: 'group', 'aria-labelledby': titleId },
      h('p', { class: 'vnn-title', id: titleId }, 'A 3-D kernel sliding over a clip'),
      form,
      this.notes,
      h(
        'div',
        { class: 'vnn-k3-stage' },
        h('figure', { class: 'vnn-k3-3d' }, this.sceneHost, this.sceneMessage, h('figcaption', {}, 'Left: the clip, frame 0 in front and time running back. Right: the 3-D output, filled in as the kernel steps; the lit cell is the one being written. Blue is negative, red positive.')),
        h('div', { class: 'vnn-k3-turn' }, turnLabel, this.turnInput),
      ),
      this.progress,
      this.status,
      this.alert,
      this.numbers,
      h(
        'div',
        { class: 'vnn-k3-flat' },
        h('div', { class: 'vnn-k3-panel' }, h('p', { class: 'vnn-k3-panel-title' }, '3-D kernel: frames under it are outlined'), this.frameStrip,
          h('figure', { class: 'vnn-k3-map' }, this.canvases.output3d, this.output3dCaption)),
        h('div', { class: 'vnn-k3-panel' }, h('p', { class: 'vnn-k3-panel-title' }, '2-D kernel: one frame, slides over y and x only'),
          h('div', { class: 'vnn-k3-pair' }, h('figure', { class: 'vnn-k3-map' }, this.canvases.frame2d, this.frame2dCaption), h('figure', { class: 'vnn-k3-map' }, this.canvases.output2d, this.output2dCaption))),
      ),
      this.summary,
      this.zeroProbe,
    );
    this.render();
  }

  get current(): Kernel3dState {
    return this.state;
  }

  get turn(): number {
    return Number(this.turnInput.value);
  }

  setState(state: Kernel3dState, clip: Float32Array): void {
    this.state = state;
    this.clip = clip;
    this.render();
  }

  setNotes(notes: readonly string[]): void {
    showNotes(this.notes, notes);
  }

  /** Outputs computed for the settings `key` (outputsKey); shown only while the state still has that key. */
  setOutputs(key: string, values: Outputs): void {
    this.outputs = { key, values };
    this.render();
  }

  /** The outputs that belong to the current state, if they have been computed. */
  currentOutputs(): Outputs | undefined {
    return this.outputs && this.outputs.key === outputsKey(this.state) ? this.outputs.values : undefined;
  }

  /** Redraws everything (after the theme changes, or once the widget is on the page). */
  refresh(): void {
    this.render();
  }

  setProgress(message: string | undefined): void {
    this.progress.hidden = message === undefined;
    if (message !== undefined) {
      this.progress.setAttribute('aria-label', message.replace(/…$/, ''));
      this.status.textContent = message;
    }
  }

  showStatus(message: string): void {
    this.status.textContent = message;
  }

  showError(message: string): void {
    this.setProgress(undefined);
    this.status.textContent = '';
    this.alert.textContent = message;
  }

  /** Stops playing (the element calls this when it leaves the page). */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.playButton.setAttribute('aria-pressed', 'false');
    this.playButton.textContent = 'Play';
    this.summary.setAttribute('aria-live', 'polite');
    this.render();
  }

  /** Steps on its own until the last position or until paused; started only by the reader. */
  private play(): void {
    if (isLastStep(this.state)) this.commit({ ...this.state, t: 0, y: 0, x: 0 });
    this.playButton.setAttribute('aria-pressed', 'true');
    this.playButton.textContent = 'Pause';
    // A live region updated four times a second would drown a screen reader; the summary speaks again on pause.
    this.summary.setAttribute('aria-live', 'off');
    this.timer = setInterval(() => {
      this.move(1);
      if (isLastStep(this.state)) this.stop();
    }, 1000 / PLAY_RATE);
  }

  private move(delta: number): void {
    this.commit(step(this.state, delta));
  }

  private commit(state: Kernel3dState): void {
    this.state = state;
    showNotes(this.notes, []);
    this.render();
    this.onChange(state);
  }

  private controlId(key: Key): string {
    return uniqueId(`vnn-k3-${key}`);
  }

  private select(key: Key): HTMLElement {
    const s = setting(key) as ChoiceSetting;
    const id = this.controlId(key);
    const labels = CHOICE_TEXT[key] ?? {};
    const select = h('select', { id }, ...s.choices.map((c) => h('option', { value: String(c) }, labels[String(c)] ?? String(c))));
    select.addEventListener('change', () => {
      const parsed = parseValue(s, select.value);
      if ('value' in parsed) this.commit(withValue(this.state, key, parsed.value as never));
    });
    this.controls.set(key, select);
    return h('div', { class: 'vnn-k3-field' }, h('label', { for: id }, s.label), select);
  }

  private slider(key: Key): HTMLElement {
    const s = setting(key) as NumberSetting;
    const id = this.controlId(key);
    const input = h('input', { id, type: 'range', min: s.min, max: s.max, step: 1 });
    const shown = h('output', { for: id, class: 'vnn-k3-value', 'aria-hidden': 'true' });
    input.addEventListener('input', () => this.commit(withValue(this.state, key, Number(input.value) as never)));
    this.controls.set(key, input);
    this.outputsShown.set(key, shown);
    return h('div', { class: 'vnn-k3-field vnn-k3-slider' }, h('label', { for: id }, s.label), input, shown);
  }

  private seedField(): HTMLElement {
    const s = setting('seed') as NumberSetting;
    const id = this.controlId('seed');
    const input = h('input', { id, type: 'number', inputmode: 'numeric', min: s.min, max: s.max, step: 1, 'aria-describedby': this.seedError.id });
    input.addEventListener('input', () => {
      const parsed = parseValue(s, input.value);
      if (!('value' in parsed)) {
        input.setAttribute('aria-invalid', 'true');
        this.seedError.textContent = `Enter ${describeRange(s)}.`;
        return;
      }
      input.removeAttribute('aria-invalid');
      this.seedError.textContent = '';
      this.commit(withValue(this.state, 'seed', parsed.value as number));
    });
    // Leaving the box with an invalid entry puts the seed in use back.
    input.addEventListener('change', () => {
      if (input.getAttribute('aria-invalid') !== 'true') return;
      input.removeAttribute('aria-invalid');
      this.seedError.textContent = '';
      this.render();
    });
    this.controls.set('seed', input);
    return h('div', { class: 'vnn-k3-field' }, h('label', { for: id }, s.label), input, this.seedError);
  }

  /** Theme colours for the canvases, read from the widget's CSS variables. */
  colours(): FlatColours & { muted: string } {
    const style = getComputedStyle(this.root);
    const accent = style.getPropertyValue('--vnn-accent').trim() || '#2a4fb8';
    const muted = style.getPropertyValue('--vnn-muted').trim() || '#666';
    return { accent, muted, negative: [33, 102, 172], positive: [202, 42, 38], zero: parseRgb(getComputedStyle(this.zeroProbe).color) ?? [192, 194, 199] };
  }

  private render(): void {
    const state = this.state;
    const shape = outputShape(state);
    const maxima: Partial<Record<Key, number>> = { t: shape[0] - 1, y: shape[1] - 1, x: shape[2] - 1 };
    for (const [key, control] of this.controls) {
      if (key === 'seed' && control.getAttribute('aria-invalid') === 'true') continue;
      if (maxima[key] !== undefined) control.setAttribute('max', String(maxima[key]));
      control.value = String(state[key]);
      const shown = this.outputsShown.get(key);
      if (shown) shown.textContent = maxima[key] !== undefined ? `${state[key]} of 0–${maxima[key]}` : String(state[key]);
      if (maxima[key] !== undefined) control.setAttribute('aria-valuetext', `${state[key]} of ${maxima[key]! + 1} positions, 0 to ${maxima[key]}`);
    }
    const w = inputWindow(state);
    this.frameStrip.setAttribute('aria-label', `The ${CLIP.frames} frames of the clip; the kernel covers ${describeSpan('frames', w.t, CLIP.frames)}.`);
    const [ot, oh, ow] = shape;
    const [, h2, w2] = outputShape2d(state);
    const f = frame2d(state);
    this.output3dCaption.textContent = `3-D output, frame ${state.t} of ${ot} (${oh}×${ow} each)`;
    this.frame2dCaption.textContent = `Frame ${f}, ${state.kh}×${state.kw} kernel`;
    this.output2dCaption.textContent = `2-D output of frame ${f} (${h2}×${w2})`;
    const values = this.currentOutputs();
    const rows: [string, string, string][] = [
      ['position', 'Output position (t, y, x)', `${state.t}, ${state.y}, ${state.x}`],
      ['window', 'Input under the kernel', `${describeSpan('frames', w.t, CLIP.frames)}; ${describeSpan('rows', w.y, CLIP.size)}; ${describeSpan('columns', w.x, CLIP.size)}`],
      ['value3d', '3-D output value', values ? formatValue(value3d(state, values)) : 'computing…'],
      ['value2d', `2-D output value (frame ${f})`, values ? formatValue(value2d(state, values)) : 'computing…'],
      ['shape3d', '3-D output (T×H×W)', `${ot}×${oh}×${ow}`],
      ['shape2d', '2-D output', `${h2}×${w2} for each of the ${CLIP.frames} frames`],
    ];
    this.numbers.replaceChildren(...rows.map(([name, term, value]) => h('div', { 'data-result': name }, h('dt', {}, term), h('dd', {}, value))));
    drawFlat(this.canvases, state, this.clip, values, this.colours());
    this.summary.textContent = describe(state, values);
    this.onRedraw();
  }
}

/** "rgb(12, 34, 56)" → [12, 34, 56]. */
function parseRgb(text: string): Rgb | undefined {
  const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(text);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}
