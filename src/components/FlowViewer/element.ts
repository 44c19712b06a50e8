/**
 * <vnn-flow-viewer>: dense optical flow, computed in the reader's browser, on a
 * generated clip, the reader's own video file or the webcam. Attributes are its
 * state (source, motion, seed, size, quality, display, frame); bad ones fall
 * back with a visible note. TensorFlow.js loads when the viewer comes into view.
 *
 * Data attributes mirror what is on screen, for tests and the curious:
 * data-status (waiting | loading | ready | error), data-backend, data-error
 * (the kind of the last input problem), data-frame / data-frames, data-flows
 * (pairs computed so far), data-tensors (tf.memory().numTensors after the last
 * pair: flat when nothing leaks), data-mean-magnitude, data-mean-u, data-mean-v
 * (pixels) and data-gap (seconds between the pair's frames).
 */
import '../shared/widget.css';
import './flowViewer.css';
import { whenVisible } from '../shared/lazy';
import { summariseFlow } from '../../lib/video-nn/flow/summary';
import { InputError, WebcamFeed, readVideoFile, resampleFrames, type Frames } from './decode';
import { displayRadius } from './draw';
import type { FlowEngine } from './flowEngine';
import { CAPTURE, WEBCAM_FRAMES, formatDuration, shortName, workingSize } from './input';
import {
  CLIP_FPS, DEFAULT_STATE, QUALITY, SETTINGS, clampFrame, describeFlow, formatSeconds, motionClass, motionName, nextFrame, parseState, toQuery,
  type FlowViewerState, type SourceKind,
} from './state';
import { FlowViewerView, type PairPicture } from './view';

const ATTRIBUTES = SETTINGS.map((s) => s.key);
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The frames on screen: as read (files and the webcam are stored once) and at the working size. */
interface Shown {
  kind: SourceKind;
  label: string;
  stored: Frames;
  working: Frames;
  fps: number;
}

export class FlowViewerElement extends HTMLElement {
  static readonly observedAttributes = ATTRIBUTES;
  private view: FlowViewerView | undefined;
  private state: FlowViewerState = { ...DEFAULT_STATE };
  private engine: FlowEngine | undefined;
  private engineModule: typeof import('./flowEngine') | undefined;
  private starting: Promise<void> | undefined;
  private shown: Shown | undefined;
  private lastFile: Shown | undefined;
  private webcam: WebcamFeed | undefined;
  private last: PairPicture | undefined;
  private playing = false;
  private playToken = 0;
  private rendering: Promise<void> | undefined;
  private wanted: number | undefined;
  /** Bumped whenever the frames on screen change, so a flow computed for old frames is not drawn. */
  private version = 0;
  private reading: AbortController | undefined;
  private flows = 0;
  private reflecting = false;
  private readonly notes = { url: [] as string[], source: [] as string[], runtime: [] as string[] };

  connectedCallback(): void {
    if (this.view) return;
    const { state, notes } = parseState(this.attributePairs());
    this.state = state;
    this.notes.url = notes;
    this.view = new FlowViewerView(state, {
      change: (patch) => void this.change(patch, true),
      newClip: () => void this.change({ seed: this.state.seed >= 2 ** 32 - 1 ? 0 : this.state.seed + 1 }, true),
      togglePlay: () => (this.playing ? this.pause() : void this.play()),
      file: (file) => void this.readFile(file),
      webcam: (on) => void (on ? this.webcamOn() : this.webcamOff()),
    });
    this.refreshNotes();
    this.dataset.status = 'waiting';
    this.replaceChildren(this.view.root);
    whenVisible(this, () => void this.start());
  }

  disconnectedCallback(): void {
    this.pause();
    this.reading?.abort();
    this.webcamOff();
  }

  attributeChangedCallback(): void {
    if (!this.view || this.reflecting) return;
    const { state, notes } = parseState(this.attributePairs());
    this.notes.url = notes;
    this.refreshNotes();
    void this.change(state, false);
  }

  /** Sets state from outside (an embed page's URL), with the notes to show. */
  setState(state: FlowViewerState, notes: readonly string[] = []): void {
    this.connectedCallback();
    this.notes.url = [...notes];
    this.refreshNotes();
    void this.change(state, true);
  }

  get query(): string {
    return toQuery(this.state);
  }

  private attributePairs(): [string, string][] {
    return ATTRIBUTES.filter((a) => this.hasAttribute(a)).map((a) => [a, this.getAttribute(a) ?? '']);
  }

  private refreshNotes(): void {
    this.view?.setNotes([...this.notes.url, ...this.notes.runtime, ...this.notes.source]);
  }

  /** Mirrors the state into attributes (non-defaults only) and tells listeners (the embed page's address bar). */
  private reflect(): void {
    this.reflecting = true;
    try {
      for (const name of ATTRIBUTES) this.removeAttribute(name);
      const query = toQuery(this.state);
      for (const [key, value] of new URLSearchParams(query)) this.setAttribute(key, value);
      this.dispatchEvent(new CustomEvent('vnn-change', { bubbles: true, detail: { query } }));
    } finally {
      this.reflecting = false;
    }
  }

  private start(): Promise<void> {
    this.starting ??= (async () => {
      const view = this.view!;
      this.dataset.status = 'loading';
      view.setBusy('Loading TensorFlow.js…');
      try {
        // Dynamic import: no tfjs on the page until the viewer is about to be seen.
        this.engineModule = await import('./flowEngine');
        this.engine = await this.engineModule.FlowEngine.start();
      } catch (error) {
        view.setBusy(undefined);
        view.showError(`TensorFlow.js could not start in this browser (${message(error)}), so no flow can be computed here. The rest of the page still works.`);
        this.dataset.status = 'error';
        return;
      }
      const engine = this.engine;
      this.dataset.backend = engine.backend;
      view.setRuntime(`Flow runs on ${engine.backendLabel} in this browser.`);
      if (engine.backend !== 'webgl') {
        this.notes.runtime = [`${engine.fallbackReasons.join('; ')}, so flow runs on ${engine.backendLabel} instead: it works, more slowly (a smaller working size and the quick preset help).`];
        this.refreshNotes();
      }
      view.setBusy(undefined);
      await this.showSource();
    })();
    return this.starting;
  }

  /** Applies a change from the controls or outside; `reflect` writes it back to attributes. */
  private async change(patch: Partial<FlowViewerState>, reflect: boolean): Promise<void> {
    const before = this.state;
    this.state = { ...before, ...patch };
    const changed = (key: keyof FlowViewerState) => this.state[key] !== before[key];
    this.view?.setState(this.state);
    if (reflect && !this.playing) this.reflect();
    if (!this.engine) return;
    if (changed('source')) {
      this.pause();
      if (before.source === 'webcam') this.webcamOff();
      await this.showSource();
    } else if (this.state.source === 'clip' && (changed('motion') || changed('seed') || changed('size'))) {
      this.showClip();
    } else if (changed('size') && this.shown && this.shown.kind === this.state.source) {
      this.setShown({ ...this.shown, working: this.resampled(this.shown.stored) });
    } else if (changed('quality') || (changed('frame') && this.state.frame !== this.last?.index)) {
      await this.render(this.state.frame);
    } else if (changed('display') && this.last) {
      this.view!.showPair(this.last);
    }
  }

  /** Shows what the current source has: the clip, the last file read, or the webcam's frames. */
  private async showSource(): Promise<void> {
    const view = this.view!;
    this.notes.source = [];
    if (this.state.source === 'clip') {
      this.showClip();
    } else if (this.state.source === 'file' && this.lastFile) {
      this.setShown({ ...this.lastFile, working: this.resampled(this.lastFile.stored) });
    } else if (this.state.source === 'webcam' && this.webcam) {
      this.setShown(this.webcamShown(this.webcam));
    } else {
      this.shown = undefined;
      this.last = undefined;
      this.version++;
      view.setFrames(0, 0, false);
      view.showEmpty(this.state.source === 'file' ? 'Choose a video file above (or drop one on the box) to see its flow.' : 'Press “Turn on the webcam” to see the flow of what your camera sees.');
      this.dataset.status = 'ready';
    }
    this.refreshNotes();
    await this.rendering;
  }

  private showClip(): void {
    const { seed, motion, size } = this.state;
    const clip = this.engineModule!.generatedClip(seed, motionClass(motion), size);
    this.setShown({ kind: 'clip', label: `generated clip (${motionName(motion)}, seed ${seed})`, stored: clip, working: clip, fps: CLIP_FPS });
  }

  private resampled(stored: Frames): Frames {
    const { width, height } = workingSize(stored.width, stored.height, this.state.size);
    return resampleFrames(stored, width, height);
  }

  /** New frames on screen: the asked-for pair (clamped to the source, with a note) is computed. */
  private setShown(shown: Shown): void {
    this.version++;
    this.shown = shown;
    const frames = shown.working.frames.length;
    if (frames >= 2) {
      const { frame, note } = clampFrame(this.state.frame, frames);
      if (note) this.notes.source.push(note);
      this.refreshNotes();
      this.state.frame = frame;
      this.view!.setFrames(frame, frames, true);
      void this.render(frame);
    } else {
      this.view!.setFrames(0, frames, shown.kind === 'webcam');
    }
  }

  /** Computes pair `frame`; while one is running, only the latest request waits (scrubbing stays responsive). */
  private render(frame: number): Promise<void> {
    this.wanted = frame;
    this.rendering ??= (async () => {
      try {
        while (this.wanted !== undefined) {
          const next = this.wanted;
          this.wanted = undefined;
          await this.computePair(next);
        }
      } finally {
        this.rendering = undefined;
      }
    })();
    return this.rendering;
  }

  private async computePair(requested: number): Promise<void> {
    const { shown, engine, view } = this;
    if (!shown || !engine || !view) return;
    const { frames, times, width, height } = shown.working;
    if (frames.length < 2) return;
    const index = Math.min(requested, frames.length - 2);
    const version = this.version;
    const first = this.flows === 0;
    if (first) view.setBusy(engine.backend === 'webgl' ? 'Computing the first flow (this also prepares the GPU)…' : 'Computing the first flow…');
    try {
      const result = await engine.compute(frames[index]!, frames[index + 1]!, QUALITY[this.state.quality].options);
      this.flows++;
      this.dataset.flows = String(this.flows);
      this.dataset.tensors = String(result.tensors);
      if (version !== this.version) return;
      const summary = summariseFlow(result.field);
      const gap = times[index + 1]! - times[index]!;
      const description = describeFlow({ sourceLabel: shown.label, frame: index, frames: frames.length, width, height, summary, gap });
      this.last = {
        frame: frames[index]!, field: result.field, summary, radius: displayRadius(summary.maxMagnitude), index, frames: frames.length,
        description, sourceLabel: shown.label, ms: result.ms, backendLabel: engine.backendLabel,
      };
      view.showPair(this.last);
      view.setFrames(index, frames.length, true);
      this.state.frame = index;
      Object.assign(this.dataset, {
        frame: String(index), frames: String(frames.length), meanMagnitude: String(summary.meanMagnitude),
        meanU: String(summary.meanU), meanV: String(summary.meanV), gap: String(gap), status: 'ready',
      });
    } catch (error) {
      this.pause();
      view.showError(`Computing the flow failed: ${message(error)}`);
      this.dataset.status = 'error';
    } finally {
      if (first) view.setBusy(undefined);
    }
  }

  private async play(): Promise<void> {
    if (this.playing || !this.shown) return;
    this.playing = true;
    const token = ++this.playToken;
    this.view!.setPlaying(true);
    this.dataset.playing = 'true';
    while (this.playing && token === this.playToken && this.shown) {
      const started = performance.now();
      const shown = this.shown;
      let frame = this.state.frame;
      if (shown.kind === 'webcam' && this.webcam) {
        this.grabWebcam(this.webcam, shown);
        frame = shown.working.frames.length - 2;
      } else {
        frame = nextFrame(frame, shown.working.frames.length);
      }
      if (frame >= 0) await this.render(frame);
      // Never faster than the video itself (the pair's own time step; the clip's and webcam's rate); always yield.
      const times = shown.working.times;
      const step = shown.kind === 'file' && frame >= 0 && frame + 1 < times.length ? times[frame + 1]! - times[frame]! : 1 / shown.fps;
      await sleep(Math.max(0, 1000 * Math.min(1, step) - (performance.now() - started)));
    }
  }

  private pause(): void {
    if (!this.playing) return;
    this.playing = false;
    this.playToken++;
    this.view?.setPlaying(false);
    delete this.dataset.playing;
    this.reflect();
  }

  private async readFile(file: File): Promise<void> {
    await this.start();
    const view = this.view!;
    if (!this.engine) return;
    this.pause();
    this.reading?.abort();
    const reading = new AbortController();
    this.reading = reading;
    if (this.state.source !== 'file') await this.change({ source: 'file' }, true);
    view.clearError();
    delete this.dataset.error;
    const name = shortName(file.name);
    view.setBusy(`Reading “${name}”…`, 0);
    try {
      const read = await readVideoFile(file, {
        signal: reading.signal,
        onProgress: (p) => view.setBusy(`Reading “${name}”: ${p.frames} frames, ${formatSeconds(p.seconds)} of ${formatDuration(p.total)}…`, p.total > 0 ? Math.min(1, p.seconds / p.total) : undefined),
        preview: (video) => view.setPreview(video),
      });
      const stored: Frames = { width: read.width, height: read.height, frames: read.frames, times: read.times };
      this.lastFile = { kind: 'file', label: `video “${name}”`, stored, working: this.resampled(stored), fps: CAPTURE.framesPerSecond };
      this.notes.source = [...read.notes];
      this.state.frame = 0;
      if (this.state.source === 'file') this.setShown(this.lastFile);
      this.refreshNotes();
      this.reflect();
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return;
      this.dataset.error = error instanceof InputError ? error.kind : 'failed';
      view.showError(error instanceof InputError ? error.message : `Reading “${name}” failed: ${message(error)}`);
    } finally {
      if (this.reading === reading) {
        this.reading = undefined;
        view.setBusy(undefined);
      }
    }
  }

  private async webcamOn(): Promise<void> {
    await this.start();
    const view = this.view!;
    if (!this.engine || this.webcam) return;
    view.clearError();
    delete this.dataset.error;
    view.setBusy('Asking for the camera…');
    try {
      this.webcam = await WebcamFeed.open();
    } catch (error) {
      this.dataset.error = error instanceof InputError ? error.kind : 'webcam-failed';
      view.showError(error instanceof InputError ? error.message : `The camera could not be started: ${message(error)}`);
      return;
    } finally {
      view.setBusy(undefined);
    }
    view.setWebcamOn(true);
    this.state.frame = 0;
    this.setShown(this.webcamShown(this.webcam));
    void this.play();
  }

  private webcamOff(): void {
    if (!this.webcam) return;
    this.pause();
    this.webcam.stop();
    this.webcam = undefined;
    this.view?.setWebcamOn(false);
  }

  private webcamShown(feed: WebcamFeed): Shown {
    return { kind: 'webcam', label: 'webcam', stored: feed.frames, working: this.resampled(feed.frames), fps: CAPTURE.framesPerSecond };
  }

  /** One new camera frame, also at the working size; the oldest go once WEBCAM_FRAMES are kept. */
  private grabWebcam(feed: WebcamFeed, shown: Shown): void {
    feed.grab();
    const { width, height } = shown.working;
    const added = resampleFrames({ ...feed.frames, frames: feed.frames.frames.slice(-1), times: feed.frames.times.slice(-1) }, width, height);
    shown.working.frames.push(added.frames[0]!);
    shown.working.times.push(added.times[0]!);
    if (shown.working.frames.length > WEBCAM_FRAMES) {
      shown.working.frames.shift();
      shown.working.times.shift();
    }
  }
}

if (!customElements.get('vnn-flow-viewer')) customElements.define('vnn-flow-viewer', FlowViewerElement);

declare global {
  interface HTMLElementTagNameMap {
    'vnn-flow-viewer': FlowViewerElement;
  }
}
