// JS twin of exponentialDecay.ts: the same functions with the same operations in the same order,
// and the same contract (results in `out`, undecided indices in `hard`, the count returned, or
// -1 - index for a non-finite step). Read exponentialDecay.ts for why.

import { HARD, pow } from "./exp2.twin.js";

export function p32(step: number, d: number, staircase: boolean): number {
  const p = Math.fround(Math.fround(step) / d);
  return staircase ? Math.floor(p) : p;
}

export function p64(step: number, d: number, staircase: boolean): number {
  const p = step / d;
  return staircase ? Math.floor(p) : p;
}

function run(
  steps: Float64Array | null, start: number, out: Float32Array | Float64Array, hard: Int32Array, n: number,
  a: number, d: number, l1: number, l2: number, staircase: boolean, wide: boolean,
): number {
  let count = 0;
  for (let i = 0; i < n; i++) {
    const step = steps !== null ? steps[i]! : start + i;
    if (step - step !== 0) return -1 - i;
    const v = pow(wide ? p64(step, d, staircase) : p32(step, d, staircase), l1, l2, wide);
    if (v === HARD) hard[count++] = i;
    else out[i] = a * v; // a Float32Array store rounds to float32, as the kernel's demotion
  }
  return count;
}

export function exponentialDecay32(
  steps: Float64Array | null, start: number, out: Float32Array, hard: Int32Array, n: number,
  a: number, d: number, l1: number, l2: number, staircase: boolean,
): number {
  return run(steps, start, out, hard, n, a, d, l1, l2, staircase, false);
}

export function exponentialDecay64(
  steps: Float64Array | null, start: number, out: Float64Array, hard: Int32Array, n: number,
  a: number, d: number, l1: number, l2: number, staircase: boolean,
): number {
  return run(steps, start, out, hard, n, a, d, l1, l2, staircase, true);
}
