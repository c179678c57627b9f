// CosineDecayRestarts (SGDR) over many steps, as docs/NUMERICS.md defines it for float32 and
// float64:
//
//   cf = s / fd
//   T == 1:  i = floor(cf);  c = cf - i
//   else:    i = floor(log(1 - cf (1 - T)) / log(T));  P = T^i;  c = (cf - (1 - P) / (1 - T)) / P
//   out = a * ((1 - alpha) * ((0.5 * M^i) * (1 + cos(pi_R * c))) + alpha)
//
// every operation rounded to the dtype; log, pow and cos correctly rounded (../numerics/). The
// restart index i is Keras' formula, with its log: near a restart it may be one off (NUMERICS.md),
// and so it is here.
//
// i is a non-decreasing function of cf (every operation above is monotone in cf and the rounding
// keeps that: for T > 1, 1 - T < 0 and log(T) > 0; for T < 1 both signs flip). So the facade
// tabulates, once per schedule, the fraction where each index begins and what each index fixes
// (cosineDecayRestarts.table.ts): a step whose cf lies in the table's reach takes its index by a
// binary search there, and no log or power. Other steps (negative ones, or past the table) take
// Keras' log.
//
// Ranges: when a block's first and last steps have the same i, so do all between. Each block then
// takes its index at the two ends only, and its elements are cos and a few operations. A block
// whose ends differ (a restart falls inside) or could not be decided is computed element by
// element.
//
// JS twin: cosineDecayRestarts.twin.ts, the same functions with the same operations in the same
// order. Facade: src/keras/cosineDecayRestarts.ts. Calling convention: ../abi.ts.

import {
  anchor64Of, ANCHOR_HALF_PI, anchors64Of, cos32, cos32x4, cos64, cosRun64, cosRun64x2, lanesUndecided, NEAR, NEAR64, sameAnchor64, setAnchors,
} from "../numerics/cos";
import { pow32, pow64 } from "../numerics/exp2";
import { log32, log64 } from "../numerics/log";
import { wasUndecided } from "../numerics/undecided";
import { param, record } from "../abi";
import { A, FD, GEOMETRIC, OMT, LOG_T, T1, T2, M1, M2, ALPHA, OMA, PI, TABLE, TABLE_LIMIT, SLOTS } from "./cosineDecayRestarts.params";
import { TABLE_STRIDE, T_END, T_SUM, T_PERIOD, T_HALF_M } from "./cosineDecayRestarts.table";

const BLOCK: i32 = 256;

// @ts-ignore: decorator
@inline
function r(x: f64, wide: bool): f64 {
  return wide ? x : <f64><f32>x;
}

/** The restart index of completed fraction cf; may raise the undecided flag (log). */
// @ts-ignore: decorator
@inline
function restart(cf: f64, params: usize, wide: bool): f64 {
  if (param(params, GEOMETRIC) == 0) return Math.floor(cf);
  const u = r(1.0 - r(cf * param(params, OMT), wide), wide);
  const l = wide ? log64(u) : log32(u);
  return Math.floor(r(l / param(params, LOG_T), wide));
}

// What a restart index fixes: the sum of the earlier periods (as a fraction of the first), the
// period's length P, and 0.5 * M^i. In globals: AssemblyScript returns one value per function.
let sumR: f64 = 0;
let period: f64 = 1;
let halfM: f64 = 0;

/** Sets sumR, period and halfM for a (not NaN) index i; may raise the undecided flag (pow). */
// @ts-ignore: decorator
@inline
function constantsOf(i: f64, params: usize, wide: bool): void {
  if (param(params, GEOMETRIC) == 0) {
    // c = cf - i, written as (cf - i) / 1 (exact) to share the code below.
    sumR = i;
    period = 1.0;
  } else {
    const p = wide ? pow64(i, param(params, T1), param(params, T2)) : pow32(i, param(params, T1), param(params, T2));
    sumR = r(r(1.0 - p, wide) / param(params, OMT), wide);
    period = p;
  }
  halfM = r(0.5 * (wide ? pow64(i, param(params, M1), param(params, M2)) : pow32(i, param(params, M1), param(params, M2))), wide);
}

/** The learning rate at completed fraction cf in the period that sumR, period and halfM describe. */
function decayed(cf: f64, params: usize, wide: bool): f64 {
  const c = r(r(cf - sumR, wide) / period, wide);
  const t = r(param(params, PI) * c, wide);
  const cosine = wide ? cos64(t) : cos32(t);
  const v = r(param(params, OMA) * r(halfM * r(1.0 + cosine, wide), wide), wide);
  return r(param(params, A) * r(v + param(params, ALPHA), wide), wide);
}

// @ts-ignore: decorator
@inline
function fraction(step: f64, params: usize, wide: bool): f64 {
  return r(r(step, wide) / param(params, FD), wide);
}

/** Whether the restart table holds cf's index ("not <" is false for NaN). */
// @ts-ignore: decorator
@inline
function inTable(cf: f64, params: usize): bool {
  return cf >= 0 && cf < param(params, TABLE_LIMIT);
}

/** Table entry k's address. */
// @ts-ignore: decorator
@inline
function entry(params: usize, k: i32): usize {
  return params + ((<usize>(SLOTS + TABLE_STRIDE * k)) << 3);
}

/**
 * The restart index of cf, inTable: how many entries end at or below cf (a branch-free binary
 * search over their T_END, which do not decrease).
 */
// @ts-ignore: decorator
@inline
function tableIndex(cf: f64, params: usize): i32 {
  let base = 0;
  let n = <i32>param(params, TABLE);
  while (n > 1) {
    const half = n >> 1;
    base = select(base + half, base, load<f64>(entry(params, base + half - 1), T_END << 3) <= cf);
    n -= half;
  }
  return base + <i32>(load<f64>(entry(params, base), T_END << 3) <= cf);
}

/** Sets sumR, period and halfM to what table entry k holds. */
// @ts-ignore: decorator
@inline
function fromTable(k: i32, params: usize): void {
  const e = entry(params, k);
  sumR = load<f64>(e, T_SUM << 3);
  period = load<f64>(e, T_PERIOD << 3);
  halfM = load<f64>(e, T_HALF_M << 3);
}

/**
 * The whole pipeline for one step; garbage with the undecided flag up if any function was. Not
 * inlined: it is large (log, two powers, cos), and the Wasm module has a size budget.
 */
function one(step: f64, params: usize, wide: bool): f64 {
  const cf = fraction(step, params, wide);
  const i = restart(cf, params, wide);
  // A NaN index (log of a negative number: before the schedule's start for T > 1, after its
  // finite total length for T < 1) makes c NaN and the result NaN; pow's fast paths read NaN
  // exponents as 0, so it stops here.
  if (i != i) return NaN;
  constantsOf(i, params, wide);
  return decayed(cf, params, wide);
}

// @ts-ignore: decorator
@inline
function put(out: usize, hard: usize, count: i32, i: i32, v: f64, wide: bool): i32 {
  if (wasUndecided()) return record(hard, count, i);
  if (wide) store<f64>(out + ((<usize>i) << 3), v);
  else store<f32>(out + ((<usize>i) << 2), <f32>v);
  return count;
}

// @ts-ignore: decorator
@inline
function runSteps(params: usize, steps: usize, out: usize, hard: usize, n: i32, wide: bool): i32 {
  let count = 0;
  let i = 0;
  if (ASC_FEATURE_SIMD && !wide) {
    for (;;) {
      i = steps32x4(params, steps, out, i, n);
      if (i + 3 >= n) break;
      // A group the vector loop left (or a non-finite step, which the loop below names): these
      // four element by element, then on.
      const stop = i + 4;
      for (; i < stop; i++) {
        const step = load<f64>(steps + ((<usize>i) << 3));
        if (step - step != 0) return -1 - i;
        count = put(out, hard, count, i, stepValue(step, params, false), false);
      }
    }
  }
  for (; i < n; i++) {
    const step = load<f64>(steps + ((<usize>i) << 3));
    if (step - step != 0) return -1 - i;
    count = put(out, hard, count, i, stepValue(step, params, wide), wide);
  }
  return count;
}

/** The learning rate at one step: its index from the table if it holds it, else from the log. */
// @ts-ignore: decorator
@inline
function stepValue(step: f64, params: usize, wide: bool): f64 {
  const cf = fraction(step, params, wide);
  if (!inTable(cf, params)) return one(step, params, wide);
  fromTable(tableIndex(cf, params), params);
  return decayed(cf, params, wide);
}

/**
 * Float32 steps [from, n), four at a time: each lane's index and constants from the table, then
 * decayed()'s operations on f32x4 (every one a float32 operation on float32 values) with the
 * cosine cos32x4, each lane cos32's. Returns where it stopped: at a group with a non-finite step, a
 * fraction outside the table, an argument outside the vector cosine's reach, or an undecided lane.
 */
function steps32x4(params: usize, steps: usize, out: usize, from: i32, n: i32): i32 {
  const vfd = f32x4.splat(<f32>param(params, FD));
  const vlimit = f32x4.splat(<f32>param(params, TABLE_LIMIT));
  const vpi = f32x4.splat(<f32>param(params, PI));
  const voma = f32x4.splat(<f32>param(params, OMA));
  const va = f32x4.splat(<f32>param(params, A));
  const valpha = f32x4.splat(<f32>param(params, ALPHA));
  const near = f32x4.splat(NEAR);
  const zero = f64x2.splat(0);
  let i = from;
  for (; i + 3 < n; i += 4) {
    const s0 = v128.load(steps + ((<usize>i) << 3));
    const s1 = v128.load(steps + ((<usize>i) << 3), 16);
    if (v128.any_true(v128.or(f64x2.ne(f64x2.sub(s0, s0), zero), f64x2.ne(f64x2.sub(s1, s1), zero)))) break;
    // cf = R(R(step) / fd): demotion rounds to nearest, as Keras' cast.
    const cf = f32x4.div(v128.shuffle<f32>(f32x4.demote_f64x2_zero(s0), f32x4.demote_f64x2_zero(s1), 0, 1, 4, 5), vfd);
    // inTable in each lane ("not" also catches NaN).
    if (v128.any_true(v128.not(v128.and(f32x4.ge(cf, f32x4.splat(0)), f32x4.lt(cf, vlimit))))) break;
    const e0 = entry(params, tableIndex(<f64>f32x4.extract_lane(cf, 0), params));
    const e1 = entry(params, tableIndex(<f64>f32x4.extract_lane(cf, 1), params));
    const e2 = entry(params, tableIndex(<f64>f32x4.extract_lane(cf, 2), params));
    const e3 = entry(params, tableIndex(<f64>f32x4.extract_lane(cf, 3), params));
    const vsum = f32x4(<f32>load<f64>(e0, T_SUM << 3), <f32>load<f64>(e1, T_SUM << 3), <f32>load<f64>(e2, T_SUM << 3), <f32>load<f64>(e3, T_SUM << 3));
    const vperiod = f32x4(<f32>load<f64>(e0, T_PERIOD << 3), <f32>load<f64>(e1, T_PERIOD << 3), <f32>load<f64>(e2, T_PERIOD << 3), <f32>load<f64>(e3, T_PERIOD << 3));
    const vhalf = f32x4(<f32>load<f64>(e0, T_HALF_M << 3), <f32>load<f64>(e1, T_HALF_M << 3), <f32>load<f64>(e2, T_HALF_M << 3), <f32>load<f64>(e3, T_HALF_M << 3));
    const t = f32x4.mul(vpi, f32x4.div(f32x4.sub(cf, vsum), vperiod));
    // "not <" also catches NaN lanes.
    if (v128.any_true(v128.not(f32x4.lt(f32x4.abs(t), near)))) break;
    setAnchors(f32x4.abs(t));
    const c = cos32x4(t);
    if (lanesUndecided()) break;
    const v = f32x4.mul(voma, f32x4.mul(vhalf, f32x4.add(f32x4.splat(1.0), c)));
    v128.store(out + ((<usize>i) << 2), f32x4.mul(va, f32x4.add(v, valpha)));
  }
  return i;
}


/**
 * Elements [from, to) of a float32 block that shares one restart index, four at a time: every
 * operation but the cosine is a float32 operation on float32 values, so f32x4 arithmetic gives the
 * pipeline's bits; the cosine is cos32x4, each lane cos32's. Returns where it stopped.
 */
// @ts-ignore: decorator
@inline
function block32x4(params: usize, start: f64, out: usize, from: i32, to: i32): i32 {
  const vfd = f32x4.splat(<f32>param(params, FD));
  const vsum = f32x4.splat(<f32>sumR);
  const vperiod = f32x4.splat(<f32>period);
  const vhalf = f32x4.splat(<f32>halfM);
  const vpi = f32x4.splat(<f32>param(params, PI));
  const voma = f32x4.splat(<f32>param(params, OMA));
  const va = f32x4.splat(<f32>param(params, A));
  const valpha = f32x4.splat(<f32>param(params, ALPHA));
  const ones = f32x4.splat(1.0);
  const near = f32x4.splat(NEAR);
  const lanes = f64x2.replace_lane(f64x2.splat(start), 1, start + 1.0);
  let j = from;
  for (; j + 3 < to; j += 4) {
    const s0 = f64x2.add(lanes, f64x2.splat(<f64>j));
    const s1 = f64x2.add(s0, f64x2.splat(2.0));
    const s = v128.shuffle<f32>(f32x4.demote_f64x2_zero(s0), f32x4.demote_f64x2_zero(s1), 0, 1, 4, 5);
    const cf = f32x4.div(s, vfd);
    const t = f32x4.mul(vpi, f32x4.div(f32x4.sub(cf, vsum), vperiod));
    // "not <" also catches NaN lanes; such a group is left to the scalar loop.
    if (v128.any_true(v128.not(f32x4.lt(f32x4.abs(t), near)))) break;
    setAnchors(f32x4.abs(t));
    const c = cos32x4(t);
    if (lanesUndecided()) break;
    const v = f32x4.mul(voma, f32x4.mul(vhalf, f32x4.add(ones, c)));
    v128.store(out + ((<usize>j) << 2), f32x4.mul(va, f32x4.add(v, valpha)));
  }
  return j;
}

/**
 * Elements [from, to) of a float64 block that shares one restart index, two at a time: every
 * operation but the cosine is a float64 operation, so f64x2 arithmetic gives the pipeline's bits;
 * the cosine is the run step of cos64 (cosRun64x2) at the anchor both lanes share (t does not
 * decrease along the block, so an anchor holds for a run of pairs). Returns where it stopped: at a
 * pair whose lanes have two anchors (or the one at pi/2, or none), or whose cosine the run step
 * left undecided.
 */
// @ts-ignore: decorator
@inline
function block64x2(params: usize, start: f64, out: usize, from: i32, to: i32): i32 {
  const vfd = f64x2.splat(param(params, FD));
  const vsum = f64x2.splat(sumR);
  const vperiod = f64x2.splat(period);
  const vhalf = f64x2.splat(halfM);
  const vpi = f64x2.splat(param(params, PI));
  const voma = f64x2.splat(param(params, OMA));
  const va = f64x2.splat(param(params, A));
  const valpha = f64x2.splat(param(params, ALPHA));
  let held = f64x2.splat(NaN); // none: NaN equals no anchor (-1, of a t just below -DMAX, would)
  let j = from;
  for (; j + 1 < to; j += 2) {
    const cf = f64x2.div(f64x2.add(f64x2.splat(start + <f64>j), f64x2(0, 1)), vfd);
    const t = f64x2.mul(vpi, f64x2.div(f64x2.sub(cf, vsum), vperiod));
    const at = anchors64Of(t);
    if (i64x2.bitmask(f64x2.eq(at, held)) != 3) {
      // A new run: both lanes at one anchor in the near path's reach (NaN fails every test).
      const j0 = f64x2.extract_lane(at, 0);
      if (!(j0 == f64x2.extract_lane(at, 1) && j0 >= 0 && j0 <= 512 && j0 != <f64>ANCHOR_HALF_PI)) break;
      sameAnchor64(<i32>j0);
      held = f64x2.splat(j0);
    }
    const c = cosRun64x2(t);
    if (lanesUndecided()) break;
    const v = f64x2.mul(voma, f64x2.mul(vhalf, f64x2.add(f64x2.splat(1.0), c)));
    v128.store(out + ((<usize>j) << 3), f64x2.mul(va, f64x2.add(v, valpha)));
  }
  return j;
}

/**
 * decayed() for float64 at a held anchor (the scalar build's block loop): the run step of cos64
 * where t lies in the held anchor's run (or a new one, then held), NaN where the caller must take
 * decayed() instead (the anchor at pi/2, t outside the near path, an undecided run step).
 */
// @ts-ignore: decorator
@inline
function decayedRun64(cf: f64, params: usize): f64 {
  const t = param(params, PI) * ((cf - sumR) / period);
  if (!(t >= 0 && t < NEAR64)) return NaN;
  const j = anchor64Of(t);
  if (j == ANCHOR_HALF_PI) return NaN;
  if (j != heldAnchor) {
    sameAnchor64(j);
    heldAnchor = j;
  }
  const c = cosRun64(t);
  return param(params, A) * (param(params, OMA) * (halfM * (1.0 + c)) + param(params, ALPHA));
}

// The anchor whose run constants sameAnchor64 holds for decayedRun64 (-1: none).
let heldAnchor: i32 = -1;

/** The restart index of the fraction cf, and its constants in sumR, period, halfM; NaN if undecided. */
// @ts-ignore: decorator
@inline
function indexOf(cf: f64, params: usize, wide: bool): f64 {
  if (inTable(cf, params)) {
    const k = tableIndex(cf, params);
    fromTable(k, params);
    return <f64>k;
  }
  const i = restart(cf, params, wide);
  if (wasUndecided() || i != i) return NaN;
  constantsOf(i, params, wide);
  return wasUndecided() ? NaN : i;
}

function runRange(params: usize, start: f64, out: usize, hard: usize, n: i32, wide: bool): i32 {
  let count = 0;
  heldAnchor = -1;
  for (let b = 0; b < n; b += BLOCK) {
    const end = min(n, b + BLOCK);
    // The last step's index first: the first's constants are the ones the block keeps.
    const i1 = indexOf(fraction(start + <f64>(end - 1), params, wide), params, wide);
    const i0 = indexOf(fraction(start + <f64>b, params, wide), params, wide);
    // NaN != NaN: a block with an index NaN or undecided goes element by element.
    if (i0 != i1) {
      for (let j = b; j < end; j++) count = put(out, hard, count, j, one(start + <f64>j, params, wide), wide);
      continue;
    }
    let j = b;
    if (ASC_FEATURE_SIMD) {
      for (;;) {
        if (wide) {
          j = block64x2(params, start, out, j, end);
          if (j + 1 >= end) break;
          // A pair the vector loop left: these two element by element, then on.
          for (let q = j; q < j + 2; q++) count = put(out, hard, count, q, decayed(fraction(start + <f64>q, params, wide), params, wide), wide);
          j += 2;
        } else {
          j = block32x4(params, start, out, j, end);
          if (j + 3 >= end) break;
          // A group the vector loop left: these four element by element, then on.
          for (let q = j; q < j + 4; q++) count = put(out, hard, count, q, decayed(fraction(start + <f64>q, params, wide), params, wide), wide);
          j += 4;
        }
      }
    } else if (wide) {
      for (; j < end; j++) {
        const cf = fraction(start + <f64>j, params, true);
        let v = decayedRun64(cf, params);
        if (v != v) v = decayed(cf, params, true);
        count = put(out, hard, count, j, v, true);
      }
    }
    for (; j < end; j++) count = put(out, hard, count, j, decayed(fraction(start + <f64>j, params, wide), params, wide), wide);
  }
  return count;
}

export function cosineDecayRestarts32(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  return steps ? runSteps(params, steps, out, hard, n, false) : runRange(params, start, out, hard, n, false);
}

export function cosineDecayRestarts64(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  return steps ? runSteps(params, steps, out, hard, n, true) : runRange(params, start, out, hard, n, true);
}
