import { describe, expect, it } from 'vitest';
import * as layers from '../../../src/lib/video-nn/layers';

describe('layers barrel', () => {
  it('exports every op', () => {
    const ops = [
      'conv3d', 'maxPool3d', 'conv2plus1d', 'midWidth', 'inflateKernel', 'temporalShift', 'residualShift', 'inPlaceShift',
      'nonLocal', 'nonLocalAttention', 'timeToChannel', 'timeStridedConv', 'fuseIntoSlow', 'tubeletEmbed', 'tubeletGrid',
      'multiHeadAttention', 'attentionProbabilities', 'fullSpaceTimeAttention', 'dividedSpaceTimeAttention', 'factorisedEncoder',
      'fullAttentionMap', 'dividedAttentionMaps', 'factorisedAttentionMaps', 'tubeMask', 'gatherVisible', 'spatialPartition',
      'graphConv', 'temporalConv1d', 'temporalConvPyramid', 'causalTemporalConv', 'createCausalConvStream', 'batchNormInference', 'pointwise',
    ];
    for (const name of ops) expect(typeof (layers as Record<string, unknown>)[name], name).toBe('function');
    expect(layers.COCO_EDGES).toHaveLength(16);
  });
});
