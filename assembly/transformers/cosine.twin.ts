// JS twin of cosine.ts: the same operations in the same order, with the same calling convention
// (assembly/abi.ts; src/core/batch.ts, TwinKernel). Read cosine.ts for why.

import { cos64 } from "../numerics/cos.twin.js";
import { wasUndecided } from "../numerics/undecided.twin.js";
import { T0, SHIFT, DEN, ARG, PI, ONE_M, M, SCALE } from "./cosine.params.js";

const FALL = 0;
const RISE = 1;
const RESTARTS = 2;

function run(params: Float64Array, start: number, out: Float64Array, hard: Int32Array, n: number, kind: number): number {
  const t0 = params[T0]!;
  const shift = params[SHIFT]!;
  const den = params[DEN]!;
  const arg = params[ARG]!;
  const pi = params[PI]!;
  const oneM = params[ONE_M]!;
  const m = params[M]!;
  const scale = params[SCALE]!;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const p = ((start + i - t0) + shift) / den;
    let v: number;
    if (kind === RESTARTS) {
      if (p >= 1.0) {
        out[i] = scale * 0.0;
        continue;
      }
      const x = arg * p;
      const c = cos64(pi * (x - Math.floor(x)));
      if (wasUndecided() || c !== c) {
        hard[count++] = i;
        continue;
      }
      v = 0.5 * (1.0 + c);
    } else {
      const c = cos64(arg * p);
      if (wasUndecided() || c !== c) {
        hard[count++] = i;
        continue;
      }
      v = (kind === FALL ? 0.5 * (1.0 + c) : 0.5 * (1.0 - c)) * oneM + m;
    }
    out[i] = scale * (v > 0.0 ? v : 0.0);
  }
  return count;
}

type Kernel = (params: Float64Array, steps: Float64Array | null, start: number, out: Float64Array, hard: Int32Array, n: number) => number;
const kernel = (kind: number): Kernel => (params, _steps, start, out, hard, n) => run(params, start, out, hard, n, kind);

export const cosineFall64 = kernel(FALL);
export const cosineRise64 = kernel(RISE);
export const restarts64 = kernel(RESTARTS);
