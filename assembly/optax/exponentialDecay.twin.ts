// JS twin of exponentialDecay.ts: optax's exponential_decay with the same operations in the same
// order, on JavaScript numbers (Math.fround where the kernel rounds to float32; `| 0` is int32's
// wrap-around; Math.max and Math.min keep NaN and order -0 below +0, as Wasm's max and min). Read
// exponentialDecay.ts for the pipeline.

import { pow32, pow64 } from "../numerics/exp2.twin.js";
import { wasUndecided } from "../numerics/undecided.twin.js";
import { isCount32, isCount64 } from "./shared/count.twin.js";
import { INIT, BEGIN, TF, L1, L2, STAIRCASE, CLIP, END } from "./exponentialDecay.params.js";

/** CLIP's values, as the kernel's: jnp.maximum(value, end_value), or jnp.minimum (0: no end_value). */
export const MAX = 1;
export const MIN = 2;

function clip(v: number, p: Float64Array): number {
  const kind = p[CLIP];
  return kind === MAX ? Math.max(v, p[END]!) : kind === MIN ? Math.min(v, p[END]!) : v;
}

/** A fixed-base power r^p, with log2 r as l1 + l2 (../numerics/exp2.ts). */
export type FixedPow = (p: number, l1: number, l2: number) => number;

/**
 * The float32 value at int32 count c, or undecided(); `pow` is the power's function (the facade's
 * exact value passes a correctly rounded one that always decides).
 */
export function one32(c: number, params: Float64Array, pow: FixedPow = pow32): number {
  const dc = (c - params[BEGIN]!) | 0;
  if (dc <= 0) return clip(params[INIT]!, params);
  let p = Math.fround(Math.fround(dc) / params[TF]!);
  if (params[STAIRCASE] !== 0) p = Math.floor(p);
  return fromP32(p, params, pow);
}

/** The float32 value where decreased_count > 0, from its p (a staircase's runs share one). */
export function fromP32(p: number, params: Float64Array, pow: FixedPow = pow32): number {
  return clip(Math.fround(params[INIT]! * pow(p, params[L1]!, params[L2]!)), params);
}

/** The float64 value at count c, or undecided(); `pow` as one32's. */
export function one64(c: number, params: Float64Array, pow: FixedPow = pow64): number {
  const dc = c - params[BEGIN]!;
  if (dc <= 0) return clip(params[INIT]!, params);
  let p = dc / params[TF]!;
  if (params[STAIRCASE] !== 0) p = Math.floor(p);
  return fromP64(p, params, pow);
}

/** The float64 value where decreased_count > 0, from its p. */
export function fromP64(p: number, params: Float64Array, pow: FixedPow = pow64): number {
  return clip(params[INIT]! * pow(p, params[L1]!, params[L2]!), params);
}

export function exponentialDecay32(
  params: Float64Array, steps: Float64Array | null, start: number, out: Float32Array, hard: Int32Array, n: number,
): number {
  let count = 0;
  for (let i = 0; i < n; i++) {
    const step = steps !== null ? steps[i]! : start + i;
    if (!isCount32(step)) return -1 - i;
    const v = one32(step, params);
    if (wasUndecided()) hard[count++] = i;
    else out[i] = v;
  }
  return count;
}

export function exponentialDecay64(
  params: Float64Array, steps: Float64Array | null, start: number, out: Float64Array, hard: Int32Array, n: number,
): number {
  let count = 0;
  for (let i = 0; i < n; i++) {
    const step = steps !== null ? steps[i]! : start + i;
    if (!isCount64(step)) return -1 - i;
    const v = one64(step + 0, params);
    if (wasUndecided()) hard[count++] = i;
    else out[i] = v;
  }
  return count;
}
