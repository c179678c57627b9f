// The pieces of Hugging Face's lr lambdas (huggingface/transformers, src/transformers/optimization.py)
// that need only + - * / and sqrt: IEEE 754 rounds each of them correctly, so every element is
// exact at once, on every engine, and nothing is left to decide (but in inverseSqrt64, see there).
// Each kernel fills out[i] = the piece at step t = start + i of a range (steps must be 0); which
// piece serves which HF schedule, and with which parameters, is src/transformers/kernels.ts.
//
// Every kernel but linear64 starts from the progress
//
//   p = ((t - T0) + SHIFT) / DEN
//
// t - T0 is exact (integers below 2^53). HF writes `float(current_step) / float(max(1, W))` for its
// warm-up: that is T0 = 0 and SHIFT = 0, and t - 0 = t, t + 0 = t exactly (t >= 0 is never -0). Then
//
//   rise64:       f = p
//   fall64:       f = 1.0 - p
//   sqrtRise64:   f = 1.0 - sqrt(1.0 - p)          (HF's "1-sqrt" warm-up)
//   sqrtFall64:   f = 1.0 - sqrt(p)                (HF's "1-sqrt" decay)
//   and HF's      factor = f * ONE_M + M;  max(0.0, factor)
//
// (ONE_M = 1, M = 0 where HF has no min ratio: f * 1 + 0 is f, as f is never -0); and three that
// HF writes otherwise:
//
//   linear64:      max(0.0, (T0 - t) / DEN)        (get_linear_schedule_with_warmup's decay, T0 = N)
//   rateRise64:    M + (ONE_M * ((t - T0) + SHIFT)) / DEN   (`w + (1.0 - w) * t / max(1, W - 1)`)
//   inverseSqrt64: 1.0 / sqrt(p)                   (get_inverse_sqrt_schedule: T0 = 0,
//                                                   SHIFT = timescale - W, DEN = timescale)
//
// Each kernel writes SCALE times its piece: LambdaLR's `base_lr * lmbda(t)` (SCALE = 1 for the
// factors alone: 1 * x is x).
//
// Python's max(0.0, x) is the first argument unless the second is greater: x > 0.0 ? x : 0.0, which
// is f64x2.pmax(0.0, x) on lanes (pmax(a, b) = a < b ? b : a).
//
// inverseSqrt64: HF adds Python ints, `current_step + shift`, exactly, and divides them with one
// rounding. Below 2^53 the double sum is that integer; from 2^53 on it may not be, and the element
// goes to the hard list for src/transformers/lambdas.ts to compute with BigInt.
//
// JS twin: algebraic.twin.ts, the same operations in the same order. Calling convention: ../abi.ts.

import { param, record } from "../abi";
import { T0, SHIFT, DEN, ONE_M, M, SCALE } from "./algebraic.params";

// The pieces, as inlining folds them: each exported kernel fixes one.
const RISE = 0;
const FALL = 1;
const SQRT_RISE = 2;
const SQRT_FALL = 3;
const LINEAR = 4;
const RATE_RISE = 5;
const INVERSE_SQRT = 6;

// 2^53: every integer of smaller magnitude is a double.
const TWO53: f64 = 9007199254740992.0;

/** The piece at step t. */
// @ts-ignore: decorator
@inline
function piece(t: f64, t0: f64, shift: f64, den: f64, oneM: f64, m: f64, kind: i32): f64 {
  if (kind == LINEAR) {
    const v = (t0 - t) / den;
    return v > 0.0 ? v : 0.0;
  }
  const d = (t - t0) + shift;
  if (kind == RATE_RISE) return m + (oneM * d) / den;
  const p = d / den;
  if (kind == INVERSE_SQRT) return 1.0 / Math.sqrt(p);
  let f = p;
  if (kind == FALL) f = 1.0 - p;
  else if (kind == SQRT_RISE) f = 1.0 - Math.sqrt(1.0 - p);
  else if (kind == SQRT_FALL) f = 1.0 - Math.sqrt(p);
  f = f * oneM + m;
  return f > 0.0 ? f : 0.0;
}

/** The piece on two lanes: each lane's operations those of piece(). */
// @ts-ignore: decorator
@inline
function piece2(t: v128, t0: v128, shift: v128, den: v128, oneM: v128, m: v128, kind: i32): v128 {
  const zero = f64x2.splat(0.0);
  const one = f64x2.splat(1.0);
  if (kind == LINEAR) return f64x2.pmax(zero, f64x2.div(f64x2.sub(t0, t), den));
  const d = f64x2.add(f64x2.sub(t, t0), shift);
  if (kind == RATE_RISE) return f64x2.add(m, f64x2.div(f64x2.mul(oneM, d), den));
  const p = f64x2.div(d, den);
  if (kind == INVERSE_SQRT) return f64x2.div(one, f64x2.sqrt(p));
  let f = p;
  if (kind == FALL) f = f64x2.sub(one, p);
  else if (kind == SQRT_RISE) f = f64x2.sub(one, f64x2.sqrt(f64x2.sub(one, p)));
  else if (kind == SQRT_FALL) f = f64x2.sub(one, f64x2.sqrt(p));
  return f64x2.pmax(zero, f64x2.add(f64x2.mul(f, oneM), m));
}

// @ts-ignore: decorator
@inline
function run(params: usize, start: f64, out: usize, hard: usize, n: i32, kind: i32): i32 {
  const t0 = param(params, T0);
  const shift = param(params, SHIFT);
  const den = param(params, DEN);
  const oneM = param(params, ONE_M);
  const m = param(params, M);
  const scale = param(params, SCALE);
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const iota = f64x2.replace_lane(f64x2.splat(start), 1, start + 1.0);
    const vt0 = f64x2.splat(t0);
    const vshift = f64x2.splat(shift);
    const vden = f64x2.splat(den);
    const voneM = f64x2.splat(oneM);
    const vm = f64x2.splat(m);
    const vscale = f64x2.splat(scale);
    const limit = f64x2.splat(TWO53);
    for (; i + 1 < n; i += 2) {
      const t = f64x2.add(iota, f64x2.splat(<f64>i));
      // Past 2^53 the scalar loop takes over (t only grows, so it keeps the rest).
      if (kind == INVERSE_SQRT && !v128.all_true<i64>(f64x2.lt(f64x2.abs(f64x2.add(f64x2.sub(t, vt0), vshift)), limit))) break;
      v128.store(out + ((<usize>i) << 3), f64x2.mul(vscale, piece2(t, vt0, vshift, vden, voneM, vm, kind)));
    }
  }
  let count = 0;
  for (; i < n; i++) {
    const t = start + <f64>i;
    if (kind == INVERSE_SQRT && !(Math.abs((t - t0) + shift) < TWO53)) count = record(hard, count, i);
    else store<f64>(out + ((<usize>i) << 3), scale * piece(t, t0, shift, den, oneM, m, kind));
  }
  return count;
}

export function rise64(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  return run(params, start, out, hard, n, RISE);
}

export function fall64(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  return run(params, start, out, hard, n, FALL);
}

export function sqrtRise64(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  return run(params, start, out, hard, n, SQRT_RISE);
}

export function sqrtFall64(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  return run(params, start, out, hard, n, SQRT_FALL);
}

export function linear64(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  return run(params, start, out, hard, n, LINEAR);
}

export function rateRise64(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  return run(params, start, out, hard, n, RATE_RISE);
}

export function inverseSqrt64(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  return run(params, start, out, hard, n, INVERSE_SQRT);
}
