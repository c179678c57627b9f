// cos(x), correctly rounded or not at all.
//
// JS twin: cos.twin.ts, the same functions with the same operations in the same order.
//
// cos32 and cos64 return the correctly rounded cosine of x (a float32 held in an f64, or a float64),
// or undecided() (undecided.ts); the caller then asks src/exact/cos.ts, whose BigInt Ziv loop
// decides. Both approximate cos(x), then ask whether every number within the approximation's error
// bound rounds to the same float (as exp2.ts does for powers).
//
// Reduction: x = k pi/2 + r, k = round(|x| 2/pi), |r| <= pi/4 (a hair more when the product
// x * 2/pi rounds across a half-integer), with pi/2 = P1 + P2 + P3 + P4 from layout.ts (Cody and
// Waite's scheme with three exact products): P1..P3 have 33 significant bits, so k * Pi is exact
// for k < 2^20, and |x| - k P1 is exact (Sterbenz: |x| and k P1 are within a factor 2 of each
// other for k >= 1). When r is small, the next two subtractions are exact too (the operands are
// multiples of 2^-65, then of 2^-98, and the results below 2^-12, then 2^-45), so r carries no
// cancellation error: what is left is P4's product and the tail of pi/2 beyond P4 (below 2^-150),
// at most 2^-131 absolute for k < 2^20. That absolute term, ABS_R, enters the rounding tests; it
// matters only where cos(x) is near 0, and there it is still 2^-67 relative or better: below 2^20
// the float closest to a multiple of pi/2 is 2^-60.49 away for float64 (x = 0x1.6c6cbc45dc8dep+5,
// 29 pi/2) and 2^-27.83 for float32 (x = 0x1.f9cbe2p+7, 161 pi/2), by a search of every multiple
// (test/numerics/cos.test.ts has both).
//
// Then cos(x) = cos(r), -sin(r), -cos(r), sin(r) for k = 0, 1, 2, 3 mod 4. No cancellation: cos(r)
// >= 0.7, and sin(r) is r (1 + S) with |S| <= 0.11, so every bound below is relative. The
// polynomials are the Taylor series (coefficients (-1)^floor(n/2) / n!, src/exact/constants.ts);
// CORE-MATH's cr_cosf (src/binary32/cos/cosf.c) and LLVM libc's cosf use minimax polynomials
// on a finer reduction instead, which is faster but needs a Remez run at build time.
//
// |x| >= LIMIT (2^20) is left undecided: the exact path reduces it with as many bits of pi as it
// takes. Keras' cosine schedules take cos(pi_R * p) with p in [0, 1] for steps >= 0, so |x| <= 3.15
// (a negative step can make CosineDecay's p any negative number).
//
// Only IEEE-exact operations: no fused multiply-add, no Math.cos/sin (shared/NUMERICS.md).

import { at } from "./constants";
import { splitHigh, twoProductError, twoProductErrorSplit } from "./exp2";
import { COS_PIO2_1, COS_PIO2_2, COS_PIO2_3, COS_PIO2_4, COS_TAYLOR, COS_TWO_OVER_PI } from "./layout";
import { undecided } from "./undecided";

// Above this |x| the fast path gives up: k = round(|x| 2/pi) stays below 2^20, where the
// products k * Pi are exact.
export const LIMIT: f64 = 1048576.0; // 2^20

// The reduction's absolute error, 2^-131 (P4's product rounded, and the tail of pi/2 beyond P4,
// each below 2^-132 for k < 2^20), with a factor 8.
export const ABS_R: f64 = 2.938735877055719e-39; // 2^-128

/** The Taylor coefficient (-1)^floor(n/2) / n!, rounded to a double. */
// @ts-ignore: decorator
@inline
function c(n: i32): f64 {
  return load<f64>(at(COS_TAYLOR + 2 * n));
}

/** Its low part: the coefficient minus c(n), rounded. */
// @ts-ignore: decorator
@inline
function cl(n: i32): f64 {
  return load<f64>(at(COS_TAYLOR + 2 * n + 1));
}

/** k = round(a 2/pi) for 0 <= a < LIMIT, as a double (an integer below 2^20). */
// @ts-ignore: decorator
@inline
function quadrant(a: f64): f64 {
  return Math.floor(a * load<f64>(at(COS_TWO_OVER_PI)) + 0.5);
}

// ---------------------------------------------------------------------------------------------
// float32: everything in plain doubles. Error budget, relative to |cos x|:
//   r = ((a - k P1) - k P2) - k P3 - k P4: three roundings, < 1.5 * 2^-52, and ABS_R absolute;
//   even k: y = 1 + z (c2 + z (c4 + ... + z c16)), z = r^2: the Taylor series' truncation is
//     below (pi/4)^18 / 18! < 2^-58; z is off by 2^-51 relative (r's error doubled, plus its own
//     rounding), the Horner sum by about 2^-52, their product by 2^-53, all on |z P| <= 0.31, and
//     the final sum rounds once: below 2^-51.5 on y >= 0.7 (r's error moves cos(r) by at most
//     r^2 * 1.5 * 2^-52 <= 2^-52.1 of it, included);
//   odd k: y = r + (r z) (c3 + z (c5 + ... + z c17)): truncation (pi/4)^18 / 19! < 2^-62 of r, the
//     correction (<= 0.11 |r|) within 2^-50 of itself, one rounding on the sum, r's own 1.5 * 2^-52:
//     below 2^-51.3.
// So |y - cos x| < 2^-51 |cos x| + ABS_R. EPS32 = 2^-48 keeps a factor 8 over that (the test
// measures the real maximum: 2^-51.8); an element is undecided when y lies within 2^-48 of a
// midpoint between float32s (spacing 2^-24 relative at best): 16 of the 113.8 million float32 in
// [2^-12, pi_32], and none of the 964 million below 2^-12 (offline scans of every one).
export const EPS32: f64 = 3.552713678800501e-15; // 2^-48

/** The y of cos32: cos(x) within 2^-51 relative (plus ABS_R), for a float32 x, |x| < LIMIT. */
// @ts-ignore: decorator
@inline
export function cos32y(x: f64): f64 {
  const a = Math.abs(x);
  const k = quadrant(a);
  // a - k P1 is exact (see the top); the rest as described there.
  const r = (((a - k * load<f64>(at(COS_PIO2_1))) - k * load<f64>(at(COS_PIO2_2))) - k * load<f64>(at(COS_PIO2_3))) - k * load<f64>(at(COS_PIO2_4));
  const z = r * r;
  const q = <i32>k & 3;
  let y: f64;
  if ((q & 1) == 0) {
    y = 1.0 + z * (c(2) + z * (c(4) + z * (c(6) + z * (c(8) + z * (c(10) + z * (c(12) + z * (c(14) + z * c(16))))))));
  } else {
    y = r + (r * z) * (c(3) + z * (c(5) + z * (c(7) + z * (c(9) + z * (c(11) + z * (c(13) + z * (c(15) + z * c(17))))))));
  }
  // cos(x) is cos(r), -sin(r), -cos(r), sin(r) for k = 0, 1, 2, 3 mod 4.
  return q == 1 || q == 2 ? -y : y;
}

/** f32(cos x) for a float32 x (held in an f64), or undecided(); NaN for NaN and +-Infinity. */
export function cos32(x: f64): f64 {
  if (!(Math.abs(x) < LIMIT)) return x - x == 0.0 ? undecided() : NaN;
  const y = cos32y(x);
  const err = Math.abs(y) * EPS32 + ABS_R;
  const lo = <f32>(y - err);
  const hi = <f32>(y + err);
  return lo == hi ? <f64>lo : undecided();
}

// ---------------------------------------------------------------------------------------------
// float64: r as a double-double rh + rl, the polynomials' low coefficients in double-double.
// Error budget, relative to |cos x| (plus ABS_R):
//   r: the two subtractions after a - k P1 are TwoSums (exact), their errors and k P4 are summed
//     in doubles: below 2^-104 relative, or exact when r is small (see the top);
//   z = r^2 = zh + zl: Dekker's product of rh and the cross term 2 rh rl: 2^-104;
//   even k: cos r = 1 + z V, V = c2 + z (c4 + z (c6 + z (c8 + z U))), U = c10 + ... + z^5 c20 in
//     doubles: truncation (pi/4)^22 / 22! < 2^-77; U's rounding (2^-51 relative) weighs z^5 U
//     < 2^-25, so 2^-76; the four double-double Horner steps (exact products, Fast2Sums) about
//     2^-100 each; the final 1 + z V one Fast2Sum. Below 2^-75 on y >= 0.7.
//   odd k: sin r = r (1 + z V), V = c3 + z (c5 + z (c7 + z U)), U = c9 + ... + z^6 c21: truncation
//     (pi/4)^22 / 23! < 2^-81 of r; z^4 U < 2^-21 with U's 2^-51, so 2^-72; the rest about 2^-100.
// So |h + l - cos x| < 2^-71.5 |cos x| + ABS_R. EPS64 = 2^-68 keeps a factor 8 over that (the test
// measures the real maximum: 2^-73.8); an element is undecided when it lies within 2^-68 of a
// midpoint (spacing 2^-53 relative at best): measured 1 in 21,000 on [0, pi].
export const EPS64: f64 = 3.3881317890172014e-21; // 2^-68

// Results of the double-double steps, kept in globals: AssemblyScript returns one value per
// function.
let ddh: f64 = 0;
let ddl: f64 = 0;

/**
 * (ddh, ddl) = (ch + cl) + (zh + zl) (vh + vl), for |ch| >= |zh vh|: the product zh vh exactly
 * (Dekker, zh already split into zs + (zh - zs)), the sum by Fast2Sum, the small cross terms rounded.
 */
// @ts-ignore: decorator
@inline
function ddStep(ch: f64, cl: f64, zh: f64, zs: f64, zl: f64, vh: f64, vl: f64): void {
  const p = zh * vh;
  const vs = splitHigh(vh);
  const pe = twoProductErrorSplit(zs, zh - zs, vs, vh - vs, p);
  const h = ch + p;
  ddl = ((ch - h) + p) + (((cl + pe) + zh * vl) + zl * vh);
  ddh = h;
}

/** f64(cos x), or undecided(); NaN for NaN and +-Infinity. */
export function cos64(x: f64): f64 {
  const a = Math.abs(x);
  if (!(a < LIMIT)) return x - x == 0.0 ? undecided() : NaN;
  const k = quadrant(a);
  // r = rh + rl: t = a - k P1 exactly; then TwoSums of t - k P2 and of its head - k P3.
  const t = a - k * load<f64>(at(COS_PIO2_1));
  const p2 = k * load<f64>(at(COS_PIO2_2));
  const s1 = t - p2;
  const v1 = s1 - t;
  const e1 = (t - (s1 - v1)) - (p2 + v1); // TwoSum's error of t + (-p2)
  const p3 = k * load<f64>(at(COS_PIO2_3));
  const s2 = s1 - p3;
  const v2 = s2 - s1;
  const e2 = (s1 - (s2 - v2)) - (p3 + v2);
  const low = (e1 + e2) - k * load<f64>(at(COS_PIO2_4));
  const rh = s2 + low;
  const rl = low - (rh - s2);
  // z = r^2 = zh + zl.
  const zh = rh * rh;
  const zl = twoProductError(rh, rh, zh) + 2.0 * rh * rl;
  const zs = splitHigh(zh);
  const q = <i32>k & 3;
  let h: f64;
  let l: f64;
  if ((q & 1) == 0) {
    const u = c(10) + zh * (c(12) + zh * (c(14) + zh * (c(16) + zh * (c(18) + zh * c(20)))));
    ddStep(c(8), cl(8), zh, zs, zl, u, 0.0);
    ddStep(c(6), cl(6), zh, zs, zl, ddh, ddl);
    ddStep(c(4), cl(4), zh, zs, zl, ddh, ddl);
    ddStep(c(2), cl(2), zh, zs, zl, ddh, ddl);
    // 1 + z V: |z V| <= 0.31.
    ddStep(1.0, 0.0, zh, zs, zl, ddh, ddl);
    h = ddh;
    l = ddl;
  } else {
    const u = c(9) + zh * (c(11) + zh * (c(13) + zh * (c(15) + zh * (c(17) + zh * (c(19) + zh * c(21))))));
    ddStep(c(7), cl(7), zh, zs, zl, u, 0.0);
    ddStep(c(5), cl(5), zh, zs, zl, ddh, ddl);
    ddStep(c(3), cl(3), zh, zs, zl, ddh, ddl);
    // S = z V, then r (1 + S) = r + r S: |S| <= 0.11.
    const sh = zh * ddh;
    const vs = splitHigh(ddh);
    const sl = twoProductErrorSplit(zs, zh - zs, vs, ddh - vs, sh) + (zh * ddl + zl * ddh);
    const m = rh * sh;
    const me = twoProductError(rh, sh, m);
    h = rh + m;
    l = ((rh - h) + m) + (((me + rl) + rh * sl) + rl * sh);
  }
  if (q == 1 || q == 2) {
    h = -h;
    l = -l;
  }
  const err = Math.abs(h) * EPS64 + ABS_R;
  const lo = h + (l - err);
  const hi = h + (l + err);
  return lo == hi ? lo : undecided();
}

// ---------------------------------------------------------------------------------------------
// Two lanes at once (the SIMD build): cos32y on f64x2, the same operations in the same order, so
// each lane is bit for bit cos32y's (test/numerics/cos.test.ts checks it). Both polynomials are
// evaluated and a lane mask picks one. The caller rounds each lane with cos32's test, and must
// keep lanes with |x| >= LIMIT or non-finite x away (their k saturates: the lane is meaningless).

/** The y of cos32 for two float32 lanes with |x| < LIMIT, before the rounding test. */
// @ts-ignore: decorator
@inline
export function cos32y2(x: v128): v128 {
  const a = f64x2.abs(x);
  const k = f64x2.floor(f64x2.add(f64x2.mul(a, f64x2.splat(load<f64>(at(COS_TWO_OVER_PI)))), f64x2.splat(0.5)));
  let r = f64x2.sub(a, f64x2.mul(k, f64x2.splat(load<f64>(at(COS_PIO2_1)))));
  r = f64x2.sub(r, f64x2.mul(k, f64x2.splat(load<f64>(at(COS_PIO2_2)))));
  r = f64x2.sub(r, f64x2.mul(k, f64x2.splat(load<f64>(at(COS_PIO2_3)))));
  r = f64x2.sub(r, f64x2.mul(k, f64x2.splat(load<f64>(at(COS_PIO2_4)))));
  const z = f64x2.mul(r, r);
  // Even k: 1 + z (c2 + z (c4 + ... + z c16)).
  let pc = f64x2.mul(z, f64x2.splat(c(16)));
  pc = f64x2.mul(z, f64x2.add(f64x2.splat(c(14)), pc));
  pc = f64x2.mul(z, f64x2.add(f64x2.splat(c(12)), pc));
  pc = f64x2.mul(z, f64x2.add(f64x2.splat(c(10)), pc));
  pc = f64x2.mul(z, f64x2.add(f64x2.splat(c(8)), pc));
  pc = f64x2.mul(z, f64x2.add(f64x2.splat(c(6)), pc));
  pc = f64x2.mul(z, f64x2.add(f64x2.splat(c(4)), pc));
  pc = f64x2.add(f64x2.splat(1.0), f64x2.mul(z, f64x2.add(f64x2.splat(c(2)), pc)));
  // Odd k: r + (r z) (c3 + z (c5 + ... + z c17)).
  let ps = f64x2.mul(z, f64x2.splat(c(17)));
  ps = f64x2.mul(z, f64x2.add(f64x2.splat(c(15)), ps));
  ps = f64x2.mul(z, f64x2.add(f64x2.splat(c(13)), ps));
  ps = f64x2.mul(z, f64x2.add(f64x2.splat(c(11)), ps));
  ps = f64x2.mul(z, f64x2.add(f64x2.splat(c(9)), ps));
  ps = f64x2.mul(z, f64x2.add(f64x2.splat(c(7)), ps));
  ps = f64x2.mul(z, f64x2.add(f64x2.splat(c(5)), ps));
  ps = f64x2.add(r, f64x2.mul(f64x2.mul(r, z), f64x2.add(f64x2.splat(c(3)), ps)));
  // k mod 4 in i32 lanes 0 and 1, widened to 64-bit lane masks: odd k takes the sine, and
  // k = 1, 2 (bit 1 of k + 1) negates.
  const q = i32x4.trunc_sat_f64x2_s_zero(k);
  const odd = i64x2.extend_low_i32x4_s(i32x4.ne(v128.and(q, i32x4.splat(1)), i32x4.splat(0)));
  const neg = i64x2.extend_low_i32x4_s(i32x4.ne(v128.and(i32x4.add(q, i32x4.splat(1)), i32x4.splat(2)), i32x4.splat(0)));
  const y = v128.bitselect(ps, pc, odd);
  return v128.bitselect(f64x2.neg(y), y, neg);
}
