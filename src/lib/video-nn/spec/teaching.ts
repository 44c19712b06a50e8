/**
 * The curriculum's small teaching models: the four temporal-fusion variants of
 * chapter 2 and the minimal C3D-style classifier of chapter 4. They are the specs
 * the tiny trained models are built from, and the specs the receptive-field
 * tables are computed from, so the table and the model cannot disagree.
 */
import { batchNorm3d, conv3d, dropout, flatten, globalAvgPool, linear, maxPool3d, relu } from './layers';
import type { ClipShape, Layer, ModelSpec } from './types';

/**
 * When do frames meet?
 * - single: a 2-D network on one frame (its input has one frame).
 * - late: the same per-frame 2-D network on every frame; each frame's final
 *   feature map is flattened and the maps are concatenated in time order, so
 *   frames meet only at the classifier (Karpathy et al. join their towers at
 *   the first fully connected layer). Not pooled first: a pooled feature says
 *   nothing about where things are, so a movement would be invisible, and a
 *   pool over time as well would make this the single-frame model averaged.
 * - early: the first conv's kernel spans every frame of the clip (kt = T, no
 *   temporal padding), so time is collapsed at once; the rest is 2-D.
 * - slow: 3-D convolutions and pools throughout, so time is merged gradually.
 */
export type FusionKind = 'single' | 'late' | 'early' | 'slow';

export interface FusionOptions {
  kind: FusionKind;
  /** Channels of the two convs. */
  widths?: readonly [number, number];
  numClasses?: number;
  /** Default 3×20×64×64 (single: 3×1×64×64), the chapter's worked example. */
  input?: ClipShape;
}

/** pool1's window (and stride) in space, and in time for slow fusion; the convs keep H and W. */
const POOL = 4;

export function fusion(options: FusionOptions): ModelSpec {
  const { kind } = options;
  const [c1, c2] = options.widths ?? [16, 32];
  const numClasses = options.numClasses ?? 4;
  const clip: ClipShape = options.input ?? { channels: 3, frames: kind === 'single' ? 1 : 20, height: 64, width: 64 };
  const k = 3;
  // 2-D layers are conv3d/pool with a time extent of 1: applied to each frame alone.
  const frameConv = (name: string, cin: number, cout: number) => conv3d(name, cin, cout, [1, k, k], { padding: [0, 1, 1] });
  let conv1: Layer;
  let pool1: Layer;
  let conv2: Layer;
  switch (kind) {
    case 'single':
    case 'late':
      conv1 = frameConv('conv1', clip.channels, c1);
      pool1 = maxPool3d('pool1', [1, POOL, POOL]);
      conv2 = frameConv('conv2', c1, c2);
      break;
    case 'early':
      conv1 = conv3d('conv1', clip.channels, c1, [clip.frames, k, k], { padding: [0, 1, 1] });
      pool1 = maxPool3d('pool1', [1, POOL, POOL]);
      conv2 = frameConv('conv2', c1, c2);
      break;
    case 'slow':
      conv1 = conv3d('conv1', clip.channels, c1, k, { padding: 1 });
      pool1 = maxPool3d('pool1', POOL);
      conv2 = conv3d('conv2', c1, c2, k, { padding: 1 });
      break;
  }
  // Late fusion's classifier reads every frame's unpooled map: C2 × T × H/4 × W/4 features.
  const mapSize = Math.floor(clip.height / POOL) * Math.floor(clip.width / POOL);
  const head: Layer[] =
    kind === 'late'
      ? [flatten('flatten'), linear('fc', c2 * clip.frames * mapSize, numClasses)]
      : [globalAvgPool('globalPool'), flatten('flatten'), linear('fc', c2, numClasses)];
  const titles: Record<FusionKind, string> = {
    single: 'Single frame',
    late: 'Late fusion',
    early: 'Early fusion',
    slow: 'Slow fusion (3-D CNN)',
  };
  return {
    id: `fusion_${kind}`,
    title: titles[kind],
    defaultInput: clip,
    layers: [conv1, relu('relu1'), pool1, conv2, relu('relu2'), ...head],
  };
}

export interface Small3dCnnOptions {
  /** Channels of the first stage; the next stages double it. Default 16. */
  width?: number;
  /** Default 6 (the synthetic motion classes). */
  numClasses?: number;
  /** Dropout before the classifier; default 0 (none). */
  dropoutRate?: number;
  /** Default 3×16×64×64. */
  input?: ClipShape;
}

/**
 * Small3DCNN: three conv3d (3×3×3, padding 1) / BN / ReLU stages; a 1×2×2 pool
 * after the first, which halves space but keeps every frame so early layers can
 * still see fine motion; a 2×2×2 pool after the second; global average pool and a
 * linear head. Convs have no bias because BN follows each one.
 */
export function small3dCnn(options: Small3dCnnOptions = {}): ModelSpec {
  const width = options.width ?? 16;
  const numClasses = options.numClasses ?? 6;
  const clip = options.input ?? { channels: 3, frames: 16, height: 64, width: 64 };
  const stage = (i: number, cin: number, cout: number): Layer[] => [
    conv3d(`conv${i}`, cin, cout, 3, { padding: 1, bias: false }),
    batchNorm3d(`bn${i}`, cout),
    relu(`relu${i}`),
  ];
  const head: Layer[] = options.dropoutRate ? [dropout('dropout', options.dropoutRate)] : [];
  return {
    id: 'small3dcnn',
    title: 'Small3DCNN',
    defaultInput: clip,
    layers: [
      ...stage(1, clip.channels, width),
      maxPool3d('pool1', [1, 2, 2]),
      ...stage(2, width, 2 * width),
      maxPool3d('pool2', 2),
      ...stage(3, 2 * width, 4 * width),
      globalAvgPool('globalPool'),
      flatten('flatten'),
      ...head,
      linear('fc', 4 * width, numClasses),
    ],
  };
}
