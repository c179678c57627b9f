// A function of the count that is constant between breakpoints: values[k] for a count with k
// breakpoints at or below it. The facade computes each value with optax's own operations
// (src/optax/piecewiseConstantSchedule.ts: the loop of jnp.sign indicators, which only change at
// the breakpoints), so the kernel selects and stores: a range run by run of one value, an array by
// a branch-free binary search per count.
//
// JS twin: stepFunction.twin.ts, the same functions. Calling convention: ../abi.ts.

import { fill32, fill64, param } from "../abi";
import { counts4, countsOk, isCount32, isCount64, stepAt } from "./shared/count";
import { COUNT, SLOTS } from "./stepFunction.params";

/** The number of breakpoints at or below count c: the index of its value. */
// @ts-ignore: decorator
@inline
function index(b: usize, n: i32, c: f64): i32 {
  if (n == 0) return 0;
  let base: i32 = 0;
  let len = n;
  while (len > 1) {
    const half = len >> 1;
    base = select(base + half, base, load<f64>(b + ((<usize>(base + half)) << 3)) <= c);
    len -= half;
  }
  return base + <i32>(load<f64>(b + ((<usize>base) << 3)) <= c);
}

// @ts-ignore: decorator
@inline
function run(params: usize, steps: usize, start: f64, out: usize, n: i32, wide: bool): i32 {
  const count = <i32>param(params, COUNT);
  const b = params + ((<usize>SLOTS) << 3);
  const values = b + ((<usize>count) << 3);
  if (!steps) {
    // A range (its counts checked by the facade): runs of one value, each up to the next breakpoint.
    for (let i = 0, k = index(b, count, start); i < n; k++) {
      const end = k < count ? <i32>min(<f64>n, load<f64>(b + ((<usize>k) << 3)) - start) : n;
      const v = load<f64>(values + ((<usize>k) << 3));
      if (wide) fill64(out, i, end, v);
      else fill32(out, i, end, <f32>v);
      i = end;
    }
    return 0;
  }
  for (let i = 0; i < n; i++) {
    const step = stepAt(steps, start, i);
    if (wide ? !isCount64(step) : !isCount32(step)) return -1 - i;
    const v = load<f64>(values + ((<usize>index(b, count, step)) << 3));
    if (wide) store<f64>(out + ((<usize>i) << 3), v);
    else store<f32>(out + ((<usize>i) << 2), <f32>v);
  }
  return 0;
}

/**
 * An array of a function with no breakpoints (a constant): four counts checked at a time, their
 * value stored; returns where it stopped (at a group holding a step that is no count, which run's
 * loop then names). A small function of its own, as the other kernels' SIMD loops.
 */
function constant32(steps: usize, out: usize, n: i32, value: f32): i32 {
  const v = f32x4.splat(value);
  let i = 0;
  for (; i + 3 < n; i += 4) {
    counts4(steps, 0, i);
    if (!countsOk()) break;
    v128.store(out + ((<usize>i) << 2), v);
  }
  return i;
}

export function stepFunction32(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  if (ASC_FEATURE_SIMD && steps && <i32>param(params, COUNT) == 0) {
    const i = constant32(steps, out, n, <f32>param(params, SLOTS));
    return i == n ? 0 : rest32(params, steps, out, i, n);
  }
  return run(params, steps, start, out, n, false);
}

/** Array elements [i, n) one at a time (run's loop, from i). */
function rest32(params: usize, steps: usize, out: usize, i: i32, n: i32): i32 {
  const r = run(params, steps + ((<usize>i) << 3), 0, out + ((<usize>i) << 2), n - i, false);
  return r < 0 ? r - i : r;
}

export function stepFunction64(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  return run(params, steps, start, out, n, true);
}
