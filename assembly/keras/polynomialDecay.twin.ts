// JS twin of polynomialDecay.ts: the same functions with the same operations in the same order,
// and the same calling convention (assembly/abi.ts; src/core/batch.ts, TwinKernel). Read
// polynomialDecay.ts for why.
//
// Speed: float32 and float64 have a loop each, with no code of the other: V8 keeps one set of type
// feedback per function, and one loop for both dtypes stored into Float32Array and Float64Array
// alike, polymorphic and slower (as CosineDecayRestarts' twin found). The helpers they share take
// and return plain numbers, which V8 inlines into each loop.

import { powv32, powv64 } from "../numerics/pow.twin.js";
import { wasUndecided } from "../numerics/undecided.twin.js";
import { D, E, POWER, AE, CYCLE } from "./polynomialDecay.params.js";

// Steps of a range within 2^24 are exact in float32.
const EXACT32 = 16777216.0;

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
  return mode === GENERAL ? powv32(b, y) : exactPower32(b, mode);
}

export function power64(b: number, y: number, mode: number): number {
  return mode === GENERAL ? powv64(b, y) : exactPower64(b, mode);
}

/** pow(b, y) in float32 for every mode but GENERAL: a loop that calls no pow keeps this inline. */
function exactPower32(b: number, mode: number): number {
  if (mode === ZERO) return 1.0;
  if (mode === ONE) return b;
  if (mode === TWO) return Math.fround(b * b);
  return b === -Infinity ? Infinity : Math.fround(Math.sqrt(b)) + 0.0;
}

function exactPower64(b: number, mode: number): number {
  if (mode === ZERO) return 1.0;
  if (mode === ONE) return b;
  if (mode === TWO) return b * b;
  return b === -Infinity ? Infinity : Math.sqrt(b) + 0.0;
}

/** (a - e) * v + e in float32. */
export function finish32(v: number, ae: number, e: number): number {
  return Math.fround(Math.fround(ae * v) + e);
}

export function finish64(v: number, ae: number, e: number): number {
  return ae * v + e;
}

/**
 * Where a range without cycle turns constant (steps >= ceil(d) have min(s, d) = d): fills that
 * tail with `value` and returns where it starts, or n.
 */
function tail(start: number, d: number, n: number, out: Float32Array | Float64Array, value: number): number {
  const from = Math.ceil(d) - start;
  if (from >= n) return n;
  const stop = from > 0.0 ? from : 0;
  out.fill(value, stop, n);
  return stop;
}

// A range without cycle, for the powers that need no pow (the common case of ranges): one loop per
// power, and no step to check (start + i is an integer within 2^53). The same operations as
// base32/base64, power32/power64 and finish32/finish64, written out: through the helpers, in a loop
// that also held powv's call, V8's code was far slower (measured in one process, CPU time, power 2
// float64, a million steps: 4.2 ms so, 1.4 to 1.6 ms written out, the hand-written Math.pow loop
// 1.8 ms). pow(b, 0) = 1 for every b.

function range32(start: number, out: Float32Array, n: number, d: number, y: number, ae: number, e: number, mode: number): void {
  // Steps within 2^24 are exact in float32: f32(s) = s, one rounding fewer (the kernel's lanes count
  // in float32 there), and min(s, d) / d is taken as min(s, d) * (1 / d), as the kernel's scalar
  // loop for such ranges (exactRange32), the same bits (RECIPROCAL32 in inverseTimeDecay.ts). Below
  // the tail (the caller's stop) every step s < ceil(d) is below d, so min(s, d) = s; and the last
  // rounding to float32 is the store into out's float32 element.
  const inv = 1.0 / d;
  if (Math.abs(start) > EXACT32 || Math.abs(start + n) > EXACT32) {
    for (let i = 0; i < n; i++) out[i] = finish32(power32(base32(start + i, d, false), y, mode), ae, e);
  } else if (mode === ZERO) {
    out.fill(Math.fround(Math.fround(ae) + e), 0, n);
  } else if (mode === ONE) {
    for (let i = 0; i < n; i++) out[i] = Math.fround(ae * Math.fround(1.0 - Math.fround((start + i) * inv))) + e;
  } else if (mode === TWO) {
    for (let i = 0; i < n; i++) {
      const b = Math.fround(1.0 - Math.fround((start + i) * inv));
      out[i] = Math.fround(ae * Math.fround(b * b)) + e;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const b = Math.fround(1.0 - Math.fround((start + i) * inv));
      out[i] = Math.fround(ae * (b === -Infinity ? Infinity : Math.fround(Math.sqrt(b)) + 0.0)) + e;
    }
  }
}

function range64(start: number, out: Float64Array, n: number, d: number, ae: number, e: number, mode: number): void {
  if (mode === ZERO) {
    out.fill(ae + e, 0, n);
  } else if (mode === ONE) {
    for (let i = 0; i < n; i++) out[i] = ae * (1.0 - Math.min(start + i, d) / d) + e;
  } else if (mode === TWO) {
    for (let i = 0; i < n; i++) {
      const b = 1.0 - Math.min(start + i, d) / d;
      out[i] = ae * (b * b) + e;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const b = 1.0 - Math.min(start + i, d) / d;
      out[i] = ae * (b === -Infinity ? Infinity : Math.sqrt(b) + 0.0) + e;
    }
  }
}

export function polynomialDecay32(
  params: Float64Array, steps: Float64Array | null, start: number, out: Float32Array, hard: Int32Array, n: number,
): number {
  const d = params[D]!;
  const e = params[E]!;
  const y = params[POWER]!;
  const ae = params[AE]!;
  const cycle = params[CYCLE] !== 0;
  const mode = modeOf(y);
  const stop = steps === null && !cycle ? tail(start, d, n, out, finish32(power32(base32(d, d, false), y, mode), ae, e)) : n;
  if (mode !== GENERAL) {
    if (steps === null && !cycle) {
      range32(start, out, stop, d, y, ae, e, mode);
      return 0;
    }
    for (let i = 0; i < stop; i++) {
      const step = steps !== null ? steps[i]! : start + i;
      if (step - step !== 0) return -1 - i;
      out[i] = finish32(exactPower32(base32(step, d, cycle), mode), ae, e);
    }
    return 0;
  }
  let count = 0;
  for (let i = 0; i < stop; i++) {
    const step = steps !== null ? steps[i]! : start + i;
    if (step - step !== 0) return -1 - i;
    const v = powv32(base32(step, d, cycle), y);
    if (wasUndecided()) hard[count++] = i;
    else out[i] = finish32(v, ae, e);
  }
  return count;
}

export function polynomialDecay64(
  params: Float64Array, steps: Float64Array | null, start: number, out: Float64Array, hard: Int32Array, n: number,
): number {
  const d = params[D]!;
  const e = params[E]!;
  const y = params[POWER]!;
  const ae = params[AE]!;
  const cycle = params[CYCLE] !== 0;
  const mode = modeOf(y);
  const stop = steps === null && !cycle ? tail(start, d, n, out, finish64(power64(base64(d, d, false), y, mode), ae, e)) : n;
  if (mode !== GENERAL) {
    if (steps === null && !cycle) {
      range64(start, out, stop, d, ae, e, mode);
      return 0;
    }
    for (let i = 0; i < stop; i++) {
      const step = steps !== null ? steps[i]! : start + i;
      if (step - step !== 0) return -1 - i;
      out[i] = finish64(exactPower64(base64(step, d, cycle), mode), ae, e);
    }
    return 0;
  }
  let count = 0;
  for (let i = 0; i < stop; i++) {
    const step = steps !== null ? steps[i]! : start + i;
    if (step - step !== 0) return -1 - i;
    const v = powv64(base64(step, d, cycle), y);
    if (wasUndecided()) hard[count++] = i;
    else out[i] = finish64(v, ae, e);
  }
  return count;
}
