// cos(x), correctly rounded or not at all.
//
// JS twin: cos.twin.ts, the same functions with the same operations in the same order.
//
// cos32 and cos64 return the correctly rounded cosine of x (a float32 held in an f64, or a float64),
// or undecided() (undecided.ts); the caller then asks src/exact/cos.ts, whose BigInt Ziv loop
// decides. Both approximate cos(x), then ask whether every number within the approximation's error
// bound rounds to the same float (as exp2.ts does for powers).
//
// float32 has two fast paths. The near path (|x| < NEAR, below) serves every argument of Keras'
// cosine schedules at steps >= 0: a table of 513 anchors over [0, pi] and short polynomials, with
// vector forms (cos32x4, cosRun32x4) for the kernels' SIMD loops. The far path, for NEAR <= |x| <
// LIMIT, reduces x modulo pi/2 as follows.
//
// float64 has a near path too (below): the same anchors' cosines and sines in double-double and a
// short polynomial, for |x| < NEAR64 as it is and beyond after the reduction below, with vector
// forms (cos64x2, cosRun64x2) for the kernels' SIMD loops; what it leaves undecided goes to the
// general path (the reduction below and Taylor polynomials in double-double), then to the caller.
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
// cos32 leaves |x| >= LIMIT (2^20) undecided; cos64 reduces LIMIT <= |x| < REACH (2^31) by the far
// reduction (reduceFar, below: five pieces of pi/2, with an absolute error of ABS_FAR) and leaves
// |x| >= REACH undecided. The exact path reduces what is left with as many bits of pi as it takes.
// Keras' cosine schedules take cos(pi_R * p) with p in [0, 1] for steps >= 0, so |x| <= 3.15 (a
// negative step can make CosineDecay's p any negative number); PyTorch's CosineAnnealingLR takes
// cos(pi t / T_max) at every step t, past 2^20 from about t = 333,772 T_max on.
//
// Only IEEE-exact operations: no fused multiply-add, no Math.cos/sin (docs/NUMERICS.md).

import { at } from "./constants";
import { ddLowPart, ddMulAdd, splitHigh, twoProductError, twoProductErrorSplit } from "./exp2";
import { COS64_NEAR, COS64_NEAR_STRIDE, COS_EPS64, COS_FAR, COS_NEAR, COS_PIO2_1, COS_PIO2_2, COS_PIO2_3, COS_PIO2_4, COS_TAYLOR, COS_TWO_OVER_PI } from "./layout";
import { undecided } from "./undecided";

// Above this |x| the float32 paths, the vector ones and the run step give up, and cos64 takes the
// far reduction below: k = round(|x| 2/pi) stays below 2^20, where the products k * Pi are exact.
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
// float32, the far path: everything in plain doubles. Error budget, relative to |cos x|:
//   r = ((a - k P1) - k P2) - k P3 - k P4: three roundings, < 1.5 * 2^-52, and ABS_R absolute;
//   even k: y = 1 + z (c2 + z (c4 + ... + z c16)), z = r^2: the Taylor series' truncation is
//     below (pi/4)^18 / 18! < 2^-58; z is off by 2^-51 relative (r's error doubled, plus its own
//     rounding), the Horner sum by about 2^-52, their product by 2^-53, all on |z P| <= 0.31, and
//     the final sum rounds once: below 2^-51.5 on y >= 0.7 (r's error moves cos(r) by at most
//     r^2 * 1.5 * 2^-52 <= 2^-52.1 of it, included);
//   odd k: y = r + (r z) (c3 + z (c5 + ... + z c17)): truncation (pi/4)^18 / 19! < 2^-62 of r, the
//     correction (<= 0.11 |r|) within 2^-50 of itself, one rounding on the sum, r's own 1.5 * 2^-52:
//     below 2^-51.3.
// So |y - cos x| < 2^-51 |cos x| + ABS_R, and ABS_R is below 2^-100 |cos x| here (|cos x| >= 2^-28
// for a float32 |x| < 2^20, see the top). round32's window (2^-47 relative at least) keeps a
// factor 16 over that.

/** The far path's y: cos(x) within 2^-51 relative, for a float32 x with |x| < LIMIT. */
// @ts-ignore: decorator
@inline
export function cosFar32y(x: f64): f64 {
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

// ---------------------------------------------------------------------------------------------
// float32, the near path, |x| < NEAR: an anchor from a table instead of a reduction (as LLVM
// libc's cosf does, with sin(k pi/32) and minimax polynomials; here 512 anchors per pi and the
// Taylor series, in two steps):
//   a = |x|; j = floor(f32(f32(a K) + 0.5)), K = f32(512/pi): the nearest anchor, 0 <= j <= 512;
//   A = f32(j STEP), STEP = pi/512 (a double); C = cos(A), S = sin(A) rounded to doubles
//     (layout.ts, COS_NEAR);
//   d = a - A, exact: for j = 0 it is a; for j >= 1, a > 2^-9 and A > 2^-8 are float32s, so both
//     are multiples of 2^-32, and |d| < 2^-8 leaves at most 24 significant bits;
//   |d| <= (0.5 + 2^-13.4) pi/512 + 2^-23 < 0.003069 < 2^-8.34 (K's rounding and the two f32
//     roundings move a K by under 2^-13.4; A is within 2^-23 of j pi/512);
//   cos x = cos(A + d).
// Quick step: y1 = (C - d S) - d^2 (H - d S6), H = C * 0.5, S6 = S * f64(1/6): the Taylor
// polynomial of degree 3 about A, in two halves that do not wait on each other. Its remainder is d^4/24 cos(A + u d), 0 < u < 1, and |cos(A + u d)| <=
// |cos x| + |d|, with |d| <= 1.58 |cos x| for every float32 x here (the worst is next to pi/2; see
// below): relative to cos x, below 2.58 * 2^-33.4 / 24 = 2^-36.6. The roundings (C, S, the
// products and sums, each 2^-53 of a term no larger than |c| + |d s|, and of d^2 (H - d S6), at
// most 2^-17.7) add under 2^-50. So
// |y1 - cos x| < 2^-36.5 |cos x|, and round32's quick window (2^-34 relative at least) keeps a
// factor 5 over that: 1 element in 512 goes on to the accurate step.
// Accurate step: y2 = C + (C M - S T), z = d^2, M = z (c2 + z c4) for cos d - 1 and
// T = d + (d z) (c3 + z c5) for sin d. Error budget, absolute, with c = cos(A), s = sin(A):
//   C and S: rounded, 2^-53 |c| and 2^-53 |s|;
//   M: truncation |d|^6 / 6! < 2^-59 and rounding 2^-51 of |M| <= 2^-17.7: times |c|;
//   T: truncation |d|^7 / 7! (2^-62 of |d|), the correction (<= |d|^3 / 6) within 2^-51 of
//     itself, one rounding on the sum: 2^-52.95 |sin d|;
//   the two products, the difference and the sum: 2^-53 each, on |c M|, |S T|, |C M - S T| and y;
// in all below 2^-53 |y| + 2^-52.9 |c| + 2^-51.1 |s sin d|. Relative to |cos x| = |c cos d - s
// sin d| that is worst where the two terms cancel: at the edge of the anchor next to pi/2 (j = 255,
// d = 0.00307: |c| + |s sin d| is three times |cos x|, so 2^-50.3), and at pi/2 itself, where A =
// f32(pi/2) = pi/2 + 4.37e-8 (c = -4.37e-8): the float32 nearest below, pi/2 - 7.5e-8, has
// |sin d| = 1.58 |cos x|, so 2^-49.9 there. So |y2 - cos x| < 2^-49.9 |cos x|: round32's window
// (2^-47 relative at least) keeps a factor 7 over that; the test measures the real maximum.

// The near path's reach: j stays <= 512 (NEAR K + 0.5 < 513), and Keras' arguments (|x| <= pi_32
// for steps >= 0) are inside.
export const NEAR: f32 = 3.144;
const K: f32 = 162.9746551513672; // f32(512/pi)
const STEP: f64 = 0.006135923151542565; // pi/512, Math.PI / 512 exactly
// The coefficients: each a correctly rounded quotient of exact doubles, so 1/n! rounded to nearest.
const R6: f64 = 1.0 / 6.0;
const C2: f64 = -0.5;
const C4: f64 = 1.0 / 24.0;
const S3: f64 = -1.0 / 6.0;
const S5: f64 = 1.0 / 120.0;

/** The anchor index of a = |x| < NEAR, a float32. */
// @ts-ignore: decorator
@inline
export function anchorOf(a: f64): i32 {
  return <i32>Mathf.floor(<f32>a * K + <f32>0.5);
}

/** The anchor A_j itself. */
// @ts-ignore: decorator
@inline
export function anchorAt(j: i32): f64 {
  return <f64><f32>(<f64>j * STEP);
}

/** The quick step's y for d = a - A_j, C and S the anchor's table entries. */
// @ts-ignore: decorator
@inline
function quick(d: f64, cA: f64, sA: f64): f64 {
  return (cA - d * sA) - (d * d) * (cA * 0.5 - d * (sA * R6));
}

/** The accurate step's y. */
// @ts-ignore: decorator
@inline
function accurate(d: f64, cA: f64, sA: f64): f64 {
  const z = d * d;
  const m = z * (C2 + z * C4);
  const t = d + (d * z) * (S3 + z * S5);
  return cA + (cA * m - sA * t);
}

// The rounding test, on y's bits. With y in [2^e, 2^(e+1)), the float32s there are 2^(e-23) apart
// and their midpoints are the doubles whose low 29 bits read 2^28. A y whose low 29 bits lie more
// than W units (of 2^(e-52)) from 2^28 rounds like every number within W 2^(e-52), so within
// W 2^-53 |y| (also across a power of 2: the nearest midpoint beyond is then 2^28 units away).
// round32 takes W = 64 (2^-47 relative at least) for the accurate step and the far path (bounds
// 2^-49.9 and 2^-51, above); the quick step takes W = 2^19 (2^-34 at least, for 2^-36.5).
const WINDOW: i32 = 64;
const QUICK_WINDOW: i32 = 1 << 19;
const LOW29: i32 = (1 << 29) - 1;

/** Whether y is within w units of a midpoint (y's low 32 bits given as `low`). */
// @ts-ignore: decorator
@inline
function nearMidpoint(low: i32, w: i32): bool {
  return ((low + (w - (1 << 28))) & LOW29) <= 2 * w;
}

/** f32(y) if every number within the window rounds alike, else undecided(). */
// @ts-ignore: decorator
@inline
export function round32(y: f64): f64 {
  return nearMidpoint(<i32>reinterpret<i64>(y), WINDOW) ? undecided() : <f64><f32>y;
}

/** f32(cos a) for a = |x| < NEAR, a float32, or undecided(): the quick step, then the accurate one. */
// @ts-ignore: decorator
@inline
function cosNear32(a: f64): f64 {
  const j = anchorOf(a);
  const p = at(COS_NEAR + 2 * j);
  const d = a - anchorAt(j);
  const y = quick(d, load<f64>(p), load<f64>(p, 8));
  if (!nearMidpoint(<i32>reinterpret<i64>(y), QUICK_WINDOW)) return <f64><f32>y;
  return round32(accurate(d, load<f64>(p), load<f64>(p, 8)));
}

/** The accurate step's y (for tests): cos(x) within 2^-49.9 relative, for |x| < NEAR, a float32. */
export function cosNear32y(x: f64): f64 {
  const a = Math.abs(x);
  const j = anchorOf(a);
  const p = at(COS_NEAR + 2 * j);
  return accurate(a - anchorAt(j), load<f64>(p), load<f64>(p, 8));
}

/** f32(cos x) for a float32 x (held in an f64), or undecided(); NaN for NaN and +-Infinity. */
export function cos32(x: f64): f64 {
  const a = Math.abs(x);
  if (a < <f64>NEAR) return cosNear32(a);
  if (!(a < LIMIT)) return x - x == 0.0 ? undecided() : NaN;
  return round32(cosFar32y(x));
}

// ---------------------------------------------------------------------------------------------
// float64, the general path: r as a double-double rh + rl, the polynomials' coefficients in
// double-double down to the terms below 2^-48. cos64 takes it for what the near path below leaves
// undecided (1 argument in about 1,200). Error budget, relative to |cos x| (plus ABS_R):
//   r: the two subtractions after a - k P1 are TwoSums (exact), their errors and k P4 are summed
//     in doubles: below 2^-103 relative, or exact when r is small (see the top); cos r moves by at
//     most |sin r| 2^-103 |r| < 2^-103.6, sin r by 2^-103 of itself;
//   z = r^2 = zh + zl: Dekker's product of rh and the cross term 2 rh rl: 2^-104;
//   each double-double Horner step (ddStep: an exact product, a Fast2Sum, the small terms summed in
//     doubles) adds at most about 2^-103 of its result, weighted in cos r by the powers of z after it
//     (z <= 0.617): below 2^-102 in all;
//   even k: cos r = 1 + z V, V = c2 + z (c4 + ... + z (c14 + z U)), U = c16 + ... + z^5 c26 in
//     doubles: truncation (pi/4)^28 / 28! < 2^-107; U's rounding (2^-51.4 relative: z's and five
//     Horner roundings on terms falling by a factor 400 or more) weighs z^8 U < 2^-49.8, so 2^-101.2.
//     Below 2^-100 of 1, 2^-99.5 on cos r >= 0.7;
//   odd k: sin r = r (1 + z V), V = c3 + z (c5 + ... + z (c15 + z U)), U = c17 + ... + z^5 c27:
//     truncation (pi/4)^28 / 29! < 2^-112 of r; z^8 U < 2^-53.9 with U's 2^-51.4, so 2^-105.3; the
//     steps' 2^-102 on |z V| <= 0.11; the last products and sums (r (1 + S) = r + r S by Dekker's
//     product and a Fast2Sum) 2^-104: below 2^-101 on |sin r| >= 0.89 |r|.
// So |h + l - cos x| < 2^-99 |cos x| + ABS_R (test/numerics/cos.test.ts measures the real maximum:
// 2^-103.15 over 8,000 random arguments, and 0.062 of the bound next to multiples of pi/2).
// EPS64 = 2^-90 keeps a factor 500 over that: an element is undecided when it lies within 2^-90 of
// a midpoint (spacing 2^-53 relative at best), about 1 in 2^26 of those the near path leaves
// (within its 2^-64), 1 in 2^36 of all arguments: the exact path (src/exact/cos.ts) almost never
// runs.
// Before, with U from c10 (c9) on, the bound was 2^-71.5 and EPS64 2^-68: 1 argument in 21,000 went
// to the exact path, whose BigInt Ziv loop took about 7 us each (measured: 45 elements of a million-
// step Hugging Face cosine range, 0.4 ms of its 3.6).
// EPS64 is slot COS_EPS64 of the constant region (layout.ts), 2^-90: tests widen it to reach the
// exact fallback (any window above the bound keeps every decided result correctly rounded).

// Results of the double-double steps, kept in globals: AssemblyScript returns one value per
// function.
let ddh: f64 = 0;
let ddl: f64 = 0;

/** (ddh, ddl) = (ch + cl) + (zh + zl) (vh + vl), for |ch| >= |zh vh|: exp2.ts' ddMulAdd. */
// @ts-ignore: decorator
@inline
function ddStep(ch: f64, cl: f64, zh: f64, zs: f64, zl: f64, vh: f64, vl: f64): void {
  ddh = ddMulAdd(ch, cl, zh, zs, zl, vh, vl);
  ddl = ddLowPart();
}

/**
 * The reduction of a = |x| < REACH by k pi/2 (see the top; reduceFar from LIMIT on): r = ddh + ddl.
 * Returns the reduction's absolute error term for the rounding tests, ABS_R or ABS_FAR.
 */
// @ts-ignore: decorator
@inline
function reduce(a: f64, k: f64): f64 {
  if (!(a < LIMIT)) {
    reduceFar(a, k);
    return ABS_FAR;
  }
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
  ddl = low - (rh - s2);
  ddh = rh;
  return ABS_R;
}

// The far reduction, for LIMIT <= |x| < REACH (cos64, its general path, cos64x2 and cos64x2x2; the
// float32 paths and the run step stop at LIMIT): as reduce, with pi/2 = F1 + F2 + F3 + F4 + F5 (layout.ts, COS_FAR),
// F1..F4 of 22 significant bits, so that k * Fi is exact for k < 2^31 (here k < 2^30.35), and
// |x| - k F1 exact (Sterbenz, as above: k F1 is within |r| + k 2^-22 of |x|). Three TwoSums
// (exact) take off k F2, k F3 and k F4; their errors and k F5 are summed in plain doubles into low;
// a last TwoSum (not Fast2Sum: no bound on |r| from below is assumed) gives rh + rl. Error,
// absolute: k F5 rounded (k F5 < 2^30.35 2^-87.4, so 2^-110), the tail of pi/2 beyond F5 (below
// 2^-140, times k: 2^-109.6), the three roundings in low (each 2^-53 of a sum below 2^-53 (|r| +
// 2^-12) + 2^-56: 2^-106 |r| + 2^-109 at most): below 2^-103 |r| + 2^-106.5 in all. ABS_FAR keeps a
// factor 4 over the absolute part; the relative part is the same as the near reduction's, which
// the steps after it include. k's own rounding (a 2/pi is off by up to 2^-22.6 for a < 2^31) can
// leave |r| up to pi/4 + 2^-21.9, which the steps after it take as they take pi/4 + 2^-32 (below:
// anchors j <= 128, cos |r| >= 0.7, |sin r| <= 0.71).
export const REACH: f64 = 2147483648.0; // 2^31
export const ABS_FAR: f64 = 4.930380657631324e-32; // 2^-104

/** The far reduction of a = |x|, LIMIT <= a < REACH, by k pi/2: r = ddh + ddl. */
function reduceFar(a: f64, k: f64): void {
  const t = a - k * load<f64>(at(COS_FAR));
  const p2 = k * load<f64>(at(COS_FAR + 1));
  const s1 = t - p2;
  const v1 = s1 - t;
  const e1 = (t - (s1 - v1)) - (p2 + v1);
  const p3 = k * load<f64>(at(COS_FAR + 2));
  const s2 = s1 - p3;
  const v2 = s2 - s1;
  const e2 = (s1 - (s2 - v2)) - (p3 + v2);
  const p4 = k * load<f64>(at(COS_FAR + 3));
  const s3 = s2 - p4;
  const v3 = s3 - s2;
  const e3 = (s2 - (s3 - v3)) - (p4 + v3);
  const low = ((e1 + e2) + e3) - k * load<f64>(at(COS_FAR + 4));
  const rh = s3 + low;
  const w = rh - s3;
  ddl = (s3 - (rh - w)) + (low - w);
  ddh = rh;
}

/** The general path: f64(cos x) for |x| < REACH, or undecided(). */
function cosGeneral64(x: f64): f64 {
  const a = Math.abs(x);
  const k = quadrant(a);
  const abs = reduce(a, k);
  const rh = ddh;
  const rl = ddl;
  // z = r^2 = zh + zl.
  const zh = rh * rh;
  const zl = twoProductError(rh, rh, zh) + 2.0 * rh * rl;
  const zs = splitHigh(zh);
  const q = <i32>k & 3;
  let h: f64;
  let l: f64;
  if ((q & 1) == 0) {
    const u = c(16) + zh * (c(18) + zh * (c(20) + zh * (c(22) + zh * (c(24) + zh * c(26)))));
    ddStep(c(14), cl(14), zh, zs, zl, u, 0.0);
    ddStep(c(12), cl(12), zh, zs, zl, ddh, ddl);
    ddStep(c(10), cl(10), zh, zs, zl, ddh, ddl);
    ddStep(c(8), cl(8), zh, zs, zl, ddh, ddl);
    ddStep(c(6), cl(6), zh, zs, zl, ddh, ddl);
    ddStep(c(4), cl(4), zh, zs, zl, ddh, ddl);
    ddStep(c(2), cl(2), zh, zs, zl, ddh, ddl);
    // 1 + z V: |z V| <= 0.31.
    ddStep(1.0, 0.0, zh, zs, zl, ddh, ddl);
    h = ddh;
    l = ddl;
  } else {
    const u = c(17) + zh * (c(19) + zh * (c(21) + zh * (c(23) + zh * (c(25) + zh * c(27)))));
    ddStep(c(15), cl(15), zh, zs, zl, u, 0.0);
    ddStep(c(13), cl(13), zh, zs, zl, ddh, ddl);
    ddStep(c(11), cl(11), zh, zs, zl, ddh, ddl);
    ddStep(c(9), cl(9), zh, zs, zl, ddh, ddl);
    ddStep(c(7), cl(7), zh, zs, zl, ddh, ddl);
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
  const err = Math.abs(h) * load<f64>(at(COS_EPS64)) + abs;
  const lo = h + (l - err);
  const hi = h + (l + err);
  return lo == hi ? lo : undecided();
}

// ---------------------------------------------------------------------------------------------
// float64, the near path: the anchors of the float32 near path's spacing, as doubles, and a short
// polynomial in double-double arithmetic (the anchor table of LLVM libc's cosf and CORE-MATH's sin
// and cos, with Taylor polynomials).
//
// Anchors: B_j = fl(j STEP64), STEP64 = pi/512 (the double Math.PI / 512, exact), j = 0..512;
// B_256 is Math.PI / 2 and B_512 Math.PI. Table (layout.ts, COS64_NEAR): cos(B_j) = Ch + Cl and
// sin(B_j) = Sh + Sl, double-doubles within 2^-105 relative.
// Argument: |x| < NEAR64 is taken as it is (a = |x|, dl = 0, cos a); beyond, x = k pi/2 + r by the
// reduction above (rh + rl, within 2^-103 |r| + 2^-129.4 of the true r), a = |rh| <= pi/4 + 2^-32,
// dl = rl with rh's sign, and cos x is +-cos |r| (k even) or +-sin |r| (k odd); |r| = a + dl exactly.
// Anchor: j = floor(a K64 + 0.5), K64 = fl(512/pi): the two roundings move a K64 by under 2^-42,
// and B_j is within 2^-50.7 of j pi/512, so d = a - B_j has |d| < pi/1024 + 2^-50 < 0.003068
// (2^-8.348), z = d^2 < 2^-16.69. d is exact: a and B_j are within a factor 2 for j >= 1 (Sterbenz).
// The function: f(B_j + d + dl) = P cos(d + dl) + Q sin(d + dl), with (P, Q) = (C, -S) for cos and
// (S, C) for sin (C = cos B_j, S = sin B_j; Ph + Pl and Qh + Ql from the table).
//
// The step, with d = d1 + d2 and Qh = Qh1 + (Qh - Qh1) split by Veltkamp into 26-bit halves, and
// Qr = (Qh - Qh1) + Ql rounded:
//   h + e = Ph + Qh1 d1                  (the product has 52 bits, so is exact; TwoSum, exact)
//   m = z (C2 + z (C4 + z M6))           cos d - 1, |m| <= 2^-17.69
//   u = (d z) (S3 + z (S5 + z T7))       sin d - d, |u| <= 2^-19.28 |d|
//   l = e + (((Pl + Ph m) + (Qh1 d2 + Qr d)) + (Qh u [+ dl (Qh - Ph d)]))
// (Qh1 d2 is exact too.) Error budget, absolute:
//   P's terms: m's roundings (z, the sum, the product: 2.5 units of 2^-53 on |m|: 2^-69.38),
//     Ph m's rounding and Pl m left out (2^-70.7 each), truncation (d^8 / 8!, 2^-82), the
//     roundings of four sums on terms up to 2^-17.69 |P| (2^-70.7 each): 2^-67.46 |P|;
//   Q's terms, relative to |Q d|: u's roundings (5 units of 2^-53 on 2^-19.28) and truncation
//     (d^9 / 9!, 2^-85.3): 2^-70; Qh u's rounding and Ql u left out (2^-72.3 each); Qr's rounding
//     and Qr d's (2^-79.9 each), the sums (2^-72.2 twice): 2^-68.87 |Q d|;
//   the tables (2^-105 of |P| and |Q d|), and 2^-106 |h| (l's last rounding on e);
//   dl (reduction only, |dl| <= 2^-53 |r|): the derivative Q - P d leaves |dl| (d^2/2 |Q| + |d|^3/6
//     |P| + dl/2 (|P| + |Q|)), below 2^-70.6 |r| (|P| + |Q|).
// Relative to |cos x|: for cos (direct or reduced), |C| <= 2 |cos x| and |S d| <= 1.38 |cos x| (the
// worst is at the edges of anchors 255 and 257, where C = +-0.00614 and d = -+0.003068; at anchor
// 256, C = 6.1e-17 and |d| >= 2^-52 unless 0, so |cos x| >= 0.72 |d|); for sin (reduced, j <= 129),
// |S| <= 2 |sin r| (anchor 1's edge) and |C d| <= 1.001 |sin r|, and the dl term adds 2^-69.35. So
// |h + l - cos x| < 2^-66 |cos x| (+ 2^-129.4 for the reduction: ABS_R). EPS_NEAR = 2^-64 keeps a
// factor 4 over that (the test measures the real maximum: 2^-68.4); the rounding test's own sums,
// l -+ err, round by 2^-53 of |l| + err, under 2^-69.6 |cos x|. The window leaves about 1 argument in
// 1,200 to the general path (measured).
export const NEAR64: f64 = 3.144;
export const EPS_NEAR: f64 = 5.421010862427522e-20; // 2^-64
const K64: f64 = 162.97466172610083; // fl(512/pi)
const STEP64: f64 = 0.006135923151542565; // pi/512, Math.PI / 512 exactly
// The coefficients, each a correctly rounded quotient of exact doubles (1/n! rounded to nearest).
const M6: f64 = -1.0 / 720.0;
const T7: f64 = -1.0 / 5040.0;

/** The float64 anchor index of 0 <= a < NEAR64 (or a = |rh| <= pi/4 + 2^-32). */
// @ts-ignore: decorator
@inline
export function anchor64Of(a: f64): i32 {
  return <i32>Math.floor(a * K64 + 0.5);
}

/** The anchor B_j itself. */
// @ts-ignore: decorator
@inline
export function anchor64At(j: i32): f64 {
  return <f64>j * STEP64;
}

/**
 * The near step for d = a - B_j (and dl, when reduced), given P = ph + pl, Q's head qh, its
 * Veltkamp head qh1 and the rest qr = (qh - qh1) + ql rounded: h + l rounded to a double if every
 * number within the step's bound rounds alike, else NaN (which no cosine of a finite argument is).
 */
// @ts-ignore: decorator
@inline
function nearStep(d: f64, dl: f64, ph: f64, pl: f64, qh: f64, qh1: f64, qr: f64, reduced: bool, abs: f64): f64 {
  const d1 = splitHigh(d);
  const d2 = d - d1;
  const p = qh1 * d1;
  const h = ph + p;
  const v = h - ph;
  const e = (ph - (h - v)) + (p - v);
  const z = d * d;
  const m = z * (C2 + z * (C4 + z * M6));
  const u = (d * z) * (S3 + z * (S5 + z * T7));
  const t = reduced ? qh * u + dl * (qh - ph * d) : qh * u;
  const l = e + (((pl + ph * m) + (qh1 * d2 + qr * d)) + t);
  const err = Math.abs(h) * EPS_NEAR + abs;
  const lo = h + (l - err);
  return lo == h + (l + err) ? lo : NaN;
}

/**
 * The near step for cos or sin at |r| = a + dl (a < NEAR64 when direct), rounded or NaN. Anchor j's
 * P and Q are read from the table: (C, -S) for cos, (S, C) for sin.
 */
// @ts-ignore: decorator
@inline
function nearAt(a: f64, dl: f64, sine: bool, reduced: bool, abs: f64): f64 {
  const j = anchor64Of(a);
  const p = at(COS64_NEAR + COS64_NEAR_STRIDE * j);
  const d = a - anchor64At(j);
  let ph: f64, pl: f64, qh: f64, ql: f64;
  if (sine) {
    ph = load<f64>(p, 16);
    pl = load<f64>(p, 24);
    qh = load<f64>(p);
    ql = load<f64>(p, 8);
  } else {
    ph = load<f64>(p);
    pl = load<f64>(p, 8);
    qh = -load<f64>(p, 16);
    ql = -load<f64>(p, 24);
  }
  const qh1 = splitHigh(qh);
  return nearStep(d, dl, ph, pl, qh, qh1, (qh - qh1) + ql, reduced, abs);
}

/** f64(cos x), or undecided(); NaN for NaN and +-Infinity. */
export function cos64(x: f64): f64 {
  const a = Math.abs(x);
  if (a < NEAR64) {
    const v = nearAt(a, 0.0, false, false, ABS_R);
    return v == v ? v : cosGeneral64(x);
  }
  if (!(a < REACH)) return x - x == 0.0 ? undecided() : NaN;
  const k = quadrant(a);
  const abs = reduce(a, k);
  const rh = ddh;
  const dl = rh < 0 ? -ddl : ddl;
  const q = <i32>k & 3;
  const y = nearAt(Math.abs(rh), dl, (q & 1) != 0, true, abs);
  if (y != y) return cosGeneral64(x);
  // cos(x) is cos|r|, -sin r, -cos|r|, sin r for k = 0, 1, 2, 3 mod 4; sin r is sin|r| with r's sign.
  const negative = (q == 1 || q == 2) != ((q & 1) != 0 && rh < 0);
  return negative ? -y : y;
}

// ---------------------------------------------------------------------------------------------
// Four lanes at once (the SIMD build): the near path on f32x4, each lane's operations those of
// cos32 in the same order, so each lane is bit for bit cos32's (test/numerics/cos.test.ts checks
// it). The quick step runs on all four lanes; if a lane is within its window, the accurate step
// runs on all four; if a lane is still undecided, lanesUndecided() says so and the caller redoes
// the four with cos32. The caller keeps lanes with |x| >= NEAR or NaN away.
//
// A range of steps keeps one anchor for thousands of elements (512 anchors cover [0, pi]): its
// kernel finds where the anchor changes and sets it once for its groups (sameAnchor); arrays set
// each group's four (laneAnchors).

let undecidedLanes: bool = false;

/** Whether the last cos32x4 left a lane undecided (its result is then meaningless); lowers it. */
// @ts-ignore: decorator
@inline
export function lanesUndecided(): bool {
  const u = undecidedLanes;
  undecidedLanes = false;
  return u;
}

// The anchor vectors, in linear memory (v128 globals would not compile in the scalar build):
// A, C, S of lanes 0 and 1, then of lanes 2 and 3, each an f64x2; then, when all four share the
// anchor, the quick step's H = C * 0.5 and S6 = S * f64(1/6), and A as an f32x4 (for cosRun32x4).
const ANCHORS: usize = memory.data(144, 16);

/** Sets both pairs' anchor to A_j. */
// @ts-ignore: decorator
@inline
export function sameAnchor(j: i32): void {
  const p = at(COS_NEAR + 2 * j);
  const cA = load<f64>(p);
  const sA = load<f64>(p, 8);
  const a = f64x2.splat(anchorAt(j));
  const c = f64x2.splat(cA);
  const s = f64x2.splat(sA);
  v128.store(ANCHORS, a);
  v128.store(ANCHORS, c, 16);
  v128.store(ANCHORS, s, 32);
  v128.store(ANCHORS, a, 48);
  v128.store(ANCHORS, c, 64);
  v128.store(ANCHORS, s, 80);
  v128.store(ANCHORS, f64x2.splat(cA * 0.5), 96);
  v128.store(ANCHORS, f64x2.splat(sA * R6), 112);
  // A as four float32s, for cosRun32x4's one subtraction.
  v128.store(ANCHORS, f32x4.splat(<f32>anchorAt(j)), 128);
}

/** The anchor index of each of four float32 lanes a = |x| < NEAR. */
// @ts-ignore: decorator
@inline
export function anchorsOf(a: v128): v128 {
  return i32x4.trunc_sat_f32x4_s(f32x4.floor(f32x4.add(f32x4.mul(a, f32x4.splat(K)), f32x4.splat(0.5))));
}

/** Sets each pair's anchors from the four indices in j. */
// @ts-ignore: decorator
@inline
export function laneAnchors(j: v128): void {
  const j0 = i32x4.extract_lane(j, 0);
  const j1 = i32x4.extract_lane(j, 1);
  const j2 = i32x4.extract_lane(j, 2);
  const j3 = i32x4.extract_lane(j, 3);
  // [C, S] of lanes 0..3, one 16-byte load each.
  const e0 = v128.load(at(COS_NEAR + 2 * j0));
  const e1 = v128.load(at(COS_NEAR + 2 * j1));
  const e2 = v128.load(at(COS_NEAR + 2 * j2));
  const e3 = v128.load(at(COS_NEAR + 2 * j3));
  v128.store(ANCHORS, f64x2.replace_lane(f64x2.splat(anchorAt(j0)), 1, anchorAt(j1)));
  v128.store(ANCHORS, v128.shuffle<f64>(e0, e1, 0, 2), 16);
  v128.store(ANCHORS, v128.shuffle<f64>(e0, e1, 1, 3), 32);
  v128.store(ANCHORS, f64x2.replace_lane(f64x2.splat(anchorAt(j2)), 1, anchorAt(j3)), 48);
  v128.store(ANCHORS, v128.shuffle<f64>(e2, e3, 0, 2), 64);
  v128.store(ANCHORS, v128.shuffle<f64>(e2, e3, 1, 3), 80);
}

/** The quick step on two lanes, quick()'s operations: (C - d S) - d^2 (H - d S6). */
// @ts-ignore: decorator
@inline
export function quick2(d: v128, vC: v128, vS: v128, vH: v128, vS6: v128): v128 {
  return f64x2.sub(f64x2.sub(vC, f64x2.mul(d, vS)), f64x2.mul(f64x2.mul(d, d), f64x2.sub(vH, f64x2.mul(d, vS6))));
}

/** Sets the anchors of four float32 lanes a = |x| < NEAR: one load if they share it, else four. */
// @ts-ignore: decorator
@inline
export function setAnchors(a: v128): void {
  const j = anchorsOf(a);
  if (v128.any_true(i32x4.ne(j, i32x4.splat(i32x4.extract_lane(j, 0))))) laneAnchors(j);
  else sameAnchor(i32x4.extract_lane(j, 0));
}

/** The low 32 bits of four f64 lanes (y0's two, then y1's). */
// @ts-ignore: decorator
@inline
function lows(y0: v128, y1: v128): v128 {
  return v128.shuffle<i32>(y0, y1, 0, 2, 4, 6);
}

/** nearMidpoint on four lanes at once: true in a lane within w units of a midpoint. */
// @ts-ignore: decorator
@inline
function nearMidpoints(low: v128, w: i32): v128 {
  // < 2w + 1 rather than <= 2w: V8 lowers lt_s to one compare, le_s to a min and a compare.
  return i32x4.lt_s(v128.and(i32x4.add(low, i32x4.splat(w - (1 << 28))), i32x4.splat(LOW29)), i32x4.splat(2 * w + 1));
}

/** f32(cos x) in each of four float32 lanes with |x| < NEAR, at the anchors set; see lanesUndecided(). */
// @ts-ignore: decorator
@inline
export function cos32x4(x: v128): v128 {
  const a = f32x4.abs(x);
  const d0 = f64x2.sub(f64x2.promote_low_f32x4(a), v128.load(ANCHORS));
  const d1 = f64x2.sub(f64x2.promote_low_f32x4(v128.shuffle<f32>(a, a, 2, 3, 0, 1)), v128.load(ANCHORS, 48));
  const c0 = v128.load(ANCHORS, 16);
  const s0 = v128.load(ANCHORS, 32);
  const c1 = v128.load(ANCHORS, 64);
  const s1 = v128.load(ANCHORS, 80);
  const half = f64x2.splat(0.5);
  const r6 = f64x2.splat(R6);
  let y0 = quick2(d0, c0, s0, f64x2.mul(c0, half), f64x2.mul(s0, r6));
  let y1 = quick2(d1, c1, s1, f64x2.mul(c1, half), f64x2.mul(s1, r6));
  if (v128.any_true(nearMidpoints(lows(y0, y1), QUICK_WINDOW))) {
    y0 = accurate2(d0, c0, s0);
    y1 = accurate2(d1, c1, s1);
    undecidedLanes = v128.any_true(nearMidpoints(lows(y0, y1), WINDOW));
  }
  return v128.shuffle<f32>(f32x4.demote_f64x2_zero(y0), f32x4.demote_f64x2_zero(y1), 0, 1, 4, 5);
}

/**
 * cos32x4 for a run of groups with x >= 0 that share one anchor (set by sameAnchor), with the
 * anchor's constants read once a group: f32(cos x) in each of four float32 lanes, or
 * lanesUndecided() if a lane is undecided after the accurate step too.
 */
// @ts-ignore: decorator
@inline
export function cosRun32x4(x: v128): v128 {
  const vC = v128.load(ANCHORS, 16);
  const vS = v128.load(ANCHORS, 32);
  const vH = v128.load(ANCHORS, 96);
  const vS6 = v128.load(ANCHORS, 112);
  // x >= 0 in a run, so |x| is x; d = x - A is exact in float32 too (24 significant bits at most,
  // see the near path above), so one f32x4 subtraction gives the four.
  const d = f32x4.sub(x, v128.load(ANCHORS, 128));
  const d0 = f64x2.promote_low_f32x4(d);
  const d1 = f64x2.promote_low_f32x4(v128.shuffle<f32>(d, d, 2, 3, 0, 1));
  let y0 = quick2(d0, vC, vS, vH, vS6);
  let y1 = quick2(d1, vC, vS, vH, vS6);
  if (v128.any_true(nearMidpoints(lows(y0, y1), QUICK_WINDOW))) {
    y0 = accurate2(d0, vC, vS);
    y1 = accurate2(d1, vC, vS);
    undecidedLanes = v128.any_true(nearMidpoints(lows(y0, y1), WINDOW));
  }
  return v128.shuffle<f32>(f32x4.demote_f64x2_zero(y0), f32x4.demote_f64x2_zero(y1), 0, 1, 4, 5);
}

/** The accurate step on two lanes. Not inlined: it runs for 1 group in 128. */
function accurate2(d: v128, cA: v128, sA: v128): v128 {
  const z = f64x2.mul(d, d);
  const m = f64x2.mul(z, f64x2.add(f64x2.splat(C2), f64x2.mul(z, f64x2.splat(C4))));
  const t = f64x2.add(d, f64x2.mul(f64x2.mul(d, z), f64x2.add(f64x2.splat(S3), f64x2.mul(z, f64x2.splat(S5)))));
  return f64x2.add(cA, f64x2.sub(f64x2.mul(cA, m), f64x2.mul(sA, t)));
}

// ---------------------------------------------------------------------------------------------
// float64 on two lanes (the SIMD build), and a range's runs of one anchor.
//
// cos64x2: cos64's near path on f64x2 (the reduction beyond NEAR64 too), each lane's operations
// those of reduce, nearAt and nearStep in the same order, so each decided lane is cos64's bit for
// bit (test/numerics/cos.test.ts checks it). If a lane is undecided, lanesUndecided() says so and
// the caller redoes the two with cos64. The caller keeps lanes with |x| >= REACH or NaN away. Where
// a lane has |x| >= LIMIT, every lane of the body takes the far reduction (reduceFar's operations,
// valid for every k < 2^31, k = 0 included) and ABS_FAR in its rounding test: a decided lane is
// still cos64's, and a lane below LIMIT may be left undecided where cos64 would decide it.
// One pair's computation is a chain of dependent operations about 100 cycles long (the reduction,
// the anchor, the table's loads, the double-double step), which keeps the core mostly waiting:
// cos64x2x2 takes two pairs in one body, their chains side by side (1.31 times as fast on Hugging
// Face's cosine with 500 cycles, measured in one process, where no run holds).
//
// A range's arguments keep one anchor for thousands of elements; its kernel sets the anchor once
// (sameAnchor64) and takes its lanes with cosRun64x2 (cosRun64 in the scalar build). The run step
// is the near step rearranged for an anchor known beforehand (anchors 0..255 and 257..512: cos
// only, |C| >= 0.00614 > |S d|, so |cos x| >= 0.003), with the anchor's products precomputed:
//   d = x - B, d1 = d rounded to a multiple of 2^-35 ((d + 1.5 2^17) - 1.5 2^17: 27 bits at most),
//     d2 = d - d1 (exact, |d2| <= 2^-36);
//   h + e = Ph + Qh1 d1 (exact product; Fast2Sum, exact since |Ph| = |C| > |Qh1 d1|);
//   w = z ((H2 + d G3) + z ((H4 + d G5) + z (H6 + d G7))) for P (cos d - 1) + Qh (sin d - d), with
//     H2 = Ph C2 (C2 = -1/2: exact), H4 = Ph C4, H6 = Ph M6, G3 = Qh S3, G5 = Qh S5, G7 = Qh T7
//     rounded (the near step's coefficients);
//   l = e + ((Qh1 d2 + Qr d) + w), and cos x ~ h + l + Pl;
// decided when h + (l + LO) and h + (l + HI) are one double, LO = Pl - ERR and HI = Pl + ERR
// stored for the run (Pl joins the test's sums: a sum fewer a step), ERR = EPS_NEAR (|C| + DMAX
// |S|). Error budget of h + l + Pl, absolute, as the near step's: w's roundings (z, the products
// d G3, the sums into A0 and into z A1, the last product: about 4 units of 2^-53 on |P| z/2 <=
// 2^-17.69 |P|, and 2^-53 on the coefficient products H4, G3: 2^-70.7 |Q d|), Pl m and Ql (sin d -
// d) left out, truncation (2^-82 |P|, 2^-85.3 |Q d|), the sums after (2^-70.7 |P| + 2^-72.2 |Q d|
// each, three counted), Qh1 d2 rounded (2^-89 |Q|), the tables and l's last rounding on e
// (2^-105): below 2^-67.8 |P| + 2^-68.8 |Q d| + 2^-89 |Q|. ERR keeps a factor 14 over that (the
// test's own sums, l + LO and l + HI, round by 2^-53 of |l| + |Pl| + ERR, under 2^-70.6 |P|, and
// LO and HI were rounded by 2^-106 |P|: not 1% of ERR). Constant over the run, the window is
// wider than cos64's |h| EPS_NEAR where |cos x| < |C| (anchors near pi/2): there more lanes go
// back to cos64, whose window is relative.

/** Veltkamp's splitter, as exp2.ts' splitHigh (2^27 + 1: 26-bit halves). */
const VELTKAMP: f64 = 134217729.0;
/** d + RUN_SHIFT - RUN_SHIFT rounds |d| < 2^-8 to a multiple of 2^-35 (ulp of [2^17, 2^18)). */
const RUN_SHIFT: f64 = 196608.0; // 1.5 * 2^17
/** |d| for every argument of an anchor (see the near path). */
const DMAX: f64 = 0.003068;
/** The anchor whose cosine is nearly 0 (B_256 = Math.PI / 2): never a run's. */
export const ANCHOR_HALF_PI: i32 = 256;

/** 2^52: an integer n in [0, 2^52) added to it leaves n in the sum's low bits. */
const TWO_52: f64 = 4503599627370496.0;
/** The low bits that hold an anchor index (0 .. 512) in j + 2^52. */
const ANCHOR_BITS: i32 = 1023;

/** anchor64Of on two lanes, each index as a double (NaN for NaN). */
// @ts-ignore: decorator
@inline
export function anchors64Of(a: v128): v128 {
  return f64x2.floor(f64x2.add(f64x2.mul(a, f64x2.splat(K64)), f64x2.splat(0.5)));
}

/**
 * f64(cos x) in each of two lanes with |x| < REACH (each at its own anchor, reduced by pi/2 from
 * NEAR64 on), or lanesUndecided(). Not inlined: it is large, and the Wasm module has a size budget.
 */
export function cos64x2(x: v128): v128 {
  const a = f64x2.abs(x);
  const far = f64x2.ge(a, f64x2.splat(NEAR64));
  // Below NEAR64 (the direct path) a lane's k is 0, and r = a: rh = a, rl = 0 (which the reduction
  // would give too, but both lanes skip it then).
  let c: v128;
  if (!v128.any_true(far)) c = nearPair(a, f64x2.splat(0), a, f64x2.splat(0), ABS_R);
  else {
    const k = quadrants2(a, far);
    let rh: v128, rl: v128;
    let abs = ABS_R;
    if (!v128.any_true(f64x2.ge(a, f64x2.splat(LIMIT)))) {
      rh = reducedHigh(a, k);
      rl = reducedLow(a, k);
    } else {
      rh = reducedFar2(a, k);
      rl = v128.load(FAR_RL);
      abs = ABS_FAR;
    }
    c = nearPair(a, k, rh, rl, abs);
  }
  flagNaN(c);
  return c;
}

/** reducedFar2's rl. */
const FAR_RL: usize = memory.data(16, 16);

/** reduceFar on two lanes (k < 2^31 in each): rh, and rl stored at FAR_RL. Apart: seldom taken. */
function reducedFar2(a: v128, k: v128): v128 {
  const t = f64x2.sub(a, f64x2.mul(k, f64x2.splat(load<f64>(at(COS_FAR)))));
  const p2 = f64x2.mul(k, f64x2.splat(load<f64>(at(COS_FAR + 1))));
  const s1 = f64x2.sub(t, p2);
  const v1 = f64x2.sub(s1, t);
  const e1 = f64x2.sub(f64x2.sub(t, f64x2.sub(s1, v1)), f64x2.add(p2, v1));
  const p3 = f64x2.mul(k, f64x2.splat(load<f64>(at(COS_FAR + 2))));
  const s2 = f64x2.sub(s1, p3);
  const v2 = f64x2.sub(s2, s1);
  const e2 = f64x2.sub(f64x2.sub(s1, f64x2.sub(s2, v2)), f64x2.add(p3, v2));
  const p4 = f64x2.mul(k, f64x2.splat(load<f64>(at(COS_FAR + 3))));
  const s3 = f64x2.sub(s2, p4);
  const v3 = f64x2.sub(s3, s2);
  const e3 = f64x2.sub(f64x2.sub(s2, f64x2.sub(s3, v3)), f64x2.add(p4, v3));
  const low = f64x2.sub(f64x2.add(f64x2.add(e1, e2), e3), f64x2.mul(k, f64x2.splat(load<f64>(at(COS_FAR + 4)))));
  const rh = f64x2.add(s3, low);
  const w = f64x2.sub(rh, s3);
  v128.store(FAR_RL, f64x2.add(f64x2.sub(s3, f64x2.sub(rh, w)), f64x2.sub(low, w)));
  return rh;
}

/** The second pair's result of cos64x2x2. */
const PAIR2: usize = memory.data(16, 16);

/**
 * cos64x2 of two pairs in one body: each pair's computation is one long chain of dependent
 * operations (about 100 cycles), which one pair alone leaves mostly waiting; two side by side
 * share the wait. x0's cosines, and x1's in secondPair(); lanesUndecided() for either.
 */
export function cos64x2x2(x0: v128, x1: v128): v128 {
  const a0 = f64x2.abs(x0);
  const a1 = f64x2.abs(x1);
  const far0 = f64x2.ge(a0, f64x2.splat(NEAR64));
  const far1 = f64x2.ge(a1, f64x2.splat(NEAR64));
  const zero = f64x2.splat(0);
  let c0: v128;
  let c1: v128;
  if (!v128.any_true(v128.or(far0, far1))) {
    c0 = nearPair(a0, zero, a0, zero, ABS_R);
    c1 = nearPair(a1, zero, a1, zero, ABS_R);
  } else {
    // A direct lane's k is 0, and the reduction by 0 gives rh = a, rl = 0 exactly.
    const k0 = quadrants2(a0, far0);
    const k1 = quadrants2(a1, far1);
    let rh0: v128, rl0: v128, rh1: v128, rl1: v128;
    let abs = ABS_R;
    const limit = f64x2.splat(LIMIT);
    if (!v128.any_true(v128.or(f64x2.ge(a0, limit), f64x2.ge(a1, limit)))) {
      rh0 = reducedHigh(a0, k0);
      rl0 = reducedLow(a0, k0);
      rh1 = reducedHigh(a1, k1);
      rl1 = reducedLow(a1, k1);
    } else {
      rh0 = reducedFar2(a0, k0);
      rl0 = v128.load(FAR_RL);
      rh1 = reducedFar2(a1, k1);
      rl1 = v128.load(FAR_RL);
      abs = ABS_FAR;
    }
    c0 = nearPair(a0, k0, rh0, rl0, abs);
    c1 = nearPair(a1, k1, rh1, rl1, abs);
  }
  if (v128.any_true(v128.or(f64x2.ne(c0, c0), f64x2.ne(c1, c1)))) undecidedLanes = true;
  v128.store(PAIR2, c1);
  return c0;
}

/** cos64x2x2's second result. */
// @ts-ignore: decorator
@inline
export function secondPair(): v128 {
  return v128.load(PAIR2);
}

/** quadrant() on two lanes |x| = a, 0 where far is not set. */
// @ts-ignore: decorator
@inline
function quadrants2(a: v128, far: v128): v128 {
  return v128.and(f64x2.floor(f64x2.add(f64x2.mul(a, f64x2.splat(load<f64>(at(COS_TWO_OVER_PI)))), f64x2.splat(0.5))), far);
}

// reduce(a, k) on two lanes, as r = rh + rl: reducedHigh's rh and reducedLow's rl share their first
// steps, which V8 computes once (its value numbering merges equal pure expressions).

/** reduce's s2 and its rounding errors' sum `low`, as rh = s2 + low: s2 (low: see reducedLow). */
// @ts-ignore: decorator
@inline
function reducedS2(a: v128, k: v128): v128 {
  const t0 = f64x2.sub(a, f64x2.mul(k, f64x2.splat(load<f64>(at(COS_PIO2_1)))));
  const s1 = f64x2.sub(t0, f64x2.mul(k, f64x2.splat(load<f64>(at(COS_PIO2_2)))));
  return f64x2.sub(s1, f64x2.mul(k, f64x2.splat(load<f64>(at(COS_PIO2_3)))));
}

/** The two TwoSums' errors and k P4, summed. */
// @ts-ignore: decorator
@inline
function reducedLowSum(a: v128, k: v128): v128 {
  const t0 = f64x2.sub(a, f64x2.mul(k, f64x2.splat(load<f64>(at(COS_PIO2_1)))));
  const p2 = f64x2.mul(k, f64x2.splat(load<f64>(at(COS_PIO2_2))));
  const s1 = f64x2.sub(t0, p2);
  const v1 = f64x2.sub(s1, t0);
  const e1 = f64x2.sub(f64x2.sub(t0, f64x2.sub(s1, v1)), f64x2.add(p2, v1));
  const p3 = f64x2.mul(k, f64x2.splat(load<f64>(at(COS_PIO2_3))));
  const s2 = f64x2.sub(s1, p3);
  const v2 = f64x2.sub(s2, s1);
  const e2 = f64x2.sub(f64x2.sub(s1, f64x2.sub(s2, v2)), f64x2.add(p3, v2));
  return f64x2.sub(f64x2.add(e1, e2), f64x2.mul(k, f64x2.splat(load<f64>(at(COS_PIO2_4)))));
}

/** rh = s2 + low. */
// @ts-ignore: decorator
@inline
function reducedHigh(a: v128, k: v128): v128 {
  return f64x2.add(reducedS2(a, k), reducedLowSum(a, k));
}

/** rl = low - (rh - s2). */
// @ts-ignore: decorator
@inline
function reducedLow(a: v128, k: v128): v128 {
  const s2 = reducedS2(a, k);
  return f64x2.sub(reducedLowSum(a, k), f64x2.sub(reducedHigh(a, k), s2));
}

/** cos64x2 from the reduction: x = k pi/2 + rh + rl (k = 0, rh = |x|, rl = 0 for a direct lane). */
// @ts-ignore: decorator
@inline
function nearPair(a: v128, k: v128, rh: v128, rl: v128, abs: f64): v128 {
  const zero = f64x2.splat(0);
  // |r| = ar + dl: dl is rl with rh's sign (negation, as a sign flip).
  const below = f64x2.lt(rh, zero);
  const dl = v128.xor(rl, v128.and(below, f64x2.splat(-0.0)));
  const ar = f64x2.abs(rh);
  // Each lane's anchor, and (P, Q) from the table: (C, -S) for cos (k even), (S, C) for sin.
  const j = anchors64Of(ar);
  // k and j as integers without a conversion each: k + 2^52 and j + 2^52 hold them in their low
  // bits (0 <= k < 2^31, 0 <= j <= 513, both integers). q = k mod 4, per lane.
  const q = v128.and(f64x2.add(k, f64x2.splat(TWO_52)), i64x2.splat(3));
  const jb = f64x2.add(j, f64x2.splat(TWO_52));
  const odd0 = <i32>i64x2.extract_lane(q, 0) & 1;
  const odd1 = <i32>i64x2.extract_lane(q, 1) & 1;
  // Each anchor's row holds C (hi, lo) then S: P is the row's half `odd` (C, or S for sin), Q the
  // other half (S negated for cos, C for sin).
  const p0 = at(COS64_NEAR + COS64_NEAR_STRIDE * (<i32>i64x2.extract_lane(jb, 0) & ANCHOR_BITS));
  const p1 = at(COS64_NEAR + COS64_NEAR_STRIDE * (<i32>i64x2.extract_lane(jb, 1) & ANCHOR_BITS));
  const P0 = v128.load(p0 + (<usize>odd0 << 4));
  const P1 = v128.load(p1 + (<usize>odd1 << 4));
  const Q0 = v128.xor(v128.load(p0 + (<usize>(odd0 ^ 1) << 4)), i64x2.splat(<i64>(odd0 ^ 1) << 63));
  const Q1 = v128.xor(v128.load(p1 + (<usize>(odd1 ^ 1) << 4)), i64x2.splat(<i64>(odd1 ^ 1) << 63));
  const ph = v128.shuffle<f64>(P0, P1, 0, 2);
  const pl = v128.shuffle<f64>(P0, P1, 1, 3);
  const qh = v128.shuffle<f64>(Q0, Q1, 0, 2);
  const ql = v128.shuffle<f64>(Q0, Q1, 1, 3);
  const c = f64x2.mul(f64x2.splat(VELTKAMP), qh);
  const qh1 = f64x2.sub(c, f64x2.sub(c, qh));
  const qr = f64x2.add(f64x2.sub(qh, qh1), ql);
  const d = f64x2.sub(ar, f64x2.mul(j, f64x2.splat(STEP64)));
  // nearStep, reduced: for a direct lane dl = 0, and its term adds a zero, which changes neither
  // h + l's value nor the test below: the lane is the direct step's.
  const cd = f64x2.mul(f64x2.splat(VELTKAMP), d);
  const d1 = f64x2.sub(cd, f64x2.sub(cd, d));
  const d2 = f64x2.sub(d, d1);
  const p = f64x2.mul(qh1, d1);
  const h = f64x2.add(ph, p);
  const v = f64x2.sub(h, ph);
  const e = f64x2.add(f64x2.sub(ph, f64x2.sub(h, v)), f64x2.sub(p, v));
  const z = f64x2.mul(d, d);
  const m = f64x2.mul(z, f64x2.add(f64x2.splat(C2), f64x2.mul(z, f64x2.add(f64x2.splat(C4), f64x2.mul(z, f64x2.splat(M6))))));
  const u = f64x2.mul(f64x2.mul(d, z), f64x2.add(f64x2.splat(S3), f64x2.mul(z, f64x2.add(f64x2.splat(S5), f64x2.mul(z, f64x2.splat(T7))))));
  const t = f64x2.add(f64x2.mul(qh, u), f64x2.mul(dl, f64x2.sub(qh, f64x2.mul(ph, d))));
  const l = f64x2.add(e, f64x2.add(f64x2.add(f64x2.add(pl, f64x2.mul(ph, m)), f64x2.add(f64x2.mul(qh1, d2), f64x2.mul(qr, d))), t));
  // nearStep's test: relative window, plus the reduction's absolute term (ABS_R or ABS_FAR).
  const err = f64x2.add(f64x2.mul(f64x2.abs(h), f64x2.splat(EPS_NEAR)), f64x2.splat(abs));
  const lo = f64x2.add(h, f64x2.sub(l, err));
  // any_true of ne, not all_true of eq: V8 (Node 20) lowers i64x2.all_true slowly (measured: it
  // tripled a run loop's time).
  const undecided = f64x2.ne(lo, f64x2.add(h, f64x2.add(l, err)));
  // cos x is cos|r|, -sin r, -cos|r|, sin r for k = 0, 1, 2, 3 mod 4 (sin r: sin|r| with r's sign):
  // the sign flips where q is 1 or 2 (bit 1 of q + 1, shifted to the sign), and again where q is
  // odd and r < 0 (bit 0 of q, shifted there, and below's mask).
  const flip = v128.xor(i64x2.shl(i64x2.add(q, i64x2.splat(1)), 62), v128.and(i64x2.shl(q, 63), below));
  // An undecided lane is returned as NaN (all bits set), which no decided lane is: the caller sets
  // the flag, after both pairs in cos64x2x2, so that no store stands between them.
  return v128.or(v128.xor(lo, v128.and(flip, f64x2.splat(-0.0))), undecided);
}

/** Sets lanesUndecided() if a lane of c is NaN (nearPair's undecided lane). */
// @ts-ignore: decorator
@inline
function flagNaN(c: v128): void {
  if (v128.any_true(f64x2.ne(c, c))) undecidedLanes = true;
}

// The run's constants, in linear memory (v128 globals would not compile in the scalar build):
// B, Ph, LO, Qh1, Qr, H2, G3, H4, G5, H6, G7, HI; then the run found by runHolds64: its arguments
// [LO, HI], the shift M and the sign s (below).
const RUN64: usize = memory.data(128, 16);

/** Sets the run's anchor to B_j, j != ANCHOR_HALF_PI: the run step's constants. */
export function sameAnchor64(j: i32): void {
  const p = at(COS64_NEAR + COS64_NEAR_STRIDE * j);
  storeRun64(j, load<f64>(p), load<f64>(p, 8), -load<f64>(p, 16), -load<f64>(p, 24), 0.0);
}

/** The run's constants for anchor j with P = ph + pl and Q = qh + ql; `extra` widens ERR. */
// @ts-ignore: decorator
@inline
function storeRun64(j: i32, ph: f64, pl: f64, qh: f64, ql: f64, extra: f64): void {
  const qh1 = splitHigh(qh);
  const err = EPS_NEAR * (Math.abs(ph) + DMAX * Math.abs(qh)) + extra;
  store<f64>(RUN64, anchor64At(j));
  store<f64>(RUN64, ph, 8);
  store<f64>(RUN64, pl - err, 16);
  store<f64>(RUN64, qh1, 24);
  store<f64>(RUN64, (qh - qh1) + ql, 32);
  store<f64>(RUN64, ph * C2, 40);
  store<f64>(RUN64, qh * S3, 48);
  store<f64>(RUN64, ph * C4, 56);
  store<f64>(RUN64, qh * S5, 64);
  store<f64>(RUN64, ph * M6, 72);
  store<f64>(RUN64, qh * T7, 80);
  store<f64>(RUN64, pl + err, 88);
}

/**
 * The run step on two lanes x at the run's anchor B_j (sameAnchor64, or runHolds64's a), each x
 * with x - B_j exact and |x - B_j| <= DMAX (anchors64Of(x) = j gives both; so does a run's
 * [LO, HI]): f64(cos x) in each lane (cos(x + dl) for a run in a later period), or lanesUndecided().
 */
// @ts-ignore: decorator
@inline
export function cosRun64x2(x: v128): v128 {
  const ph = v128.load64_splat(RUN64, 8);
  const qh1 = v128.load64_splat(RUN64, 24);
  const d = f64x2.sub(x, v128.load64_splat(RUN64));
  const d1 = f64x2.sub(f64x2.add(d, f64x2.splat(RUN_SHIFT)), f64x2.splat(RUN_SHIFT));
  const d2 = f64x2.sub(d, d1);
  const p = f64x2.mul(qh1, d1);
  const h = f64x2.add(ph, p);
  const e = f64x2.sub(p, f64x2.sub(h, ph));
  const z = f64x2.mul(d, d);
  const a2 = f64x2.add(v128.load64_splat(RUN64, 72), f64x2.mul(d, v128.load64_splat(RUN64, 80)));
  const a1 = f64x2.add(v128.load64_splat(RUN64, 56), f64x2.mul(d, v128.load64_splat(RUN64, 64)));
  const a0 = f64x2.add(v128.load64_splat(RUN64, 40), f64x2.mul(d, v128.load64_splat(RUN64, 48)));
  const w = f64x2.mul(z, f64x2.add(a0, f64x2.mul(z, f64x2.add(a1, f64x2.mul(z, a2)))));
  const l = f64x2.add(e, f64x2.add(f64x2.add(f64x2.mul(qh1, d2), f64x2.mul(v128.load64_splat(RUN64, 32), d)), w));
  const lo = f64x2.add(h, f64x2.add(l, v128.load64_splat(RUN64, 16)));
  if (v128.any_true(f64x2.ne(lo, f64x2.add(h, f64x2.add(l, v128.load64_splat(RUN64, 88)))))) undecidedLanes = true;
  return lo;
}

/**
 * The run step for x at the run's anchor (the scalar build's cosRun64x2; x as there): f64(cos x),
 * or NaN if the step cannot decide it (the caller then takes cos64, which goes on to the general
 * path).
 */
// @ts-ignore: decorator
@inline
export function cosRun64(x: f64): f64 {
  const ph = load<f64>(RUN64, 8);
  const qh1 = load<f64>(RUN64, 24);
  const d = x - load<f64>(RUN64);
  const d1 = (d + RUN_SHIFT) - RUN_SHIFT;
  const d2 = d - d1;
  const p = qh1 * d1;
  const h = ph + p;
  const e = p - (h - ph);
  const z = d * d;
  const a2 = load<f64>(RUN64, 72) + d * load<f64>(RUN64, 80);
  const a1 = load<f64>(RUN64, 56) + d * load<f64>(RUN64, 64);
  const a0 = load<f64>(RUN64, 40) + d * load<f64>(RUN64, 48);
  const w = z * (a0 + z * (a1 + z * a2));
  const l = e + ((qh1 * d2 + load<f64>(RUN64, 32) * d) + w);
  const lo = h + (l + load<f64>(RUN64, 16));
  return lo == h + (l + load<f64>(RUN64, 88)) ? lo : NaN;
}

// ---------------------------------------------------------------------------------------------
// float64 runs in any period. PyTorch's CosineAnnealingLR takes cos(pi t / T_max) at every step,
// past T_max too, so its arguments grow past pi by pi / T_max a step, and for a large T_max
// thousands in a row lie within one anchor's reach of a point of period m (x within pi of 2 m pi).
// The run step takes a = s (x - M) there, M a double next to 2 m pi and s = +-1 fixed for the run
// (cos is even), with the anchor's constants those of B_j + dl, dl = -s mu, mu = 2 m pi - M, since
// cos x = cos(x - 2 m pi) = cos(a + dl):
//   m = floor(x INV_TWO_PI + 0.5) for the run's first x (0 <= x < LIMIT: m <= 166886, so 4m <
//     2^20 and M < 2^20), s = +1 if x >= M, else -1, j = anchor64Of(s (x - M)) (no run where j =
//     ANCHOR_HALF_PI); the run is the x with s (x - M) within RUN_HALF = pi/1024 of B_j, [LO, HI]
//     below, computed so that |s (x - M) - B_j| <= RUN_HALF + 2^-31 < DMAX for every x in it (two
//     roundings, each at most 2^-33 since every sum is below 2^21; DMAX - RUN_HALF = 2^-24.6). A
//     run may reach past LIMIT, to 2^20 + 0.004 at most: nothing below needs x < LIMIT, only m's;
//   M = fl(4m P1 + 4m P2) (layout.ts' pi/2 = P1 + P2 + P3 + P4; P1..P3 have at most 33
//     significant bits, so 4m Pi is exact for 4m < 2^20) and mu = ((4m P1 - M) + 4m P2) + (4m P3 +
//     4m P4): the first sum is the exact error of M's rounding (Fast2Sum), |mu| <= ulp(M)/2 +
//     2^-49.4 <= 2^-33.9, and mu is within 2^-86.5 of 2 m pi - M (its last sum's rounding, 2^-53
//     |mu|; 4m P3 + 4m P4's, 2^-98; 4m P4's and pi/2's tail beyond P4, below 2^-130);
//   x - M is exact for x in the run: for m >= 2, mpi = M/2 <= x <= 2M (x lies within pi + RUN_HALF
//     of M), Sterbenz; for m = 1, x >= pi - RUN_HALF > 2 and M is in [4, 8), so x - M is a multiple
//     of 2^-51 below 4 in magnitude; for m = 0, M = 0. And d = a - B_j is exact: for j >= 2 by
//     Sterbenz as before (|d| <= DMAX < B_j / 2); for j = 1, a may lie below B_1 / 2 when m >= 1,
//     but a is a multiple of 2^-51 (x - M is, x >= 2) and B_1 = pi/512 of 2^-60, so d is a multiple
//     of 2^-60 below 2^-8: 52 bits at most;
//   P' = cos(B_j + dl) = C cos dl - S sin dl and Q' = -sin(B_j + dl) = -S cos dl - C sin dl from
//     the table's double-doubles C and S, with cos dl = 1 - dl^2/2 and sin dl = dl - dl^3/6 (the
//     next terms below 2^-135): S dl and C dl exactly (Dekker's product), the heads C - S dl and
//     -S - C dl by TwoSum (exact), the rests (P': below 2^-52 |C| + 2^-66 |S|; Q': below 2^-52 |S|
//     + 2^-66 |C|) summed in doubles, four roundings of at most 2^-106 each: P' and Q' within
//     2^-103 (absolute) of cos(B_j + dl) and -sin(B_j + dl);
//   the run step then computes cos(B_j + dl + d), d = a - B_j, |d| < DMAX, with P', Q' for P, Q:
//     its budget above holds (the tables' 2^-105 |C| becomes 2^-103 absolute, nothing next to
//     2^-67.8 |P| with |P| >= 0.006, and |P'| is |C| within 2^-33.9), and mu's error moves cos x by
//     under 2^-86.5, which ERR covers with SHIFT_ERR = 2^-80 more (|cos x| >= 0.003 at every anchor
//     of a run: under 2^-71.6 relative, next to the window's 2^-64).
// For m = 0 (M = 0, mu = dl = 0) the constants are sameAnchor64's (a zero's sign aside, at B_0),
// and ERR is too.
// The scalar build's cosRun64 takes a as cosRun64x2 does. JS twin: cos.twin.ts' runHolds64.

/** 1 / (2 pi), rounded. */
const INV_TWO_PI: f64 = 0.15915494309189535;
/** mu's error bound 2^-86.5, with a factor 90. */
const SHIFT_ERR: f64 = 8.271806125530277e-25; // 2^-80
/** Half an anchor's reach: pi/1024 (STEP64 / 2, exact). */
const RUN_HALF: f64 = STEP64 * 0.5;
/**
 * Beyond this distance two arguments share no run: a run [LO, HI] is 2 RUN_HALF = STEP64 wide but
 * for two roundings of at most 2^-33 each, and its first argument x0 lies within it but for as
 * much (a = s (x0 - M) is exact, and B_j is the anchor nearest to a, to within far less than
 * 2^-40), so |x1 - x0| <= STEP64 + 2^-31 for every pair runHolds64 holds. STEP64 (1 + 2^-13) is
 * 2^-20.4 wider than that.
 */
const RUN_REACH: f64 = STEP64 * (1.0 + 1.0 / 8192.0);

/**
 * Whether x1 is in x0's run (x0 in [0, LIMIT), its anchor not ANCHOR_HALF_PI); if so, holds that
 * run: the run step's constants, and runLo64() <= x <= runHi64() are the arguments that take it,
 * as cosRun64x2(s (x - M)) with M = runShift64() and s = runSign64().
 */
export function runHolds64(x0: f64, x1: f64): bool {
  if (!(x0 >= 0 && x0 < LIMIT)) return false;
  // x1 farther from x0 than a run is wide is in no run of x0's (below): returns false without the
  // reduction, where arguments step past anchors (a short period).
  if (!(Math.abs(x1 - x0) <= RUN_REACH)) return false;
  const m = Math.floor(x0 * INV_TWO_PI + 0.5);
  const k = 4.0 * m;
  const p1 = k * load<f64>(at(COS_PIO2_1));
  const p2 = k * load<f64>(at(COS_PIO2_2));
  const big = p1 + p2;
  const s: f64 = x0 >= big ? 1.0 : -1.0;
  const j = anchor64Of(s * (x0 - big));
  if (j == ANCHOR_HALF_PI) return false;
  const b = anchor64At(j);
  const lo = s > 0 ? big + (b - RUN_HALF) : big - (b + RUN_HALF);
  const hi = s > 0 ? big + (b + RUN_HALF) : big - (b - RUN_HALF);
  if (!(x1 >= lo && x1 <= hi)) return false;
  const mu = ((p1 - big) + p2) + (k * load<f64>(at(COS_PIO2_3)) + k * load<f64>(at(COS_PIO2_4)));
  const dl = -s * mu;
  const p = at(COS64_NEAR + COS64_NEAR_STRIDE * j);
  const ch = load<f64>(p);
  const cl = load<f64>(p, 8);
  const sh = load<f64>(p, 16);
  const sl = load<f64>(p, 24);
  const half = (dl * dl) * 0.5;
  const sixth = (dl * dl) * (dl * R6);
  // P' = C - S dl - C dl^2/2 + S dl^3/6: TwoSum of C's head and -S dl's, then the rest.
  const sp = sh * dl;
  const pa = ch - sp;
  const pv = pa - ch;
  const plow = ((ch - (pa - pv)) + (-sp - pv)) + (((cl - twoProductError(sh, dl, sp)) - sl * dl) - (ch * half - sh * sixth));
  const ph = pa + plow;
  // Q' = -S - C dl + S dl^2/2 + C dl^3/6, likewise.
  const cp = ch * dl;
  const qa = -sh - cp;
  const qv = qa + sh;
  const qlow = ((-sh - (qa - qv)) + (-cp - qv)) + (((-sl - twoProductError(ch, dl, cp)) - cl * dl) + (sh * half + ch * sixth));
  const qh = qa + qlow;
  storeRun64(j, ph, plow - (ph - pa), qh, qlow - (qh - qa), m > 0 ? SHIFT_ERR : 0.0);
  store<f64>(RUN64, lo, 96);
  store<f64>(RUN64, hi, 104);
  store<f64>(RUN64, big, 112);
  store<f64>(RUN64, s, 120);
  return true;
}

/** The held run's arguments [runLo64(), runHi64()], its shift M and its sign s (runHolds64). */
// @ts-ignore: decorator
@inline
export function runLo64(): f64 {
  return load<f64>(RUN64, 96);
}
// @ts-ignore: decorator
@inline
export function runHi64(): f64 {
  return load<f64>(RUN64, 104);
}
// @ts-ignore: decorator
@inline
export function runShift64(): f64 {
  return load<f64>(RUN64, 112);
}
// @ts-ignore: decorator
@inline
export function runSign64(): f64 {
  return load<f64>(RUN64, 120);
}
