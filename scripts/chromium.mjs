// Debian's Chromium, as every browser test and benchmark of this project starts it.
// SwiftShader gives a real WebGL 2 without a GPU; never --use-gl=swiftshader
// (tfjs then silently falls back to WASM). The network flags keep Chromium from
// calling home on a machine with no internet.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Extra flags for a Chromium with WebGL switched off (to test the WASM fallback). */
export const NO_WEBGL_ARGS = ['--disable-webgl', '--disable-webgl2', '--disable-3d-apis'];
