import { describe, expect, it } from 'vitest';
import {
  CAPTURE, MAX_FRAMES, captureNotes, fileProblemMessage, formatDuration, keepFrame, missingTimes, shortName, sniffFile, webcamProblemMessage, workingSize,
} from '../../src/components/FlowViewer/input';

const bytes = (...parts: (string | number[])[]) => {
  const out: number[] = [];
  for (const p of parts) out.push(...(typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p));
  return new Uint8Array(out);
};

describe('what a file is, from its first bytes', () => {
  it.each([
    ['WebM / Matroska (EBML header)', bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86]), 'webm'],
    ['MP4 (ftyp isom)', bytes([0, 0, 0, 0x20], 'ftypisom', [0, 0, 2, 0]), 'mp4'],
    ['QuickTime (ftyp qt)', bytes([0, 0, 0, 0x14], 'ftypqt  '), 'quicktime'],
    ['old QuickTime (moov first)', bytes([0, 0, 0, 0x6c], 'moov'), 'quicktime'],
    ['AVI (RIFF … AVI )', bytes('RIFF', [0x10, 0x20, 0, 0], 'AVI LIST'), 'avi'],
    ['Ogg', bytes('OggS', [0, 2]), 'ogg'],
    ['MPEG program stream', bytes([0, 0, 1, 0xba, 0x44]), 'mpeg-ps'],
  ])('%s', (_name, b, container) => {
    expect(sniffFile(b)).toEqual({ kind: 'video', container });
  });

  it('an MPEG transport stream needs two sync bytes 188 apart', () => {
    const ts = new Uint8Array(400);
    ts[0] = 0x47;
    ts[188] = 0x47;
    expect(sniffFile(ts)).toEqual({ kind: 'video', container: 'mpeg-ts' });
    expect(sniffFile(ts.subarray(0, 100))).toEqual({ kind: 'unknown' });
  });

  it.each([
    ['PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]), 'a PNG image'],
    ['JPEG', bytes([0xff, 0xd8, 0xff, 0xe0]), 'a JPEG image'],
    ['WAV', bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt '), 'a WAV sound file'],
    ['PDF', bytes('%PDF-1.7\n'), 'a PDF document'],
    ['plain text', bytes('This is a plain text file, not a video.\n'), 'text'],
    ['UTF-8 text', new TextEncoder().encode('Grüße — naïve café\r\n\tok'), 'text'],
  ])('%s is not a video', (_name, b, what) => {
    expect(sniffFile(b)).toEqual({ kind: 'other', what });
  });

  it('random binary is unknown, not text', () => {
    expect(sniffFile(bytes([0x00, 0x01, 0x02, 0x9c, 0xfe]))).toEqual({ kind: 'unknown' });
    expect(sniffFile(new Uint8Array(0))).toEqual({ kind: 'unknown' });
  });
});

describe('messages for bad input', () => {
  it('names the file and what is wrong', () => {
    expect(fileProblemMessage('empty', 'clip.webm')).toBe('“clip.webm” is empty (0 bytes): there is nothing to decode. Choose another file.');
    expect(fileProblemMessage('not-video', 'notes.webm', { kind: 'other', what: 'text' })).toBe('“notes.webm” is not a video: it looks like text. Choose an MP4 or WebM video.');
    expect(fileProblemMessage('not-video', 'x.bin')).toContain('its first bytes match no video format');
    expect(fileProblemMessage('unsupported', 'old.avi', { kind: 'video', container: 'avi' })).toMatch(/^This browser cannot play “old\.avi” \(AVI format\): .*Convert it to MP4 \(H\.264\) or WebM/);
    expect(fileProblemMessage('damaged', 'cut.webm')).toBe('“cut.webm” could not be decoded: the file looks damaged or cut short.');
  });

  it('shortens long names and never returns an empty one', () => {
    expect(shortName('a'.repeat(100))).toHaveLength(40);
    expect(shortName('a'.repeat(100)).endsWith('…')).toBe(true);
    expect(shortName('  ')).toBe('The file');
    expect(shortName('two\nlines')).toBe('two lines');
  });

  it.each([
    ['NotAllowedError', 'webcam-denied', 'Camera access was refused'],
    ['SecurityError', 'webcam-denied', 'Camera access was refused'],
    ['NotFoundError', 'webcam-missing', 'No camera was found'],
    ['OverconstrainedError', 'webcam-missing', 'No camera was found'],
    ['NotReadableError', 'webcam-busy', 'another program may be using it'],
    ['TypeError', 'webcam-failed', 'The camera could not be started (TypeError: bad).'],
  ])('a webcam %s', (name, kind, text) => {
    const m = webcamProblemMessage(name, 'bad');
    expect(m.kind).toBe(kind);
    expect(m.message).toContain(text);
  });

  it('a browser without getUserMedia', () => {
    expect(webcamProblemMessage(undefined)).toMatchObject({ kind: 'webcam-unavailable' });
    expect(webcamProblemMessage(undefined).message).toContain('secure https:// page');
  });
});

describe('how much of a video is read, and at what size', () => {
  it('keeps the aspect ratio, never enlarges, keeps at least 8 px', () => {
    expect(workingSize(3840, 2160, 160)).toEqual({ width: 160, height: 90 });
    expect(workingSize(320, 240, 48)).toEqual({ width: 48, height: 36 });
    expect(workingSize(480, 640, 96)).toEqual({ width: 72, height: 96 });
    expect(workingSize(100, 80, 160)).toEqual({ width: 100, height: 80 });
    expect(workingSize(4000, 10, 160)).toEqual({ width: 160, height: 8 });
  });

  it('caps at the first 10 s, 15 frames a second', () => {
    expect(CAPTURE.seconds * CAPTURE.framesPerSecond).toBe(MAX_FRAMES);
    expect(MAX_FRAMES).toBe(150);
  });

  it('says when a video is scaled from beyond full HD, cut, or of unknown length', () => {
    expect(captureNotes({ width: 1920, height: 1080, duration: 5 }, { width: 160, height: 90 })).toEqual([]);
    const big = captureNotes({ width: 3840, height: 2160, duration: 125 }, { width: 160, height: 90 });
    expect(big[0]).toBe('This video is 3840×2160, larger than full HD: its frames are scaled down to 160×90 as they are read, and the full-size frames are not kept.');
    expect(big[1]).toBe('This video lasts 2 min 5 s; the viewer reads only the first 10 s (at most 150 frames, 15 a second) to keep memory small.');
    expect(captureNotes({ width: 320, height: 240, duration: Infinity }, { width: 160, height: 120 })[0]).toContain('does not say how long it is');
  });

  it('formats durations', () => {
    expect(formatDuration(9.54)).toBe('9.5 s');
    expect(formatDuration(60)).toBe('1 min');
    expect(formatDuration(125)).toBe('2 min 5 s');
    expect(formatDuration(3725)).toBe('1 h 2 min');
  });

  it('keeps one played frame per 1/15 s, allowing a quarter period of jitter', () => {
    expect(keepFrame(0, undefined)).toBe(true);
    // A 30 fps video: every other frame.
    expect(keepFrame(1 / 30, 0)).toBe(false);
    expect(keepFrame(2 / 30, 0)).toBe(true);
    expect(keepFrame(0.05, 0)).toBe(true);
    expect(keepFrame(0.049, 0)).toBe(false);
    expect(keepFrame(10.01, 9.9)).toBe(false);
  });

  it('seeks only where playing missed a sample time', () => {
    // 2 s at 15 fps sampled fully: nothing to fill.
    const all = Array.from({ length: 30 }, (_, k) => k / 15);
    expect(missingTimes(all, 2)).toEqual([]);
    // Frames 3 and 4 missing (a slow start), and the last one.
    const gappy = all.filter((_, k) => k !== 3 && k !== 4 && k !== 29);
    expect(missingTimes(gappy, 2).map((t) => Math.round(t * 15))).toEqual([3, 4, 29]);
    // No callbacks at all: every sample time up to the cap.
    expect(missingTimes([], 60)).toHaveLength(MAX_FRAMES);
    // A 4 fps video: samples more than half a period from its frames (0, 4, 7.5, 11.25 in 15ths) are sought; repeats are dropped when read.
    expect(missingTimes([0, 0.25, 0.5, 0.75], 1).map((t) => Math.round(t * 15))).toEqual([1, 2, 3, 5, 6, 9, 10, 12, 13, 14]);
  });
});
