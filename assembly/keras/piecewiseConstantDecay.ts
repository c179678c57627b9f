// PiecewiseConstantDecay over many steps, as docs/NUMERICS.md defines it: values[0] while
// step <= boundaries[0], values[i] while boundaries[i-1] < step <= boundaries[i], values[N] after the
// last boundary. The value index is the count of boundaries strictly below the step; steps and
// boundaries are compared as the exact doubles given. The facade writes each value already as the
// dtype's 0 + R(value) (Keras 3 adds the selected value to 0), so the kernel only selects and stores.
//
// Arrays: a branch-free binary search per step (boundaries are non-decreasing; the facade refuses
// others). Ranges: runs of one value, each ending at the last integer step <= its boundary, stored
// with v128 stores in the SIMD build; one search for the first step, then the index only moves on.
//
// JS twin: piecewiseConstantDecay.twin.ts, the same functions with the same operations in the same
// order. Facade: src/keras/piecewiseConstantDecay.ts. Calling convention: ../abi.ts.

import { fill32, fill64, param } from "../abi";
import { COUNT, SLOTS as BOUNDARIES } from "./piecewiseConstantDecay.params";

/** The number of boundaries below `s`: the index of its value. */
// @ts-ignore: decorator
@inline
function index(b: usize, n: i32, s: f64): i32 {
  let base: i32 = 0;
  let len = n;
  while (len > 1) {
    const half = len >> 1;
    base = select(base + half, base, load<f64>(b + ((<usize>(base + half)) << 3)) < s);
    len -= half;
  }
  return base + <i32>(load<f64>(b + ((<usize>base) << 3)) < s);
}

/**
 * For a range: the end (exclusive, at most n) of the run of index k that starts at i. Steps
 * start + j <= b[k] keep index k; for integer steps that is j <= floor(b[k]) - start.
 */
// @ts-ignore: decorator
@inline
function runEnd(b: usize, n: i32, k: i32, start: f64, count: i32): i32 {
  if (k == n) return count;
  return <i32>min(<f64>count, Math.floor(load<f64>(b + ((<usize>k) << 3))) - start + 1.0);
}

// @ts-ignore: decorator
@inline
function run(params: usize, steps: usize, start: f64, out: usize, n: i32, wide: bool): i32 {
  const count = <i32>param(params, COUNT);
  const b = params + ((<usize>BOUNDARIES) << 3);
  const values = b + ((<usize>count) << 3);
  if (!steps) {
    let k = index(b, count, start);
    for (let i = 0; i < n; ) {
      const end = runEnd(b, count, k, start, n);
      const v = load<f64>(values + ((<usize>k) << 3));
      if (wide) fill64(out, i, end, v);
      else fill32(out, i, end, <f32>v);
      i = end;
      // The next step is past boundary k: move over every boundary below it (no search).
      while (k < count && load<f64>(b + ((<usize>k) << 3)) < start + <f64>i) k++;
    }
    return 0;
  }
  for (let i = 0; i < n; i++) {
    const step = load<f64>(steps + ((<usize>i) << 3));
    if (step - step != 0) return -1 - i;
    const v = load<f64>(values + ((<usize>index(b, count, step)) << 3));
    if (wide) store<f64>(out + ((<usize>i) << 3), v);
    else store<f32>(out + ((<usize>i) << 2), <f32>v);
  }
  return 0;
}

/** The float32 pipeline: values are float32 values. */
export function piecewiseConstantDecay32(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  return run(params, steps, start, out, n, false);
}

/** The float64 pipeline. */
export function piecewiseConstantDecay64(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  return run(params, steps, start, out, n, true);
}
