// JS twin of cyclicLR.ts: the same operations in the same order, on JavaScript numbers.

import { BASE, MAX, RATIO, TOTAL } from "./cyclicLR.params.js";

export function cyclicTriangular64(params: Float64Array, _steps: Float64Array | null, start: number, out: Float64Array, _hard: Int32Array, n: number): number {
  const total = params[TOTAL]!;
  const ratio = params[RATIO]!;
  const base = params[BASE]!;
  const height = params[MAX]! - base;
  for (let i = 0; i < n; i++) {
    const q = (start + i) / total;
    const x = 1.0 + q - Math.floor(1.0 + q);
    out[i] = base + height * (x <= ratio ? x / ratio : (x - 1.0) / (ratio - 1.0));
  }
  return 0;
}
