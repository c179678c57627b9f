// JS twin of cosineDecaySchedule.ts: optax's cosine_decay_schedule with the same operations in the
// same order, on JavaScript numbers (Math.fround where the kernel rounds to float32), element by
// element (cos32 keeps the last anchor's constants, and a range's arguments share one for thousands
// of counts). Read cosineDecaySchedule.ts for the pipeline.

import { anchor64Of, anchorOf, ANCHOR_HALF_PI, cos32, cos64, cosRun32, cosRun64, NEAR, NEAR64, runAnchor, runAnchor64 } from "../numerics/cos.twin.js";
import { powv32, powv64 } from "../numerics/pow.twin.js";
import { undecided, wasUndecided } from "../numerics/undecided.twin.js";
import { isCount32, isCount64 } from "./shared/count.twin.js";
import { power32, power64 } from "./shared/power.twin.js";
import { INIT, DF, PI, A, ALPHA, EXPONENT, MODE } from "./cosineDecaySchedule.params.js";
import { W, WIE, WE, WTF } from "./warmupCosineDecaySchedule.params.js";
import { CYCLE, CYCLES, HEAD, START } from "./sgdrSchedule.params.js";
import { ipow32, ipow64 } from "./shared/ipow.twin.js";

const anchor64 = new Float64Array(12);

/** A function of one argument and one of two (the cosine, the power). */
type F1 = (x: number) => number;
type F2 = (x: number, y: number) => number;

/**
 * The float32 value at int32 count c, or undecided(); `cos` and `pow` are the functions (the
 * facade's exact value passes correctly rounded ones that always decide).
 */
export function one32(c: number, p: Float64Array, cos: F1 = cos32, pow: F2 = powv32): number {
  const d = p[DF]!;
  const x = Math.min(Math.fround(c), d);
  const cd = Math.fround(0.5 * Math.fround(1 + cos(Math.fround(Math.fround(p[PI]! * x) / d))));
  if (wasUndecided()) return undecided();
  const q = power32(cd, p[EXPONENT]!, p[MODE]!, pow);
  return Math.fround(p[INIT]! * Math.fround(Math.fround(p[A]! * q) + p[ALPHA]!));
}

/** The float64 value at count c, or undecided(); `cos` and `pow` as one32's. */
export function one64(c: number, p: Float64Array, cos: F1 = cos64, pow: F2 = powv64): number {
  const d = p[DF]!;
  const x = Math.min(c, d);
  const cd = 0.5 * (1 + cos((p[PI]! * x) / d));
  if (wasUndecided()) return undecided();
  const q = power64(cd, p[EXPONENT]!, p[MODE]!, pow);
  return p[INIT]! * (p[A]! * q + p[ALPHA]!);
}

// A float32 range goes run by run of one cosine anchor in the same way (u = R(R(PI x) / DF) never
// decreases with the count either), with cosRun32's quick step on anchor j's constants; what it
// cannot decide, and counts outside the runs, take one32.

/**
 * The end of a run from range index i, where inRun(k) says whether index k is in it (true at i, and
 * for the indices after i up to the run's end): the first index after it, or n (gallop, then bisect),
 * as the kernels' runEnd and runEnd64.
 */
function runEnd(i: number, n: number, inRun: (k: number) => boolean): number {
  let lo = i;
  let hi = i + 1;
  let stride = 1;
  while (hi < n && inRun(hi)) {
    lo = hi;
    stride *= 2;
    hi = Math.min(n, lo + stride);
  }
  while (hi - lo > 1) {
    const mid = lo + ((hi - lo) >> 1);
    if (inRun(mid)) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** The cosine's float32 argument at range index k. */
function uAt32(d: number, pi: number, start: number, k: number): number {
  return Math.fround(Math.fround(pi * Math.min(Math.fround(start + k), d)) / d);
}

function inRun32(d: number, pi: number, start: number, k: number, j: number): boolean {
  const u = uAt32(d, pi, start, k);
  return u >= 0 && u < NEAR && anchorOf(u) === j;
}

const anchor32 = new Float64Array(5);

/** Range indices [i, end) at anchor j: where it stopped, at end or at an index the quick step or the power left undecided. */
function runOf32(params: Float64Array, start: number, out: Float32Array, i: number, end: number, j: number): number {
  const d = params[DF]!, pi = params[PI]!, init = params[INIT]!, a = params[A]!, alpha = params[ALPHA]!;
  const y = params[EXPONENT]!, mode = params[MODE]!;
  runAnchor(j, anchor32);
  const b = anchor32[0]!, cA = anchor32[1]!, sA = anchor32[2]!, hA = anchor32[3]!, s6A = anchor32[4]!;
  for (; i < end; i++) {
    const c = cosRun32(Math.fround(Math.fround(pi * Math.min(Math.fround(start + i), d)) / d), b, cA, sA, hA, s6A);
    if (c !== c) return i;
    const q = power32(Math.fround(0.5 * Math.fround(1 + c)), y, mode);
    if (wasUndecided()) return i;
    out[i] = init * Math.fround(Math.fround(a * q) + alpha);
  }
  return end;
}

export function cosineDecaySchedule32(
  params: Float64Array, steps: Float64Array | null, start: number, out: Float32Array, hard: Int32Array, n: number,
): number {
  const d = params[DF]!, pi = params[PI]!;
  let count = 0;
  // A range's current run: [.., run) at anchor runJ (none yet: run = 0).
  let run = 0;
  let runJ = 0;
  for (let i = 0; i < n; i++) {
    if (steps === null) {
      if (i >= run) {
        const u0 = uAt32(d, pi, start, i);
        if (u0 >= 0 && u0 < NEAR) {
          runJ = anchorOf(u0);
          run = runEnd(i, n, (k) => inRun32(d, pi, start, k, runJ));
        }
      }
      if (i < run) {
        const stop = runOf32(params, start, out, i, run, runJ);
        if (stop === run) {
          i = run - 1;
          continue;
        }
        i = stop;
      }
    }
    const step = steps !== null ? steps[i]! : start + i;
    if (!isCount32(step)) return -1 - i;
    const v = one32(step + 0, params);
    if (wasUndecided()) hard[count++] = i;
    else out[i] = v;
  }
  return count;
}

// A checked float64 range goes run by run of one cosine anchor, as the kernel's run64x2 without its
// lanes: u never decreases with the count, so the counts whose u has anchor j form a run, found by
// galloping and bisection; a run takes the anchor's constants once and the run step (cosRun64) on
// each count. Other counts, and one the run step or the power leaves undecided, take cos64.

/** The cosine's argument at range index k: (PI * min(c, D)) / D. */
function uAt(d: number, pi: number, start: number, k: number): number {
  return (pi * Math.min(start + k, d)) / d;
}

function inRun64(d: number, pi: number, start: number, k: number, j: number): boolean {
  const u = uAt(d, pi, start, k);
  return u >= 0 && u < NEAR64 && anchor64Of(u) === j;
}

/** Range indices [i, end) at anchor j: returns where it stopped, at end or at an index the run step or the power left undecided. */
function runOf64(params: Float64Array, start: number, out: Float64Array, i: number, end: number, j: number): number {
  const d = params[DF]!, pi = params[PI]!, init = params[INIT]!, a = params[A]!, alpha = params[ALPHA]!;
  const y = params[EXPONENT]!, mode = params[MODE]!;
  runAnchor64(j, anchor64);
  const b = anchor64[0]!, ph = anchor64[1]!, winLo = anchor64[2]!, qh1 = anchor64[3]!, qr = anchor64[4]!;
  const h2 = anchor64[5]!, g3 = anchor64[6]!, h4 = anchor64[7]!, g5 = anchor64[8]!, h6 = anchor64[9]!, g7 = anchor64[10]!, winHi = anchor64[11]!;
  for (; i < end; i++) {
    const c = cosRun64((pi * Math.min(start + i, d)) / d, b, ph, winLo, qh1, qr, h2, g3, h4, g5, h6, g7, winHi);
    if (c !== c) return i;
    const v = init * (a * power64(0.5 * (1 + c), y, mode) + alpha);
    if (wasUndecided()) return i;
    out[i] = v;
  }
  return end;
}

function run64(params: Float64Array, steps: Float64Array | null, start: number, out: Float64Array, hard: Int32Array, n: number, checked: boolean): number {
  const d = params[DF]!, pi = params[PI]!, init = params[INIT]!, a = params[A]!, alpha = params[ALPHA]!;
  const y = params[EXPONENT]!, mode = params[MODE]!;
  let count = 0;
  // A checked range's current run: [.., run) at anchor runJ (none yet: run = 0).
  let run = 0;
  let runJ = 0;
  for (let i = 0; i < n; i++) {
    if (checked) {
      if (i >= run) {
        const u0 = uAt(d, pi, start, i);
        if (u0 >= 0 && u0 < NEAR64) {
          runJ = anchor64Of(u0);
          run = runEnd(i, n, (k) => inRun64(d, pi, start, k, runJ));
        }
      }
      if (i < run && runJ !== ANCHOR_HALF_PI) {
        const stop = runOf64(params, start, out, i, run, runJ);
        if (stop === run) {
          i = run - 1;
          continue;
        }
        i = stop;
      }
    }
    const step = (steps !== null ? steps[i]! : start + i) + 0;
    if (!checked && !isCount64(step)) return -1 - i;
    // one64's operations, the parameters read once.
    const c = cos64((pi * Math.min(step, d)) / d);
    if (wasUndecided()) {
      hard[count++] = i;
      continue;
    }
    const v = init * (a * power64(0.5 * (1 + c), y, mode) + alpha);
    if (wasUndecided()) hard[count++] = i;
    else out[i] = v;
  }
  return count;
}

export function cosineDecaySchedule64(
  params: Float64Array, steps: Float64Array | null, start: number, out: Float64Array, hard: Int32Array, n: number,
): number {
  const checked = steps === null && n > 0 && isCount64(start) && isCount64(start + (n - 1));
  let m = n;
  if (checked) {
    // The kernel's constant tail: from the first index whose count is at least D, every value is one64(D).
    const d = params[DF]!;
    let t = Math.min(Math.max(Math.ceil(d - start), 0), n);
    while (t < n && start + t < d) t++;
    while (t > 0 && start + (t - 1) >= d) t--;
    if (t < n) {
      const v = one64(d, params);
      if (!wasUndecided()) {
        out.fill(v, t, n);
        m = t;
      }
    }
  }
  return run64(params, steps, start, out, hard, m, checked);
}

// sgdr_schedule, and warmup_cosine_decay_schedule (sgdr of one cycle), over an array of counts in
// one pass, as the kernel's sgdrSchedule32/64 (cosineDecaySchedule.ts): each count's cycle (the
// last whose START is at or below it), x = c - START, then x < W the warm-up (polynomialSchedule.twin.ts's
// one32/at64 with transition_begin 0 and power 1), otherwise the cosine at x - W (never wrapping,
// never 2^53 or beyond: the facade's condition, every warm-up > 0). Params: sgdrSchedule.params.ts;
// each cycle's block read through a view at its start; one cycle's float64 parameters read once.

/** Each cycle's block, as a view whose slot 0 is its first. */
function cycleBlocks(params: Float64Array): Float64Array[] {
  return Array.from({ length: params[CYCLES]! }, (_, k) => params.subarray(HEAD + k * CYCLE, HEAD + (k + 1) * CYCLE));
}

/** Count c's cycle's block. */
function cycleOf(c: number, blocks: readonly Float64Array[]): Float64Array {
  let k = 0;
  for (let j = 1; j < blocks.length; j++) k += c >= blocks[j]![START]! ? 1 : 0;
  return blocks[k]!;
}

/** The float32 value at cycle count x (int32) in one cycle's block, or undecided(). */
function joined32(x: number, p: Float64Array): number {
  const w = p[W]!;
  if (x >= w) return one32((x - w) | 0, p);
  const cl = x < 0 ? 0 : x > w ? w : x;
  const frac = Math.fround(1 - Math.fround(Math.fround(cl) / p[WTF]!));
  return Math.fround(Math.fround(p[WIE]! * ipow32(frac, 1)) + p[WE]!);
}

/** The float64 value at cycle count x in one cycle's block, or undecided(). */
function joined64(x: number, p: Float64Array): number {
  const w = p[W]!;
  if (x >= w) return one64(x - w, p);
  const cl = x < 0 ? 0 : Math.min(x, w);
  return p[WIE]! * ipow64(1 - cl / w, 1) + p[WE]!;
}

/** One cycle in float32 (warmup_cosine_decay_schedule): joined32's operations, the warm-up's parameters read once. */
function oneCycle32(p: Float64Array, steps: Float64Array | null, start: number, out: Float32Array, hard: Int32Array, n: number): number {
  const w = p[W]!, wtf = p[WTF]!, wie = p[WIE]!, we = p[WE]!;
  let count = 0;
  for (let i = 0; i < n; i++) {
    // The first cycle's counts are the counts (START = 0).
    const x = steps !== null ? steps[i]! : start + i;
    if (!isCount32(x)) return -1 - i;
    let v: number;
    if (x >= w) v = one32((x - w) | 0, p);
    else v = Math.fround(Math.fround(wie * ipow32(Math.fround(1 - Math.fround(Math.fround(x < 0 ? 0 : x) / wtf)), 1)) + we);
    if (wasUndecided()) hard[count++] = i;
    else out[i] = v;
  }
  return count;
}

export function sgdrSchedule32(params: Float64Array, steps: Float64Array | null, start: number, out: Float32Array, hard: Int32Array, n: number): number {
  const blocks = cycleBlocks(params);
  if (blocks.length === 1) return oneCycle32(blocks[0]!, steps, start, out, hard, n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const step = steps !== null ? steps[i]! : start + i;
    if (!isCount32(step)) return -1 - i;
    const b = cycleOf(step, blocks);
    const v = joined32((step - b[START]!) | 0, b);
    if (wasUndecided()) hard[count++] = i;
    else out[i] = v;
  }
  return count;
}

/** One cycle in float64 (warmup_cosine_decay_schedule): joined64's operations, the parameters read once (as run64's). */
function oneCycle64(p: Float64Array, steps: Float64Array | null, start: number, out: Float64Array, hard: Int32Array, n: number): number {
  const d = p[DF]!, pi = p[PI]!, init = p[INIT]!, a = p[A]!, alpha = p[ALPHA]!;
  const y = p[EXPONENT]!, mode = p[MODE]!;
  const w = p[W]!, wie = p[WIE]!, we = p[WE]!;
  let count = 0;
  for (let i = 0; i < n; i++) {
    // The first cycle's counts are the counts (START = 0).
    const x = (steps !== null ? steps[i]! : start + i) + 0;
    if (!isCount64(x)) return -1 - i;
    let v: number;
    if (x < w) {
      const cl = x < 0 ? 0 : Math.min(x, w);
      v = wie * ipow64(1 - cl / w, 1) + we;
    } else {
      const c = cos64((pi * Math.min(x - w, d)) / d);
      if (wasUndecided()) {
        hard[count++] = i;
        continue;
      }
      v = init * (a * power64(0.5 * (1 + c), y, mode) + alpha);
    }
    if (wasUndecided()) hard[count++] = i;
    else out[i] = v;
  }
  return count;
}

export function sgdrSchedule64(params: Float64Array, steps: Float64Array | null, start: number, out: Float64Array, hard: Int32Array, n: number): number {
  const blocks = cycleBlocks(params);
  if (blocks.length === 1) return oneCycle64(blocks[0]!, steps, start, out, hard, n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const step = (steps !== null ? steps[i]! : start + i) + 0;
    if (!isCount64(step)) return -1 - i;
    const b = cycleOf(step, blocks);
    const v = joined64(step - b[START]!, b);
    if (wasUndecided()) hard[count++] = i;
    else out[i] = v;
  }
  return count;
}
