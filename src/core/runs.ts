/**
 * Ranges that are runs of one value (a staircase, a piecewise constant schedule), filled run by run
 * at the speed of TypedArray.fill: a Plan's `fill` (core/batch.ts), which backend "auto" uses.
 */
import type { FloatArray } from "./types.js";

/**
 * Fills a staircase range: p(step) = floor(f(step) / d) is non-decreasing in the step and the value
 * depends on p alone. Each run is found at its predicted end (two evaluations of p), with a gallop
 * and a bisection where the rounding of float32 steps moved it, then filled.
 */
export function fillStairs(start: number, out: FloatArray, d: number, pOf: (step: number) => number, fromP: (p: number) => number): boolean {
  const n = out.length;
  const pAt = (i: number) => pOf(start + i);
  for (let i = 0; i < n; ) {
    const p = pAt(i);
    // p is non-decreasing in the step; find the first index past i whose p is larger.
    const guess = Number.isFinite(p) ? Math.ceil((p + 1) * d) - start : n;
    let lo = i;
    let hi = Math.min(n, Math.max(i + 1, guess));
    if (hi < n && pAt(hi) === p) {
      for (let stride = Math.max(1, hi - i); hi < n && pAt(hi) === p; stride *= 2) {
        lo = hi;
        hi = Math.min(n, hi + stride);
      }
    } else if (hi - 1 > lo && pAt(hi - 1) !== p) {
      // Overshot: bisect below.
    } else {
      lo = hi - 1;
    }
    while (hi - lo > 1) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (pAt(mid) === p) lo = mid;
      else hi = mid;
    }
    out.fill(fromP(p), i, hi);
    i = hi;
  }
  return true;
}
