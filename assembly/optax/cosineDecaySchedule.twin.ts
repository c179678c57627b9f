// JS twin of cosineDecaySchedule.ts: optax's cosine_decay_schedule with the same operations in the
// same order, on JavaScript numbers (Math.fround where the kernel rounds to float32), element by
// element (cos32 keeps the last anchor's constants, and a range's arguments share one for thousands
// of counts). Read cosineDecaySchedule.ts for the pipeline.

import { cos32, cos64 } from "../numerics/cos.twin.js";
import { powv32, powv64 } from "../numerics/pow.twin.js";
import { undecided, wasUndecided } from "../numerics/undecided.twin.js";
import { isCount32, isCount64 } from "./shared/count.twin.js";
import { power32, power64 } from "./shared/power.twin.js";
import { INIT, DF, PI, A, ALPHA, EXPONENT, MODE } from "./cosineDecaySchedule.params.js";

/** A function of one argument and one of two (the cosine, the power). */
type F1 = (x: number) => number;
type F2 = (x: number, y: number) => number;

/**
 * The float32 value at int32 count c, or undecided(); `cos` and `pow` are the functions (the
 * facade's exact value passes correctly rounded ones that always decide).
 */
export function one32(c: number, p: Float64Array, cos: F1 = cos32, pow: F2 = powv32): number {
  const d = p[DF]!;
  const x = Math.min(Math.fround(c), d);
  const cd = Math.fround(0.5 * Math.fround(1 + cos(Math.fround(Math.fround(p[PI]! * x) / d))));
  if (wasUndecided()) return undecided();
  const q = power32(cd, p[EXPONENT]!, p[MODE]!, pow);
  return Math.fround(p[INIT]! * Math.fround(Math.fround(p[A]! * q) + p[ALPHA]!));
}

/** The float64 value at count c, or undecided(); `cos` and `pow` as one32's. */
export function one64(c: number, p: Float64Array, cos: F1 = cos64, pow: F2 = powv64): number {
  const d = p[DF]!;
  const x = Math.min(c, d);
  const cd = 0.5 * (1 + cos((p[PI]! * x) / d));
  if (wasUndecided()) return undecided();
  const q = power64(cd, p[EXPONENT]!, p[MODE]!, pow);
  return p[INIT]! * (p[A]! * q + p[ALPHA]!);
}

export function cosineDecaySchedule32(
  params: Float64Array, steps: Float64Array | null, start: number, out: Float32Array, hard: Int32Array, n: number,
): number {
  let count = 0;
  for (let i = 0; i < n; i++) {
    const step = steps !== null ? steps[i]! : start + i;
    if (!isCount32(step)) return -1 - i;
    const v = one32(step + 0, params);
    if (wasUndecided()) hard[count++] = i;
    else out[i] = v;
  }
  return count;
}

export function cosineDecaySchedule64(
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
