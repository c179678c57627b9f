// JS twin of cosineAnnealingLR.ts: the same operations in the same order, on JavaScript numbers.

import { cosinesAt } from "./cosines.twin.js";
import { T, PI } from "./cosineAnnealingLR.params.js";

export function cosineAnnealingLR64(params: Float64Array, _steps: Float64Array | null, start: number, out: Float64Array, hard: Int32Array, n: number): number {
  const tMax = params[T]!;
  const pi = params[PI]!;
  for (let i = 0; i < n; i++) out[i] = (pi * (start + i)) / tMax;
  return cosinesAt(out, out, hard, n);
}
