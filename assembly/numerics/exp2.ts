// r^p = 2^(p log2 r), correctly rounded or not at all.
//
// JS twin: exp2.twin.ts, the same functions with the same operations in the same order.
//
// pow64 and pow32 return the correctly rounded power, or undecided() (undecided.ts). They approximate 2^t, t = p log2 r,
// from a table of 2^(j/256) and a polynomial, then ask whether every number within the
// approximation's error bound rounds to the same float. If it does, that float is the answer;
// otherwise (about 1 element in 30000 for float64, about 1 in 17 million (2^-24) for float32, and
// the exact midpoints) the caller asks src/exact/ (binary.ts), whose BigInt Ziv loop decides. So every result is the
// correctly rounded one, whichever backend or path produced it.
//
// float64 needs 2^t to about 2^-68, hence a double-double; float32 needs about 2^-45, and plain
// doubles give 2^-51 at a third of the cost.
//
// Only IEEE-exact operations: no fused multiply-add, no Math.pow/exp/log (docs/NUMERICS.md).

// The constants come from src/exact/constants.ts (exact arithmetic, run at build time into
// src/generated/constants.ts), in the region that layout.ts lays out; src/core/wasm.ts writes them
// at load, so both backends multiply by the very same numbers.
import { at } from "./constants";
import { EXP2_C1H, EXP2_C1L, EXP2_C2, EXP2_C2L, EXP2_C3, EXP2_C4, EXP2_C5, EXP2_C6, EXP2_C7, EXP2_TABLE } from "./layout";
import { undecided } from "./undecided";

// Veltkamp's splitter, 2^27 + 1: splits a double into two 26-bit halves whose products are exact.
const SPLIT: f64 = 134217729.0;

// |t| beyond this is Infinity or 0 in both formats (2^1100 overflows, 2^-1100 rounds to 0).
const T_LIMIT: f64 = 1100.0;

// Bound on |z - (zh + zl)|. The error budget gives 2^-70: rounding the polynomial's quadratic and
// higher terms (below 2^-20) costs about 2^-71.3, everything else is below 2^-90. EPS64 keeps a
// factor 4 over that (test/exp2.test.ts measures the real maximum), and sets the cost: an element is
// undecided when it lies within 2^-68 of a midpoint, about 1 in 30000.
const EPS64: f64 = 3.3881317890172014e-21; // 2^-68

// Results of expSplit, kept in globals: AssemblyScript returns one value per function.
export let zh: f64 = 0;
export let zl: f64 = 0;
export let zn: i32 = 0;

/** Veltkamp's split of x: the high half (26 bits); x minus it is the low half. */
// @ts-ignore: decorator
@inline
export function splitHigh(x: f64): f64 {
  const c = SPLIT * x;
  return c - (c - x);
}

/** Dekker's product error for operands already split into (ah, al) and (bh, bl). */
// @ts-ignore: decorator
@inline
export function twoProductErrorSplit(ah: f64, al: f64, bh: f64, bl: f64, p: f64): f64 {
  return ((ah * bh - p) + ah * bl + al * bh) + al * bl;
}

/** The rounding error of the product a * b = p, exactly (Dekker); |a|, |b| < 2^996. */
// @ts-ignore: decorator
@inline
export function twoProductError(a: f64, b: f64, p: f64): f64 {
  let c = SPLIT * a;
  const ah = c - (c - a);
  const al = a - ah;
  c = SPLIT * b;
  const bh = c - (c - b);
  const bl = b - bh;
  return ((ah * bh - p) + ah * bl + al * bh) + al * bl;
}

/**
 * (zh, zl, zn) = 2^(k >> 8) T (1 + S), T = 2^((k & 255)/256) = th_ + tl_ from the table and S = sh +
 * sl: the last step of both splits (expSplit, expSplitAccurate).
 */
// @ts-ignore: decorator
@inline
function tableTimes(k: i32, sh: f64, sl: f64): void {
  const entry = at(EXP2_TABLE) + ((<usize>(k & 255)) << 4);
  const tabh = load<f64>(entry);
  const tabl = load<f64>(entry, 8);
  const m = tabh * sh;
  const me = twoProductError(tabh, sh, m);
  const h = tabh + m;
  zh = h;
  zl = (m - (h - tabh)) + me + tabl + tabh * sl + tabl * sh;
  zn = k >> 8;
}

/**
 * Splits 2^t, t = th + tl (|th| <= T_LIMIT, |tl| <= ulp(th)), into 2^zn (zh + zl), with zh + zl in
 * [2^(-1/512), 2) and within 2^-68 of the exact value.
 */
// @ts-ignore: decorator
@inline
export function expSplit(th: f64, tl: f64): void {
  // t = k/256 + f with |f| <= 1/512; th - k/256 is exact (both are multiples of ulp(th)).
  const k = <i32>Math.floor(th * 256.0 + 0.5);
  const fh = th - <f64>k * 0.00390625;
  const fl = tl;
  // 2^f - 1 = S = Sh + Sl: ln2 * fh carried exactly, the rest of the Taylor series in doubles
  // (its terms are below 2^-20), and fl's first-order term ln2 * fl * 2^fh.
  const c1h = load<f64>(at(EXP2_C1H));
  const a = c1h * fh;
  const ae = twoProductError(c1h, fh, a);
  const q =
    fh *
    fh *
    (load<f64>(at(EXP2_C2)) +
      fh *
        (load<f64>(at(EXP2_C3)) +
          fh * (load<f64>(at(EXP2_C4)) + fh * (load<f64>(at(EXP2_C5)) + fh * load<f64>(at(EXP2_C6))))));
  const sh = a + q;
  const s1 = q - (sh - a);
  const sl = s1 + ae + load<f64>(at(EXP2_C1L)) * fh + fl * c1h * (1.0 + sh);
  tableTimes(k, sh, sl);
}

// The low part of ddMulAdd's result (AssemblyScript returns one value per function).
let ddLo: f64 = 0;

/**
 * (ch + cl) + (fh + fl)(vh + vl) as a double-double, for |ch| >= |fh vh|: returns the high part;
 * ddLowPart() then gives the low part. The product fh vh exactly (Dekker, fh already split: fs is
 * its high half), the sum by Fast2Sum, the small cross terms rounded (fl vl left out): a Horner step
 * of a polynomial in double-double (expSplitAccurate, and cos.ts' general path).
 */
// @ts-ignore: decorator
@inline
export function ddMulAdd(ch: f64, cl: f64, fh: f64, fs: f64, fl: f64, vh: f64, vl: f64): f64 {
  const p = fh * vh;
  const vs = splitHigh(vh);
  const pe = twoProductErrorSplit(fs, fh - fs, vs, vh - vs, p);
  const h = ch + p;
  ddLo = ((ch - h) + p) + (((cl + pe) + fh * vl) + fl * vh);
  return h;
}

// @ts-ignore: decorator
@inline
export function ddLowPart(): f64 {
  return ddLo;
}

/**
 * expSplit to about 2^-102 instead of 2^-68, for the anchors and the table of the float64 geometric
 * path (exp2dd), which it computes once a block: the same k, table entry and final product, with
 * S = 2^f - 1 = f (E1 + f (E2 + f (E3 + f (E4 + f U)))), E_k = (ln 2)^k / k!, f = fh + fl, in
 * double-double (ddMulAdd; E1 = C1H + C1L, E2..E4 with their low parts) and U = E5 + fh (E6 + ... +
 * fh E10) in doubles. Error of S, absolute, for |f| <= 2^-9 + 2^-43 (exp2dd's tl for |t| <= 1000;
 * |ln 2 f| < 2^-9.5, |fl| <= 2^-62): truncation E11 f^11 < 2^-110; U's rounding and fl left out of
 * it on f^5 U < 2^-52, 2^-104; the four steps and the last product 2^-104 relative each on terms
 * below 2^-9.5; the coefficients' 2^-106. Then z = T (1 + S) as expSplit's, within 2^-104 of it:
 * below 2^-102 relative in all (test/numerics/exp2.test.ts measures 2^-104.67).
 */
// @ts-ignore: decorator
@inline
function expSplitAccurate(th: f64, tl: f64): void {
  const k = <i32>Math.floor(th * 256.0 + 0.5);
  // f = (th - k/256) + tl as a normalized double-double (TwoSum: th - k/256 is exact, and may be
  // smaller than tl): expSplit's fl, up to 2^-43, in the low parts of the steps would cost 2^-95.
  const f0 = th - <f64>k * 0.00390625;
  const fh = f0 + tl;
  const fv = fh - f0;
  const fl = (f0 - (fh - fv)) + (tl - fv);
  const fs = splitHigh(fh);
  const u =
    load<f64>(at(EXP2_C5)) +
    fh * (load<f64>(at(EXP2_C6)) + fh * (load<f64>(at(EXP2_C7)) + fh * (load<f64>(at(EXP2_C7 + 1)) + fh * (load<f64>(at(EXP2_C7 + 2)) + fh * load<f64>(at(EXP2_C7 + 3))))));
  let vh = ddMulAdd(load<f64>(at(EXP2_C4)), load<f64>(at(EXP2_C2L + 2)), fh, fs, fl, u, 0.0);
  vh = ddMulAdd(load<f64>(at(EXP2_C3)), load<f64>(at(EXP2_C2L + 1)), fh, fs, fl, vh, ddLowPart());
  vh = ddMulAdd(load<f64>(at(EXP2_C2)), load<f64>(at(EXP2_C2L)), fh, fs, fl, vh, ddLowPart());
  vh = ddMulAdd(load<f64>(at(EXP2_C1H)), load<f64>(at(EXP2_C1L)), fh, fs, fl, vh, ddLowPart());
  const vl = ddLowPart();
  // S = f V: Dekker's product of fh and vh, the cross terms rounded.
  const sh = fh * vh;
  const vs = splitHigh(vh);
  const sl = twoProductErrorSplit(fs, fh - fs, vs, vh - vs, sh) + (fh * vl + fl * vh);
  tableTimes(k, sh, sl);
}

/** 2^n for -1022 <= n <= 1023. */
// @ts-ignore: decorator
@inline
export function scale(n: i32): f64 {
  return reinterpret<f64>(<u64>(n + 1023) << 52);
}

/** r^p rounded to float64, with log2 r = l1 + l2 (double-double), or undecided(). */
export function pow64(p: f64, l1: f64, l2: f64): f64 {
  const th = p * l1;
  if (th != th) return 1.0; // 0^0, Infinity^0, 1^Infinity: IEEE pow gives 1
  if (th > T_LIMIT) return Infinity;
  if (th < -T_LIMIT) return 0.0;
  expSplit(th, twoProductError(p, l1, th) + p * l2);
  return round64(zh, zl, zn);
}

/**
 * 2^(k (m1 + m2)) as a double within 2^-52 (the split's error plus one rounding), for
 * |k m1| <= 1000: the anchors and table of the float32 geometric range path.
 */
export function exp2d(k: f64, m1: f64, m2: f64): f64 {
  const th = k * m1;
  expSplit(th, twoProductError(k, m1, th) + k * m2);
  return (zh + zl) * scale(zn);
}

/**
 * The same as a double-double within 2^-102 of 2^(th + tl) (expSplitAccurate; th + tl is within
 * 1.5 2^-105 |t| of k (m1 + m2): the rounding of its low sum), for the float64 geometric path:
 * returns the high part; lowPart() then gives the low part. Both are scaled by 2^zn, exactly while
 * -960 <= k m1 <= 1000 (the low part stays a normal double).
 */
export function exp2dd(k: f64, m1: f64, m2: f64): f64 {
  const th = k * m1;
  expSplitAccurate(th, twoProductError(k, m1, th) + k * m2);
  const s = scale(zn);
  zl *= s;
  return zh * s;
}

export function lowPart(): f64 {
  return zl;
}

/** f64(2^n (h + l)), or undecided(). */
export function round64(h: f64, l: f64, n: i32): f64 {
  if (n > 1024) return Infinity;
  if (n < -1076) return 0.0;
  // Rounding 2^n z equals 2^n times rounding z only while 2^n z is normal (z >= 2^(-1/512)).
  if (n < -1021) return undecided();
  const lo = h + (l - EPS64);
  const hi = h + (l + EPS64);
  if (lo != hi) return undecided();
  // Multiplying by 2^n is exact, or overflows exactly when the rounded value does. n = 1024 is
  // still finite for z < 1 - 2^-54 (2^1023.999 is): 2 lo is exact, and 2^1023 (2 lo) overflows
  // exactly when the rounded value does.
  return n == 1024 ? (lo * 2.0) * scale(1023) : lo * scale(n);
}

// ---------------------------------------------------------------------------------------------
// float32: log2 r = lh + ll, where lh keeps 29 significant bits so that p lh is exact for a float32
// p (24 bits); ll = log2 r - lh, |ll| < 2^-29 |lh|. Then t = th + tl with th = p lh exact and
// tl = p ll off by 2^-82 |t|; f = (th - k/256) + tl with one rounding (2^-62); 2^f - 1 by a degree-5
// Taylor polynomial (truncation 2^-66); y = T[j] (1 + q) 2^n with T[j] rounded to a double. Three
// roundings of 2^-53 and T's: y is within 2^-51 of r^p, and EPS_Y = 2^-48 decides the float32.
//
// |t| > 200 is 0 or Infinity in float32 whatever the digits: t is pinned to +-200 and tl to 0, so
// that no lane overflows into NaN; a NaN t (0^0, Infinity^0, 1^Infinity) becomes t = 0, giving 1.

const T32_LIMIT: f64 = 200.0;
export const EPS_Y: f64 = 3.552713678800501e-15; // 2^-48

/** t pinned to [-200, 200], NaN to 0. */
// @ts-ignore: decorator
@inline
function pinT(th: f64): f64 {
  return th != th ? 0.0 : th > T32_LIMIT ? T32_LIMIT : th < -T32_LIMIT ? -T32_LIMIT : th;
}

/** 2^t for |th| <= 200, as a double within 2^-51. */
// @ts-ignore: decorator
@inline
function exp2y(th: f64, tl: f64): f64 {
  const k = Math.floor(th * 256.0 + 0.5);
  const f = (th - k * 0.00390625) + tl;
  const q =
    f *
    (load<f64>(at(EXP2_C1H)) +
      f * (load<f64>(at(EXP2_C2)) + f * (load<f64>(at(EXP2_C3)) + f * (load<f64>(at(EXP2_C4)) + f * load<f64>(at(EXP2_C5))))));
  const ki = <i32>k;
  return load<f64>(at(EXP2_TABLE) + ((<usize>(ki & 255)) << 4)) * (1.0 + q) * scale(ki >> 8);
}

/** The y of pow32: 2^(p (lh + ll)) within 2^-51, before the rounding test. */
// @ts-ignore: decorator
@inline
function pow32y(p: f64, lh: f64, ll: f64): f64 {
  const raw = p * lh;
  const th = pinT(raw);
  const tl = th == raw ? p * ll : 0.0;
  return exp2y(th, tl);
}

/** f32(r^p) for a float32 p, with log2 r = lh + ll split as above, or undecided(). */
export function pow32(p: f64, lh: f64, ll: f64): f64 {
  const y = pow32y(p, lh, ll);
  const lo = <f32>(y * (1.0 - EPS_Y));
  const hi = <f32>(y * (1.0 + EPS_Y));
  return lo == hi ? <f64>lo : undecided();
}

// ---------------------------------------------------------------------------------------------
// Two lanes at once (the SIMD build): the same operations on f64x2. The table is read lane by lane
// (Wasm has no gather). Lane tests use any_true and bitmask: V8 lowers all_true into a sequence
// that made a loop here 2.4 times slower.

/** twoProductError on two lanes. */
// @ts-ignore: decorator
@inline
export function twoProductError2(a: v128, b: v128, p: v128): v128 {
  const split = f64x2.splat(SPLIT);
  let c = f64x2.mul(split, a);
  const ah = f64x2.sub(c, f64x2.sub(c, a));
  const al = f64x2.sub(a, ah);
  c = f64x2.mul(split, b);
  const bh = f64x2.sub(c, f64x2.sub(c, b));
  const bl = f64x2.sub(b, bh);
  return f64x2.add(
    f64x2.add(f64x2.add(f64x2.sub(f64x2.mul(ah, bh), p), f64x2.mul(ah, bl)), f64x2.mul(al, bh)),
    f64x2.mul(al, bl),
  );
}

/** 2^n for two lanes of n (i32 lanes 0 and 1, each in [-1022, 1023]). */
// @ts-ignore: decorator
@inline
export function scale2(n: v128): v128 {
  return i64x2.shl(i64x2.extend_low_i32x4_s(i32x4.add(n, i32x4.splat(1023))), 52);
}

/**
 * pow64 on two lanes. If a lane's t is NaN or beyond T_LIMIT, or its result is subnormal, near
 * overflow or undecided, it returns undecided() and the caller redoes both lanes with pow64; the
 * others never leave the vector unit.
 */
// @ts-ignore: decorator
@inline
export function pow64x2(p: v128, l1: f64, l2: f64): v128 {
  const vl1 = f64x2.splat(l1);
  const th = f64x2.mul(p, vl1);
  // "not <=" also catches NaN lanes.
  if (!v128.any_true(v128.not(f64x2.le(f64x2.abs(th), f64x2.splat(T_LIMIT))))) {
    // expSplit on two lanes, step for step.
    const tl = f64x2.add(twoProductError2(p, vl1, th), f64x2.mul(p, f64x2.splat(l2)));
    const kf = f64x2.floor(f64x2.add(f64x2.mul(th, f64x2.splat(256.0)), f64x2.splat(0.5)));
    const k = i32x4.trunc_sat_f64x2_s_zero(kf);
    const fh = f64x2.sub(th, f64x2.mul(kf, f64x2.splat(0.00390625)));
    const c1h = f64x2.splat(load<f64>(at(EXP2_C1H)));
    const a = f64x2.mul(c1h, fh);
    const ae = twoProductError2(c1h, fh, a);
    let poly = f64x2.mul(fh, f64x2.splat(load<f64>(at(EXP2_C6))));
    poly = f64x2.mul(fh, f64x2.add(f64x2.splat(load<f64>(at(EXP2_C5))), poly));
    poly = f64x2.mul(fh, f64x2.add(f64x2.splat(load<f64>(at(EXP2_C4))), poly));
    poly = f64x2.mul(fh, f64x2.add(f64x2.splat(load<f64>(at(EXP2_C3))), poly));
    const q = f64x2.mul(f64x2.mul(fh, fh), f64x2.add(f64x2.splat(load<f64>(at(EXP2_C2))), poly));
    const sh = f64x2.add(a, q);
    const s1 = f64x2.sub(q, f64x2.sub(sh, a));
    const sl = f64x2.add(
      f64x2.add(f64x2.add(s1, ae), f64x2.mul(f64x2.splat(load<f64>(at(EXP2_C1L))), fh)),
      f64x2.mul(f64x2.mul(tl, c1h), f64x2.add(f64x2.splat(1.0), sh)),
    );
    const e0 = at(EXP2_TABLE) + ((<usize>(i32x4.extract_lane(k, 0) & 255)) << 4);
    const e1 = at(EXP2_TABLE) + ((<usize>(i32x4.extract_lane(k, 1) & 255)) << 4);
    const tabh = f64x2.replace_lane(f64x2.splat(load<f64>(e0)), 1, load<f64>(e1));
    const tabl = f64x2.replace_lane(f64x2.splat(load<f64>(e0, 8)), 1, load<f64>(e1, 8));
    const m = f64x2.mul(tabh, sh);
    const me = twoProductError2(tabh, sh, m);
    const h = f64x2.add(tabh, m);
    const l = f64x2.add(
      f64x2.add(f64x2.add(f64x2.add(f64x2.sub(m, f64x2.sub(h, tabh)), me), tabl), f64x2.mul(tabh, sl)),
      f64x2.mul(tabl, sh),
    );
    // round64 on two lanes.
    const eps = f64x2.splat(EPS64);
    const lo = f64x2.add(h, f64x2.sub(l, eps));
    const hi = f64x2.add(h, f64x2.add(l, eps));
    const n = i32x4.shr_s(k, 8);
    // Decided, and 2^n z normal (n >= -1021) and finite or overflowing exactly (n <= 1023).
    const normal = v128.and(i32x4.gt_s(n, i32x4.splat(-1022)), i32x4.lt_s(n, i32x4.splat(1024)));
    // An IEEE compare, not a bitwise one: Dekker's split overflows for |p| > 2^996 (with a tiny
    // log2 r), and two NaN bounds must not count as a decision.
    if (i64x2.bitmask(f64x2.eq(lo, hi)) == 3 && (i32x4.bitmask(normal) & 3) == 3)
      return f64x2.mul(lo, scale2(n));
  }
  undecided();
  return f64x2.splat(0.0);
}

/** The y of pow32 on two lanes: 2^t within 2^-51, before the rounding test. */
// @ts-ignore: decorator
@inline
export function pow32y2(p: v128, lh: f64, ll: f64): v128 {
  return pow32yv(p, f64x2.splat(lh), f64x2.splat(ll));
}

/** pow32y2 with log2 r split per lane (pow.ts' varying base): lh, ll as in pow32, two lanes. */
// @ts-ignore: decorator
@inline
export function pow32yv(p: v128, lh: v128, ll: v128): v128 {
  const raw = f64x2.mul(p, lh);
  const limit = f64x2.splat(T32_LIMIT);
  // pinT, branch-free: +-200 by sign beyond the limit, 0 for NaN.
  const pinned = v128.bitselect(limit, f64x2.neg(limit), f64x2.gt(raw, f64x2.splat(0)));
  const outside = v128.bitselect(pinned, f64x2.splat(0), f64x2.eq(raw, raw));
  const inside = f64x2.le(f64x2.abs(raw), limit);
  const th = v128.bitselect(raw, outside, inside);
  const tl = v128.and(f64x2.mul(p, ll), inside);
  const k = f64x2.floor(f64x2.add(f64x2.mul(th, f64x2.splat(256.0)), f64x2.splat(0.5)));
  const f = f64x2.add(f64x2.sub(th, f64x2.mul(k, f64x2.splat(0.00390625))), tl);
  let q = f64x2.mul(f, f64x2.splat(load<f64>(at(EXP2_C5))));
  q = f64x2.mul(f, f64x2.add(f64x2.splat(load<f64>(at(EXP2_C4))), q));
  q = f64x2.mul(f, f64x2.add(f64x2.splat(load<f64>(at(EXP2_C3))), q));
  q = f64x2.mul(f, f64x2.add(f64x2.splat(load<f64>(at(EXP2_C2))), q));
  q = f64x2.mul(f, f64x2.add(f64x2.splat(load<f64>(at(EXP2_C1H))), q));
  const ki = i32x4.trunc_sat_f64x2_s_zero(k);
  const j0 = <usize>(i32x4.extract_lane(ki, 0) & 255);
  const j1 = <usize>(i32x4.extract_lane(ki, 1) & 255);
  const tab = f64x2.replace_lane(f64x2.splat(load<f64>(at(EXP2_TABLE) + (j0 << 4))), 1, load<f64>(at(EXP2_TABLE) + (j1 << 4)));
  return f64x2.mul(f64x2.mul(tab, f64x2.add(f64x2.splat(1.0), q)), scale2(i32x4.shr_s(ki, 8)));
}
