// JS twin of polynomialDecay.ts: the same functions with the same operations in the same order,
// and the same calling convention (assembly/abi.ts; src/core/batch.ts, TwinKernel). Read
// polynomialDecay.ts for why.

import { powv32, powv64 } from "../numerics/pow.twin.js";
import { wasUndecided } from "../numerics/undecided.twin.js";
import { D, E, POWER, AE, CYCLE } from "./polynomialDecay.params.js";

const GENERAL = 0;
const ZERO = 1;
const HALF = 2;
const ONE = 3;
const TWO = 4;

export function modeOf(y: number): number {
  return y === 0.0 ? ZERO : y === 0.5 ? HALF : y === 1.0 ? ONE : y === 2.0 ? TWO : GENERAL;
}

/** b = 1 - s / D in float32 (d a float32 value). */
export function base32(step: number, d: number, cycle: boolean): number {
  let s = Math.fround(step);
  let dd = d;
  if (cycle) dd = Math.fround(d * (s === 0.0 ? 1.0 : Math.ceil(Math.fround(s / d))));
  else s = Math.min(s, d);
  return Math.fround(1.0 - Math.fround(s / dd));
}

export function base64(step: number, d: number, cycle: boolean): number {
  let s = step;
  let dd = d;
  if (cycle) dd = d * (s === 0.0 ? 1.0 : Math.ceil(s / d));
  else s = Math.min(s, d);
  return 1.0 - s / dd;
}

/** pow(b, y) in float32, or undecided() (GENERAL only). */
export function power32(b: number, y: number, mode: number): number {
  if (mode === ZERO) return 1.0;
  if (mode === ONE) return b;
  if (mode === TWO) return Math.fround(b * b);
  if (mode === HALF) return b === -Infinity ? Infinity : Math.fround(Math.sqrt(b)) + 0.0;
  return powv32(b, y);
}

export function power64(b: number, y: number, mode: number): number {
  if (mode === ZERO) return 1.0;
  if (mode === ONE) return b;
  if (mode === TWO) return b * b;
  if (mode === HALF) return b === -Infinity ? Infinity : Math.sqrt(b) + 0.0;
  return powv64(b, y);
}

/** (a - e) * v + e in float32. */
export function finish32(v: number, ae: number, e: number): number {
  return Math.fround(Math.fround(ae * v) + e);
}

export function finish64(v: number, ae: number, e: number): number {
  return ae * v + e;
}

function run(
  params: Float64Array, steps: Float64Array | null, start: number, out: Float32Array | Float64Array, hard: Int32Array, n: number, wide: boolean,
): number {
  const d = params[D]!;
  const e = params[E]!;
  const y = params[POWER]!;
  const ae = params[AE]!;
  const cycle = params[CYCLE] !== 0;
  const mode = modeOf(y);
  let count = 0;
  let stop = n;
  if (steps === null && !cycle) {
    // The constant tail: steps >= ceil(d) have min(s, d) = d.
    const tail = Math.ceil(d) - start;
    if (tail < n) {
      stop = tail > 0.0 ? tail : 0;
      const v = wide ? finish64(power64(base64(d, d, false), y, mode), ae, e) : finish32(power32(base32(d, d, false), y, mode), ae, e);
      out.fill(v, stop, n);
    }
  }
  for (let i = 0; i < stop; i++) {
    const step = steps !== null ? steps[i]! : start + i;
    if (step - step !== 0) return -1 - i;
    const v = wide ? power64(base64(step, d, cycle), y, mode) : power32(base32(step, d, cycle), y, mode);
    if (wasUndecided()) hard[count++] = i;
    else out[i] = wide ? finish64(v, ae, e) : finish32(v, ae, e);
  }
  return count;
}

export function polynomialDecay32(
  params: Float64Array, steps: Float64Array | null, start: number, out: Float32Array, hard: Int32Array, n: number,
): number {
  return run(params, steps, start, out, hard, n, false);
}

export function polynomialDecay64(
  params: Float64Array, steps: Float64Array | null, start: number, out: Float64Array, hard: Int32Array, n: number,
): number {
  return run(params, steps, start, out, hard, n, true);
}
