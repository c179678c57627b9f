// CosineDecayRestarts (SGDR) over many steps, as shared/NUMERICS.md defines it for float32 and
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
// Ranges: i is a non-decreasing function of the step (every operation above is monotone in cf and
// the rounding keeps that: for T > 1, 1 - T < 0 and log(T) > 0; for T < 1 both signs flip), so
// when a block's first and last steps have the same i, so do all between. Each block then takes
// its log and powers at the two ends only, and its elements are cos and a few operations: one
// correctly rounded function per element instead of four. A block whose ends differ (a restart
// falls inside) or could not be decided is computed element by element.
//
// JS twin: cosineDecayRestarts.twin.ts, the same functions with the same operations in the same
// order. Facade: src/keras/cosineDecayRestarts.ts. Calling convention: ../abi.ts.

import { cos32, cos32x4, cos64, lanesUndecided, NEAR, setAnchors } from "../numerics/cos";
import { pow32, pow64 } from "../numerics/exp2";
import { log32, log64 } from "../numerics/log";
import { wasUndecided } from "../numerics/undecided";
import { param, record } from "../abi";
import { A, FD, GEOMETRIC, OMT, LOG_T, T1, T2, M1, M2, ALPHA, OMA, PI } from "./cosineDecayRestarts.params";

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
  for (let i = 0; i < n; i++) {
    const step = load<f64>(steps + ((<usize>i) << 3));
    if (step - step != 0) return -1 - i;
    count = put(out, hard, count, i, one(step, params, wide), wide);
  }
  return count;
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

function runRange(params: usize, start: f64, out: usize, hard: usize, n: i32, wide: bool): i32 {
  let count = 0;
  for (let b = 0; b < n; b += BLOCK) {
    const end = min(n, b + BLOCK);
    const k0 = start + <f64>b;
    const i0 = restart(fraction(k0, params, wide), params, wide);
    const i1 = restart(fraction(start + <f64>(end - 1), params, wide), params, wide);
    // NaN != NaN: a block of NaN indices goes element by element too.
    let shared = !wasUndecided() && i0 == i1;
    if (shared) {
      constantsOf(i0, params, wide);
      shared = !wasUndecided();
    }
    if (!shared) {
      for (let j = b; j < end; j++) count = put(out, hard, count, j, one(start + <f64>j, params, wide), wide);
      continue;
    }
    let j = b;
    if (ASC_FEATURE_SIMD && !wide) {
      for (;;) {
        j = block32x4(params, start, out, j, end);
        if (j + 3 >= end) break;
        // A group the vector loop left: these four element by element, then on.
        for (let q = j; q < j + 4; q++) count = put(out, hard, count, q, decayed(fraction(start + <f64>q, params, wide), params, wide), wide);
        j += 4;
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
