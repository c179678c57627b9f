// JS twin of cosineDecay.ts: the same pipeline with the same operations in the same order, on
// JavaScript numbers, Math.fround where the kernel demotes to f32 (a Float32Array store rounds
// too). The kernel's SIMD loop computes the same bits four at a time; here every element goes
// through the scalar form. Read cosineDecay.ts for the formula and the parameter slots.

import { cos32, cos64 } from "../numerics/cos.twin.js";
import { wasUndecided } from "../numerics/undecided.twin.js";

const A = 0;
const D = 1;
const HALF = 2;
const ALPHA = 3;
const PI = 4;
const WARMUP = 5;
const W = 6;
const WS = 7;
const END = 8;
const DELTA = 9;



// float32 and float64 are two loops rather than one with a rounding function passed in, and
// Math.fround is called by its name: V8 inlines it then, and not through an alias (measured: the
// loop took twice as long with `const fr = Math.fround`).

export function cosineDecay32(
  params: Float64Array, steps: Float64Array | null, start: number, out: Float32Array, hard: Int32Array, n: number,
): number {
  const a = params[A]!, d = params[D]!, half = params[HALF]!, alpha = params[ALPHA]!, pi = params[PI]!;
  const warmup = params[WARMUP] !== 0;
  const w = params[W]!, ws = params[WS]!, end = params[END]!, delta = params[DELTA]!;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const step = steps !== null ? steps[i]! : start + i;
    if (step - step !== 0) return -1 - i;
    const s = Math.fround(step);
    let x: number;
    let from: number;
    if (warmup) {
      const sw = Math.min(s, end);
      if (sw < ws) {
        out[i] = Math.fround(delta * Math.fround(sw / ws)) + a;
        continue;
      }
      x = Math.fround(sw - ws);
      from = w;
    } else {
      x = Math.min(s, d);
      from = a;
    }
    const c = cos32(Math.fround(pi * Math.fround(x / d)));
    if (wasUndecided()) hard[count++] = i;
    else out[i] = from * Math.fround(Math.fround(half * Math.fround(1.0 + c)) + alpha);
  }
  return count;
}

export function cosineDecay64(
  params: Float64Array, steps: Float64Array | null, start: number, out: Float64Array, hard: Int32Array, n: number,
): number {
  const a = params[A]!, d = params[D]!, half = params[HALF]!, alpha = params[ALPHA]!, pi = params[PI]!;
  const warmup = params[WARMUP] !== 0;
  const w = params[W]!, ws = params[WS]!, end = params[END]!, delta = params[DELTA]!;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const step = steps !== null ? steps[i]! : start + i;
    if (step - step !== 0) return -1 - i;
    let x: number;
    let from: number;
    if (warmup) {
      const sw = Math.min(step, end);
      if (sw < ws) {
        out[i] = delta * (sw / ws) + a;
        continue;
      }
      x = sw - ws;
      from = w;
    } else {
      x = Math.min(step, d);
      from = a;
    }
    const c = cos64(pi * (x / d));
    if (wasUndecided()) hard[count++] = i;
    else out[i] = from * ((half * (1.0 + c)) + alpha);
  }
  return count;
}
