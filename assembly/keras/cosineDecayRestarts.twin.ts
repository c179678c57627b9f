// JS twin of cosineDecayRestarts.ts: the same functions with the same operations in the same
// order, on JavaScript numbers, Math.fround where the kernel demotes to f32. Ranges go block by
// block as in the kernel (a block whose two ends share a restart index computes only the cosine
// per element); the kernel's SIMD loop is here the scalar one. Read the kernel for the formula,
// the parameter slots and why the blocks are sound.

import { cos32, cos64 } from "../numerics/cos.twin.js";
import { pow32, pow64 } from "../numerics/exp2.twin.js";
import { log32, log64 } from "../numerics/log.twin.js";
import { wasUndecided } from "../numerics/undecided.twin.js";
import { A, FD, GEOMETRIC, OMT, LOG_T, T1, T2, M1, M2, ALPHA, OMA, PI } from "./cosineDecayRestarts.params.js";

const BLOCK = 256;

// float32 and float64 are two sets of functions rather than one with the dtype a parameter or a
// rounding function passed in: V8 gives each its own type feedback then.

let sumR = 0;
let period = 1;
let halfM = 0;

function restart32(cf: number, p: Float64Array): number {
  if (p[GEOMETRIC] === 0) return Math.floor(cf);
  const u = Math.fround(1.0 - Math.fround(cf * p[OMT]!));
  return Math.floor(Math.fround(log32(u) / p[LOG_T]!));
}

function constantsOf32(i: number, p: Float64Array): void {
  if (p[GEOMETRIC] === 0) {
    sumR = i;
    period = 1.0;
  } else {
    const q = pow32(i, p[T1]!, p[T2]!);
    sumR = Math.fround(Math.fround(1.0 - q) / p[OMT]!);
    period = q;
  }
  halfM = Math.fround(0.5 * pow32(i, p[M1]!, p[M2]!));
}

function decayed32(cf: number, p: Float64Array): number {
  const c = Math.fround(Math.fround(cf - sumR) / period);
  const cosine = cos32(Math.fround(p[PI]! * c));
  const v = Math.fround(p[OMA]! * Math.fround(halfM * Math.fround(1.0 + cosine)));
  return Math.fround(p[A]! * Math.fround(v + p[ALPHA]!));
}

const fraction32 = (step: number, p: Float64Array): number => Math.fround(Math.fround(step) / p[FD]!);

function one32(step: number, p: Float64Array): number {
  const cf = fraction32(step, p);
  const i = restart32(cf, p);
  if (i !== i) return NaN; // see the kernel
  constantsOf32(i, p);
  return decayed32(cf, p);
}

export function cosineDecayRestarts32(p: Float64Array, steps: Float64Array | null, start: number, out: Float32Array, hard: Int32Array, n: number): number {
  let count = 0;
  if (steps !== null) {
    for (let i = 0; i < n; i++) {
      const step = steps[i]!;
      if (step - step !== 0) return -1 - i;
      const v = one32(step, p);
      if (wasUndecided()) hard[count++] = i;
      else out[i] = v;
    }
    return count;
  }
  for (let b = 0; b < n; b += BLOCK) {
    const end = Math.min(n, b + BLOCK);
    const i0 = restart32(fraction32(start + b, p), p);
    const i1 = restart32(fraction32(start + (end - 1), p), p);
    let shared = !wasUndecided() && i0 === i1;
    if (shared) {
      constantsOf32(i0, p);
      shared = !wasUndecided();
    }
    for (let j = b; j < end; j++) {
      const step = start + j;
      const v = shared ? decayed32(fraction32(step, p), p) : one32(step, p);
      if (wasUndecided()) hard[count++] = j;
      else out[j] = v;
    }
  }
  return count;
}

function restart64(cf: number, p: Float64Array): number {
  if (p[GEOMETRIC] === 0) return Math.floor(cf);
  return Math.floor(log64(1.0 - cf * p[OMT]!) / p[LOG_T]!);
}

function constantsOf64(i: number, p: Float64Array): void {
  if (p[GEOMETRIC] === 0) {
    sumR = i;
    period = 1.0;
  } else {
    const q = pow64(i, p[T1]!, p[T2]!);
    sumR = (1.0 - q) / p[OMT]!;
    period = q;
  }
  halfM = 0.5 * pow64(i, p[M1]!, p[M2]!);
}

function decayed64(cf: number, p: Float64Array): number {
  const c = (cf - sumR) / period;
  const cosine = cos64(p[PI]! * c);
  const v = p[OMA]! * (halfM * (1.0 + cosine));
  return p[A]! * (v + p[ALPHA]!);
}

const fraction64 = (step: number, p: Float64Array): number => step / p[FD]!;

function one64(step: number, p: Float64Array): number {
  const cf = fraction64(step, p);
  const i = restart64(cf, p);
  if (i !== i) return NaN; // see the kernel
  constantsOf64(i, p);
  return decayed64(cf, p);
}

export function cosineDecayRestarts64(p: Float64Array, steps: Float64Array | null, start: number, out: Float64Array, hard: Int32Array, n: number): number {
  let count = 0;
  if (steps !== null) {
    for (let i = 0; i < n; i++) {
      const step = steps[i]!;
      if (step - step !== 0) return -1 - i;
      const v = one64(step, p);
      if (wasUndecided()) hard[count++] = i;
      else out[i] = v;
    }
    return count;
  }
  for (let b = 0; b < n; b += BLOCK) {
    const end = Math.min(n, b + BLOCK);
    const i0 = restart64(fraction64(start + b, p), p);
    const i1 = restart64(fraction64(start + (end - 1), p), p);
    let shared = !wasUndecided() && i0 === i1;
    if (shared) {
      constantsOf64(i0, p);
      shared = !wasUndecided();
    }
    for (let j = b; j < end; j++) {
      const step = start + j;
      const v = shared ? decayed64(fraction64(step, p), p) : one64(step, p);
      if (wasUndecided()) hard[count++] = j;
      else out[j] = v;
    }
  }
  return count;
}
