// Python's float `x ** y` for given bases and one exponent, correctly rounded (../numerics/pow.ts's
// powv64): PolynomialLR's ((1.0 - t / T) / (1.0 - (t - 1) / T)) ** power, whose bases
// src/torch/kernels.ts computes in Python's order and passes as the steps array. Undecided elements
// go to the hard list and are decided exactly (src/exact/pow.ts) before anyone reads them.
//
// JS twin: powers.twin.ts. Calling convention: ../abi.ts (steps must not be 0).

import { powv64 } from "../numerics/pow";
import { wasUndecided } from "../numerics/undecided";
import { param, record } from "../abi";
import { Y } from "./powers.params";

export function powers64(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  const y = param(params, Y);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const x = load<f64>(steps + ((<usize>i) << 3));
    if (!(x - x == 0.0)) return -1 - i;
    const v = powv64(x, y);
    if (wasUndecided()) count = record(hard, count, i);
    else store<f64>(out + ((<usize>i) << 3), v);
  }
  return count;
}
