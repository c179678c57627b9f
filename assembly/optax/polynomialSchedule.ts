// optax's polynomial_schedule (and linear_schedule, its power 1) over many counts:
//
//   count = jnp.clip(count - transition_begin, 0, transition_steps)   # int32 (int64 with x64)
//   frac = 1 - count / transition_steps                               # the division converts both
//   (init_value - end_value) * (frac**power) + end_value
//
// in float32 (JAX without x64): c = clip((t - B) wrapped to int32, 0, T), q = R(R(c) / TF),
// frac = R(1 - q), fp = frac^power, out = R(R(IE * fp) + E); in float64 the same in doubles. An
// integer power is integer_pow's products (shared/ipow.ts); any other power is lax.pow, correctly
// rounded (../numerics/pow.ts, or undecided and then the facade's exact path).
//
// JS twin: polynomialSchedule.twin.ts, the same operations in the same order.
// Facade: src/optax/polynomialSchedule.ts. Calling convention: ../abi.ts, with the parameters below.

import { powv32, powv64 } from "../numerics/pow";
import { wasUndecided } from "../numerics/undecided";
import { param, record } from "../abi";
import { counts4, countsOk, isCount32, isCount64, stepAt } from "./shared/count";
import { ipow32, ipow32x4, ipow64 } from "./shared/ipow";
import { IE, E, T, TF, BEGIN, POWER, INTEGER } from "./polynomialSchedule.params";

/** The float32 value at int32 count c, or undecided() (a fractional power). */
// @ts-ignore: decorator
@inline
function one32(c: i32, params: usize): f64 {
  const t = <i32>param(params, T);
  const d = c - <i32>param(params, BEGIN); // wraps, as int32 does
  const cl = d < 0 ? 0 : d > t ? t : d;
  const frac = <f64><f32>(1.0 - <f64><f32>(<f64><f32>cl / param(params, TF)));
  const y = param(params, POWER);
  const fp = param(params, INTEGER) != 0 ? ipow32(frac, <i64>y) : powv32(frac, y);
  return <f64><f32>(<f64><f32>(param(params, IE) * fp) + param(params, E));
}

/** The float64 value at count c (an integer double), or undecided(). */
// @ts-ignore: decorator
@inline
function one64(c: f64, params: usize): f64 {
  const d = c - param(params, BEGIN);
  const cl = d < 0 ? 0.0 : min(d, param(params, T));
  const frac = 1.0 - cl / param(params, T);
  const y = param(params, POWER);
  const fp = param(params, INTEGER) != 0 ? ipow64(frac, <i64>y) : powv64(frac, y);
  return param(params, IE) * fp + param(params, E);
}

/** Steps [i, n) one at a time; returns the undecided count, or -1 - i for a step that is no count. */
function tail32(params: usize, steps: usize, start: f64, out: usize, hard: usize, i: i32, n: i32, count: i32): i32 {
  for (; i < n; i++) {
    const step = stepAt(steps, start, i);
    if (!isCount32(step)) return -1 - i;
    const v = one32(<i32>step, params);
    if (wasUndecided()) count = record(hard, count, i);
    else store<f32>(out + ((<usize>i) << 2), <f32>v);
  }
  return count;
}

export function polynomialSchedule32(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  let i = 0;
  if (ASC_FEATURE_SIMD && param(params, INTEGER) != 0) {
    // Four counts a group: every operation is an int32 or float32 one on float32 values, so the
    // lanes give the scalar pipeline's bits (f32x4.convert_i32x4_s rounds to nearest, as the cast).
    const begin = i32x4.splat(<i32>param(params, BEGIN));
    const t = i32x4.splat(<i32>param(params, T));
    const tf = f32x4.splat(<f32>param(params, TF));
    const ie = f32x4.splat(<f32>param(params, IE));
    const e = f32x4.splat(<f32>param(params, E));
    const one = f32x4.splat(1.0);
    const zero = i32x4.splat(0);
    const y = <i64>param(params, POWER);
    const first = <i32>start;
    for (; i + 3 < n; i += 4) {
      const c = counts4(steps, first, i);
      if (!countsOk()) break;
      const cl = i32x4.min_s(i32x4.max_s(i32x4.sub(c, begin), zero), t);
      const frac = f32x4.sub(one, f32x4.div(f32x4.convert_i32x4_s(cl), tf));
      v128.store(out + ((<usize>i) << 2), f32x4.add(f32x4.mul(ie, ipow32x4(frac, y)), e));
    }
  }
  return tail32(params, steps, start, out, hard, i, n, 0);
}

export function polynomialSchedule64(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  let count = 0;
  for (let i = 0; i < n; i++) {
    const step = stepAt(steps, start, i);
    if (!isCount64(step)) return -1 - i;
    const v = one64(step + 0.0, params);
    if (wasUndecided()) count = record(hard, count, i);
    else store<f64>(out + ((<usize>i) << 3), v);
  }
  return count;
}
