/**
 * Shapes, parameters, MACs and receptive fields of the token layers (video
 * transformers) and skeleton-graph layers (ST-GCN); see spec/tokenTypes.ts.
 *
 * MACs here count, as for convolutions, every multiply-accumulate of a weight
 * with an activation (linear layers on every token, the patch embedding conv,
 * the graph conv's 1×1 conv) and, in addition, the activation-by-activation
 * products that are matrix multiplications: attention's Q·Kᵀ and attention·V
 * (2 × entries × inner width), and the graph aggregation over joints. Softmax,
 * norms, GELU and additions count 0. This is how fvcore-style counters (used for
 * the transformers' published figures) count, so the figures are comparable.
 */
import type { AttentionLayer, ClipShape, PrimitiveLayer } from '../spec/types';
import { SpecError, globalField, growField } from './arithmetic';
import { checkCount, describeTensor, needVolume, type FieldState, type Flow, type PrimitiveResult, type Tensor, type Tokens } from './primitives';

function needTokens(layer: PrimitiveLayer, tensor: Tensor): Tokens {
  if (tensor.kind !== 'tokens') throw new SpecError(layer.name, `${layer.kind} needs tokens, got ${describeTensor(tensor)} (add a tokenize layer)`);
  return tensor;
}

function checkWidth(layer: PrimitiveLayer, expected: number, actual: number, what = 'width'): void {
  checkCount(layer.name, what, expected);
  if (expected !== actual) throw new SpecError(layer.name, `expects ${what} ${expected} but receives ${actual}`);
}

/** Tokens per sequence and number of sequences. */
export function sequences(tokens: Tokens): { count: number; length: number } {
  const [t, h, w] = tokens.grid;
  return tokens.perFrame ? { count: t, length: tokens.cls + h * w } : { count: 1, length: tokens.cls + t * h * w };
}

/** All tokens, and the patch tokens alone (class tokens excluded). */
function tokenCounts(tokens: Tokens): { all: number; patches: number } {
  const [t, h, w] = tokens.grid;
  const s = sequences(tokens);
  return { all: s.count * s.length, patches: t * h * w };
}

/** Mixing within every frame (H and W), across frames (T), or both. */
function mix(field: FieldState, tokens: Tokens, input: ClipShape, axes: { time: boolean; space: boolean }): FieldState {
  const [t, h, w] = tokens.grid;
  return {
    t: axes.time ? globalField(field.t, t, input.frames) : field.t,
    h: axes.space ? globalField(field.h, h, input.height) : field.h,
    w: axes.space ? globalField(field.w, w, input.width) : field.w,
  };
}

/**
 * Tokens processed (by the Q, K, V and output projections) and query–key pairs
 * of one attention layer. The pairs agree with attentionCost(): 'full' on a
 * clip sequence is its 'full' count, 'time' and 'space' are the 'divided'
 * temporal and spatial parts, 'full' on per-frame sequences the factorised
 * encoder's spatial part (and on a sequence of frame tokens its temporal part).
 */
export function attentionWork(layer: AttentionLayer, tokens: Tokens): { processed: number; entries: number } {
  const [t, h, w] = tokens.grid;
  const perFrame = h * w;
  const seq = sequences(tokens);
  switch (layer.pattern) {
    case 'full':
      return { processed: seq.count * seq.length, entries: seq.count * seq.length * seq.length };
    case 'time':
      if (tokens.perFrame) throw new SpecError(layer.name, 'temporal attention needs one sequence for the clip, not one per frame');
      // Class tokens do not take part (TimeSformer).
      return { processed: t * perFrame, entries: perFrame * t * t };
    case 'space': {
      // Class tokens are copied into every frame's sequence (TimeSformer).
      const length = perFrame + tokens.cls;
      return { processed: t * length, entries: t * length * length };
    }
  }
}

export function analyzeTokenPrimitive(layer: PrimitiveLayer, flow: Flow, input: ClipShape): PrimitiveResult {
  const { tensor, field } = flow;
  const keep = (params: number, macs = 0): PrimitiveResult => ({ flow, params, macs });
  switch (layer.kind) {
    case 'tokenize': {
      const v = needVolume(layer, tensor);
      const tokens: Tokens = { kind: 'tokens', width: v.c, grid: [v.t, v.h, v.w], cls: 0, perFrame: layer.perFrame ?? false };
      return { flow: { tensor: tokens, field }, params: 0, macs: 0 };
    }
    case 'classToken': {
      const tokens = needTokens(layer, tensor);
      checkWidth(layer, layer.width, tokens.width);
      return { flow: { tensor: { ...tokens, cls: tokens.cls + 1 }, field }, params: layer.width, macs: 0 };
    }
    case 'positionEmbedding': {
      const tokens = needTokens(layer, tensor);
      checkWidth(layer, layer.width, tokens.width);
      const [t, h, w] = tokens.grid;
      const expected = layer.axis === 'sequence' ? sequences(tokens).length : layer.axis === 'space' ? h * w + tokens.cls : t;
      if (layer.count !== expected) {
        throw new SpecError(layer.name, `a '${layer.axis}' position embedding for ${describeTensor(tokens)} needs ${expected} positions, the layer has ${layer.count}`);
      }
      return keep(layer.learned === false ? 0 : layer.count * layer.width);
    }
    case 'layerNorm': {
      if (tensor.kind === 'volume') throw new SpecError(layer.name, `layerNorm needs tokens or a flat vector, got ${describeTensor(tensor)}`);
      checkWidth(layer, layer.channels, tensor.kind === 'tokens' ? tensor.width : tensor.features, 'channels');
      return keep(2 * layer.channels);
    }
    case 'gelu':
      return keep(0);
    case 'linear': {
      const tokens = needTokens(layer, tensor);
      checkWidth(layer, layer.inFeatures, tokens.width, 'input features');
      checkCount(layer.name, 'outFeatures', layer.outFeatures);
      if (layer.skipClassTokens && layer.inFeatures !== layer.outFeatures) {
        throw new SpecError(layer.name, 'a linear layer that skips the class tokens must keep the width');
      }
      const counts = tokenCounts(tokens);
      const applied = layer.skipClassTokens ? counts.patches : counts.all;
      return {
        flow: { tensor: { ...tokens, width: layer.outFeatures }, field },
        params: layer.inFeatures * layer.outFeatures + (layer.bias ? layer.outFeatures : 0),
        macs: applied * layer.inFeatures * layer.outFeatures,
      };
    }
    case 'attention': {
      const tokens = needTokens(layer, tensor);
      checkWidth(layer, layer.width, tokens.width);
      checkCount(layer.name, 'heads', layer.heads);
      const headWidth = layer.headWidth ?? layer.width / layer.heads;
      checkCount(layer.name, 'head width (width / heads)', headWidth);
      const inner = layer.heads * headWidth;
      const { processed, entries } = attentionWork(layer, tokens);
      const qkvBias = layer.qkvBias === 'all' ? 3 * inner : layer.qkvBias === 'qv' ? 2 * inner : 0;
      const seesTime = layer.pattern !== 'space' && !(layer.pattern === 'full' && tokens.perFrame);
      const seesSpace = layer.pattern !== 'time';
      return {
        flow: { tensor: tokens, field: mix(field, tokens, input, { time: seesTime, space: seesSpace }) },
        params: layer.width * 3 * inner + qkvBias + inner * layer.width + layer.width,
        macs: processed * layer.width * 3 * inner + 2 * entries * inner + processed * inner * layer.width,
        attentionEntries: entries,
      };
    }
    case 'tokenPool': {
      const tokens = needTokens(layer, tensor);
      if (layer.mode === 'classToken' && tokens.cls < 1) throw new SpecError(layer.name, 'there is no class token to keep');
      if (layer.mode === 'classToken' && tokens.perFrame) {
        const frames: Tokens = { kind: 'tokens', width: tokens.width, grid: [tokens.grid[0], 1, 1], cls: 0, perFrame: false };
        return { flow: { tensor: frames, field: mix(field, tokens, input, { time: false, space: true }) }, params: 0, macs: 0 };
      }
      const full = mix(field, tokens, input, { time: !tokens.perFrame || layer.mode === 'mean', space: true });
      return { flow: { tensor: { kind: 'flat', features: tokens.width }, field: full }, params: 0, macs: 0 };
    }
    case 'graphConv': {
      const v = needVolume(layer, tensor);
      for (const key of ['inChannels', 'outChannels', 'partitions', 'joints'] as const) checkCount(layer.name, key, layer[key]);
      if (v.c !== layer.inChannels) throw new SpecError(layer.name, `expects ${layer.inChannels} input channels but receives ${v.c}`);
      if (v.h !== layer.joints) throw new SpecError(layer.name, `expects ${layer.joints} joints (the H axis) but receives ${v.h}`);
      const k = layer.partitions;
      const positions = v.t * v.h * v.w;
      const params = layer.inChannels * layer.outChannels * k + (layer.bias ? layer.outChannels * k : 0) + (layer.edgeImportance ? k * layer.joints * layer.joints : 0);
      const conv = positions * layer.inChannels * layer.outChannels * k;
      const aggregation = positions * layer.outChannels * k * layer.joints;
      // One more hop on the skeleton graph: 2·hops + 1 joints along a chain.
      const out: Flow = { tensor: { ...v, c: layer.outChannels }, field: { ...field, h: growField(field.h, 3, 1) } };
      return { flow: out, params, macs: conv + aggregation };
    }
    case 'jointBatchNorm': {
      const v = needVolume(layer, tensor);
      if (v.c !== layer.channels || v.h !== layer.joints) {
        throw new SpecError(layer.name, `normalises ${layer.channels} channels × ${layer.joints} joints but receives ${v.c} × ${v.h}`);
      }
      return keep(2 * layer.channels * layer.joints);
    }
    default:
      throw new SpecError(layer.name, `unknown layer kind '${(layer as { kind: string }).kind}'`);
  }
}

