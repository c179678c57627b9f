// CosineDecay over many steps, with Keras' optional linear warm-up, as shared/NUMERICS.md defines
// it for float32 and float64:
//
//   decay(x, from) = from * ((A * (0.5 * (1 + cos(pi_R * (x / d))))) + alpha)
//   no warm-up: decay(min(s, d), a)
//   warm-up:    s' = min(s, d + WS);  s' < WS ? (W - a) * (s' / WS) + a : decay(s' - WS, W)
//
// every operation rounded to the dtype, cos correctly rounded (../numerics/cos.ts).
//
// JS twin: cosineDecay.twin.ts, the same functions with the same operations in the same order.
// Facade: src/schedules/cosineDecay.ts. Calling convention: ../abi.ts, with the parameters below.

import { ABS_R, cos32, cos32y2, cos64, EPS32, LIMIT } from "../numerics/cos";
import { wasUndecided } from "../numerics/undecided";
import { param, record } from "../abi";

// Parameter slots, each as the dtype holds it: a; d; A = R(1 - alpha) (1 - alpha taken in float64
// first, as Keras' Python does); alpha; pi_R; warm-up (0 or 1); W; WS; END = d + WS (rounded);
// DELTA = W - a (rounded).
const A = 0;
const D = 1;
const SCALE = 2;
const ALPHA = 3;
const PI = 4;
const WARMUP = 5;
const W = 6;
const WS = 7;
const END = 8;
const DELTA = 9;

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
  // 0.5 * (1 + c) is exact (a halving), but rounded all the same: the pipeline reads as Keras'.
  const half = r(0.5 * r(1.0 + c, wide), wide);
  return r(from * r(r(param(params, SCALE) * half, wide) + param(params, ALPHA), wide), wide);
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
// is cos32y2 on two f64x2 halves with cos32's rounding test. A group that has a lane the test
// cannot decide, or an argument the vector cosine does not take (|t| >= 2^20, from negative steps
// far before 0, or NaN), is redone element by element.

// @ts-ignore: decorator
@inline
function errorBound(y: v128): v128 {
  return f64x2.add(f64x2.mul(f64x2.abs(y), f64x2.splat(EPS32)), f64x2.splat(ABS_R));
}

// One copy, with warm-up a run-time flag, and the scalar fallback called rather than inlined:
// the vector cosine is large, and the Wasm module has a size budget (test/wasm.test.ts).
function run32x4(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32, warmup: bool): i32 {
  const zero = f64x2.splat(0);
  const lanes = f64x2.replace_lane(f64x2.splat(start), 1, start + 1.0);
  const va = f32x4.splat(<f32>param(params, A));
  const vd = f32x4.splat(<f32>param(params, D));
  const vpi = f32x4.splat(<f32>param(params, PI));
  const vscale = f32x4.splat(<f32>param(params, SCALE));
  const valpha = f32x4.splat(<f32>param(params, ALPHA));
  const vw = f32x4.splat(<f32>param(params, W));
  const vws = f32x4.splat(<f32>param(params, WS));
  const vend = f32x4.splat(<f32>param(params, END));
  const vdelta = f32x4.splat(<f32>param(params, DELTA));
  const ones = f32x4.splat(1.0);
  const half = f32x4.splat(0.5);
  const limit = f32x4.splat(<f32>LIMIT);
  let count = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    let s0: v128;
    let s1: v128;
    if (steps) {
      s0 = v128.load(steps + ((<usize>i) << 3));
      s1 = v128.load(steps + ((<usize>i) << 3), 16);
      // x - x is 0 for finite x and NaN otherwise (then the scalar loop names the index).
      if (v128.any_true(v128.or(f64x2.ne(f64x2.sub(s0, s0), zero), f64x2.ne(f64x2.sub(s1, s1), zero)))) break;
    } else {
      s0 = f64x2.add(lanes, f64x2.splat(<f64>i));
      s1 = f64x2.add(s0, f64x2.splat(2.0));
    }
    // s = R(step): demotion rounds to nearest, as Keras' cast.
    const s = v128.shuffle<f32>(f32x4.demote_f64x2_zero(s0), f32x4.demote_f64x2_zero(s1), 0, 1, 4, 5);
    let x: v128;
    let from: v128;
    let warm: v128 = f32x4.splat(0);
    let warmValue: v128 = f32x4.splat(0);
    if (warmup) {
      const sw = f32x4.min(s, vend);
      warm = f32x4.lt(sw, vws);
      warmValue = f32x4.add(f32x4.mul(vdelta, f32x4.div(sw, vws)), va);
      x = f32x4.sub(sw, vws);
      from = vw;
    } else {
      x = f32x4.min(s, vd);
      from = va;
    }
    let t = f32x4.mul(vpi, f32x4.div(x, vd));
    // Warming lanes take no cosine: 0 keeps them in the vector cosine's domain.
    if (warmup) t = v128.andnot(t, warm);
    // "not <" also catches NaN lanes.
    if (!v128.any_true(v128.not(f32x4.lt(f32x4.abs(t), limit)))) {
      const y0 = cos32y2(f64x2.promote_low_f32x4(t));
      const y1 = cos32y2(f64x2.promote_low_f32x4(v128.shuffle<f32>(t, t, 2, 3, 0, 1)));
      const e0 = errorBound(y0);
      const e1 = errorBound(y1);
      const lo = v128.shuffle<f32>(f32x4.demote_f64x2_zero(f64x2.sub(y0, e0)), f32x4.demote_f64x2_zero(f64x2.sub(y1, e1)), 0, 1, 4, 5);
      const hi = v128.shuffle<f32>(f32x4.demote_f64x2_zero(f64x2.add(y0, e0)), f32x4.demote_f64x2_zero(f64x2.add(y1, e1)), 0, 1, 4, 5);
      // Bitwise equality: y is finite, so this is IEEE equality (any_true of the xor: V8 lowers
      // all_true into a slow sequence, numerics/exp2.ts).
      if (!v128.any_true(v128.xor(lo, hi))) {
        let v = f32x4.mul(from, f32x4.add(f32x4.mul(vscale, f32x4.mul(half, f32x4.add(ones, lo))), valpha));
        if (warmup) v = v128.bitselect(warmValue, v, warm);
        v128.store(out + ((<usize>i) << 2), v);
        continue;
      }
    }
    for (let j = 0; j < 4; j++) {
      const step = steps ? load<f64>(steps + ((<usize>(i + j)) << 3)) : start + <f64>(i + j);
      count = put(out, hard, count, i + j, one32(step, params, warmup), false);
    }
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

// float64 has no vector cosine (cos64 works in double-double): element by element.
export function cosineDecay64(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  const warmup = param(params, WARMUP) != 0;
  return warmup ? run(params, steps, start, out, hard, n, true, true) : run(params, steps, start, out, hard, n, false, true);
}
