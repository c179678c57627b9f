// The cosines of CosineAnnealingLR's recursion (src/torch/cosineAnnealingLR.ts): for each step t
// of a range,
//
//   c[t] = cos(math.pi * t / T_max)      (pi * t rounded, then / T_max rounded, as Python)
//
// correctly rounded (../numerics/cos.ts's cos64); an element whose rounding cos64 cannot decide
// goes to the hard list, and src/torch/kernels.ts decides it exactly before the scan reads it. The
// step's ratio (1 + c[t]) / (1 + c[t - 1]) and the scan stay in JS (src/torch/ops.ts): each cosine
// serves two steps, so there is one per step, where PyTorch computes two.
//
// JS twin: cosineAnnealingLR.twin.ts. Calling convention: ../abi.ts; steps must be 0 (a range).

import { cos64 } from "../numerics/cos";
import { wasUndecided } from "../numerics/undecided";
import { param, record } from "../abi";
import { T, PI } from "./cosineAnnealingLR.params";

export function cosineAnnealingLR64(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  const tMax = param(params, T);
  const pi = param(params, PI);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const c = cos64((pi * (start + <f64>i)) / tMax);
    if (wasUndecided()) count = record(hard, count, i);
    else store<f64>(out + ((<usize>i) << 3), c);
  }
  return count;
}
