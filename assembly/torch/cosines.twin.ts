// JS twin of cosines.ts: the same operations in the same order, on JavaScript numbers.

import { cos64 } from "../numerics/cos.twin.js";
import { wasUndecided } from "../numerics/undecided.twin.js";

export function cosines64(_params: Float64Array, steps: Float64Array | null, _start: number, out: Float64Array, hard: Int32Array, n: number): number {
  const x = steps!;
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (!(x[i]! - x[i]! === 0.0)) return -1 - i;
    const c = cos64(x[i]!);
    if (wasUndecided()) hard[count++] = i;
    else out[i] = c;
  }
  return count;
}
