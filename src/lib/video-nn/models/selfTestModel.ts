/**
 * The tiny model the backend self-test runs (runtime/selfTest.ts): small enough
 * for any backend in well under a second, but touching every kind of operation
 * the catalogue uses — a strided conv with bias, batch norm, ReLU, a ceil-mode
 * max pool, a residual block with a temporal shift, a depthwise conv, a grouped
 * conv and a squeeze-excitation gate with swish, a padded ceil-mode average pool;
 * then tokens with a class token, space and time position embeddings, divided
 * space-time attention, an MLP with GELU and LayerNorm — so a backend that gets
 * any of them wrong shows up as a mismatch against the CPU. Plain data:
 * importing it loads no tfjs.
 */
import {
  avgPool3d,
  batchNorm3d,
  channelGate,
  conv3d,
  globalAvgPool,
  linear,
  maxPool3d,
  relu,
  residual,
  sigmoid,
  swish,
  temporalShift,
} from '../spec/layers';
import { attention, classToken, layerNorm, mlp, positionEmbedding, tokenPool, tokenize } from '../spec/tokenLayers';
import type { LinearLayer, ModelSpec } from '../spec/types';

export const SELF_TEST_SEED = 7;

export function selfTestSpec(): ModelSpec {
  const temporalFc: LinearLayer = { kind: 'linear', name: 'temporal.fc', inFeatures: 12, outFeatures: 12, bias: true, skipClassTokens: true };
  return {
    id: 'selftest_tiny',
    title: 'Self-test model',
    defaultInput: { channels: 3, frames: 4, height: 15, width: 15 },
    layers: [
      conv3d('stem', 3, 8, [3, 3, 3], { stride: [1, 2, 2], padding: 1 }),
      batchNorm3d('stem.bn', 8),
      relu('stem.relu'),
      maxPool3d('pool', [1, 3, 3], { stride: [1, 2, 2], padding: [0, 1, 1], ceilMode: true }),
      residual(
        'block',
        [
          temporalShift('block.shift', 1 / 4),
          conv3d('block.conv_a', 8, 16, 1, { bias: false }),
          batchNorm3d('block.bn_a', 16, { scale: false }),
          conv3d('block.conv_b', 16, 16, 3, { padding: 1, groups: 16, bias: false }),
          channelGate('block.se', [globalAvgPool('block.se.pool'), conv3d('block.se.down', 16, 8, 1), relu('block.se.relu'), conv3d('block.se.up', 8, 16, 1), sigmoid('block.se.gate')]),
          swish('block.swish'),
          conv3d('block.conv_c', 16, 12, 1, { groups: 4, bias: false }),
          batchNorm3d('block.bn_c', 12),
        ],
        { shortcut: [conv3d('block.project', 8, 12, 1, { bias: false })], activation: 'relu' },
      ),
      avgPool3d('avg', [2, 2, 2], { ceilMode: true }),
      // 12×2×3×3 → 18 tokens of width 12, plus a class token.
      tokenize('tokens'),
      classToken('cls', 12),
      positionEmbedding('pos', 'space', 10, 12),
      positionEmbedding('time', 'time', 2, 12),
      residual('temporal', [layerNorm('temporal.norm', 12), attention('temporal.attn', 12, 2, 'time'), temporalFc]),
      residual('spatial', [layerNorm('spatial.norm', 12), attention('spatial.attn', 12, 2, 'space', { qkvBias: 'qv' })]),
      residual('feedforward', [layerNorm('feedforward.norm', 12), ...mlp('feedforward.mlp', 12, 24)]),
      tokenPool('cls_out', 'classToken'),
      layerNorm('norm', 12),
      linear('fc', 12, 5),
    ],
  };
}
