// JS twin of cosine.ts: the same operations in the same order, with the same calling convention
// (assembly/abi.ts; src/core/batch.ts, TwinKernel): the scalar build's loop (run1), a range's runs
// with cosRun64 element by element and the run's constants in an array. Read cosine.ts for why.

import { cos64, cosRun64, LIMIT, runHolds64 } from "../numerics/cos.twin.js";
import { wasUndecided } from "../numerics/undecided.twin.js";
import { T0, SHIFT, DEN, ARG, PI, ONE_M, M, SCALE } from "./cosine.params.js";

const FALL = 0;
const RISE = 1;
const RESTARTS = 2;

function piece(c: number, oneM: number, m: number, kind: number): number {
  const v = kind === RESTARTS ? 0.5 * (1.0 + c) : (kind === FALL ? 0.5 * (1.0 + c) : 0.5 * (1.0 - c)) * oneM + m;
  return v > 0.0 ? v : 0.0;
}

function pAt(params: Float64Array, start: number, k: number): number {
  return ((start + k - params[T0]!) + params[SHIFT]!) / params[DEN]!;
}

function restartsX(params: Float64Array, y: number): number {
  return params[PI]! * (y - Math.floor(y));
}

function inRun(params: Float64Array, start: number, k: number, xlo: number, xhi: number, cycle: number, kind: number): boolean {
  const p = pAt(params, start, k);
  const y = params[ARG]! * p;
  if (kind === RESTARTS) {
    if (!(p < 1.0) || Math.floor(y) !== cycle) return false;
    const x = restartsX(params, y);
    return x >= xlo && x <= xhi;
  }
  return y >= xlo && y <= xhi;
}

function runEnd(params: Float64Array, start: number, i: number, n: number, xlo: number, xhi: number, cycle: number, kind: number): number {
  let lo = i;
  let hi = i + 1;
  let stride = 1;
  while (hi < n && inRun(params, start, hi, xlo, xhi, cycle, kind)) {
    lo = hi;
    stride *= 2;
    hi = Math.min(n, lo + stride);
  }
  while (hi - lo > 1) {
    const mid = lo + ((hi - lo) >> 1);
    if (inRun(params, start, mid, xlo, xhi, cycle, kind)) lo = mid;
    else hi = mid;
  }
  return hi;
}

const EXACT_INTEGERS = 9007199254740992.0; // 2^53

function integerSteps(params: Float64Array, start: number, n: number): boolean {
  const t0 = params[T0]!;
  const shift = params[SHIFT]!;
  return Math.floor(start) === start && Math.floor(t0) === t0 && Math.floor(shift) === shift &&
    Math.abs(start) + n + Math.abs(t0) + Math.abs(shift) <= EXACT_INTEGERS;
}

/** cosine.ts' RUN_WIDTH: a run's arguments lie within it. */
const RUN_WIDTH = 0.006135923151542565; // pi/512

/**
 * cosine.ts' MIN_RUN_STEPS for this twin, where the general cos64 costs more against a run's setup
 * than in Wasm: measured (Node 20, HF's cosine over 1e6 steps) without runs 70 ms at any
 * num_cycles; with them 31 ms at 5 steps a run, 54 ms at 2, 83 ms at 0.5. Either choice gives
 * the same bits.
 */
const MIN_RUN_STEPS = 1.5;

function longRuns(params: Float64Array, kind: number): boolean {
  const arg = kind === RESTARTS ? params[PI]! * params[ARG]! : params[ARG]!;
  return (arg / params[DEN]!) * MIN_RUN_STEPS <= RUN_WIDTH;
}

// runAt's answer; a held run's constants in `a` (runHolds64's order: B, Ph, Pl, Qh1, Qr, H2, G3,
// H4, G5, H6, G7, ERR, then its arguments' bounds, its shift M and its sign s).
let runStop = 0;
let runHeld = false;
const a = new Float64Array(16);

function runAt(params: Float64Array, start: number, i: number, n: number, kind: number): void {
  const p = pAt(params, start, i);
  const y = params[ARG]! * p;
  let x = y;
  let cycle = 0.0;
  let end = i;
  let held = false;
  if (kind === RESTARTS) {
    cycle = Math.floor(y);
    x = restartsX(params, y);
    if (p >= 1.0) end = n;
  } else if (x >= LIMIT) end = n;
  if (end === i && runHolds64(x, x, a)) {
    held = true;
    end = runEnd(params, start, i, n, a[12]!, a[13]!, cycle, kind);
  }
  runStop = end;
  runHeld = held;
}

function one(params: Float64Array, start: number, out: Float64Array, hard: Int32Array, count: number, i: number, kind: number): number {
  const p = pAt(params, start, i);
  const scale = params[SCALE]!;
  const y = params[ARG]! * p;
  let c: number;
  if (kind === RESTARTS) {
    if (p >= 1.0) {
      out[i] = scale * 0.0;
      return count;
    }
    c = cos64(restartsX(params, y));
  } else {
    c = cos64(y);
  }
  if (wasUndecided() || c !== c) {
    hard[count] = i;
    return count + 1;
  }
  out[i] = scale * piece(c, params[ONE_M]!, params[M]!, kind);
  return count;
}

function run(params: Float64Array, start: number, out: Float64Array, hard: Int32Array, n: number, kind: number): number {
  const oneM = params[ONE_M]!;
  const m = params[M]!;
  const scale = params[SCALE]!;
  const runs = params[ARG]! >= 0.0 && params[DEN]! > 0.0 && integerSteps(params, start, n) && longRuns(params, kind);
  let count = 0;
  // No runs (arguments that fall, steps integerSteps refuses, or runs too short to look for): one()'s operations in this loop,
  // with the parameters in locals (calling one() per element measured 1.4 times slower in Node 20).
  if (!runs) {
    const t0 = params[T0]!, shift = params[SHIFT]!, den = params[DEN]!, arg = params[ARG]!, pi = params[PI]!;
    for (let i = 0; i < n; i++) {
      const p = ((start + i - t0) + shift) / den;
      let c: number;
      if (kind === RESTARTS) {
        if (p >= 1.0) {
          out[i] = scale * 0.0;
          continue;
        }
        const x = arg * p;
        c = cos64(pi * (x - Math.floor(x)));
      } else {
        c = cos64(arg * p);
      }
      if (wasUndecided() || c !== c) hard[count++] = i;
      else out[i] = scale * piece(c, oneM, m, kind);
    }
    return count;
  }
  const s0 = (start - params[T0]!) + params[SHIFT]!;
  const plain = oneM === 1.0 && m === 0.0 && kind !== RESTARTS;
  let run = 0;
  let held = false;
  for (let i = 0; i < n; i++) {
    if (i >= run) {
      runAt(params, start, i, n, kind);
      run = runStop;
      held = runHeld;
    }
    if (i < run && held) {
      i = runOf(params, out, s0, i, run, kind, plain);
      if (i === run) {
        i--;
        continue;
      }
    }
    count = one(params, start, out, hard, count, i, kind);
  }
  return count;
}

/**
 * Range indices [i, end) of one run, its anchor's constants (in `a`) taken into locals once (V8
 * keeps them in registers; read from the array per element, the loop took 1.3 to 1.5 times as long):
 * returns where it stopped, at end or at an index the run step left undecided (for one()).
 */
function runOf(params: Float64Array, out: Float64Array, s0: number, i: number, end: number, kind: number, plain: boolean): number {
  const oneM = params[ONE_M]!, m = params[M]!, scale = params[SCALE]!, den = params[DEN]!, arg = params[ARG]!;
  const b = a[0]!, ph = a[1]!, winLo = a[2]!, qh1 = a[3]!, qr = a[4]!, h2 = a[5]!, g3 = a[6]!, h4 = a[7]!, g5 = a[8]!, h6 = a[9]!, g7 = a[10]!, winHi = a[11]!;
  const shift = a[14]!, sign = a[15]!;
  // In period 0 (M = 0, s = 1) s (x - M) is x: the two operations are left out, as in cosine.ts.
  const shifted = shift !== 0.0;
  for (; i < end; i++) {
    const y = arg * ((s0 + i) / den);
    const x = kind === RESTARTS ? restartsX(params, y) : y;
    const c = cosRun64(shifted ? sign * (x - shift) : x, b, ph, winLo, qh1, qr, h2, g3, h4, g5, h6, g7, winHi);
    if (c !== c) return i;
    out[i] = scale * (plain ? 0.5 * (kind === FALL ? 1.0 + c : 1.0 - c) : piece(c, oneM, m, kind));
  }
  return end;
}

type Kernel = (params: Float64Array, steps: Float64Array | null, start: number, out: Float64Array, hard: Int32Array, n: number) => number;
const kernel = (kind: number): Kernel => (params, _steps, start, out, hard, n) => run(params, start, out, hard, n, kind);

export const cosineFall64 = kernel(FALL);
export const cosineRise64 = kernel(RISE);
export const restarts64 = kernel(RESTARTS);
