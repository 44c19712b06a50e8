/**
 * Printing costs. The library counts multiply-accumulates (MACs); one MAC is two
 * floating-point operations, so FLOPs = 2 × MACs. Papers and libraries mix the
 * two (torchvision's "GFLOPS" column is G MACs), so every printed cost says which
 * it is.
 */

export function flopsFromMacs(macs: number): number {
  return 2 * macs;
}

const PREFIXES: readonly [number, string][] = [
  [1e12, 'T'],
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'K'],
];

/** A value with a decimal SI prefix: 38,547,378,176 → "38.55 G"; 512 → "512 ". */
export function formatSi(value: number, digits = 2): string {
  const abs = Math.abs(value);
  for (const [scale, prefix] of PREFIXES) {
    if (abs >= scale) return `${(value / scale).toFixed(digits)} ${prefix}`;
  }
  return `${value} `;
}

/** "38.55 GMACs" */
export function formatMacs(macs: number, digits = 2): string {
  return `${formatSi(macs, digits)}MACs`;
}

/** "77.09 GFLOPs (2 × MACs)" */
export function formatFlops(macs: number, digits = 2): string {
  return `${formatSi(flopsFromMacs(macs), digits)}FLOPs (2 × MACs)`;
}

/** "38.55 GMACs = 77.09 GFLOPs (FLOPs = 2 × MACs)" */
export function formatCost(macs: number, digits = 2): string {
  return `${formatMacs(macs, digits)} = ${formatSi(flopsFromMacs(macs), digits)}FLOPs (FLOPs = 2 × MACs)`;
}

/** 33,371,472 → "33.37 M parameters" */
export function formatParams(params: number, digits = 2): string {
  return `${formatSi(params, digits).trimEnd()} parameters`;
}
