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

/** cosines.ts' annealScan (Plain): the chunk's steps from its cosines c[0 .. n) into lrOut. */
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

/** annealScan, Scaled: the lr times PRE before each step and POST after it. */
function annealScanScaled(params: Float64Array, c: Float64Array, lrOut: Float64Array, n: number): void {
  const eta = params[R.ETA]!, add = params[R.ADD]!, period = params[R.PERIOD]!;
  const pre = params[R.PRE]!, post = params[R.POST]!;
  let restart = params[R.RESTART]!;
  let lr = params[R.LR]!, den = params[R.DEN]!;
  for (let j = 0; j < n; j++) {
    const num = 1.0 + c[j]!;
    if (j === restart) {
      lr = (lr * pre + add) * post;
      restart += period;
    } else lr = ((num / den) * (lr * pre - eta) + eta) * post;
    lrOut[j] = lr;
    den = num;
  }
  params[R.LR] = lr;
  params[R.DEN] = den;
}

export function cosineAnnealingRun64(params: Float64Array, steps: Float64Array | null, start: number, out: Float64Array, hard: Int32Array, n: number): number {
  annealScan(params, steps!, out, n);
  return nextCosines(params, steps!, start + n, hard);
}

export function cosineAnnealingRunScaled64(params: Float64Array, steps: Float64Array | null, start: number, out: Float64Array, hard: Int32Array, n: number): number {
  annealScanScaled(params, steps!, out, n);
  return nextCosines(params, steps!, start + n, hard);
}

/** The next chunk's R.COS_N cosines, of the steps from `start`, into steps[0 ..) (arguments at R.HALF). */
function nextCosines(params: Float64Array, steps: Float64Array, start: number, hard: Int32Array): number {
  const next = params[R.COS_N]!;
  const half = params[R.HALF]!;
  const x = steps.subarray(half, half + next);
  for (let i = 0; i < next; i++) x[i] = (params[R.PI]! * (start + i)) / params[R.T]!;
  return cosinesAt(x, steps, hard, next);
}
