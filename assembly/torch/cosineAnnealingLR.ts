// The cosines of CosineAnnealingLR's recursion (src/torch/cosineAnnealingLR.ts): for each step t
// of a range,
//
//   c[t] = cos(math.pi * t / T_max)      (pi * t rounded, then / T_max rounded, as Python)
//
// correctly rounded (./cosines.ts: runs of one anchor, in any period, take the run step); an
// element whose rounding cannot be decided here goes to the hard list, and src/torch/kernels.ts
// decides it exactly before the scan reads it. The step's ratio (1 + c[t]) / (1 + c[t - 1]) and
// the scan stay in JS (src/torch/ops.ts): each cosine serves two steps, so there is one per step,
// where PyTorch computes two.
//
// JS twin: cosineAnnealingLR.twin.ts. Calling convention: ../abi.ts; steps must be 0 (a range).

import { param } from "../abi";
import { cosinesAt } from "./cosines";
import { T, PI } from "./cosineAnnealingLR.params";

export function cosineAnnealingLR64(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  const tMax = param(params, T);
  const pi = param(params, PI);
  // The arguments first, into out (the SIMD build two at a time: f64x2's operations are the same
  // IEEE operations, lane by lane), then their cosines in place.
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const vpi = f64x2.splat(pi);
    const vt = f64x2.splat(tMax);
    const vstart = f64x2.splat(start);
    // k = i, i + 1 (exact integers), then start + k as the scalar loop's start + <f64>i.
    let k = f64x2(0, 1);
    const two = f64x2.splat(2.0);
    for (; i + 1 < n; i += 2) {
      v128.store(out + ((<usize>i) << 3), f64x2.div(f64x2.mul(vpi, f64x2.add(vstart, k)), vt));
      k = f64x2.add(k, two);
    }
  }
  for (; i < n; i++) store<f64>(out + ((<usize>i) << 3), (pi * (start + <f64>i)) / tMax);
  return cosinesAt(out, out, hard, n);
}
