/**
 * `vnn flow <frame1> <frame2> --out <file.flo> [--json]`: dense optical flow
 * between two image files (PNG or JPEG, told apart by their first bytes) with
 * the library's TV-L1 on the tfjs CPU backend, written as a Middlebury .flo.
 * Every failure is one line of text and exit status 2, like the other commands.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { meanMagnitude } from '../../src/lib/video-nn/flow/field';
import { writeFlo } from '../../src/lib/video-nn/flow/flo';
import { opticalFlow } from '../../src/lib/video-nn/flow/tvl1';
import type { CliResult } from './cli';

export const FLOW_HELP = `usage: npm run -s vnn -- flow <frame1.png|jpg> <frame2.png|jpg> --out <file.flo> [--json]

Dense optical flow from frame 1 to frame 2 (TV-L1, coarse to fine, tfjs CPU
backend), written as a Middlebury .flo file (u, v in pixels per pixel).
  --json   print {"width", "height", "meanMagnitude", "out"} on stdout`;

const fail = (line: string): CliResult => ({ stdout: '', stderr: `vnn flow: ${line}`, code: 2 });

/** An image file's pixels as H×W×3 in [0, 1] (alpha dropped). */
export function decodeImage(bytes: Uint8Array, name: string): { width: number; height: number; data: Float32Array } {
  const png = bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
  const jpg = bytes[0] === 0xff && bytes[1] === 0xd8;
  if (!png && !jpg) throw new Error(`${name} is not a PNG or JPEG image`);
  let decoded: { width: number; height: number; data: Uint8Array };
  try {
    decoded = png ? PNG.sync.read(Buffer.from(bytes)) : jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 512 });
  } catch (e) {
    throw new Error(`${name} could not be decoded as ${png ? 'PNG' : 'JPEG'}: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
  }
  const { width, height } = decoded;
  const data = new Float32Array(width * height * 3);
  for (let i = 0; i < width * height; i++) for (let c = 0; c < 3; c++) data[3 * i + c] = decoded.data[4 * i + c]! / 255;
  return { width, height, data };
}

function parseFlowArgs(argv: readonly string[]): { frames: string[]; out: string; json: boolean } | string {
  const frames: string[] = [];
  let out: string | undefined;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') json = true;
    else if (arg === '--out') {
      out = argv[++i];
      if (out === undefined) return '--out needs a file name, e.g. --out flow.flo';
    } else if (arg.startsWith('--out=')) out = arg.slice('--out='.length);
    else if (arg.startsWith('-')) return `unknown option '${arg}' (see --help)`;
    else frames.push(arg);
  }
  if (frames.length !== 2) return `expected two image files (frame 1 and frame 2), got ${frames.length}`;
  if (!out) return '--out <file.flo> is required';
  return { frames, out, json };
}

/** The command, from its arguments (after `flow`) to output; reads and writes files. */
export async function runFlow(argv: readonly string[]): Promise<CliResult> {
  if (argv.includes('--help') || argv.includes('-h')) return { stdout: FLOW_HELP, stderr: '', code: 0 };
  const parsed = parseFlowArgs(argv);
  if (typeof parsed === 'string') return fail(parsed);
  const images = [];
  for (const file of parsed.frames) {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(file);
    } catch (e) {
      return fail(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
    try {
      images.push(decodeImage(bytes, file));
    } catch (e) {
      return fail((e as Error).message);
    }
  }
  const [a, b] = images as [ReturnType<typeof decodeImage>, ReturnType<typeof decodeImage>];
  if (a.width !== b.width || a.height !== b.height) return fail(`the frames differ in size: ${parsed.frames[0]} is ${a.width}×${a.height}, ${parsed.frames[1]} is ${b.width}×${b.height}`);
  // PROD silences tfjs's "install tfjs-node" banner, which would land on stderr of a successful run.
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
  const field = tf.tidy(() => opticalFlow(tf.tensor3d(a.data, [a.height, a.width, 3]), tf.tensor3d(b.data, [b.height, b.width, 3])));
  const flow = { width: a.width, height: a.height, data: (await field.data()) as Float32Array };
  field.dispose();
  try {
    writeFileSync(parsed.out, writeFlo(flow));
  } catch (e) {
    return fail(`cannot write ${parsed.out}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  const summary = { width: flow.width, height: flow.height, meanMagnitude: Number(meanMagnitude(flow).toFixed(4)), out: parsed.out };
  return { stdout: parsed.json ? JSON.stringify(summary) : `wrote ${parsed.out}: ${flow.width}×${flow.height} flow, mean magnitude ${summary.meanMagnitude} px`, stderr: '', code: 0 };
}
