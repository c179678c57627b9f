// x^y for two values of the dtype (the base varies per element: PolynomialDecay's pow(1 - p, power),
// PyTorch's and Hugging Face's polynomial decays), correctly rounded or not at all.
//
// JS twin: pow.twin.ts, the same functions with the same operations in the same order.
//
// powv64 and powv32 return the correctly rounded IEEE pow(x, y), or undecided() (undecided.ts); the
// caller then asks src/exact/pow.ts's powSignedCorrectlyRounded, whose BigInt Ziv loop decides and
// which also settles the exact and midpoint powers ((1 + 2^-12)^2 in float32, 0.25^0.5) that no
// approximation could. powv32x4 and powv64x2 are the same functions on four float32 and two float64
// lanes (the SIMD build), bit for bit: a lane they cannot answer sends its whole group back to the
// scalar ones. Only IEEE-exact operations, no fused multiply-add (docs/NUMERICS.md).
//
// float32, |x|^y = 2^(y log2 |x|). log2 |x| for a float32 |x| as l + le within 2^-59 relative (below),
// then exp2.ts's pow32, which takes log2 split as lh (29 significant bits, so that y lh is exact) and
// ll. pow32's y is within 2^-51 of 2^(y (lh + ll)) (exp2.ts); an error d in log2 |x| moves t = y log2|x|
// by |t| d and the result by ln 2 |t| d <= 2^-51.8 for |t| <= 200 (pow32 pins t beyond). Together
// below 2^-50.4 (measured: 2^-51.6), inside pow32's rounding test EPS_Y = 2^-48 with a factor 4.
//
// float64, |x|^y = e^(y ln |x|). ln |x| as lh + ll within 2^-75 relative (below), t = y ln|x| as th +
// tl by Dekker's product, then e^t = 2^(k/256) e^f with f = t - k ln2/256 (|f| <= ln2/512) from the
// table 2^(j/256) and a polynomial, as a double-double z within 2^-78 of e^t (below). An error d in
// ln |x| moves the result by |t| d; the reduction adds |t| 2^-85.9. The rounding test's width is that
// bound computed per element, W = 2^-76 + |th| 2^-73, each term a factor 4 over its bound (measured:
// the error of z is at most W / 39). Measured undecided: none of 200,000 random bases in (0, 2) with
// exponents in [0, 12], 3 of 600,006 on PolynomialDecay's grid, and 1 in 860 where |t| is 300 to 700.
//
// The reduction both share (log.ts's table): x = 2^e m, m in [1, 2); k = round(128 (m - 1)) from the
// top fraction bits; for k >= LOG_HALF_FROM, m' = m/2 and e' = e + 1, else m' = m, e' = e. r_k ~ 1/m'
// is a multiple of 2^-20 with 21 significant bits, so u = m' r_k - 1 is exact (float32: m' has 24
// bits, so m' r_k is exact; float64: m' split into 26-bit halves, and u = uh + ul exactly), and
// |u| <= 2^-8 (1 + 2^-11). log x = e' log 2 - log r_k + log(1 + u), with -log r_k from the table as
// a double-double (2^-106).
//
// The sign: x < 0 with an odd integer y negates |x|^y (exactly); with a non-integer y it is NaN.
//
// Special cases, IEEE 754 / C99 Annex F.9.4.4: pow(x, +-0) = 1 and pow(1, y) = 1 for every x and y,
// NaN included; pow(-1, +-Infinity) = 1; otherwise NaN in gives NaN; pow(+-0, y) = +-0 (y > 0) or
// +-Infinity (y < 0), the sign kept only for odd integer y; pow(x, -Infinity) = +Infinity for
// |x| < 1, +0 for |x| > 1, and pow(x, +Infinity) the other way round; pow(-Infinity, y) =
// pow(-0, -y); pow(+Infinity, y) = +Infinity (y > 0) or +0 (y < 0).

import { at } from "./constants";
import { EPS_Y, pow32, pow32yv, scale, scale2, splitHigh, twoProductError, twoProductError2, twoProductErrorSplit } from "./exp2";
import {
  EXP2_TABLE, LOG_HALF_FROM, LOG_LN2H, LOG_LN2L, LOG_TABLE, LOG_TABLE_STRIDE, POW_INV_LN2_256, POW_L2_C1H, POW_L2_C1L,
  POW_L2_C2, POW_LN2_256H, POW_LN2_256L,
} from "./layout";
import { undecided } from "./undecided";

// Veltkamp's splitter for a 29-bit head: 2^24 + 1.
const SPLIT29: f64 = 16777217.0;
// Veltkamp's splitter for a 13-bit head, 2^40 + 1: the head's cube (39 bits) times K3 (13 bits) is exact.
const SPLIT13: f64 = 1099511627777.0;
// 2^53: every double at least this large is an even integer.
const TWO53: f64 = 9007199254740992.0;
// 2^64, which brings a subnormal into the normal range exactly.
const TWO64: f64 = 18446744073709551616.0;

// ln(1 + u) = u - u^2/2 + u^3/3 - u^4 (1/4 - u/5 + ... + u^6/10) + (truncation below 2^-83.5 |u|).
// 1/3 = K3 + K3B with K3 = 5461 / 2^14 (13 bits, so that H^3 K3 is exact for a 13-bit H) and K3B =
// 1/49152, rounded. The others are 1/n, rounded (one IEEE division each).
const K3: f64 = 5461.0 / 16384.0;
const K3B: f64 = 1.0 / 49152.0;
const THIRD: f64 = 1.0 / 3.0;
const LN4: f64 = -0.25;
const LN5: f64 = 1.0 / 5.0;
const LN6: f64 = -1.0 / 6.0;
const LN7: f64 = 1.0 / 7.0;
const LN8: f64 = -0.125;
const LN9: f64 = 1.0 / 9.0;
const LN10: f64 = -1.0 / 10.0;
// e^f = 1 + f + f^2/2 + f^3 (1/6 + f/24 + f^2/120 + f^3/720 + f^4/5040): truncation below 2^-91.5
// for |f| <= ln 2 / 512. 1/n!, rounded (one IEEE division each).
const EX3: f64 = 1.0 / 6.0;
const EX4: f64 = 1.0 / 24.0;
const EX5: f64 = 1.0 / 120.0;
const EX6: f64 = 1.0 / 720.0;
const EX7: f64 = 1.0 / 5040.0;
// |t| = |y ln x| beyond this gives 0 or Infinity in float64 whatever its last digits (e^746 > 2^1076).
const T64_LIMIT: f64 = 746.0;
// The rounding test's width, relative: W = EPS_BASE + |th| EPS_SLOPE (the bounds above, times 4).
const EPS_BASE: f64 = 1.3234889800848443e-23; // 2^-76
const EPS_SLOPE: f64 = 1.0587911840678754e-22; // 2^-73

/** Whether y is an odd integer (then a negative base keeps its sign). */
// @ts-ignore: decorator
@inline
function isOddInteger(y: f64): bool {
  const h = y * 0.5;
  return Math.abs(y) < TWO53 && Math.floor(y) == y && Math.floor(h) != h;
}

// Set by specialPow: the sign of the result (true: negative), and whether it already answered.
let negative: bool = false;
let answered: bool = false;

/**
 * Every case but finite |x| not in {0, 1} with finite y != 0: sets answered and returns the
 * result; otherwise sets negative and returns |x|.
 */
// @ts-ignore: decorator
@inline
function specialPow(x: f64, y: f64): f64 {
  answered = true;
  if (y == 0.0 || x == 1.0) return 1.0;
  if (x != x || y != y) return x + y; // NaN
  negative = false;
  // x < 0, or x = -0 (1 / -0 = -Infinity).
  if (x < 0.0 || (x == 0.0 && 1.0 / x < 0.0)) {
    if (Math.abs(y) < Infinity && Math.floor(y) != y) {
      if (x != -Infinity && x != 0.0) return NaN; // a negative finite base, a non-integer exponent
    } else {
      negative = isOddInteger(y);
    }
  }
  const ax = Math.abs(x);
  if (y == Infinity) return ax < 1.0 ? 0.0 : ax == 1.0 ? 1.0 : Infinity;
  if (y == -Infinity) return ax < 1.0 ? Infinity : ax == 1.0 ? 1.0 : 0.0;
  if (ax == 0.0) return negative ? (y > 0.0 ? -0.0 : -Infinity) : y > 0.0 ? 0.0 : Infinity;
  if (ax == Infinity) return negative ? (y > 0.0 ? -Infinity : -0.0) : y > 0.0 ? Infinity : 0.0;
  if (ax == 1.0) return negative ? -1.0 : 1.0; // x = -1, an integer y
  answered = false;
  return ax;
}

// ---------------------------------------------------------------------------------------------
// float32: log2 x for a float32 x > 0 (finite) as lh + ll, lh with 29 significant bits.
//
//   A = e' + Th (Fast2Sum: |e'| >= 1 > |Th|, or e' = 0), exactly A + eA;
//   B = C1H u, exact: u is a multiple of 2^-44 below 2^-7.99 (37 bits), C1H has 16;
//   S = A + B (Fast2Sum: |A| >= |B| or A = 0, checked for every k in test/numerics/pow.test.ts),
//     exactly S + eS;
//   c = u^2 Q(u) + C1L u + Tl + eA + eS in doubles, relative to |u|: u^2 Q's roundings (and Q's
//     rounded coefficients) 2^-59.5, the sum's 2^-59.8, Q's truncation (the series stops at u^8)
//     2^-66.5, C1L's rounding 2^-69; Tl (the table's -log2 r_k within 2^-106) and eA, eS are exact;
//   l + le = S + c (Fast2Sum).
// So l + le is within 2^-58.6 |u| of log2 x; and |log2 x| >= 1.438 |u| where e' = 0 (the least
// ratio, at an edge of entry 127; checked in the tests), >= 1/2 elsewhere: within 2^-59 |log2 x|.
// lh = l cut to 29 bits (Veltkamp), ll = (l - lh) + le, off by 2^-82 |l|.

/**
 * |x|^y rounded to float32, or undecided(), for a float32 x > 0, finite, and a finite float32 y (x
 * = 1 and y = 0 need no case of their own: log2 1 is exactly 0, and so is t). `probe`, for the
 * tests only (0 elsewhere), receives lh and ll.
 */
function powPositive32(x: f64, y: f64, probe: usize): f64 {
  let bits = reinterpret<u32>(<f32>x);
  let e: i32 = <i32>(bits >> 23) - 127;
  if (e == -127) {
    // Subnormal: 2^64 x is a normal float32, exactly.
    bits = reinterpret<u32>(<f32>(x * TWO64));
    e = <i32>(bits >> 23) - 127 - 64;
  }
  const k: i32 = <i32>(((bits & 0x7fffff) + 0x8000) >> 16);
  let top: u32 = 0x3f800000;
  if (k >= LOG_HALF_FROM) {
    top = 0x3f000000; // m / 2
    e += 1;
  }
  const m = <f64>reinterpret<f32>((bits & 0x7fffff) | top);
  const entry = at(LOG_TABLE) + ((<usize>(k * LOG_TABLE_STRIDE)) << 3);
  const u = m * load<f64>(entry) - 1.0;
  const th = load<f64>(entry, 8);
  const ce = <f64>e;
  const a = ce + th;
  const ea = th - (a - ce);
  const b = load<f64>(at(POW_L2_C1H)) * u;
  const s = a + b;
  const es = b - (s - a);
  const c = at(POW_L2_C2);
  const q =
    load<f64>(c) +
    u *
      (load<f64>(c, 8) +
        u * (load<f64>(c, 16) + u * (load<f64>(c, 24) + u * (load<f64>(c, 32) + u * (load<f64>(c, 40) + u * load<f64>(c, 48))))));
  const small = (((u * u) * q + load<f64>(at(POW_L2_C1L)) * u) + load<f64>(entry, 16)) + (ea + es);
  const l = s + small;
  const le = small - (l - s);
  const cut = SPLIT29 * l;
  const lh = cut - (cut - l);
  const ll = (l - lh) + le;
  if (probe) {
    store<f64>(probe, lh);
    store<f64>(probe, ll, 8);
  }
  return pow32(y, lh, ll);
}

/** pow(x, y) rounded to float32 (x, y float32 values), or undecided(). */
export function powv32(x: f64, y: f64): f64 {
  // The common case first, without specialPow's tests.
  if (x > 0.0 && x < Infinity && y - y == 0.0) return powPositive32(x, y, 0);
  const ax = specialPow(x, y);
  if (answered) return ax;
  const v = powPositive32(ax, y, 0);
  return negative ? -v : v;
}

// ---------------------------------------------------------------------------------------------
// float64: ln x for a finite x > 0 as a double-double lnH + lnL.
//
// u = uh + ul exactly: m' = mh + ml (Veltkamp, 26-bit halves), a = mh r - 1 and b = ml r exact
// (Sterbenz for a), and uh + ul = a + b by Fast2Sum, exact even where |a| < |b| (then a + b is a
// multiple of 2^-73 below 2^-26, so uh = a + b exactly and ul = 0).
// ln(1 + u) = ln(1 + uh) + ul / (1 + uh) (the dropped (ul/(1 + uh))^2 / 2 is below 2^-106 |u|).
// ln(1 + uh) with uh = H + L, H its 13-bit head (Veltkamp by 2^40 + 1), L at most 39 bits and
// |L| <= 2^-13 |uh|; the bounds below are relative to |uh| <= 2^-7.99:
//   uh - H^2/2 + K3 H^3 - H L            exact terms (26, 52 and 52 bits), summed by three Fast2Sums
//                                        in falling magnitude;
//   + H^3 K3B + L (uh^2 + uh H + H^2)/3  the rest of uh^3/3, below 2^-29: roundings 2^-79.4;
//   - L^2/2 + uh^4 P(uh)                 P = -1/4 + uh/5 - ... - uh^6/10, below 2^-26: its and uh^4's
//                                        roundings 2^-77, the series' truncation 2^-83.5;
// and the small terms summed in doubles (below 2^-25.9: roundings 2^-77.3). So ln(1 + u) is within
// 2^-75.9 |u|.
// ln x = e' LN2H (exact: 42-bit LN2H, |e'| <= 1075) + TLh + ln(1 + u) + (TLl + e' LN2L): two
// Fast2Sums (|e' ln 2| >= 0.69 > |TLh| or e' = 0; |TLh| >= |ln(1 + u)| or TLh = 0, checked for
// every k in the tests) and a final one; the rest's roundings and LN2L's own error are below 2^-84
// absolute. Where e' != 0, |ln x| >= 0.34; where e' = 0, |ln x| >= 0.997 |u| (the least ratio, at
// an edge of entry 127; checked in the tests) and >= 2^-9 unless k is 0 or 128, where the table's
// terms are 0. So lnH + lnL is within 2^-75 |ln x|.
//
// e^t for t = th + tl, |th| <= 746: k = round(th 256/ln 2), |k| < 2^18.1; fh = th - k H is exact:
// k H is (H has 34 bits), and both th and k H are multiples of 2^-62 wherever k != 0 (|th| >= 2^-10),
// with |fh| < 2^-9.5, so fh fits in 53 bits. fl = tl - k L (below |t| 2^-34.4; its roundings and L's
// error below |t| 2^-85.9 + 2^-94), then f + g = fh + fl by TwoSum. e^f = 1 + S: f = F + G with F
// its 13-bit head: f + F^2/2 by Fast2Sum (exact), F G (exact) + G^2/2 + f^3 E(f) + g (1 + f) in
// doubles (below 2^-30.6: roundings 2^-80.9; E's truncation 2^-91.5). z = T (1 + S), T =
// 2^(j/256) as hi + lo (2^-106): T's head times S's head exactly (Dekker), the rest below 2^-29.5
// (roundings 2^-80.9). So z is within 2^-79.2 of e^t (bound taken: 2^-78).

/**
 * |x|^y rounded to float64, or undecided(), for a finite x > 0 and a finite y (x = 1 and y = 0
 * need no case of their own: ln 1 is exactly 0, and so is t). `probe`, for the tests only (0
 * elsewhere), receives ln x as lnH, lnL, and where the exponential is reached, z = h + zl.
 */
function powPositive64(x: f64, y: f64, probe: usize): f64 {
  // ln x as lnH + lnL.
  let bits = reinterpret<u64>(x);
  let e: i32 = <i32>(bits >> 52) - 1023;
  if (e == -1023) {
    bits = reinterpret<u64>(x * TWO64);
    e = <i32>(bits >> 52) - 1023 - 64;
  }
  const k: i32 = <i32>((((<u32>(bits >> 32)) & 0xfffff) + 0x1000) >> 13);
  let m = reinterpret<f64>((bits & 0x000fffffffffffff) | 0x3ff0000000000000);
  if (k >= LOG_HALF_FROM) {
    m *= 0.5;
    e += 1;
  }
  const entry = at(LOG_TABLE) + ((<usize>(k * LOG_TABLE_STRIDE)) << 3);
  const r = load<f64>(entry);
  const mh = splitHigh(m);
  const a = mh * r - 1.0;
  const b = (m - mh) * r;
  const uh = a + b;
  const ul = b - (uh - a);
  // ln(1 + uh): the exact terms.
  let cut = SPLIT13 * uh;
  const hh = cut - (cut - uh);
  const hl = uh - hh;
  const h2 = hh * hh;
  const h3 = h2 * hh;
  const q2 = -0.5 * h2;
  const c3 = h3 * K3;
  const hx = -(hh * hl);
  let s = uh + q2;
  let lo = q2 - (s - uh);
  const s2 = s + c3;
  lo += c3 - (s2 - s);
  s = s2 + hx;
  lo += hx - (s - s2);
  // The small terms.
  const sq = uh * uh;
  const p = LN4 + uh * (LN5 + uh * (LN6 + uh * (LN7 + uh * (LN8 + uh * (LN9 + uh * LN10)))));
  const rest3 = h3 * K3B + hl * (((sq + uh * hh) + h2) * THIRD);
  lo += ((rest3 - 0.5 * (hl * hl)) + (sq * sq) * p) + ul / (1.0 + uh);
  // ln x = e' ln 2 - ln r + ln(1 + u).
  const ce = <f64>e;
  const c1 = ce * load<f64>(at(LOG_LN2H));
  const tlh = load<f64>(entry, 24);
  const p1 = c1 + tlh;
  const f1 = tlh - (p1 - c1);
  const p2 = p1 + s;
  const f2 = s - (p2 - p1);
  const rest = ((f1 + f2) + lo) + (load<f64>(entry, 32) + ce * load<f64>(at(LOG_LN2L)));
  const lnH = p2 + rest;
  const lnL = rest - (lnH - p2);
  if (probe) {
    store<f64>(probe, lnH);
    store<f64>(probe, lnL, 8);
  }
  // t = y ln x, by Dekker's product.
  const th = y * lnH;
  if (!(Math.abs(th) <= T64_LIMIT)) return th > 0.0 ? Infinity : 0.0;
  const yh = splitHigh(y);
  const lh = splitHigh(lnH);
  const tl = twoProductErrorSplit(yh, y - yh, lh, lnH - lh, th) + y * lnL;
  // e^t: the reduction, then e^f.
  const kf = Math.floor(th * load<f64>(at(POW_INV_LN2_256)) + 0.5);
  const fh = th - kf * load<f64>(at(POW_LN2_256H));
  const fl = tl - kf * load<f64>(at(POW_LN2_256L));
  // TwoSum: either may be the larger.
  const f = fh + fl;
  const bf = f - fh;
  const g = (fh - (f - bf)) + (fl - bf);
  cut = SPLIT13 * f;
  const ff = cut - (cut - f);
  const fg = f - ff;
  const e2 = 0.5 * (ff * ff);
  const es = f + e2;
  const ff2 = f * f;
  const sl =
    (e2 - (es - f)) +
    (((ff * fg + 0.5 * (fg * fg)) + (ff2 * f) * (EX3 + f * (EX4 + f * (EX5 + f * (EX6 + f * EX7))))) + g * (1.0 + f));
  const ki = <i32>kf;
  const z = at(EXP2_TABLE) + ((<usize>(ki & 255)) << 4);
  const tabh = load<f64>(z);
  const tabl = load<f64>(z, 8);
  const mm = tabh * es;
  const me = twoProductError(tabh, es, mm);
  const h = tabh + mm;
  const zl = (((mm - (h - tabh)) + me) + tabl) + (tabh * sl + tabl * es);
  if (probe) {
    store<f64>(probe, h, 16);
    store<f64>(probe, zl, 24);
  }
  return round64w(h, zl, ki >> 8, EPS_BASE + Math.abs(th) * EPS_SLOPE);
}

/** f64(2^n (h + l)) for h + l in [2^(-1/512), 2) within w relative, or undecided(). */
// @ts-ignore: decorator
@inline
function round64w(h: f64, l: f64, n: i32, w: f64): f64 {
  if (n > 1024) return Infinity;
  if (n < -1076) return 0.0;
  // Rounding 2^n z equals 2^n times rounding z only while 2^n z is normal (z >= 2^(-1/512)).
  if (n < -1021) return undecided();
  // |h + l| < 2, so 2 w bounds the absolute error.
  const eps = w + w;
  const lo = h + (l - eps);
  const hi = h + (l + eps);
  if (lo != hi) return undecided();
  // Multiplying by 2^n is exact, or overflows exactly when the rounded value does (exp2.ts' round64).
  return n == 1024 ? (lo * 2.0) * scale(1023) : lo * scale(n);
}

/** pow(x, y) rounded to float64, or undecided(). */
export function powv64(x: f64, y: f64): f64 {
  if (x > 0.0 && x < Infinity && y - y == 0.0) return powPositive64(x, y, 0);
  const ax = specialPow(x, y);
  if (answered) return ax;
  const v = powPositive64(ax, y, 0);
  return negative ? -v : v;
}

// ---------------------------------------------------------------------------------------------
// Lanes (the SIMD build): powv32x4 on four float32 lanes (two f64x2 halves), powv64x2 on two float64
// lanes, each lane the same operations in the same order as powv32 and powv64, so the same bits.
// They take the common case only: every lane a normal positive finite x, a finite y. Otherwise, or
// when a lane's rounding test fails (or its float64 t is beyond T64_LIMIT, or its result is not a
// normal double), they return undecided() and the caller redoes the whole group with the scalar
// functions, which answer the rest. Lane tests use bitmask: V8 lowers all_true into a slow sequence
// (exp2.ts). The tables are read lane by lane (Wasm has no gather), two neighbouring slots of an
// entry in one v128.load per lane and a shuffle that pairs the lanes.

const MIN_NORMAL32: f32 = 1.1754943508222875e-38; // 2^-126
const MIN_NORMAL64: f64 = 2.2250738585072014e-308; // 2^-1022
const FRAC64: i64 = 0x000fffffffffffff;
const ONE_BITS64: i64 = 0x3ff0000000000000;
// 2^52 as a double: its bits or'ed with an integer n < 2^52 are the double 2^52 + n.
const MAGIC_BITS: i64 = 0x4330000000000000;
const MAGIC: f64 = 4503599627370496.0;

/** Lanes [a[i], b[i]] of two f64x2 pairs. */
// @ts-ignore: decorator
@inline
function pairLanes(a: v128, b: v128, i: i32): v128 {
  return i == 0 ? v128.shuffle<f64>(a, b, 0, 2) : v128.shuffle<f64>(a, b, 1, 3);
}

/**
 * 2^(y log2 x) for two lanes of powv32x4 (m' promoted, e' converted, k0 and k1 the table entries),
 * within 2^-50.3 relative (pow32y's y, before the rounding test).
 */
// @ts-ignore: decorator
@inline
function pairY32(m: v128, e: v128, k0: i32, k1: i32, vy: v128): v128 {
  const p0 = at(LOG_TABLE) + ((<usize>(k0 * LOG_TABLE_STRIDE)) << 3);
  const p1 = at(LOG_TABLE) + ((<usize>(k1 * LOG_TABLE_STRIDE)) << 3);
  const a0 = v128.load(p0);
  const a1 = v128.load(p1);
  const u = f64x2.sub(f64x2.mul(m, pairLanes(a0, a1, 0)), f64x2.splat(1.0));
  const th = pairLanes(a0, a1, 1);
  const a = f64x2.add(e, th);
  const ea = f64x2.sub(th, f64x2.sub(a, e));
  const b = f64x2.mul(f64x2.splat(load<f64>(at(POW_L2_C1H))), u);
  const s = f64x2.add(a, b);
  const es = f64x2.sub(b, f64x2.sub(s, a));
  const c = at(POW_L2_C2);
  let q = f64x2.add(f64x2.splat(load<f64>(c, 40)), f64x2.mul(u, f64x2.splat(load<f64>(c, 48))));
  q = f64x2.add(f64x2.splat(load<f64>(c, 32)), f64x2.mul(u, q));
  q = f64x2.add(f64x2.splat(load<f64>(c, 24)), f64x2.mul(u, q));
  q = f64x2.add(f64x2.splat(load<f64>(c, 16)), f64x2.mul(u, q));
  q = f64x2.add(f64x2.splat(load<f64>(c, 8)), f64x2.mul(u, q));
  q = f64x2.add(f64x2.splat(load<f64>(c)), f64x2.mul(u, q));
  const tl = f64x2.replace_lane(f64x2.splat(load<f64>(p0, 16)), 1, load<f64>(p1, 16));
  const small = f64x2.add(
    f64x2.add(f64x2.add(f64x2.mul(f64x2.mul(u, u), q), f64x2.mul(f64x2.splat(load<f64>(at(POW_L2_C1L))), u)), tl),
    f64x2.add(ea, es),
  );
  const l = f64x2.add(s, small);
  const le = f64x2.sub(small, f64x2.sub(l, s));
  const cut = f64x2.mul(f64x2.splat(SPLIT29), l);
  const h = f64x2.sub(cut, f64x2.sub(cut, l));
  return pow32yv(vy, h, f64x2.add(f64x2.sub(l, h), le));
}

// powv32x4 and powv64x2 are not inlined: their callers' loops spend hundreds of operations a call
// on them, so the call costs nothing measurable, and one copy each keeps the module small.

/**
 * powv32 on four float32 lanes (f32x4 x, float32 y): the f32x4 of results, or undecided() (then
 * the caller takes powv32 lane by lane). `probe`, for the tests only (0 in the kernels, where the
 * stores vanish), receives the four lanes' y before the rounding test, as f64.
 */
export function powv32x4(x: v128, y: f64, probe: usize = 0): v128 {
  // "Not below" also refuses NaN lanes.
  const ok = v128.and(f32x4.ge(x, f32x4.splat(MIN_NORMAL32)), f32x4.lt(x, f32x4.splat(Infinity)));
  if (i32x4.bitmask(ok) != 15 || !(Math.abs(y) < Infinity)) {
    undecided();
    return x;
  }
  const frac = v128.and(x, i32x4.splat(0x7fffff));
  const k = i32x4.shr_u(i32x4.add(frac, i32x4.splat(0x8000)), 16);
  // -1 where k >= LOG_HALF_FROM: m / 2 (the exponent field one less) and e' = e + 1.
  const half = i32x4.gt_s(k, i32x4.splat(LOG_HALF_FROM - 1));
  const m = v128.or(frac, i32x4.add(i32x4.splat(0x3f800000), i32x4.shl(half, 23)));
  const e = i32x4.sub(i32x4.sub(i32x4.shr_u(x, 23), i32x4.splat(127)), half);
  const vy = f64x2.splat(y);
  const y01 = pairY32(f64x2.promote_low_f32x4(m), f64x2.convert_low_i32x4_s(e), i32x4.extract_lane(k, 0), i32x4.extract_lane(k, 1), vy);
  const y23 = pairY32(
    f64x2.promote_low_f32x4(v128.shuffle<f32>(m, m, 2, 3, 2, 3)),
    f64x2.convert_low_i32x4_s(v128.shuffle<i32>(e, e, 2, 3, 2, 3)),
    i32x4.extract_lane(k, 2),
    i32x4.extract_lane(k, 3),
    vy,
  );
  if (probe) {
    v128.store(probe, y01);
    v128.store(probe, y23, 16);
  }
  // pow32's rounding test on each lane.
  const down = f64x2.splat(1.0 - EPS_Y);
  const up = f64x2.splat(1.0 + EPS_Y);
  const lo = v128.shuffle<f32>(f32x4.demote_f64x2_zero(f64x2.mul(y01, down)), f32x4.demote_f64x2_zero(f64x2.mul(y23, down)), 0, 1, 4, 5);
  const hi = v128.shuffle<f32>(f32x4.demote_f64x2_zero(f64x2.mul(y01, up)), f32x4.demote_f64x2_zero(f64x2.mul(y23, up)), 0, 1, 4, 5);
  if (i32x4.bitmask(f32x4.eq(lo, hi)) != 15) undecided();
  return lo;
}

/**
 * powv64 on two float64 lanes (f64x2 x, y): the results, or undecided() (then powv64 lane by lane).
 * `probe`, for the tests only (0 in the kernels), receives the lanes' z = h + zl before the rounding
 * test: h, then zl.
 */
export function powv64x2(x: v128, y: f64, probe: usize = 0): v128 {
  const ok = v128.and(f64x2.ge(x, f64x2.splat(MIN_NORMAL64)), f64x2.lt(x, f64x2.splat(Infinity)));
  if (i64x2.bitmask(ok) != 3 || !(Math.abs(y) < Infinity)) {
    undecided();
    return x;
  }
  // ln64 on two lanes.
  const k = i64x2.shr_u(i64x2.add(v128.and(i64x2.shr_u(x, 32), i64x2.splat(0xfffff)), i64x2.splat(0x1000)), 13);
  const half = i64x2.gt_s(k, i64x2.splat(LOG_HALF_FROM - 1));
  const m = v128.or(v128.and(x, i64x2.splat(FRAC64)), i64x2.add(i64x2.splat(ONE_BITS64), i64x2.shl(half, 52)));
  // e' = (biased exponent - half) - 1023, through 2^52 + n.
  const ce = f64x2.sub(v128.or(i64x2.sub(i64x2.shr_u(x, 52), half), i64x2.splat(MAGIC_BITS)), f64x2.splat(MAGIC + 1023.0));
  const p0 = at(LOG_TABLE) + ((<usize>(<i32>i64x2.extract_lane(k, 0) * LOG_TABLE_STRIDE)) << 3);
  const p1 = at(LOG_TABLE) + ((<usize>(<i32>i64x2.extract_lane(k, 1) * LOG_TABLE_STRIDE)) << 3);
  const r = f64x2.replace_lane(f64x2.splat(load<f64>(p0)), 1, load<f64>(p1));
  const one = f64x2.splat(1.0);
  let cut = f64x2.mul(f64x2.splat(134217729.0), m);
  const mh = f64x2.sub(cut, f64x2.sub(cut, m));
  const a = f64x2.sub(f64x2.mul(mh, r), one);
  const b = f64x2.mul(f64x2.sub(m, mh), r);
  const uh = f64x2.add(a, b);
  const ul = f64x2.sub(b, f64x2.sub(uh, a));
  cut = f64x2.mul(f64x2.splat(SPLIT13), uh);
  const hh = f64x2.sub(cut, f64x2.sub(cut, uh));
  const hl = f64x2.sub(uh, hh);
  const h2 = f64x2.mul(hh, hh);
  const h3 = f64x2.mul(h2, hh);
  const q2 = f64x2.mul(f64x2.splat(-0.5), h2);
  const c3 = f64x2.mul(h3, f64x2.splat(K3));
  const hx = f64x2.neg(f64x2.mul(hh, hl));
  let s = f64x2.add(uh, q2);
  let lo = f64x2.sub(q2, f64x2.sub(s, uh));
  const s2 = f64x2.add(s, c3);
  lo = f64x2.add(lo, f64x2.sub(c3, f64x2.sub(s2, s)));
  s = f64x2.add(s2, hx);
  lo = f64x2.add(lo, f64x2.sub(hx, f64x2.sub(s, s2)));
  const sq = f64x2.mul(uh, uh);
  let p = f64x2.add(f64x2.splat(LN9), f64x2.mul(uh, f64x2.splat(LN10)));
  p = f64x2.add(f64x2.splat(LN8), f64x2.mul(uh, p));
  p = f64x2.add(f64x2.splat(LN7), f64x2.mul(uh, p));
  p = f64x2.add(f64x2.splat(LN6), f64x2.mul(uh, p));
  p = f64x2.add(f64x2.splat(LN5), f64x2.mul(uh, p));
  p = f64x2.add(f64x2.splat(LN4), f64x2.mul(uh, p));
  const rest3 = f64x2.add(
    f64x2.mul(h3, f64x2.splat(K3B)),
    f64x2.mul(hl, f64x2.mul(f64x2.add(f64x2.add(sq, f64x2.mul(uh, hh)), h2), f64x2.splat(THIRD))),
  );
  lo = f64x2.add(
    lo,
    f64x2.add(
      f64x2.add(f64x2.sub(rest3, f64x2.mul(f64x2.splat(0.5), f64x2.mul(hl, hl))), f64x2.mul(f64x2.mul(sq, sq), p)),
      f64x2.div(ul, f64x2.add(one, uh)),
    ),
  );
  const c1 = f64x2.mul(ce, f64x2.splat(load<f64>(at(LOG_LN2H))));
  const t0 = v128.load(p0, 24);
  const t1 = v128.load(p1, 24);
  const tlh = pairLanes(t0, t1, 0);
  const pa = f64x2.add(c1, tlh);
  const fa = f64x2.sub(tlh, f64x2.sub(pa, c1));
  const pb = f64x2.add(pa, s);
  const fb = f64x2.sub(s, f64x2.sub(pb, pa));
  const rest = f64x2.add(
    f64x2.add(f64x2.add(fa, fb), lo),
    f64x2.add(pairLanes(t0, t1, 1), f64x2.mul(ce, f64x2.splat(load<f64>(at(LOG_LN2L))))),
  );
  const lnh = f64x2.add(pb, rest);
  const lnl = f64x2.sub(rest, f64x2.sub(lnh, pb));
  // t = y ln x, by Dekker's product.
  const th = f64x2.mul(f64x2.splat(y), lnh);
  // "Not <=" also catches NaN lanes.
  if (v128.any_true(v128.not(f64x2.le(f64x2.abs(th), f64x2.splat(T64_LIMIT))))) {
    undecided();
    return x;
  }
  const yh = splitHigh(y);
  cut = f64x2.mul(f64x2.splat(134217729.0), lnh);
  const lh = f64x2.sub(cut, f64x2.sub(cut, lnh));
  const ll = f64x2.sub(lnh, lh);
  const vyh = f64x2.splat(yh);
  const vyl = f64x2.splat(y - yh);
  const tl = f64x2.add(
    f64x2.add(f64x2.add(f64x2.add(f64x2.sub(f64x2.mul(vyh, lh), th), f64x2.mul(vyh, ll)), f64x2.mul(vyl, lh)), f64x2.mul(vyl, ll)),
    f64x2.mul(f64x2.splat(y), lnl),
  );
  // exp64 on two lanes.
  const kf = f64x2.floor(f64x2.add(f64x2.mul(th, f64x2.splat(load<f64>(at(POW_INV_LN2_256)))), f64x2.splat(0.5)));
  const fh = f64x2.sub(th, f64x2.mul(kf, f64x2.splat(load<f64>(at(POW_LN2_256H)))));
  const fl = f64x2.sub(tl, f64x2.mul(kf, f64x2.splat(load<f64>(at(POW_LN2_256L)))));
  const f = f64x2.add(fh, fl);
  const bf = f64x2.sub(f, fh);
  const g = f64x2.add(f64x2.sub(fh, f64x2.sub(f, bf)), f64x2.sub(fl, bf));
  cut = f64x2.mul(f64x2.splat(SPLIT13), f);
  const ff = f64x2.sub(cut, f64x2.sub(cut, f));
  const fg = f64x2.sub(f, ff);
  const e2 = f64x2.mul(f64x2.splat(0.5), f64x2.mul(ff, ff));
  const es = f64x2.add(f, e2);
  const ff2 = f64x2.mul(f, f);
  let ep = f64x2.add(f64x2.splat(EX6), f64x2.mul(f, f64x2.splat(EX7)));
  ep = f64x2.add(f64x2.splat(EX5), f64x2.mul(f, ep));
  ep = f64x2.add(f64x2.splat(EX4), f64x2.mul(f, ep));
  ep = f64x2.add(f64x2.splat(EX3), f64x2.mul(f, ep));
  const sl = f64x2.add(
    f64x2.sub(e2, f64x2.sub(es, f)),
    f64x2.add(
      f64x2.add(f64x2.add(f64x2.mul(ff, fg), f64x2.mul(f64x2.splat(0.5), f64x2.mul(fg, fg))), f64x2.mul(f64x2.mul(ff2, f), ep)),
      f64x2.mul(g, f64x2.add(one, f)),
    ),
  );
  const ki = i32x4.trunc_sat_f64x2_s_zero(kf);
  const z0 = v128.load(at(EXP2_TABLE) + ((<usize>(i32x4.extract_lane(ki, 0) & 255)) << 4));
  const z1 = v128.load(at(EXP2_TABLE) + ((<usize>(i32x4.extract_lane(ki, 1) & 255)) << 4));
  const tabh = pairLanes(z0, z1, 0);
  const tabl = pairLanes(z0, z1, 1);
  const mm = f64x2.mul(tabh, es);
  const me = twoProductError2(tabh, es, mm);
  const h = f64x2.add(tabh, mm);
  const zl = f64x2.add(
    f64x2.add(f64x2.add(f64x2.sub(mm, f64x2.sub(h, tabh)), me), tabl),
    f64x2.add(f64x2.mul(tabh, sl), f64x2.mul(tabl, es)),
  );
  if (probe) {
    v128.store(probe, h);
    v128.store(probe, zl, 16);
  }
  // round64w on two lanes: decided, and 2^n z normal (n >= -1021) and n <= 1023.
  const w = f64x2.add(f64x2.splat(EPS_BASE), f64x2.mul(f64x2.abs(th), f64x2.splat(EPS_SLOPE)));
  const eps = f64x2.add(w, w);
  const zlo = f64x2.add(h, f64x2.sub(zl, eps));
  const zhi = f64x2.add(h, f64x2.add(zl, eps));
  const n = i32x4.shr_s(ki, 8);
  const normal = v128.and(i32x4.gt_s(n, i32x4.splat(-1022)), i32x4.lt_s(n, i32x4.splat(1024)));
  if (i64x2.bitmask(f64x2.eq(zlo, zhi)) != 3 || (i32x4.bitmask(normal) & 3) != 3) {
    undecided();
    return x;
  }
  return f64x2.mul(zlo, scale2(n));
}

// ---------------------------------------------------------------------------------------------
// For the tests, which compare these values with the twin's bit for bit (a small slip in a table
// index or an operation's order would rarely change a rounded result, but always these).

/** powv32's |x|^y for x > 0, with lh and ll stored at probe. */
export function powPositive32ForTesting(x: f64, y: f64, probe: usize): f64 {
  return powPositive32(x, y, probe);
}

/** powv64's |x|^y for x > 0, with ln x and z stored at probe (32 bytes). */
export function powPositive64ForTesting(x: f64, y: f64, probe: usize): f64 {
  return powPositive64(x, y, probe);
}
