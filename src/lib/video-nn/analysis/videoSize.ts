/**
 * How big is a video? Raw (uncompressed) storage of a clip as the network sees it.
 * Pure arithmetic: no tfjs, usable at build time and in the browser.
 */

/** Numbers in one ImageNet training image as a network sees it: 224×224×3. */
export const IMAGENET_VALUES = 224 * 224 * 3;

export interface VideoSizeInput {
  /** Frame size in pixels (after any crop or resize). */
  width: number;
  height: number;
  /** Values per pixel: 3 for RGB, 1 for grey, 2 for one flow field. */
  channels: number;
  /** Bits per stored value: 8 for ordinary video, 32 for float32 tensors. */
  bitsPerValue: number;
  /** Seconds of source video covered. */
  durationSeconds: number;
  /** Frame rate of the source video. */
  framesPerSecond: number;
  /** Keep every `frameStride`-th source frame, starting with the first (default 1: all). */
  frameStride?: number;
}

export interface VideoSize {
  /** Source frames in the duration: ⌊duration × fps⌋ (frames at t = 0, 1/fps, … before the end). */
  sourceFrames: number;
  /** Frames kept after sampling every stride-th frame: ⌈sourceFrames / stride⌉. */
  frames: number;
  /** Kept frames per second of source: fps / stride. */
  sampledFramesPerSecond: number;
  valuesPerFrame: number;
  /** All numbers in the clip: frames × height × width × channels. */
  values: number;
  bytesPerFrame: number;
  /** Bytes per second of source after sampling. */
  bytesPerSecond: number;
  totalBytes: number;
  /** values / IMAGENET_VALUES: how many ImageNet images' worth of numbers. */
  imagenetMultiple: number;
}

export function videoSize(input: VideoSizeInput): VideoSize {
  const { width, height, channels, bitsPerValue, durationSeconds, framesPerSecond } = input;
  const stride = input.frameStride ?? 1;
  // The epsilon absorbs binary rounding (0.29 × 100 = 28.999999999999996).
  const sourceFrames = Math.floor(durationSeconds * framesPerSecond + 1e-9);
  const frames = Math.ceil(sourceFrames / stride);
  const sampledFramesPerSecond = framesPerSecond / stride;
  const valuesPerFrame = width * height * channels;
  const bytesPerValue = bitsPerValue / 8;
  const bytesPerFrame = valuesPerFrame * bytesPerValue;
  const values = frames * valuesPerFrame;
  return {
    sourceFrames,
    frames,
    sampledFramesPerSecond,
    valuesPerFrame,
    values,
    bytesPerFrame,
    bytesPerSecond: bytesPerFrame * sampledFramesPerSecond,
    totalBytes: values * bytesPerValue,
    imagenetMultiple: values / IMAGENET_VALUES,
  };
}

const SI_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];
const IEC_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];

/**
 * Formats a byte count. 'si' uses powers of 1000 (MB, as disk makers and the
 * curriculum's "6.2 MB per HD frame"); 'iec' uses powers of 1024 (MiB, as
 * operating systems and the "588 KB" clip figure). Always labelled, never mixed.
 */
export function formatBytes(bytes: number, system: 'si' | 'iec' = 'si', digits = 3): string {
  const base = system === 'si' ? 1000 : 1024;
  const units = system === 'si' ? SI_UNITS : IEC_UNITS;
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= base && unit < units.length - 1) {
    value /= base;
    unit += 1;
  }
  if (unit === 0) return `${Math.round(value)} B`;
  return `${formatSignificant(value, digits)} ${units[unit]}`;
}

/** A number to `digits` significant figures, without exponent notation or trailing zeros. */
export function formatSignificant(value: number, digits = 3): string {
  if (value === 0 || !Number.isFinite(value)) return String(value);
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const decimals = Math.max(0, digits - 1 - magnitude);
  return Number(value.toPrecision(digits)).toLocaleString('en-US', { maximumFractionDigits: decimals });
}

/** Whole numbers with thousands separators: 6220800 → "6,220,800". */
export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}
