// Bundled by esbuild for the model benchmark's Chromium page.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-webgl';
import * as wasm from '@tensorflow/tfjs-backend-wasm';
import { benchModels, timeAllVariants } from './modelTiming';

wasm.setWasmPaths('/wasm/');
(window as unknown as { benchModels: (backend: string, shipped: string[]) => ReturnType<typeof timeAllVariants> }).benchModels = (backend, shipped) =>
  timeAllVariants(tf, backend, benchModels(shipped));
