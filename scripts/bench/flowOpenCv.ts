// OpenCV.js for the flow benchmark's page, imported lazily so the tfjs pages
// never start its 8 MB WebAssembly module. The module object is a thenable
// whose then() hands back itself, so it must never be awaited or resolved
// directly: callers get it wrapped in a plain object.
import cvModule from '@techstark/opencv-js';
import type { OpenCv } from './flowRuns';

export function loadOpenCv(): Promise<{ cv: OpenCv }> {
  const cv = cvModule as unknown as OpenCv & { then(ready: () => void): unknown };
  return new Promise((resolve) => {
    cv.then(() => resolve({ cv }));
  });
}
