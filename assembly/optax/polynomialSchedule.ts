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
// float32 one on float32 values, so the lanes give the scalar pipeline's bits); in float64 two at a
// time (f64x2, every operation a float64 one), a range's counts checked once by its ends.
//
// JS twin: polynomialSchedule.twin.ts, the same operations in the same order.
// Facade: src/optax/polynomialSchedule.ts. Calling convention: ../abi.ts, with the parameters below.

import { wasUndecided } from "../numerics/undecided";
import { fill32, fill64, param, record } from "../abi";
import { counts4, countsOk, isCount32, isCount64, isCount64x2, rangeIsCount64, stepAt } from "./shared/count";
import { GENERAL, power32, power32x4, power64, power64x2 } from "./shared/power";
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

/** The float64 value at count c (an integer double), or undecided(); the parameters as values. */
// @ts-ignore: decorator
@inline
function at64(c: f64, b: f64, t: f64, ie: f64, e: f64, y: f64, mode: i32): f64 {
  const d = c - b;
  const cl = d < 0 ? 0.0 : min(d, t);
  const frac = 1.0 - cl / t;
  const fp = power64(frac, y, mode);
  return ie * fp + e;
}

/** The float64 value at count c (an integer double), or undecided(). */
// @ts-ignore: decorator
@inline
function one64(c: f64, params: usize): f64 {
  return at64(c, param(params, BEGIN), param(params, T), param(params, IE), param(params, E), param(params, POWER), <i32>param(params, MODE));
}

/**
 * The values at two float64 counts s (INTEGER and SQRT modes), at64's operations lane by lane:
 * pmax(0, d) is at64's d < 0 ? 0 : d (+0 for d = -0, which at64's c + 0.0 never makes), and pmin
 * with T > 0 is min; every other operation is IEEE's in float64, so each lane is at64's bits.
 */
// @ts-ignore: decorator
@inline
function values2(s: v128, begin: v128, t: v128, ie: v128, e: v128, y: i64, mode: i32): v128 {
  const cl = f64x2.pmin(f64x2.pmax(f64x2.splat(0), f64x2.sub(s, begin)), t);
  const frac = f64x2.sub(f64x2.splat(1.0), f64x2.div(cl, t));
  return f64x2.add(f64x2.mul(ie, power64x2(frac, y, mode)), e);
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

// float64's vector loops, a range's and an array's, each in a function of its own as float32's.
// A range's counts start + i are exact integers (below 2^53, checked by its ends), so s + 2 is too.

function rangeLanes64(out: usize, i: i32, n: i32, start: f64, b: f64, t: f64, ie: f64, e: f64, y: i64, mode: i32): i32 {
  const begin = f64x2.splat(b);
  const vt = f64x2.splat(t);
  const vie = f64x2.splat(ie);
  const ve = f64x2.splat(e);
  let s = f64x2.add(f64x2.splat(start + <f64>i), f64x2(0, 1));
  for (; i + 1 < n; i += 2) {
    v128.store(out + ((<usize>i) << 3), values2(s, begin, vt, vie, ve, y, mode));
    s = f64x2.add(s, f64x2.splat(2.0));
  }
  return i;
}

function arrayLanes64(steps: usize, out: usize, n: i32, b: f64, t: f64, ie: f64, e: f64, y: i64, mode: i32): i32 {
  const begin = f64x2.splat(b);
  const vt = f64x2.splat(t);
  const vie = f64x2.splat(ie);
  const ve = f64x2.splat(e);
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const s = v128.load(steps + ((<usize>i) << 3));
    if (!isCount64x2(s)) break;
    v128.store(out + ((<usize>i) << 3), values2(s, begin, vt, vie, ve, y, mode));
  }
  return i;
}

/**
 * Elements [i, n) in float64: two at a time where the mode allows (an array's pairs checked in
 * lanes; a range's, `checked`, by its ends beforehand), then one by one; the undecided count, or
 * -1 - i. The parameters are read once, not per element (V8 does not keep loads from linear memory
 * across the stores to out).
 */
function loop64(params: usize, steps: usize, start: f64, out: usize, hard: usize, i: i32, n: i32, checked: bool): i32 {
  const mode = <i32>param(params, MODE);
  const b = param(params, BEGIN);
  const t = param(params, T);
  const ie = param(params, IE);
  const e = param(params, E);
  const y = param(params, POWER);
  if (ASC_FEATURE_SIMD && mode != GENERAL) {
    if (steps) i = arrayLanes64(steps, out, n, b, t, ie, e, <i64>y, mode);
    else if (checked) i = rangeLanes64(out, i, n, start, b, t, ie, e, <i64>y, mode);
  }
  let count = 0;
  for (; i < n; i++) {
    const step = stepAt(steps, start, i);
    if (!checked && !isCount64(step)) return -1 - i;
    const v = at64(step + 0.0, b, t, ie, e, y, mode);
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
  if (steps) return loop64(params, steps, start, out, hard, 0, n, false);
  if (n > 0 && !rangeIsCount64(start, n)) return loop64(params, 0, start, out, hard, 0, n, false);
  const h = head(params, start, n);
  const t = tail(params, start, n, h);
  if (h > 0) fill64(out, 0, h, one64(param(params, BEGIN), params));
  if (t < n) fill64(out, t, n, one64(param(params, BEGIN) + param(params, T), params));
  return loop64(params, 0, start, out, hard, h, t, true);
}
