/**
 * Public API of the spec module: the spec types, the layer constructors and the
 * model builders. Specs are plain data; analyse them with `../analysis`.
 */
export type * from './types';
export * from './layers';
export { c3d, c3dSports1m, c3dUcf101, type C3dOptions } from './c3d';
export {
  mc318,
  r2plus1d18,
  r3d18,
  rmc318,
  basicBlock,
  videoResNet,
  type StageConv,
  type StemKind,
  type VideoResNetBlock,
  type VideoResNetOptions,
} from './videoResNet';
export { fusion, small3dCnn, type FusionKind, type FusionOptions, type Small3dCnnOptions } from './teaching';
export { s3d } from './s3d';
export { i3dInception, type I3dOptions } from './i3d';
export { INCEPTION_V1_STEPS, inceptionOutChannels, type InceptionStep, type InceptionWidths } from './inceptionV1';
export { roundRepeats, roundWidth, x3d, type X3dOptions, type X3dSize } from './x3d';
export { slowFast, slowFastR50_4x16, slowFastR50_8x8, type SlowFastOptions } from './slowFast';
export { BOTTLENECK_EXPANSION, RESNET_DEPTHS, bottleneck3d, convModule, resnet3dStage, resnet3dStem } from './resnet3d';
export * from './tokenLayers';
export { timesformer, type TimesformerAttention, type TimesformerOptions } from './timesformer';
export { vivitFactorisedEncoder, type VivitOptions } from './vivit';
export { videoMae, type VideoMaeOptions } from './videomae';
export { SKELETON_JOINTS, stGcn, type SkeletonLayout, type StGcnOptions } from './stgcn';
export { resnet2d, tsmR50, type ResNet2dOptions } from './resnet2d';
export { i3dR50, slowR50 } from './resnet3dModels';
export { r2plus1dBlock, twoStreamResNet18, type TwoStreamOptions } from './teachingBlocks';
export * from './tinyTrained';
export { MIXED_CONV_GROUPS, isGroup3d, mixedConvResNet, type MixedConvGroup, type MixedConvOptions, type MixedConvOrder } from './mixedConv';
