// optax's cosine_decay_schedule over many counts:
//
//   count = jnp.minimum(count, decay_steps)          # the int32 count meets a Python float: float32
//   cosine_decay = 0.5 * (1 + jnp.cos(jnp.pi * count / decay_steps))
//   decayed = (1 - alpha) * cosine_decay**exponent + alpha
//   init_value * decayed
//
// in float32: x = min(R(t), DF); u = R(R(PI * x) / DF) (pi times the count first, then the division:
// Keras divides first); cd = R(0.5 * R(1 + cos(u))) with cos correctly rounded (../numerics/cos.ts,
// or undecided and then the facade's exact path); p = cd^exponent (shared/power.ts: integer_pow's
// products for an integer exponent, else correctly rounded); out = R(INIT * R(R(A * p) + ALPHA)).
// float64: the same in doubles.
//
// JS twin: cosineDecaySchedule.twin.ts, the same operations in the same order.
// Facade: src/optax/cosineDecaySchedule.ts. Calling convention: ../abi.ts, with the parameters below.
//
// float32 with SIMD and an integer exponent or 0.5, four counts a group: every operation but the cosine is
// a float32 one on float32 values, so f32x4 arithmetic gives the pipeline's bits, and cos32x4 gives
// cos32's. Ranges from count 0 on: u never decreases with the count (each operation is monotone),
// so the counts whose u takes one of the cosine's anchors (../numerics/cos.ts) form a run, found by
// galloping and bisection; a run's groups take the anchor's constants once (sameAnchor, cosRun32x4),
// eight counts an iteration. Past decay_steps u is constant: one run to the end. Arrays, negative
// counts, and a group whose cosine is undecided take the general group or the scalar path.

import {
  anchor64Of, anchorOf, anchors64Of, ANCHOR_HALF_PI, cos32, cos32x4, cos64, cos64x2, cosRun32x4, cosRun64, cosRun64x2, lanesUndecided, LIMIT, NEAR, NEAR64, sameAnchor,
  sameAnchor64, setAnchors,
} from "../numerics/cos";
import { undecided, wasUndecided } from "../numerics/undecided";
import { fill64, param, record } from "../abi";
import { setSplat32, splatAt } from "../numerics/splats";
import { counts4, countsOk, isCount32, isCount64, isCount64x2, rangeIsCount64, stepAt } from "./shared/count";
import { GENERAL, INTEGER, power32, power32x4, power64, power64x2 } from "./shared/power";
import { INIT, DF, PI, A, ALPHA, EXPONENT, MODE } from "./cosineDecaySchedule.params";
import { W, WIE, WE, WTF } from "./warmupCosineDecaySchedule.params";
import { CYCLE, CYCLES, HEAD, LANES, START } from "./sgdrSchedule.params";
import { ipow32, ipow32x4, ipow64, ipow64x2 } from "./shared/ipow";

/** The float32 value at int32 count c, or undecided(). Not inlined: the SIMD loop's rare fallback. */
function one32(c: i32, params: usize): f64 {
  const d = param(params, DF);
  const x = min(<f64><f32>c, d);
  const u = <f64><f32>(<f64><f32>(param(params, PI) * x) / d);
  const cd = <f64><f32>(0.5 * <f64><f32>(1.0 + cos32(u)));
  // An undecided cosine: raise the flag again (wasUndecided lowered it) for the caller.
  if (wasUndecided()) return undecided();
  const p = power32(cd, param(params, EXPONENT), <i32>param(params, MODE));
  return <f64><f32>(param(params, INIT) * <f64><f32>(<f64><f32>(param(params, A) * p) + param(params, ALPHA)));
}

/** The float64 value at count c, or undecided(). */
// @ts-ignore: decorator
@inline
function one64(c: f64, params: usize): f64 {
  const d = param(params, DF);
  const x = min(c, d);
  const cd = 0.5 * (1.0 + cos64((param(params, PI) * x) / d));
  if (wasUndecided()) return undecided();
  const p = power64(cd, param(params, EXPONENT), <i32>param(params, MODE));
  return param(params, INIT) * (param(params, A) * p + param(params, ALPHA));
}

/** The cosine's argument u at range index k (count first + k >= 0), as the vector loop computes it. */
// @ts-ignore: decorator
@inline
function uAt(params: usize, first: i32, k: i32): f32 {
  const d = <f32>param(params, DF);
  return (<f32>param(params, PI) * min(<f32>(first + k), d)) / d;
}

/** Whether range index k's u lies in anchor j's run. */
// @ts-ignore: decorator
@inline
function inRun(params: usize, first: i32, k: i32, j: i32): bool {
  const u = uAt(params, first, k);
  return u < NEAR && anchorOf(<f64>u) == j;
}

/** The end of anchor j's run from index i: the first index after it, or n (gallop, then bisect). */
function runEnd(params: usize, first: i32, i: i32, n: i32, j: i32): i32 {
  let lo = i;
  let hi = i + 1;
  let stride = 1;
  while (hi < n && inRun(params, first, hi, j)) {
    lo = hi;
    stride <<= 1;
    hi = min(n, lo + stride);
  }
  while (hi - lo > 1) {
    const mid = lo + ((hi - lo) >> 1);
    if (inRun(params, first, mid, j)) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * The values from the cosines of four lanes. With exponent 1, A * (0.5 * w), w = R(1 + cos), is
 * taken as (A / 2) * w (vhalf): the same real number, so the same rounding, one product fewer. Both
 * halvings are exact: w is 0 or at least 2^-24 (cos is a float32 in [-1, 1]), and A = R(1 - alpha)
 * is 0 or at least 2^-53 in magnitude (1 - alpha is taken in float64), far from float32's subnormals.
 */
// @ts-ignore: decorator
@inline
function values4(co: v128, vinit: v128, va: v128, vhalf: v128, valpha: v128, y: i64, mode: i32): v128 {
  const w = f32x4.add(f32x4.splat(1.0), co);
  if (mode == INTEGER && y == 1) return f32x4.mul(vinit, f32x4.add(f32x4.mul(vhalf, w), valpha));
  const cd = f32x4.mul(f32x4.splat(0.5), w);
  return f32x4.mul(vinit, f32x4.add(f32x4.mul(va, power32x4(cd, y, mode)), valpha));
}

/** Four counts' values at the anchor sameAnchor set; see lanesUndecided(). */
// @ts-ignore: decorator
@inline
function runGroup(c: v128, vd: v128, vpi: v128, vinit: v128, va: v128, vhalf: v128, valpha: v128, y: i64, mode: i32): v128 {
  const u = f32x4.div(f32x4.mul(vpi, f32x4.pmin(f32x4.convert_i32x4_s(c), vd)), vd);
  return values4(cosRun32x4(u), vinit, va, vhalf, valpha, y, mode);
}

// Splat slots of a run's parameters.
const S_D = 0;
const S_PI = 1;
const S_INIT = 2;
const S_A = 3;
const S_HALF = 4;
const S_ALPHA = 5;

/**
 * Range indices [i, end) (a multiple of 4 apart, all in anchor j's run), eight an iteration (two
 * groups: one's cosine hides the other's latency); returns end, or the start of a group whose
 * cosine is undecided (the caller takes it through the general group). `one` (exponent 1) is a
 * constant where runOf1 and runOfPower inline it: a loop with the exponent's branches in it ran
 * slower in V8 than one without (as polynomialSchedule.ts's lanes).
 */
// @ts-ignore: decorator
@inline
function runBody(params: usize, first: i32, out: usize, i: i32, end: i32, j: i32, one: bool): i32 {
  sameAnchor(j);
  // The parameters' splats in SPLATS (../numerics/splats.ts), loaded at each use.
  setSplat32(S_D, <f32>param(params, DF));
  setSplat32(S_PI, <f32>param(params, PI));
  setSplat32(S_INIT, <f32>param(params, INIT));
  setSplat32(S_A, <f32>param(params, A));
  setSplat32(S_HALF, <f32>(0.5 * param(params, A)));
  setSplat32(S_ALPHA, <f32>param(params, ALPHA));
  const y: i64 = one ? 1 : <i64>param(params, EXPONENT);
  const mode = one ? INTEGER : <i32>param(params, MODE);
  let c = i32x4.add(i32x4.splat(first + i), i32x4(0, 1, 2, 3));
  for (; i < end; i += 8) {
    const v = runGroup(c, splatAt(S_D), splatAt(S_PI), splatAt(S_INIT), splatAt(S_A), splatAt(S_HALF), splatAt(S_ALPHA), y, mode);
    if (lanesUndecided()) return i;
    v128.store(out + ((<usize>i) << 2), v);
    if (i + 4 == end) return end;
    const v4 = runGroup(i32x4.add(c, i32x4.splat(4)), splatAt(S_D), splatAt(S_PI), splatAt(S_INIT), splatAt(S_A), splatAt(S_HALF), splatAt(S_ALPHA), y, mode);
    if (lanesUndecided()) return i + 4;
    v128.store(out + ((<usize>i) << 2), v4, 16);
    c = i32x4.add(c, i32x4.splat(8));
  }
  return end;
}

function runOf1(params: usize, first: i32, out: usize, i: i32, end: i32, j: i32): i32 {
  return runBody(params, first, out, i, end, j, true);
}

function runOfPower(params: usize, first: i32, out: usize, i: i32, end: i32, j: i32): i32 {
  return runBody(params, first, out, i, end, j, false);
}

/** Stores step i's value, or records i if undecided; returns the count. */
// @ts-ignore: decorator
@inline
function put32(out: usize, hard: usize, count: i32, i: i32, v: f64): i32 {
  if (wasUndecided()) return record(hard, count, i);
  store<f32>(out + ((<usize>i) << 2), <f32>v);
  return count;
}

function run32x4(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  const vd = f32x4.splat(<f32>param(params, DF));
  const vpi = f32x4.splat(<f32>param(params, PI));
  const vinit = f32x4.splat(<f32>param(params, INIT));
  const va = f32x4.splat(<f32>param(params, A));
  const vhalf = f32x4.splat(<f32>(0.5 * param(params, A)));
  const valpha = f32x4.splat(<f32>param(params, ALPHA));
  const near = f32x4.splat(NEAR);
  const y = <i64>param(params, EXPONENT);
  const mode = <i32>param(params, MODE);
  const linear = mode == INTEGER && y == 1;
  const first = <i32>start;
  let count = 0;
  let i = 0;
  // Ranges: the current anchor's run is [.., run) with anchor runJ (none yet: run = 0).
  let run = 0;
  let runJ = 0;
  while (i + 3 < n) {
    if (!steps) {
      if (i >= run) {
        const u0 = uAt(params, first, i);
        if (u0 >= 0 && u0 < NEAR) {
          runJ = anchorOf(<f64>u0);
          run = runEnd(params, first, i, n, runJ);
        }
      }
      if (i + 3 < run) {
        const end = i + ((run - i) & ~3);
        i = linear ? runOf1(params, first, out, i, end, runJ) : runOfPower(params, first, out, i, end, runJ);
        if (i == end) continue;
      }
    }
    const c = counts4(steps, first, i);
    if (!countsOk()) break;
    const u = f32x4.div(f32x4.mul(vpi, f32x4.pmin(f32x4.convert_i32x4_s(c), vd)), vd);
    // "not <" also catches NaN lanes (none here: counts are finite).
    if (!v128.any_true(v128.not(f32x4.lt(f32x4.abs(u), near)))) {
      setAnchors(f32x4.abs(u));
      const co = cos32x4(u);
      if (!lanesUndecided()) {
        v128.store(out + ((<usize>i) << 2), values4(co, vinit, va, vhalf, valpha, y, mode));
        i += 4;
        continue;
      }
    }
    for (let j = 0; j < 4; j++) count = put32(out, hard, count, i + j, one32(<i32>stepAt(steps, start, i + j), params));
    i += 4;
  }
  for (; i < n; i++) {
    const step = stepAt(steps, start, i);
    if (!isCount32(step)) return -1 - i;
    count = put32(out, hard, count, i, one32(<i32>step, params));
  }
  return count;
}

export function cosineDecaySchedule32(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  if (ASC_FEATURE_SIMD && <i32>param(params, MODE) != GENERAL) return run32x4(params, steps, start, out, hard, n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const step = stepAt(steps, start, i);
    if (!isCount32(step)) return -1 - i;
    count = put32(out, hard, count, i, one32(<i32>step, params));
  }
  return count;
}

// ---------------------------------------------------------------------------------------------
// float64. Every operation but the cosine is a float64 one, so f64x2 arithmetic gives one64's bits
// two counts at a time (pmin(s, D) is min's for counts, and a -0 count gives u = -0, whose cosine is
// +0's); the cosine is cos64's near path on two lanes (cos64x2), or the run step at an anchor held
// (cosRun64x2): a range's runs of one anchor (u never decreases with the count: found by galloping,
// runEnd64), and pairs whose lanes share the anchor of the pair before (sorted counts); never the
// anchor at pi/2, whose cosines come near 0 (as keras/cosineDecay.ts). A
// decided lane is the correctly rounded cosine, cos64's; a pair with an undecided lane, or an
// argument the vector cosine does not take (|u| >= LIMIT: a large negative count), is redone by
// one64. The scalar build takes a range's run step element by element (cosRun64, NaN when it cannot
// decide). A range's counts are checked once by its ends, and its counts from decay_steps on share
// one value (min(c, D) = D): filled.

/** Stores element i's float64 value, or records i if undecided; returns the count. */
// @ts-ignore: decorator
@inline
function put64(out: usize, hard: usize, count: i32, i: i32, v: f64): i32 {
  if (wasUndecided()) return record(hard, count, i);
  store<f64>(out + ((<usize>i) << 3), v);
  return count;
}

/** one64 on its own (not inlined): the loops' rare fallback. */
function slow64(step: f64, params: usize): f64 {
  return one64(step + 0.0, params);
}

/** The cosine's argument at range index k, as the pairs compute it: (PI * min(c, D)) / D. */
// @ts-ignore: decorator
@inline
function u64At(params: usize, start: f64, k: i32): f64 {
  const d = param(params, DF);
  return (param(params, PI) * min(start + <f64>k, d)) / d;
}

/** Whether range index k's argument has anchor j (anchors64Of's, for an argument >= 0). */
// @ts-ignore: decorator
@inline
function inRun64(params: usize, start: f64, k: i32, j: i32): bool {
  const u = u64At(params, start, k);
  return u >= 0 && u < NEAR64 && anchor64Of(u) == j;
}

/**
 * The end of anchor j's run from range index i (u never decreases with the count): the first index
 * after it, or n (gallop, then bisect), as runEnd's for float32.
 */
function runEnd64(params: usize, start: f64, i: i32, n: i32, j: i32): i32 {
  let lo = i;
  let hi = i + 1;
  let stride = 1;
  while (hi < n && inRun64(params, start, hi, j)) {
    lo = hi;
    stride <<= 1;
    hi = min(n, lo + stride);
  }
  while (hi - lo > 1) {
    const mid = lo + ((hi - lo) >> 1);
    if (inRun64(params, start, mid, j)) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** A pair's values at counts s, its cosine by the run step at the anchor held; see lanesUndecided(). */
// @ts-ignore: decorator
@inline
function runPair64(s: v128, vd: v128, vpi: v128, vinit: v128, va: v128, valpha: v128, y: i64, mode: i32): v128 {
  const c = cosRun64x2(f64x2.div(f64x2.mul(vpi, f64x2.pmin(s, vd)), vd));
  const cd = f64x2.mul(f64x2.splat(0.5), f64x2.add(f64x2.splat(1.0), c));
  return f64x2.mul(vinit, f64x2.add(f64x2.mul(va, power64x2(cd, y, mode)), valpha));
}

/**
 * Range indices [i, end) (end - i even, all in anchor j's run, j not the one at pi/2), two pairs an
 * iteration (one's cosine hides the other's latency); returns end, or the start of a pair with an
 * undecided lane (the caller's general pair takes it).
 */
function runPairs64(params: usize, start: f64, out: usize, i: i32, end: i32, j: i32): i32 {
  sameAnchor64(j);
  const vd = f64x2.splat(param(params, DF));
  const vpi = f64x2.splat(param(params, PI));
  const vinit = f64x2.splat(param(params, INIT));
  const va = f64x2.splat(param(params, A));
  const valpha = f64x2.splat(param(params, ALPHA));
  const y = <i64>param(params, EXPONENT);
  const mode = <i32>param(params, MODE);
  for (; i < end; i += 4) {
    const s = f64x2.add(f64x2.splat(start + <f64>i), f64x2(0, 1));
    const v = runPair64(s, vd, vpi, vinit, va, valpha, y, mode);
    if (lanesUndecided()) return i;
    v128.store(out + ((<usize>i) << 3), v);
    if (i + 2 == end) return end;
    const v2 = runPair64(f64x2.add(s, f64x2.splat(2.0)), vd, vpi, vinit, va, valpha, y, mode);
    if (lanesUndecided()) return i + 2;
    v128.store(out + ((<usize>i) << 3), v2, 16);
  }
  return end;
}

/**
 * The SIMD build's float64 loop (INTEGER and SQRT modes): a range's runs of one anchor (found by
 * runEnd64) by runPairs64, other pairs each with its own anchors, then the last element.
 */
function run64x2(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  const vd = f64x2.splat(param(params, DF));
  const vpi = f64x2.splat(param(params, PI));
  const vinit = f64x2.splat(param(params, INIT));
  const va = f64x2.splat(param(params, A));
  const valpha = f64x2.splat(param(params, ALPHA));
  const limit = f64x2.splat(LIMIT);
  const y = <i64>param(params, EXPONENT);
  const mode = <i32>param(params, MODE);
  let count = 0;
  let i = 0;
  // The anchor sameAnchor64 holds (none yet: NaN equals no anchor).
  let held = f64x2.splat(NaN);
  // A range's current run: [.., run) at anchor runJ (none yet: run = 0).
  let run = 0;
  let runJ = 0;
  while (i + 1 < n) {
    if (!steps) {
      if (i >= run) {
        const u0 = u64At(params, start, i);
        if (u0 >= 0 && u0 < NEAR64) {
          runJ = anchor64Of(u0);
          run = runEnd64(params, start, i, n, runJ);
        }
      }
      if (i + 1 < run && runJ != ANCHOR_HALF_PI) {
        const end = i + ((run - i) & ~1);
        i = runPairs64(params, start, out, i, end, runJ);
        held = f64x2.splat(<f64>runJ);
        if (i == end) continue;
      }
    }
    let s: v128;
    if (steps) {
      s = v128.load(steps + ((<usize>i) << 3));
      if (!isCount64x2(s)) break;
    } else {
      s = f64x2.add(f64x2.splat(start + <f64>i), f64x2(0, 1));
    }
    const u = f64x2.div(f64x2.mul(vpi, f64x2.pmin(s, vd)), vd);
    if (i64x2.bitmask(f64x2.lt(f64x2.abs(u), limit)) == 3) {
      const at = anchors64Of(u);
      if (i64x2.bitmask(f64x2.eq(at, held)) != 3) {
        const j0 = f64x2.extract_lane(at, 0);
        if (j0 == f64x2.extract_lane(at, 1) && j0 >= 0 && j0 <= 512 && j0 != <f64>ANCHOR_HALF_PI) {
          sameAnchor64(<i32>j0);
          held = f64x2.splat(j0);
        }
      }
      const c = i64x2.bitmask(f64x2.eq(at, held)) == 3 ? cosRun64x2(u) : cos64x2(u);
      if (!lanesUndecided()) {
        const cd = f64x2.mul(f64x2.splat(0.5), f64x2.add(f64x2.splat(1.0), c));
        v128.store(out + ((<usize>i) << 3), f64x2.mul(vinit, f64x2.add(f64x2.mul(va, power64x2(cd, y, mode)), valpha)));
        i += 2;
        continue;
      }
    }
    count = put64(out, hard, count, i, slow64(stepAt(steps, start, i), params));
    count = put64(out, hard, count, i + 1, slow64(stepAt(steps, start, i + 1), params));
    i += 2;
  }
  for (; i < n; i++) {
    const step = stepAt(steps, start, i);
    if (steps && !isCount64(step)) return -1 - i;
    count = put64(out, hard, count, i, slow64(step, params));
  }
  return count;
}

/**
 * The float64 loop element by element (the scalar build, GENERAL mode, and a range the caller did
 * not check): one64's operations with the parameters read once, the cosine, in a range, by the run
 * step where the argument's anchor is the one before's (not the one at pi/2), else (or undecided
 * there) by cos64.
 */
function run64(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32, checked: bool): i32 {
  const d = param(params, DF);
  const pi = param(params, PI);
  const init = param(params, INIT);
  const a = param(params, A);
  const alpha = param(params, ALPHA);
  const y = param(params, EXPONENT);
  const mode = <i32>param(params, MODE);
  let count = 0;
  let prevJ = -1;
  let heldJ = -1;
  for (let i = 0; i < n; i++) {
    const step = stepAt(steps, start, i) + 0.0;
    if (!checked && !isCount64(step)) return -1 - i;
    const u = (pi * min(step, d)) / d;
    let c: f64 = NaN;
    // Ranges only: on shuffled counts the anchor test cost more than the run step saved (measured:
    // 10% slower than cos64 alone).
    if (!steps && u >= 0 && u < NEAR64) {
      const j = anchor64Of(u);
      if (j == heldJ) c = cosRun64(u);
      else if (j == prevJ && j != ANCHOR_HALF_PI) {
        sameAnchor64(j);
        heldJ = j;
        c = cosRun64(u);
      }
      prevJ = j;
    }
    if (c != c) {
      c = cos64(u);
      if (wasUndecided()) {
        count = record(hard, count, i);
        continue;
      }
    }
    count = put64(out, hard, count, i, init * (a * power64(0.5 * (1.0 + c), y, mode) + alpha));
  }
  return count;
}

export function cosineDecaySchedule64(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  const checked = !steps && n > 0 && rangeIsCount64(start, n);
  let m = n;
  if (checked) {
    // The first index whose count is at least D (ceil of an exact difference of integers; the
    // loops make sure of it for any D), from which on every value is one64(D).
    const d = param(params, DF);
    let t = <i32>min(max(Math.ceil(d - start), 0.0), <f64>n);
    while (t < n && start + <f64>t < d) t++;
    while (t > 0 && start + <f64>(t - 1) >= d) t--;
    if (t < n) {
      const v = one64(d, params);
      if (!wasUndecided()) {
        fill64(out, t, n, v);
        m = t;
      }
    }
  }
  if (ASC_FEATURE_SIMD && <i32>param(params, MODE) != GENERAL && (steps || checked)) return run64x2(params, steps, start, out, hard, m);
  return run64(params, steps, start, out, hard, m, checked);
}

// ---------------------------------------------------------------------------------------------
// optax's sgdr_schedule, and warmup_cosine_decay_schedule (sgdr of one cycle), over an array of
// counts in one pass. sgdr is the join of warmup_cosine_decay_schedules at the restarts B_1 < B_2 <
// ... (B_0 = 0), each of which is the join of a linear warm-up and the cosine above at its W. Per
// count: its cycle k, the last whose restart is at or below it (the first below every restart);
// x = c - B_k; x < W_k the warm-up (linear_schedule's polynomial at x: clip(x, 0, W), frac = 1 -
// cl / W, WIE * frac + WE, as polynomialSchedule.ts's one32/at64 with transition_begin 0 and power
// 1), otherwise the cosine at x - W_k. The facade takes these kernels only when every W_k > 0 (so
// B_k > 0 and increasing): for k >= 1, c - B_k is in [0, 2^31) for an int32 count and in [0, 2^53)
// for a float64 one, and so is x - W_k past the warm-up: no count wraps, none is refused, each is
// the join of joins' count.
// The lanes take both pieces and select (a lane that warms up gives the cosine count 0, whose value
// is thrown away), so no count is grouped or scattered; one cycle's parameters are splatted once,
// several cycles' gathered per lane (each lane's block), one power for all (LANES: the same exponent
// everywhere, not GENERAL); otherwise element by element. Ranges keep the join's runs (the facade).
// Params: sgdrSchedule.params.ts (a head, then per cycle warmupCosineDecaySchedule.params.ts' slots,
// read by the cosine's helpers at the block's address, and its START).
// JS twin: cosineDecaySchedule.twin.ts's sgdrSchedule32/64.

/** The warm-up's float32 value at int32 count c (c < W), as polynomialSchedule.ts's one32. */
// @ts-ignore: decorator
@inline
function warm32(c: i32, params: usize): f64 {
  const t = <i32>param(params, W);
  const cl = c < 0 ? 0 : c > t ? t : c;
  const frac = <f64><f32>(1.0 - <f64><f32>(<f64><f32>cl / param(params, WTF)));
  return <f64><f32>(<f64><f32>(param(params, WIE) * ipow32(frac, 1)) + param(params, WE));
}

/** The warm-up's float64 value at count c, as polynomialSchedule.ts's at64. */
// @ts-ignore: decorator
@inline
function warm64(c: f64, params: usize): f64 {
  const t = param(params, W);
  const cl = c < 0 ? 0.0 : min(c, t);
  return param(params, WIE) * ipow64(1.0 - cl / t, 1) + param(params, WE);
}

/** The address of count c's cycle's block. */
// @ts-ignore: decorator
@inline
function cycleOf(c: f64, params: usize): usize {
  const cycles = <i32>param(params, CYCLES);
  let k = 0;
  for (let j = 1; j < cycles; j++) k += <i32>(c >= param(params, HEAD + j * CYCLE + START));
  return params + (<usize>(HEAD + k * CYCLE) << 3);
}

/** The float32 value at int32 count c, or undecided(). Not inlined: the lanes' fallback. */
function sgdrOne32(c: i32, params: usize): f64 {
  const b = cycleOf(<f64>c, params);
  const x = c - <i32>param(b, START);
  return x < <i32>param(b, W) ? warm32(x, b) : one32(x - <i32>param(b, W), b);
}

/** The float64 value at count c, or undecided(). */
function sgdrOne64(c: f64, params: usize): f64 {
  const b = cycleOf(c, params);
  const x = c - param(b, START);
  return x < param(b, W) ? warm64(x, b) : one64(x - param(b, W), b);
}

/** A float64 slot of two lanes' blocks, as lanes. */
// @ts-ignore: decorator
@inline
function gather2(b0: usize, b1: usize, slot: i32): v128 {
  return f64x2.replace_lane(f64x2.splat(param(b0, slot)), 1, param(b1, slot));
}

/** A float32 slot of four lanes' blocks, as lanes. */
// @ts-ignore: decorator
@inline
function gather4(b0: usize, b1: usize, b2: usize, b3: usize, slot: i32): v128 {
  let v = f32x4.splat(<f32>param(b0, slot));
  v = f32x4.replace_lane(v, 1, <f32>param(b1, slot));
  v = f32x4.replace_lane(v, 2, <f32>param(b2, slot));
  return f32x4.replace_lane(v, 3, <f32>param(b3, slot));
}

/** An int32 slot of four lanes' blocks, as lanes. */
// @ts-ignore: decorator
@inline
function gather4i(b0: usize, b1: usize, b2: usize, b3: usize, slot: i32): v128 {
  let v = i32x4.splat(<i32>param(b0, slot));
  v = i32x4.replace_lane(v, 1, <i32>param(b1, slot));
  v = i32x4.replace_lane(v, 2, <i32>param(b2, slot));
  return i32x4.replace_lane(v, 3, <i32>param(b3, slot));
}

/** The cosine's float32 argument in four lanes at cycle counts x (0 where x < W: `warm`). */
// @ts-ignore: decorator
@inline
function u32x4(x: v128, warm: v128, vw: v128, vpi: v128, vd: v128): v128 {
  return f32x4.div(f32x4.mul(vpi, f32x4.pmin(f32x4.convert_i32x4_s(v128.andnot(i32x4.sub(x, vw), warm)), vd)), vd);
}

/** Four lanes' values from their cosines co: the warm-up's at x where `warm`, else the cosine's. */
// @ts-ignore: decorator
@inline
function select32x4(
  co: v128, x: v128, warm: v128, vinit: v128, va: v128, vhalf: v128, valpha: v128, vw: v128, vwtf: v128, vwie: v128, vwe: v128, y: i64, mode: i32,
): v128 {
  const cl = i32x4.min_s(i32x4.max_s(x, i32x4.splat(0)), vw);
  const frac = f32x4.sub(f32x4.splat(1.0), f32x4.div(f32x4.convert_i32x4_s(cl), vwtf));
  const lin = f32x4.add(f32x4.mul(vwie, ipow32x4(frac, 1)), vwe);
  return v128.bitselect(lin, values4(co, vinit, va, vhalf, valpha, y, mode), warm);
}

/** The cosine's float64 argument in two lanes at cycle counts x (0 where x < W: `warm`). */
// @ts-ignore: decorator
@inline
function u64x2(x: v128, warm: v128, vw: v128, vpi: v128, vd: v128): v128 {
  return f64x2.div(f64x2.mul(vpi, f64x2.pmin(v128.andnot(f64x2.sub(x, vw), warm), vd)), vd);
}

/** Two lanes' values from their cosines c: the warm-up's at x where `warm`, else the cosine's. */
// @ts-ignore: decorator
@inline
function select64x2(c: v128, x: v128, warm: v128, vinit: v128, va: v128, valpha: v128, vw: v128, vwie: v128, vwe: v128, y: i64, mode: i32): v128 {
  const cd = f64x2.mul(f64x2.splat(0.5), f64x2.add(f64x2.splat(1.0), c));
  const cosv = f64x2.mul(vinit, f64x2.add(f64x2.mul(va, power64x2(cd, y, mode)), valpha));
  const cl = f64x2.pmin(f64x2.pmax(f64x2.splat(0), x), vw);
  const lin = f64x2.add(f64x2.mul(vwie, ipow64x2(f64x2.sub(f64x2.splat(1.0), f64x2.div(cl, vw)), 1)), vwe);
  return v128.bitselect(lin, cosv, warm);
}

/** Elements [i, n) one by one: the lanes' tail, and the whole batch without lanes. */
function rest32(params: usize, steps: usize, start: f64, out: usize, hard: usize, i: i32, n: i32, count: i32): i32 {
  for (; i < n; i++) {
    const step = stepAt(steps, start, i);
    if (!isCount32(step)) return -1 - i;
    count = put32(out, hard, count, i, sgdrOne32(<i32>step, params));
  }
  return count;
}

function rest64(params: usize, steps: usize, start: f64, out: usize, hard: usize, i: i32, n: i32, count: i32): i32 {
  for (; i < n; i++) {
    const step = stepAt(steps, start, i) + 0.0;
    if (!isCount64(step)) return -1 - i;
    count = put64(out, hard, count, i, sgdrOne64(step, params));
  }
  return count;
}

/** One cycle (warmup_cosine_decay_schedule) in float32 lanes, its parameters splatted once. */
function oneCycle32x4(params: usize, steps: usize, out: usize, hard: usize, n: i32): i32 {
  const b = params + (<usize>HEAD << 3);
  const vd = f32x4.splat(<f32>param(b, DF));
  const vpi = f32x4.splat(<f32>param(b, PI));
  const vinit = f32x4.splat(<f32>param(b, INIT));
  const va = f32x4.splat(<f32>param(b, A));
  const vhalf = f32x4.splat(<f32>(0.5 * param(b, A)));
  const valpha = f32x4.splat(<f32>param(b, ALPHA));
  const near = f32x4.splat(NEAR);
  const y = <i64>param(b, EXPONENT);
  const mode = <i32>param(b, MODE);
  const vw = i32x4.splat(<i32>param(b, W));
  const vwtf = f32x4.splat(<f32>param(b, WTF));
  const vwie = f32x4.splat(<f32>param(b, WIE));
  const vwe = f32x4.splat(<f32>param(b, WE));
  let count = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    // The first cycle's counts are the counts (START = 0).
    const x = counts4(steps, 0, i);
    if (!countsOk()) break;
    const warm = i32x4.lt_s(x, vw);
    const u = u32x4(x, warm, vw, vpi, vd);
    if (!v128.any_true(v128.not(f32x4.lt(f32x4.abs(u), near)))) {
      setAnchors(f32x4.abs(u));
      const co = cos32x4(u);
      if (!lanesUndecided()) {
        v128.store(out + ((<usize>i) << 2), select32x4(co, x, warm, vinit, va, vhalf, valpha, vw, vwtf, vwie, vwe, y, mode));
        continue;
      }
    }
    count = rest32(params, steps, 0, out, hard, i, i + 4, count);
  }
  return rest32(params, steps, 0, out, hard, i, n, count);
}

/** Several cycles in float32 lanes, each lane's parameters gathered from its cycle's block. */
function cycles32x4(params: usize, steps: usize, out: usize, hard: usize, n: i32): i32 {
  const first = params + (<usize>HEAD << 3);
  const vpi = f32x4.splat(<f32>param(first, PI));
  const near = f32x4.splat(NEAR);
  const y = <i64>param(first, EXPONENT);
  const mode = <i32>param(first, MODE);
  let count = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const c = counts4(steps, 0, i);
    if (!countsOk()) break;
    const b0 = cycleOf(<f64>i32x4.extract_lane(c, 0), params);
    const b1 = cycleOf(<f64>i32x4.extract_lane(c, 1), params);
    const b2 = cycleOf(<f64>i32x4.extract_lane(c, 2), params);
    const b3 = cycleOf(<f64>i32x4.extract_lane(c, 3), params);
    const x = i32x4.sub(c, gather4i(b0, b1, b2, b3, START));
    const vw = gather4i(b0, b1, b2, b3, W);
    const warm = i32x4.lt_s(x, vw);
    const u = u32x4(x, warm, vw, vpi, gather4(b0, b1, b2, b3, DF));
    if (!v128.any_true(v128.not(f32x4.lt(f32x4.abs(u), near)))) {
      setAnchors(f32x4.abs(u));
      const co = cos32x4(u);
      if (!lanesUndecided()) {
        const va = gather4(b0, b1, b2, b3, A);
        // 0.5 * A is exact (values4's note), so halving the lanes gives the splatted vhalf's bits.
        const vhalf = f32x4.mul(f32x4.splat(0.5), va);
        const v = select32x4(
          co, x, warm, gather4(b0, b1, b2, b3, INIT), va, vhalf, gather4(b0, b1, b2, b3, ALPHA), vw,
          gather4(b0, b1, b2, b3, WTF), gather4(b0, b1, b2, b3, WIE), gather4(b0, b1, b2, b3, WE), y, mode,
        );
        v128.store(out + ((<usize>i) << 2), v);
        continue;
      }
    }
    count = rest32(params, steps, 0, out, hard, i, i + 4, count);
  }
  return rest32(params, steps, 0, out, hard, i, n, count);
}

/** An array's counts only (steps != 0): ranges are the join's runs. */
export function sgdrSchedule32(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  if (ASC_FEATURE_SIMD && param(params, LANES) != 0)
    return <i32>param(params, CYCLES) == 1 ? oneCycle32x4(params, steps, out, hard, n) : cycles32x4(params, steps, out, hard, n);
  return rest32(params, steps, start, out, hard, 0, n, 0);
}

/** One cycle (warmup_cosine_decay_schedule) in float64 lanes, its parameters splatted once. */
function oneCycle64x2(params: usize, steps: usize, out: usize, hard: usize, n: i32): i32 {
  const b = params + (<usize>HEAD << 3);
  const vd = f64x2.splat(param(b, DF));
  const vpi = f64x2.splat(param(b, PI));
  const vinit = f64x2.splat(param(b, INIT));
  const va = f64x2.splat(param(b, A));
  const valpha = f64x2.splat(param(b, ALPHA));
  const limit = f64x2.splat(LIMIT);
  const y = <i64>param(b, EXPONENT);
  const mode = <i32>param(b, MODE);
  const vw = f64x2.splat(param(b, W));
  const vwie = f64x2.splat(param(b, WIE));
  const vwe = f64x2.splat(param(b, WE));
  let count = 0;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    // The first cycle's counts are the counts (START = 0; c - 0 is c, -0 included).
    const x = v128.load(steps + ((<usize>i) << 3));
    if (!isCount64x2(x)) break;
    const warm = f64x2.lt(x, vw);
    const u = u64x2(x, warm, vw, vpi, vd);
    if (i64x2.bitmask(f64x2.lt(f64x2.abs(u), limit)) == 3) {
      const c = cos64x2(u);
      if (!lanesUndecided()) {
        v128.store(out + ((<usize>i) << 3), select64x2(c, x, warm, vinit, va, valpha, vw, vwie, vwe, y, mode));
        continue;
      }
    }
    count = rest64(params, steps, 0, out, hard, i, i + 2, count);
  }
  return rest64(params, steps, 0, out, hard, i, n, count);
}

/** Several cycles in float64 lanes, each lane's parameters gathered from its cycle's block. */
function cycles64x2(params: usize, steps: usize, out: usize, hard: usize, n: i32): i32 {
  const first = params + (<usize>HEAD << 3);
  const vpi = f64x2.splat(param(first, PI));
  const limit = f64x2.splat(LIMIT);
  const y = <i64>param(first, EXPONENT);
  const mode = <i32>param(first, MODE);
  let count = 0;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const s = v128.load(steps + ((<usize>i) << 3));
    if (!isCount64x2(s)) break;
    const b0 = cycleOf(f64x2.extract_lane(s, 0), params);
    const b1 = cycleOf(f64x2.extract_lane(s, 1), params);
    const x = f64x2.sub(s, gather2(b0, b1, START));
    const vw = gather2(b0, b1, W);
    const warm = f64x2.lt(x, vw);
    const u = u64x2(x, warm, vw, vpi, gather2(b0, b1, DF));
    if (i64x2.bitmask(f64x2.lt(f64x2.abs(u), limit)) == 3) {
      const c = cos64x2(u);
      if (!lanesUndecided()) {
        const v = select64x2(c, x, warm, gather2(b0, b1, INIT), gather2(b0, b1, A), gather2(b0, b1, ALPHA), vw, gather2(b0, b1, WIE), gather2(b0, b1, WE), y, mode);
        v128.store(out + ((<usize>i) << 3), v);
        continue;
      }
    }
    count = rest64(params, steps, 0, out, hard, i, i + 2, count);
  }
  return rest64(params, steps, 0, out, hard, i, n, count);
}

/** An array's counts only (steps != 0): ranges are the join's runs. */
export function sgdrSchedule64(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  if (ASC_FEATURE_SIMD && param(params, LANES) != 0)
    return <i32>param(params, CYCLES) == 1 ? oneCycle64x2(params, steps, out, hard, n) : cycles64x2(params, steps, out, hard, n);
  return rest64(params, steps, start, out, hard, 0, n, 0);
}
