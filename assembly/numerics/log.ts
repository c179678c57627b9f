// ln x, correctly rounded or not at all, and the fast log2 of a runtime value that the varying-base
// power (pow.ts) shares.
//
// JS twin: log.twin.ts, the same functions with the same operations in the same order.
//
// log32 and log64 return the correctly rounded ln x, or undecided() (undecided.ts); the caller
// then asks src/exact/log.ts, whose BigInt Ziv loop decides. Only IEEE-exact operations: no fused
// multiply-add, no Math.log (docs/NUMERICS.md).
//
// The algorithm (table-driven, after CORE-MATH's src/binary64/log/log.c and LLVM libc's
// log_range_reduction.h, without their FMA):
//   x = 2^e m, m in [1, 2) (subnormals scaled by 2^64 first); k = round(128 (m - 1)) in 0..128 from
//   the top fraction bits; for k >= LOG_HALF_FROM (m > sqrt 2), m' = m/2 and e' = e + 1, else m' = m,
//   e' = e. The table's r_k ~ 1/m' is a multiple of 2^-20 with 21 significant bits, so with m' split
//   into two 26-bit halves (Veltkamp) both products are exact, m'h r_k - 1 is exact (Sterbenz), and
//   u = m' r_k - 1 = uh + ul is exact as a double-double; |u| <= 2^-8 (1 + 2^-11).
//   ln x = e' ln 2 - ln r_k + ln(1 + u),  log2 x = e' - log2 r_k + log2(e) ln(1 + u).
//   ln(1 + u) = ln(1 + uh) + ul / (1 + uh) (|ul| <= 2^-53 |uh|, so the dropped ul^2 is 2^-122 |u|);
//   ln(1 + uh) = uh + uh^2 Q(uh), Q(u) = sum_{k=2..12} (-1)^(k+1)/k u^(k-2): the terms k >= 6 in
//   doubles, k = 2..5 as double-doubles by Horner.
// r_0 = r_128 = 1 with logarithms exactly 0, so near x = 1 (k = 0 for x in [1, 1 + 2^-8],
// k = 128 for x in [1 - 2^-9, 1)) nothing cancels and the error is relative to ln x itself.
//
// Error bound (relative, of the double-double h + l against ln x or log2 x), term by term:
//   truncating Q after k = 12: |u|^11 / 13 <= 2^-91.7 absolute in Q, so 2^-99.7 |u| in uh^2 Q;
//   Q's double tail (k >= 6): rounding 2^-53 of its 1/6, times u^4: 2^-87.6 in Q, 2^-95.6 |u|;
//   the double-double Horner steps and uh^2 Q: about 2^-100 |u|; ul / (1 + uh): 2^-105 |u|;
//   the table's double-doubles: 2^-106 of |ln r_k| <= 0.35; e' ln 2: e' * LN2H exact, e' * LN2L
//   within 2^-53 of |e'| 2^-43, i.e. 2^-96 |e'|; the final sums: 2^-104.
// Where k is neither 0 nor 128, |ln x| >= ln(1 + 0.49/128) > 2^-8.1 (or |e'| >= 1 and |ln x| >=
// 0.34 |e'|), so every absolute term above is below 2^-94 |ln x|; where k is 0 or 128 the table and
// e' terms vanish and |ln x| >= |u| (1 - 2^-8), so 2^-95 |ln x|. Bound: 2^-94 relative, for ln and
// (with the product by log2(e), 2^-104 more) for log2. test/numerics/log.test.ts measures it.
//
// What pow needs (exp2.ts): pow64 decides with EPS64 = 2^-68 against expSplit's 2^-70, so the error
// in t = y log2 x may add about 2^-70 / ln 2: |t| <= 1100 < 2^10.2 asks for 2^-80 relative in log2 x.
// 2^-94 leaves a factor 2^14. pow32 asks for 2^-82 |t| from its split of log2 x; same margin.

import { at } from "./constants";
import { splitHigh, twoProductError } from "./exp2";
import {
  LOG_C3H, LOG_C3L, LOG_C5H, LOG_C5L, LOG_C6, LOG_HALF_FROM, LOG_LN2H, LOG_LN2L, LOG_LOG2EH, LOG_LOG2EL,
  LOG_TABLE, LOG_TABLE_STRIDE,
} from "./layout";
import { undecided } from "./undecided";

// 2^64, which brings a subnormal into the normal range exactly.
const TWO64: f64 = 18446744073709551616.0;
// The coefficients -1/2 and -1/4 of the series are exact doubles.
const C2: f64 = -0.5;
const C4: f64 = -0.25;
// Rounding tests, relative: the bound above is 2^-94; log64 decides with 2^-88 (a factor 64, and
// about 1 element in 2^34 undecided). log32 rounds the double h (within 2^-53 + 2^-94 of ln x) and
// its products h (1 +- EPS32) (one more 2^-53 each): 2^-50 covers those, and leaves 1 element in
// about 2^25 undecided.
const EPS64: f64 = 3.308722450212111e-27; // 2^-88
const EPS32: f64 = 8.881784197001252e-16; // 2^-50

// The reduction's results, in globals (AssemblyScript returns one value per function):
// ln(1 + u) = ph + pl, e' and the table entry's byte address.
let ph: f64 = 0;
let pl: f64 = 0;
let ce: f64 = 0;
let entry: usize = 0;
// The low part of log2dd's result.
let low: f64 = 0;

/**
 * The reduction and ln(1 + u) for a finite x > 0: sets ph + pl = ln(1 + u) (within 2^-95 |u|),
 * ce = e' and entry, as the comment at the top says.
 */
// @ts-ignore: decorator
@inline
function reduce(x: f64): void {
  let bits = reinterpret<u64>(x);
  let e: i32 = <i32>(bits >> 52) - 1023;
  if (e == -1023) {
    // Subnormal: 2^64 x is normal, exactly.
    bits = reinterpret<u64>(x * TWO64);
    e = <i32>(bits >> 52) - 1023 - 64;
  }
  // k = round(128 (m - 1)) from the top 20 fraction bits.
  const k: i32 = <i32>((((<u32>(bits >> 32)) & 0xfffff) + 0x1000) >> 13);
  let m = reinterpret<f64>((bits & 0x000fffffffffffff) | 0x3ff0000000000000);
  if (k >= LOG_HALF_FROM) {
    m *= 0.5;
    e += 1;
  }
  entry = at(LOG_TABLE) + ((<usize>(k * LOG_TABLE_STRIDE)) << 3);
  const r = load<f64>(entry);
  // u = m r - 1 exactly: both half products are exact, and m_h r - 1 by Sterbenz.
  const mh = splitHigh(m);
  const a = mh * r - 1.0;
  const b = (m - mh) * r;
  const uh = a + b;
  const bb = uh - a;
  const ul = (a - (uh - bb)) + (b - bb);
  // Q(uh): the double tail from k = 6, then Horner steps k = 5..2 as double-doubles.
  const c = at(LOG_C6);
  const tail =
    load<f64>(c) +
    uh *
      (load<f64>(c, 8) +
        uh * (load<f64>(c, 16) + uh * (load<f64>(c, 24) + uh * (load<f64>(c, 32) + uh * (load<f64>(c, 40) + uh * load<f64>(c, 48))))));
  const uH = splitHigh(uh);
  const uL = uh - uH;
  let qh = tail;
  let ql: f64 = 0.0;
  // k = 5: q = C5 + u q
  let p = uh * qh;
  let pe = twoProductErrorSplitU(uH, uL, qh, p) + uh * ql;
  let s = load<f64>(at(LOG_C5H)) + p;
  let se = (p - (s - load<f64>(at(LOG_C5H)))) + load<f64>(at(LOG_C5L)) + pe;
  qh = s + se;
  ql = se - (qh - s);
  // k = 4
  p = uh * qh;
  pe = twoProductErrorSplitU(uH, uL, qh, p) + uh * ql;
  s = C4 + p;
  se = (p - (s - C4)) + pe;
  qh = s + se;
  ql = se - (qh - s);
  // k = 3
  p = uh * qh;
  pe = twoProductErrorSplitU(uH, uL, qh, p) + uh * ql;
  s = load<f64>(at(LOG_C3H)) + p;
  se = (p - (s - load<f64>(at(LOG_C3H)))) + load<f64>(at(LOG_C3L)) + pe;
  qh = s + se;
  ql = se - (qh - s);
  // k = 2
  p = uh * qh;
  pe = twoProductErrorSplitU(uH, uL, qh, p) + uh * ql;
  s = C2 + p;
  se = (p - (s - C2)) + pe;
  qh = s + se;
  ql = se - (qh - s);
  // uh^2 Q = (u2h + u2l)(qh + ql), u2h + u2l = uh^2 exactly.
  const u2h = uh * uh;
  const u2l = twoProductErrorSplitU(uH, uL, uh, u2h);
  const th = u2h * qh;
  const tl = twoProductError(u2h, qh, th) + (u2h * ql + u2l * qh);
  // ln(1 + u) = uh + (th + tl) + ul / (1 + uh); |th| < 2^-8 |uh|, so Fast2Sum applies.
  const sh = uh + th;
  ph = sh;
  pl = (th - (sh - uh)) + tl + ul / (1.0 + uh);
  ce = <f64>e;
}

/** Dekker's product error of u (split as uH + uL) and b, whose rounded product is p. */
// @ts-ignore: decorator
@inline
function twoProductErrorSplitU(uH: f64, uL: f64, b: f64, p: f64): f64 {
  const bH = splitHigh(b);
  const bL = b - bH;
  return ((uH * bH - p) + uH * bL + uL * bH) + uL * bL;
}

/**
 * log2 x as a double-double for a finite x > 0, within 2^-94 relative (the bound above): returns the
 * high part; log2Low() then gives the low part.
 */
export function log2dd(x: f64): f64 {
  reduce(x);
  // log2(e) (ph + pl)
  const eh = load<f64>(at(LOG_LOG2EH));
  const qh = ph * eh;
  const ql = twoProductError(ph, eh, qh) + (ph * load<f64>(at(LOG_LOG2EL)) + pl * eh);
  // e' + T2h + qh with both sums' errors kept (TwoSum, either may be larger).
  const t2h = load<f64>(entry, 8);
  const s1 = t2h + qh;
  const b1 = s1 - t2h;
  const e1 = (t2h - (s1 - b1)) + (qh - b1);
  const s2 = ce + s1;
  const b2 = s2 - ce;
  const e2 = (ce - (s2 - b2)) + (s1 - b2);
  const rest = e2 + e1 + load<f64>(entry, 16) + ql;
  const h = s2 + rest;
  low = rest - (h - s2);
  return h;
}

export function log2Low(): f64 {
  return low;
}

/** ln x as a double-double for a finite x > 0, within 2^-94 relative: high part; low in `low`. */
// @ts-ignore: decorator
@inline
function lndd(x: f64): f64 {
  reduce(x);
  // e' ln 2: e' LN2H is exact (|e'| <= 1075, 42-bit head).
  const a = ce * load<f64>(at(LOG_LN2H));
  const tlh = load<f64>(entry, 24);
  const s1 = a + tlh;
  const b1 = s1 - a;
  const e1 = (a - (s1 - b1)) + (tlh - b1);
  const s2 = s1 + ph;
  const b2 = s2 - s1;
  const e2 = (s1 - (s2 - b2)) + (ph - b2);
  const rest = e2 + e1 + ce * load<f64>(at(LOG_LN2L)) + load<f64>(entry, 32) + pl;
  const h = s2 + rest;
  low = rest - (h - s2);
  return h;
}

/** The special cases of log (C99 Annex F): NaN for x < 0 or NaN, -Infinity at +-0, x at +Infinity. */
// @ts-ignore: decorator
@inline
function special(x: f64): f64 {
  if (x == 0.0) return -Infinity;
  if (x > 0.0) return x; // +Infinity
  return NaN; // x < 0, -Infinity, NaN
}

/** ln x rounded to float64, or undecided(). log(1) = +0. */
export function log64(x: f64): f64 {
  if (!(x > 0.0 && x < Infinity)) return special(x);
  if (x == 1.0) return 0.0;
  const h = lndd(x);
  const d = Math.abs(h) * EPS64;
  const lo = h + (low - d);
  const hi = h + (low + d);
  return lo == hi ? lo : undecided();
}

/** ln x rounded to float32 (x a float32 value), or undecided(). log(1) = +0. */
export function log32(x: f64): f64 {
  if (!(x > 0.0 && x < Infinity)) return special(x);
  if (x == 1.0) return 0.0;
  const h = lndd(x);
  const lo = <f32>(h * (1.0 - EPS32));
  const hi = <f32>(h * (1.0 + EPS32));
  return lo == hi ? <f64>lo : undecided();
}
