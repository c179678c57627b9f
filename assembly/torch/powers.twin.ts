// JS twin of powers.ts: the same operations in the same order, on JavaScript numbers.

import { powv64 } from "../numerics/pow.twin.js";
import { wasUndecided } from "../numerics/undecided.twin.js";
import { Y } from "./powers.params.js";

export function powers64(params: Float64Array, steps: Float64Array | null, _start: number, out: Float64Array, hard: Int32Array, n: number): number {
  const y = params[Y]!;
  const x = steps!;
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (!(x[i]! - x[i]! === 0.0)) return -1 - i;
    const v = powv64(x[i]!, y);
    if (wasUndecided()) hard[count++] = i;
    else out[i] = v;
  }
  return count;
}
