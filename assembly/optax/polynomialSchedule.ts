// optax's polynomial_schedule (and linear_schedule, its power 1) over many counts:
//
//   count = jnp.clip(count - transition_begin, 0, transition_steps)   # int32 (int64 with x64)
//   frac = 1 - count / transition_steps                               # the division converts both
//   (init_value - end_value) * (frac**power) + end_value
//
// in float32 (JAX without x64): c = clip((t - B) wrapped to int32, 0, T), q = R(R(c) / TF),
// frac = R(1 - q), fp = frac^power (shared/power.ts), out = R(R(IE * fp) + E); in float64 the same in
// doubles.
//
// A range is constant up to transition_begin (c = 0) and from transition_begin + transition_steps on
// (c = T): both runs are filled with their value, computed once, while t - B does not wrap around
// in the range; the counts between go four at a time in the SIMD build (every operation an int32 or
// float32 one on float32 values, so the lanes give the scalar pipeline's bits).
//
// JS twin: polynomialSchedule.twin.ts, the same operations in the same order.
// Facade: src/optax/polynomialSchedule.ts. Calling convention: ../abi.ts, with the parameters below.

import { wasUndecided } from "../numerics/undecided";
import { fill32, fill64, param, record } from "../abi";
import { counts4, countsOk, isCount32, isCount64, stepAt } from "./shared/count";
import { GENERAL, power32, power32x4, power64 } from "./shared/power";
import { IE, E, T, TF, BEGIN, POWER, MODE } from "./polynomialSchedule.params";

/** The float32 value at int32 count c, or undecided() (a fractional power). */
// @ts-ignore: decorator
@inline
function one32(c: i32, params: usize): f64 {
  const t = <i32>param(params, T);
  const d = c - <i32>param(params, BEGIN); // wraps, as int32 does
  const cl = d < 0 ? 0 : d > t ? t : d;
  const frac = <f64><f32>(1.0 - <f64><f32>(<f64><f32>cl / param(params, TF)));
  const fp = power32(frac, param(params, POWER), <i32>param(params, MODE));
  return <f64><f32>(<f64><f32>(param(params, IE) * fp) + param(params, E));
}

/** The float64 value at count c (an integer double), or undecided(). */
// @ts-ignore: decorator
@inline
function one64(c: f64, params: usize): f64 {
  const d = c - param(params, BEGIN);
  const cl = d < 0 ? 0.0 : min(d, param(params, T));
  const frac = 1.0 - cl / param(params, T);
  const fp = power64(frac, param(params, POWER), <i32>param(params, MODE));
  return param(params, IE) * fp + param(params, E);
}

/** The values at four int32 counts (INTEGER and SQRT modes). */
// @ts-ignore: decorator
@inline
function values4(c: v128, begin: v128, t: v128, tf: v128, ie: v128, e: v128, y: i64, mode: i32): v128 {
  const cl = i32x4.min_s(i32x4.max_s(i32x4.sub(c, begin), i32x4.splat(0)), t);
  const frac = f32x4.sub(f32x4.splat(1.0), f32x4.div(f32x4.convert_i32x4_s(cl), tf));
  return f32x4.add(f32x4.mul(ie, power32x4(frac, y, mode)), e);
}

// The SIMD loops, a range's and an array's, each in a small function of its own: inside loop32, or
// with both kinds of counts in one loop, V8 kept the vectors in memory (measured: 1.7 and 3.9 against
// 0.3 ms per 1e6 counts). Each returns where it stopped: at the last whole group, or (an array) at
// a group holding a step that is no count, which the scalar loop then names.

function rangeLanes32(out: usize, i: i32, n: i32, first: i32, b: i32, t: i32, tf: f32, ie: f32, e: f32, y: i64, mode: i32): i32 {
  const begin = i32x4.splat(b);
  const vt = i32x4.splat(t);
  const vtf = f32x4.splat(tf);
  const vie = f32x4.splat(ie);
  const ve = f32x4.splat(e);
  let c = i32x4.add(i32x4.splat(first + i), i32x4(0, 1, 2, 3));
  for (; i + 3 < n; i += 4) {
    v128.store(out + ((<usize>i) << 2), values4(c, begin, vt, vtf, vie, ve, y, mode));
    c = i32x4.add(c, i32x4.splat(4));
  }
  return i;
}

function arrayLanes32(steps: usize, out: usize, n: i32, b: i32, t: i32, tf: f32, ie: f32, e: f32, y: i64, mode: i32): i32 {
  const begin = i32x4.splat(b);
  const vt = i32x4.splat(t);
  const vtf = f32x4.splat(tf);
  const vie = f32x4.splat(ie);
  const ve = f32x4.splat(e);
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const c = counts4(steps, 0, i);
    if (!countsOk()) break;
    v128.store(out + ((<usize>i) << 2), values4(c, begin, vt, vtf, vie, ve, y, mode));
  }
  return i;
}

/** Elements [i, n): four at a time where the mode allows, then one by one; the undecided count, or -1 - i. */
function loop32(params: usize, steps: usize, start: f64, out: usize, hard: usize, i: i32, n: i32): i32 {
  const mode = <i32>param(params, MODE);
  if (ASC_FEATURE_SIMD && mode != GENERAL) {
    const b = <i32>param(params, BEGIN);
    const t = <i32>param(params, T);
    const tf = <f32>param(params, TF);
    const ie = <f32>param(params, IE);
    const e = <f32>param(params, E);
    const y = <i64>param(params, POWER);
    i = steps ? arrayLanes32(steps, out, n, b, t, tf, ie, e, y, mode) : rangeLanes32(out, i, n, <i32>start, b, t, tf, ie, e, y, mode);
  }
  let count = 0;
  for (; i < n; i++) {
    const step = stepAt(steps, start, i);
    if (!isCount32(step)) return -1 - i;
    const v = one32(<i32>step, params);
    if (wasUndecided()) count = record(hard, count, i);
    else store<f32>(out + ((<usize>i) << 2), <f32>v);
  }
  return count;
}

function loop64(params: usize, steps: usize, start: f64, out: usize, hard: usize, i: i32, n: i32): i32 {
  let count = 0;
  for (; i < n; i++) {
    const step = stepAt(steps, start, i);
    if (!isCount64(step)) return -1 - i;
    const v = one64(step + 0.0, params);
    if (wasUndecided()) count = record(hard, count, i);
    else store<f64>(out + ((<usize>i) << 3), v);
  }
  return count;
}

/**
 * For a range from `start` whose t - B does not wrap: the end of the head (counts <= B, index
 * < head) and the start of the tail (counts >= B + T), both within [0, n].
 */
// @ts-ignore: decorator
@inline
function head(params: usize, start: f64, n: i32): i32 {
  return <i32>min(max(param(params, BEGIN) - start + 1.0, 0.0), <f64>n);
}

// @ts-ignore: decorator
@inline
function tail(params: usize, start: f64, n: i32, from: i32): i32 {
  return <i32>min(max(param(params, BEGIN) + param(params, T) - start, <f64>from), <f64>n);
}

export function polynomialSchedule32(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  // Without wrap-around: t - B >= -2^31 for the first count, hence for all.
  if (steps || start - param(params, BEGIN) < -2147483648.0) return loop32(params, steps, start, out, hard, 0, n);
  const h = head(params, start, n);
  const t = tail(params, start, n, h);
  // pow(1, y) = 1 and pow(0, y) = 0 (or 1 for y = 0) are decided: the fills' values are never undecided.
  if (h > 0) fill32(out, 0, h, <f32>one32(<i32>param(params, BEGIN), params));
  if (t < n) fill32(out, t, n, <f32>one32(<i32>(param(params, BEGIN) + param(params, T)), params));
  return loop32(params, 0, start, out, hard, h, t);
}

export function polynomialSchedule64(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  if (steps) return loop64(params, steps, start, out, hard, 0, n);
  const h = head(params, start, n);
  const t = tail(params, start, n, h);
  if (h > 0) fill64(out, 0, h, one64(param(params, BEGIN), params));
  if (t < n) fill64(out, t, n, one64(param(params, BEGIN) + param(params, T), params));
  return loop64(params, 0, start, out, hard, h, t);
}
