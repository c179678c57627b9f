// JS twin of stepFunction.ts: values[k] for a count with k breakpoints at or below it.

import { isCount32, isCount64 } from "./shared/count.twin.js";
import { COUNT, SLOTS } from "./stepFunction.params.js";

/** The number of breakpoints at or below count c. */
export function index(p: Float64Array, c: number): number {
  const n = p[COUNT]!;
  let k = 0;
  while (k < n && p[SLOTS + k]! <= c) k++;
  return k;
}

function run(p: Float64Array, steps: Float64Array | null, start: number, out: Float32Array | Float64Array, n: number, wide: boolean): number {
  const values = SLOTS + p[COUNT]!;
  for (let i = 0; i < n; i++) {
    const step = steps !== null ? steps[i]! : start + i;
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
