/**
 * How fast the generators run here, in clips per second at the default
 * 16×32×32×3 (untrimmed: sequences per second at 256–512 frames). A plain
 * function, not a test: timings vary by machine and tests must not assert on
 * them. Run it from Node (`tsx`) or a page.
 */
import type { ClipDataset } from './dataset';
import { motionDirection } from './motionDirection';
import { somethingLite } from './somethingLite';
import { stickFigures } from './stickFigures';
import { untrimmed } from './untrimmed';

export interface GeneratorSpeed {
  id: string;
  /** Clips (or sequences) generated. */
  count: number;
  seconds: number;
  perSecond: number;
  /** Mean milliseconds per clip. */
  msPerItem: number;
}

function time(id: string, minSeconds: number, make: (i: number) => unknown): GeneratorSpeed {
  for (let i = 0; i < 20; i++) make(1_000_000 + i); // warm up the JIT
  const start = performance.now();
  let count = 0;
  let elapsed = 0;
  while (elapsed < minSeconds * 1000) {
    for (let i = 0; i < 10; i++) make(count++);
    elapsed = performance.now() - start;
  }
  const seconds = elapsed / 1000;
  return { id, count, seconds, perSecond: count / seconds, msPerItem: elapsed / count };
}

const clips = (ds: ClipDataset) => (i: number) => ds.clip('train', i);

export function measureGeneratorSpeed(minSeconds = 0.5): GeneratorSpeed[] {
  const u = untrimmed({ seed: 1 });
  return [
    time('motion-direction-2', minSeconds, clips(motionDirection({ seed: 1 }))),
    time('motion-direction-4', minSeconds, clips(motionDirection({ seed: 1, classes: 4 }))),
    time('something-lite', minSeconds, clips(somethingLite({ seed: 1 }))),
    time('stick-figures', minSeconds, clips(stickFigures({ seed: 1 }))),
    time('untrimmed-stick-figures', minSeconds, (i) => u.sequence('train', i)),
  ];
}
