/**
 * Training and evaluation of VideoModels on the procedural datasets. Pure
 * library code (no fs). The caller registers tfjs-core's gradients first.
 */
export { train, trainStep, batchOrder, epochLearningRate, setLearningRate, type LearningRateSchedule, type TrainOptions, type TrainResult, type EpochRecord, type StepProgress } from './loop';
export { evaluate, predictSplit, accuracy, perClassAccuracy, confusionMatrix, type Evaluation, type EvaluateOptions, type Predictions } from './evaluate';
export { TRAINABLE, findTrainable, type TrainableModel, type TrainDefaults } from './registry';
export { MANIFEST_VERSION, specHash, type SplitRecord, type TrainingManifest } from './manifest';
