/**
 * Draws the tensor explorer: the clip chooser, the clip as a stack of frames
 * with the slice marked on each, the slice itself as an image, the sliders
 * for (t, y, x) and the channel, and one panel per memory layout (shape,
 * strides, the offset sum, the value read there and its neighbours in
 * memory). It shows only what state.ts and the library compute.
 */
import { h, showNotes, uniqueId } from '../shared/dom';
import { outline, paintPixels, pixelAt, sizeCanvas } from '../shared/pixelCanvas';
import { formatCount } from '../../lib/video-nn/analysis/videoSize';
import { CLIP_LAYOUTS, type ClipLayout } from '../../lib/video-nn/analysis/tensorLayout';
import {
  CHANNEL_NAMES, DATASETS, DATASET_IDS, DIMS, LAYOUT_LABEL, LAYOUT_USED_BY, SETTINGS, SLICE_AXES, classesOf, describe, formatValue, offsetSum,
  sliceName, withDataset, type DatasetId, type Explored, type SliceKey, type TensorExplorerState,
} from './state';

/** Canvas pixels per clip pixel: the frames in the stack, and the slice image. */
const FRAME_SCALE = 4;
const SLICE_SCALE = 8;

const SLICE_BUTTONS: { key: SliceKey; label: string }[] = [
  { key: 't', label: 'T: one frame' },
  { key: 'h', label: 'H: one row over time' },
  { key: 'w', label: 'W: one column over time' },
];
const AXIS_WORD = { t: 't (time)', y: 'y (row)', x: 'x (column)', c: 'c' } as const;
type Coordinate = 't' | 'y' | 'x';
const COORDINATES: Coordinate[] = ['t', 'y', 'x'];
const setting = (key: string) => SETTINGS.find((s) => s.key === key)!;

export interface ExplorerCallbacks {
  /** The reader changed something; the element validates a typed seed before committing. */
  change: (state: TensorExplorerState) => void;
  seedTyped: (raw: string) => void;
  newClip: () => void;
}

export class TensorExplorerView {
  readonly root: HTMLElement;
  private state: TensorExplorerState;
  private explored: Explored | undefined;
  private clip: Float32Array | undefined;
  private readonly dataSelect: HTMLSelectElement;
  private readonly classSelect: HTMLSelectElement;
  readonly seedInput: HTMLInputElement;
  private readonly frames: HTMLElement;
  private readonly frameCanvases: HTMLCanvasElement[] = [];
  private readonly sliceButtons = new Map<SliceKey, HTMLButtonElement>();
  private readonly sliders = new Map<Coordinate, { input: HTMLInputElement; label: HTMLLabelElement; output: HTMLOutputElement }>();
  private readonly channelButtons: HTMLButtonElement[] = [];
  private readonly sliceCanvas: HTMLCanvasElement;
  private readonly sliceCaption: HTMLElement;
  private readonly rowLabel: HTMLElement;
  private readonly colLabel: HTMLElement;
  private readonly pixelLine: HTMLElement;
  private readonly panels = new Map<ClipLayout, HTMLElement>();
  private readonly summary: HTMLElement;
  private readonly notes = h('ul', { class: 'vnn-notes', 'aria-live': 'polite' });

  constructor(state: TensorExplorerState, private readonly on: ExplorerCallbacks) {
    this.state = state;
    const titleId = uniqueId('vnn-te-title');

    const dataId = uniqueId('vnn-te-data');
    this.dataSelect = h('select', { id: dataId }, ...DATASET_IDS.map((id) => h('option', { value: id }, DATASETS[id].label)));
    this.dataSelect.addEventListener('change', () => this.on.change(withDataset(this.state, this.dataSelect.value as DatasetId)));
    const classId = uniqueId('vnn-te-class');
    this.classSelect = h('select', { id: classId });
    this.classSelect.addEventListener('change', () => this.on.change({ ...this.state, class: this.classSelect.value }));
    const seedId = uniqueId('vnn-te-seed');
    const seed = setting('seed');
    this.seedInput = h('input', { id: seedId, type: 'number', inputmode: 'numeric', min: 0, max: seed.kind === 'number' ? seed.max : 0, step: 1 });
    this.seedInput.addEventListener('change', () => this.on.seedTyped(this.seedInput.value));
    const newClip = h('button', { type: 'button' }, 'New clip');
    newClip.addEventListener('click', () => this.on.newClip());
    const chooser = h(
      'form',
      { class: 'vnn-te-chooser', 'aria-label': 'Which clip', novalidate: true },
      h('div', { class: 'vnn-te-field' }, h('label', { for: dataId }, 'Dataset'), this.dataSelect),
      h('div', { class: 'vnn-te-field' }, h('label', { for: classId }, 'Class'), this.classSelect),
      h('div', { class: 'vnn-te-field' }, h('label', { for: seedId }, 'Clip seed'), this.seedInput),
      newClip,
    );
    chooser.addEventListener('submit', (event) => {
      event.preventDefault();
      this.on.seedTyped(this.seedInput.value);
    });

    this.frames = h('div', { class: 'vnn-te-frames', role: 'img' });
    for (let t = 0; t < DIMS.frames; t++) {
      const canvas = h('canvas', { class: 'vnn-te-frame', 'data-t': t });
      sizeCanvas(canvas, { rows: DIMS.height, cols: DIMS.width }, FRAME_SCALE);
      // Pointer shortcut: a click on a frame selects that frame and the pixel under the pointer.
      canvas.addEventListener('click', (event) => {
        const { row, col } = pixelAt(canvas, event, DIMS.height, DIMS.width);
        this.on.change({ ...this.state, t, y: row, x: col });
      });
      this.frameCanvases.push(canvas);
      this.frames.append(h('div', { class: 'vnn-te-frame-cell', 'aria-hidden': 'true' }, canvas, h('span', {}, `t = ${t}`)));
    }

    const sliceGroup = h('div', { class: 'vnn-te-buttons', role: 'group', 'aria-label': 'Slice along' });
    for (const b of SLICE_BUTTONS) {
      const button = h('button', { type: 'button', 'aria-pressed': 'false', 'data-slice': b.key }, b.label);
      button.addEventListener('click', () => this.on.change({ ...this.state, slice: b.key }));
      this.sliceButtons.set(b.key, button);
      sliceGroup.append(button);
    }

    const sliders = h('div', { class: 'vnn-te-sliders' });
    for (const key of COORDINATES) {
      const s = setting(key);
      const id = uniqueId(`vnn-te-${key}`);
      const input = h('input', { id, type: 'range', min: 0, max: s.kind === 'number' ? s.max : 0, step: 1, 'data-axis': key });
      const output = h('output', { for: id, 'aria-hidden': 'true' });
      const label = h('label', { for: id });
      input.addEventListener('input', () => this.on.change({ ...this.state, [key]: Number(input.value) }));
      this.sliders.set(key, { input, label, output });
      sliders.append(h('div', { class: 'vnn-te-slider', 'data-axis': key }, label, input, output));
    }
    const channels = h('div', { class: 'vnn-te-buttons', role: 'group', 'aria-label': 'Channel c' });
    CHANNEL_NAMES.forEach((name, c) => {
      const button = h('button', { type: 'button', 'aria-pressed': 'false', 'data-channel': c }, `${name} (c = ${c})`);
      button.addEventListener('click', () => this.on.change({ ...this.state, c }));
      this.channelButtons.push(button);
      channels.append(button);
    });

    this.sliceCanvas = h('canvas', { class: 'vnn-te-slice', role: 'img' });
    this.sliceCanvas.addEventListener('click', (event) => this.pickInSlice(event));
    this.sliceCaption = h('p', { class: 'vnn-te-caption' });
    this.rowLabel = h('span', { class: 'vnn-te-axis vnn-te-axis-rows', 'aria-hidden': 'true' });
    this.colLabel = h('span', { class: 'vnn-te-axis vnn-te-axis-cols', 'aria-hidden': 'true' });
    this.pixelLine = h('p', { class: 'vnn-te-pixel' });

    const layouts = h('div', { class: 'vnn-te-layouts' });
    for (const layout of CLIP_LAYOUTS) {
      const panel = h('section', { class: 'vnn-te-layout', 'data-layout': layout, 'aria-label': `Stored ${LAYOUT_LABEL[layout]}` });
      this.panels.set(layout, panel);
      layouts.append(panel);
    }
    this.summary = h('p', { class: 'vnn-te-summary', 'aria-live': 'polite' });

    this.root = h(
      'div',
      { class: 'vnn-widget vnn-tensor-explorer not-content', role: 'group', 'aria-labelledby': titleId },
      h('p', { class: 'vnn-title', id: titleId }, 'A clip as a tensor'),
      chooser,
      this.notes,
      h('p', { class: 'vnn-te-caption' }, `The clip as a stack of ${DIMS.frames} frames (t counts from 0). The marks show the slice and the selected pixel; click a frame to select a pixel in it.`),
      this.frames,
      h('div', { class: 'vnn-te-controls' }, h('p', { class: 'vnn-te-label' }, 'Slice along'), sliceGroup, sliders, h('p', { class: 'vnn-te-label' }, 'Channel'), channels),
      h('figure', { class: 'vnn-te-slice-figure' }, h('div', { class: 'vnn-te-slice-box' }, this.colLabel, this.rowLabel, this.sliceCanvas), h('figcaption', {}, this.sliceCaption, this.pixelLine)),
      layouts,
      this.summary,
    );
  }

  setNotes(notes: readonly string[]): void {
    showNotes(this.notes, notes);
  }

  /** Shows a state: `clip` is its clip (T×H×W×C), `explored` what the library computes for it. */
  update(state: TensorExplorerState, clip: Float32Array, explored: Explored): void {
    this.state = state;
    this.clip = clip;
    this.explored = explored;
    this.renderControls();
    this.renderFrames();
    this.renderSlice();
    for (const layout of CLIP_LAYOUTS) this.renderLayout(layout);
    this.summary.textContent = describe(state, explored);
  }

  private renderControls(): void {
    const s = this.state;
    this.dataSelect.value = s.data;
    const classes = classesOf(s.data);
    if (this.classSelect.options.length !== classes.length || [...this.classSelect.options].some((o, i) => o.value !== classes[i])) {
      this.classSelect.replaceChildren(...classes.map((c) => h('option', { value: c }, c)));
    }
    this.classSelect.value = s.class;
    if (document.activeElement !== this.seedInput) this.seedInput.value = String(s.seed);
    this.seedInput.removeAttribute('aria-invalid');
    for (const [key, button] of this.sliceButtons) button.setAttribute('aria-pressed', String(key === s.slice));
    const sliced = SLICE_AXES[s.slice];
    for (const key of COORDINATES) {
      const { input, label, output } = this.sliders.get(key)!;
      input.value = String(s[key]);
      const name = key === 't' ? 'Frame t' : key === 'y' ? 'Row y' : 'Column x';
      label.textContent = key === sliced ? `${name}: the slice` : name;
      output.textContent = String(s[key]);
      input.setAttribute('aria-valuetext', `${name} = ${s[key]}`);
      input.closest('.vnn-te-slider')!.classList.toggle('is-slice', key === sliced);
    }
    this.channelButtons.forEach((b, c) => b.setAttribute('aria-pressed', String(c === s.c)));
  }

  private renderFrames(): void {
    const s = this.state;
    const clip = this.clip!;
    const frameSize = DIMS.height * DIMS.width * DIMS.channels;
    const scale = FRAME_SCALE;
    this.frames.setAttribute('aria-label', `The ${DIMS.frames} frames of the clip, t = 0 to ${DIMS.frames - 1}, with ${sliceName(s)} marked.`);
    this.frameCanvases.forEach((canvas, t) => {
      const ctx = canvas.getContext('2d');
      if (!ctx) return;
      paintPixels(ctx, { data: clip, start: t * frameSize, rows: DIMS.height, cols: DIMS.width, channels: DIMS.channels }, scale);
      canvas.classList.toggle('is-slice', s.slice === 't' && t === s.t);
      // The slice crosses every frame along H or W: mark the row or column it takes from this one.
      if (s.slice === 'h') outline(ctx, 2, s.y * scale, DIMS.width * scale - 4, scale);
      if (s.slice === 'w') outline(ctx, s.x * scale, 2, scale, DIMS.height * scale - 4);
      if (t === s.t) outline(ctx, s.x * scale, s.y * scale, scale, scale);
    });
  }

  private renderSlice(): void {
    const s = this.state;
    const e = this.explored!;
    const { slice, position } = e;
    sizeCanvas(this.sliceCanvas, slice, SLICE_SCALE);
    const ctx = this.sliceCanvas.getContext('2d');
    if (ctx) {
      paintPixels(ctx, slice, SLICE_SCALE);
      outline(ctx, position.col * SLICE_SCALE, position.row * SLICE_SCALE, SLICE_SCALE, SLICE_SCALE, 1.5);
    }
    this.sliceCanvas.dataset.rows = String(slice.rows);
    this.sliceCanvas.dataset.cols = String(slice.cols);
    this.sliceCanvas.dataset.row = String(position.row);
    this.sliceCanvas.dataset.col = String(position.col);
    this.sliceCanvas.setAttribute('aria-label', `The slice: ${sliceName(s)}. Rows are ${AXIS_WORD[slice.rowAxis]}, columns ${AXIS_WORD[slice.colAxis]}.`);
    this.rowLabel.textContent = `↓ ${AXIS_WORD[slice.rowAxis]}`;
    this.colLabel.textContent = `→ ${AXIS_WORD[slice.colAxis]}`;
    this.sliceCaption.textContent = `The slice: ${sliceName(s)}.${s.slice === 't' ? '' : ' Anything that moves sideways leaves a slanted streak.'}`;
    const rgb = e.pixel.map((v, c) => `${CHANNEL_NAMES[c]} ${formatValue(v)}`).join(', ');
    const same = e.layouts.CTHW.value === e.pixel[s.c] && e.layouts.THWC.value === e.pixel[s.c];
    this.pixelLine.textContent =
      `Selected pixel (t = ${s.t}, y = ${s.y}, x = ${s.x}): ${rgb}. Its ${CHANNEL_NAMES[s.c]} value ${same ? 'is the value both layouts read below' : 'differs from a layout’s read'}.`;
    this.pixelLine.dataset.value = String(e.pixel[s.c]);
  }

  private renderLayout(layout: ClipLayout): void {
    const view = this.explored!.layouts[layout];
    const panel = this.panels.get(layout)!;
    const axes = layout === 'CTHW' ? (['c', 't', 'y', 'x'] as const) : (['t', 'y', 'x', 'c'] as const);
    const rows: [string, string, string][] = [
      ['shape', 'Shape', view.shape.join(' × ')],
      ['strides', 'Strides', `(${axes.map((a) => formatCount(view.strides[a])).join(', ')}) for (${axes.join(', ')})`],
      ['offset', 'Offset', offsetSum(view)],
      ['value', 'Value there', formatValue(view.value)],
    ];
    const table = h(
      'table',
      { class: 'vnn-te-memory' },
      h('caption', {}, 'Neighbours in memory'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Offset'), h('th', { scope: 'col' }, `(${axes.join(', ')})`), h('th', { scope: 'col' }, 'Value'))),
      h(
        'tbody',
        {},
        ...view.memory.map((m) =>
          h(
            'tr',
            { class: m.selected ? 'is-selected' : '', 'data-offset': m.offset },
            h('td', {}, formatCount(m.offset)),
            h('td', {}, `(${axes.map((a) => m.index[a]).join(', ')})`, ...(m.selected ? [h('span', { class: 'vnn-visually-hidden' }, ' selected')] : [])),
            h('td', {}, formatValue(m.value)),
          ),
        ),
      ),
    );
    panel.dataset.offset = String(view.offset);
    panel.dataset.value = String(view.value);
    panel.replaceChildren(
      h('p', { class: 'vnn-te-layout-title' }, LAYOUT_LABEL[layout], h('span', {}, ` — ${LAYOUT_USED_BY[layout]}`)),
      h('dl', {}, ...rows.map(([name, term, value]) => h('div', { 'data-row': name }, h('dt', {}, term), h('dd', {}, value)))),
      table,
    );
  }

  private pickInSlice(event: MouseEvent): void {
    const e = this.explored;
    if (!e) return;
    const { row, col } = pixelAt(this.sliceCanvas, event, e.slice.rows, e.slice.cols);
    this.on.change({ ...this.state, [e.slice.rowAxis]: row, [e.slice.colAxis]: col });
  }
}
