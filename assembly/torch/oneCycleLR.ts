// OneCycleLR's cosine annealing over one phase (src/torch/cyclic.ts), for each step t of a range
// inside the phase:
//
//   pct = (t - start_step) / (end_step - start_step)
//   lr = end + (start - end) / 2.0 * (math.cos(math.pi * pct) + 1)
//
// in Python's order of operations, the cosine correctly rounded (./cosines.ts: a phase's
// arguments grow below pi, so the run step at a held anchor), written in one pass where the
// general path computed pct in JS, the cosines here, the values in JS, and copied them. An element
// whose cosine cannot be decided here goes to the hard list (its slot holds a value computed from
// whatever the cosine left, overwritten there): src/torch/cyclic.ts' `at` gives its exact value.
//
// JS twin: oneCycleLR.twin.ts. Calling convention: ../abi.ts; steps must be 0 (a range).

import { param } from "../abi";
import { cosinesAt } from "./cosines";
import { FROM, PI, SPAN, START, TO } from "./oneCycleLR.params";

export function oneCycleCos64(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  const s = param(params, START);
  const span = param(params, SPAN);
  const pi = param(params, PI);
  const to = param(params, TO);
  const half = (param(params, FROM) - to) / 2.0;
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const vs = f64x2.splat(s);
    const vspan = f64x2.splat(span);
    const vpi = f64x2.splat(pi);
    const two = f64x2.splat(2.0);
    let t = f64x2.add(f64x2.splat(start), f64x2(0, 1));
    for (; i + 1 < n; i += 2) {
      v128.store(out + ((<usize>i) << 3), f64x2.mul(vpi, f64x2.div(f64x2.sub(t, vs), vspan)));
      t = f64x2.add(t, two);
    }
  }
  for (; i < n; i++) store<f64>(out + ((<usize>i) << 3), pi * ((start + <f64>i - s) / span));
  const count = cosinesAt(out, out, hard, n);
  i = 0;
  if (ASC_FEATURE_SIMD) {
    const vto = f64x2.splat(to);
    const vhalf = f64x2.splat(half);
    const one = f64x2.splat(1.0);
    for (; i + 1 < n; i += 2) {
      const p = out + ((<usize>i) << 3);
      v128.store(p, f64x2.add(vto, f64x2.mul(vhalf, f64x2.add(v128.load(p), one))));
    }
  }
  for (; i < n; i++) {
    const p = out + ((<usize>i) << 3);
    store<f64>(p, to + half * (load<f64>(p) + 1.0));
  }
  return count;
}
