// JS twin of log.ts: the same functions with the same operations in the same order, on JavaScript
// numbers (IEEE doubles), with Math.fround where the kernel demotes to f32. Read log.ts for the
// algorithm and its error bound. The bits of x are read through a DataView (little-endian, stated),
// which is what the kernel's reinterpret does.

import { CONSTANTS as C } from "../../src/generated/constants.js";
import { splitHigh, twoProductError } from "./exp2.twin.js";
import {
  LOG_C3H, LOG_C3L, LOG_C5H, LOG_C5L, LOG_C6, LOG_HALF_FROM, LOG_LN2H, LOG_LN2L, LOG_LOG2EH, LOG_LOG2EL,
  LOG_TABLE, LOG_TABLE_STRIDE,
} from "./layout.js";
import { undecided } from "./undecided.twin.js";

const TWO64 = 18446744073709551616.0;
const C2 = -0.5;
const C4 = -0.25;
const EPS64 = 3.308722450212111e-27; // 2^-88
const EPS32 = 8.881784197001252e-16; // 2^-50

const LN2H = C[LOG_LN2H]!;
const LN2L = C[LOG_LN2L]!;
const LOG2EH = C[LOG_LOG2EH]!;
const LOG2EL = C[LOG_LOG2EL]!;
const C3H = C[LOG_C3H]!;
const C3L = C[LOG_C3L]!;
const C5H = C[LOG_C5H]!;
const C5L = C[LOG_C5L]!;
const C6 = C[LOG_C6]!;
const C7 = C[LOG_C6 + 1]!;
const C8 = C[LOG_C6 + 2]!;
const C9 = C[LOG_C6 + 3]!;
const C10 = C[LOG_C6 + 4]!;
const C11 = C[LOG_C6 + 5]!;
const C12 = C[LOG_C6 + 6]!;

const view = new DataView(new ArrayBuffer(8));

let ph = 0;
let pl = 0;
let ce = 0;
let entry = 0;
let low = 0;

function reduce(x: number): void {
  view.setFloat64(0, x, true);
  let hi = view.getUint32(4, true);
  let e = (hi >>> 20) - 1023;
  if (e === -1023) {
    view.setFloat64(0, x * TWO64, true);
    hi = view.getUint32(4, true);
    e = (hi >>> 20) - 1023 - 64;
  }
  const k = ((hi & 0xfffff) + 0x1000) >>> 13;
  view.setUint32(4, (hi & 0xfffff) | 0x3ff00000, true);
  let m = view.getFloat64(0, true);
  if (k >= LOG_HALF_FROM) {
    m *= 0.5;
    e += 1;
  }
  entry = LOG_TABLE + k * LOG_TABLE_STRIDE;
  const r = C[entry]!;
  const mh = splitHigh(m);
  const a = mh * r - 1.0;
  const b = (m - mh) * r;
  const uh = a + b;
  const bb = uh - a;
  const ul = (a - (uh - bb)) + (b - bb);
  const tail = C6 + uh * (C7 + uh * (C8 + uh * (C9 + uh * (C10 + uh * (C11 + uh * C12)))));
  const uH = splitHigh(uh);
  const uL = uh - uH;
  let qh = tail;
  let ql = 0.0;
  let p = uh * qh;
  let pe = twoProductErrorSplitU(uH, uL, qh, p) + uh * ql;
  let s = C5H + p;
  let se = (p - (s - C5H)) + C5L + pe;
  qh = s + se;
  ql = se - (qh - s);
  p = uh * qh;
  pe = twoProductErrorSplitU(uH, uL, qh, p) + uh * ql;
  s = C4 + p;
  se = (p - (s - C4)) + pe;
  qh = s + se;
  ql = se - (qh - s);
  p = uh * qh;
  pe = twoProductErrorSplitU(uH, uL, qh, p) + uh * ql;
  s = C3H + p;
  se = (p - (s - C3H)) + C3L + pe;
  qh = s + se;
  ql = se - (qh - s);
  p = uh * qh;
  pe = twoProductErrorSplitU(uH, uL, qh, p) + uh * ql;
  s = C2 + p;
  se = (p - (s - C2)) + pe;
  qh = s + se;
  ql = se - (qh - s);
  const u2h = uh * uh;
  const u2l = twoProductErrorSplitU(uH, uL, uh, u2h);
  const th = u2h * qh;
  const tl = twoProductError(u2h, qh, th) + (u2h * ql + u2l * qh);
  const sh = uh + th;
  ph = sh;
  pl = (th - (sh - uh)) + tl + ul / (1.0 + uh);
  ce = e;
}

function twoProductErrorSplitU(uH: number, uL: number, b: number, p: number): number {
  const bH = splitHigh(b);
  const bL = b - bH;
  return ((uH * bH - p) + uH * bL + uL * bH) + uL * bL;
}

/** log2 x as a double-double for a finite x > 0, within 2^-94 relative: high part; log2Low() the low. */
export function log2dd(x: number): number {
  reduce(x);
  const qh = ph * LOG2EH;
  const ql = twoProductError(ph, LOG2EH, qh) + (ph * LOG2EL + pl * LOG2EH);
  const t2h = C[entry + 1]!;
  const s1 = t2h + qh;
  const b1 = s1 - t2h;
  const e1 = (t2h - (s1 - b1)) + (qh - b1);
  const s2 = ce + s1;
  const b2 = s2 - ce;
  const e2 = (ce - (s2 - b2)) + (s1 - b2);
  const rest = e2 + e1 + C[entry + 2]! + ql;
  const h = s2 + rest;
  low = rest - (h - s2);
  return h;
}

export function log2Low(): number {
  return low;
}

function lndd(x: number): number {
  reduce(x);
  const a = ce * LN2H;
  const tlh = C[entry + 3]!;
  const s1 = a + tlh;
  const b1 = s1 - a;
  const e1 = (a - (s1 - b1)) + (tlh - b1);
  const s2 = s1 + ph;
  const b2 = s2 - s1;
  const e2 = (s1 - (s2 - b2)) + (ph - b2);
  const rest = e2 + e1 + ce * LN2L + C[entry + 4]! + pl;
  const h = s2 + rest;
  low = rest - (h - s2);
  return h;
}

/** ln x as [hi, lo] for a finite x > 0, for tests that measure its error. */
export function lnddForTesting(x: number): [number, number] {
  const h = lndd(x);
  return [h, low];
}

function special(x: number): number {
  if (x === 0.0) return -Infinity;
  if (x > 0.0) return x;
  return NaN;
}

export function log64(x: number): number {
  if (!(x > 0.0 && x < Infinity)) return special(x);
  if (x === 1.0) return 0.0;
  const h = lndd(x);
  const d = Math.abs(h) * EPS64;
  const lo = h + (low - d);
  const hi = h + (low + d);
  return lo === hi ? lo : undecided();
}

export function log32(x: number): number {
  if (!(x > 0.0 && x < Infinity)) return special(x);
  if (x === 1.0) return 0.0;
  const h = lndd(x);
  const lo = Math.fround(h * (1.0 - EPS32));
  const hi = Math.fround(h * (1.0 + EPS32));
  return lo === hi ? lo : undecided();
}
