// JS twin of algebraic.ts: the same operations in the same order, with the same calling
// convention (assembly/abi.ts; src/core/batch.ts, TwinKernel). Read algebraic.ts for why.

import { T0, SHIFT, DEN, ONE_M, M, SCALE } from "./algebraic.params.js";

const RISE = 0;
const FALL = 1;
const SQRT_RISE = 2;
const SQRT_FALL = 3;
const LINEAR = 4;
const RATE_RISE = 5;
const INVERSE_SQRT = 6;

const TWO53 = 9007199254740992.0;

function piece(t: number, t0: number, shift: number, den: number, oneM: number, m: number, kind: number): number {
  if (kind === LINEAR) {
    const v = (t0 - t) / den;
    return v > 0.0 ? v : 0.0;
  }
  const d = (t - t0) + shift;
  if (kind === RATE_RISE) return m + (oneM * d) / den;
  const p = d / den;
  if (kind === INVERSE_SQRT) return 1.0 / Math.sqrt(p);
  let f = p;
  if (kind === FALL) f = 1.0 - p;
  else if (kind === SQRT_RISE) f = 1.0 - Math.sqrt(1.0 - p);
  else if (kind === SQRT_FALL) f = 1.0 - Math.sqrt(p);
  f = f * oneM + m;
  return f > 0.0 ? f : 0.0;
}

function run(params: Float64Array, start: number, out: Float64Array, hard: Int32Array, n: number, kind: number): number {
  const t0 = params[T0]!;
  const shift = params[SHIFT]!;
  const den = params[DEN]!;
  const oneM = params[ONE_M]!;
  const m = params[M]!;
  const scale = params[SCALE]!;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const t = start + i;
    if (kind === INVERSE_SQRT && !(Math.abs((t - t0) + shift) < TWO53)) hard[count++] = i;
    else out[i] = scale * piece(t, t0, shift, den, oneM, m, kind);
  }
  return count;
}

type Kernel = (params: Float64Array, steps: Float64Array | null, start: number, out: Float64Array, hard: Int32Array, n: number) => number;
const kernel = (kind: number): Kernel => (params, _steps, start, out, hard, n) => run(params, start, out, hard, n, kind);

export const rise64 = kernel(RISE);
export const fall64 = kernel(FALL);
export const sqrtRise64 = kernel(SQRT_RISE);
export const sqrtFall64 = kernel(SQRT_FALL);
export const linear64 = kernel(LINEAR);
export const rateRise64 = kernel(RATE_RISE);
export const inverseSqrt64 = kernel(INVERSE_SQRT);
