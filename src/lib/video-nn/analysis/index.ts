/**
 * Public API of the analysis module: pure functions, no tfjs, usable at build
 * time and in the browser.
 */
export { analyze, subtotal, SpecError, type Analysis, type AnalysisRow, type ReceptiveField } from './analyze';
export { mmcvFlops, mmcvRowCount } from './mmcvFlops';
export { flopsFromMacs, formatCost, formatFlops, formatMacs, formatParams, formatSi } from './format';
export * from './costs';
export * from './videoSize';
export * from './x3dExpansion';
export * from './factorisation';
export * from './networkUnits';
export * from './x3dSteps';
export * from './flowCost';
export * from './tensorLayout';
