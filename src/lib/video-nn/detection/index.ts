/** Temporal action detection on untrimmed sequences (docs/library/detection.md). */
export * from './segments';
export * from './map';
export * from './targets';
export * from './spec';
export * from './data';
export * from './loss';
export * from './evaluate';
export * from './train';
export * from './registry';
