/**
 * One kt×k×k convolution against its (2+1)-D factorisations, for chapter 6's
 * calculator and exercise 26.2.1:
 *
 * - full: Cout·Cin·kt·k² weights;
 * - matched: 1×k×k to M channels, then kt×1×1 to Cout, with R(2+1)D's M =
 *   ⌊kt·k²·Cin·Cout / (k²·Cin + kt·Cout)⌋ (Tran et al. 2018, eq. 1), the width
 *   at which the pair has (up to the floor) as many weights as the full kernel;
 * - sameWidth: the pair with M = Cout, as S3D separates its convolutions.
 *
 * MACs are weights × output positions (stride 1, 'same' padding, so both convs
 * of a pair run at every output position). Biases and the batch norm between
 * the two convs are not counted, as in the curriculum's figures.
 */
import { conv2plus1dWeights, conv3dWeights, type FactorisedWeights } from './costs';

export interface ConvLayerShape {
  inChannels: number;
  outChannels: number;
  /** Temporal extent kt. */
  kt: number;
  /** Spatial extent k (square k×k). */
  k: number;
}

export interface OutputSize {
  frames: number;
  height: number;
  width: number;
}

/** The numbers that go into M: numerator kt·k²·Cin·Cout (the full conv's weights) over k²·Cin + kt·Cout. */
export interface IntermediateWidthTerms {
  numerator: number;
  denominator: number;
  /** numerator / denominator before the floor. */
  exact: number;
  mid: number;
}

export function intermediateWidthTerms(p: ConvLayerShape): IntermediateWidthTerms {
  const numerator = conv3dWeights(p.inChannels, p.outChannels, p.kt, p.k);
  const denominator = p.k * p.k * p.inChannels + p.kt * p.outChannels;
  return { numerator, denominator, exact: numerator / denominator, mid: Math.floor(numerator / denominator) };
}

export interface FactorisedCost extends FactorisedWeights {
  /** MACs at the output size: spatial and temporal parts. */
  macs: { spatial: number; temporal: number; total: number };
  /** Weights relative to the full kt×k×k conv. */
  ratioToFull: number;
}

export interface FactorisationComparison {
  shape: ConvLayerShape;
  output: OutputSize;
  /** Output positions T·H·W. */
  positions: number;
  full: { weights: number; macs: number };
  terms: IntermediateWidthTerms;
  matched: FactorisedCost;
  sameWidth: FactorisedCost;
}

function factorised(p: ConvLayerShape, mid: number, positions: number, fullWeights: number): FactorisedCost {
  const w = conv2plus1dWeights(p.inChannels, p.outChannels, p.kt, p.k, p.k, mid);
  return {
    ...w,
    macs: { spatial: w.spatial * positions, temporal: w.temporal * positions, total: w.total * positions },
    ratioToFull: w.total / fullWeights,
  };
}

export function compareFactorisation(p: ConvLayerShape, output: OutputSize): FactorisationComparison {
  for (const [key, v] of Object.entries(output)) {
    if (!Number.isInteger(v) || v <= 0) throw new Error(`compareFactorisation: output ${key} must be a positive integer, got ${v}`);
  }
  const positions = output.frames * output.height * output.width;
  const weights = conv3dWeights(p.inChannels, p.outChannels, p.kt, p.k);
  const terms = intermediateWidthTerms(p);
  // M can floor to 0 only for a 1×1×1 "factorisation" of tiny layers; keep at least one channel.
  const mid = Math.max(1, terms.mid);
  return {
    shape: p,
    output,
    positions,
    full: { weights, macs: weights * positions },
    terms,
    matched: factorised(p, mid, positions, weights),
    sameWidth: factorised(p, p.outChannels, positions, weights),
  };
}
