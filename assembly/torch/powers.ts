// Python's float `x ** y` for given bases and one exponent, correctly rounded (../numerics/pow.ts's
// powv64): PolynomialLR's ((1.0 - t / T) / (1.0 - (t - 1) / T)) ** power, whose bases
// src/torch/kernels.ts computes in Python's order and passes as the steps array. Undecided elements
// go to the hard list and are decided exactly (src/exact/pow.ts) before anyone reads them. The SIMD
// build takes the bases in pairs (powv64x2, each lane powv64's bits where it decides); a pair it
// cannot decide, or with a lane out of its domain or not finite, goes element by element.
//
// JS twin: powers.twin.ts. Calling convention: ../abi.ts (steps must not be 0).

import { powv64, powv64x2 } from "../numerics/pow";
import { wasUndecided } from "../numerics/undecided";
import { param, record } from "../abi";
import { Y } from "./powers.params";

/** powv64 of element i into out, or i recorded; returns the count, or -1 - i if x[i] is not finite. */
function one(steps: usize, out: usize, hard: usize, count: i32, i: i32, y: f64): i32 {
  const x = load<f64>(steps + ((<usize>i) << 3));
  if (!(x - x == 0.0)) return -1 - i;
  const v = powv64(x, y);
  if (wasUndecided()) return record(hard, count, i);
  store<f64>(out + ((<usize>i) << 3), v);
  return count;
}

export function powers64(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  const y = param(params, Y);
  let count = 0;
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    for (; i + 1 < n; i += 2) {
      const v = powv64x2(v128.load(steps + ((<usize>i) << 3)), y);
      // powv64x2 leaves a non-finite lane (out of its domain) undecided: one() names it.
      if (!wasUndecided()) {
        v128.store(out + ((<usize>i) << 3), v);
        continue;
      }
      count = one(steps, out, hard, count, i, y);
      if (count < 0) return count;
      count = one(steps, out, hard, count, i + 1, y);
      if (count < 0) return count;
    }
  }
  for (; i < n; i++) {
    count = one(steps, out, hard, count, i, y);
    if (count < 0) return count;
  }
  return count;
}
