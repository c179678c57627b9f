// JS twin of inverseTimeDecay.ts: the same functions with the same operations in the same order,
// and the same calling convention (assembly/abi.ts; src/core/batch.ts, TwinKernel). Read
// inverseTimeDecay.ts for why.
//
// Speed: a range takes a loop of its own, with no step to check (start + i is an integer within
// 2^53) and, in float32, no rounding of a step within 2^24 (exact already), as the kernel's lanes.

import { A, D, R, STAIRCASE } from "./inverseTimeDecay.params.js";

// Steps of a range within 2^24 are exact in float32.
const EXACT32 = 16777216.0;

/** p = f32(f32(step) / d), floored for a staircase. */
export function p32(step: number, d: number, staircase: boolean): number {
  const p = Math.fround(Math.fround(step) / d);
  return staircase ? Math.floor(p) : p;
}

export function p64(step: number, d: number, staircase: boolean): number {
  const p = step / d;
  return staircase ? Math.floor(p) : p;
}

/** a / (1 + r p) in float32, from p. */
export function fromP32(p: number, a: number, r: number): number {
  return Math.fround(a / Math.fround(1.0 + Math.fround(r * p)));
}

export function fromP64(p: number, a: number, r: number): number {
  return a / (1.0 + r * p);
}

export function inverseTimeDecay32(
  params: Float64Array, steps: Float64Array | null, start: number, out: Float32Array, _hard: Int32Array, n: number,
): number {
  const a = params[A]!;
  const d = params[D]!;
  const r = params[R]!;
  const staircase = params[STAIRCASE] !== 0;
  if (steps === null && !staircase && Math.abs(start) <= EXACT32 && Math.abs(start + n) <= EXACT32) {
    // The kernel's range32 (its scalar loop): k / d as k * (1 / d), the same bits (RECIPROCAL32 in
    // the kernel).
    const inv = 1.0 / d;
    for (let i = 0; i < n; i++) out[i] = Math.fround(a / Math.fround(1.0 + Math.fround(r * Math.fround((start + i) * inv))));
    return 0;
  }
  for (let i = 0; i < n; i++) {
    const step = steps !== null ? steps[i]! : start + i;
    if (step - step !== 0) return -1 - i;
    out[i] = fromP32(p32(step, d, staircase), a, r);
  }
  return 0;
}

export function inverseTimeDecay64(
  params: Float64Array, steps: Float64Array | null, start: number, out: Float64Array, _hard: Int32Array, n: number,
): number {
  const a = params[A]!;
  const d = params[D]!;
  const r = params[R]!;
  const staircase = params[STAIRCASE] !== 0;
  if (steps === null && !staircase) {
    for (let i = 0; i < n; i++) out[i] = a / (1.0 + r * ((start + i) / d));
    return 0;
  }
  for (let i = 0; i < n; i++) {
    const step = steps !== null ? steps[i]! : start + i;
    if (step - step !== 0) return -1 - i;
    out[i] = fromP64(p64(step, d, staircase), a, r);
  }
  return 0;
}
