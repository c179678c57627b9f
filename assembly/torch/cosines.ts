// math.cos of given arguments, correctly rounded (../numerics/cos.ts's cos64), for the torch
// schedulers whose cosine's argument is not a plain function of the step: CosineAnnealingWarmRestarts
// (pi * T_cur / T_i) and OneCycleLR (pi * pct). src/torch/kernels.ts computes the arguments, in
// Python's order, and passes them as the steps array; an element whose rounding cannot be decided
// here goes to the hard list and is decided exactly (src/exact/cos.ts) before anyone reads it.
//
// The torch schedulers' arguments come in order (pi * pct grows within a phase, pi * T_cur / T_i
// within a cycle, CosineAnnealingLR's pi * t / T_max along the range), so consecutive ones share a
// cosine anchor for thousands of elements below pi: two in a row at one anchor (not the one at
// pi/2) take the run step (cosRun64x2 / cosRun64), with the anchor's constants set once until the
// anchor changes; the SIMD build takes other pairs with cos64x2, and a pair with an undecided or a
// non-finite lane element by element with cos64. Every path gives cos64's bits where it decides,
// so which elements take which path changes no result.
//
// JS twin: cosines.twin.ts. Calling convention: ../abi.ts (steps must not be 0).

import {
  anchor64Of, anchors64Of, ANCHOR_HALF_PI, cos64, cos64x2, cosRun64, cosRun64x2, lanesUndecided, LIMIT, NEAR64, sameAnchor64,
} from "../numerics/cos";
import { wasUndecided } from "../numerics/undecided";
import { record } from "../abi";

/** The last anchor (B_512 = pi): anchors past it are not in the table. */
const LAST_ANCHOR: f64 = 512.0;

/** cos64 of element i of x into out, or i recorded; returns the count, or -1 - i if x[i] is not finite. */
function one(x: usize, out: usize, hard: usize, count: i32, i: i32): i32 {
  const t = load<f64>(x + ((<usize>i) << 3));
  if (!(t - t == 0.0)) return -1 - i;
  const c = cos64(t);
  if (wasUndecided()) return record(hard, count, i);
  store<f64>(out + ((<usize>i) << 3), c);
  return count;
}

/** The SIMD build: pairs, at the held anchor (the run step) or each lane at its own (cos64x2). */
function pairs(x: usize, out: usize, hard: usize, n: i32): i32 {
  const limit = f64x2.splat(LIMIT);
  // The anchor sameAnchor64 holds (none yet: NaN equals no anchor).
  let held = f64x2.splat(NaN);
  let count = 0;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const t = v128.load(x + ((<usize>i) << 3));
    // "not <" also catches NaN and infinite lanes.
    if (!v128.any_true(v128.not(f64x2.lt(f64x2.abs(t), limit)))) {
      const at = anchors64Of(t);
      if (i64x2.bitmask(f64x2.eq(at, held)) != 3) {
        const j0 = f64x2.extract_lane(at, 0);
        if (j0 == f64x2.extract_lane(at, 1) && j0 >= 0 && j0 <= LAST_ANCHOR && j0 != <f64>ANCHOR_HALF_PI) {
          sameAnchor64(<i32>j0);
          held = f64x2.splat(j0);
        }
      }
      const c = i64x2.bitmask(f64x2.eq(at, held)) == 3 ? cosRun64x2(t) : cos64x2(t);
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

/** The scalar build: two in a row at one anchor take the run step, the others cos64. */
function singles(x: usize, out: usize, hard: usize, n: i32): i32 {
  let count = 0;
  let prevJ = -1;
  let heldJ = -1;
  for (let i = 0; i < n; i++) {
    const t = load<f64>(x + ((<usize>i) << 3));
    if (!(t - t == 0.0)) return -1 - i;
    let c: f64 = NaN;
    if (t >= 0 && t < NEAR64) {
      const j = anchor64Of(t);
      if (j == prevJ && j != ANCHOR_HALF_PI) {
        if (j != heldJ) {
          sameAnchor64(j);
          heldJ = j;
        }
        c = cosRun64(t);
      }
      prevJ = j;
    }
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
