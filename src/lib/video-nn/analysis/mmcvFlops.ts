/**
 * mmaction2's metafiles report "FLOPs" measured with mmcv's flops counter
 * (mmcv/cnn/utils/flops_counter.py), which counts more than MACs of convs and
 * linear layers. To compare with those figures exactly, this recounts an analysis
 * the way that counter does, per layer, for one clip:
 *   conv: MACs + one addition per output element if the conv has a bias;
 *   linear: in × out (its bias is not counted);
 *   batch norm: 2 × elements (scale and shift; 1 × for a shift-only norm);
 *   ReLU: 1 × output elements (including the ReLU after a residual addition);
 *   max/avg pool, global pool: 1 × input elements;
 *   everything else (dropout, flatten, additions, concatenation, shifts): 0.
 * C3D (101 classes) at 3×16×112×112 gives 38,615,475,200, and SlowFast-R50 4×16 and
 * 8×8 at 3×32×256×256 give 36,441,296,896 and 66,222,034,944: the metafiles' figures.
 * Despite the name these are closer to MACs than to FLOPs: do not double them.
 */
import type { Analysis, AnalysisRow } from './analyze';

const elements = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

export function mmcvRowCount(row: AnalysisRow): number {
  // A ReLU after a residual addition is its own module in mmaction2, so it counts.
  if (row.kind === 'residual') return row.activation === 'relu' ? elements(row.outputShape) : 0;
  const layer = row.layer;
  if (!layer) return 0;
  switch (layer.kind) {
    case 'conv3d':
      return row.macs + (layer.bias ? elements(row.outputShape) : 0);
    case 'linear':
      return row.macs;
    case 'batchNorm3d':
      return (layer.scale === false ? 1 : 2) * elements(row.inputShape);
    case 'relu':
      return elements(row.outputShape);
    case 'maxPool3d':
    case 'avgPool3d':
    case 'globalAvgPool':
      return elements(row.inputShape);
    default:
      return 0;
  }
}

/** The whole model's count in mmcv's convention. */
export function mmcvFlops(analysis: Analysis): number {
  return analysis.rows.reduce((sum, row) => sum + mmcvRowCount(row), 0);
}
