// CosineDecay over many steps, with Keras' optional linear warm-up, as docs/NUMERICS.md defines
// it for float32 and float64:
//
//   decay(x, from) = from * ((A * (0.5 * (1 + cos(pi_R * (x / d))))) + alpha)
//   no warm-up: decay(min(s, d), a)
//   warm-up:    s' = min(s, d + WS);  s' < WS ? (W - a) * (s' / WS) + a : decay(s' - WS, W)
//
// every operation rounded to the dtype, cos correctly rounded (../numerics/cos.ts).
//
// JS twin: cosineDecay.twin.ts, the same functions with the same operations in the same order.
// Facade: src/keras/cosineDecay.ts. Calling convention: ../abi.ts, with the parameters below.

import {
  anchor64Of, anchors64Of, anchorOf, ANCHOR_HALF_PI, cos32, cos32x4, cos64, cos64x2, cosRun32x4, cosRun64, cosRun64x2, lanesUndecided, LIMIT, NEAR, NEAR64, sameAnchor,
  sameAnchor64, setAnchors,
} from "../numerics/cos";
import { wasUndecided } from "../numerics/undecided";
import { fill32, param, record } from "../abi";
import { setSplat32, splatAt } from "../numerics/splats";
import { A, D, HALF, ALPHA, PI, WARMUP, W, WS, END, DELTA } from "./cosineDecay.params";

/** x rounded to the dtype: float32 through a demotion, float64 as it is. */
// @ts-ignore: decorator
@inline
function r(x: f64, wide: bool): f64 {
  return wide ? x : <f64><f32>x;
}

/**
 * The learning rate at one step; if the cosine was undecided, garbage with the undecided flag up
 * (the caller asks wasUndecided()).
 */
// @ts-ignore: decorator
@inline
function one(step: f64, params: usize, warmup: bool, wide: bool): f64 {
  const s = r(step, wide);
  let x: f64;
  let from: f64;
  if (warmup) {
    const sw = min(s, param(params, END));
    const ws = param(params, WS);
    if (sw < ws) return r(r(param(params, DELTA) * r(sw / ws, wide), wide) + param(params, A), wide);
    x = r(sw - ws, wide);
    from = param(params, W);
  } else {
    x = min(s, param(params, D));
    from = param(params, A);
  }
  const t = r(param(params, PI) * r(x / param(params, D), wide), wide);
  const c = wide ? cos64(t) : cos32(t);
  return r(from * r(r(param(params, HALF) * r(1.0 + c, wide), wide) + param(params, ALPHA), wide), wide);
}

/** Stores the value of step i, or records i if its cosine was undecided; returns the count. */
// @ts-ignore: decorator
@inline
function put(out: usize, hard: usize, count: i32, i: i32, v: f64, wide: bool): i32 {
  if (wasUndecided()) return record(hard, count, i);
  if (wide) store<f64>(out + ((<usize>i) << 3), v);
  else store<f32>(out + ((<usize>i) << 2), <f32>v);
  return count;
}

// ---------------------------------------------------------------------------------------------
// float32 with SIMD, four steps an iteration. Every operation but the cosine is a float32
// operation on float32 values, so f32x4 arithmetic gives the pipeline's bits directly; the cosine
// is cos32x4, each lane cos32's. A group that has a lane the rounding test cannot decide, or an
// argument the vector cosine does not take (|t| >= NEAR, from negative steps before 0, or NaN), is
// redone element by element.
//
// Ranges: t is a non-decreasing function of the step (every operation is monotone, and warming
// steps take t = 0 before the decay's t >= 0), so from a step with t >= 0 on, the steps whose t
// has one anchor (numerics/cos.ts) form a run, found by bisection on tAt; each run sets its anchor
// once and its groups take no anchor lookup. Arrays look up each group's anchors.

/** The argument t of the cosine at range index k, as the vector loop computes it (0 while warming). */
// @ts-ignore: decorator
@inline
function tAt(params: usize, start: f64, k: i32, warmup: bool): f32 {
  const s = <f32>(start + <f64>k);
  const d = <f32>param(params, D);
  if (warmup) {
    const sw = min(s, <f32>param(params, END));
    const ws = <f32>param(params, WS);
    return sw < ws ? <f32>0 : <f32>param(params, PI) * ((sw - ws) / d);
  }
  return <f32>param(params, PI) * (min(s, d) / d);
}

/** The float64 argument t of the cosine at range index k, as one() computes it (0 while warming). */
// @ts-ignore: decorator
@inline
function tAt64(params: usize, start: f64, k: i32, warmup: bool): f64 {
  const s = start + <f64>k;
  const d = param(params, D);
  if (warmup) {
    const sw = min(s, param(params, END));
    const ws = param(params, WS);
    return sw < ws ? 0.0 : param(params, PI) * ((sw - ws) / d);
  }
  return param(params, PI) * (min(s, d) / d);
}

/**
 * Whether range index k's t lies in anchor j's run: in the near path's reach, with anchor j (the
 * float32 path's, or float64's when wide).
 */
// @ts-ignore: decorator
@inline
function inRun(params: usize, start: f64, k: i32, warmup: bool, j: i32, wide: bool): bool {
  if (wide) {
    const t = tAt64(params, start, k, warmup);
    return t < NEAR64 && anchor64Of(t) == j;
  }
  const t = tAt(params, start, k, warmup);
  return t < NEAR && anchorOf(<f64>t) == j;
}

/** The end of the run from index i (whose t >= 0 has anchor j): the first index after it, or n. */
function runEnd(params: usize, start: f64, i: i32, n: i32, warmup: bool, j: i32, wide: bool): i32 {
  // Galloping, then bisection: lo is in the run, hi is not (or is n).
  let lo = i;
  let hi = i + 1;
  let stride = 1;
  while (hi < n && inRun(params, start, hi, warmup, j, wide)) {
    lo = hi;
    stride <<= 1;
    hi = min(n, lo + stride);
  }
  while (hi - lo > 1) {
    const mid = lo + ((hi - lo) >> 1);
    if (inRun(params, start, mid, warmup, j, wide)) lo = mid;
    else hi = mid;
  }
  return hi;
}

// A run's kind: no warm-up; warm-up, with steps that may still be warming (anchor 0, whose t = 0
// they take); warm-up, all past it (any other anchor).
const PLAIN = 0;
const WARMING = 1;
const WARMED = 2;

// A run's parameters as f32x4 splats, in SPLATS (../numerics/splats.ts), by slot.
const S_A = 0;
const S_D = 1;
const S_PI = 2;
const S_HALF = 3;
const S_ALPHA = 4;
const S_W = 5;
const S_WS = 6;
const S_DELTA = 7;

/** Parameter `slot` as four float32s, in splat slot `to`. */
// @ts-ignore: decorator
@inline
function splat(params: usize, slot: i32, to: i32): void {
  setSplat32(to, <f32>param(params, slot));
}

/** The learning rates from the cosines c, from `from` (A or W): from * ((H * (1 + c)) + alpha). */
// @ts-ignore: decorator
@inline
function decay4(c: v128, from: i32): v128 {
  return f32x4.mul(splatAt(from), f32x4.add(f32x4.mul(splatAt(S_HALF), f32x4.add(f32x4.splat(1.0), c)), splatAt(S_ALPHA)));
}

/**
 * Four steps' learning rates at the anchor sameAnchor set, with the parameters in SPLATS;
 * lanesUndecided() if the cosine could not decide a lane.
 */
// @ts-ignore: decorator
@inline
function runGroup(s: v128, kind: i32): v128 {
  // A run's steps lie at or below the clamp (run32x4), so min(s, d) and min(s, d + WS) are s.
  if (kind == PLAIN) return decay4(cosRun32x4(f32x4.mul(splatAt(S_PI), f32x4.div(s, splatAt(S_D)))), S_A);
  if (kind == WARMED) return decay4(cosRun32x4(f32x4.mul(splatAt(S_PI), f32x4.div(f32x4.sub(s, splatAt(S_WS)), splatAt(S_D)))), S_W);
  const warm = f32x4.lt(s, splatAt(S_WS));
  const warmValue = f32x4.add(f32x4.mul(splatAt(S_DELTA), f32x4.div(s, splatAt(S_WS))), splatAt(S_A));
  // Four warming steps take no cosine (the run of anchor 0 holds every warming step). bitmask, not
  // all_true: V8 (Node 20) lowers all_true slowly.
  if (i32x4.bitmask(warm) == 15) return warmValue;
  const x = decay4(cosRun32x4(v128.andnot(f32x4.mul(splatAt(S_PI), f32x4.div(f32x4.sub(s, splatAt(S_WS)), splatAt(S_D))), warm)), S_W);
  return v128.or(v128.and(warmValue, warm), v128.andnot(x, warm));
}

/**
 * The groups of range indices [i, end) (end - i a multiple of 4, all in anchor j's run), with
 * the anchor's and the parameters' vectors made once, eight steps an iteration (two groups: the
 * cosine's latency hides behind the other's); returns where it stopped: at end, or at a group with
 * an undecided cosine (the caller redoes that one element by element through the general body).
 */
// @ts-ignore: decorator
@inline
function runOf(params: usize, start: f64, out: usize, i: i32, end: i32, j: i32, kind: i32): i32 {
  sameAnchor(j);
  splat(params, A, S_A);
  splat(params, D, S_D);
  splat(params, PI, S_PI);
  splat(params, HALF, S_HALF);
  splat(params, ALPHA, S_ALPHA);
  splat(params, W, S_W);
  splat(params, WS, S_WS);
  splat(params, DELTA, S_DELTA);
  // The steps start + i + 0..7 as float32: exact integers converted (rounded to nearest, as the
  // cast) when they fit an i32, else demoted from doubles.
  const small = Math.abs(start) + <f64>end < 2147483648.0;
  let k = i32x4.add(i32x4.splat(<i32>start + i), i32x4(0, 1, 2, 3));
  for (; i < end; i += 8) {
    let s: v128;
    let s4: v128;
    if (small) {
      s = f32x4.convert_i32x4_s(k);
      s4 = f32x4.convert_i32x4_s(i32x4.add(k, i32x4.splat(4)));
      k = i32x4.add(k, i32x4.splat(8));
    } else {
      const b = f64x2.splat(start + <f64>i);
      s = v128.shuffle<f32>(f32x4.demote_f64x2_zero(f64x2.add(b, f64x2(0, 1))), f32x4.demote_f64x2_zero(f64x2.add(b, f64x2(2, 3))), 0, 1, 4, 5);
      s4 = v128.shuffle<f32>(f32x4.demote_f64x2_zero(f64x2.add(b, f64x2(4, 5))), f32x4.demote_f64x2_zero(f64x2.add(b, f64x2(6, 7))), 0, 1, 4, 5);
    }
    const x = runGroup(s, kind);
    if (lanesUndecided()) break;
    v128.store(out + ((<usize>i) << 2), x);
    if (i + 4 == end) return end;
    const x4 = runGroup(s4, kind);
    if (lanesUndecided()) return i + 4;
    v128.store(out + ((<usize>i) << 2), x4, 16);
  }
  return i;
}

/** How many of the range's steps start + i, i < n, lie at or below the clamp c (a float). */
function clampIndex(start: f64, n: i32, c: f64): i32 {
  if (!(start <= c)) return 0;
  if (start + <f64>(n - 1) <= c) return n;
  // c - start rounds: step to the exact boundary from the estimate.
  let k = <i32>min(<f64>n, Math.floor(c - start) + 1);
  while (k > 0 && start + <f64>(k - 1) > c) k--;
  while (k < n && start + <f64>k <= c) k++;
  return k;
}

// One copy, with warm-up a run-time flag, and the scalar fallback called rather than inlined:
// the vector cosine is large, and the Wasm module has a size budget (test/wasm.test.ts).
function run32x4(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32, warmup: bool): i32 {
  const zero = f64x2.splat(0);
  const va = f32x4.splat(<f32>param(params, A));
  const vd = f32x4.splat(<f32>param(params, D));
  const vpi = f32x4.splat(<f32>param(params, PI));
  const vhalf = f32x4.splat(<f32>param(params, HALF));
  const valpha = f32x4.splat(<f32>param(params, ALPHA));
  const vw = f32x4.splat(<f32>param(params, W));
  const vws = f32x4.splat(<f32>param(params, WS));
  const vend = f32x4.splat(<f32>param(params, END));
  const vdelta = f32x4.splat(<f32>param(params, DELTA));
  const ones = f32x4.splat(1.0);
  const near = f32x4.splat(NEAR);
  let count = 0;
  let i = 0;
  // Ranges: the current anchor's run, [.., run) with anchor runJ (none yet: run = 0).
  let run = 0;
  let runJ = 0;
  // A range's runs take only steps at or below the clamp (d, or d + WS with warm-up), where the
  // min is the step itself: the indices before `below`. Every step past the clamp takes the
  // clamp's value, so they are one fill when that value is decided.
  let below = n;
  if (!steps) {
    below = clampIndex(start, n, param(params, warmup ? END : D));
    if (below < n) {
      const v = one32(start + <f64>below, params, warmup);
      if (!wasUndecided()) {
        fill32(out, below, n, <f32>v);
        n = below;
      }
    }
  }
  while (i + 3 < n) {
    if (!steps) {
      if (i >= run) {
        const t0 = tAt(params, start, i, warmup);
        if (t0 >= 0 && t0 < NEAR && i < below) {
          runJ = anchorOf(<f64>t0);
          run = runEnd(params, start, i, below, warmup, runJ, false);
        }
      }
      if (i + 3 < run) {
        const end = i + ((run - i) & ~3);
        if (!warmup) i = runOf(params, start, out, i, end, runJ, PLAIN);
        else if (runJ == 0) i = runOf(params, start, out, i, end, runJ, WARMING);
        else i = runOf(params, start, out, i, end, runJ, WARMED);
        // Done with the run's whole groups, or stopped at one for the general body below.
        if (i + 3 >= n) break;
      }
    }
    let s0: v128;
    let s1: v128;
    if (steps) {
      s0 = v128.load(steps + ((<usize>i) << 3));
      s1 = v128.load(steps + ((<usize>i) << 3), 16);
      // x - x is 0 for finite x and NaN otherwise (then the scalar loop names the index).
      if (v128.any_true(v128.or(f64x2.ne(f64x2.sub(s0, s0), zero), f64x2.ne(f64x2.sub(s1, s1), zero)))) break;
    } else {
      s0 = f64x2.add(f64x2.splat(start + <f64>i), f64x2(0, 1));
      s1 = f64x2.add(f64x2.splat(start + <f64>i), f64x2(2, 3));
    }
    // s = R(step): demotion rounds to nearest, as Keras' cast.
    const s = v128.shuffle<f32>(f32x4.demote_f64x2_zero(s0), f32x4.demote_f64x2_zero(s1), 0, 1, 4, 5);
    // pmin (b < a ? b : a) is min here, where b (d, or d + WS) is positive and finite: a NaN s is
    // kept either way. V8 lowers f32x4.min into a long NaN- and zero-exact sequence (measured: it
    // tripled this loop's time without the cosine).
    let x: v128;
    let from: v128;
    let warm: v128 = f32x4.splat(0);
    let warmValue: v128 = f32x4.splat(0);
    if (warmup) {
      const sw = f32x4.pmin(s, vend);
      warm = f32x4.lt(sw, vws);
      warmValue = f32x4.add(f32x4.mul(vdelta, f32x4.div(sw, vws)), va);
      x = f32x4.sub(sw, vws);
      from = vw;
    } else {
      x = f32x4.pmin(s, vd);
      from = va;
    }
    let t = f32x4.mul(vpi, f32x4.div(x, vd));
    // Warming lanes take no cosine: 0 keeps them in the vector cosine's domain.
    if (warmup) t = v128.andnot(t, warm);
    // "not <" also catches NaN lanes.
    if (!v128.any_true(v128.not(f32x4.lt(f32x4.abs(t), near)))) {
      setAnchors(f32x4.abs(t));
      const c = cos32x4(t);
      if (!lanesUndecided()) {
        let v = f32x4.mul(from, f32x4.add(f32x4.mul(vhalf, f32x4.add(ones, c)), valpha));
        // and/andnot/or rather than bitselect, which V8 lowers slowly on Node 20.
        if (warmup) v = v128.or(v128.and(warmValue, warm), v128.andnot(v, warm));
        v128.store(out + ((<usize>i) << 2), v);
        i += 4;
        continue;
      }
    }
    for (let j = 0; j < 4; j++) {
      const step = steps ? load<f64>(steps + ((<usize>(i + j)) << 3)) : start + <f64>(i + j);
      count = put(out, hard, count, i + j, one32(step, params, warmup), false);
    }
    i += 4;
  }
  for (; i < n; i++) {
    const step = steps ? load<f64>(steps + ((<usize>i) << 3)) : start + <f64>i;
    if (step - step != 0) return -1 - i;
    count = put(out, hard, count, i, one32(step, params, warmup), false);
  }
  return count;
}

/** one() for float32, not inlined: the vector loop's rare fallback and its last few elements. */
function one32(step: f64, params: usize, warmup: bool): f64 {
  return warmup ? one(step, params, true, false) : one(step, params, false, false);
}

// @ts-ignore: decorator
@inline
function run(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32, warmup: bool, wide: bool): i32 {
  let count = 0;
  for (let i = 0; i < n; i++) {
    const step = steps ? load<f64>(steps + ((<usize>i) << 3)) : start + <f64>i;
    if (step - step != 0) return -1 - i;
    count = put(out, hard, count, i, one(step, params, warmup, wide), wide);
  }
  return count;
}

export function cosineDecay32(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  const warmup = param(params, WARMUP) != 0;
  if (ASC_FEATURE_SIMD) return run32x4(params, steps, start, out, hard, n, warmup);
  return warmup ? run(params, steps, start, out, hard, n, true, false) : run(params, steps, start, out, hard, n, false, false);
}

// ---------------------------------------------------------------------------------------------
// float64: every operation but the cosine is a float64 operation, so f64x2 arithmetic gives the
// pipeline's bits two steps at a time; the cosine is cos64's near path on two lanes (cos64x2), or
// in a range's run of one anchor the run step (cosRun64x2), each lane cos64's. A pair with a lane the
// rounding test cannot decide, or an argument the vector cosine does not take (|t| >= LIMIT or
// NaN), is redone element by element. The scalar build takes a range's runs with cosRun64, element
// by element, and everything else with one(). Ranges find their runs as float32's do (tAt64, t
// non-decreasing in the step as there); the run of the anchor at pi/2 (ANCHOR_HALF_PI), whose
// cosines come near 0, takes the general body.

/**
 * Two steps' learning rates at the run's anchor (sameAnchor64), given the parameters as f64x2
 * splats; lanesUndecided() if the cosine could not decide a lane. Kinds PLAIN and WARMED only: a
 * warm-up's run of anchor 0, which holds the warming steps, takes the general body (the Wasm module
 * has a size budget, test/wasm.test.ts, and each kind is a copy of the loop).
 */
// @ts-ignore: decorator
@inline
function runPair(s: v128, kind: i32, va: v128, vd: v128, vpi: v128, vhalf: v128, valpha: v128, vw: v128, vws: v128, vend: v128): v128 {
  if (kind == PLAIN) {
    const c = cosRun64x2(f64x2.mul(vpi, f64x2.div(f64x2.pmin(s, vd), vd)));
    return f64x2.mul(va, f64x2.add(f64x2.mul(vhalf, f64x2.add(f64x2.splat(1.0), c)), valpha));
  }
  const c = cosRun64x2(f64x2.mul(vpi, f64x2.div(f64x2.sub(f64x2.pmin(s, vend), vws), vd)));
  return f64x2.mul(vw, f64x2.add(f64x2.mul(vhalf, f64x2.add(f64x2.splat(1.0), c)), valpha));
}

/**
 * The pairs of range indices [i, end) (end - i even, all in anchor j's run), four steps an
 * iteration (two pairs: the cosine's latency hides behind the other's); returns where it stopped:
 * at end, or at a pair with an undecided cosine (the caller redoes that one element by element).
 */
// @ts-ignore: decorator
@inline
function runOf64(params: usize, start: f64, out: usize, i: i32, end: i32, j: i32, kind: i32): i32 {
  sameAnchor64(j);
  const va = f64x2.splat(param(params, A));
  const vd = f64x2.splat(param(params, D));
  const vpi = f64x2.splat(param(params, PI));
  const vhalf = f64x2.splat(param(params, HALF));
  const valpha = f64x2.splat(param(params, ALPHA));
  const vw = f64x2.splat(param(params, W));
  const vws = f64x2.splat(param(params, WS));
  const vend = f64x2.splat(param(params, END));
  // A range's steps are integers of at most 2^53 (safe integers), so start + i + 1 is exact.
  for (; i < end; i += 4) {
    const s = f64x2.add(f64x2.splat(start + <f64>i), f64x2(0, 1));
    const v = runPair(s, kind, va, vd, vpi, vhalf, valpha, vw, vws, vend);
    if (lanesUndecided()) break;
    v128.store(out + ((<usize>i) << 3), v);
    if (i + 2 == end) return end;
    const v2 = runPair(f64x2.add(s, f64x2.splat(2.0)), kind, va, vd, vpi, vhalf, valpha, vw, vws, vend);
    if (lanesUndecided()) return i + 2;
    v128.store(out + ((<usize>i) << 3), v2, 16);
  }
  return i;
}

/** The float64 loop of the SIMD build: runs of a range, cos64x2 on pairs, one() for the rest. */
function run64x2(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32, warmup: bool): i32 {
  const zero = f64x2.splat(0);
  const va = f64x2.splat(param(params, A));
  const vd = f64x2.splat(param(params, D));
  const vpi = f64x2.splat(param(params, PI));
  const vhalf = f64x2.splat(param(params, HALF));
  const valpha = f64x2.splat(param(params, ALPHA));
  const vw = f64x2.splat(param(params, W));
  const vws = f64x2.splat(param(params, WS));
  const vend = f64x2.splat(param(params, END));
  const vdelta = f64x2.splat(param(params, DELTA));
  const limit = f64x2.splat(LIMIT);
  let count = 0;
  let i = 0;
  // Ranges: the current anchor's run, [.., run) with anchor runJ (none yet: run = 0).
  let run = 0;
  let runJ = 0;
  // The anchor sameAnchor64 holds: sorted steps take the run step pair after pair.
  let held = f64x2.splat(NaN); // none: NaN equals no anchor (-1, of a t just below -DMAX, would)
  while (i + 1 < n) {
    if (!steps) {
      if (i >= run) {
        const t0 = tAt64(params, start, i, warmup);
        if (t0 >= 0 && t0 < NEAR64) {
          runJ = anchor64Of(t0);
          run = runEnd(params, start, i, n, warmup, runJ, true);
        }
      }
      if (i + 1 < run && runJ != ANCHOR_HALF_PI && (!warmup || runJ != 0)) {
        const end = i + ((run - i) & ~1);
        if (!warmup) i = runOf64(params, start, out, i, end, runJ, PLAIN);
        else i = runOf64(params, start, out, i, end, runJ, WARMED);
        held = f64x2.splat(<f64>runJ);
        // Done with the run's whole pairs, or stopped at one for the general body below.
        if (i + 1 >= n) break;
      }
    }
    let s: v128;
    if (steps) {
      s = v128.load(steps + ((<usize>i) << 3));
      // x - x is 0 for finite x and NaN otherwise (then the scalar loop names the index).
      if (v128.any_true(f64x2.ne(f64x2.sub(s, s), zero))) break;
    } else {
      s = f64x2.add(f64x2.splat(start + <f64>i), f64x2(0, 1));
    }
    let x: v128;
    let from: v128;
    let warm: v128 = zero;
    let warmValue: v128 = zero;
    if (warmup) {
      const sw = f64x2.pmin(s, vend);
      warm = f64x2.lt(sw, vws);
      warmValue = f64x2.add(f64x2.mul(vdelta, f64x2.div(sw, vws)), va);
      x = f64x2.sub(sw, vws);
      from = vw;
    } else {
      x = f64x2.pmin(s, vd);
      from = va;
    }
    let t = f64x2.mul(vpi, f64x2.div(x, vd));
    // Warming lanes take no cosine: 0 keeps them in the vector cosine's domain.
    if (warmup) t = v128.andnot(t, warm);
    // "not <" also catches NaN lanes.
    if (!v128.any_true(v128.not(f64x2.lt(f64x2.abs(t), limit)))) {
      // Both lanes at the held anchor, or at one new anchor (not the one at pi/2): the run step;
      // else each lane at its own anchor.
      const at = anchors64Of(t);
      if (i64x2.bitmask(f64x2.eq(at, held)) != 3) {
        const j0 = f64x2.extract_lane(at, 0);
        if (j0 == f64x2.extract_lane(at, 1) && j0 >= 0 && j0 <= 512 && j0 != <f64>ANCHOR_HALF_PI) {
          sameAnchor64(<i32>j0);
          held = f64x2.splat(j0);
        }
      }
      const c = i64x2.bitmask(f64x2.eq(at, held)) == 3 ? cosRun64x2(t) : cos64x2(t);
      if (!lanesUndecided()) {
        let v = f64x2.mul(from, f64x2.add(f64x2.mul(vhalf, f64x2.add(f64x2.splat(1.0), c)), valpha));
        if (warmup) v = v128.or(v128.and(warmValue, warm), v128.andnot(v, warm));
        v128.store(out + ((<usize>i) << 3), v);
        i += 2;
        continue;
      }
    }
    for (let j = 0; j < 2; j++) {
      const step = steps ? load<f64>(steps + ((<usize>(i + j)) << 3)) : start + <f64>(i + j);
      count = put(out, hard, count, i + j, one64(step, params, warmup), true);
    }
    i += 2;
  }
  for (; i < n; i++) {
    const step = steps ? load<f64>(steps + ((<usize>i) << 3)) : start + <f64>i;
    if (step - step != 0) return -1 - i;
    count = put(out, hard, count, i, one64(step, params, warmup), true);
  }
  return count;
}

/** one() for float64, not inlined: the vector loop's rare fallback and its last element. */
function one64(step: f64, params: usize, warmup: bool): f64 {
  return warmup ? one(step, params, true, true) : one(step, params, false, true);
}

/**
 * The scalar build's float64 loop: a range's runs with cosRun64 (the run step, element by element),
 * one() for everything else.
 */
function run64(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32, warmup: bool): i32 {
  const a = param(params, A);
  const d = param(params, D);
  const pi = param(params, PI);
  const half = param(params, HALF);
  const alpha = param(params, ALPHA);
  const w = param(params, W);
  const ws = param(params, WS);
  const end = param(params, END);
  let count = 0;
  // Ranges: the current anchor's run [.., run) (anchor runJ). Steps: the anchor of the step before
  // and the one held; two in a row at one anchor (sorted steps) take the run step, as the SIMD pairs.
  let run = 0;
  let runJ = 0;
  let prevJ = -1;
  let heldJ = -1;
  for (let i = 0; i < n; i++) {
    let s: f64;
    let inRunNow = false;
    if (steps) {
      s = load<f64>(steps + ((<usize>i) << 3));
      if (s - s != 0) return -1 - i;
    } else {
      s = start + <f64>i;
      if (i >= run) {
        const t0 = tAt64(params, start, i, warmup);
        if (t0 >= 0 && t0 < NEAR64) {
          runJ = anchor64Of(t0);
          run = runEnd(params, start, i, n, warmup, runJ, true);
          if (runJ != ANCHOR_HALF_PI) {
            sameAnchor64(runJ);
            heldJ = runJ;
          }
        }
      }
      inRunNow = i < run && runJ != ANCHOR_HALF_PI;
    }
    let c: f64 = NaN;
    let from = a;
    let t: f64 = NaN;
    if (!warmup) t = pi * (min(s, d) / d);
    else {
      const sw = min(s, end);
      from = w;
      // A warming step takes the general body (its value has no cosine).
      if (!(sw < ws)) t = pi * ((sw - ws) / d);
    }
    if (inRunNow) c = cosRun64(t);
    else if (steps && t >= 0 && t < NEAR64) {
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
    if (c == c) store<f64>(out + ((<usize>i) << 3), from * ((half * (1.0 + c)) + alpha));
    else count = put(out, hard, count, i, one64(s, params, warmup), true);
  }
  return count;
}

export function cosineDecay64(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  const warmup = param(params, WARMUP) != 0;
  if (ASC_FEATURE_SIMD) return run64x2(params, steps, start, out, hard, n, warmup);
  return run64(params, steps, start, out, hard, n, warmup);
}
