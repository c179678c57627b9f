// The decay of Hugging Face's get_polynomial_decay_schedule_with_warmup (huggingface/transformers,
// src/transformers/optimization.py, _get_polynomial_decay_schedule_with_warmup_lr_lambda) for the
// steps W <= t <= N of a range (steps must be 0): out[i] = its lambda at t = start + i,
//
//   pct_remaining = 1 - (t - W) / decay_steps          (t - W exact: integers below 2^53)
//   decay = lr_range * pct_remaining ** power + lr_end
//   return decay / lr_init
//
// each operation rounded as Python rounds it, and ** correctly rounded: ../numerics/pow.ts's
// powv64, or without it where the power needs none (as assembly/keras/polynomialDecay.ts): power 0
// is 1, power 1 is the base, power 2 one IEEE product, power 0.5 IEEE's sqrt (the base is in
// [0, 1] here, never -0 or -Infinity, where pow and sqrt differ). An undecided power goes to the
// hard list; so does one that is not finite, where Python raises (0.0 ** -y: ZeroDivisionError;
// overflow: OverflowError), for src/transformers/lambdas.ts to raise it.
//
// The kernel writes SCALE times that: LambdaLR's `base_lr * lmbda(t)` (SCALE = 1 for the factors).
//
// JS twin: polynomial.twin.ts, the same operations in the same order. Calling convention: ../abi.ts.

import { powv64 } from "../numerics/pow";
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
  if (ASC_FEATURE_SIMD) {
    if (mode != GENERAL) {
      const iota = f64x2.replace_lane(f64x2.splat(start), 1, start + 1.0);
      const vw = f64x2.splat(w);
      const vds = f64x2.splat(ds);
      const vrange = f64x2.splat(range);
      const vend = f64x2.splat(end);
      const vinit = f64x2.splat(init);
      const vscale = f64x2.splat(scale);
      const one = f64x2.splat(1.0);
      for (; i + 1 < n; i += 2) {
        const t = f64x2.add(iota, f64x2.splat(<f64>i));
        const pct = f64x2.sub(one, f64x2.div(f64x2.sub(t, vw), vds));
        const decay = f64x2.add(f64x2.mul(vrange, power2(pct, mode)), vend);
        v128.store(out + ((<usize>i) << 3), f64x2.mul(vscale, f64x2.div(decay, vinit)));
      }
    }
  }
  let count = 0;
  for (; i < n; i++) {
    const pct = 1.0 - (start + <f64>i - w) / ds;
    let v: f64;
    if (mode == ZERO) v = 1.0;
    else if (mode == ONE) v = pct;
    else if (mode == TWO) v = pct * pct;
    else if (mode == HALF) v = Math.sqrt(pct);
    else {
      v = powv64(pct, y);
      if (wasUndecided() || !(Math.abs(v) < Infinity)) {
        count = record(hard, count, i);
        continue;
      }
    }
    store<f64>(out + ((<usize>i) << 3), scale * ((range * v + end) / init));
  }
  return count;
}
