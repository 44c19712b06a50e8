/**
 * Procedural video datasets in which motion, not appearance, decides the class,
 * and the clip samplers. No tfjs and no DOM: plain Float32Arrays (T×H×W×C,
 * channels last, values in [0, 1]), usable in Node, a Web Worker or a page.
 */
export * from './random';
export * from './dataset';
export * from './raster';
export { hsv, randomBackground, contrastColour, randomTexture } from './scene';
export * from './motionDirection';
export * from './somethingLite';
export * from './skeletonPose';
export {
  STICK_FIGURES_VERSION, KEYPOINTS, randomBody, randomTiming, randomStickScene, randomStickFigureSpec, stickFigureClip, stickFigures,
  paintFigure, emitKeypoints, type StickFigureScene, type StickFigureSpec, type StickFigureClip, type StickFiguresOptions,
} from './stickFigures';
export * from './untrimmed';
export * from './samplers';
export * from './image';
export * from './speed';
export * from './keypointClips';
export * from './streams';
