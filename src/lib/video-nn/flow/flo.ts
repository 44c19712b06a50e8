/**
 * Middlebury `.flo` files (Baker et al., "A Database and Evaluation Methodology
 * for Optical Flow"): the float32 202021.25 ("PIEH" in ASCII), width and height
 * as int32, then u, v interleaved row-major as float32, all little-endian.
 */
import { checkFlowField, type FlowField } from './field';

export const FLO_MAGIC = 202021.25;
/** Refuse headers claiming more than this many pixels (a corrupt size would otherwise allocate gigabytes). */
export const FLO_MAX_PIXELS = 1 << 26;

export function writeFlo(field: FlowField): Uint8Array {
  checkFlowField('writeFlo', field);
  const bytes = new Uint8Array(12 + field.data.length * 4);
  const view = new DataView(bytes.buffer);
  view.setFloat32(0, FLO_MAGIC, true);
  view.setInt32(4, field.width, true);
  view.setInt32(8, field.height, true);
  for (let i = 0; i < field.data.length; i++) view.setFloat32(12 + 4 * i, field.data[i]!, true);
  return bytes;
}

export function readFlo(bytes: Uint8Array): FlowField {
  if (bytes.length < 12) throw new Error(`readFlo: not a .flo file: ${bytes.length} bytes, shorter than the 12-byte header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getFloat32(0, true);
  if (magic !== FLO_MAGIC) throw new Error(`readFlo: not a .flo file: magic number ${magic} instead of ${FLO_MAGIC}`);
  const width = view.getInt32(4, true);
  const height = view.getInt32(8, true);
  if (width < 1 || height < 1 || width * height > FLO_MAX_PIXELS) throw new Error(`readFlo: implausible size ${width}×${height} in the header`);
  const expected = 12 + 8 * width * height;
  if (bytes.length !== expected) throw new Error(`readFlo: a ${width}×${height} flow needs ${expected} bytes, the file has ${bytes.length}`);
  const data = new Float32Array(width * height * 2);
  for (let i = 0; i < data.length; i++) data[i] = view.getFloat32(12 + 4 * i, true);
  return { width, height, data };
}
