// math.cos of given arguments, correctly rounded (../numerics/cos.ts's cos64), for the torch
// schedulers whose cosine's argument is not a plain function of the step: CosineAnnealingWarmRestarts
// (pi * T_cur / T_i) and OneCycleLR (pi * pct). src/torch/kernels.ts computes the arguments, in
// Python's order, and passes them as the steps array; an element whose rounding cos64 cannot
// decide goes to the hard list and is decided exactly (src/exact/cos.ts) before anyone reads it.
//
// JS twin: cosines.twin.ts. Calling convention: ../abi.ts (steps must not be 0).

import { cos64 } from "../numerics/cos";
import { wasUndecided } from "../numerics/undecided";
import { record } from "../abi";

export function cosines64(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  let count = 0;
  for (let i = 0; i < n; i++) {
    const x = load<f64>(steps + ((<usize>i) << 3));
    if (!(x - x == 0.0)) return -1 - i;
    const c = cos64(x);
    if (wasUndecided()) count = record(hard, count, i);
    else store<f64>(out + ((<usize>i) << 3), c);
  }
  return count;
}
