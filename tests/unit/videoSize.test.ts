import { describe, expect, it } from 'vitest';
import { IMAGENET_VALUES, formatBytes, formatCount, formatSignificant, videoSize } from '../../src/lib/video-nn/analysis/videoSize';

const hd = { width: 1920, height: 1080, channels: 3, bitsPerValue: 8 };

describe('videoSize against the curriculum figures (chapter 1)', () => {
  it('one HD frame is 6,220,800 bytes ≈ 6.2 MB', () => {
    const s = videoSize({ ...hd, durationSeconds: 1 / 30, framesPerSecond: 30 });
    expect(s.frames).toBe(1);
    expect(s.bytesPerFrame).toBe(1920 * 1080 * 3);
    expect(formatBytes(s.bytesPerFrame, 'si', 2)).toBe('6.2 MB');
  });

  it('one second of HD at 30 fps is about 186 MB', () => {
    const s = videoSize({ ...hd, durationSeconds: 1, framesPerSecond: 30 });
    expect(s.totalBytes).toBe(186_624_000);
    expect(s.bytesPerSecond).toBe(186_624_000);
    expect(s.totalBytes / 1e6).toBeCloseTo(186.6, 1);
  });

  it('one minute of HD at 30 fps is about 11.2 GB and ~75,000 ImageNet images', () => {
    const s = videoSize({ ...hd, durationSeconds: 60, framesPerSecond: 30 });
    expect(s.frames).toBe(1800);
    expect(s.totalBytes).toBe(11_197_440_000);
    expect(formatBytes(s.totalBytes, 'si')).toBe('11.2 GB');
    // 11,197,440,000 / 150,528 = 74,387.76 — "roughly 75,000×".
    expect(s.imagenetMultiple).toBeCloseTo(74_387.76, 2);
    expect(Math.abs(s.imagenetMultiple - 75_000) / 75_000).toBeLessThan(0.01);
  });

  it('an ImageNet image is 150,528 values ≈ 150 kB', () => {
    expect(IMAGENET_VALUES).toBe(150_528);
    const s = videoSize({ width: 224, height: 224, channels: 3, bitsPerValue: 8, durationSeconds: 1, framesPerSecond: 1 });
    expect(s.imagenetMultiple).toBe(1);
    expect(formatBytes(s.totalBytes, 'si', 2)).toBe('150 kB');
  });

  it('SD 640×480 is about 1.5 GiB per minute', () => {
    const s = videoSize({ width: 640, height: 480, channels: 3, bitsPerValue: 8, durationSeconds: 60, framesPerSecond: 30 });
    expect(s.totalBytes).toBe(1_658_880_000);
    expect(formatBytes(s.totalBytes, 'iec', 2)).toBe('1.5 GiB');
  });

  it('a training clip of 16 frames at 5 fps, 112×112, is 588 KiB and covers 3.2 s', () => {
    const s = videoSize({ width: 112, height: 112, channels: 3, bitsPerValue: 8, durationSeconds: 3.2, framesPerSecond: 5 });
    expect(s.frames).toBe(16);
    expect(s.totalBytes).toBe(602_112);
    expect(formatBytes(s.totalBytes, 'iec')).toBe('588 KiB');
  });

  it('10 s at 30 fps at 224×224 is 300×3×224×224 ≈ 45 million numbers', () => {
    const s = videoSize({ width: 224, height: 224, channels: 3, bitsPerValue: 8, durationSeconds: 10, framesPerSecond: 30 });
    expect(s.values).toBe(300 * 3 * 224 * 224);
    expect(formatSignificant(s.values / 1e6, 2)).toBe('45');
  });

  it('bit depth scales bytes but not the number count', () => {
    const a = videoSize({ ...hd, durationSeconds: 1, framesPerSecond: 30 });
    const b = videoSize({ ...hd, bitsPerValue: 32, durationSeconds: 1, framesPerSecond: 30 });
    expect(b.values).toBe(a.values);
    expect(b.totalBytes).toBe(4 * a.totalBytes);
    const tenBit = videoSize({ ...hd, bitsPerValue: 10, durationSeconds: 1, framesPerSecond: 30 });
    expect(tenBit.totalBytes).toBe(a.totalBytes * 1.25);
  });

  it('counts frames by floor(duration × rate), robust to binary rounding', () => {
    // 0.29 × 100 = 28.999999999999996 in binary floating point.
    expect(videoSize({ ...hd, durationSeconds: 0.29, framesPerSecond: 100 }).frames).toBe(29);
    expect(videoSize({ ...hd, durationSeconds: 0.99, framesPerSecond: 1 }).frames).toBe(0);
  });
});

describe('formatting', () => {
  it('formats bytes in SI and IEC units', () => {
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1000)).toBe('1 kB');
    expect(formatBytes(1536, 'iec')).toBe('1.5 KiB');
    expect(formatBytes(2 ** 30, 'iec')).toBe('1 GiB');
    expect(formatBytes(1.2345e12)).toBe('1.23 TB');
  });
  it('formats counts and significant figures', () => {
    expect(formatCount(6220800)).toBe('6,220,800');
    expect(formatSignificant(74388.3, 2)).toBe('74,000');
    expect(formatSignificant(0.01234, 2)).toBe('0.012');
  });
});

describe('frame sampling', () => {
  it('keeping every 6th frame of 3.2 s at 30 fps gives the 16-frame, 5 fps training clip', () => {
    const s = videoSize({ width: 112, height: 112, channels: 3, bitsPerValue: 8, durationSeconds: 3.2, framesPerSecond: 30, frameStride: 6 });
    expect(s.sourceFrames).toBe(96);
    expect(s.frames).toBe(16);
    expect(s.sampledFramesPerSecond).toBe(5);
    expect(s.totalBytes).toBe(602_112);
  });
  it('counts a partial last stride as a kept frame (frames 0, 6, …, 96 of 97)', () => {
    const s = videoSize({ width: 1, height: 1, channels: 1, bitsPerValue: 8, durationSeconds: 97 / 30, framesPerSecond: 30, frameStride: 6 });
    expect(s.sourceFrames).toBe(97);
    expect(s.frames).toBe(17);
  });
});
