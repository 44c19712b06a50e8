/**
 * build(spec) → a tfjs-core model whose parameter count is the analysis's;
 * whole-model inflation; weight files with checksums. Importing this loads
 * @tensorflow/tfjs-core (through ../layers). Training code must also register
 * tfjs-core's gradients (`@tensorflow/tfjs-core/dist/register_all_gradients`).
 */
export { build, toTfjsLayout, VideoModel, type BuildOptions, type TrainingOptions, type WeightInfo, type WeightValue } from './model';
export { inflateModel, inflateSpec, type InflateModelOptions, type InflateSpecOptions } from './inflate';
export {
  exportWeights,
  importWeights,
  loadWeightsFromUrl,
  sha256Hex,
  verifySha256,
  weightsFromFlat,
  weightsToFlat,
  WEIGHTS_FORMAT,
  type WeightEntry,
  type WeightsFile,
  type WeightsManifestGroup,
} from './weightsIO';
export { loadModel, loadModelAt, type LoadedModel, type LoadModelOptions } from './loadModel';
export { specConv3d, specPool3d, flattenChannelsFirst, sampleFrames } from './ops';
export { sinusoidTable, LAYER_NORM_EPSILON, type TokenGrid, type Value } from './tokenOps';
export { specVariables, specConstants, type AdjacencyOption, type VariableSpec } from './params';
export { selfTestSpec, SELF_TEST_SEED } from './selfTestModel';
