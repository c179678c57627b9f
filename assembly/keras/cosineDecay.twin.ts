// JS twin of cosineDecay.ts: the same pipeline with the same operations in the same order, on
// JavaScript numbers, Math.fround where the kernel demotes to f32 (a Float32Array store rounds
// too). The kernel's SIMD loops compute the same bits four (float32) or two (float64) at a time;
// here element by element, ranges run by run of one cosine anchor as the kernel's do (float64 as
// its scalar build's run64). Read cosineDecay.ts for the formula, the parameter slots and the runs.

import { anchor64Of, anchorOf, ANCHOR_HALF_PI, cos32, cos64, cosRun32, cosRun64, NEAR, NEAR64, runAnchor, runAnchor64 } from "../numerics/cos.twin.js";
import { wasUndecided } from "../numerics/undecided.twin.js";
import { A, D, HALF, ALPHA, PI, WARMUP, W, WS, END, DELTA } from "./cosineDecay.params.js";

// float32 and float64 are two loops rather than one with a rounding function passed in, and
// Math.fround is called by its name: V8 inlines it then, and not through an alias (measured: the
// loop took twice as long with `const fr = Math.fround`).

/** The cosine's argument t at range index k, as the kernel's tAt (0 while warming). */
function tAt(p: Float64Array, start: number, k: number, warmup: boolean): number {
  const s = Math.fround(start + k);
  const d = p[D]!, pi = p[PI]!, end = p[END]!, ws = p[WS]!;
  if (warmup) {
    const sw = Math.min(s, end);
    return sw < ws ? 0 : Math.fround(pi * Math.fround(Math.fround(sw - ws) / d));
  }
  return Math.fround(pi * Math.fround(Math.min(s, d) / d));
}

/** The float64 argument t at range index k, as the kernel's tAt64 (0 while warming). */
function tAt64(p: Float64Array, start: number, k: number, warmup: boolean): number {
  const s = start + k;
  const d = p[D]!, pi = p[PI]!, end = p[END]!, ws = p[WS]!;
  if (warmup) {
    const sw = Math.min(s, end);
    return sw < ws ? 0 : pi * ((sw - ws) / d);
  }
  return pi * (Math.min(s, d) / d);
}

function inRun(p: Float64Array, start: number, k: number, warmup: boolean, j: number, wide: boolean): boolean {
  if (wide) {
    const t = tAt64(p, start, k, warmup);
    return t < NEAR64 && anchor64Of(t) === j;
  }
  const t = tAt(p, start, k, warmup);
  return t < NEAR && anchorOf(t) === j;
}

/** The end of the run from index i (whose t >= 0 has anchor j), as the kernel's runEnd. */
function runEnd(p: Float64Array, start: number, i: number, n: number, warmup: boolean, j: number, wide: boolean): number {
  let lo = i;
  let hi = i + 1;
  let stride = 1;
  while (hi < n && inRun(p, start, hi, warmup, j, wide)) {
    lo = hi;
    stride *= 2;
    hi = Math.min(n, lo + stride);
  }
  while (hi - lo > 1) {
    const mid = lo + ((hi - lo) >> 1);
    if (inRun(p, start, mid, warmup, j, wide)) lo = mid;
    else hi = mid;
  }
  return hi;
}

const anchor = new Float64Array(5);

/**
 * Range indices [i, end), anchor j's run, past any warm-up, as the kernel's runOf: returns where
 * it stopped, at end or at an index whose cosine the quick step left undecided (the caller takes
 * that one through the general body).
 */
function runOf(p: Float64Array, start: number, out: Float32Array, i: number, end: number, j: number, warmup: boolean): number {
  // Every slot is read whatever the kind: V8 deoptimizes at a load it has not seen run.
  const a0 = p[A]!, d = p[D]!, pi = p[PI]!, half = p[HALF]!, alpha = p[ALPHA]!, w = p[W]!, ws = p[WS]!, end0 = p[END]!;
  const from = warmup ? w : a0;
  const cap = warmup ? end0 : d;
  // A range's steps are integers: within 2^24 of 0 they are float32s already (the kernel converts
  // them from i32 there).
  const exact = Math.abs(start) + end <= 16777216;
  runAnchor(j, anchor);
  const a = anchor[0]!, cA = anchor[1]!, sA = anchor[2]!, hA = anchor[3]!, s6A = anchor[4]!;
  if (warmup) {
    for (; i < end; i++) {
      const s = Math.min(exact ? start + i : Math.fround(start + i), cap);
      const c = cosRun32(Math.fround(pi * Math.fround(Math.fround(s - ws) / d)), a, cA, sA, hA, s6A);
      if (c !== c) return i;
      out[i] = from * Math.fround(Math.fround(half * Math.fround(1.0 + c)) + alpha);
    }
  } else {
    for (; i < end; i++) {
      const s = Math.min(exact ? start + i : Math.fround(start + i), cap);
      const c = cosRun32(Math.fround(pi * Math.fround(s / d)), a, cA, sA, hA, s6A);
      if (c !== c) return i;
      out[i] = from * Math.fround(Math.fround(half * Math.fround(1.0 + c)) + alpha);
    }
  }
  return end;
}

export function cosineDecay32(
  params: Float64Array, steps: Float64Array | null, start: number, out: Float32Array, hard: Int32Array, n: number,
): number {
  const a = params[A]!, d = params[D]!, half = params[HALF]!, alpha = params[ALPHA]!, pi = params[PI]!;
  const warmup = params[WARMUP] !== 0;
  const w = params[W]!, ws = params[WS]!, end = params[END]!, delta = params[DELTA]!;
  let count = 0;
  // Ranges: the current anchor's run, [.., run) with anchor runJ (none yet: run = 0); a warm-up's
  // anchor 0 may hold warming steps too, and takes the general body below.
  let run = 0;
  let runJ = 0;
  for (let i = 0; i < n; i++) {
    if (steps === null) {
      if (i >= run) {
        const t0 = tAt(params, start, i, warmup);
        if (t0 >= 0 && t0 < NEAR) {
          runJ = anchorOf(t0);
          run = runEnd(params, start, i, n, warmup, runJ, false);
        }
      }
      if (i < run && (!warmup || runJ !== 0)) {
        i = runOf(params, start, out, i, run, runJ, warmup);
        if (i === run) {
          i--;
          continue;
        }
      }
    }
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

const anchor64 = new Float64Array(12);

/**
 * Range indices [i, end), anchor j's run (j != ANCHOR_HALF_PI; past any warm-up), as the kernel's
 * run64 takes them with cosRun64: returns where it stopped, at end or at an index whose cosine the
 * run step left undecided (the caller takes that one through the general body).
 */
function runOf64(p: Float64Array, start: number, out: Float64Array, i: number, end: number, j: number, warmup: boolean): number {
  const a0 = p[A]!, d = p[D]!, pi = p[PI]!, half = p[HALF]!, alpha = p[ALPHA]!, w = p[W]!, ws = p[WS]!, end0 = p[END]!;
  runAnchor64(j, anchor64);
  const b = anchor64[0]!, ph = anchor64[1]!, pl = anchor64[2]!, qh1 = anchor64[3]!, qr = anchor64[4]!;
  const h2 = anchor64[5]!, g3 = anchor64[6]!, h4 = anchor64[7]!, g5 = anchor64[8]!, h6 = anchor64[9]!, g7 = anchor64[10]!, err = anchor64[11]!;
  if (warmup) {
    for (; i < end; i++) {
      const sw = Math.min(start + i, end0);
      const c = cosRun64(pi * ((sw - ws) / d), b, ph, pl, qh1, qr, h2, g3, h4, g5, h6, g7, err);
      if (c !== c) return i;
      out[i] = w * ((half * (1.0 + c)) + alpha);
    }
  } else {
    for (; i < end; i++) {
      const c = cosRun64(pi * (Math.min(start + i, d) / d), b, ph, pl, qh1, qr, h2, g3, h4, g5, h6, g7, err);
      if (c !== c) return i;
      out[i] = a0 * ((half * (1.0 + c)) + alpha);
    }
  }
  return end;
}

export function cosineDecay64(
  params: Float64Array, steps: Float64Array | null, start: number, out: Float64Array, hard: Int32Array, n: number,
): number {
  const a = params[A]!, d = params[D]!, half = params[HALF]!, alpha = params[ALPHA]!, pi = params[PI]!;
  const warmup = params[WARMUP] !== 0;
  const w = params[W]!, ws = params[WS]!, end = params[END]!, delta = params[DELTA]!;
  let count = 0;
  // Ranges: the current anchor's run, [.., run) with anchor runJ (none yet: run = 0).
  let run = 0;
  let runJ = 0;
  // Other steps: the anchor of the step before, and the one whose run constants are held (as the
  // kernel's pairs): two steps in a row at one anchor (sorted steps) take the run step.
  let prevJ = -1;
  let heldJ = -1;
  let b = 0, ph = 0, pl = 0, qh1 = 0, qr = 0, h2 = 0, g3 = 0, h4 = 0, g5 = 0, h6 = 0, g7 = 0, err = 0;
  for (let i = 0; i < n; i++) {
    if (steps === null) {
      if (i >= run) {
        const t0 = tAt64(params, start, i, warmup);
        if (t0 >= 0 && t0 < NEAR64) {
          runJ = anchor64Of(t0);
          run = runEnd(params, start, i, n, warmup, runJ, true);
        }
      }
      // A warm-up's anchor 0 may hold warming steps too, and takes the general body below.
      if (i < run && runJ !== ANCHOR_HALF_PI && (!warmup || runJ !== 0)) {
        const stop = runOf64(params, start, out, i, run, runJ, warmup);
        if (stop === run) {
          i = run - 1;
          continue;
        }
        i = stop;
      }
    }
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
    const t = pi * (x / d);
    let c = NaN;
    if (t >= 0 && t < NEAR64) {
      const j = anchor64Of(t);
      if (j === prevJ && j !== ANCHOR_HALF_PI) {
        if (j !== heldJ) {
          runAnchor64(j, anchor64);
          heldJ = j;
          b = anchor64[0]!; ph = anchor64[1]!; pl = anchor64[2]!; qh1 = anchor64[3]!; qr = anchor64[4]!;
          h2 = anchor64[5]!; g3 = anchor64[6]!; h4 = anchor64[7]!; g5 = anchor64[8]!; h6 = anchor64[9]!; g7 = anchor64[10]!; err = anchor64[11]!;
        }
        c = cosRun64(t, b, ph, pl, qh1, qr, h2, g3, h4, g5, h6, g7, err);
      }
      prevJ = j;
    }
    if (c !== c) {
      c = cos64(t);
      if (wasUndecided()) {
        hard[count++] = i;
        continue;
      }
    }
    out[i] = from * ((half * (1.0 + c)) + alpha);
  }
  return count;
}
