/**
 * Plain-loop pieces the model tests need beyond layers/reference: grouped conv
 * (per-group conv3dPlain), PyTorch's AvgPool3d with padding and ceil mode, a
 * channels-first flatten and a linear layer. No tfjs.
 */
import { conv3dPlain } from '../../../src/lib/video-nn/layers/reference/conv3d';
import type { PlainTensor } from '../../../src/lib/video-nn/layers/reference/tensor';

type Pads = [[number, number], [number, number], [number, number]];

/** Channels [from, from + count) of an N×T×H×W×C tensor. */
export function sliceChannels(x: PlainTensor, from: number, count: number): PlainTensor {
  const C = x.shape[x.shape.length - 1]!;
  const rows = x.data.length / C;
  const out = new Float32Array(rows * count);
  for (let r = 0; r < rows; r++) for (let c = 0; c < count; c++) out[r * count + c] = x.data[r * C + from + c]!;
  return { shape: [...x.shape.slice(0, -1), count], data: out };
}

export function concatChannels(parts: PlainTensor[]): PlainTensor {
  const widths = parts.map((p) => p.shape[p.shape.length - 1]!);
  const C = widths.reduce((a, b) => a + b, 0);
  const rows = parts[0]!.data.length / widths[0]!;
  const out = new Float32Array(rows * C);
  for (let r = 0; r < rows; r++) {
    let at = 0;
    parts.forEach((p, i) => {
      for (let c = 0; c < widths[i]!; c++) out[r * C + at + c] = p.data[r * widths[i]! + c]!;
      at += widths[i]!;
    });
  }
  return { shape: [...parts[0]!.shape.slice(0, -1), C], data: out };
}

/** PyTorch's grouped Conv3d: filter kT×kH×kW×(Cin/g)×Cout, group g maps its Cin/g inputs to its Cout/g outputs. */
export function groupedConvPlain(x: PlainTensor, filter: PlainTensor, groups: number, options: { stride?: [number, number, number]; padding?: Pads; bias?: Float32Array }): PlainTensor {
  const cin = x.shape[4]! / groups;
  const cout = filter.shape[4]! / groups;
  const outs = Array.from({ length: groups }, (_, g) =>
    conv3dPlain(sliceChannels(x, g * cin, cin), sliceChannels(filter, g * cout, cout), {
      ...(options.stride ? { stride: options.stride } : {}),
      ...(options.padding ? { padding: options.padding } : {}),
      bias: options.bias?.subarray(g * cout, (g + 1) * cout),
    }),
  );
  return concatChannels(outs);
}

/** PyTorch's AvgPool3d(count_include_pad=True): divide by the window clipped to the padded input. */
export function avgPool3dTorchPlain(x: PlainTensor, kernel: [number, number, number], stride: [number, number, number], padding: [number, number, number], out: [number, number, number]): PlainTensor {
  const [N, T, H, W, C] = x.shape as [number, number, number, number, number];
  const size = [T, H, W];
  const result = new Float32Array(N * out[0] * out[1] * out[2] * C);
  for (let n = 0; n < N; n++)
    for (let t = 0; t < out[0]; t++)
      for (let y = 0; y < out[1]; y++)
        for (let i = 0; i < out[2]; i++) {
          const pos = [t, y, i];
          const start = pos.map((p, a) => p * stride[a]! - padding[a]!);
          const end = start.map((s, a) => Math.min(s + kernel[a]!, size[a]! + padding[a]!));
          const divisor = end.reduce((acc, e, a) => acc * (e - start[a]!), 1);
          for (let c = 0; c < C; c++) {
            let sum = 0;
            for (let a = Math.max(start[0]!, 0); a < Math.min(end[0]!, T); a++)
              for (let b = Math.max(start[1]!, 0); b < Math.min(end[1]!, H); b++)
                for (let d = Math.max(start[2]!, 0); d < Math.min(end[2]!, W); d++) sum += x.data[(((n * T + a) * H + b) * W + d) * C + c]!;
            result[(((n * out[0] + t) * out[1] + y) * out[2] + i) * C + c] = sum / divisor;
          }
        }
  return { shape: [N, ...out, C], data: result };
}

/** N×T×H×W×C → N×(C·T·H·W), channels first (PyTorch's order). */
export function flattenPlain(x: PlainTensor): PlainTensor {
  const [N, T, H, W, C] = x.shape as [number, number, number, number, number];
  const out = new Float32Array(x.data.length);
  for (let n = 0; n < N; n++)
    for (let c = 0; c < C; c++)
      for (let t = 0; t < T; t++)
        for (let y = 0; y < H; y++)
          for (let i = 0; i < W; i++) out[n * C * T * H * W + ((c * T + t) * H + y) * W + i] = x.data[(((n * T + t) * H + y) * W + i) * C + c]!;
  return { shape: [N, C * T * H * W], data: out };
}

/** x N×F · weight F×O + bias. */
export function linearPlain(x: PlainTensor, weight: PlainTensor, bias?: Float32Array): PlainTensor {
  const [N, F] = x.shape as [number, number];
  const O = weight.shape[1]!;
  const out = new Float32Array(N * O);
  for (let n = 0; n < N; n++)
    for (let o = 0; o < O; o++) {
      let sum = bias ? bias[o]! : 0;
      for (let f = 0; f < F; f++) sum += x.data[n * F + f]! * weight.data[f * O + o]!;
      out[n * O + o] = sum;
    }
  return { shape: [N, O], data: out };
}
