// The decay of Hugging Face's get_polynomial_decay_schedule_with_warmup (huggingface/transformers,
// src/transformers/optimization.py, _get_polynomial_decay_schedule_with_warmup_lr_lambda) for the
// steps W <= t <= N of a range (steps must be 0): out[i] = its lambda at t = start + i,
//
//   pct_remaining = 1 - (t - W) / decay_steps          (t - W exact: integers below 2^53)
//   decay = lr_range * pct_remaining ** power + lr_end
//   return decay / lr_init
//
// each operation rounded as Python rounds it, and ** correctly rounded: ../numerics/pow.ts's
// powv64 (on two lanes, powv64x2, in the SIMD build), or without it where the power needs none (as assembly/keras/polynomialDecay.ts): power 0
// is 1, power 1 is the base, power 2 one IEEE product, power 0.5 IEEE's sqrt (the base is in
// [0, 1] here, never -0 or -Infinity, where pow and sqrt differ). An undecided power goes to the
// hard list; so does one that is not finite, where Python raises (0.0 ** -y: ZeroDivisionError;
// overflow: OverflowError), for src/transformers/lambdas.ts to raise it.
//
// The kernel writes SCALE times that: LambdaLR's `base_lr * lmbda(t)` (SCALE = 1 for the factors).
//
// JS twin: polynomial.twin.ts, the same operations in the same order. Calling convention: ../abi.ts.

import { powv64, powv64x2 } from "../numerics/pow";
import { wasUndecided } from "../numerics/undecided";
import { param, record } from "../abi";
import { W, DECAY_STEPS, POWER, RANGE, END, INIT, SCALE } from "./polynomial.params";

// How pct ** power is computed: by powv64 (GENERAL), or exactly without it.
const GENERAL = 0;
const ZERO = 1;
const HALF = 2;
const ONE = 3;
const TWO = 4;

// @ts-ignore: decorator
@inline
function modeOf(y: f64): i32 {
  return y == 0.0 ? ZERO : y == 0.5 ? HALF : y == 1.0 ? ONE : y == 2.0 ? TWO : GENERAL;
}

/** pct ** y for the modes but GENERAL, on two lanes. */
// @ts-ignore: decorator
@inline
function power2(b: v128, mode: i32): v128 {
  if (mode == ZERO) return f64x2.splat(1.0);
  if (mode == ONE) return b;
  if (mode == TWO) return f64x2.mul(b, b);
  return f64x2.sqrt(b);
}

/** Element i, by the scalar functions; appends i to the hard list if it cannot decide it. */
function one(start: f64, i: i32, w: f64, ds: f64, y: f64, range: f64, end: f64, init: f64, scale: f64, mode: i32, out: usize, hard: usize, count: i32): i32 {
  const pct = 1.0 - (start + <f64>i - w) / ds;
  let v: f64;
  if (mode == ZERO) v = 1.0;
  else if (mode == ONE) v = pct;
  else if (mode == TWO) v = pct * pct;
  else if (mode == HALF) v = Math.sqrt(pct);
  else {
    v = powv64(pct, y);
    if (wasUndecided() || !(Math.abs(v) < Infinity)) return record(hard, count, i);
  }
  store<f64>(out + ((<usize>i) << 3), scale * ((range * v + end) / init));
  return count;
}

/**
 * The SIMD build's pairs of steps: the modes without pow on their lanes, a general power on
 * powv64x2's (a pair it cannot answer goes element by element through one()). Returns where it stopped in the low 32 bits and the hard count in the high 32
 * (an AssemblyScript function returns one value).
 */
// @ts-ignore: decorator
@inline
function pairs(start: f64, n: i32, w: f64, ds: f64, y: f64, range: f64, end: f64, init: f64, scale: f64, mode: i32, out: usize, hard: usize, general: bool): i64 {
  const iota = f64x2.replace_lane(f64x2.splat(start), 1, start + 1.0);
  const vw = f64x2.splat(w);
  const vds = f64x2.splat(ds);
  const vrange = f64x2.splat(range);
  const vend = f64x2.splat(end);
  const vinit = f64x2.splat(init);
  const vscale = f64x2.splat(scale);
  const one2 = f64x2.splat(1.0);
  let count = 0;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const t = f64x2.add(iota, f64x2.splat(<f64>i));
    const pct = f64x2.sub(one2, f64x2.div(f64x2.sub(t, vw), vds));
    let v: v128;
    if (general) {
      // powv64x2 leaves a lane whose power might overflow undecided (2^n z with n >= 1024), so
      // what it answers is finite: the step where Python raises goes through one().
      v = powv64x2(pct, y);
      if (wasUndecided()) {
        count = one(start, i, w, ds, y, range, end, init, scale, mode, out, hard, count);
        count = one(start, i + 1, w, ds, y, range, end, init, scale, mode, out, hard, count);
        continue;
      }
    } else {
      v = power2(pct, mode);
    }
    v128.store(out + ((<usize>i) << 3), f64x2.mul(vscale, f64x2.div(f64x2.add(f64x2.mul(vrange, v), vend), vinit)));
  }
  return (<i64>count << 32) | <i64>i;
}

/** The general power's pairs, in a function of their own, so that pow's code stays out of the other modes' loop. */
function generalPairs(start: f64, n: i32, w: f64, ds: f64, y: f64, range: f64, end: f64, init: f64, scale: f64, out: usize, hard: usize): i64 {
  return pairs(start, n, w, ds, y, range, end, init, scale, GENERAL, out, hard, true);
}

export function polynomial64(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  const w = param(params, W);
  const ds = param(params, DECAY_STEPS);
  const y = param(params, POWER);
  const range = param(params, RANGE);
  const end = param(params, END);
  const init = param(params, INIT);
  const scale = param(params, SCALE);
  const mode = modeOf(y);
  let i = 0;
  let count = 0;
  if (ASC_FEATURE_SIMD) {
    const r = mode == GENERAL
      ? generalPairs(start, n, w, ds, y, range, end, init, scale, out, hard)
      : pairs(start, n, w, ds, y, range, end, init, scale, mode, out, hard, false);
    i = <i32>(r & 0xffffffff);
    count = <i32>(r >> 32);
  }
  for (; i < n; i++) count = one(start, i, w, ds, y, range, end, init, scale, mode, out, hard, count);
  return count;
}
