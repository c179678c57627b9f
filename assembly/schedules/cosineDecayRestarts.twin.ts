// JS twin of cosineDecayRestarts.ts: the same functions with the same operations in the same
// order, on JavaScript numbers, Math.fround where the kernel demotes to f32. Ranges go block by
// block as in the kernel (a block whose two ends share a restart index computes only the cosine
// per element); the kernel's SIMD loop is here the scalar one. Read the kernel for the formula,
// the parameter slots and why the blocks are sound.

import { cos32, cos64 } from "../numerics/cos.twin.js";
import { pow32, pow64 } from "../numerics/exp2.twin.js";
import { log32, log64 } from "../numerics/log.twin.js";
import { wasUndecided } from "../numerics/undecided.twin.js";

const A = 0;
const FD = 1;
const GEOMETRIC = 2;
const OMT = 3;
const LOG_T = 4;
const T1 = 5;
const T2 = 6;
const M1 = 7;
const M2 = 8;
const ALPHA = 9;
const OMA = 10;
const PI = 11;

const BLOCK = 256;
const fr = Math.fround;
const same = (x: number) => x;

/** One dtype's pipeline: float32 rounds with fround, float64 not at all. */
function pipeline(wide: boolean) {
  const r = wide ? same : fr;
  const log = wide ? log64 : log32;
  const pow = wide ? pow64 : pow32;
  const cos = wide ? cos64 : cos32;

  let sumR = 0;
  let period = 1;
  let halfM = 0;

  function restart(cf: number, p: Float64Array): number {
    if (p[GEOMETRIC] === 0) return Math.floor(cf);
    const u = r(1.0 - r(cf * p[OMT]!));
    return Math.floor(r(log(u) / p[LOG_T]!));
  }

  function constantsOf(i: number, p: Float64Array): void {
    if (p[GEOMETRIC] === 0) {
      sumR = i;
      period = 1.0;
    } else {
      const q = pow(i, p[T1]!, p[T2]!);
      sumR = r(r(1.0 - q) / p[OMT]!);
      period = q;
    }
    halfM = r(0.5 * pow(i, p[M1]!, p[M2]!));
  }

  function decayed(cf: number, p: Float64Array): number {
    const c = r(r(cf - sumR) / period);
    const cosine = cos(r(p[PI]! * c));
    const v = r(p[OMA]! * r(halfM * r(1.0 + cosine)));
    return r(p[A]! * r(v + p[ALPHA]!));
  }

  const fraction = (step: number, p: Float64Array) => r(r(step) / p[FD]!);

  function one(step: number, p: Float64Array): number {
    const cf = fraction(step, p);
    const i = restart(cf, p);
    if (i !== i) return NaN; // see the kernel
    constantsOf(i, p);
    return decayed(cf, p);
  }

  return function kernel(p: Float64Array, steps: Float64Array | null, start: number, out: Float32Array | Float64Array, hard: Int32Array, n: number): number {
    let count = 0;
    if (steps !== null) {
      for (let i = 0; i < n; i++) {
        const step = steps[i]!;
        if (step - step !== 0) return -1 - i;
        const v = one(step, p);
        if (wasUndecided()) hard[count++] = i;
        else out[i] = v;
      }
      return count;
    }
    for (let b = 0; b < n; b += BLOCK) {
      const end = Math.min(n, b + BLOCK);
      const i0 = restart(fraction(start + b, p), p);
      const i1 = restart(fraction(start + (end - 1), p), p);
      let shared = !wasUndecided() && i0 === i1;
      if (shared) {
        constantsOf(i0, p);
        shared = !wasUndecided();
      }
      for (let j = b; j < end; j++) {
        const step = start + j;
        const v = shared ? decayed(fraction(step, p), p) : one(step, p);
        if (wasUndecided()) hard[count++] = j;
        else out[j] = v;
      }
    }
    return count;
  };
}

export const cosineDecayRestarts32 = pipeline(false);
export const cosineDecayRestarts64 = pipeline(true);
