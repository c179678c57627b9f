// InverseTimeDecay over many steps: decayed(step) = a / (1 + r * (step / d)), floor(step / d) for
// a staircase, computed as docs/NUMERICS.md defines it for float32 and float64:
//
//   p = s / d  (floor(p) if staircase);  out = a / (1 + r * p),  every operation rounded to the dtype
//
// Only IEEE operations, each correctly rounded: nothing is ever undecided, and every path (scalar,
// SIMD, the twin) gives the same bits because each operation has exactly one right answer. In the
// float32 pipeline a float64 operation on float32 values rounded once to float32 is the float32
// operation (53 >= 2 * 24 + 2, so the double rounding is innocuous), and the SIMD build computes
// four lanes with f32x4's own IEEE operations. A float32 range within 2^24 outside the SIMD lanes
// divides by d as a product with 1 / d, which gives the same bits (RECIPROCAL32 below).
//
// JS twin: inverseTimeDecay.twin.ts, the same functions with the same operations in the same order.
// Facade: src/keras/inverseTimeDecay.ts. Calling convention: ../abi.ts, with the parameters below.

import { param } from "../abi";
import { A, D, R, STAIRCASE } from "./inverseTimeDecay.params";

// Steps of a range within 2^24 are exact in float32.
const EXACT32: f64 = 16777216.0;

// RECIPROCAL32: for an integer k with |k| <= 2^24 and a positive float32 d, f32(k / d) =
// f32(y), y = fl64(k * fl64(1 / d)). y = q (1 + t) with q = k / d and |t| <= 2^-52 + 2^-106 (two
// float64 roundings). Rounding to float32 gives the same result for q and y unless a rounding
// boundary B of float32 (a midpoint m 2^f, m odd, m < 2^25, or the overflow threshold, the same
// form) lies between them or on y. Write k = X 2^e (X odd, e >= 0), d = D 2^g (D odd, D < 2^24).
// q = B is impossible: it needs X = m D 2^(f + g - e), so f + g = e and X = m D, but in the normal
// range m > 2^24 > X, and a subnormal midpoint (f = -150) needs g = 150 + e > 104, beyond any
// float32. Otherwise k - B d, a nonzero multiple of 2^min(e, f + g), gives |q - B| / |q| >=
// 2^min(0, f + g - e) / X, which is >= 2^-24, or, where f + g < e and q is within 2^-51 of B,
// >= 1 / (m D (1 + 2^-51)) > 2^-49.1 > |t|: no boundary lies between q and y, nor on y.
// Tested on every backend against the decimal.js oracle (test/keras/inverseTimeDecay.test.ts),
// with d from the smallest subnormal to the largest float32.

/** The float32 pipeline at one step; a, d and r are float32 values. */
// @ts-ignore: decorator
@inline
function one32(step: f64, a: f64, d: f64, r: f64, staircase: bool): f64 {
  let p = <f64><f32>(<f64><f32>step / d);
  if (staircase) p = Math.floor(p);
  return <f64><f32>(a / <f64><f32>(1.0 + <f64><f32>(r * p)));
}

// @ts-ignore: decorator
@inline
function one64(step: f64, a: f64, d: f64, r: f64, staircase: bool): f64 {
  let p = step / d;
  if (staircase) p = Math.floor(p);
  return a / (1.0 + r * p);
}

/** Four float32 steps from two f64x2 halves: each lane rounded once, as Keras' cast. */
// @ts-ignore: decorator
@inline
function demote4(s0: v128, s1: v128): v128 {
  return v128.shuffle<f32>(f32x4.demote_f64x2_zero(s0), f32x4.demote_f64x2_zero(s1), 0, 1, 4, 5);
}

// @ts-ignore: decorator
@inline
function finite2(s: v128): bool {
  // x - x is 0 for finite x and NaN otherwise (then the scalar loop names the index).
  return !v128.any_true(f64x2.ne(f64x2.sub(s, s), f64x2.splat(0)));
}

/**
 * A float32 range within 2^24 without staircase (its steps k are exact integers in float32), as
 * one32 computes it, in a loop of its own with no branch inside (V8 does not unswitch loops). The
 * SIMD build: eight steps an iteration in two independent groups, k counted in float32 lanes,
 * p = f32x4.div(k, d), the float32 division. Steps it leaves, and the scalar build: p = f32(k / d)
 * taken as f32(fl64(k * fl64(1 / d))), a multiplication instead of a division, the same bits
 * (RECIPROCAL32). Measured side by side in one process, 1e6 steps, on a loaded machine: the scalar
 * build's range in 0.37 to 0.79 of the time it took with the division, the twin's in 0.33 to 0.78;
 * in the SIMD loop the product, made in float64 lanes, took longer than f32x4.div (0.58 against
 * 0.52 ms).
 */
function range32(start: f64, out: usize, n: i32, a: f64, d: f64, r: f64): i32 {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const va = f32x4.splat(<f32>a);
    const vd = f32x4.splat(<f32>d);
    const vr = f32x4.splat(<f32>r);
    const one = f32x4.splat(1.0);
    const four = f32x4.splat(4.0);
    let k = f32x4.add(f32x4.splat(<f32>start), f32x4(0.0, 1.0, 2.0, 3.0));
    for (; i + 7 < n; i += 8) {
      const k4 = f32x4.add(k, four);
      v128.store(out + ((<usize>i) << 2), f32x4.div(va, f32x4.add(one, f32x4.mul(vr, f32x4.div(k, vd)))));
      v128.store(out + ((<usize>i) << 2), f32x4.div(va, f32x4.add(one, f32x4.mul(vr, f32x4.div(k4, vd)))), 16);
      k = f32x4.add(k4, four);
    }
  }
  const inv = 1.0 / d;
  for (; i < n; i++) {
    const p = <f64><f32>((start + <f64>i) * inv);
    store<f32>(out + ((<usize>i) << 2), <f32>(a / <f64><f32>(1.0 + <f64><f32>(r * p))));
  }
  return 0;
}

/** The float32 pipeline: a, d and r are float32 values. */
export function inverseTimeDecay32(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  const a = param(params, A);
  const d = param(params, D);
  const r = param(params, R);
  const staircase = param(params, STAIRCASE) != 0;
  if (!steps && !staircase && Math.abs(start) <= EXACT32 && Math.abs(start + <f64>n) <= EXACT32) return range32(start, out, n, a, d, r);
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const va = f32x4.splat(<f32>a);
    const vd = f32x4.splat(<f32>d);
    const vr = f32x4.splat(<f32>r);
    const one = f32x4.splat(1.0);
    const lanes = f64x2.replace_lane(f64x2.splat(start), 1, start + 1.0);
    // A range of steps exact in float32 (|k| <= 2^24): float32 lanes that count on by 4, exactly.
    // Making the steps in float64 and demoting them took twice as long (measured in
    // polynomialDecay.ts: 0.58 against 0.27 ms per 1e6).
    const exact = !steps && Math.abs(start) <= EXACT32 && Math.abs(start + <f64>n) <= EXACT32;
    let k = f32x4.add(f32x4.splat(<f32>start), f32x4(0.0, 1.0, 2.0, 3.0));
    const four = f32x4.splat(4.0);
    for (; i + 3 < n; i += 4) {
      let s: v128;
      if (exact) {
        s = k;
        k = f32x4.add(k, four);
      } else if (steps) {
        const s0 = v128.load(steps + ((<usize>i) << 3));
        const s1 = v128.load(steps + ((<usize>i) << 3), 16);
        if (!finite2(s0) || !finite2(s1)) break;
        s = demote4(s0, s1);
      } else {
        const s0 = f64x2.add(lanes, f64x2.splat(<f64>i));
        s = demote4(s0, f64x2.add(s0, f64x2.splat(2.0)));
      }
      let p = f32x4.div(s, vd);
      if (staircase) p = f32x4.floor(p);
      v128.store(out + ((<usize>i) << 2), f32x4.div(va, f32x4.add(one, f32x4.mul(vr, p))));
    }
  }
  for (; i < n; i++) {
    const step = steps ? load<f64>(steps + ((<usize>i) << 3)) : start + <f64>i;
    if (step - step != 0) return -1 - i;
    store<f32>(out + ((<usize>i) << 2), <f32>one32(step, a, d, r, staircase));
  }
  return 0;
}

/** The float64 pipeline. */
export function inverseTimeDecay64(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  const a = param(params, A);
  const d = param(params, D);
  const r = param(params, R);
  const staircase = param(params, STAIRCASE) != 0;
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const va = f64x2.splat(a);
    const vd = f64x2.splat(d);
    const vr = f64x2.splat(r);
    const one = f64x2.splat(1.0);
    const lanes = f64x2.replace_lane(f64x2.splat(start), 1, start + 1.0);
    for (; i + 1 < n; i += 2) {
      let s: v128;
      if (steps) {
        s = v128.load(steps + ((<usize>i) << 3));
        if (!finite2(s)) break;
      } else {
        s = f64x2.add(lanes, f64x2.splat(<f64>i));
      }
      let p = f64x2.div(s, vd);
      if (staircase) p = f64x2.floor(p);
      v128.store(out + ((<usize>i) << 3), f64x2.div(va, f64x2.add(one, f64x2.mul(vr, p))));
    }
  }
  for (; i < n; i++) {
    const step = steps ? load<f64>(steps + ((<usize>i) << 3)) : start + <f64>i;
    if (step - step != 0) return -1 - i;
    store<f64>(out + ((<usize>i) << 3), one64(step, a, d, r, staircase));
  }
  return 0;
}
