// PolynomialDecay over many steps, as docs/NUMERICS.md defines it for float32 and float64:
//
//   if cycle: D = d * (s == 0 ? 1 : ceil(s / d))   else: D = d, s = min(s, d)
//   b = 1 - s / D
//   out = ((a - e) * pow(b, power)) + e,  every operation rounded to the dtype
//
// pow with a varying base is ../numerics/pow.ts's powv32/powv64 (correctly rounded or undecided,
// then the facade's exact path); the SIMD build takes four float32 or two float64 steps at a time
// through powv32x4/powv64x2, and a group those cannot answer through powv32/powv64 step by step.
// Four powers need no pow at all:
//   power 0:   pow(b, 0) = 1 for every b (NaN included).
//   power 1:   pow(b, 1) = b.
//   power 2:   b * b rounded once: one IEEE multiplication (in float32 the square of a float32 is
//              exact in float64 and f32x4.mul is that rounding), the special cases included.
//   power 0.5: sqrt(b), IEEE's correctly rounded square root (in float32, the float64 root rounded
//              to float32 is the float32 root: 53 >= 2 * 24 + 2). pow and sqrt differ only at
//              b = -0 (pow: +0; fixed by + 0) and b = -Infinity (pow: +Infinity; selected).
// A range without cycle is constant from step ceil(d) on (min(s, d) = d, so b = 0): that tail is
// filled with the value at step d, which pow's special cases decide.
//
// JS twin: polynomialDecay.twin.ts, the same functions with the same operations in the same order.
// Facade: src/keras/polynomialDecay.ts. Calling convention: ../abi.ts, with the parameters below.

import { powv32, powv32x4, powv64, powv64x2 } from "../numerics/pow";
import { wasUndecided } from "../numerics/undecided";
import { fill32, fill64, param, record } from "../abi";
import { D, E, POWER, AE, CYCLE } from "./polynomialDecay.params";

// How pow(b, power) is computed: by powv (GENERAL), or exactly without it.
const GENERAL = 0;
const ZERO = 1;
const HALF = 2;
const ONE = 3;
const TWO = 4;

// @ts-ignore: decorator
@inline
function modeOf(y: f64): i32 {
  return y == 0.0 ? ZERO : y == 0.5 ? HALF : y == 1.0 ? ONE : y == 2.0 ? TWO : GENERAL;
}

/** b = 1 - s / D in float32 (d a float32 value). */
// @ts-ignore: decorator
@inline
function base32(step: f64, d: f64, cycle: bool): f64 {
  let s = <f64><f32>step;
  let dd = d;
  if (cycle) dd = <f64><f32>(d * (s == 0.0 ? 1.0 : Math.ceil(<f64><f32>(s / d))));
  else s = min(s, d);
  return <f64><f32>(1.0 - <f64><f32>(s / dd));
}

// @ts-ignore: decorator
@inline
function base64(step: f64, d: f64, cycle: bool): f64 {
  let s = step;
  let dd = d;
  if (cycle) dd = d * (s == 0.0 ? 1.0 : Math.ceil(s / d));
  else s = min(s, d);
  return 1.0 - s / dd;
}

/** pow(b, y) in float32, or undecided() (GENERAL only). */
// @ts-ignore: decorator
@inline
function power32(b: f64, y: f64, mode: i32): f64 {
  if (mode == ZERO) return 1.0;
  if (mode == ONE) return b;
  if (mode == TWO) return <f64><f32>(b * b);
  if (mode == HALF) return b == -Infinity ? Infinity : <f64><f32>Math.sqrt(b) + 0.0;
  return powv32(b, y);
}

// @ts-ignore: decorator
@inline
function power64(b: f64, y: f64, mode: i32): f64 {
  if (mode == ZERO) return 1.0;
  if (mode == ONE) return b;
  if (mode == TWO) return b * b;
  if (mode == HALF) return b == -Infinity ? Infinity : Math.sqrt(b) + 0.0;
  return powv64(b, y);
}

// @ts-ignore: decorator
@inline
function finite2(s: v128): bool {
  // x - x is 0 for finite x and NaN otherwise (then the scalar loop names the index).
  return !v128.any_true(f64x2.ne(f64x2.sub(s, s), f64x2.splat(0)));
}

/**
 * Lanes of a where mask is set, else of b: v128.bitselect's operation, written out because V8 11
 * (Node 20) compiled bitselect into code that made these loops 4 to 6 times slower (measured:
 * power 0.5, 3.5 against 0.6 ms per 1e6 float32 steps).
 */
// @ts-ignore: decorator
@inline
function select4(a: v128, b: v128, mask: v128): v128 {
  return v128.or(v128.and(a, mask), v128.andnot(b, mask));
}

/** pow(b, y) on four float32 lanes, for every mode but GENERAL. */
// @ts-ignore: decorator
@inline
function power32x4(b: v128, mode: i32): v128 {
  if (mode == ZERO) return f32x4.splat(1.0);
  if (mode == ONE) return b;
  if (mode == TWO) return f32x4.mul(b, b);
  const root = f32x4.add(f32x4.sqrt(b), f32x4.splat(0.0));
  return select4(f32x4.splat(Infinity), root, f32x4.eq(b, f32x4.splat(-Infinity)));
}

// @ts-ignore: decorator
@inline
function power64x2(b: v128, mode: i32): v128 {
  if (mode == ZERO) return f64x2.splat(1.0);
  if (mode == ONE) return b;
  if (mode == TWO) return f64x2.mul(b, b);
  const root = f64x2.add(f64x2.sqrt(b), f64x2.splat(0.0));
  return select4(f64x2.splat(Infinity), root, f64x2.eq(b, f64x2.splat(-Infinity)));
}

// Undecided elements recorded so far in this call: the SIMD loops record those of a group that
// the scalar functions could not decide either.
let hardCount: i32 = 0;

/** The scalar pow of a group's lanes, after powv32x4 left it undecided: stores or records each. */
function lanesOneByOne32(b: v128, y: f64, ae: f64, e: f64, out: usize, hard: usize, i: i32): void {
  for (let j = 0; j < 4; j++) {
    const v = powv32(<f64>f32x4.extract_lane(b, 0), y);
    b = v128.shuffle<f32>(b, b, 1, 2, 3, 0);
    if (wasUndecided()) hardCount = record(hard, hardCount, i + j);
    else store<f32>(out + ((<usize>(i + j)) << 2), <f32>(<f64><f32>(ae * v) + e));
  }
}

/** The same for powv64x2's two lanes. */
function lanesOneByOne64(b: v128, y: f64, ae: f64, e: f64, out: usize, hard: usize, i: i32): void {
  let v = powv64(f64x2.extract_lane(b, 0), y);
  if (wasUndecided()) hardCount = record(hard, hardCount, i);
  else store<f64>(out + ((<usize>i) << 3), ae * v + e);
  v = powv64(f64x2.extract_lane(b, 1), y);
  if (wasUndecided()) hardCount = record(hard, hardCount, i + 1);
  else store<f64>(out + ((<usize>(i + 1)) << 3), ae * v + e);
}

// A range of steps exact in float32 (|k| <= 2^24): the float32 lanes count on by 4, exactly. Making
// the steps in float64 and demoting them took twice as long (measured: 0.58 against 0.27 ms per 1e6).
const EXACT32: f64 = 16777216.0;

/**
 * The SIMD float32 loop; returns how far it got. `exact` (a range within 2^24) is a constant after
 * inlining; the mode is not: one loop per mode was 4 KB more of Wasm for no measurable speed.
 */
// @ts-ignore: decorator
@inline
function lanes32(
  steps: usize, start: f64, out: usize, hard: usize, n: i32, d: f64, e: f64, y: f64, ae: f64, cycle: bool, mode: i32, exact: bool,
  general: bool,
): i32 {
  const vd = f32x4.splat(<f32>d);
  const ve = f32x4.splat(<f32>e);
  const vae = f32x4.splat(<f32>ae);
  const one = f32x4.splat(1.0);
  const zero = f32x4.splat(0.0);
  const four = f32x4.splat(4.0);
  const iota = f64x2.replace_lane(f64x2.splat(start), 1, start + 1.0);
  let k = f32x4.add(f32x4.splat(<f32>start), f32x4(0.0, 1.0, 2.0, 3.0));
  let i = 0;
  for (; i + 3 < n; i += 4) {
    let s: v128;
    if (exact) {
      s = k;
      k = f32x4.add(k, four);
    } else {
      let s0: v128;
      let s1: v128;
      if (steps) {
        s0 = v128.load(steps + ((<usize>i) << 3));
        s1 = v128.load(steps + ((<usize>i) << 3), 16);
        if (!finite2(s0) || !finite2(s1)) break;
      } else {
        s0 = f64x2.add(iota, f64x2.splat(<f64>i));
        s1 = f64x2.add(s0, f64x2.splat(2.0));
      }
      s = v128.shuffle<f32>(f32x4.demote_f64x2_zero(s0), f32x4.demote_f64x2_zero(s1), 0, 1, 4, 5);
    }
    let dd = vd;
    if (cycle) dd = f32x4.mul(vd, select4(one, f32x4.ceil(f32x4.div(s, vd)), f32x4.eq(s, zero)));
    // pmin(d, s) = s < d ? s : d, one instruction: min(s, d) for steps that are not NaN (and d > 0,
    // so no -0 and +0 meet).
    else s = f32x4.pmin(vd, s);
    const b = f32x4.sub(one, f32x4.div(s, dd));
    if (general) {
      const v = powv32x4(b, y);
      if (wasUndecided()) lanesOneByOne32(b, y, ae, e, out, hard, i);
      else v128.store(out + ((<usize>i) << 2), f32x4.add(f32x4.mul(vae, v), ve));
    } else {
      v128.store(out + ((<usize>i) << 2), f32x4.add(f32x4.mul(vae, power32x4(b, mode)), ve));
    }
  }
  return i;
}

// @ts-ignore: decorator
@inline
function lanes64(
  steps: usize, start: f64, out: usize, hard: usize, n: i32, d: f64, e: f64, y: f64, ae: f64, cycle: bool, mode: i32, general: bool,
): i32 {
  const vd = f64x2.splat(d);
  const ve = f64x2.splat(e);
  const vae = f64x2.splat(ae);
  const one = f64x2.splat(1.0);
  const zero = f64x2.splat(0.0);
  const iota = f64x2.replace_lane(f64x2.splat(start), 1, start + 1.0);
  let i = 0;
  for (; i + 1 < n; i += 2) {
    let s: v128;
    if (steps) {
      s = v128.load(steps + ((<usize>i) << 3));
      if (!finite2(s)) break;
    } else {
      s = f64x2.add(iota, f64x2.splat(<f64>i));
    }
    let dd = vd;
    if (cycle) dd = f64x2.mul(vd, select4(one, f64x2.ceil(f64x2.div(s, vd)), f64x2.eq(s, zero)));
    else s = f64x2.pmin(vd, s);
    const b = f64x2.sub(one, f64x2.div(s, dd));
    if (general) {
      const v = powv64x2(b, y);
      if (wasUndecided()) lanesOneByOne64(b, y, ae, e, out, hard, i);
      else v128.store(out + ((<usize>i) << 3), f64x2.add(f64x2.mul(vae, v), ve));
    } else {
      v128.store(out + ((<usize>i) << 3), f64x2.add(f64x2.mul(vae, power64x2(b, mode)), ve));
    }
  }
  return i;
}

/**
 * lanes64 for a float64 range without cycle and power 2, four steps an iteration in two independent
 * pairs, with none of lanes64's branches (steps, cycle, mode) in the loop: V8 does not unswitch
 * loops. The same operations as lanes64's on the same lanes: s = (start, start + 1) + i, where vi
 * holds i exactly (an i32 in a float64).
 */
function square64(start: f64, out: usize, n: i32, d: f64, e: f64, ae: f64): i32 {
  const vd = f64x2.splat(d);
  const ve = f64x2.splat(e);
  const vae = f64x2.splat(ae);
  const one = f64x2.splat(1.0);
  const two = f64x2.splat(2.0);
  const iota = f64x2.replace_lane(f64x2.splat(start), 1, start + 1.0);
  let vi = f64x2.splat(0.0);
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const b0 = f64x2.sub(one, f64x2.div(f64x2.pmin(vd, f64x2.add(iota, vi)), vd));
    vi = f64x2.add(vi, two);
    const b1 = f64x2.sub(one, f64x2.div(f64x2.pmin(vd, f64x2.add(iota, vi)), vd));
    vi = f64x2.add(vi, two);
    v128.store(out + ((<usize>i) << 3), f64x2.add(f64x2.mul(vae, f64x2.mul(b0, b0)), ve));
    v128.store(out + ((<usize>i) << 3), f64x2.add(f64x2.mul(vae, f64x2.mul(b1, b1)), ve), 16);
  }
  return i;
}

/**
 * The SIMD loops of a general power, in a function of their own (not inlined: Binaryen leaves a
 * function with loops where it is). Inside the kernel, powv32x4's code made the loops of the other
 * powers slower, power 2's float64 range by 15% (measured: 1.08 against 1.23 ms the million steps).
 */
function powerLanes(
  steps: usize, start: f64, out: usize, hard: usize, n: i32, d: f64, e: f64, y: f64, ae: f64, cycle: bool, exact: bool, wide: bool,
): i32 {
  if (wide) return lanes64(steps, start, out, hard, n, d, e, y, ae, cycle, GENERAL, true);
  if (exact) return lanes32(steps, start, out, hard, n, d, e, y, ae, cycle, GENERAL, true, true);
  return lanes32(steps, start, out, hard, n, d, e, y, ae, cycle, GENERAL, false, true);
}

/**
 * Indices [i, n) of a float32 range within 2^24 without cycle, for a power that needs no pow, as
 * the scalar loop of run computes them, but with min(s, d) / d taken as min(s, d) * (1 / d): the
 * same bits (RECIPROCAL32 in inverseTimeDecay.ts: s is an integer within 2^24, and min(s, d) = d
 * gives 1 either way), one division fewer a step. The SIMD lanes keep f32x4.div; the JS twin's
 * range32 does as this loop. Returns 0: nothing is undecided without pow.
 */
function exactRange32(start: f64, out: usize, i: i32, n: i32, d: f64, e: f64, ae: f64, mode: i32): i32 {
  const inv = 1.0 / d;
  for (; i < n; i++) {
    const b = <f64><f32>(1.0 - <f64><f32>(min(start + <f64>i, d) * inv));
    store<f32>(out + ((<usize>i) << 2), <f32>(<f64><f32>(ae * power32(b, 0.0, mode)) + e));
  }
  return 0;
}

// @ts-ignore: decorator
@inline
function run(
  params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32, wide: bool,
): i32 {
  const d = param(params, D);
  const e = param(params, E);
  const y = param(params, POWER);
  const ae = param(params, AE);
  const cycle = param(params, CYCLE) != 0;
  const mode = modeOf(y);
  hardCount = 0;
  let stop = n;
  if (!steps && !cycle) {
    // The constant tail: steps >= ceil(d) have min(s, d) = d.
    const tail = Math.ceil(d) - start;
    if (tail < <f64>n) {
      stop = tail > 0.0 ? <i32>tail : 0;
      const b = wide ? base64(d, d, false) : base32(d, d, false);
      const v = wide ? ae * power64(b, y, mode) + e : <f64><f32>(<f64><f32>(ae * power32(b, y, mode)) + e);
      if (wide) fill64(out, stop, n, v);
      else fill32(out, stop, n, <f32>v);
    }
  }
  let i = 0;
  const exact = !steps && Math.abs(start) <= EXACT32 && Math.abs(start + <f64>stop) <= EXACT32;
  if (ASC_FEATURE_SIMD) {
    if (mode == GENERAL) i = powerLanes(steps, start, out, hard, stop, d, e, y, ae, cycle, exact, wide);
    else if (wide && !steps && !cycle && mode == TWO) i = square64(start, out, stop, d, e, ae);
    else if (wide) i = lanes64(steps, start, out, hard, stop, d, e, y, ae, cycle, mode, false);
    else if (exact) i = lanes32(steps, start, out, hard, stop, d, e, y, ae, cycle, mode, true, false);
    else i = lanes32(steps, start, out, hard, stop, d, e, y, ae, cycle, mode, false, false);
  }
  let count = hardCount;
  if (!wide && exact && !cycle && mode != GENERAL) return exactRange32(start, out, i, stop, d, e, ae, mode);
  for (; i < stop; i++) {
    const step = steps ? load<f64>(steps + ((<usize>i) << 3)) : start + <f64>i;
    if (step - step != 0) return -1 - i;
    if (wide) {
      const v = power64(base64(step, d, cycle), y, mode);
      if (wasUndecided()) count = record(hard, count, i);
      else store<f64>(out + ((<usize>i) << 3), ae * v + e);
    } else {
      const v = power32(base32(step, d, cycle), y, mode);
      if (wasUndecided()) count = record(hard, count, i);
      else store<f32>(out + ((<usize>i) << 2), <f32>(<f64><f32>(ae * v) + e));
    }
  }
  return count;
}

/** The float32 pipeline: d, e, power and a - e are float32 values. */
export function polynomialDecay32(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  return run(params, steps, start, out, hard, n, false);
}

/** The float64 pipeline. */
export function polynomialDecay64(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  return run(params, steps, start, out, hard, n, true);
}
