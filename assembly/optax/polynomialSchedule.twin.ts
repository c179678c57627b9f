// JS twin of polynomialSchedule.ts: optax's polynomial_schedule with the same operations in the same
// order, on JavaScript numbers (Math.fround where the kernel rounds to float32; `| 0` is int32's
// wrap-around). Read polynomialSchedule.ts for the pipeline.

import { powv32, powv64 } from "../numerics/pow.twin.js";
import { wasUndecided } from "../numerics/undecided.twin.js";
import { isCount32, isCount64 } from "./shared/count.twin.js";
import { GENERAL, power32, power64 } from "./shared/power.twin.js";

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
  return at64(c, p[BEGIN]!, p[T]!, p[IE]!, p[E]!, p[POWER]!, p[MODE]!, pow);
}

/** one64 with the parameters as values, as the kernel's at64. */
function at64(c: number, b: number, t: number, ie: number, e: number, y: number, mode: number, pow: (x: number, y: number) => number = powv64): number {
  const d = c - b;
  const cl = d < 0 ? 0 : Math.min(d, t);
  const frac = 1 - cl / t;
  const fp = power64(frac, y, mode, pow);
  return ie * fp + e;
}

// The kernel's structure, without its lanes: a range's constant head and tail filled, its counts
// between checked by the range's ends, the parameters read once. One loop for a checked range and
// one for everything else: V8 does not unswitch loops (a float64 linear_schedule's range took 1.7
// times as long with the per-count check in the loop).

/** The end of a range's head (counts <= B) and the start of its tail (counts >= B + T), as the kernel's head and tail. */
function headTail(p: Float64Array, start: number, n: number): [number, number] {
  const h = Math.min(Math.max(p[BEGIN]! - start + 1, 0), n);
  return [h, Math.min(Math.max(p[BEGIN]! + p[T]! - start, h), n)];
}

/** Counts start + i for i in [i, n), int32 counts whose t - B does not wrap: the kernel's loop32 over them. */
function rangeLoop32(p: Float64Array, start: number, out: Float32Array, hard: Int32Array, i: number, n: number): number {
  const t = p[T]!, tf = p[TF]!, b = p[BEGIN]!, ie = p[IE]!, e = p[E]!, y = p[POWER]!, mode = p[MODE]!;
  let count = 0;
  for (; i < n; i++) {
    const d = (start + i - b) | 0;
    const cl = d < 0 ? 0 : d > t ? t : d;
    const fp = power32(Math.fround(1 - Math.fround(Math.fround(cl) / tf)), y, mode);
    if (wasUndecided()) hard[count++] = i;
    else out[i] = Math.fround(Math.fround(ie * fp) + e);
  }
  return count;
}

export function polynomialSchedule32(
  params: Float64Array, steps: Float64Array | null, start: number, out: Float32Array, hard: Int32Array, n: number,
): number {
  // A range whose ends are int32 counts and whose t - B does not wrap (as the kernel's test) takes rangeLoop32.
  if (steps !== null || start - params[BEGIN]! < -2147483648 || (n > 0 && !(isCount32(start) && isCount32(start + (n - 1))))) {
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
  const [h, t] = headTail(params, start, n);
  if (h > 0) out.fill(one32(params[BEGIN]!, params), 0, h);
  if (t < n) out.fill(one32(params[BEGIN]! + params[T]!, params), t, n);
  return rangeLoop32(params, start, out, hard, h, t);
}

/** Steps [i, n) in float64: each count checked unless `checked` (a range checked by its ends); the parameters read once. */
function loop64(p: Float64Array, steps: Float64Array | null, start: number, out: Float64Array, hard: Int32Array, i: number, n: number): number {
  const b = p[BEGIN]!, t = p[T]!, ie = p[IE]!, e = p[E]!, y = p[POWER]!, mode = p[MODE]!;
  let count = 0;
  for (; i < n; i++) {
    const step = steps !== null ? steps[i]! : start + i;
    if (!isCount64(step)) return -1 - i;
    const v = at64(step + 0, b, t, ie, e, y, mode);
    if (wasUndecided()) hard[count++] = i;
    else out[i] = v;
  }
  return count;
}

function rangeLoop64(p: Float64Array, start: number, out: Float64Array, hard: Int32Array, i: number, n: number): number {
  const b = p[BEGIN]!, t = p[T]!, ie = p[IE]!, e = p[E]!, y = p[POWER]!, mode = p[MODE]!;
  if (mode !== GENERAL) {
    // integer_pow's products and the square root are always decided (the kernel's lanes do not ask).
    for (; i < n; i++) out[i] = at64(start + i + 0, b, t, ie, e, y, mode);
    return 0;
  }
  let count = 0;
  for (; i < n; i++) {
    const v = at64(start + i + 0, b, t, ie, e, y, mode);
    if (wasUndecided()) hard[count++] = i;
    else out[i] = v;
  }
  return count;
}

export function polynomialSchedule64(
  params: Float64Array, steps: Float64Array | null, start: number, out: Float64Array, hard: Int32Array, n: number,
): number {
  if (steps !== null || (n > 0 && !(isCount64(start) && isCount64(start + (n - 1))))) return loop64(params, steps, start, out, hard, 0, n);
  const [h, t] = headTail(params, start, n);
  if (h > 0) out.fill(one64(params[BEGIN]!, params), 0, h);
  if (t < n) out.fill(one64(params[BEGIN]! + params[T]!, params), t, n);
  return rangeLoop64(params, start, out, hard, h, t);
}
