// JS twin of polynomial.ts: the same operations in the same order, with the same calling
// convention (assembly/abi.ts; src/core/batch.ts, TwinKernel). Read polynomial.ts for why.

import { powv64 } from "../numerics/pow.twin.js";
import { wasUndecided } from "../numerics/undecided.twin.js";
import { W, DECAY_STEPS, POWER, RANGE, END, INIT, SCALE } from "./polynomial.params.js";

const GENERAL = 0;
const ZERO = 1;
const HALF = 2;
const ONE = 3;
const TWO = 4;

function modeOf(y: number): number {
  return y === 0.0 ? ZERO : y === 0.5 ? HALF : y === 1.0 ? ONE : y === 2.0 ? TWO : GENERAL;
}

export function polynomial64(params: Float64Array, _steps: Float64Array | null, start: number, out: Float64Array, hard: Int32Array, n: number): number {
  const w = params[W]!;
  const ds = params[DECAY_STEPS]!;
  const y = params[POWER]!;
  const range = params[RANGE]!;
  const end = params[END]!;
  const init = params[INIT]!;
  const scale = params[SCALE]!;
  const mode = modeOf(y);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const pct = 1.0 - (start + i - w) / ds;
    let v: number;
    if (mode === ZERO) v = 1.0;
    else if (mode === ONE) v = pct;
    else if (mode === TWO) v = pct * pct;
    else if (mode === HALF) v = Math.sqrt(pct);
    else {
      v = powv64(pct, y);
      if (wasUndecided() || !(Math.abs(v) < Infinity)) {
        hard[count++] = i;
        continue;
      }
    }
    out[i] = scale * ((range * v + end) / init);
  }
  return count;
}
