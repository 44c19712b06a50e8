/**
 * Chooses where tensors run: WebGL (GPU), else WebAssembly, else plain
 * JavaScript. TensorFlow.js is imported here lazily, so only code that asks for a
 * runtime pays for it. No DOM beyond feature tests; the same code runs in Node.
 */
import type * as TF from '@tensorflow/tfjs-core';

export type BackendName = 'webgl' | 'wasm' | 'cpu';
export const BACKEND_ORDER: readonly BackendName[] = ['webgl', 'wasm', 'cpu'];

export const BACKEND_LABELS: Record<BackendName, string> = {
  webgl: 'WebGL (GPU)',
  wasm: 'WebAssembly (CPU)',
  cpu: 'JavaScript (CPU)',
};

/** Where the WASM binaries are served; the site passes its own same-origin URLs. */
export type WasmPaths = Partial<Record<'tfjs-backend-wasm.wasm' | 'tfjs-backend-wasm-simd.wasm' | 'tfjs-backend-wasm-threaded-simd.wasm', string>>;

export interface RuntimeOptions {
  /** Backends to try, best first. */
  order?: readonly BackendName[];
  wasmPaths?: WasmPaths;
}

export interface BackendAttempt {
  backend: BackendName;
  ok: boolean;
  /** Why a backend was skipped or failed, in words for the reader. */
  reason?: string;
}

export interface Runtime {
  tf: typeof TF;
  backend: BackendName;
  attempts: BackendAttempt[];
}

/** True when this environment can create a WebGL context at all. */
export function webglAvailable(): boolean {
  try {
    if (typeof document !== 'undefined') {
      const canvas = document.createElement('canvas');
      return Boolean(canvas.getContext('webgl2') ?? canvas.getContext('webgl'));
    }
    if (typeof OffscreenCanvas !== 'undefined') {
      const canvas = new OffscreenCanvas(1, 1);
      return Boolean(canvas.getContext('webgl2') ?? canvas.getContext('webgl'));
    }
  } catch {
    // A browser with WebGL switched off may throw instead of returning null.
  }
  return false;
}

async function registerBackend(name: BackendName, options: RuntimeOptions): Promise<string | undefined> {
  if (name === 'webgl') {
    if (!webglAvailable()) return 'WebGL is not available in this browser';
    await import('@tensorflow/tfjs-backend-webgl');
  } else if (name === 'wasm') {
    if (typeof WebAssembly === 'undefined') return 'WebAssembly is not available in this browser';
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    if (options.wasmPaths) wasm.setWasmPaths(options.wasmPaths);
  } else {
    await import('@tensorflow/tfjs-backend-cpu');
  }
  return undefined;
}

/** Switches tfjs to `name` and checks a tiny computation gives the right answer. */
export async function tryBackend(tf: typeof TF, name: BackendName, options: RuntimeOptions = {}): Promise<BackendAttempt> {
  try {
    const skipped = await registerBackend(name, options);
    if (skipped) return { backend: name, ok: false, reason: skipped };
    if (!(await tf.setBackend(name))) return { backend: name, ok: false, reason: `${BACKEND_LABELS[name]} failed to start` };
    await tf.ready();
    const sum = tf.tidy(() => tf.add(tf.tensor1d([1, 2]), tf.tensor1d([3, 4])));
    const values = await sum.data();
    sum.dispose();
    if (values[0] !== 4 || values[1] !== 6) return { backend: name, ok: false, reason: `${BACKEND_LABELS[name]} computed a wrong sum` };
    return { backend: name, ok: true };
  } catch (error) {
    return { backend: name, ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

let pending: Promise<Runtime> | undefined;

/**
 * Loads tfjs and settles on the first backend in `order` that works. Memoised:
 * every widget on a page shares one runtime. Rejects only if no backend works.
 */
export function loadRuntime(options: RuntimeOptions = {}): Promise<Runtime> {
  pending ??= (async () => {
    const tf = await import('@tensorflow/tfjs-core');
    const attempts: BackendAttempt[] = [];
    for (const name of options.order ?? BACKEND_ORDER) {
      const attempt = await tryBackend(tf, name, options);
      attempts.push(attempt);
      if (attempt.ok) return { tf, backend: name, attempts };
    }
    throw new Error(`No TensorFlow.js backend works here: ${attempts.map((a) => `${a.backend}: ${a.reason}`).join('; ')}`);
  })();
  pending.catch(() => {
    pending = undefined; // allow a retry after a failure
  });
  return pending;
}
