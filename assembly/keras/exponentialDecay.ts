// ExponentialDecay over many steps: decayed(step) = a * r ^ (step / d), floor(step / d) for a
// staircase, computed as docs/NUMERICS.md defines it for float32 and float64.
//
// JS twin: exponentialDecay.twin.ts, the same functions with the same operations in the same order.
// Facade: src/keras/exponentialDecay.ts. Calling convention: ../abi.ts, with the
// parameters below.

import { EPS_Y, exp2d, exp2dd, lowPart, pow32, pow32y2, pow64, pow64x2, splitHigh, twoProductErrorSplit } from "../numerics/exp2";
import { wasUndecided } from "../numerics/undecided";
import { param, record } from "../abi";
import { A, D, L1, L2, STAIRCASE, M1, M2, C } from "./exponentialDecay.params";

/** p = f32(f32(step) / d) for the float32 pipeline; d is already a float32. */
// @ts-ignore: decorator
@inline
function p32(step: f64, d: f64, staircase: bool): f64 {
  // float64 division of two float32s rounded once to float32 is the float32 division.
  const p = <f64><f32>(<f64><f32>step / d);
  return staircase ? Math.floor(p) : p;
}

// @ts-ignore: decorator
@inline
function p64(step: f64, d: f64, staircase: bool): f64 {
  const p = step / d;
  return staircase ? Math.floor(p) : p;
}

// @ts-ignore: decorator
@inline
function p32x2(step: v128, d: f64, staircase: bool): v128 {
  const s = f64x2.promote_low_f32x4(f32x4.demote_f64x2_zero(step));
  // (For integer steps a product with 1/d would be exact, as in the geometric path, but testing
  // for it cost more than the division saves: measured 5.3 ms against 4.6 ms per 1e6.)
  const p = f64x2.promote_low_f32x4(f32x4.demote_f64x2_zero(f64x2.div(s, f64x2.splat(d))));
  return staircase ? f64x2.floor(p) : p;
}

// @ts-ignore: decorator
@inline
function p64x2(step: v128, d: f64, staircase: bool): v128 {
  const p = f64x2.div(step, f64x2.splat(d));
  return staircase ? f64x2.floor(p) : p;
}

/** a * v into out[i], or i into the hard list if v's function was undecided; returns the count. */
// @ts-ignore: decorator
@inline
function put(out: usize, hard: usize, count: i32, i: i32, a: f64, v: f64, wide: bool): i32 {
  if (wasUndecided()) return record(hard, count, i);
  if (wide) store<f64>(out + ((<usize>i) << 3), a * v);
  else store<f32>(out + ((<usize>i) << 2), <f32>(a * v));
  return count;
}

/** The power for one step, or undecided(). */
// @ts-ignore: decorator
@inline
function one(step: f64, d: f64, l1: f64, l2: f64, staircase: bool, wide: bool): f64 {
  return wide ? pow64(p64(step, d, staircase), l1, l2) : pow32(p32(step, d, staircase), l1, l2);
}

// @ts-ignore: decorator
@inline
function run(
  steps: usize, start: f64, out: usize, hard: usize, n: i32,
  a: f64, d: f64, l1: f64, l2: f64, staircase: bool, wide: bool,
): i32 {
  let count = 0;
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const zero = f64x2.splat(0);
    const lanes = f64x2.replace_lane(f64x2.splat(start), 1, start + 1.0);
    if (wide) {
      for (; i + 1 < n; i += 2) {
        let step: v128;
        if (steps) {
          step = v128.load(steps + ((<usize>i) << 3));
          // x - x is 0 for finite x and NaN otherwise (then the scalar loop names the index).
          if (v128.any_true(f64x2.ne(f64x2.sub(step, step), zero))) break;
        } else {
          step = f64x2.add(lanes, f64x2.splat(<f64>i));
        }
        const v = pow64x2(p64x2(step, d, staircase), l1, l2);
        if (!wasUndecided()) {
          v128.store(out + ((<usize>i) << 3), f64x2.mul(f64x2.splat(a), v));
        } else {
          count = put(out, hard, count, i, a, one(f64x2.extract_lane(step, 0), d, l1, l2, staircase, true), true);
          count = put(out, hard, count, i + 1, a, one(f64x2.extract_lane(step, 1), d, l1, l2, staircase, true), true);
        }
      }
    } else {
      // Four steps an iteration: two f64x2 powers, both rounding tests on one f32x4.
      const down = f64x2.splat(1.0 - EPS_Y);
      const up = f64x2.splat(1.0 + EPS_Y);
      const va = f32x4.splat(<f32>a);
      for (; i + 3 < n; i += 4) {
        let s0: v128;
        let s1: v128;
        if (steps) {
          s0 = v128.load(steps + ((<usize>i) << 3));
          s1 = v128.load(steps + ((<usize>i) << 3), 16);
          if (v128.any_true(v128.or(f64x2.ne(f64x2.sub(s0, s0), zero), f64x2.ne(f64x2.sub(s1, s1), zero)))) break;
        } else {
          s0 = f64x2.add(lanes, f64x2.splat(<f64>i));
          s1 = f64x2.add(s0, f64x2.splat(2.0));
        }
        const y0 = pow32y2(p32x2(s0, d, staircase), l1, l2);
        const y1 = pow32y2(p32x2(s1, d, staircase), l1, l2);
        const lo = v128.shuffle<f32>(f32x4.demote_f64x2_zero(f64x2.mul(y0, down)), f32x4.demote_f64x2_zero(f64x2.mul(y1, down)), 0, 1, 4, 5);
        const hi = v128.shuffle<f32>(f32x4.demote_f64x2_zero(f64x2.mul(y0, up)), f32x4.demote_f64x2_zero(f64x2.mul(y1, up)), 0, 1, 4, 5);
        // Bitwise equality: pow32y2 pins t, so y is always finite and this is IEEE equality.
        if (!v128.any_true(v128.xor(lo, hi))) {
          // a and v are float32 values, so the float32 product is f32(a v).
          v128.store(out + ((<usize>i) << 2), f32x4.mul(va, lo));
        } else {
          for (let j = 0; j < 4; j++) {
            const step = steps ? load<f64>(steps + ((<usize>(i + j)) << 3)) : start + <f64>(i + j);
            count = put(out, hard, count, i + j, a, one(step, d, l1, l2, staircase, false), false);
          }
        }
      }
    }
  }
  for (; i < n; i++) {
    const step = steps ? load<f64>(steps + ((<usize>i) << 3)) : start + <f64>i;
    if (step - step != 0) return -1 - i;
    count = put(out, hard, count, i, a, one(step, d, l1, l2, staircase, wide), wide);
  }
  return count;
}

// ---------------------------------------------------------------------------------------------
// A staircase range is runs of one p: the power is computed once per run (a one-entry cache on p),
// and each step costs its division, floor and store. A run whose power is undecided is recorded
// whole; the facade's exact path caches its last p in the same way, so it decides the run once.

function stairs(start: f64, out: usize, hard: usize, n: i32, a: f64, d: f64, l1: f64, l2: f64, wide: bool): i32 {
  let count = 0;
  let lastP: f64 = NaN; // never equal to a p: the first step computes its power
  let lastV: f64 = 0.0;
  let lastHard = false;
  for (let i = 0; i < n; i++) {
    const step = start + <f64>i;
    const p = wide ? p64(step, d, true) : p32(step, d, true);
    if (p != lastP) {
      lastV = wide ? pow64(p, l1, l2) : pow32(p, l1, l2);
      lastHard = wasUndecided();
      lastP = p;
    }
    if (lastHard) count = record(hard, count, i);
    else if (wide) store<f64>(out + ((<usize>i) << 3), a * lastV);
    else store<f32>(out + ((<usize>i) << 2), <f32>(a * lastV));
  }
  return count;
}

// ---------------------------------------------------------------------------------------------
// The geometric path for a float32 range (not a staircase): r^(k/d) = 2^(M k) with M = log2(r)/d
// is a geometric sequence, so 2^(M k) = A T[j] for k = k0 + j, with A = 2^(M k0) per block of 256
// steps and T[j] = 2^(M j) from a table: one product instead of an exp. Keras' p is f32(k/d), not
// k/d; its rounding e/d, with e = p d - k exact in float64 (p and d have 24 bits), multiplies the
// power by 2^(M e) = 1 + c e + (c e)^2/2 (c = M ln 2; |c e| < 2^-17, so the next term is < 2^-52).
// y is then within 2^-50 of the exact power, and the float32 rounding test decides with EPS_GEO.
//
// p = f32(k / d) is computed as f32(k * (1/d)), a product instead of a division. That is exact:
// for an integer |k| <= 2^24 and a float32 d = D 2^i, k/d is never within 2^-49 (relative) of a
// float32 midpoint m = M 2^-j (M odd, 25 bits): k - m d is a nonzero multiple of 2^(i-j), which is
// m d / (M D) > m d 2^-49. The product is within 2^-52 of k/d, so both round to the same float32.

const BLOCK: i32 = 256;
const TABLE32: usize = memory.data(256 * 8, 16);
const EPS_GEO: f64 = 3.552713678800501e-15; // 2^-48
// Only while the table stays tame (|M| 256 <= 64) and steps are exact in float32 (|k| <= 2^24).
const MAX_SPAN: f64 = 64.0;
const EXACT32: f64 = 16777216.0;

// And only while p = k/d stays finite: the correction 2^(M e) takes e = p d - k, which an infinite p
// makes NaN (for r = 1, M = 0, with a subnormal d, Keras' 1^Infinity is 1).
// @ts-ignore: decorator
@inline
function geometricApplies(start: f64, n: i32, d: f64, m1: f64): bool {
  const k = max(Math.abs(start), Math.abs(start + <f64>n));
  return Math.abs(m1) * <f64>BLOCK <= MAX_SPAN && k <= EXACT32 && <f64><f32>(k * (1.0 / d)) < Infinity;
}

/** Fills a block whose every result is a * v for one v (0 or Infinity). */
// @ts-ignore: decorator
@inline
function fill32(out: usize, len: i32, value: f32): void {
  for (let j = 0; j < len; j++) store<f32>(out + ((<usize>j) << 2), value);
}

/** The power 2^(M s) for step s = k0 + j of a block, corrected for the rounding of p. */
// @ts-ignore: decorator
@inline
function geometricPower(s: f64, anchor: f64, j: i32, d: f64, rd: f64, c: f64): f64 {
  const p = <f64><f32>(s * rd);
  const ce = c * (p * d - s);
  return anchor * load<f64>(TABLE32 + ((<usize>j) << 3)) * (1.0 + ce * (1.0 + 0.5 * ce));
}

// @ts-ignore: decorator
@inline
function geometricPower2(s: v128, anchor: v128, j: i32, d: v128, rd: v128, c: v128): v128 {
  const p = f64x2.promote_low_f32x4(f32x4.demote_f64x2_zero(f64x2.mul(s, rd)));
  const ce = f64x2.mul(c, f64x2.sub(f64x2.mul(p, d), s));
  const half = f64x2.splat(0.5);
  const one = f64x2.splat(1.0);
  const corr = f64x2.add(one, f64x2.mul(ce, f64x2.add(one, f64x2.mul(half, ce))));
  return f64x2.mul(f64x2.mul(anchor, v128.load(TABLE32 + ((<usize>j) << 3))), corr);
}

/** Rounds the power y of step `at` to float32 and stores a * v, or records `at` as undecided. */
// @ts-ignore: decorator
@inline
function geometricPut(y: f64, out: usize, hard: usize, count: i32, at: i32, a: f64): i32 {
  const lo = <f32>(y * (1.0 - EPS_GEO));
  const hi = <f32>(y * (1.0 + EPS_GEO));
  if (lo == hi) {
    store<f32>(out + ((<usize>at) << 2), <f32>(a * <f64>lo));
    return count;
  }
  return record(hard, count, at);
}

function geometric32(
  start: f64, out: usize, hard: usize, n: i32,
  a: f64, d: f64, l1: f64, l2: f64, m1: f64, m2: f64, c: f64,
): i32 {
  for (let j = 0; j < BLOCK; j++) store<f64>(TABLE32 + ((<usize>j) << 3), exp2d(<f64>j, m1, m2));
  const rd = 1.0 / d;
  let count = 0;
  for (let b = 0; b < n; b += BLOCK) {
    const len = min(BLOCK, n - b);
    const k0 = start + <f64>b;
    const blockOut = out + ((<usize>b) << 2);
    // t = M k over the block; the rounding of p moves it by less than |t| 2^-23.
    const t0 = m1 * k0;
    const t1 = m1 * (k0 + <f64>(len - 1));
    const tmin = min(t0, t1);
    const tmax = max(t0, t1);
    if (tmax < -152.0) {
      fill32(blockOut, len, <f32>(a * 0.0)); // below 2^-151: every power rounds to 0
      continue;
    }
    if (tmin > 130.0) {
      fill32(blockOut, len, <f32>(a * Infinity));
      continue;
    }
    if (tmin < -160.0 || tmax > 140.0) {
      // Straddles underflow or overflow by more than the correction's bound covers: per element.
      const hardCount = run(0, k0, blockOut, hard + ((<usize>count) << 2), len, a, d, l1, l2, false, false);
      for (let h = 0; h < hardCount; h++) {
        const at = hard + ((<usize>(count + h)) << 2);
        store<i32>(at, load<i32>(at) + b);
      }
      count += hardCount;
      continue;
    }
    const anchor = exp2d(k0, m1, m2);
    let j = 0;
    if (ASC_FEATURE_SIMD) {
      // Four steps an iteration: two f64x2 powers, both rounding tests on one f32x4.
      const vAnchor = f64x2.splat(anchor);
      const vd = f64x2.splat(d);
      const vrd = f64x2.splat(rd);
      const vc = f64x2.splat(c);
      const down = f64x2.splat(1.0 - EPS_GEO);
      const up = f64x2.splat(1.0 + EPS_GEO);
      const va = f32x4.splat(<f32>a);
      const iota = f64x2.replace_lane(f64x2.splat(k0), 1, k0 + 1.0);
      for (; j + 3 < len; j += 4) {
        const s0 = f64x2.add(iota, f64x2.splat(<f64>j));
        const s1 = f64x2.add(s0, f64x2.splat(2.0));
        const y0 = geometricPower2(s0, vAnchor, j, vd, vrd, vc);
        const y1 = geometricPower2(s1, vAnchor, j + 2, vd, vrd, vc);
        const lo = v128.shuffle<f32>(f32x4.demote_f64x2_zero(f64x2.mul(y0, down)), f32x4.demote_f64x2_zero(f64x2.mul(y1, down)), 0, 1, 4, 5);
        const hi = v128.shuffle<f32>(f32x4.demote_f64x2_zero(f64x2.mul(y0, up)), f32x4.demote_f64x2_zero(f64x2.mul(y1, up)), 0, 1, 4, 5);
        // Bitwise equality: y is finite here (anchors and table are in range), so it is IEEE
        // equality. any_true of the xor, not all_true of an eq: V8 lowers all_true into a
        // sequence that made this loop 2.4 times slower.
        if (!v128.any_true(v128.xor(lo, hi))) {
          // a and v are float32 values, so the float32 product is f32(a v).
          v128.store(blockOut + ((<usize>j) << 2), f32x4.mul(va, lo));
        } else {
          count = geometricPut(f64x2.extract_lane(y0, 0), out, hard, count, b + j, a);
          count = geometricPut(f64x2.extract_lane(y0, 1), out, hard, count, b + j + 1, a);
          count = geometricPut(f64x2.extract_lane(y1, 0), out, hard, count, b + j + 2, a);
          count = geometricPut(f64x2.extract_lane(y1, 1), out, hard, count, b + j + 3, a);
        }
      }
    }
    for (; j < len; j++) count = geometricPut(geometricPower(k0 + <f64>j, anchor, j, d, rd, c), out, hard, count, b + j, a);
  }
  return count;
}

// ---------------------------------------------------------------------------------------------
// The geometric path for a float64 range. The same idea in double-double: y = G 2^(M e) with
// G = A T[j] = 2^(M k) and Keras' p = fl(k/d) = (k + e)/d. e = p d - k is exact with Dekker's
// product (fl(p d) - k is exact by Sterbenz), and |M e| < 2^-42, so 2^(M e) = 1 + c e to 2^-85.
// A and T come from exp2dd (expSplitAccurate) within 2^-94.5 each (M's 2^-106 and t's 1.5 2^-105,
// times |t| <= 1000; the split adds 2^-102), the product G in double-double and the last sums
// 2^-104; with the correction's 2^-85 (2^-88 at most in fact), y is within 2^-84.9, and
// EPS_GEO64 = 2^-82 leaves about 1 element in 2^28 undecided, which go to pow64 (and, rarely, on
// to exact.ts). Before, with A and T from expSplit (2^-70 each) and
// EPS_GEO64 = 2^-67, 1 element in 16000 went to pow64, and half of those on to exact.ts: 31 of a
// million-step range, 0.5 to 1 ms of its 5 (measured side by side, skipping them).

// T[j] = 2^(M j) as hi, lo, and hi split for Dekker: four arrays, so that two neighbours load as
// one vector.
const TABLE64: usize = memory.data(4 * 256 * 8, 16);
const T_HI: usize = 0;
const T_LO: usize = 256 * 8;
const T_HI_HIGH: usize = 2 * 256 * 8;
const T_HI_LOW: usize = 3 * 256 * 8;
const EPS_GEO64: f64 = 2.0679515313825692e-25; // 2^-82
// Results are normal doubles while |t| <= 1000, and 0 or Infinity beyond -1080 and 1030. Below
// t = -960 blocks go element by element to pow64: there y's low parts and the products' errors (y
// 2^-53 and y 2^-106) come near the subnormals, whose roundings (2^-1075 each) reach 2^-72 of y by
// t = -1000, and EPS_GEO64 * gh underflows to 0 from t = -993 (found in review when the window was
// narrowed to 2^-82); from -960 on they stay below 2^-113 of y, and the window is 2^-1042 or more.
const T64_GEOMETRIC: f64 = 1000.0;
const T64_GEOMETRIC_LOW: f64 = -960.0;

// @ts-ignore: decorator
@inline
function fill64(out: usize, len: i32, value: f64): void {
  for (let j = 0; j < len; j++) store<f64>(out + ((<usize>j) << 3), value);
}

/** Decided: stores a * v and returns the count; else tries pow64 for step `at`. */
// @ts-ignore: decorator
@inline
function geometricPut64(lo: f64, hi: f64, p: f64, out: usize, hard: usize, count: i32, at: i32, a: f64, l1: f64, l2: f64): i32 {
  if (lo == hi) {
    store<f64>(out + ((<usize>at) << 3), a * lo);
    return count;
  }
  return put(out, hard, count, at, a, pow64(p, l1, l2), true);
}

function geometric64(
  start: f64, out: usize, hard: usize, n: i32,
  a: f64, d: f64, l1: f64, l2: f64, m1: f64, m2: f64, c: f64,
): i32 {
  for (let j = 0; j < BLOCK; j++) {
    const at = TABLE64 + ((<usize>j) << 3);
    const hi = exp2dd(<f64>j, m1, m2);
    store<f64>(at + T_HI, hi);
    store<f64>(at + T_LO, lowPart());
    const high = splitHigh(hi);
    store<f64>(at + T_HI_HIGH, high);
    store<f64>(at + T_HI_LOW, hi - high);
  }
  const dh = splitHigh(d);
  const dl = d - dh;
  let count = 0;
  for (let b = 0; b < n; b += BLOCK) {
    const len = min(BLOCK, n - b);
    const k0 = start + <f64>b;
    const blockOut = out + ((<usize>b) << 3);
    // The same block classes as geometric32, with float64's limits. (Factoring them into one
    // function made both geometric loops 15% slower, measured: the duplication is deliberate.)
    const t0 = m1 * k0;
    const t1 = m1 * (k0 + <f64>(len - 1));
    const tmin = min(t0, t1);
    const tmax = max(t0, t1);
    if (tmax < -1080.0) {
      fill64(blockOut, len, a * 0.0);
      continue;
    }
    if (tmin > 1030.0) {
      fill64(blockOut, len, a * Infinity);
      continue;
    }
    if (tmin < T64_GEOMETRIC_LOW || tmax > T64_GEOMETRIC) {
      const hardCount = run(0, k0, blockOut, hard + ((<usize>count) << 2), len, a, d, l1, l2, false, true);
      for (let h = 0; h < hardCount; h++) {
        const at = hard + ((<usize>(count + h)) << 2);
        store<i32>(at, load<i32>(at) + b);
      }
      count += hardCount;
      continue;
    }
    const ah = exp2dd(k0, m1, m2);
    const al = lowPart();
    const ahh = splitHigh(ah);
    const ahl = ah - ahh;
    let j = 0;
    if (ASC_FEATURE_SIMD) {
      const vd = f64x2.splat(d);
      const vdh = f64x2.splat(dh);
      const vdl = f64x2.splat(dl);
      const vc = f64x2.splat(c);
      const vah = f64x2.splat(ah);
      const val = f64x2.splat(al);
      const vahh = f64x2.splat(ahh);
      const vahl = f64x2.splat(ahl);
      const veps = f64x2.splat(EPS_GEO64);
      const split = f64x2.splat(134217729.0);
      const iota = f64x2.replace_lane(f64x2.splat(k0), 1, k0 + 1.0);
      for (; j + 1 < len; j += 2) {
        const s = f64x2.add(iota, f64x2.splat(<f64>j));
        const p = f64x2.div(s, vd);
        const pd = f64x2.mul(p, vd);
        const cp = f64x2.mul(split, p);
        const ph = f64x2.sub(cp, f64x2.sub(cp, p));
        const pl = f64x2.sub(p, ph);
        const pdErr = f64x2.add(
          f64x2.add(f64x2.add(f64x2.sub(f64x2.mul(ph, vdh), pd), f64x2.mul(ph, vdl)), f64x2.mul(pl, vdh)),
          f64x2.mul(pl, vdl),
        );
        const ce = f64x2.mul(vc, f64x2.add(f64x2.sub(pd, s), pdErr));
        const at = TABLE64 + ((<usize>j) << 3);
        const th = v128.load(at + T_HI);
        const gh = f64x2.mul(vah, th);
        const ghErr = f64x2.add(
          f64x2.add(
            f64x2.add(f64x2.sub(f64x2.mul(vahh, v128.load(at + T_HI_HIGH)), gh), f64x2.mul(vahh, v128.load(at + T_HI_LOW))),
            f64x2.mul(vahl, v128.load(at + T_HI_HIGH)),
          ),
          f64x2.mul(vahl, v128.load(at + T_HI_LOW)),
        );
        const gl = f64x2.add(ghErr, f64x2.add(f64x2.mul(vah, v128.load(at + T_LO)), f64x2.mul(val, th)));
        const yl = f64x2.add(gl, f64x2.mul(gh, ce));
        const eps = f64x2.mul(veps, gh);
        const lo = f64x2.add(gh, f64x2.sub(yl, eps));
        const hi = f64x2.add(gh, f64x2.add(yl, eps));
        if (i64x2.bitmask(f64x2.eq(lo, hi)) == 3) {
          v128.store(blockOut + ((<usize>j) << 3), f64x2.mul(f64x2.splat(a), lo));
        } else {
          count = geometricPut64(f64x2.extract_lane(lo, 0), f64x2.extract_lane(hi, 0), f64x2.extract_lane(p, 0), out, hard, count, b + j, a, l1, l2);
          count = geometricPut64(f64x2.extract_lane(lo, 1), f64x2.extract_lane(hi, 1), f64x2.extract_lane(p, 1), out, hard, count, b + j + 1, a, l1, l2);
        }
      }
    }
    for (; j < len; j++) {
      const s = k0 + <f64>j;
      const p = s / d;
      const pd = p * d;
      const ph = splitHigh(p);
      const ce = c * ((pd - s) + twoProductErrorSplit(ph, p - ph, dh, dl, pd));
      const at = TABLE64 + ((<usize>j) << 3);
      const th = load<f64>(at + T_HI);
      const gh = ah * th;
      const gl = twoProductErrorSplit(ahh, ahl, load<f64>(at + T_HI_HIGH), load<f64>(at + T_HI_LOW), gh) + (ah * load<f64>(at + T_LO) + al * th);
      const yl = gl + gh * ce;
      const eps = EPS_GEO64 * gh;
      count = geometricPut64(gh + (yl - eps), gh + (yl + eps), p, out, hard, count, b + j, a, l1, l2);
    }
  }
  return count;
}

/** The float32 pipeline: a, d and r are float32 values. */
export function exponentialDecay32(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  const a = param(params, A);
  const d = param(params, D);
  const l1 = param(params, L1);
  const l2 = param(params, L2);
  const staircase = param(params, STAIRCASE) != 0;
  const m1 = param(params, M1);
  if (!steps && staircase) return stairs(start, out, hard, n, a, d, l1, l2, false);
  if (!steps && geometricApplies(start, n, d, m1))
    return geometric32(start, out, hard, n, a, d, l1, l2, m1, param(params, M2), param(params, C));
  return run(steps, start, out, hard, n, a, d, l1, l2, staircase, false);
}

/** The float64 pipeline. */
export function exponentialDecay64(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  const a = param(params, A);
  const d = param(params, D);
  const l1 = param(params, L1);
  const l2 = param(params, L2);
  const staircase = param(params, STAIRCASE) != 0;
  const m1 = param(params, M1);
  if (!steps && staircase) return stairs(start, out, hard, n, a, d, l1, l2, true);
  // Range bounds are within 2^53, so every step is exact: the table's span matters, and p = k/d
  // staying finite (as for float32).
  if (!steps && Math.abs(m1) * <f64>BLOCK <= MAX_SPAN && max(Math.abs(start), Math.abs(start + <f64>n)) / d < Infinity)
    return geometric64(start, out, hard, n, a, d, l1, l2, m1, param(params, M2), param(params, C));
  return run(steps, start, out, hard, n, a, d, l1, l2, staircase, true);
}
