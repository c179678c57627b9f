// JS twin of exponentialDecay.ts: the same functions with the same operations in the same order,
// and the same calling convention (assembly/abi.ts; src/core/batch.ts, TwinKernel). Read
// exponentialDecay.ts for why.

import { exp2d, exp2dd, lowPart, pow32, pow64, splitHigh, twoProductErrorSplit } from "../numerics/exp2.twin.js";
import { wasUndecided } from "../numerics/undecided.twin.js";
import { A, D, L1, L2, STAIRCASE, M1, M2, C } from "./exponentialDecay.params.js";

export function p32(step: number, d: number, staircase: boolean): number {
  const p = Math.fround(Math.fround(step) / d);
  return staircase ? Math.floor(p) : p;
}

export function p64(step: number, d: number, staircase: boolean): number {
  const p = step / d;
  return staircase ? Math.floor(p) : p;
}

function run(
  steps: Float64Array | null, start: number, out: Float32Array | Float64Array, hard: Int32Array, n: number,
  a: number, d: number, l1: number, l2: number, staircase: boolean, wide: boolean,
): number {
  let count = 0;
  for (let i = 0; i < n; i++) {
    const step = steps !== null ? steps[i]! : start + i;
    if (step - step !== 0) return -1 - i;
    const v = wide ? pow64(p64(step, d, staircase), l1, l2) : pow32(p32(step, d, staircase), l1, l2);
    if (wasUndecided()) hard[count++] = i;
    else out[i] = a * v; // a Float32Array store rounds to float32, as the kernel's demotion
  }
  return count;
}

// A staircase range: the power once per run of one p (exponentialDecay.ts, stairs).
function stairs(
  start: number, out: Float32Array | Float64Array, hard: Int32Array, n: number,
  a: number, d: number, l1: number, l2: number, wide: boolean,
): number {
  let count = 0;
  let lastP = NaN;
  let lastV = 0.0;
  let lastHard = false;
  for (let i = 0; i < n; i++) {
    const step = start + i;
    const p = wide ? p64(step, d, true) : p32(step, d, true);
    if (p !== lastP) {
      lastV = wide ? pow64(p, l1, l2) : pow32(p, l1, l2);
      lastHard = wasUndecided();
      lastP = p;
    }
    if (lastHard) hard[count++] = i;
    else out[i] = a * lastV;
  }
  return count;
}

const BLOCK = 256;
const TABLE32 = new Float64Array(256);
const EPS_GEO = 3.552713678800501e-15; // 2^-48
const MAX_SPAN = 64.0;
const EXACT32 = 16777216.0;

function geometricApplies(start: number, n: number, d: number, m1: number): boolean {
  const k = Math.max(Math.abs(start), Math.abs(start + n));
  return Math.abs(m1) * BLOCK <= MAX_SPAN && k <= EXACT32 && Math.fround(k * (1.0 / d)) < Infinity;
}

/** The power 2^(M s) for step s = k0 + j of a block, corrected for the rounding of p. */
function geometricPower(s: number, anchor: number, j: number, d: number, rd: number, c: number): number {
  const p = Math.fround(s * rd); // equals f32(s / d): see the kernel
  const ce = c * (p * d - s);
  return anchor * TABLE32[j]! * (1.0 + ce * (1.0 + 0.5 * ce));
}

/** Rounds the power y of step `at` to float32 and stores a * v, or records `at` as undecided. */
function geometricPut(y: number, out: Float32Array, hard: Int32Array, count: number, at: number, a: number): number {
  const lo = Math.fround(y * (1.0 - EPS_GEO));
  const hi = Math.fround(y * (1.0 + EPS_GEO));
  if (lo === hi) {
    out[at] = a * lo;
    return count;
  }
  hard[count] = at;
  return count + 1;
}

function geometric32(
  start: number, out: Float32Array, hard: Int32Array, n: number,
  a: number, d: number, l1: number, l2: number, m1: number, m2: number, c: number,
): number {
  for (let j = 0; j < BLOCK; j++) TABLE32[j] = exp2d(j, m1, m2);
  const rd = 1.0 / d;
  let count = 0;
  for (let b = 0; b < n; b += BLOCK) {
    const len = Math.min(BLOCK, n - b);
    const k0 = start + b;
    const t0 = m1 * k0;
    const t1 = m1 * (k0 + (len - 1));
    const tmin = Math.min(t0, t1);
    const tmax = Math.max(t0, t1);
    if (tmax < -152.0) {
      out.fill(a * 0.0, b, b + len);
      continue;
    }
    if (tmin > 130.0) {
      out.fill(a * Infinity, b, b + len);
      continue;
    }
    if (tmin < -160.0 || tmax > 140.0) {
      const hardCount = run(null, k0, out.subarray(b, b + len), hard.subarray(count), len, a, d, l1, l2, false, false);
      for (let h = 0; h < hardCount; h++) hard[count + h]! += b;
      count += hardCount;
      continue;
    }
    const anchor = exp2d(k0, m1, m2);
    // The kernel tests four lanes at once and redoes the group element by element if any is
    // undecided; here the group is the block. A branch-free loop is what V8 compiles well: with
    // the store behind the test, this loop took 1.5 times as long.
    let undecided = false;
    for (let j = 0; j < len; j++) {
      const y = geometricPower(k0 + j, anchor, j, d, rd, c);
      const lo = Math.fround(y * (1.0 - EPS_GEO));
      const hi = Math.fround(y * (1.0 + EPS_GEO));
      out[b + j] = a * lo;
      undecided = undecided || lo !== hi;
    }
    if (undecided) for (let j = 0; j < len; j++) count = geometricPut(geometricPower(k0 + j, anchor, j, d, rd, c), out, hard, count, b + j, a);
  }
  return count;
}

const T_HI = new Float64Array(256);
const T_LO = new Float64Array(256);
const T_HI_HIGH = new Float64Array(256);
const T_HI_LOW = new Float64Array(256);
const EPS_GEO64 = 2.0679515313825692e-25; // 2^-82
const T64_GEOMETRIC = 1000.0;
const T64_GEOMETRIC_LOW = -960.0;

function geometric64(
  start: number, out: Float64Array, hard: Int32Array, n: number,
  a: number, d: number, l1: number, l2: number, m1: number, m2: number, c: number,
): number {
  for (let j = 0; j < BLOCK; j++) {
    const hi = exp2dd(j, m1, m2);
    T_HI[j] = hi;
    T_LO[j] = lowPart();
    const high = splitHigh(hi);
    T_HI_HIGH[j] = high;
    T_HI_LOW[j] = hi - high;
  }
  const dh = splitHigh(d);
  const dl = d - dh;
  let count = 0;
  for (let b = 0; b < n; b += BLOCK) {
    const len = Math.min(BLOCK, n - b);
    const k0 = start + b;
    const t0 = m1 * k0;
    const t1 = m1 * (k0 + (len - 1));
    const tmin = Math.min(t0, t1);
    const tmax = Math.max(t0, t1);
    if (tmax < -1080.0) {
      out.fill(a * 0.0, b, b + len);
      continue;
    }
    if (tmin > 1030.0) {
      out.fill(a * Infinity, b, b + len);
      continue;
    }
    if (tmin < T64_GEOMETRIC_LOW || tmax > T64_GEOMETRIC) {
      const hardCount = run(null, k0, out.subarray(b, b + len), hard.subarray(count), len, a, d, l1, l2, false, true);
      for (let h = 0; h < hardCount; h++) hard[count + h]! += b;
      count += hardCount;
      continue;
    }
    const ah = exp2dd(k0, m1, m2);
    const al = lowPart();
    const ahh = splitHigh(ah);
    const ahl = ah - ahh;
    for (let j = 0; j < len; j++) {
      const s = k0 + j;
      const p = s / d;
      const pd = p * d;
      const ph = splitHigh(p);
      const ce = c * ((pd - s) + twoProductErrorSplit(ph, p - ph, dh, dl, pd));
      const th = T_HI[j]!;
      const gh = ah * th;
      const gl = twoProductErrorSplit(ahh, ahl, T_HI_HIGH[j]!, T_HI_LOW[j]!, gh) + (ah * T_LO[j]! + al * th);
      const yl = gl + gh * ce;
      const eps = EPS_GEO64 * gh;
      const lo = gh + (yl - eps);
      const hi = gh + (yl + eps);
      if (lo === hi) out[b + j] = a * lo;
      else {
        const v = pow64(p, l1, l2);
        if (wasUndecided()) hard[count++] = b + j;
        else out[b + j] = a * v;
      }
    }
  }
  return count;
}

export function exponentialDecay32(
  params: Float64Array, steps: Float64Array | null, start: number, out: Float32Array, hard: Int32Array, n: number,
): number {
  const a = params[A]!;
  const d = params[D]!;
  const l1 = params[L1]!;
  const l2 = params[L2]!;
  const staircase = params[STAIRCASE] !== 0;
  const m1 = params[M1]!;
  if (steps === null && staircase) return stairs(start, out, hard, n, a, d, l1, l2, false);
  if (steps === null && geometricApplies(start, n, d, m1))
    return geometric32(start, out, hard, n, a, d, l1, l2, m1, params[M2]!, params[C]!);
  return run(steps, start, out, hard, n, a, d, l1, l2, staircase, false);
}

export function exponentialDecay64(
  params: Float64Array, steps: Float64Array | null, start: number, out: Float64Array, hard: Int32Array, n: number,
): number {
  const a = params[A]!;
  const d = params[D]!;
  const l1 = params[L1]!;
  const l2 = params[L2]!;
  const staircase = params[STAIRCASE] !== 0;
  const m1 = params[M1]!;
  if (steps === null && staircase) return stairs(start, out, hard, n, a, d, l1, l2, true);
  if (steps === null && Math.abs(m1) * BLOCK <= MAX_SPAN && Math.max(Math.abs(start), Math.abs(start + n)) / d < Infinity)
    return geometric64(start, out, hard, n, a, d, l1, l2, m1, params[M2]!, params[C]!);
  return run(steps, start, out, hard, n, a, d, l1, l2, staircase, true);
}
