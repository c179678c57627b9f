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
// CosineAnnealingLR's run kernel (cosineAnnealingLR.ts) has the SIMD build's pass carry the scan
// of the chunk before (cosinesAnnealing, below): its chain of dependent operations, three a step,
// then waits beside the cosines' independent ones instead of after them.
//
// JS twin: cosines.twin.ts (cosineAnnealingLR.twin.ts has the scan's). Calling convention: ../abi.ts (steps must not be 0).

import {
  cos64, cos64x2, cos64x2x2, secondPair, cosRun64, cosRun64x2, lanesUndecided, REACH, runHi64, runHolds64, runLo64, runShift64, runSign64,
} from "../numerics/cos";
import { wasUndecided } from "../numerics/undecided";
import { param, record } from "../abi";
import { ADD, DEN, ETA, LR, PERIOD, POST, PRE, RESTART } from "./cosineAnnealingRun.params";

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

/**
 * The two forms of CosineAnnealingLR's run kernel, as a type argument (resolved at compile time):
 * Plain, the scheduler alone; Scaled, the lr times pre before each step and times post after it
 * (ExponentialLR's gamma chained before or after it: ChainedScheduler). Two forms, not pre = post
 * = 1 in one: the two products on the scan's chain cost a range of CosineAnnealingLR alone 30%
 * (7.7 against 5.9 ms), and a branch on them 3 to 6%.
 */
export type Plain = i32;
export type Scaled = f64;

/**
 * CosineAnnealingLR's step j of a chunk (its run kernel, cosineAnnealingLR.ts): PyTorch's
 * `ratio * (lr - eta_min) + eta_min`, ratio = num / den = (1 + c[j]) / (1 + c[j - 1]), or at a
 * restart (where den is 0) `lr + add`; Scaled, of the lr times pre, then times post.
 */
// @ts-ignore: decorator
@inline
function annealStep<S>(lr: f64, num: f64, den: f64, eta: f64, add: f64, restart: bool, pre: f64, post: f64): f64 {
  if (isFloat<S>()) {
    const l = lr * pre;
    if (restart) return (l + add) * post;
    return ((num / den) * (l - eta) + eta) * post;
  }
  if (restart) return lr + add;
  return (num / den) * (lr - eta) + eta;
}

/**
 * CosineAnnealingLR's steps of a chunk from its cosines c[0 .. n) (the run kernel's parameter
 * block `anneal`: cosineAnnealingRun.params.ts), the lr after each into lrOut; the scalar build's
 * (and the twin's) whole scan before the next chunk's cosines overwrite c.
 */
function annealScan<S>(anneal: usize, c: usize, lrOut: usize, n: i32): void {
  const eta = param(anneal, ETA), add = param(anneal, ADD), period = <i32>param(anneal, PERIOD);
  const pre = param(anneal, PRE), post = param(anneal, POST);
  let restart = <i32>param(anneal, RESTART);
  let lr = param(anneal, LR), den = param(anneal, DEN);
  for (let j = 0; j < n; j++) {
    const num = 1.0 + load<f64>(c + ((<usize>j) << 3));
    lr = annealStep<S>(lr, num, den, eta, add, j == restart, pre, post);
    if (j == restart) restart += period;
    store<f64>(lrOut + ((<usize>j) << 3), lr);
    den = num;
  }
  store<f64>(anneal + ((<usize>LR) << 3), lr);
  store<f64>(anneal + ((<usize>DEN) << 3), den);
}

/**
 * The SIMD build: pairs in the held run (the run step), or each lane at its own anchor (cos64x2).
 * With scanN > 0 (CosineAnnealingLR's run kernel), the pass carries the scan of the chunk before
 * (annealScan's, the same operations), whose cosines are out[0 .. scanN): two or four steps ahead
 * of the pair it overwrites, so that the scan's chain of dependent operations runs in the shadow
 * of the cosines' independent ones.
 */
function pairs<S>(x: usize, out: usize, hard: usize, n: i32, anneal: usize, lrOut: usize, scanN: i32): i32 {
  // The vector cosines' reach (cos64x2 and cos64x2x2 reduce up to REACH).
  const limit = f64x2.splat(REACH);
  // The scan's state (annealScan's), read only where there is one; lane 1 of dens is the den.
  let j = 0, restart = -1, period = 0;
  let lr: f64 = 0, eta: f64 = 0, add: f64 = 0, pre: f64 = 1, post: f64 = 1;
  let dens = f64x2.splat(0);
  if (scanN > 0) {
    eta = param(anneal, ETA);
    add = param(anneal, ADD);
    pre = param(anneal, PRE);
    post = param(anneal, POST);
    period = <i32>param(anneal, PERIOD);
    restart = <i32>param(anneal, RESTART);
    lr = param(anneal, LR);
    dens = f64x2.splat(param(anneal, DEN));
  }
  const ones = f64x2.splat(1.0);
  // The held run's arguments [lo, hi] (none yet: no x is in [inf, -inf]), its shift and sign.
  let lo = f64x2.splat(Infinity);
  let hi = f64x2.splat(-Infinity);
  let shift = f64x2.splat(0);
  let sign = f64x2.splat(1);
  let count = 0;
  let i = 0;
  for (; ; i += 2) {
    if (j < scanN) {
      // The scan's steps up to i + 4 (all of them once the pairs are done), before this pair's
      // (or two pairs') cosines overwrite the cosines they read; two steps at a time, their 1 + c
      // and ratios as f64x2 (the same IEEE operations, lane by lane), the chain through them scalar.
      const stop = i + 1 < n ? min(i + 4, scanN) : scanN;
      for (; j + 1 < stop; j += 2) {
        const nums = f64x2.add(ones, v128.load(out + ((<usize>j) << 3)));
        const ratios = f64x2.div(nums, v128.shuffle<f64>(dens, nums, 1, 2));
        if (<u32>(restart - j) < 2) {
          const n0 = f64x2.extract_lane(nums, 0);
          lr = annealStep<S>(lr, n0, f64x2.extract_lane(dens, 1), eta, add, j == restart, pre, post);
          store<f64>(lrOut + ((<usize>j) << 3), lr);
          lr = annealStep<S>(lr, f64x2.extract_lane(nums, 1), n0, eta, add, j + 1 == restart, pre, post);
          restart += period;
        } else if (isFloat<S>()) {
          lr = (f64x2.extract_lane(ratios, 0) * (lr * pre - eta) + eta) * post;
          store<f64>(lrOut + ((<usize>j) << 3), lr);
          lr = (f64x2.extract_lane(ratios, 1) * (lr * pre - eta) + eta) * post;
        } else {
          lr = f64x2.extract_lane(ratios, 0) * (lr - eta) + eta;
          store<f64>(lrOut + ((<usize>j) << 3), lr);
          lr = f64x2.extract_lane(ratios, 1) * (lr - eta) + eta;
        }
        store<f64>(lrOut + ((<usize>j) << 3), lr, 8);
        dens = nums;
      }
      if (j < stop) {
        // The last step of an odd count (stop = scanN).
        const num = 1.0 + load<f64>(out + ((<usize>j) << 3));
        lr = annealStep<S>(lr, num, f64x2.extract_lane(dens, 1), eta, add, j == restart, pre, post);
        store<f64>(lrOut + ((<usize>j) << 3), lr);
        dens = f64x2.splat(num);
        j++;
      }
    }
    if (i + 1 >= n) break;
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
  if (scanN > 0) {
    store<f64>(anneal + ((<usize>LR) << 3), lr);
    store<f64>(anneal + ((<usize>DEN) << 3), f64x2.extract_lane(dens, 1));
  }
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
  if (ASC_FEATURE_SIMD) return pairs<Plain>(x, out, hard, n, 0, 0, 0);
  return singles(x, out, hard, n);
}

/**
 * CosineAnnealingLR's run kernel's pass (S: Plain or Scaled): annealScan of the chunk whose cosines are out[0 .. scanN)
 * into lrOut, and cosinesAt(x, out, hard, n) of the next chunk (the SIMD build one pass that
 * carries the scan, the scalar build the scan first).
 */
export function cosinesAnnealing<S>(x: usize, out: usize, hard: usize, n: i32, anneal: usize, lrOut: usize, scanN: i32): i32 {
  if (ASC_FEATURE_SIMD) return pairs<S>(x, out, hard, n, anneal, lrOut, scanN);
  annealScan<S>(anneal, out, lrOut, scanN);
  return singles(x, out, hard, n);
}

export function cosines64(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  return cosinesAt(steps, out, hard, n);
}
