// JS twin of cosineAnnealingLR.ts: the same operations in the same order, on JavaScript numbers.

import { cos64 } from "../numerics/cos.twin.js";
import { wasUndecided } from "../numerics/undecided.twin.js";
import { T, PI } from "./cosineAnnealingLR.params.js";

export function cosineAnnealingLR64(params: Float64Array, _steps: Float64Array | null, start: number, out: Float64Array, hard: Int32Array, n: number): number {
  const tMax = params[T]!;
  const pi = params[PI]!;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const c = cos64((pi * (start + i)) / tMax);
    if (wasUndecided()) hard[count++] = i;
    else out[i] = c;
  }
  return count;
}
