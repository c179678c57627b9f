// math.cos of given arguments, correctly rounded (../numerics/cos.ts's cos64), for the torch
// schedulers whose cosine's argument is not a plain function of the step: CosineAnnealingWarmRestarts
// (pi * T_cur / T_i) and OneCycleLR (pi * pct). src/torch/kernels.ts computes the arguments, in
// Python's order, and passes them as the steps array; an element whose rounding cannot be decided
// here goes to the hard list and is decided exactly (src/exact/cos.ts) before anyone reads it.
//
// The torch schedulers' arguments come in order (pi * pct grows within a phase, pi * T_cur / T_i
// within a cycle, CosineAnnealingLR's pi * t / T_max along the range, past pi too), so consecutive
// ones share a cosine anchor, or its image in a later period, for thousands of elements: two in a
// row in one run (runHolds64: an anchor other than the one at pi/2, in any period) hold it and take
// the run step (cosRun64x2 / cosRun64 of s (x - M)), with the run's constants set once until an
// argument leaves it; the SIMD build takes other pairs with cos64x2, and a pair with an undecided
// or a non-finite lane element by element with cos64. Every path gives cos64's bits where it
// decides, so which elements take which path changes no result.
//
// JS twin: cosines.twin.ts. Calling convention: ../abi.ts (steps must not be 0).

import {
  cos64, cos64x2, cosRun64, cosRun64x2, lanesUndecided, LIMIT, runHi64, runHolds64, runLo64, runShift64, runSign64,
} from "../numerics/cos";
import { wasUndecided } from "../numerics/undecided";
import { record } from "../abi";

/** cos64 of element i of x into out, or i recorded; returns the count, or -1 - i if x[i] is not finite. */
function one(x: usize, out: usize, hard: usize, count: i32, i: i32): i32 {
  const t = load<f64>(x + ((<usize>i) << 3));
  if (!(t - t == 0.0)) return -1 - i;
  const c = cos64(t);
  if (wasUndecided()) return record(hard, count, i);
  store<f64>(out + ((<usize>i) << 3), c);
  return count;
}

/** The SIMD build: pairs in the held run (the run step), or each lane at its own anchor (cos64x2). */
function pairs(x: usize, out: usize, hard: usize, n: i32): i32 {
  const limit = f64x2.splat(LIMIT);
  // The held run's arguments [lo, hi] (none yet: no x is in [inf, -inf]), its shift and sign.
  let lo = f64x2.splat(Infinity);
  let hi = f64x2.splat(-Infinity);
  let shift = f64x2.splat(0);
  let sign = f64x2.splat(1);
  let count = 0;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const t = v128.load(x + ((<usize>i) << 3));
    let inRun = i64x2.bitmask(v128.and(f64x2.ge(t, lo), f64x2.le(t, hi))) == 3;
    if (!inRun && runHolds64(f64x2.extract_lane(t, 0), f64x2.extract_lane(t, 1))) {
      lo = f64x2.splat(runLo64());
      hi = f64x2.splat(runHi64());
      shift = f64x2.splat(runShift64());
      sign = f64x2.splat(runSign64());
      inRun = i64x2.bitmask(v128.and(f64x2.ge(t, lo), f64x2.le(t, hi))) == 3;
    }
    // "not <" also catches NaN and infinite lanes.
    if (inRun || !v128.any_true(v128.not(f64x2.lt(f64x2.abs(t), limit)))) {
      const c = inRun ? cosRun64x2(f64x2.mul(sign, f64x2.sub(t, shift))) : cos64x2(t);
      if (!lanesUndecided()) {
        v128.store(out + ((<usize>i) << 3), c);
        continue;
      }
    }
    count = one(x, out, hard, count, i);
    if (count < 0) return count;
    count = one(x, out, hard, count, i + 1);
    if (count < 0) return count;
  }
  if (i < n) count = one(x, out, hard, count, i);
  return count;
}

/** The scalar build: two in a row in one run hold it and take the run step, the others cos64. */
function singles(x: usize, out: usize, hard: usize, n: i32): i32 {
  let count = 0;
  let prev: f64 = NaN;
  let lo: f64 = Infinity;
  let hi: f64 = -Infinity;
  let shift: f64 = 0;
  let sign: f64 = 1;
  for (let i = 0; i < n; i++) {
    const t = load<f64>(x + ((<usize>i) << 3));
    if (!(t - t == 0.0)) return -1 - i;
    let c: f64 = NaN;
    let inRun = t >= lo && t <= hi;
    if (!inRun && runHolds64(prev, t)) {
      lo = runLo64();
      hi = runHi64();
      shift = runShift64();
      sign = runSign64();
      inRun = true;
    }
    if (inRun) c = cosRun64(sign * (t - shift));
    prev = t;
    if (c != c) {
      c = cos64(t);
      if (wasUndecided()) {
        count = record(hard, count, i);
        continue;
      }
    }
    store<f64>(out + ((<usize>i) << 3), c);
  }
  return count;
}

/**
 * out[i] = cos(x[i]) for i in [0, n) (out may be x), or i recorded in hard; returns the count, or
 * -1 - i for the first x[i] that is not finite.
 */
export function cosinesAt(x: usize, out: usize, hard: usize, n: i32): i32 {
  if (ASC_FEATURE_SIMD) return pairs(x, out, hard, n);
  return singles(x, out, hard, n);
}

export function cosines64(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  return cosinesAt(steps, out, hard, n);
}
