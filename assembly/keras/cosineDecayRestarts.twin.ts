// JS twin of cosineDecayRestarts.ts: the same functions with the same operations in the same
// order, on JavaScript numbers, Math.fround where the kernel demotes to f32. Steps in the restart
// table's reach take their index and constants from it; ranges go block by block as in the kernel
// (a block whose two ends share a restart index computes only the cosine per element, in float64
// at a held anchor as the kernel's scalar build); the kernel's SIMD loops are here the scalar ones.
// Read the kernel for the formula, the parameter slots, the table and why the blocks are sound.

import { anchor64Of, ANCHOR_HALF_PI, cos32, cos64, cosRun64, NEAR64, runAnchor64 } from "../numerics/cos.twin.js";
import { pow32, pow64 } from "../numerics/exp2.twin.js";
import { log32, log64 } from "../numerics/log.twin.js";
import { wasUndecided } from "../numerics/undecided.twin.js";
import { A, FD, GEOMETRIC, OMT, LOG_T, T1, T2, M1, M2, ALPHA, OMA, PI, TABLE, TABLE_LIMIT, SLOTS } from "./cosineDecayRestarts.params.js";
import { TABLE_STRIDE, T_END, T_SUM, T_PERIOD, T_HALF_M } from "./cosineDecayRestarts.table.js";

const BLOCK = 256;

// float32 and float64 are two sets of functions rather than one with the dtype a parameter or a
// rounding function passed in: V8 gives each its own type feedback then.

let sumR = 0;
let period = 1;
let halfM = 0;

/** Whether the restart table holds cf's index (the kernel's inTable). */
function inTable(cf: number, p: Float64Array): boolean {
  return cf >= 0 && cf < p[TABLE_LIMIT]!;
}

/** The kernel's tableIndex: how many table entries end at or below cf. */
function tableIndex(cf: number, p: Float64Array): number {
  let base = 0;
  let n = p[TABLE]!;
  while (n > 1) {
    const half = n >> 1;
    if (p[SLOTS + TABLE_STRIDE * (base + half - 1) + T_END]! <= cf) base += half;
    n -= half;
  }
  return p[SLOTS + TABLE_STRIDE * base + T_END]! <= cf ? base + 1 : base;
}

/** The kernel's fromTable: sumR, period and halfM from entry k. */
function fromTable(k: number, p: Float64Array): void {
  const e = SLOTS + TABLE_STRIDE * k;
  sumR = p[e + T_SUM]!;
  period = p[e + T_PERIOD]!;
  halfM = p[e + T_HALF_M]!;
}

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

/** The kernel's indexOf: cf's restart index with its constants set, NaN if NaN or undecided. */
function indexOf32(cf: number, p: Float64Array): number {
  if (inTable(cf, p)) {
    const k = tableIndex(cf, p);
    fromTable(k, p);
    return k;
  }
  const i = restart32(cf, p);
  if (wasUndecided() || i !== i) return NaN;
  constantsOf32(i, p);
  return wasUndecided() ? NaN : i;
}

export function cosineDecayRestarts32(p: Float64Array, steps: Float64Array | null, start: number, out: Float32Array, hard: Int32Array, n: number): number {
  let count = 0;
  if (steps !== null) {
    for (let i = 0; i < n; i++) {
      const step = steps[i]!;
      if (step - step !== 0) return -1 - i;
      const cf = fraction32(step, p);
      let v: number;
      if (inTable(cf, p)) {
        fromTable(tableIndex(cf, p), p);
        v = decayed32(cf, p);
      } else {
        v = one32(step, p);
      }
      if (wasUndecided()) hard[count++] = i;
      else out[i] = v;
    }
    return count;
  }
  for (let b = 0; b < n; b += BLOCK) {
    const end = Math.min(n, b + BLOCK);
    // The last step's index first: the first's constants are the ones the block keeps.
    const i1 = indexOf32(fraction32(start + (end - 1), p), p);
    const i0 = indexOf32(fraction32(start + b, p), p);
    const shared = i0 === i1;
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

function indexOf64(cf: number, p: Float64Array): number {
  if (inTable(cf, p)) {
    const k = tableIndex(cf, p);
    fromTable(k, p);
    return k;
  }
  const i = restart64(cf, p);
  if (wasUndecided() || i !== i) return NaN;
  constantsOf64(i, p);
  return wasUndecided() ? NaN : i;
}

const anchor = new Float64Array(12);

/**
 * Range indices [b, end) of a block that shares one restart index (its constants set), as the
 * kernel's scalar build takes them: the run step at a held anchor (runAnchor64's constants in
 * locals), decayed64 where it cannot (the anchor at pi/2, t outside the near path, an undecided
 * run step). Returns the new count of undecided elements.
 */
function block64(p: Float64Array, start: number, out: Float64Array, hard: Int32Array, count: number, b: number, end: number): number {
  const fd = p[FD]!, pi = p[PI]!, a = p[A]!, oma = p[OMA]!, alpha = p[ALPHA]!;
  const sum = sumR, per = period, half = halfM;
  let held = -1;
  let bj = 0, ph = 0, winLo = 0, qh1 = 0, qr = 0, h2 = 0, g3 = 0, h4 = 0, g5 = 0, h6 = 0, g7 = 0, winHi = 0;
  for (let j = b; j < end; j++) {
    const cf = (start + j) / fd;
    const t = pi * ((cf - sum) / per);
    let v = NaN;
    if (t >= 0 && t < NEAR64) {
      const k = anchor64Of(t);
      if (k !== ANCHOR_HALF_PI) {
        if (k !== held) {
          runAnchor64(k, anchor);
          held = k;
          bj = anchor[0]!; ph = anchor[1]!; winLo = anchor[2]!; qh1 = anchor[3]!; qr = anchor[4]!;
          h2 = anchor[5]!; g3 = anchor[6]!; h4 = anchor[7]!; g5 = anchor[8]!; h6 = anchor[9]!; g7 = anchor[10]!; winHi = anchor[11]!;
        }
        const c = cosRun64(t, bj, ph, winLo, qh1, qr, h2, g3, h4, g5, h6, g7, winHi);
        v = a * (oma * (half * (1.0 + c)) + alpha);
      }
    }
    if (v !== v) {
      v = decayed64(cf, p);
      if (wasUndecided()) {
        hard[count++] = j;
        continue;
      }
    }
    out[j] = v;
  }
  return count;
}

export function cosineDecayRestarts64(p: Float64Array, steps: Float64Array | null, start: number, out: Float64Array, hard: Int32Array, n: number): number {
  let count = 0;
  if (steps !== null) {
    for (let i = 0; i < n; i++) {
      const step = steps[i]!;
      if (step - step !== 0) return -1 - i;
      const cf = fraction64(step, p);
      let v: number;
      if (inTable(cf, p)) {
        fromTable(tableIndex(cf, p), p);
        v = decayed64(cf, p);
      } else {
        v = one64(step, p);
      }
      if (wasUndecided()) hard[count++] = i;
      else out[i] = v;
    }
    return count;
  }
  for (let b = 0; b < n; b += BLOCK) {
    const end = Math.min(n, b + BLOCK);
    const i1 = indexOf64(fraction64(start + (end - 1), p), p);
    const i0 = indexOf64(fraction64(start + b, p), p);
    if (i0 === i1) {
      count = block64(p, start, out, hard, count, b, end);
      continue;
    }
    for (let j = b; j < end; j++) {
      const v = one64(start + j, p);
      if (wasUndecided()) hard[count++] = j;
      else out[j] = v;
    }
  }
  return count;
}
