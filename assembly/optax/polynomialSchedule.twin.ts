// JS twin of polynomialSchedule.ts: optax's polynomial_schedule with the same operations in the same
// order, on JavaScript numbers (Math.fround where the kernel rounds to float32; `| 0` is int32's
// wrap-around). Read polynomialSchedule.ts for the pipeline.

import { powv32, powv64 } from "../numerics/pow.twin.js";
import { wasUndecided } from "../numerics/undecided.twin.js";
import { isCount32, isCount64 } from "./shared/count.twin.js";
import { power32, power64 } from "./shared/power.twin.js";

export { modeOf } from "./shared/power.twin.js";
import { IE, E, T, TF, BEGIN, POWER, MODE } from "./polynomialSchedule.params.js";

/**
 * The float32 value at int32 count c, or undecided() (a fractional power); `pow` is the power's
 * function (the facade's exact value passes a correctly rounded one that always decides).
 */
export function one32(c: number, p: Float64Array, pow: (x: number, y: number) => number = powv32): number {
  const t = p[T]!;
  const d = (c - p[BEGIN]!) | 0;
  const cl = d < 0 ? 0 : d > t ? t : d;
  const frac = Math.fround(1 - Math.fround(Math.fround(cl) / p[TF]!));
  const fp = power32(frac, p[POWER]!, p[MODE]!, pow);
  return Math.fround(Math.fround(p[IE]! * fp) + p[E]!);
}

/** The float64 value at count c, or undecided(); `pow` as one32's. */
export function one64(c: number, p: Float64Array, pow: (x: number, y: number) => number = powv64): number {
  const d = c - p[BEGIN]!;
  const cl = d < 0 ? 0 : Math.min(d, p[T]!);
  const frac = 1 - cl / p[T]!;
  const fp = power64(frac, p[POWER]!, p[MODE]!, pow);
  return p[IE]! * fp + p[E]!;
}

export function polynomialSchedule32(
  params: Float64Array, steps: Float64Array | null, start: number, out: Float32Array, hard: Int32Array, n: number,
): number {
  let count = 0;
  for (let i = 0; i < n; i++) {
    const step = steps !== null ? steps[i]! : start + i;
    if (!isCount32(step)) return -1 - i;
    const v = one32(step, params);
    if (wasUndecided()) hard[count++] = i;
    else out[i] = v;
  }
  return count;
}

export function polynomialSchedule64(
  params: Float64Array, steps: Float64Array | null, start: number, out: Float64Array, hard: Int32Array, n: number,
): number {
  let count = 0;
  for (let i = 0; i < n; i++) {
    const step = steps !== null ? steps[i]! : start + i;
    if (!isCount64(step)) return -1 - i;
    const v = one64(step + 0, params);
    if (wasUndecided()) hard[count++] = i;
    else out[i] = v;
  }
  return count;
}
