// JS twin of cosineAnnealingLR.ts: the same operations in the same order, on JavaScript numbers.

import { cosinesAt } from "./cosines.twin.js";
import { T, PI } from "./cosineAnnealingLR.params.js";
import * as R from "./cosineAnnealingRun.params.js";

export function cosineAnnealingLR64(params: Float64Array, _steps: Float64Array | null, start: number, out: Float64Array, hard: Int32Array, n: number): number {
  const tMax = params[T]!;
  const pi = params[PI]!;
  for (let i = 0; i < n; i++) out[i] = (pi * (start + i)) / tMax;
  return cosinesAt(out, out, hard, n);
}

/** cosines.ts' annealScan: the chunk's steps from its cosines c[0 .. n) into lrOut. */
function annealScan(params: Float64Array, c: Float64Array, lrOut: Float64Array, n: number): void {
  const eta = params[R.ETA]!, add = params[R.ADD]!, period = params[R.PERIOD]!;
  let restart = params[R.RESTART]!;
  let lr = params[R.LR]!, den = params[R.DEN]!;
  for (let j = 0; j < n; j++) {
    const num = 1.0 + c[j]!;
    if (j === restart) {
      lr = lr + add;
      restart += period;
    } else lr = (num / den) * (lr - eta) + eta;
    lrOut[j] = lr;
    den = num;
  }
  params[R.LR] = lr;
  params[R.DEN] = den;
}

export function cosineAnnealingRun64(params: Float64Array, steps: Float64Array | null, start: number, out: Float64Array, hard: Int32Array, n: number): number {
  const next = params[R.COS_N]!;
  const half = params[R.HALF]!;
  const x = steps!.subarray(half, half + next);
  for (let i = 0; i < next; i++) x[i] = (params[R.PI]! * (start + n + i)) / params[R.T]!;
  annealScan(params, steps!, out, n);
  return cosinesAt(x, steps!, hard, next);
}
