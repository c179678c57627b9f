// The cosines of CosineAnnealingLR's recursion (src/torch/cosineAnnealingLR.ts): for each step t
// of a range,
//
//   c[t] = cos(math.pi * t / T_max)      (pi * t rounded, then / T_max rounded, as Python)
//
// correctly rounded (./cosines.ts: runs of one anchor, in any period, take the run step); an
// element whose rounding cannot be decided here goes to the hard list, and src/torch/kernels.ts
// decides it exactly before anyone reads it. Each cosine serves two steps' ratio
// (1 + c[t]) / (1 + c[t - 1]), so there is one per step, where PyTorch computes two.
// cosineAnnealingLR64 leaves the ratios and the scan to JS (src/torch/ops.ts: what
// ChainedScheduler's fill reads); cosineAnnealingRun64, a range of CosineAnnealingLR alone,
// carries the scan of one chunk in the pass that computes the next chunk's cosines, and
// cosineAnnealingRunScaled64 the same with the lr times R.PRE before each step and R.POST after
// it (ChainedScheduler with an ExponentialLR).
//
// JS twin: cosineAnnealingLR.twin.ts. Calling convention: ../abi.ts; steps must be 0 (a range) for
// cosineAnnealingLR64, and is the run kernels' own region for the other two.

import { param } from "../abi";
import { cosinesAnnealing, cosinesAt, Plain, Scaled } from "./cosines";
import { T, PI } from "./cosineAnnealingLR.params";
import * as R from "./cosineAnnealingRun.params";

/** x[i] = (pi * (start + i)) / tMax for i in [0, n): Python's math.pi * t / T_max. */
function argumentsOf(pi: f64, tMax: f64, start: f64, x: usize, n: i32): void {
  // The SIMD build two at a time: f64x2's operations are the same IEEE operations, lane by lane.
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const vpi = f64x2.splat(pi);
    const vt = f64x2.splat(tMax);
    const vstart = f64x2.splat(start);
    // k = i, i + 1 (exact integers), then start + k as the scalar loop's start + <f64>i.
    let k = f64x2(0, 1);
    const two = f64x2.splat(2.0);
    for (; i + 1 < n; i += 2) {
      v128.store(x + ((<usize>i) << 3), f64x2.div(f64x2.mul(vpi, f64x2.add(vstart, k)), vt));
      k = f64x2.add(k, two);
    }
  }
  for (; i < n; i++) store<f64>(x + ((<usize>i) << 3), (pi * (start + <f64>i)) / tMax);
}

export function cosineAnnealingLR64(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  // The arguments first, into out, then their cosines in place.
  argumentsOf(param(params, PI), param(params, T), start, out, n);
  return cosinesAt(out, out, hard, n);
}

/**
 * CosineAnnealingLR's steps start .. start + n - 1 (src/torch/kernels.ts' cosineAnnealingRun): the
 * lr after each into out, by PyTorch's recursion (cosines.ts' annealStep) from the chunk's cosines,
 * which an earlier call left in steps[0 .. n), every one decided; and in the same pass the cosines
 * of the next chunk's R.COS_N steps into steps[0 ..) (their arguments at steps[R.HALF ..)), those
 * whose rounding cannot be decided here to the hard list, for the caller to decide before the next
 * call reads them. n = 0 computes only cosines (the first chunk's). The lr and 1 + the cosine of
 * the last step go back to the parameter slots R.LR and R.DEN, for the next call.
 */
export function cosineAnnealingRun64(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  return run<Plain>(params, steps, start, out, hard, n);
}

/** cosineAnnealingRun64 with the lr times R.PRE before each step and R.POST after it (cosines.ts' Scaled). */
export function cosineAnnealingRunScaled64(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  return run<Scaled>(params, steps, start, out, hard, n);
}

// @ts-ignore: decorator
@inline
function run<S>(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  const next = <i32>param(params, R.COS_N);
  const x = steps + ((<usize>(<i32>param(params, R.HALF))) << 3);
  argumentsOf(param(params, R.PI), param(params, R.T), start + <f64>n, x, next);
  return cosinesAnnealing<S>(x, steps, hard, next, params, out, n);
}
