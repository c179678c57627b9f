// JS twin of cyclicLR.ts: the same operations in the same order, on JavaScript numbers.

import { pow64 } from "../numerics/exp2.twin.js";
import { wasUndecided } from "../numerics/undecided.twin.js";
import { BASE, MAX, RATIO, TOTAL } from "./cyclicLR.params.js";
import * as E from "./cyclicLRExpRange.params.js";

/** scale_factor of one step from its q = 1 + t / total_size. */
function wave(q: number, ratio: number): number {
  const x = q - Math.floor(q);
  return x <= ratio ? x / ratio : (x - 1.0) / (ratio - 1.0);
}

export function cyclicTriangular64(params: Float64Array, _steps: Float64Array | null, start: number, out: Float64Array, _hard: Int32Array, n: number): number {
  const total = params[TOTAL]!;
  const ratio = params[RATIO]!;
  const base = params[BASE]!;
  const height = params[MAX]! - base;
  for (let i = 0; i < n; i++) out[i] = base + height * wave(1.0 + (start + i) / total, ratio);
  return 0;
}

/**
 * 2^(1 - c) for the cycles c = 1 ..= 1024, exact (halving a power of two is exact down to 2^-1074):
 * the kernel builds the same numbers from their exponent bits, which JavaScript cannot do cheaply.
 */
const TRIANGULAR2_FACTORS = new Float64Array(1024);
TRIANGULAR2_FACTORS[0] = 1.0;
for (let k = 1; k < 1024; k++) TRIANGULAR2_FACTORS[k] = TRIANGULAR2_FACTORS[k - 1]! * 0.5;

export function cyclicTriangular2_64(params: Float64Array, _steps: Float64Array | null, start: number, out: Float64Array, _hard: Int32Array, n: number): number {
  const total = params[TOTAL]!;
  const ratio = params[RATIO]!;
  const base = params[BASE]!;
  const height = params[MAX]! - base;
  for (let i = 0; i < n; i++) {
    const q = 1.0 + (start + i) / total;
    out[i] = base + (height * wave(q, ratio)) * TRIANGULAR2_FACTORS[Math.floor(q) - 1]!;
  }
  return 0;
}

/** See cyclicLR.ts: TINY_TH. */
const TINY_TH = -1021.000001;

/** See cyclicLR.ts: the bounds of a small power, and their constants. */
const SMALL_TH = -1000.0;
const UP_600 = 4.149515568880993e180; // 2^600
const DOWN_600 = 2.409919865102884e-181; // 2^-600
const BELOW = 1.0 - 1.7763568394002505e-15; // 1 - 2^-49
const ABOVE = 1.0 + 1.7763568394002505e-15; // 1 + 2^-49

export function cyclicExpRange64(params: Float64Array, _steps: Float64Array | null, start: number, out: Float64Array, hard: Int32Array, n: number): number {
  const total = params[E.TOTAL]!;
  const ratio = params[E.RATIO]!;
  const base = params[E.BASE]!;
  const height = params[E.MAX]! - base;
  const l1 = params[E.L1]!;
  const l2 = params[E.L2]!;
  const tiny = params[E.TINY] !== 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const t = start + i;
    if (tiny && t * l1 < TINY_TH) {
      out[i] = base;
      continue;
    }
    const hs = height * wave(1.0 + t / total, ratio);
    const f = pow64(t, l1, l2);
    if (!wasUndecided()) out[i] = base + hs * f;
    else if (!(t * l1 < SMALL_TH)) hard[count++] = i;
    else {
      const r = pow64(t * 0.5, l1, l2);
      if (wasUndecided()) {
        hard[count++] = i;
        continue;
      }
      const P = (r * UP_600) * (r * UP_600);
      const lo = base + hs * (P * BELOW * DOWN_600 * DOWN_600);
      const hi = base + hs * (P * ABOVE * DOWN_600 * DOWN_600);
      if (Object.is(lo, hi)) out[i] = lo;
      else hard[count++] = i;
    }
  }
  return count;
}
