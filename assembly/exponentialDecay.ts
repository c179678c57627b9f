// ExponentialDecay over many steps: decayed(step) = a * r ^ (step / d), floor(step / d) for a
// staircase, computed as shared/NUMERICS.md defines it for float32 and float64.
//
// JS twin: exponentialDecay.twin.ts, the same functions with the same operations in the same order.
//
// Each function reads n steps from `steps` (f64), or takes the steps start, start + 1, ... when
// `steps` is 0, and writes n results to `out` (f32 or f64). It returns the number of elements whose
// rounding it could not decide, after writing their indices to `hard` (i32): src/ fills those in
// with the exact path. A non-finite step stops it with -1 - index.

import { HARD, pow, pow2x } from "./exp2";

/** p = f32(f32(step) / d) for the float32 pipeline; d is already a float32. */
// @ts-ignore: decorator
@inline
function p32(step: f64, d: f64, staircase: bool): f64 {
  // float64 division of two float32s rounded once to float32 is the float32 division.
  const p = <f64><f32>(<f64><f32>step / d);
  return staircase ? Math.floor(p) : p;
}

// @ts-ignore: decorator
@inline
function p64(step: f64, d: f64, staircase: bool): f64 {
  const p = step / d;
  return staircase ? Math.floor(p) : p;
}

// @ts-ignore: decorator
@inline
function p32x2(step: v128, d: f64, staircase: bool): v128 {
  const s = f64x2.promote_low_f32x4(f32x4.demote_f64x2_zero(step));
  const p = f64x2.promote_low_f32x4(f32x4.demote_f64x2_zero(f64x2.div(s, f64x2.splat(d))));
  return staircase ? f64x2.floor(p) : p;
}

// @ts-ignore: decorator
@inline
function p64x2(step: v128, d: f64, staircase: bool): v128 {
  const p = f64x2.div(step, f64x2.splat(d));
  return staircase ? f64x2.floor(p) : p;
}

/** a * v into out[i], or i into the hard list; returns the new hard count. */
// @ts-ignore: decorator
@inline
function put(out: usize, hard: usize, count: i32, i: i32, a: f64, v: f64, wide: bool): i32 {
  if (v == HARD) {
    store<i32>(hard + ((<usize>count) << 2), i);
    return count + 1;
  }
  if (wide) store<f64>(out + ((<usize>i) << 3), a * v);
  else store<f32>(out + ((<usize>i) << 2), <f32>(a * v));
  return count;
}

// @ts-ignore: decorator
@inline
function run(
  steps: usize, start: f64, out: usize, hard: usize, n: i32,
  a: f64, d: f64, l1: f64, l2: f64, staircase: bool, wide: bool,
): i32 {
  let count = 0;
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const lanes = f64x2.replace_lane(f64x2.splat(start), 1, start + 1.0);
    for (; i + 1 < n; i += 2) {
      let step: v128;
      if (steps) {
        step = v128.load(steps + ((<usize>i) << 3));
        // x - x is 0 for finite x and NaN otherwise.
        if (!i64x2.all_true(f64x2.eq(f64x2.sub(step, step), f64x2.splat(0)))) break;
      } else {
        step = f64x2.add(lanes, f64x2.splat(<f64>i));
      }
      const v = pow2x(wide ? p64x2(step, d, staircase) : p32x2(step, d, staircase), l1, l2, wide);
      count = put(out, hard, count, i, a, f64x2.extract_lane(v, 0), wide);
      count = put(out, hard, count, i + 1, a, f64x2.extract_lane(v, 1), wide);
    }
  }
  for (; i < n; i++) {
    const step = steps ? load<f64>(steps + ((<usize>i) << 3)) : start + <f64>i;
    if (step - step != 0) return -1 - i;
    const v = pow(wide ? p64(step, d, staircase) : p32(step, d, staircase), l1, l2, wide);
    count = put(out, hard, count, i, a, v, wide);
  }
  return count;
}

/** The float32 pipeline: a, d and r (as l1 + l2 = log2 r) are float32 values. */
export function exponentialDecay32(
  steps: usize, start: f64, out: usize, hard: usize, n: i32,
  a: f64, d: f64, l1: f64, l2: f64, staircase: bool,
): i32 {
  return run(steps, start, out, hard, n, a, d, l1, l2, staircase, false);
}

/** The float64 pipeline. */
export function exponentialDecay64(
  steps: usize, start: f64, out: usize, hard: usize, n: i32,
  a: f64, d: f64, l1: f64, l2: f64, staircase: bool,
): i32 {
  return run(steps, start, out, hard, n, a, d, l1, l2, staircase, true);
}
