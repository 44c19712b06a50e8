/**
 * The site's entry to TensorFlow.js: the library's runtime with the WASM
 * binaries served from this site (bundled by Vite with hashed names), never a CDN.
 * Import this module dynamically, so tfjs loads only when a widget needs it.
 */
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { BACKEND_ORDER, loadRuntime, type BackendName, type Runtime, type RuntimeOptions } from '../../lib/video-nn/runtime/backend';

export const WASM_PATHS = {
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
};

/** The shared runtime; `prefer` puts one backend first (a reader's choice). */
export function getRuntime(prefer?: BackendName): Promise<Runtime> {
  const order = prefer ? [prefer, ...BACKEND_ORDER.filter((b) => b !== prefer)] : BACKEND_ORDER;
  const options: RuntimeOptions = { order, wasmPaths: WASM_PATHS };
  return loadRuntime(options).then((runtime) => {
    document.documentElement.dataset.vnnBackend = runtime.backend;
    document.dispatchEvent(new CustomEvent('vnn-runtime', { detail: { backend: runtime.backend } }));
    return runtime;
  });
}
