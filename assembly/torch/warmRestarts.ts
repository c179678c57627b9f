// CosineAnnealingWarmRestarts' values over one cycle (src/torch/cosineAnnealingWarmRestarts.ts):
// for T_cur = start, start + 1, ... (all below T_i),
//
//   out[i] = eta_min + (base_lr - eta_min) * (1 + math.cos(math.pi * T_cur / T_i)) / 2
//
// in Python's order of operations, the cosine correctly rounded (./cosines.ts: arguments below pi
// in order, so the run step at a held anchor). One pass writes the values themselves, where the
// general path computed the arguments in JS, their cosines here, the values in JS and copied them:
// a cycle's arguments are cosineAnnealingLR.ts' (pi * t) / T_max with T_max = T_i. An element whose
// cosine cannot be decided here goes to the hard list (its slot holds a value computed from
// whatever the cosine left, overwritten there): src/torch/kernels.ts' `at` gives its exact value.
//
// JS twin: warmRestarts.twin.ts. Calling convention: ../abi.ts; steps must be 0 (a range).

import { param } from "../abi";
import { cosinesAt } from "./cosines";
import { BASE, ETA, PI, TI } from "./warmRestarts.params";

export function warmRestarts64(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  const ti = param(params, TI);
  const pi = param(params, PI);
  const eta = param(params, ETA);
  const range = param(params, BASE) - eta;
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const vpi = f64x2.splat(pi);
    const vt = f64x2.splat(ti);
    const vstart = f64x2.splat(start);
    let k = f64x2(0, 1);
    const two = f64x2.splat(2.0);
    for (; i + 1 < n; i += 2) {
      v128.store(out + ((<usize>i) << 3), f64x2.div(f64x2.mul(vpi, f64x2.add(vstart, k)), vt));
      k = f64x2.add(k, two);
    }
  }
  for (; i < n; i++) store<f64>(out + ((<usize>i) << 3), (pi * (start + <f64>i)) / ti);
  const count = cosinesAt(out, out, hard, n);
  // eta + (range * (1 + c)) / 2, lane by lane the same IEEE operations.
  i = 0;
  if (ASC_FEATURE_SIMD) {
    const veta = f64x2.splat(eta);
    const vrange = f64x2.splat(range);
    const one = f64x2.splat(1.0);
    const two = f64x2.splat(2.0);
    for (; i + 1 < n; i += 2) {
      const p = out + ((<usize>i) << 3);
      v128.store(p, f64x2.add(veta, f64x2.div(f64x2.mul(vrange, f64x2.add(one, v128.load(p))), two)));
    }
  }
  for (; i < n; i++) {
    const p = out + ((<usize>i) << 3);
    store<f64>(p, eta + (range * (1.0 + load<f64>(p))) / 2.0);
  }
  return count;
}
