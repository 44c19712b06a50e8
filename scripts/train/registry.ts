/**
 * The trainable models now live in the library (the browser loads shipped
 * weights by rebuilding their spec from it); re-exported for the train script.
 */
export { findTrainable, TRAINABLE, type TrainableModel, type TrainDefaults } from '../../src/lib/video-nn/training/registry';
