// The cosine pieces of Hugging Face's lr lambdas (huggingface/transformers,
// src/transformers/optimization.py): out[i] = the piece at step t = start + i of a range (steps
// must be 0). Which piece serves which HF schedule, with which parameters: src/transformers/kernels.ts.
//
//   p = ((t - T0) + SHIFT) / DEN                         (as algebraic.ts: t - T0 is exact)
//   cosineFall64:  f = 0.5 * (1.0 + cos(ARG * p))        HF's cosine decay, ARG = math.pi * float(num_cycles) * 2.0
//   cosineRise64:  f = 0.5 * (1.0 - cos(ARG * p))        get_wsd_schedule's cosine warm-up, ARG = math.pi
//   then HF's      factor = f * ONE_M + M;  max(0, factor)
//   restarts64:    0.0 if p >= 1.0, else
//                  max(0.0, 0.5 * (1.0 + cos(PI * ((ARG * p) % 1.0))))   ARG = float(num_cycles)
//
// Each kernel writes SCALE times its piece: LambdaLR's `base_lr * lmbda(t)` (SCALE = 1 for the
// factors alone).
//
// cos is ../numerics/cos.ts', correctly rounded in every form, so every form gives the same bits:
// in a range's run of steps whose arguments share one of cos64's anchors or its image in a later
// period (runHolds64, which holds the run), the run step (cosRun64x2 on two lanes, or cosRun64 in
// the scalar build, of s (x - M)); elsewhere cos64x2
// on pairs (the SIMD build) or cos64. A run needs arguments that never decrease with t, so that
// the steps of one anchor are consecutive and found by a galloping search: with ARG >= 0 and
// DEN > 0 every operation of p and ARG * p is monotone. The fall and the rise take one run per
// anchor. Restarts' arguments fall back at each restart, but within one cycle (one value of
// floor(ARG * p)) PI * (y - floor(y)) only grows: a restarts run is one anchor within one cycle,
// before p reaches 1 (p only grows too), so its steps are consecutive as well. What the run step
// cannot decide on a pair it retries lane by lane (cosRun64, pairOf), without leaving the run; what
// that or cos64x2 cannot decide goes to cos64, and what cos64 cannot decide to the hard list, for
// src/transformers/lambdas.ts to compute exactly. So does an element whose cosine is NaN: its
// argument overflowed to +-Infinity, where Python's math.cos raises, or was NaN (Infinity % 1.0),
// where Python goes on to 0.0; the lambda does as Python does.
//
// Python's `x % 1.0` is C's fmod(x, 1.0), plus 1.0 when that is negative (CPython's float_rem):
// for every finite x it equals x - floor(x), one rounded subtraction. For x >= 0 both are exact
// (x - floor(x) is a multiple of x's ulp below 1); for x < 0 not an integer, fmod(x, 1.0) = x + k
// exactly (k = -trunc(x)) and then + 1.0 rounds x + k + 1 = x - floor(x) once, as x - floor(x)
// does; for integers both give +0. (Wasm has no fmod.)
//
// JS twin: cosine.twin.ts, the same operations in the same order as the scalar build. The run
// loops save operations that give the same bits, each argued where it is made: the numerators as
// one sum (integerSteps), without a min lr the piece without its `* 1 + 0` and max (store2), and
// the SIMD loop's products by 0.5 folded into a constant where that is exact (halvable, minHalvable).
// Calling convention: ../abi.ts.

import { cos64, cos64x2, cos64x2x2, secondPair, cosRun64, cosRun64x2, lanesUndecided, LIMIT, REACH, runHi64, runHolds64, runLo64, runShift64, runSign64 } from "../numerics/cos";
import { wasUndecided } from "../numerics/undecided";
import { param, record } from "../abi";
import { T0, SHIFT, DEN, ARG, PI, ONE_M, M, SCALE } from "./cosine.params";

// The pieces, as inlining folds them: each exported kernel fixes one.
const FALL = 0;
const RISE = 1;
const RESTARTS = 2;

/** HF's piece given its cosine c, before SCALE: max(0, ...). */
// @ts-ignore: decorator
@inline
function piece(c: f64, oneM: f64, m: f64, kind: i32): f64 {
  const v = kind == RESTARTS ? 0.5 * (1.0 + c) : (kind == FALL ? 0.5 * (1.0 + c) : 0.5 * (1.0 - c)) * oneM + m;
  return v > 0.0 ? v : 0.0;
}

/** piece() on two lanes; pmax(0, v) is v > 0 ? v : 0 (+0 for -0 and NaN), as piece's select. */
// @ts-ignore: decorator
@inline
function piece2(c: v128, oneM: v128, m: v128, kind: i32): v128 {
  const half = f64x2.splat(0.5);
  const one = f64x2.splat(1.0);
  let v: v128;
  if (kind == RESTARTS) v = f64x2.mul(half, f64x2.add(one, c));
  else v = f64x2.add(f64x2.mul(f64x2.mul(half, kind == FALL ? f64x2.add(one, c) : f64x2.sub(one, c)), oneM), m);
  return f64x2.pmax(f64x2.splat(0.0), v);
}

/** The progress p at range index k. */
// @ts-ignore: decorator
@inline
function pAt(params: usize, start: f64, k: i32): f64 {
  return ((start + <f64>k - param(params, T0)) + param(params, SHIFT)) / param(params, DEN);
}

/** Restarts' cosine argument, given y = ARG * p (p < 1): `math.pi * ((num_cycles * progress) % 1.0)`. */
// @ts-ignore: decorator
@inline
function restartsX(params: usize, y: f64): f64 {
  return param(params, PI) * (y - Math.floor(y));
}

/**
 * Whether range index k's argument lies in the held run, whose arguments are [xlo, xhi]
 * (runHolds64, in any period) and, for restarts, in cycle `cycle` = floor(ARG * p), with p < 1.
 */
// @ts-ignore: decorator
@inline
function inRun(params: usize, start: f64, k: i32, xlo: f64, xhi: f64, cycle: f64, kind: i32): bool {
  const p = pAt(params, start, k);
  const y = param(params, ARG) * p;
  if (kind == RESTARTS) {
    if (!(p < 1.0) || Math.floor(y) != cycle) return false;
    const x = restartsX(params, y);
    return x >= xlo && x <= xhi;
  }
  return y >= xlo && y <= xhi;
}

/**
 * The end of the held run (and cycle, for restarts) from index i, which is in it: the first index
 * after it, or n. Galloping, then bisection: lo is in the run, hi is not (or is n).
 */
function runEnd(params: usize, start: f64, i: i32, n: i32, xlo: f64, xhi: f64, cycle: f64, kind: i32): i32 {
  let lo = i;
  let hi = i + 1;
  let stride = 1;
  while (hi < n && inRun(params, start, hi, xlo, xhi, cycle, kind)) {
    lo = hi;
    stride <<= 1;
    hi = min(n, lo + stride);
  }
  while (hi - lo > 1) {
    const mid = lo + ((hi - lo) >> 1);
    if (inRun(params, start, mid, xlo, xhi, cycle, kind)) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * The run that starts at index i, held (runHolds64: the run step's constants set, in any period)
 * with its end in runStop and runHeld true; or none (the anchor at pi/2 is never a run's: its
 * cosines come near 0, cos.ts), ending at n when no run can follow (the arguments only grow past
 * LIMIT, or restarts' p reached 1), else at i (look again at the next index).
 */
// @ts-ignore: decorator
@inline
function runAt(params: usize, start: f64, i: i32, n: i32, kind: i32): void {
  const p = pAt(params, start, i);
  const y = param(params, ARG) * p;
  let x = y;
  let cycle: f64 = 0.0;
  let end = i;
  let held = false;
  if (kind == RESTARTS) {
    cycle = Math.floor(y);
    x = restartsX(params, y);
    if (p >= 1.0) end = n;
  } else if (x >= LIMIT) end = n;
  if (end == i && runHolds64(x, x)) {
    held = true;
    end = runEnd(params, start, i, n, runLo64(), runHi64(), cycle, kind);
  }
  runStop = end;
  runHeld = held;
}

// runAt's answer (AssemblyScript returns one value).
let runStop: i32 = 0;
let runHeld: bool = false;

/**
 * Element i by cos64, or onto the hard list; returns the hard count. Restarts' p >= 1 is 0. Not
 * inlined: the loops' rare fallback and their last element.
 */
function one(params: usize, start: f64, out: usize, hard: usize, count: i32, i: i32, kind: i32): i32 {
  const p = pAt(params, start, i);
  const scale = param(params, SCALE);
  const y = param(params, ARG) * p;
  let c: f64;
  if (kind == RESTARTS) {
    if (p >= 1.0) {
      store<f64>(out + ((<usize>i) << 3), scale * 0.0);
      return count;
    }
    c = cos64(restartsX(params, y));
  } else {
    c = cos64(y);
  }
  if (wasUndecided() || c != c) return record(hard, count, i);
  store<f64>(out + ((<usize>i) << 3), scale * piece(c, param(params, ONE_M), param(params, M), kind));
  return count;
}

/**
 * The cosine arguments of two lanes whose numerators (t - T0) + SHIFT are u: pAt's and restartsX's
 * operations (ARG * p for the fall and the rise).
 */
// @ts-ignore: decorator
@inline
function xOf(u: v128, vden: v128, varg: v128, vpi: v128, kind: i32): v128 {
  const y = f64x2.mul(varg, f64x2.div(u, vden));
  return kind == RESTARTS ? f64x2.mul(vpi, f64x2.sub(y, f64x2.floor(y))) : y;
}

/** Beyond this magnitude a double's integers are no longer all exact. */
const EXACT_INTEGERS: f64 = 9007199254740992.0; // 2^53

/**
 * Whether the numerators (start + k - T0) + SHIFT of a range of n steps are s0 + k, with s0 =
 * (start - T0) + SHIFT: so when start, T0 and SHIFT are integers and |start| + n + |T0| + |SHIFT|
 * <= 2^53, for then every sum of both forms is an integer of at most that magnitude, exact (the
 * facade's always are: step counts). runOf then adds once a pair where pAt adds and subtracts.
 */
// @ts-ignore: decorator
@inline
function integerSteps(params: usize, start: f64, n: i32): bool {
  const t0 = param(params, T0);
  const shift = param(params, SHIFT);
  return Math.floor(start) == start && Math.floor(t0) == t0 && Math.floor(shift) == shift &&
    Math.abs(start) + <f64>n + Math.abs(t0) + Math.abs(shift) <= EXACT_INTEGERS;
}

/** An anchor's reach in arguments, pi/512 (../numerics/cos.ts' STEP64): a run's arguments lie within it. */
const RUN_WIDTH: f64 = 0.006135923151542565;

/**
 * Runs of fewer steps than this cost more than they save: finding one (runHolds64's constants and
 * runEnd's search, a division per look) costs more than cos64x2 on its pairs. Measured (Node 20,
 * HF's cosine over 1e6 steps, this build): without runs 17.8 ms at any num_cycles; with them
 * 11.7 ms at about 10 steps a run (num_cycles 100), 17.8 ms at 5 (200), 31 ms at 2 (500).
 */
const MIN_RUN_STEPS: f64 = 6.0;

/**
 * Whether the range's runs are long enough to look for: the argument grows by ARG / DEN a step
 * (PI times that for restarts, within a cycle), so a run holds about RUN_WIDTH / that many steps.
 * Either answer gives the same bits (every path gives cos64's where it decides).
 */
// @ts-ignore: decorator
@inline
function longRuns(params: usize, kind: i32): bool {
  const arg = kind == RESTARTS ? param(params, PI) * param(params, ARG) : param(params, ARG);
  return (arg / param(params, DEN)) * MIN_RUN_STEPS <= RUN_WIDTH;
}

/**
 * piece2 times SCALE, stored at o + offset. With plain (ONE_M = 1 and M = 0: HF's schedules
 * without a min lr), the fall's or rise's `* 1 + 0` and max(0, ...) are left out, which changes no
 * bit: v * 1 is v; v + 0 differs from v only for v = -0, and 0.5 * (1 -+ c) is never -0 nor
 * negative (|c| <= 1; 1 - 1 is +0), so the max gives v back.
 */
// @ts-ignore: decorator
@inline
function store2(o: usize, offset: usize, c: v128, voneM: v128, vm: v128, vscale: v128, plain: bool, kind: i32): void {
  const one = f64x2.splat(1.0);
  const v = plain && kind != RESTARTS ? f64x2.mul(f64x2.splat(0.5), kind == FALL ? f64x2.add(one, c) : f64x2.sub(one, c)) : piece2(c, voneM, vm, kind);
  v128.store(o + offset, f64x2.mul(vscale, v));
}

/**
 * Whether store2's plain fall or rise, SCALE * (0.5 * w) with w = 1 -+ c, may be stored as
 * (0.5 * SCALE) * w (storeHalved), one product fewer: so when 0.5 * SCALE is exact (doubling it
 * gives SCALE back; it is not for a subnormal SCALE with its last bit set, nor NaN). 0.5 * w is
 * exact too (w is 0 or at least 2^-53, far above the subnormals), so both forms round the one real
 * number SCALE * w / 2 once: the same bits, for every w and every SCALE that passes. Restarts'
 * piece is SCALE * max(0, 0.5 * (1 + c)) whatever ONE_M and M: the run step's c is finite with
 * |c| <= 1, so 0.5 * (1 + c) is +0 or positive and the max gives it back, as for the plain fall.
 */
// @ts-ignore: decorator
@inline
function halvable(params: usize, plain: bool, kind: i32): bool {
  const scale = param(params, SCALE);
  return (plain || kind == RESTARTS) && (0.5 * scale) * 2.0 == scale;
}

/** store2's plain fall, rise or restarts as halvable says, with vhalf = 0.5 * SCALE on both lanes. */
// @ts-ignore: decorator
@inline
function storeHalved(o: usize, offset: usize, c: v128, vhalf: v128, kind: i32): void {
  const one = f64x2.splat(1.0);
  v128.store(o + offset, f64x2.mul(vhalf, kind == RISE ? f64x2.sub(one, c) : f64x2.add(one, c)));
}

/**
 * Whether store2's fall or rise with a min lr, (0.5 * w) * ONE_M + M, may take w * (0.5 * ONE_M)
 * for its product (storeMin), one product fewer: so when 0.5 * ONE_M is exact (as halvable: the
 * facade's ONE_M = 1 - M is 0 or at least 2^-53, so always). With 0.5 * w exact too, both round
 * the one real number w * ONE_M / 2 once.
 */
// @ts-ignore: decorator
@inline
function minHalvable(params: usize, plain: bool, kind: i32): bool {
  const oneM = param(params, ONE_M);
  return !plain && kind != RESTARTS && (0.5 * oneM) * 2.0 == oneM;
}

/** store2's fall or rise with a min lr as minHalvable says, with vhalfOneM = 0.5 * ONE_M. */
// @ts-ignore: decorator
@inline
function storeMin(o: usize, offset: usize, c: v128, vhalfOneM: v128, vm: v128, vscale: v128, kind: i32): void {
  const one = f64x2.splat(1.0);
  const v = f64x2.add(f64x2.mul(kind == FALL ? f64x2.add(one, c) : f64x2.sub(one, c), vhalfOneM), vm);
  v128.store(o + offset, f64x2.mul(vscale, f64x2.pmax(f64x2.splat(0.0), v)));
}

/** store2's lane on one element: what the scalar build's run loop stores (the same operations). */
// @ts-ignore: decorator
@inline
function scaledPiece(c: f64, oneM: f64, m: f64, scale: f64, plain: bool, kind: i32): f64 {
  return scale * (plain && kind != RESTARTS ? 0.5 * (kind == FALL ? 1.0 + c : 1.0 - c) : piece(c, oneM, m, kind));
}

/** A run's cosine argument at range index k, from its numerator s0 + k (integerSteps): xOf's operations. */
// @ts-ignore: decorator
@inline
function runX(params: usize, s0: f64, k: i32, kind: i32): f64 {
  const y = param(params, ARG) * ((s0 + <f64>k) / param(params, DEN));
  return kind == RESTARTS ? restartsX(params, y) : y;
}

/**
 * The pair at k, k + 1 of the held run (runAt); returns the hard count.
 * A pair the run step leaves undecided is taken lane by lane: cosRun64 (the scalar run step, the
 * same operations and the same test as each lane of cosRun64x2, so the lane it decides has the
 * bits cosRun64x2 would give it), and one() for the element it cannot decide. About 1 element in
 * 500 of HF's cosine (measured: 1,930 undecided pairs in 990,000 steps); before, each sent the
 * pair to cos64x2 and then cos64 and left the run, to find it again.
 */
function pairOf(params: usize, s0: f64, start: f64, out: usize, hard: usize, count: i32, k: i32, kind: i32): i32 {
  const oneM = param(params, ONE_M);
  const m = param(params, M);
  const scale = param(params, SCALE);
  const plain = oneM == 1.0 && m == 0.0;
  const u = f64x2.add(f64x2.splat(s0 + <f64>k), f64x2(0, 1));
  const x = xOf(u, f64x2.splat(param(params, DEN)), f64x2.splat(param(params, ARG)), f64x2.splat(param(params, PI)), kind);
  const c = cosRun64x2(f64x2.mul(f64x2.splat(runSign64()), f64x2.sub(x, f64x2.splat(runShift64()))));
  if (!lanesUndecided()) {
    store2(out + ((<usize>k) << 3), 0, c, f64x2.splat(oneM), f64x2.splat(m), f64x2.splat(scale), plain, kind);
    return count;
  }
  for (let e = k; e < k + 2; e++) {
    const ce = cosRun64(runSign64() * (runX(params, s0, e, kind) - runShift64()));
    if (ce == ce) store<f64>(out + ((<usize>e) << 3), scaledPiece(ce, oneM, m, scale, plain, kind));
    else count = one(params, start, out, hard, count, e, kind);
  }
  return count;
}

/**
 * The held run's pairs [i, end) (end - i even, all in the run, the range's steps integers as
 * integerSteps says); returns the hard count. Every pair is decided here: an undecided lane goes
 * to pairOf. The run step takes s (x - M) (runHolds64).
 */
// @ts-ignore: decorator
@inline
function runOf(params: usize, start: f64, out: usize, hard: usize, count: i32, i: i32, end: i32, kind: i32): i32 {
  // In period 0 (M = 0, s = 1) s (x - M) is x: the two operations are left out.
  const shifted = runShift64() != 0.0;
  const vsign = f64x2.splat(runSign64());
  const vshift = f64x2.splat(runShift64());
  const s0 = (start - param(params, T0)) + param(params, SHIFT);
  const vden = f64x2.splat(param(params, DEN));
  const varg = f64x2.splat(param(params, ARG));
  const voneM = f64x2.splat(param(params, ONE_M));
  const vm = f64x2.splat(param(params, M));
  const vscale = f64x2.splat(param(params, SCALE));
  const vpi = f64x2.splat(param(params, PI));
  const plain = param(params, ONE_M) == 1.0 && param(params, M) == 0.0;
  const halved = halvable(params, plain, kind);
  const vhalf = f64x2.splat(0.5 * param(params, SCALE));
  const minHalved = minHalvable(params, plain, kind);
  const vhalfOneM = f64x2.splat(0.5 * param(params, ONE_M));
  // Four pairs an iteration, with one look at the undecided flag (a pair's cosine does not wait on
  // another's); if a lane was undecided, none of the four is stored and pairOf takes them one by one.
  const two = f64x2.splat(2.0);
  for (; i + 8 <= end; i += 8) {
    const u = f64x2.add(f64x2.splat(s0 + <f64>i), f64x2(0, 1));
    const u2 = f64x2.add(u, two);
    const u4 = f64x2.add(u2, two);
    const u6 = f64x2.add(u4, two);
    let x = xOf(u, vden, varg, vpi, kind);
    let x2 = xOf(u2, vden, varg, vpi, kind);
    let x4 = xOf(u4, vden, varg, vpi, kind);
    let x6 = xOf(u6, vden, varg, vpi, kind);
    if (shifted) {
      x = f64x2.mul(vsign, f64x2.sub(x, vshift));
      x2 = f64x2.mul(vsign, f64x2.sub(x2, vshift));
      x4 = f64x2.mul(vsign, f64x2.sub(x4, vshift));
      x6 = f64x2.mul(vsign, f64x2.sub(x6, vshift));
    }
    const c = cosRun64x2(x);
    const c2 = cosRun64x2(x2);
    const c4 = cosRun64x2(x4);
    const c6 = cosRun64x2(x6);
    if (lanesUndecided()) {
      for (let k = i; k < i + 8; k += 2) count = pairOf(params, s0, start, out, hard, count, k, kind);
      continue;
    }
    const o = out + ((<usize>i) << 3);
    if (halved) {
      storeHalved(o, 0, c, vhalf, kind);
      storeHalved(o, 16, c2, vhalf, kind);
      storeHalved(o, 32, c4, vhalf, kind);
      storeHalved(o, 48, c6, vhalf, kind);
      continue;
    }
    if (minHalved) {
      storeMin(o, 0, c, vhalfOneM, vm, vscale, kind);
      storeMin(o, 16, c2, vhalfOneM, vm, vscale, kind);
      storeMin(o, 32, c4, vhalfOneM, vm, vscale, kind);
      storeMin(o, 48, c6, vhalfOneM, vm, vscale, kind);
      continue;
    }
    store2(o, 0, c, voneM, vm, vscale, plain, kind);
    store2(o, 16, c2, voneM, vm, vscale, plain, kind);
    store2(o, 32, c4, voneM, vm, vscale, plain, kind);
    store2(o, 48, c6, voneM, vm, vscale, plain, kind);
  }
  for (; i < end; i += 2) count = pairOf(params, s0, start, out, hard, count, i, kind);
  return count;
}

/**
 * The cosine arguments of steps i, i + 1 in the general body (pAt's and restartsX's operations);
 * NaN in a lane that one() must take: a restart's step past the last cycle (p >= 1), or a NaN.
 */
// @ts-ignore: decorator
@inline
function generalArgs(params: usize, start: f64, i: i32, vt0: v128, vshift: v128, vden: v128, varg: v128, vpi: v128, kind: i32): v128 {
  const p = f64x2.div(f64x2.add(f64x2.sub(f64x2.add(f64x2.splat(start + <f64>i), f64x2(0, 1)), vt0), vshift), vden);
  if (kind != RESTARTS) return f64x2.mul(varg, p);
  const y = f64x2.mul(varg, p);
  // All bits set: a NaN.
  return v128.or(f64x2.mul(vpi, f64x2.sub(y, f64x2.floor(y))), f64x2.ge(p, f64x2.splat(1.0)));
}

/** The SIMD build's loop: a range's runs, cos64x2x2 and cos64x2 on pairs, one() for the rest. */
// @ts-ignore: decorator
@inline
function run2(params: usize, start: f64, out: usize, hard: usize, n: i32, kind: i32): i32 {
  const vt0 = f64x2.splat(param(params, T0));
  const vshift = f64x2.splat(param(params, SHIFT));
  const vden = f64x2.splat(param(params, DEN));
  const varg = f64x2.splat(param(params, ARG));
  const vpi = f64x2.splat(param(params, PI));
  const voneM = f64x2.splat(param(params, ONE_M));
  const vm = f64x2.splat(param(params, M));
  const vscale = f64x2.splat(param(params, SCALE));
  // The vector cosines' reach (cos64x2 and cos64x2x2 reduce up to REACH).
  const limit = f64x2.splat(REACH);
  const runs = param(params, ARG) >= 0.0 && param(params, DEN) > 0.0 && integerSteps(params, start, n) && longRuns(params, kind);
  let count = 0;
  let i = 0;
  // The current run, [.., run), held if `held` (none yet: run = 0).
  let run = 0;
  let held = false;
  while (i + 1 < n) {
    if (runs) {
      if (i >= run) {
        runAt(params, start, i, n, kind);
        run = runStop;
        held = runHeld;
      }
      if (i + 1 < run && held) {
        const end = i + ((run - i) & ~1);
        count = runOf(params, start, out, hard, count, i, end, kind);
        i = end;
        if (i + 1 >= n) break;
        // An odd run's last element, or none: the general body from here.
        if (i >= run) continue;
      }
    }
    // Two pairs at once where four steps are left (cos64x2x2: their chains side by side; measured
    // with num_cycles 500, where no run holds: 1.31 times as fast as a pair at a time), else one.
    // A lane the vector cosine does not take is NaN (generalArgs) and fails the < test.
    if (i + 3 < n) {
      const xa = generalArgs(params, start, i, vt0, vshift, vden, varg, vpi, kind);
      const xb = generalArgs(params, start, i + 2, vt0, vshift, vden, varg, vpi, kind);
      if (v128.any_true(v128.not(v128.and(f64x2.lt(f64x2.abs(xa), limit), f64x2.lt(f64x2.abs(xb), limit))))) {
        for (let e = i; e < i + 4; e++) count = one(params, start, out, hard, count, e, kind);
        i += 4;
        continue;
      }
      const ca = cos64x2x2(xa, xb);
      if (!lanesUndecided()) {
        v128.store(out + ((<usize>i) << 3), f64x2.mul(vscale, piece2(ca, voneM, vm, kind)));
        v128.store(out + ((<usize>i) << 3), f64x2.mul(vscale, piece2(secondPair(), voneM, vm, kind)), 16);
        i += 4;
        continue;
      }
      for (let e = i; e < i + 4; e++) count = one(params, start, out, hard, count, e, kind);
      i += 4;
      continue;
    }
    const x = generalArgs(params, start, i, vt0, vshift, vden, varg, vpi, kind);
    if (!v128.any_true(v128.not(f64x2.lt(f64x2.abs(x), limit)))) {
      const c = cos64x2(x);
      if (!lanesUndecided()) {
        v128.store(out + ((<usize>i) << 3), f64x2.mul(vscale, piece2(c, voneM, vm, kind)));
        i += 2;
        continue;
      }
    }
    count = one(params, start, out, hard, count, i, kind);
    count = one(params, start, out, hard, count, i + 1, kind);
    i += 2;
  }
  for (; i < n; i++) count = one(params, start, out, hard, count, i, kind);
  return count;
}

/** The scalar build's loop: a range's runs with cosRun64 element by element, one() for the rest. */
// @ts-ignore: decorator
@inline
function run1(params: usize, start: f64, out: usize, hard: usize, n: i32, kind: i32): i32 {
  const oneM = param(params, ONE_M);
  const m = param(params, M);
  const scale = param(params, SCALE);
  const den = param(params, DEN);
  const arg = param(params, ARG);
  // As runOf's: the numerators s0 + i, and the plain piece (store2 says why both give the same bits).
  const runs = arg >= 0.0 && den > 0.0 && integerSteps(params, start, n) && longRuns(params, kind);
  const s0 = (start - param(params, T0)) + param(params, SHIFT);
  const plain = oneM == 1.0 && m == 0.0 && kind != RESTARTS;
  let count = 0;
  let run = 0;
  let held = false;
  let sign: f64 = 1.0;
  let shift: f64 = 0.0;
  for (let i = 0; i < n; i++) {
    if (runs) {
      if (i >= run) {
        runAt(params, start, i, n, kind);
        run = runStop;
        held = runHeld;
        sign = runSign64();
        shift = runShift64();
      }
      if (i < run && held) {
        const x = runX(params, s0, i, kind);
        const c = cosRun64(shift != 0.0 ? sign * (x - shift) : x);
        if (c == c) {
          store<f64>(out + ((<usize>i) << 3), scaledPiece(c, oneM, m, scale, plain, kind));
          continue;
        }
      }
    }
    count = one(params, start, out, hard, count, i, kind);
  }
  return count;
}

// @ts-ignore: decorator
@inline
function run(params: usize, start: f64, out: usize, hard: usize, n: i32, kind: i32): i32 {
  if (ASC_FEATURE_SIMD) return run2(params, start, out, hard, n, kind);
  return run1(params, start, out, hard, n, kind);
}

export function cosineFall64(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  return run(params, start, out, hard, n, FALL);
}

export function cosineRise64(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  return run(params, start, out, hard, n, RISE);
}

export function restarts64(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  return run(params, start, out, hard, n, RESTARTS);
}
