import type { LabelledClip } from '../../../src/lib/video-nn/data/dataset';

/** FNV-1a over the raw bytes of a typed array: a fingerprint for "same bytes" checks. */
export function fingerprint(a: Float32Array | Int32Array): string {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i]!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

export function frameOf(clip: Pick<LabelledClip, 'data' | 'shape'>, t: number): Float32Array {
  const [, h, w, c] = clip.shape;
  const n = h * w * c;
  return clip.data.subarray(t * n, (t + 1) * n);
}

export function sameBytes(a: Float32Array, b: Float32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

export function inUnitRange(a: Float32Array): boolean {
  for (let i = 0; i < a.length; i++) if (!(a[i]! >= 0 && a[i]! <= 1)) return false;
  return true;
}
