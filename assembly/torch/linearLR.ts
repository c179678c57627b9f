// LinearLR's recursion (src/torch/multiplicative.ts), fused: for each step t of a range (1 <= t <=
// total_iters, the caller's part),
//
//   lr = lr * (1. + (end_factor - start_factor)
//                   / (total_iters * start_factor + (t - 1) * (end_factor - start_factor)))
//
// written to out. The factor does not depend on the lr: the SIMD build divides for two steps at
// once (f64x2, the same IEEE operations lane by lane), then multiplies the chain lane by lane, so
// the step costs the chain's multiplication where the user's loop pays a division. Only IEEE
// operations: every element is decided; the last one is the lr the next chunk starts from.
//
// JS twin: linearLR.twin.ts. Calling convention: ../abi.ts; steps must be 0 (a range).

import { param } from "../abi";
import { D, LR, TS } from "./linearLR.params";

export function linearLR64(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  const ts = param(params, TS);
  const d = param(params, D);
  let lr = param(params, LR);
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const vts = f64x2.splat(ts);
    const vd = f64x2.splat(d);
    const one = f64x2.splat(1.0);
    const two = f64x2.splat(2.0);
    // t - 1 for the pair's two steps (exact integers).
    let k = f64x2.add(f64x2.splat(start - 1.0), f64x2(0, 1));
    for (; i + 1 < n; i += 2) {
      const f = f64x2.add(one, f64x2.div(vd, f64x2.add(vts, f64x2.mul(k, vd))));
      lr = lr * f64x2.extract_lane(f, 0);
      store<f64>(out + ((<usize>i) << 3), lr);
      lr = lr * f64x2.extract_lane(f, 1);
      store<f64>(out + ((<usize>i) << 3), lr, 8);
      k = f64x2.add(k, two);
    }
  }
  for (; i < n; i++) {
    lr = lr * (1.0 + d / (ts + (start - 1.0 + <f64>i) * d));
    store<f64>(out + ((<usize>i) << 3), lr);
  }
  return 0;
}
