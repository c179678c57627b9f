// JS twin of cos.ts: the same functions with the same operations in the same order, on JavaScript
// numbers (IEEE doubles), with Math.fround where the kernel demotes to f32. Read cos.ts for why
// (the reduction, the polynomials and their error bounds).

import { CONSTANTS as C } from "../../src/generated/constants.js";
import { ddLowPart, ddMulAdd, splitHigh, twoProductError, twoProductErrorSplit } from "./exp2.twin.js";
import { COS64_NEAR, COS64_NEAR_STRIDE, COS_EPS64, COS_FAR, COS_NEAR, COS_NEAR_STEPS, COS_PIO2_1, COS_PIO2_2, COS_PIO2_3, COS_PIO2_4, COS_TAYLOR, COS_TWO_OVER_PI } from "./layout.js";
import { undecided } from "./undecided.twin.js";

export const LIMIT = 1048576.0; // 2^20
export const ABS_R = 2.938735877055719e-39; // 2^-128
export const REACH = 2147483648.0; // 2^31
export const ABS_FAR = 4.930380657631324e-32; // 2^-104

const TWO_OVER_PI = C[COS_TWO_OVER_PI]!;
const P1 = C[COS_PIO2_1]!;
const P2 = C[COS_PIO2_2]!;
const P3 = C[COS_PIO2_3]!;
const P4 = C[COS_PIO2_4]!;
const F1 = C[COS_FAR]!;
const F2 = C[COS_FAR + 1]!;
const F3 = C[COS_FAR + 2]!;
const F4 = C[COS_FAR + 3]!;
const F5 = C[COS_FAR + 4]!;
// The Taylor coefficients (-1)^floor(n/2) / n!: Cn hi, CLn lo.
const c = (n: number): number => C[COS_TAYLOR + 2 * n]!;
const cl = (n: number): number => C[COS_TAYLOR + 2 * n + 1]!;
const C2 = c(2), C3 = c(3), C4 = c(4), C5 = c(5), C6 = c(6), C7 = c(7), C8 = c(8), C9 = c(9);
const C10 = c(10), C11 = c(11), C12 = c(12), C13 = c(13), C14 = c(14), C15 = c(15), C16 = c(16);
const C17 = c(17), C18 = c(18), C19 = c(19), C20 = c(20), C21 = c(21), C22 = c(22), C23 = c(23);
const C24 = c(24), C25 = c(25), C26 = c(26), C27 = c(27);
const CL2 = cl(2), CL3 = cl(3), CL4 = cl(4), CL5 = cl(5), CL6 = cl(6), CL7 = cl(7), CL8 = cl(8);
const CL9 = cl(9), CL10 = cl(10), CL11 = cl(11), CL12 = cl(12), CL13 = cl(13), CL14 = cl(14), CL15 = cl(15);

function quadrant(a: number): number {
  return Math.floor(a * TWO_OVER_PI + 0.5);
}

/** The far path's y: cos(x) within 2^-51 relative, for a float32 x with |x| < LIMIT. */
export function cosFar32y(x: number): number {
  const a = Math.abs(x);
  const k = quadrant(a);
  const r = (((a - k * P1) - k * P2) - k * P3) - k * P4;
  const z = r * r;
  const q = k & 3;
  let y: number;
  if ((q & 1) === 0) {
    y = 1.0 + z * (C2 + z * (C4 + z * (C6 + z * (C8 + z * (C10 + z * (C12 + z * (C14 + z * C16)))))));
  } else {
    y = r + (r * z) * (C3 + z * (C5 + z * (C7 + z * (C9 + z * (C11 + z * (C13 + z * (C15 + z * C17)))))));
  }
  return q === 1 || q === 2 ? -y : y;
}

// The near path (cos.ts): the anchors, the quick step, then the accurate one.
export const NEAR = Math.fround(3.144);
const K = Math.fround(162.9746551513672); // f32(512/pi)
const STEP = Math.PI / COS_NEAR_STEPS;
const R6 = 1.0 / 6.0;
const N2 = -0.5;
const N4 = 1.0 / 24.0;
const N3 = -1.0 / 6.0;
const N5 = 1.0 / 120.0;

export function anchorOf(a: number): number {
  return Math.floor(Math.fround(Math.fround(a * K) + 0.5));
}

export function anchorAt(j: number): number {
  return Math.fround(j * STEP);
}

function accurate(d: number, cA: number, sA: number): number {
  const z = d * d;
  const m = z * (N2 + z * N4);
  const t = d + (d * z) * (N3 + z * N5);
  return cA + (cA * m - sA * t);
}

// round32's window test on y's low 29 bits (cos.ts), read through a little-endian view.
const WINDOW = 64;
const QUICK_WINDOW = 1 << 19;
const LOW29 = (1 << 29) - 1;
const yBits = new Float64Array(1);
const yWords = new Int32Array(yBits.buffer);
const LOW_WORD = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;

function nearMidpoint(y: number, w: number): boolean {
  yBits[0] = y;
  return ((yWords[LOW_WORD]! + (w - (1 << 28))) & LOW29) <= 2 * w;
}

/** f32(y) if every number within the window rounds alike, else undecided(). */
export function round32(y: number): number {
  return nearMidpoint(y, WINDOW) ? undecided() : Math.fround(y);
}

function quick(d: number, cA: number, sA: number): number {
  return (cA - d * sA) - (d * d) * (cA * 0.5 - d * (sA * R6));
}

// The last anchor cosNear32 used and its constants (H = C * 0.5, S6 = S * R6, as cos.ts'
// sameAnchor stores them): consecutive arguments of a range share an anchor for thousands of
// steps, and these are the same numbers the quick step would compute afresh.
let nearJ = -1;
let nearA = 0;
let nearC = 0;
let nearS = 0;
let nearH = 0;
let nearS6 = 0;

function cosNear32(a: number): number {
  const j = anchorOf(a);
  if (j !== nearJ) {
    const p = COS_NEAR + 2 * j;
    nearJ = j;
    nearA = anchorAt(j);
    nearC = C[p]!;
    nearS = C[p + 1]!;
    nearH = nearC * 0.5;
    nearS6 = nearS * R6;
  }
  const d = a - nearA;
  // quick(d, C, S), with H and S6 from the cache.
  const y = (nearC - d * nearS) - (d * d) * (nearH - d * nearS6);
  if (!nearMidpoint(y, QUICK_WINDOW)) return Math.fround(y);
  return round32(accurate(d, nearC, nearS));
}

// A run of arguments that share one anchor, as cos.ts' sameAnchor and cosRun32x4 take it: the
// caller holds the anchor's constants in locals, which V8 keeps in registers (measured on a test
// loop of a million steps: 6.8 ms so, 9.3 ms with the constants in module variables).

/** Anchor j's constants, as sameAnchor stores them: A, C, S, H = C * 0.5, S6 = S * f64(1/6). */
export function runAnchor(j: number, into: Float64Array): void {
  const p = COS_NEAR + 2 * j;
  into[0] = anchorAt(j);
  into[1] = C[p]!;
  into[2] = C[p + 1]!;
  into[3] = C[p]! * 0.5;
  into[4] = C[p + 1]! * R6;
}

/**
 * cosRun32x4's quick step in one lane: f32(cos x) for a float32 x >= 0 in anchor A's run, given
 * runAnchor's constants; NaN where the quick step cannot decide (x is finite, so its cosine never
 * is NaN), and the caller then takes cos32, which goes on to the accurate step. The accurate step
 * is not here: V8 inlined it into the caller's loop, which then took 9.7 ms a million steps, not 7.
 */
export function cosRun32(x: number, a: number, cA: number, sA: number, hA: number, s6A: number): number {
  const d = x - a;
  const y = (cA - d * sA) - (d * d) * (hA - d * s6A);
  return nearMidpoint(y, QUICK_WINDOW) ? NaN : Math.fround(y);
}

/** The accurate step's y (for tests): cos(x) within 2^-49.9 relative, for |x| < NEAR, a float32. */
export function cosNear32y(x: number): number {
  const a = Math.abs(x);
  const j = anchorOf(a);
  const p = COS_NEAR + 2 * j;
  return accurate(a - anchorAt(j), C[p]!, C[p + 1]!);
}

/** The y of the quick step (for tests): cos(x) within 2^-36.5 relative, for |x| < NEAR. */
export function cosQuick32y(x: number): number {
  const a = Math.abs(x);
  const j = anchorOf(a);
  const p = COS_NEAR + 2 * j;
  return quick(a - anchorAt(j), C[p]!, C[p + 1]!);
}

export function cos32(x: number): number {
  const a = Math.abs(x);
  if (a < NEAR) return cosNear32(a);
  if (!(a < LIMIT)) return x - x === 0.0 ? undecided() : NaN;
  return round32(cosFar32y(x));
}

let ddh = 0;
let ddl = 0;

function ddStep(ch: number, cl: number, zh: number, zs: number, zl: number, vh: number, vl: number): void {
  ddh = ddMulAdd(ch, cl, zh, zs, zl, vh, vl);
  ddl = ddLowPart();
}

/** The reduction of a by k pi/2: r = ddh + ddl, and the absolute error term (cos.ts). */
function reduce(a: number, k: number): number {
  if (!(a < LIMIT)) {
    reduceFar(a, k);
    return ABS_FAR;
  }
  const t = a - k * P1;
  const p2 = k * P2;
  const s1 = t - p2;
  const v1 = s1 - t;
  const e1 = (t - (s1 - v1)) - (p2 + v1);
  const p3 = k * P3;
  const s2 = s1 - p3;
  const v2 = s2 - s1;
  const e2 = (s1 - (s2 - v2)) - (p3 + v2);
  const low = (e1 + e2) - k * P4;
  const rh = s2 + low;
  ddl = low - (rh - s2);
  ddh = rh;
  return ABS_R;
}

/** The far reduction, LIMIT <= a < REACH: r = ddh + ddl (cos.ts). */
function reduceFar(a: number, k: number): void {
  const t = a - k * F1;
  const p2 = k * F2;
  const s1 = t - p2;
  const v1 = s1 - t;
  const e1 = (t - (s1 - v1)) - (p2 + v1);
  const p3 = k * F3;
  const s2 = s1 - p3;
  const v2 = s2 - s1;
  const e2 = (s1 - (s2 - v2)) - (p3 + v2);
  const p4 = k * F4;
  const s3 = s2 - p4;
  const v3 = s3 - s2;
  const e3 = (s2 - (s3 - v3)) - (p4 + v3);
  const low = ((e1 + e2) + e3) - k * F5;
  const rh = s3 + low;
  const w = rh - s3;
  ddl = (s3 - (rh - w)) + (low - w);
  ddh = rh;
}

/** The reduction's r = rh + rl and its absolute error term, for tests that measure it. */
export function reduceForTesting(x: number): [number, number, number, number] {
  const a = Math.abs(x);
  const k = quadrant(a);
  const abs = reduce(a, k);
  return [k, ddh, ddl, abs];
}

// The unrounded double-double of the general path, for tests that measure its error.
let lastH = 0;
let lastL = 0;

function cosGeneral64(x: number): number {
  const a = Math.abs(x);
  const k = quadrant(a);
  const abs = reduce(a, k);
  const rh = ddh;
  const rl = ddl;
  const zh = rh * rh;
  const zl = twoProductError(rh, rh, zh) + 2.0 * rh * rl;
  const zs = splitHigh(zh);
  const q = k & 3;
  let h: number;
  let l: number;
  if ((q & 1) === 0) {
    const u = C16 + zh * (C18 + zh * (C20 + zh * (C22 + zh * (C24 + zh * C26))));
    ddStep(C14, CL14, zh, zs, zl, u, 0.0);
    ddStep(C12, CL12, zh, zs, zl, ddh, ddl);
    ddStep(C10, CL10, zh, zs, zl, ddh, ddl);
    ddStep(C8, CL8, zh, zs, zl, ddh, ddl);
    ddStep(C6, CL6, zh, zs, zl, ddh, ddl);
    ddStep(C4, CL4, zh, zs, zl, ddh, ddl);
    ddStep(C2, CL2, zh, zs, zl, ddh, ddl);
    ddStep(1.0, 0.0, zh, zs, zl, ddh, ddl);
    h = ddh;
    l = ddl;
  } else {
    const u = C17 + zh * (C19 + zh * (C21 + zh * (C23 + zh * (C25 + zh * C27))));
    ddStep(C15, CL15, zh, zs, zl, u, 0.0);
    ddStep(C13, CL13, zh, zs, zl, ddh, ddl);
    ddStep(C11, CL11, zh, zs, zl, ddh, ddl);
    ddStep(C9, CL9, zh, zs, zl, ddh, ddl);
    ddStep(C7, CL7, zh, zs, zl, ddh, ddl);
    ddStep(C5, CL5, zh, zs, zl, ddh, ddl);
    ddStep(C3, CL3, zh, zs, zl, ddh, ddl);
    const sh = zh * ddh;
    const vs = splitHigh(ddh);
    const sl = twoProductErrorSplit(zs, zh - zs, vs, ddh - vs, sh) + (zh * ddl + zl * ddh);
    const m = rh * sh;
    const me = twoProductError(rh, sh, m);
    h = rh + m;
    l = ((rh - h) + m) + (((me + rl) + rh * sl) + rl * sh);
  }
  if (q === 1 || q === 2) {
    h = -h;
    l = -l;
  }
  lastH = h;
  lastL = l;
  // EPS64, read at each call: tests widen it (src/core/wasm.ts, setConstantForTesting).
  const err = Math.abs(h) * C[COS_EPS64]! + abs;
  const lo = h + (l - err);
  const hi = h + (l + err);
  return lo === hi ? lo : undecided();
}

/** The general path's unrounded h + l for x (|x| < REACH), for tests that measure its error. */
export function cos64ForTesting(x: number): [number, number] {
  cosGeneral64(x);
  return [lastH, lastL];
}

// The float64 near path (cos.ts): anchors B_j = j STEP64, the step in double-double.
export const NEAR64 = 3.144;
export const EPS_NEAR = 5.421010862427522e-20; // 2^-64
const K64 = 162.97466172610083; // fl(512/pi)
const STEP64 = 0.006135923151542565; // Math.PI / 512
const M6 = -1.0 / 720.0;
const T7 = -1.0 / 5040.0;

export function anchor64Of(a: number): number {
  return Math.floor(a * K64 + 0.5);
}

export function anchor64At(j: number): number {
  return j * STEP64;
}

// The last near or run step's unrounded h + l, for tests that measure its error.
const lastNear = new Float64Array(2);

/** cos.ts' nearStep: rounded, or NaN (dl and its term only when reduced). */
function nearStep(d: number, dl: number, ph: number, pl: number, qh: number, qh1: number, qr: number, reduced: boolean, abs: number): number {
  const d1 = splitHigh(d);
  const d2 = d - d1;
  const p = qh1 * d1;
  const h = ph + p;
  const v = h - ph;
  const e = (ph - (h - v)) + (p - v);
  const z = d * d;
  const m = z * (N2 + z * (N4 + z * M6));
  const u = (d * z) * (N3 + z * (N5 + z * T7));
  const t = reduced ? qh * u + dl * (qh - ph * d) : qh * u;
  const l = e + (((pl + ph * m) + (qh1 * d2 + qr * d)) + t);
  lastNear[0] = h;
  lastNear[1] = l;
  const err = Math.abs(h) * EPS_NEAR + abs;
  const lo = h + (l - err);
  return lo === h + (l + err) ? lo : NaN;
}

/** cos.ts' nearAt for the direct path: cos a, 0 <= a < NEAR64, rounded or NaN. */
function nearCos(a: number): number {
  const j = anchor64Of(a);
  const p = COS64_NEAR + COS64_NEAR_STRIDE * j;
  const qh = -C[p + 2]!;
  const qh1 = splitHigh(qh);
  return nearStep(a - anchor64At(j), 0.0, C[p]!, C[p + 1]!, qh, qh1, (qh - qh1) + -C[p + 3]!, false, ABS_R);
}

/** cos.ts' nearAt for the reduced path: cos or sin of |r| = a + dl, rounded or NaN. */
function nearReduced(a: number, dl: number, sine: boolean, abs: number): number {
  const j = anchor64Of(a);
  const p = COS64_NEAR + COS64_NEAR_STRIDE * j;
  let ph: number, pl: number, qh: number, ql: number;
  if (sine) {
    ph = C[p + 2]!;
    pl = C[p + 3]!;
    qh = C[p]!;
    ql = C[p + 1]!;
  } else {
    ph = C[p]!;
    pl = C[p + 1]!;
    qh = -C[p + 2]!;
    ql = -C[p + 3]!;
  }
  const qh1 = splitHigh(qh);
  return nearStep(a - anchor64At(j), dl, ph, pl, qh, qh1, (qh - qh1) + ql, true, abs);
}

export function cos64(x: number): number {
  const a = Math.abs(x);
  if (a < NEAR64) {
    const v = nearCos(a);
    return v === v ? v : cosGeneral64(x);
  }
  return cosFar64(x, a);
}

/** cos64 for |x| >= NEAR64: the reduction, then the near step (apart: V8 inlines cos64 then). */
function cosFar64(x: number, a: number): number {
  if (!(a < REACH)) return x - x === 0.0 ? undecided() : NaN;
  const k = quadrant(a);
  const abs = reduce(a, k);
  const rh = ddh;
  const dl = rh < 0 ? -ddl : ddl;
  const q = k & 3;
  const y = nearReduced(Math.abs(rh), dl, (q & 1) !== 0, abs);
  if (y !== y) return cosGeneral64(x);
  return (q === 1 || q === 2) !== ((q & 1) !== 0 && rh < 0) ? -y : y;
}

/**
 * The near step's unrounded h + l for x (|x| < REACH), signed as cos x, for tests; with `far`, as
 * cos64x2 takes a lane of a body with a lane past LIMIT: the far reduction (k = 0 below NEAR64).
 */
export function cos64NearForTesting(x: number, far = false): [number, number] {
  const a = Math.abs(x);
  if (a < NEAR64 && !far) nearCos(a);
  else {
    const k = a < NEAR64 ? 0 : quadrant(a);
    let abs = ABS_FAR;
    if (far) reduceFar(a, k);
    else abs = reduce(a, k);
    const q = k & 3;
    nearReduced(Math.abs(ddh), ddh < 0 ? -ddl : ddl, (q & 1) !== 0, abs);
    if ((q === 1 || q === 2) !== ((q & 1) !== 0 && ddh < 0)) return [-lastNear[0]!, -lastNear[1]!];
  }
  return [lastNear[0]!, lastNear[1]!];
}

// A range's run of one anchor, as cos.ts' sameAnchor64 and cosRun64x2 take it (read cos.ts for the
// run step and its bound): the caller holds the anchor's constants in locals.
const RUN_SHIFT = 196608.0; // 1.5 * 2^17
export const DMAX = 0.003068;
export const ANCHOR_HALF_PI = 256;

/** Anchor j's run constants (j != ANCHOR_HALF_PI), as sameAnchor64 stores them. */
export function runAnchor64(j: number, into: Float64Array): void {
  const p = COS64_NEAR + COS64_NEAR_STRIDE * j;
  storeRun64(into, j, C[p]!, C[p + 1]!, -C[p + 2]!, -C[p + 3]!, 0.0);
}

/** cos.ts' storeRun64: the run's constants for anchor j with P = ph + pl, Q = qh + ql. */
function storeRun64(into: Float64Array, j: number, ph: number, pl: number, qh: number, ql: number, extra: number): void {
  const qh1 = splitHigh(qh);
  const err = EPS_NEAR * (Math.abs(ph) + DMAX * Math.abs(qh)) + extra;
  runPl = pl;
  into[0] = anchor64At(j);
  into[1] = ph;
  into[2] = pl - err;
  into[3] = qh1;
  into[4] = (qh - qh1) + ql;
  into[5] = ph * N2;
  into[6] = qh * N3;
  into[7] = ph * N4;
  into[8] = qh * N5;
  into[9] = ph * M6;
  into[10] = qh * T7;
  into[11] = pl + err;
}

/** The last storeRun64's Pl, for tests (the constants hold Pl -+ ERR). */
let runPl = 0;

/**
 * cos.ts' cosRun64: f64(cos x) for x with x - b exact and |x - b| <= DMAX (the run of anchor b),
 * given runAnchor64's or runHolds64's constants; NaN where the run step cannot decide (the caller
 * then takes cos64).
 */
export function cosRun64(
  x: number, b: number, ph: number, winLo: number, qh1: number, qr: number, h2: number, g3: number, h4: number, g5: number, h6: number, g7: number, winHi: number,
): number {
  const d = x - b;
  const d1 = (d + RUN_SHIFT) - RUN_SHIFT;
  const d2 = d - d1;
  const p = qh1 * d1;
  const h = ph + p;
  const e = p - (h - ph);
  const z = d * d;
  const a2 = h6 + d * g7;
  const a1 = h4 + d * g5;
  const a0 = h2 + d * g3;
  const w = z * (a0 + z * (a1 + z * a2));
  const l = e + ((qh1 * d2 + qr * d) + w);
  lastNear[0] = h;
  lastNear[1] = l;
  const lo = h + (l + winLo);
  return lo === h + (l + winHi) ? lo : NaN;
}

/** The run step's unrounded h + l + Pl for x at anchor j (j != ANCHOR_HALF_PI), for tests. */
export function cosRun64ForTesting(x: number, j: number): [number, number, number] {
  const c = new Float64Array(12);
  runAnchor64(j, c);
  cosRun64(x, c[0]!, c[1]!, c[2]!, c[3]!, c[4]!, c[5]!, c[6]!, c[7]!, c[8]!, c[9]!, c[10]!, c[11]!);
  return [lastNear[0]!, lastNear[1]!, runPl];
}

// Runs in any period (cos.ts, "float64 runs in any period", for the bound): a = s (x - M) at the
// constants of B_j + dl.
const INV_TWO_PI = 0.15915494309189535;
const SHIFT_ERR = 8.271806125530277e-25; // 2^-80
const RUN_HALF = STEP64 * 0.5;
/** cos.ts' RUN_REACH: two arguments farther apart share no run. */
const RUN_REACH = STEP64 * (1.0 + 1.0 / 8192.0);

/**
 * cos.ts' runHolds64: whether x1 is in x0's run; if so, its 12 run constants into `into`, then its
 * arguments' bounds lo, hi, its shift M and its sign s (into[12..15]): cosRun64(s (x - M), ...)
 * gives cos x for lo <= x <= hi.
 */
export function runHolds64(x0: number, x1: number, into: Float64Array): boolean {
  if (!(x0 >= 0 && x0 < LIMIT)) return false;
  // x1 farther from x0 than a run is wide is in no run of x0's (below): returns false without the
  // reduction, where arguments step past anchors (a short period).
  if (!(Math.abs(x1 - x0) <= RUN_REACH)) return false;
  const m = Math.floor(x0 * INV_TWO_PI + 0.5);
  const k = 4.0 * m;
  const p1 = k * P1;
  const p2 = k * P2;
  const big = p1 + p2;
  const s = x0 >= big ? 1.0 : -1.0;
  const j = anchor64Of(s * (x0 - big));
  if (j === ANCHOR_HALF_PI) return false;
  const b = anchor64At(j);
  const lo = s > 0 ? big + (b - RUN_HALF) : big - (b + RUN_HALF);
  const hi = s > 0 ? big + (b + RUN_HALF) : big - (b - RUN_HALF);
  if (!(x1 >= lo && x1 <= hi)) return false;
  const mu = ((p1 - big) + p2) + (k * P3 + k * P4);
  const dl = -s * mu;
  const p = COS64_NEAR + COS64_NEAR_STRIDE * j;
  const ch = C[p]!, cl = C[p + 1]!, sh = C[p + 2]!, sl = C[p + 3]!;
  const half = (dl * dl) * 0.5;
  const sixth = (dl * dl) * (dl * R6);
  const sp = sh * dl;
  const pa = ch - sp;
  const pv = pa - ch;
  const plow = ((ch - (pa - pv)) + (-sp - pv)) + (((cl - twoProductError(sh, dl, sp)) - sl * dl) - (ch * half - sh * sixth));
  const ph = pa + plow;
  const cp = ch * dl;
  const qa = -sh - cp;
  const qv = qa + sh;
  const qlow = ((-sh - (qa - qv)) + (-cp - qv)) + (((-sl - twoProductError(ch, dl, cp)) - cl * dl) + (sh * half + ch * sixth));
  const qh = qa + qlow;
  storeRun64(into, j, ph, plow - (ph - pa), qh, qlow - (qh - qa), m > 0 ? SHIFT_ERR : 0.0);
  into[12] = lo;
  into[13] = hi;
  into[14] = big;
  into[15] = s;
  return true;
}

/** The run step's unrounded h + l + Pl for x in x's own run (runHolds64(x, x)), for tests; null if none. */
export function cosRunShifted64ForTesting(x: number): [number, number, number] | null {
  const c = new Float64Array(16);
  if (!runHolds64(x, x, c)) return null;
  cosRun64(c[15]! * (x - c[14]!), c[0]!, c[1]!, c[2]!, c[3]!, c[4]!, c[5]!, c[6]!, c[7]!, c[8]!, c[9]!, c[10]!, c[11]!);
  return [lastNear[0]!, lastNear[1]!, runPl];
}
