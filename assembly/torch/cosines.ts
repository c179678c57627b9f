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
// argument leaves it; the SIMD build takes other pairs with cos64x2 (two pairs a body, cos64x2x2,
// where arguments lie too far apart for runs), and a pair with an undecided or a non-finite lane
// (or one past REACH) element by element with cos64. Every path gives cos64's bits where it
// decides, so which elements take which path changes no result.
//
// JS twin: cosines.twin.ts. Calling convention: ../abi.ts (steps must not be 0).

import {
  cos64, cos64x2, cos64x2x2, secondPair, cosRun64, cosRun64x2, lanesUndecided, REACH, runHi64, runHolds64, runLo64, runShift64, runSign64,
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

/** A run's width: one anchor's reach, pi/512 (cos.ts' STEP64). */
const RUN_SPAN: f64 = 0.006135923151542565;
/**
 * The SIMD build looks for a run only where a pair's arguments lie at most RUN_SPAN / MIN_RUN_STEPS
 * apart: a run then holds about that many steps or more. For shorter runs, runHolds64's setup cost
 * more than it saved: CosineAnnealingLR with T_max 1000 (about two steps a run) spent as long in
 * runHolds64 as in cos64x2, 1.00 times the user's loop, 1.21 times with the gate (3 and 6 measured
 * worse at T_max 1000 or 3000). Where the gate refuses, two pairs at a time take cos64x2x2
 * (T_max 1000: 1.20 -> 1.45 times the user's loop; with it, a gate of 8 measured the same from
 * T_max 2000 to 10000). Either path gives cos64's bits; the scalar build (and the twin, whose
 * cos64 costs more against a run's setup) keep looking for runs at every pair.
 */
const MIN_RUN_STEPS: f64 = 4.0;

/** The SIMD build: pairs in the held run (the run step), or each lane at its own anchor (cos64x2). */
function pairs(x: usize, out: usize, hard: usize, n: i32): i32 {
  // The vector cosines' reach (cos64x2 and cos64x2x2 reduce up to REACH).
  const limit = f64x2.splat(REACH);
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
    const t0 = f64x2.extract_lane(t, 0), t1 = f64x2.extract_lane(t, 1);
    if (!inRun) {
      if (Math.abs(t1 - t0) * MIN_RUN_STEPS <= RUN_SPAN) {
        if (runHolds64(t0, t1)) {
          lo = f64x2.splat(runLo64());
          hi = f64x2.splat(runHi64());
          shift = f64x2.splat(runShift64());
          sign = f64x2.splat(runSign64());
          inRun = i64x2.bitmask(v128.and(f64x2.ge(t, lo), f64x2.le(t, hi))) == 3;
        }
      } else if (i + 3 < n) {
        // Arguments too far apart for runs: this pair and the next in one body (cos64x2x2, their
        // dependency chains side by side), where all four lanes are in its domain.
        const u = v128.load(x + ((<usize>i) << 3), 16);
        if (!v128.any_true(v128.not(v128.and(f64x2.lt(f64x2.abs(t), limit), f64x2.lt(f64x2.abs(u), limit))))) {
          const c = cos64x2x2(t, u);
          if (!lanesUndecided()) {
            v128.store(out + ((<usize>i) << 3), c);
            v128.store(out + ((<usize>i) << 3), secondPair(), 16);
            i += 2;
            continue;
          }
        }
      }
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
