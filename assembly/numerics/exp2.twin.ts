// JS twin of exp2.ts: the same functions with the same operations in the same order, on JavaScript
// numbers (IEEE doubles), with Math.fround where the kernel demotes to f32. Read exp2.ts for why.

import { CONSTANTS as C } from "../../src/generated/constants.js";
import { EXP2_C1H, EXP2_C1L, EXP2_C2, EXP2_C2L, EXP2_C3, EXP2_C4, EXP2_C5, EXP2_C6, EXP2_C7, EXP2_TABLE } from "./layout.js";
import { undecided } from "./undecided.twin.js";

const C1H = C[EXP2_C1H]!;
const C1L = C[EXP2_C1L]!;
const C2 = C[EXP2_C2]!;
const C3 = C[EXP2_C3]!;
const C4 = C[EXP2_C4]!;
const C5 = C[EXP2_C5]!;
const C6 = C[EXP2_C6]!;
const C2L = C[EXP2_C2L]!;
const C3L = C[EXP2_C2L + 1]!;
const C4L = C[EXP2_C2L + 2]!;
const C7 = C[EXP2_C7]!;
const C8 = C[EXP2_C7 + 1]!;
const C9 = C[EXP2_C7 + 2]!;
const C10 = C[EXP2_C7 + 3]!;

const SPLIT = 134217729.0;
const T_LIMIT = 1100.0;
const EPS64 = 3.3881317890172014e-21; // 2^-68
const T32_LIMIT = 200.0;
const EPS_Y = 3.552713678800501e-15; // 2^-48

// 2^n for -1074 <= n <= 1023 at SCALE[n + 1074], by exact halvings and doublings: JavaScript has
// no cheap way to build a double from its bits, which is what the kernel does.
const SCALE = new Float64Array(2098);
SCALE[1074] = 1;
for (let n = 1; n <= 1023; n++) SCALE[1074 + n] = SCALE[1073 + n]! * 2;
for (let n = 1; n <= 1074; n++) SCALE[1074 - n] = SCALE[1075 - n]! * 0.5;

let zh = 0;
let zl = 0;
let zn = 0;

export function splitHigh(x: number): number {
  const c = SPLIT * x;
  return c - (c - x);
}

export function twoProductErrorSplit(ah: number, al: number, bh: number, bl: number, p: number): number {
  return ((ah * bh - p) + ah * bl + al * bh) + al * bl;
}

export function twoProductError(a: number, b: number, p: number): number {
  let c = SPLIT * a;
  const ah = c - (c - a);
  const al = a - ah;
  c = SPLIT * b;
  const bh = c - (c - b);
  const bl = b - bh;
  return ((ah * bh - p) + ah * bl + al * bh) + al * bl;
}

function tableTimes(k: number, sh: number, sl: number): void {
  const entry = EXP2_TABLE + ((k & 255) << 1);
  const tabh = C[entry]!;
  const tabl = C[entry + 1]!;
  const m = tabh * sh;
  const me = twoProductError(tabh, sh, m);
  const h = tabh + m;
  zh = h;
  zl = (m - (h - tabh)) + me + tabl + tabh * sl + tabl * sh;
  zn = k >> 8;
}

export function expSplit(th: number, tl: number): void {
  const k = Math.floor(th * 256.0 + 0.5);
  const fh = th - k * 0.00390625;
  const fl = tl;
  const a = C1H * fh;
  const ae = twoProductError(C1H, fh, a);
  const q = fh * fh * (C2 + fh * (C3 + fh * (C4 + fh * (C5 + fh * C6))));
  const sh = a + q;
  const s1 = q - (sh - a);
  const sl = s1 + ae + C1L * fh + fl * C1H * (1.0 + sh);
  tableTimes(k, sh, sl);
}

let ddLo = 0;

export function ddMulAdd(ch: number, cl: number, fh: number, fs: number, fl: number, vh: number, vl: number): number {
  const p = fh * vh;
  const vs = splitHigh(vh);
  const pe = twoProductErrorSplit(fs, fh - fs, vs, vh - vs, p);
  const h = ch + p;
  ddLo = ((ch - h) + p) + (((cl + pe) + fh * vl) + fl * vh);
  return h;
}

export function ddLowPart(): number {
  return ddLo;
}

function expSplitAccurate(th: number, tl: number): void {
  const k = Math.floor(th * 256.0 + 0.5);
  const f0 = th - k * 0.00390625;
  const fh = f0 + tl;
  const fv = fh - f0;
  const fl = (f0 - (fh - fv)) + (tl - fv);
  const fs = splitHigh(fh);
  const u = C5 + fh * (C6 + fh * (C7 + fh * (C8 + fh * (C9 + fh * C10))));
  let vh = ddMulAdd(C4, C4L, fh, fs, fl, u, 0.0);
  vh = ddMulAdd(C3, C3L, fh, fs, fl, vh, ddLo);
  vh = ddMulAdd(C2, C2L, fh, fs, fl, vh, ddLo);
  vh = ddMulAdd(C1H, C1L, fh, fs, fl, vh, ddLo);
  const vl = ddLo;
  const sh = fh * vh;
  const vs = splitHigh(vh);
  const sl = twoProductErrorSplit(fs, fh - fs, vs, vh - vs, sh) + (fh * vl + fl * vh);
  tableTimes(k, sh, sl);
}

export function pow64(p: number, l1: number, l2: number): number {
  const th = p * l1;
  if (th !== th) return 1.0;
  if (th > T_LIMIT) return Infinity;
  if (th < -T_LIMIT) return 0.0;
  expSplit(th, twoProductError(p, l1, th) + p * l2);
  return round64(zh, zl, zn);
}

export function exp2d(k: number, m1: number, m2: number): number {
  const th = k * m1;
  expSplit(th, twoProductError(k, m1, th) + k * m2);
  return (zh + zl) * SCALE[zn + 1074]!;
}

export function exp2dd(k: number, m1: number, m2: number): number {
  const th = k * m1;
  expSplitAccurate(th, twoProductError(k, m1, th) + k * m2);
  const s = SCALE[zn + 1074]!;
  zl *= s;
  return zh * s;
}

export function lowPart(): number {
  return zl;
}

export function round64(h: number, l: number, n: number): number {
  if (n > 1024) return Infinity;
  if (n < -1076) return 0.0;
  if (n < -1021) return undecided();
  const lo = h + (l - EPS64);
  const hi = h + (l + EPS64);
  if (lo !== hi) return undecided();
  return n === 1024 ? (lo * 2.0) * SCALE[1023 + 1074]! : lo * SCALE[n + 1074]!;
}

function pinT(th: number): number {
  return th !== th ? 0.0 : th > T32_LIMIT ? T32_LIMIT : th < -T32_LIMIT ? -T32_LIMIT : th;
}

function exp2y(th: number, tl: number): number {
  const k = Math.floor(th * 256.0 + 0.5);
  const f = (th - k * 0.00390625) + tl;
  const q = f * (C1H + f * (C2 + f * (C3 + f * (C4 + f * C5))));
  return C[EXP2_TABLE + ((k & 255) << 1)]! * (1.0 + q) * SCALE[(k >> 8) + 1074]!;
}

/** The y of pow32: 2^(p (lh + ll)) within 2^-51, before the rounding test. */
export function pow32y(p: number, lh: number, ll: number): number {
  const raw = p * lh;
  const th = pinT(raw);
  const tl = th === raw ? p * ll : 0.0;
  return exp2y(th, tl);
}

export function pow32(p: number, lh: number, ll: number): number {
  const y = pow32y(p, lh, ll);
  const lo = Math.fround(y * (1.0 - EPS_Y));
  const hi = Math.fround(y * (1.0 + EPS_Y));
  return lo === hi ? lo : undecided();
}

/** The split of 2^t as [zh, zl, zn], for tests that measure its error. */
export function expSplitForTesting(th: number, tl: number, accurate = false): [number, number, number] {
  if (accurate) expSplitAccurate(th, tl);
  else expSplit(th, tl);
  return [zh, zl, zn];
}
