/**
 * Sizes the layers compute, as plain functions with no tfjs, so analysis code,
 * build-time pages and widgets that only show numbers can use them without
 * loading TensorFlow.js. The op modules re-export them.
 */
import { checkPositiveInteger, slidingOutput, toPadding3d, toTriple, type Padding3d, type Triple } from './shapes';

/**
 * The intermediate width M that gives the (2+1)-D block the parameters of a full
 * kt×k×k conv: floor(kt·k²·Cin·Cout / (k²·Cin + kt·Cout)).
 * torchvision computes it once per BasicBlock from the block's (inplanes, planes)
 * with kt = k = 3 and uses the same M for both of the block's convs, so the
 * second conv of a stage's first block (planes → planes) gets midWidth(inplanes,
 * planes), not midWidth(planes, planes): r2plus1d_18 uses 144, 230, 288, 460,
 * 576, 921, 1152. (Its stem's 45 is a fixed number, not this formula.)
 */
export function midWidth(cin: number, cout: number, kt = 3, k = 3): number {
  [cin, cout, kt, k].forEach((v, i) => checkPositiveInteger('midWidth', ['cin', 'cout', 'kt', 'k'][i]!, v));
  return Math.floor((kt * k * k * cin * cout) / (k * k * cin + kt * cout));
}

/**
 * Output T, H, W of a conv3d: floor((n + padding − k) / stride) + 1 per axis, or
 * an Error naming the axis whose kernel does not fit. Padding as conv3d takes it.
 */
export function conv3dOutputSize(input: Triple, kernel: Triple, stride: number | Triple = 1, padding: number | Triple | Padding3d = 0): Triple {
  const steps = toTriple(stride);
  const pads = toPadding3d(padding);
  const axes = ['T', 'H', 'W'];
  return input.map((n, i) => {
    const [before, after] = pads[i]!;
    const out = slidingOutput(n, kernel[i]!, steps[i]!, before, after);
    if (out < 1) throw new Error(`conv3d: kernel ${kernel[i]} along ${axes[i]} is larger than the padded input ${n + before + after}`);
    return out;
  }) as Triple;
}

export interface TubeletGrid {
  /** Tubes along T, H, W. */
  grid: Triple;
  tokens: number;
  /** Frames, rows and columns left over at the end of each axis (dropped). */
  dropped: Triple;
}

/** e.g. 16×224×224 with 2×16×16 tubes → 8×14×14 = 1,568 tokens. */
export function tubeletGrid(input: Triple, tubelet: Triple): TubeletGrid {
  input.forEach((n, i) => {
    if (tubelet[i]! < 1 || tubelet[i]! > n) throw new Error(`tubeletGrid: tubelet ${tubelet.join('×')} does not fit the input ${input.join('×')}`);
  });
  const grid = input.map((n, i) => Math.floor(n / tubelet[i]!)) as Triple;
  return { grid, tokens: grid[0] * grid[1] * grid[2], dropped: input.map((n, i) => n % tubelet[i]!) as Triple };
}

/** How many channels move each way: floor(C / foldDiv). */
export function shiftedChannels(channels: number, foldDiv = 8): number {
  return Math.floor(channels / foldDiv);
}
