// JS twin of stepFunction.ts: values[k] for a count with k breakpoints at or below it; a range run
// by run of one value, an array by a binary search per count, as the kernel.

import { isCount32, isCount64 } from "./shared/count.twin.js";
import { COUNT, SLOTS } from "./stepFunction.params.js";

/** The number of breakpoints at or below count c (the kernel's branch-free binary search). */
export function index(p: Float64Array, c: number): number {
  const n = p[COUNT]!;
  if (n === 0) return 0;
  let base = 0;
  let len = n;
  while (len > 1) {
    const half = len >> 1;
    if (p[SLOTS + base + half]! <= c) base += half;
    len -= half;
  }
  return base + (p[SLOTS + base]! <= c ? 1 : 0);
}

function run(p: Float64Array, steps: Float64Array | null, start: number, out: Float32Array | Float64Array, n: number, wide: boolean): number {
  const count = p[COUNT]!;
  const values = SLOTS + count;
  if (steps === null) {
    // A range (its counts checked by the facade): runs of one value, each up to the next breakpoint.
    for (let i = 0, k = index(p, start); i < n; k++) {
      const end = k < count ? Math.min(n, p[SLOTS + k]! - start) : n;
      out.fill(p[values + k]!, i, end);
      i = end;
    }
    return 0;
  }
  for (let i = 0; i < n; i++) {
    const step = steps[i]!;
    if (wide ? !isCount64(step) : !isCount32(step)) return -1 - i;
    out[i] = p[values + index(p, step)]!;
  }
  return 0;
}

export function stepFunction32(
  params: Float64Array, steps: Float64Array | null, start: number, out: Float32Array, _hard: Int32Array, n: number,
): number {
  return run(params, steps, start, out, n, false);
}

export function stepFunction64(
  params: Float64Array, steps: Float64Array | null, start: number, out: Float64Array, _hard: Int32Array, n: number,
): number {
  return run(params, steps, start, out, n, true);
}
