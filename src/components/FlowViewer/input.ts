/**
 * The reader's own video, the pure part: what kind of file this is (from its
 * first bytes, not its name), how much of it is read and at what size, and
 * every message a bad file or a refused webcam gets. No DOM, so it is tested in Node.
 */

/** How much of a file is read: the first `seconds`, `framesPerSecond` frames a second, stored at most `storeSize` px on the longest side. */
export const CAPTURE = { seconds: 10, framesPerSecond: 15, storeSize: 160 } as const;
export const MAX_FRAMES = CAPTURE.seconds * CAPTURE.framesPerSecond;
/** Frames the webcam keeps for scrubbing back (the oldest are dropped). */
export const WEBCAM_FRAMES = 150;
/** Above this many pixels a frame counts as "very large" and the note says so. */
const LARGE_PIXELS = 1920 * 1080;

export type Container = 'webm' | 'mp4' | 'quicktime' | 'ogg' | 'avi' | 'mpeg-ts' | 'mpeg-ps' | 'flv' | 'asf';
export const CONTAINER_NAMES: Record<Container, string> = {
  webm: 'WebM/Matroska',
  mp4: 'MP4',
  quicktime: 'QuickTime',
  ogg: 'Ogg',
  avi: 'AVI',
  'mpeg-ts': 'MPEG transport stream',
  'mpeg-ps': 'MPEG program stream',
  flv: 'Flash video',
  asf: 'Windows Media',
};

export type Sniffed = { kind: 'video'; container: Container } | { kind: 'other'; what: string } | { kind: 'unknown' };

const ascii = (b: Uint8Array, at: number, n: number): string => String.fromCharCode(...b.subarray(at, at + n));
const startsWith = (b: Uint8Array, bytes: readonly number[], at = 0): boolean => bytes.every((v, i) => b[at + i] === v);

/** Bytes a sniff needs from the start of a file. */
export const SNIFF_BYTES = 512;

/** What a file is, from its first bytes (the signatures in the WHATWG MIME sniffing spec and the container specs). */
export function sniffFile(b: Uint8Array): Sniffed {
  const video = (container: Container): Sniffed => ({ kind: 'video', container });
  if (startsWith(b, [0x1a, 0x45, 0xdf, 0xa3])) return video('webm');
  const box = ascii(b, 4, 4);
  if (box === 'ftyp') return video(ascii(b, 8, 4) === 'qt  ' ? 'quicktime' : 'mp4');
  if (['moov', 'mdat', 'wide', 'free', 'skip'].includes(box)) return video('quicktime');
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'AVI ') return video('avi');
  if (ascii(b, 0, 4) === 'OggS') return video('ogg');
  if (b.length > 188 && b[0] === 0x47 && b[188] === 0x47) return video('mpeg-ts');
  if (startsWith(b, [0x00, 0x00, 0x01, 0xba])) return video('mpeg-ps');
  if (ascii(b, 0, 3) === 'FLV') return video('flv');
  if (startsWith(b, [0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11])) return video('asf');
  const other = otherKind(b);
  return other ? { kind: 'other', what: other } : { kind: 'unknown' };
}

function otherKind(b: Uint8Array): string | undefined {
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47])) return 'a PNG image';
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'a JPEG image';
  if (ascii(b, 0, 4) === 'GIF8') return 'a GIF image';
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return 'a WebP image';
  if (ascii(b, 0, 5) === '%PDF-') return 'a PDF document';
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) return 'a ZIP archive (or an office document)';
  if (ascii(b, 0, 3) === 'ID3' || (b[0] === 0xff && ((b[1] ?? 0) & 0xe0) === 0xe0)) return 'an MP3 sound file';
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WAVE') return 'a WAV sound file';
  if (ascii(b, 0, 4) === 'fLaC') return 'a FLAC sound file';
  if (b.length > 0 && looksLikeText(b)) return 'text';
  return undefined;
}

/** No control bytes but tab, newline and carriage return, and valid UTF-8. */
function looksLikeText(b: Uint8Array): boolean {
  for (const v of b) if (v < 0x09 || (v > 0x0d && v < 0x20) || v === 0x7f) return false;
  try {
    // A multi-byte character cut at the end of the sample is still text.
    new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(0, Math.max(0, b.length - 3)));
    return true;
  } catch {
    return false;
  }
}

/** A file name shortened for a message (shown as text, never HTML). */
export function shortName(name: string, limit = 40): string {
  const oneLine = name.replace(/\s+/g, ' ').trim() || 'The file';
  return oneLine.length > limit ? `${oneLine.slice(0, limit - 1)}…` : oneLine;
}

export type FileProblem = 'empty' | 'not-video' | 'unsupported' | 'damaged' | 'no-picture' | 'stalled';

/** The message for a file that cannot be shown; `sniffed` says what its bytes look like. */
export function fileProblemMessage(problem: FileProblem, fileName: string, sniffed: Sniffed = { kind: 'unknown' }): string {
  const name = `“${shortName(fileName)}”`;
  switch (problem) {
    case 'empty':
      return `${name} is empty (0 bytes): there is nothing to decode. Choose another file.`;
    case 'not-video':
      return sniffed.kind === 'other'
        ? `${name} is not a video: it looks like ${sniffed.what}. Choose an MP4 or WebM video.`
        : `${name} is not a video this browser can read: its first bytes match no video format. Choose an MP4 or WebM video.`;
    case 'unsupported': {
      const kind = sniffed.kind === 'video' ? ` (${CONTAINER_NAMES[sniffed.container]} format)` : '';
      return `This browser cannot play ${name}${kind}: its format or codec is not supported here. Convert it to MP4 (H.264) or WebM (VP9), for example with “ffmpeg -i input output.webm”, and choose it again.`;
    }
    case 'damaged':
      return `${name} could not be decoded: the file looks damaged or cut short.`;
    case 'no-picture':
      return `${name} has no picture to show: it seems to hold sound only.`;
    case 'stalled':
      return `${name} stopped before its first two frames could be read: it may be damaged or cut short.`;
  }
}

/**
 * What a failed getUserMedia means for the reader, by the DOMException's name;
 * `undefined` when the browser offers no camera API here at all.
 */
export function webcamProblemMessage(errorName: string | undefined, detail = ''): { kind: string; message: string } {
  switch (errorName) {
    case undefined:
      return {
        kind: 'webcam-unavailable',
        message: 'This browser offers no camera access on this page (it needs a secure https:// page and a browser with getUserMedia). The generated clip and video files still work.',
      };
    case 'NotAllowedError':
    case 'SecurityError':
    case 'PermissionDeniedError':
      return {
        kind: 'webcam-denied',
        message: 'Camera access was refused, so the webcam is off. To use it, allow the camera for this site in your browser’s settings and press “Turn on the webcam” again.',
      };
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return { kind: 'webcam-missing', message: 'No camera was found. Connect one and try again, or use a video file or the generated clip.' };
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return { kind: 'webcam-busy', message: 'The camera could not be started: another program may be using it. Close it and try again.' };
    default:
      return { kind: 'webcam-failed', message: `The camera could not be started (${shortName(`${errorName}${detail ? `: ${detail}` : ''}`, 80)}).` };
  }
}

/** The frame size flow works on: the longest side `longest` (never enlarged), the other in proportion, at least 8 px. */
export function workingSize(width: number, height: number, longest: number): { width: number; height: number } {
  const scale = Math.min(1, longest / Math.max(width, height));
  return { width: Math.max(8, Math.round(width * scale)), height: Math.max(8, Math.round(height * scale)) };
}

/** 125 → "2 min 5 s"; 9.5 → "9.5 s"; 3725 → "1 h 2 min". */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Number(seconds.toFixed(1))} s`;
  const s = Math.round(seconds);
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  const m = Math.round(s / 60);
  return `${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60} min` : ''}`;
}

/** Notes on how a video is read: scaled down (always, say how much when it is very large), and cut to the first seconds when long. */
export function captureNotes(video: { width: number; height: number; duration: number }, store: { width: number; height: number }): string[] {
  const notes: string[] = [];
  if (video.width * video.height > LARGE_PIXELS) {
    notes.push(`This video is ${video.width}×${video.height}, larger than full HD: its frames are scaled down to ${store.width}×${store.height} as they are read, and the full-size frames are not kept.`);
  }
  const cap = `the first ${CAPTURE.seconds} s (at most ${MAX_FRAMES} frames, ${CAPTURE.framesPerSecond} a second) to keep memory small`;
  if (!Number.isFinite(video.duration)) notes.push(`This video does not say how long it is; the viewer reads at most ${cap}.`);
  else if (video.duration > CAPTURE.seconds) notes.push(`This video lasts ${formatDuration(video.duration)}; the viewer reads only ${cap}.`);
  return notes;
}

/**
 * The sample times (every 1/fps s, before `end` and the cap) with no frame
 * within half a period among `times`: what seeking must fill in after playing
 * (all of them when the browser has no frame callbacks).
 */
export function missingTimes(times: readonly number[], end: number): number[] {
  const period = 1 / CAPTURE.framesPerSecond;
  const stop = Math.min(end, CAPTURE.seconds);
  const sorted = [...times].sort((a, b) => a - b);
  const missing: number[] = [];
  let j = 0;
  for (let k = 0; k < MAX_FRAMES && k * period < stop; k++) {
    const t = k * period;
    while (j < sorted.length && sorted[j]! < t - period / 2) j++;
    if (j < sorted.length && Math.abs(sorted[j]! - t) <= period / 2 + 1e-9) continue;
    missing.push(t);
  }
  return missing;
}

/**
 * While a video plays, whether the frame shown at `mediaTime` is kept: the first
 * one, then one per 1/fps s (a quarter-period early is allowed, as frame times jitter).
 */
export function keepFrame(mediaTime: number, lastKept: number | undefined): boolean {
  if (mediaTime > CAPTURE.seconds) return false;
  if (lastKept === undefined) return true;
  const period = 1 / CAPTURE.framesPerSecond;
  return mediaTime - lastKept >= period * 0.75;
}
