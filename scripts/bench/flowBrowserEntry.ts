// Bundled by esbuild for the flow benchmark's Chromium page (scripts/bench/flow.ts).
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-webgl';
import * as wasm from '@tensorflow/tfjs-backend-wasm';
import { PRESETS, benchPairs, pairsChecksum, type TextureId } from './flowCases';
import { farnebackMethod, timeMethod, tvl1Method, type FlowRun } from './flowRuns';

wasm.setWasmPaths('/wasm/');

export interface FlowBenchConfig {
  method: 'tvl1' | 'farneback';
  backend?: 'webgl' | 'wasm';
  preset?: string;
  width: number;
  height: number;
  /** Only the pairs on these backgrounds (default: all). */
  textures?: readonly TextureId[];
}

/** What ran where: the WebGL renderer (SwiftShader here), the WASM flavour tfjs picked, OpenCV's version. */
async function info(): Promise<Record<string, string>> {
  const gl = document.createElement('canvas').getContext('webgl2');
  const debug = gl?.getExtension('WEBGL_debug_renderer_info');
  const out: Record<string, string> = { tfjs: tf.version_core, webglRenderer: gl ? String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER)) : 'none' };
  out['wasmSimd'] = String(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
  out['wasmThreads'] = String(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'));
  return out;
}

async function run(config: FlowBenchConfig): Promise<FlowRun> {
  const all = benchPairs(config.width, config.height);
  const pairs = all.filter((p) => !config.textures || config.textures.includes(p.texture));
  const checksum = pairsChecksum(all);
  if (config.method === 'farneback') {
    const { cv } = await (await import('./flowOpenCv')).loadOpenCv();
    const build = cv.getBuildInformation();
    const line = (name: string): string => new RegExp(`${name}:\\s*(.+)`).exec(build)?.[1]?.trim() ?? 'unknown';
    const library = `OpenCV ${line('Version control')}, parallel framework: ${line('Parallel framework')}`;
    return { ...(await timeMethod(farnebackMethod(cv), pairs)), checksum, library };
  }
  const preset = PRESETS.find((p) => p.id === config.preset);
  if (!preset) throw new Error(`no preset ${config.preset}`);
  if (!(await tf.setBackend(config.backend ?? 'webgl'))) throw new Error(`tfjs backend ${config.backend} unavailable`);
  await tf.ready();
  const before = tf.memory().numTensors;
  // Farnebäck after each of our timed calls, on the same pair: a time ratio that the machine's load cancels out of.
  const { cv } = await (await import('./flowOpenCv')).loadOpenCv();
  const result = await timeMethod(tvl1Method(tf, preset.options), pairs, { reference: farnebackMethod(cv) });
  if (tf.memory().numTensors !== before) throw new Error(`tensors leaked: ${tf.memory().numTensors - before}`);
  return { ...result, checksum };
}

(window as unknown as { flowBench: { info: typeof info; run: typeof run } }).flowBench = { info, run };
