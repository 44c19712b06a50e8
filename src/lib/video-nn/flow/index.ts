/**
 * flow/: dense optical flow (TV-L1 on tfjs ops), frame pairs with known flow,
 * errors against it, `.flo` files, and flow → pixels. Importing this barrel
 * loads tfjs-core; field, flo, colour, metrics, groundTruth and reference need no tfjs.
 */
export { bilinearSample, pixelGrid, warpByFlow } from './bilinear';
export { colourWheel, flowColour, flowToRGBA, maxFlowRadius, WHEEL_SEGMENTS } from './colour';
export { checkFlowField, flowArrows, flowMagnitude, isKnownFlow, meanMagnitude, UNKNOWN_FLOW_THRESHOLD, type Arrow, type FlowField } from './field';
export { FLO_MAGIC, FLO_MAX_PIXELS, readFlo, writeFlo } from './flo';
export { applyAffine, fractalTexture, framePair, invertAffine, motionAffine, type Affine, type ForegroundLayer, type FramePair, type FramePairOptions, type Motion, type PixelImage } from './groundTruth';
export { angularErrorDegrees, flowErrors, type FlowErrors } from './metrics';
export { centredGradient, gaussianBlur, resizeFlow, resizeImage, toGrey } from './pyramid';
export { samplePlain } from './reference';
export { stackFlows } from './stack';
export { FLOW_DEFAULTS, flowField, frameTensor, median3x3, opticalFlow, pyramidSizes, type FlowOptions } from './tvl1';
export { clipFlowStack, clipFlowStackTensor, flowStackDataset, type FlowStackDataset, type FlowStackOptions } from './clipFlows';
