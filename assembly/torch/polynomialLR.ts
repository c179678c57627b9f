// PolynomialLR's recursion (src/torch/multiplicative.ts), fused, for the powers 1, 2 and 0.5: for
// each step t of a range (1 <= t <= total_iters, the caller's part),
//
//   lr = lr * ((1.0 - t / T) / (1.0 - (t - 1) / T)) ** power
//
// written to out. x ** 1, x ** 2 and x ** 0.5 correctly rounded are x, the rounded x * x and the
// rounded square root (x >= 0: the same real numbers, rounded once). The denominator of step t is
// the numerator of step t - 1, the same double fl(1 - fl((t - 1) / T)), so each step divides twice
// where PyTorch's expression divides three times. The SIMD build computes the numerators and the
// ratios of two steps at once (f64x2, the same IEEE operations lane by lane; the pair's
// denominators are the previous pair's second numerator and its own first, one shuffle), then
// multiplies the chain lane by lane. Only IEEE operations: every element is decided; the last one
// is the lr the next chunk starts from.
//
// JS twin: polynomialLR.twin.ts. Calling convention: ../abi.ts; steps must be 0 (a range).

import { param } from "../abi";
import { LR, POWER, T } from "./polynomialLR.params";

export function polynomialLR64(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  const total = param(params, T);
  const p = param(params, POWER);
  let lr = param(params, LR);
  // The denominator of the first step: the numerator of the step before it.
  let den = 1.0 - (start - 1.0) / total;
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const vt = f64x2.splat(total);
    const one = f64x2.splat(1.0);
    const two = f64x2.splat(2.0);
    let t = f64x2.add(f64x2.splat(start), f64x2(0, 1));
    // Lane 1 carries the last numerator into the next pair's first denominator.
    let last = f64x2.splat(den);
    for (; i + 1 < n; i += 2) {
      const num = f64x2.sub(one, f64x2.div(t, vt));
      let x = f64x2.div(num, v128.shuffle<f64>(last, num, 1, 2));
      if (p == 2.0) x = f64x2.mul(x, x);
      else if (p == 0.5) x = f64x2.sqrt(x);
      lr = lr * f64x2.extract_lane(x, 0);
      store<f64>(out + ((<usize>i) << 3), lr);
      lr = lr * f64x2.extract_lane(x, 1);
      store<f64>(out + ((<usize>i) << 3), lr, 8);
      last = num;
      t = f64x2.add(t, two);
    }
    den = f64x2.extract_lane(last, 1);
  }
  for (; i < n; i++) {
    const num = 1.0 - (start + <f64>i) / total;
    let x = num / den;
    if (p == 2.0) x = x * x;
    else if (p == 0.5) x = Math.sqrt(x);
    lr = lr * x;
    store<f64>(out + ((<usize>i) << 3), lr);
    den = num;
  }
  return 0;
}
