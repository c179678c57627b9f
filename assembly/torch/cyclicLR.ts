// CyclicLR's triangular mode with its built-in scale function (src/torch/cyclic.ts), for each
// step t of a range:
//
//   cycle = math.floor(1 + t / total_size); x = 1.0 + t / total_size - cycle
//   scale_factor = x / step_ratio if x <= step_ratio else (x - 1) / (step_ratio - 1)
//   lr = base_lr + (max_lr - base_lr) * scale_factor          (* scale_fn = 1.0: exact, left out)
//
// Only IEEE operations, so every element is decided. The SIMD build takes two steps at a time and
// one division for the two branches (the numerator and the denominator selected per lane, then
// divided: the same quotient either branch would give), where the user's loop pays two divisions a
// step one after the other.
//
// JS twin: cyclicLR.twin.ts. Calling convention: ../abi.ts; steps must be 0 (a range).

import { param } from "../abi";
import { BASE, MAX, RATIO, TOTAL } from "./cyclicLR.params";

export function cyclicTriangular64(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  const total = param(params, TOTAL);
  const ratio = param(params, RATIO);
  const base = param(params, BASE);
  const height = param(params, MAX) - base;
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const vtotal = f64x2.splat(total);
    const vratio = f64x2.splat(ratio);
    const vratio1 = f64x2.splat(ratio - 1.0);
    const vbase = f64x2.splat(base);
    const vheight = f64x2.splat(height);
    const one = f64x2.splat(1.0);
    const two = f64x2.splat(2.0);
    let t = f64x2.add(f64x2.splat(start), f64x2(0, 1));
    for (; i + 1 < n; i += 2) {
      const q = f64x2.div(t, vtotal);
      const x = f64x2.sub(f64x2.add(one, q), f64x2.floor(f64x2.add(one, q)));
      const up = f64x2.le(x, vratio);
      const scale = f64x2.div(v128.bitselect(x, f64x2.sub(x, one), up), v128.bitselect(vratio, vratio1, up));
      v128.store(out + ((<usize>i) << 3), f64x2.add(vbase, f64x2.mul(vheight, scale)));
      t = f64x2.add(t, two);
    }
  }
  for (; i < n; i++) {
    const q = (start + <f64>i) / total;
    const x = 1.0 + q - Math.floor(1.0 + q);
    store<f64>(out + ((<usize>i) << 3), base + height * (x <= ratio ? x / ratio : (x - 1.0) / (ratio - 1.0)));
  }
  return 0;
}
