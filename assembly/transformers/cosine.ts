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
// cos is ../numerics/cos.ts's cos64: correctly rounded, or undecided, and then the element goes to
// the hard list, for src/transformers/lambdas.ts to compute exactly. So does an element whose
// cosine is NaN: its argument overflowed to +-Infinity, where Python's math.cos raises, or was
// NaN (Infinity % 1.0), where Python goes on to 0.0; the lambda does as Python does.
//
// Python's `x % 1.0` is C's fmod(x, 1.0), plus 1.0 when that is negative (CPython's float_rem):
// for every finite x it equals x - floor(x), one rounded subtraction. For x >= 0 both are exact
// (x - floor(x) is a multiple of x's ulp below 1); for x < 0 not an integer, fmod(x, 1.0) = x + k
// exactly (k = -trunc(x)) and then + 1.0 rounds x + k + 1 = x - floor(x) once, as x - floor(x)
// does; for integers both give +0. (Wasm has no fmod.)
//
// JS twin: cosine.twin.ts, the same operations in the same order. Calling convention: ../abi.ts.

import { cos64 } from "../numerics/cos";
import { wasUndecided } from "../numerics/undecided";
import { param, record } from "../abi";
import { T0, SHIFT, DEN, ARG, PI, ONE_M, M, SCALE } from "./cosine.params";

// The pieces, as inlining folds them: each exported kernel fixes one.
const FALL = 0;
const RISE = 1;
const RESTARTS = 2;

// @ts-ignore: decorator
@inline
function run(params: usize, start: f64, out: usize, hard: usize, n: i32, kind: i32): i32 {
  const t0 = param(params, T0);
  const shift = param(params, SHIFT);
  const den = param(params, DEN);
  const arg = param(params, ARG);
  const pi = param(params, PI);
  const oneM = param(params, ONE_M);
  const m = param(params, M);
  const scale = param(params, SCALE);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const p = ((start + <f64>i - t0) + shift) / den;
    let v: f64;
    if (kind == RESTARTS) {
      if (p >= 1.0) {
        store<f64>(out + ((<usize>i) << 3), scale * 0.0);
        continue;
      }
      const x = arg * p;
      const c = cos64(pi * (x - Math.floor(x)));
      if (wasUndecided() || c != c) {
        count = record(hard, count, i);
        continue;
      }
      v = 0.5 * (1.0 + c);
    } else {
      const c = cos64(arg * p);
      if (wasUndecided() || c != c) {
        count = record(hard, count, i);
        continue;
      }
      v = (kind == FALL ? 0.5 * (1.0 + c) : 0.5 * (1.0 - c)) * oneM + m;
    }
    store<f64>(out + ((<usize>i) << 3), scale * (v > 0.0 ? v : 0.0));
  }
  return count;
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
