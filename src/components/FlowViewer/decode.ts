/**
 * Frames from the reader's own video, decoded by the browser: a file through a
 * <video> element (captured frame by frame with requestVideoFrameCallback while
 * it plays, or by seeking where that callback is missing), or the webcam. Frames
 * are scaled down as they are read and kept as small RGBA images; the file and
 * the camera's pictures never leave the page.
 */
import {
  CAPTURE, MAX_FRAMES, SNIFF_BYTES, WEBCAM_FRAMES, captureNotes, fileProblemMessage, formatDuration, keepFrame, missingTimes, sniffFile,
  webcamProblemMessage, workingSize, type FileProblem, type Sniffed,
} from './input';

/** A problem with the reader's input: `kind` for tests and styling, `message` for the reader. */
export class InputError extends Error {
  constructor(readonly kind: string, message: string) {
    super(message);
    this.name = 'InputError';
  }
}

export interface Frames {
  width: number;
  height: number;
  frames: ImageData[];
  /** Each frame's time in the video, seconds. */
  times: number[];
}

export interface ReadVideo extends Frames {
  /** How the video was read (scaled, cut short), for the reader. */
  notes: string[];
}

export interface ReadProgress {
  frames: number;
  seconds: number;
  /** Seconds that will be read at most. */
  total: number;
}

/** Draws video (or any image source) scaled into a small canvas and reads the pixels back. */
export class FrameGrabber {
  private readonly canvas = document.createElement('canvas');
  private readonly ctx: CanvasRenderingContext2D;

  constructor(readonly width: number, readonly height: number) {
    this.canvas.width = width;
    this.canvas.height = height;
    const ctx = this.canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new InputError('no-canvas', 'This browser cannot draw into a canvas, so frames cannot be read.');
    // A 4K frame shrunk to 160 px aliases badly with plain bilinear sampling.
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = 'high';
    this.ctx = ctx;
  }

  grab(source: CanvasImageSource): ImageData {
    this.ctx.drawImage(source, 0, 0, this.width, this.height);
    return this.ctx.getImageData(0, 0, this.width, this.height);
  }
}

/** The same frames at another size (the working size is a reader's setting; files are read once). */
export function resampleFrames(source: Frames, width: number, height: number): Frames {
  // New arrays even at the same size: a live source appends to its own.
  if (source.width === width && source.height === height) return { width, height, frames: [...source.frames], times: [...source.times] };
  const from = document.createElement('canvas');
  from.width = source.width;
  from.height = source.height;
  const fromCtx = from.getContext('2d');
  if (!fromCtx) throw new InputError('no-canvas', 'This browser cannot draw into a canvas.');
  const grabber = new FrameGrabber(width, height);
  const frames = source.frames.map((f) => {
    fromCtx.putImageData(f, 0, 0);
    return grabber.grab(from);
  });
  return { width, height, frames, times: source.times };
}

const MEDIA_ERR_DECODE = 3;
const MEDIA_ERR_SRC_NOT_SUPPORTED = 4;

function waitFor(target: EventTarget, ok: string, signal: AbortSignal, timeoutMs: number): Promise<'ok' | 'error' | 'timeout'> {
  return new Promise((resolve, reject) => {
    const finish = (result: 'ok' | 'error' | 'timeout') => {
      clearTimeout(timer);
      target.removeEventListener(ok, onOk);
      target.removeEventListener('error', onError);
      signal.removeEventListener('abort', onAbort);
      resolve(result);
    };
    const onOk = () => finish('ok');
    const onError = () => finish('error');
    const onAbort = () => {
      finish('error');
      reject(new DOMException('Reading was stopped', 'AbortError'));
    };
    const timer = setTimeout(() => finish('timeout'), timeoutMs);
    target.addEventListener(ok, onOk);
    target.addEventListener('error', onError);
    signal.addEventListener('abort', onAbort);
  });
}

function problem(kind: FileProblem, file: File, sniffed: Sniffed): InputError {
  return new InputError(kind, fileProblemMessage(kind, file.name, sniffed));
}

/** Why the element refused the file, from its MediaError code and what the bytes look like. */
function mediaProblem(video: HTMLVideoElement, file: File, sniffed: Sniffed): InputError {
  const code = video.error?.code;
  if (code === MEDIA_ERR_SRC_NOT_SUPPORTED) return problem(sniffed.kind === 'video' ? 'unsupported' : 'not-video', file, sniffed);
  if (code === MEDIA_ERR_DECODE) return problem('damaged', file, sniffed);
  return problem(sniffed.kind === 'video' ? 'damaged' : 'not-video', file, sniffed);
}

/**
 * Reads the first seconds of a video file into small frames. `preview` receives
 * the playing <video> element to show while reading (a video that is on screen
 * reliably gets frame callbacks). Throws InputError with a reader's message.
 */
export async function readVideoFile(
  file: File,
  options: { signal: AbortSignal; onProgress: (p: ReadProgress) => void; preview: (video: HTMLVideoElement | undefined) => void },
): Promise<ReadVideo> {
  if (file.size === 0) throw problem('empty', file, { kind: 'unknown' });
  const sniffed = sniffFile(new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer()));
  if (sniffed.kind === 'other') throw problem('not-video', file, sniffed);
  const url = URL.createObjectURL(file);
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.preload = 'auto';
  video.setAttribute('aria-label', `${file.name}, being read`);
  try {
    video.src = url;
    const meta = await waitFor(video, 'loadeddata', options.signal, 15_000);
    if (meta === 'error') throw mediaProblem(video, file, sniffed);
    if (meta === 'timeout') throw problem(sniffed.kind === 'video' ? 'stalled' : 'not-video', file, sniffed);
    if (video.videoWidth === 0 || video.videoHeight === 0) throw problem('no-picture', file, sniffed);
    const size = workingSize(video.videoWidth, video.videoHeight, CAPTURE.storeSize);
    const notes = captureNotes({ width: video.videoWidth, height: video.videoHeight, duration: video.duration }, size);
    options.preview(video);
    const grabber = new FrameGrabber(size.width, size.height);
    const total = Number.isFinite(video.duration) ? Math.min(video.duration, CAPTURE.seconds) : CAPTURE.seconds;
    const read = 'requestVideoFrameCallback' in video ? await readWhilePlaying(video, grabber, total, options) : { frames: [], times: [], failed: false };
    // Frames the callbacks missed (a busy page, a slow start), or every frame where there are no callbacks: by seeking.
    if (!read.failed) await fillBySeeking(video, grabber, read, Number.isFinite(video.duration) ? total : (read.times.at(-1) ?? 0), options);
    if (read.frames.length < 2) throw problem(read.failed ? 'damaged' : 'stalled', file, sniffed);
    const last = read.times.at(-1)!;
    // Ended with an error, or well before the end it announced: say the file stopped early.
    if (read.failed || (Number.isFinite(video.duration) && total - last > 0.5 && read.frames.length < MAX_FRAMES)) {
      notes.push(`Decoding stopped at ${formatDuration(last)} of ${formatDuration(total)}: the file looks damaged or cut short. Showing the ${read.frames.length} frames read.`);
    }
    return { width: size.width, height: size.height, frames: read.frames, times: read.times, notes };
  } finally {
    options.preview(undefined);
    video.pause();
    video.removeAttribute('src');
    video.load();
    URL.revokeObjectURL(url);
  }
}

interface Read {
  frames: ImageData[];
  times: number[];
  /** The element reported an error part way. */
  failed: boolean;
}

/** Plays the video (muted, at double speed) and keeps one presented frame per 1/fps s of video time. */
function readWhilePlaying(video: HTMLVideoElement, grabber: FrameGrabber, total: number, options: { signal: AbortSignal; onProgress: (p: ReadProgress) => void }): Promise<Read> {
  return new Promise((resolve, reject) => {
    const read: Read = { frames: [], times: [], failed: false };
    let last: number | undefined;
    let done = false;
    let watchdog = 0;
    const keep = (time: number) => {
      read.frames.push(grabber.grab(video));
      read.times.push(time);
      last = time;
      options.onProgress({ frames: read.frames.length, seconds: time, total });
    };
    const finish = (failed = false, abort = false) => {
      if (done) return;
      done = true;
      read.failed = failed;
      clearTimeout(watchdog);
      video.removeEventListener('ended', onEnded);
      video.removeEventListener('error', onError);
      options.signal.removeEventListener('abort', onAbort);
      video.pause();
      if (abort) reject(new DOMException('Reading was stopped', 'AbortError'));
      else resolve(read);
    };
    // No new frame for a while: the file ran out of data without saying so.
    const arm = () => {
      clearTimeout(watchdog);
      watchdog = window.setTimeout(() => finish(read.frames.length < 2), 4000);
    };
    const onFrame = (_now: number, meta: VideoFrameCallbackMetadata) => {
      if (done) return;
      if (keepFrame(meta.mediaTime, last)) keep(meta.mediaTime);
      if (read.frames.length >= MAX_FRAMES || meta.mediaTime >= CAPTURE.seconds) return finish();
      arm();
      video.requestVideoFrameCallback(onFrame);
    };
    const onEnded = () => finish();
    const onError = () => finish(true);
    const onAbort = () => finish(false, true);
    video.addEventListener('ended', onEnded);
    video.addEventListener('error', onError);
    options.signal.addEventListener('abort', onAbort);
    // The frame on screen before playing is the first one.
    keep(video.currentTime);
    video.requestVideoFrameCallback(onFrame);
    // Double speed halves the wait; a very large video plays at its own speed so the decoder keeps up.
    video.playbackRate = video.videoWidth * video.videoHeight > 1920 * 1080 ? 1 : 2;
    arm();
    video.play().catch(() => finish(true));
  });
}

/**
 * Seeks to every sample time (one per 1/fps s up to `end`) that has no frame
 * within half a period, and inserts the frame shown there. A seek lands on the
 * frame on screen at that time, so it aims a quarter period late to be safe
 * from rounding; in a video with fewer frames than samples it lands on a frame
 * already read, and that repeat is dropped. A failed seek (a damaged tail)
 * ends the filling quietly.
 */
async function fillBySeeking(video: HTMLVideoElement, grabber: FrameGrabber, read: Read, end: number, options: { signal: AbortSignal; onProgress: (p: ReadProgress) => void }): Promise<void> {
  const missing = missingTimes(read.times, end);
  if (missing.length === 0) return;
  video.pause();
  const period = 1 / CAPTURE.framesPerSecond;
  const entries = read.frames.map((image, i) => ({ time: read.times[i]!, image, exact: true }));
  for (const time of missing) {
    video.currentTime = time + period / 4;
    if ((await waitFor(video, 'seeked', options.signal, 5000)) !== 'ok') break;
    entries.push({ time, image: grabber.grab(video), exact: false });
    options.onProgress({ frames: entries.length, seconds: time, total: end });
  }
  entries.sort((a, b) => a.time - b.time);
  const kept: typeof entries = [];
  for (const e of entries) {
    const previous = kept.at(-1);
    // A sought frame that repeats its neighbour is the same video frame: keep one, with the exact time where there is one.
    if (previous && !(previous.exact && e.exact) && sameImage(previous.image, e.image)) {
      if (e.exact) kept[kept.length - 1] = e;
      continue;
    }
    kept.push(e);
  }
  // A still video read only by seeking collapses to one frame: keep two, whose flow is honestly zero.
  if (kept.length < 2 && entries.length >= 2) kept.push(entries.at(-1)!);
  read.frames = kept.map((e) => e.image).slice(0, MAX_FRAMES);
  read.times = kept.map((e) => e.time).slice(0, MAX_FRAMES);
}

function sameImage(a: ImageData, b: ImageData): boolean {
  if (a.width !== b.width || a.height !== b.height) return false;
  const x = new Uint32Array(a.data.buffer, a.data.byteOffset, a.data.length / 4);
  const y = new Uint32Array(b.data.buffer, b.data.byteOffset, b.data.length / 4);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/** The webcam: a live <video> of the camera stream, grabbed into small frames on demand. */
export class WebcamFeed {
  readonly frames: Frames;
  private readonly grabber: FrameGrabber;
  private readonly start = performance.now();

  private constructor(private readonly stream: MediaStream, readonly video: HTMLVideoElement) {
    const size = workingSize(video.videoWidth, video.videoHeight, CAPTURE.storeSize);
    this.grabber = new FrameGrabber(size.width, size.height);
    this.frames = { ...size, frames: [], times: [] };
  }

  /** Asks for the camera (the browser asks the reader); throws InputError saying why it is unavailable. */
  static async open(): Promise<WebcamFeed> {
    const devices = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined;
    if (!devices || typeof devices.getUserMedia !== 'function') {
      const { kind, message } = webcamProblemMessage(undefined);
      throw new InputError(kind, message);
    }
    let stream: MediaStream;
    try {
      stream = await devices.getUserMedia({ video: { width: { ideal: 320 }, height: { ideal: 240 } }, audio: false });
    } catch (error) {
      const name = error instanceof Error || error instanceof DOMException ? error.name : undefined;
      const { kind, message } = webcamProblemMessage(name ?? 'Error', error instanceof Error ? error.message : String(error));
      throw new InputError(kind, message);
    }
    const video = document.createElement('video');
    video.muted = true;
    video.playsInline = true;
    video.srcObject = stream;
    try {
      await video.play();
      if (video.readyState < 2) await waitFor(video, 'loadeddata', new AbortController().signal, 10_000);
    } catch {
      // Reported below as a camera that gives no picture.
    }
    if (!video.videoWidth) {
      for (const track of stream.getTracks()) track.stop();
      throw new InputError('webcam-failed', 'The camera started but gave no picture. Try again, or use a video file.');
    }
    return new WebcamFeed(stream, video);
  }

  /** Takes the frame on screen now; keeps the last WEBCAM_FRAMES. */
  grab(): void {
    this.frames.frames.push(this.grabber.grab(this.video));
    this.frames.times.push((performance.now() - this.start) / 1000);
    if (this.frames.frames.length > WEBCAM_FRAMES) {
      this.frames.frames.shift();
      this.frames.times.shift();
    }
  }

  stop(): void {
    for (const track of this.stream.getTracks()) track.stop();
    this.video.srcObject = null;
  }
}
