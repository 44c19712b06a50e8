/**
 * The tfjs layers and ops of the video library, one module per op. Importing
 * this barrel loads @tensorflow/tfjs-core; code that only needs sizes or masks
 * (analysis, build-time pages) should import the tfjs-free modules directly:
 * `./sizes`, `./shapes`, `./skeleton`, `./tubeMask` and `./reference/*`.
 */
export * from './shapes';
export * from './sizes';
export * from './pad5d';
export * from './batchNorm';
export * from './pointwise';
export { conv3d, type Conv3dOptions } from './conv3d';
export * from './maxPool3d';
export { conv2plus1d, type Conv2Plus1dOptions, type Conv2Plus1dWeights } from './conv2plus1d';
export * from './inflate';
export { temporalShift, residualShift, inPlaceShift, type TemporalShiftOptions } from './temporalShift';
export { nonLocal, nonLocalAttention, type NonLocalOptions, type NonLocalWeights } from './nonLocal';
export * from './slowFastFusion';
export { tubeletEmbed } from './tubeletEmbed';
export * from './attention';
export * from './spaceTimeAttention';
export * from './tubeMask';
export * from './gatherVisible';
export * from './skeleton';
export * from './graphConv';
export * from './temporalConv';
export * from './causalStream';
