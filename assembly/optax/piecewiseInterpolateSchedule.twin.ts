// JS twin of piecewiseInterpolateSchedule.ts: optax's piecewise_interpolate_schedule with the same
// operations in the same order, on JavaScript numbers (Math.fround where the kernel rounds to
// float32; `| 0` is int32's wrap-around). Read piecewiseInterpolateSchedule.ts for the pipeline and
// the dot product.

import { cos32, cos64 } from "../numerics/cos.twin.js";
import { wasUndecided } from "../numerics/undecided.twin.js";
import { isCount32, isCount64 } from "./shared/count.twin.js";
import { N, COSINE, TAME, PI, VLAST, SLOTS } from "./piecewiseInterpolateSchedule.params.js";
import { SIZE, K, START, END, STRIDE } from "./shared/interval.js";

/** The interval holding count c, or -1. */
function selected(p: Float64Array, n: number, c: number): number {
  for (let i = n - 1; i >= 0; i--) if (p[SLOTS + i]! <= c) return c < p[SLOTS + i + 1]! ? i : -1;
  return -1;
}

type Cos = (x: number) => number;

function interp32(p: Float64Array, n: number, i: number, c: number, cosine: boolean, cos: Cos): number {
  const at = SLOTS + n + 1 + i * STRIDE;
  const pct = Math.fround(Math.fround((c - p[SLOTS + i]!) | 0) / p[at + SIZE]!);
  const k = p[at + K]!;
  if (!cosine) return Math.fround(Math.fround(k * pct) + p[at + START]!);
  const co = cos(Math.fround(p[PI]! * pct));
  return Math.fround(p[at + END]! + Math.fround(k * Math.fround(co + 1)));
}

function interp64(p: Float64Array, n: number, i: number, c: number, cosine: boolean, cos: Cos): number {
  const at = SLOTS + n + 1 + i * STRIDE;
  const pct = (c - p[SLOTS + i]!) / p[at + SIZE]!;
  const k = p[at + K]!;
  if (!cosine) return k * pct + p[at + START]!;
  return p[at + END]! + k * (cos(p[PI]! * pct) + 1);
}

/**
 * The float32 value at int32 count c, or undecided(); `cos` is the cosine (the facade's exact value
 * passes a correctly rounded one that always decides).
 */
export function one32(p: Float64Array, c: number, cos: Cos = cos32): number {
  const n = p[N]!;
  const cosine = p[COSINE] !== 0;
  let dot = 0;
  if (p[TAME] !== 0) {
    const i = selected(p, n, c);
    if (i >= 0) dot = interp32(p, n, i, c, cosine, cos) + 0;
  } else {
    for (let i = 0; i < n; i++) {
      const on = p[SLOTS + i]! <= c && c < p[SLOTS + i + 1]! ? 1 : 0;
      dot = Math.fround(dot + Math.fround(on * interp32(p, n, i, c, cosine, cos)));
    }
  }
  const vlast = p[VLAST]!;
  const last = p[SLOTS + n]! <= c ? vlast : Math.fround(0 * vlast);
  return Math.fround(dot + last);
}

/** The float64 value at count c, or undecided(); `cos` as one32's. */
export function one64(p: Float64Array, c: number, cos: Cos = cos64): number {
  const n = p[N]!;
  const cosine = p[COSINE] !== 0;
  let dot = 0;
  if (p[TAME] !== 0) {
    const i = selected(p, n, c);
    if (i >= 0) dot = interp64(p, n, i, c, cosine, cos) + 0;
  } else {
    for (let i = 0; i < n; i++) {
      const on = p[SLOTS + i]! <= c && c < p[SLOTS + i + 1]! ? 1 : 0;
      dot = dot + on * interp64(p, n, i, c, cosine, cos);
    }
  }
  const vlast = p[VLAST]!;
  return dot + (p[SLOTS + n]! <= c ? vlast : 0 * vlast);
}

// A TAME schedule's range goes run by run of one selected interval, as the kernel's ranges32 and
// ranges64 (without their lanes): the interval found once a run, not once a count, the parameters
// read once. Every value is one32's or one64's operations in their order: interp + 0, then + last.

/** The run of range index i (count start + i): where it ends (at the first bound above the count, or n) and its interval, or -1. */
function runAt(p: Float64Array, nI: number, start: number, i: number, n: number): [number, number] {
  const c = start + i;
  let m = Infinity;
  for (let j = 0; j <= nI; j++) {
    const b = p[SLOTS + j]!;
    if (b > c && b < m) m = b;
  }
  return [Math.min(n, m - start), selected(p, nI, c)];
}

function ranges32(p: Float64Array, start: number, out: Float32Array, hard: Int32Array, n: number): number {
  const nI = p[N]!;
  const cosine = p[COSINE] !== 0;
  const vlast = p[VLAST]!;
  const pi = p[PI]!;
  const first = start | 0;
  let count = 0;
  for (let i = 0; i < n; ) {
    const c = start + i;
    const [end, k] = runAt(p, nI, start, i, n);
    const last = p[SLOTS + nI]! <= c ? vlast : Math.fround(0 * vlast);
    if (k < 0) {
      out.fill(0 + last, i, end);
      i = end;
      continue;
    }
    const at = SLOTS + nI + 1 + k * STRIDE;
    const b = p[SLOTS + k]!, size = p[at + SIZE]!, kk = p[at + K]!;
    if (!cosine) {
      const s0 = p[at + START]!;
      for (; i < end; i++) {
        const pct = Math.fround(Math.fround((first + i - b) | 0) / size);
        out[i] = Math.fround(Math.fround(Math.fround(kk * pct) + s0) + 0) + last;
      }
    } else {
      const e = p[at + END]!;
      for (; i < end; i++) {
        const co = cos32(Math.fround(pi * Math.fround(Math.fround((first + i - b) | 0) / size)));
        if (wasUndecided()) hard[count++] = i;
        else out[i] = Math.fround(Math.fround(e + Math.fround(kk * Math.fround(co + 1))) + 0) + last;
      }
    }
  }
  return count;
}

function ranges64(p: Float64Array, start: number, out: Float64Array, hard: Int32Array, n: number): number {
  const nI = p[N]!;
  const cosine = p[COSINE] !== 0;
  const vlast = p[VLAST]!;
  const pi = p[PI]!;
  let count = 0;
  for (let i = 0; i < n; ) {
    const c = start + i;
    const [end, k] = runAt(p, nI, start, i, n);
    const last = p[SLOTS + nI]! <= c ? vlast : 0 * vlast;
    if (k < 0) {
      out.fill(0 + last, i, end);
      i = end;
      continue;
    }
    const at = SLOTS + nI + 1 + k * STRIDE;
    const b = p[SLOTS + k]!, size = p[at + SIZE]!, kk = p[at + K]!;
    if (!cosine) {
      const s0 = p[at + START]!;
      for (; i < end; i++) out[i] = ((kk * ((start + i - b) / size) + s0) + 0) + last;
    } else {
      const e = p[at + END]!;
      for (; i < end; i++) {
        const co = cos64(pi * ((start + i - b) / size));
        if (wasUndecided()) hard[count++] = i;
        else out[i] = ((e + kk * (co + 1)) + 0) + last;
      }
    }
  }
  return count;
}

export function piecewiseInterpolateSchedule32(
  params: Float64Array, steps: Float64Array | null, start: number, out: Float32Array, hard: Int32Array, n: number,
): number {
  if (steps === null && params[TAME] !== 0) return ranges32(params, start, out, hard, n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const step = steps !== null ? steps[i]! : start + i;
    if (!isCount32(step)) return -1 - i;
    const v = one32(params, step + 0);
    if (wasUndecided()) hard[count++] = i;
    else out[i] = v;
  }
  return count;
}

/** A TAME float64 array, as the kernel's arrays64: each count's interval by counting the bounds at or below it, one64's operations. */
function arrays64(p: Float64Array, steps: Float64Array, out: Float64Array, hard: Int32Array, n: number): number {
  const nI = p[N]!;
  const cosine = p[COSINE] !== 0;
  const vlast = p[VLAST]!;
  const zeroLast = 0 * vlast;
  const bN = p[SLOTS + nI]!;
  const pi = p[PI]!;
  const first = SLOTS + nI + 1;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const step = steps[i]!;
    if (!isCount64(step)) return -1 - i;
    const c = step + 0;
    const last = bN <= c ? vlast : zeroLast;
    if (nI === 0) {
      out[i] = 0 + last;
      continue;
    }
    let k = 0;
    for (let j = 1; j < nI; j++) if (p[SLOTS + j]! <= c) k++;
    const b = p[SLOTS + k]!;
    const at = first + k * STRIDE;
    const inside = b <= c && c < p[SLOTS + k + 1]!;
    if (!inside) {
      out[i] = 0 + last;
      continue;
    }
    const pct = (c - b) / p[at + SIZE]!;
    const kk = p[at + K]!;
    if (!cosine) {
      out[i] = ((kk * pct + p[at + START]!) + 0) + last;
      continue;
    }
    const co = cos64(pi * pct);
    if (wasUndecided()) hard[count++] = i;
    else out[i] = ((p[at + END]! + kk * (co + 1)) + 0) + last;
  }
  return count;
}

export function piecewiseInterpolateSchedule64(
  params: Float64Array, steps: Float64Array | null, start: number, out: Float64Array, hard: Int32Array, n: number,
): number {
  if (steps !== null && params[TAME] !== 0) return arrays64(params, steps, out, hard, n);
  if (steps === null && params[TAME] !== 0 && n > 0 && isCount64(start) && isCount64(start + (n - 1))) return ranges64(params, start, out, hard, n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const step = steps !== null ? steps[i]! : start + i;
    if (!isCount64(step)) return -1 - i;
    const v = one64(params, step + 0);
    if (wasUndecided()) hard[count++] = i;
    else out[i] = v;
  }
  return count;
}
