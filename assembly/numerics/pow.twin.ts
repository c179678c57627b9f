// JS twin of pow.ts: the same functions with the same operations in the same order, on JavaScript
// numbers (IEEE doubles). Read pow.ts for the algorithm, its error bounds and the special cases.
// The bits of x are read through a DataView (little-endian, stated), which is what the kernel's
// reinterpret does.

import { CONSTANTS as C } from "../../src/generated/constants.js";
import { pow32, splitHigh, twoProductError, twoProductErrorSplit } from "./exp2.twin.js";
import {
  EXP2_TABLE, LOG_HALF_FROM, LOG_LN2H, LOG_LN2L, LOG_TABLE, LOG_TABLE_STRIDE, POW_INV_LN2_256, POW_L2_C1H, POW_L2_C1L,
  POW_L2_C2, POW_LN2_256H, POW_LN2_256L,
} from "./layout.js";
import { undecided, wasUndecided } from "./undecided.twin.js";

const SPLIT29 = 16777217.0;
const SPLIT13 = 1099511627777.0;
const TWO53 = 9007199254740992.0;
const TWO64 = 18446744073709551616.0;
const K3 = 5461.0 / 16384.0;
const K3B = 1.0 / 49152.0;
const THIRD = 1.0 / 3.0;
const LN4 = -0.25;
const LN5 = 1.0 / 5.0;
const LN6 = -1.0 / 6.0;
const LN7 = 1.0 / 7.0;
const LN8 = -0.125;
const LN9 = 1.0 / 9.0;
const LN10 = -1.0 / 10.0;
const EX3 = 1.0 / 6.0;
const EX4 = 1.0 / 24.0;
const EX5 = 1.0 / 120.0;
const EX6 = 1.0 / 720.0;
const EX7 = 1.0 / 5040.0;
const T64_LIMIT = 746.0;
const EPS_BASE = 1.3234889800848443e-23; // 2^-76
const EPS_SLOPE = 1.0587911840678754e-22; // 2^-73

const L2_C1H = C[POW_L2_C1H]!;
const L2_C1L = C[POW_L2_C1L]!;
const L2_C2 = C[POW_L2_C2]!;
const L2_C3 = C[POW_L2_C2 + 1]!;
const L2_C4 = C[POW_L2_C2 + 2]!;
const L2_C5 = C[POW_L2_C2 + 3]!;
const L2_C6 = C[POW_L2_C2 + 4]!;
const L2_C7 = C[POW_L2_C2 + 5]!;
const L2_C8 = C[POW_L2_C2 + 6]!;
const LN2H = C[LOG_LN2H]!;
const LN2L = C[LOG_LN2L]!;
const INV_LN2_256 = C[POW_INV_LN2_256]!;
const LN2_256H = C[POW_LN2_256H]!;
const LN2_256L = C[POW_LN2_256L]!;

// 2^n for -1074 <= n <= 1023 at SCALE[n + 1074] (exp2.twin.ts builds the same).
const SCALE = new Float64Array(2098);
SCALE[1074] = 1;
for (let n = 1; n <= 1023; n++) SCALE[1074 + n] = SCALE[1073 + n]! * 2;
for (let n = 1; n <= 1074; n++) SCALE[1074 - n] = SCALE[1075 - n]! * 0.5;

const view = new DataView(new ArrayBuffer(8));

function isOddInteger(y: number): boolean {
  const h = y * 0.5;
  return Math.abs(y) < TWO53 && Math.floor(y) === y && Math.floor(h) !== h;
}

let negative = false;
let answered = false;

function specialPow(x: number, y: number): number {
  answered = true;
  if (y === 0.0 || x === 1.0) return 1.0;
  if (x !== x || y !== y) return x + y;
  negative = false;
  if (x < 0.0 || (x === 0.0 && 1.0 / x < 0.0)) {
    if (Math.abs(y) < Infinity && Math.floor(y) !== y) {
      if (x !== -Infinity && x !== 0.0) return NaN;
    } else {
      negative = isOddInteger(y);
    }
  }
  const ax = Math.abs(x);
  if (y === Infinity) return ax < 1.0 ? 0.0 : ax === 1.0 ? 1.0 : Infinity;
  if (y === -Infinity) return ax < 1.0 ? Infinity : ax === 1.0 ? 1.0 : 0.0;
  if (ax === 0.0) return negative ? (y > 0.0 ? -0.0 : -Infinity) : y > 0.0 ? 0.0 : Infinity;
  if (ax === Infinity) return negative ? (y > 0.0 ? -Infinity : -0.0) : y > 0.0 ? Infinity : 0.0;
  if (ax === 1.0) return negative ? -1.0 : 1.0;
  answered = false;
  return ax;
}

// The bits of a float32: one element aliased, the same bytes whatever the platform's byte order.
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

function powPositive32(x: number, y: number, probe: Float64Array | null): number {
  f32[0] = x;
  let bits = u32[0]!;
  let e = (bits >>> 23) - 127;
  if (e === -127) {
    f32[0] = x * TWO64;
    bits = u32[0]!;
    e = (bits >>> 23) - 127 - 64;
  }
  const k = ((bits & 0x7fffff) + 0x8000) >>> 16;
  let top = 0x3f800000;
  if (k >= LOG_HALF_FROM) {
    top = 0x3f000000;
    e += 1;
  }
  u32[0] = (bits & 0x7fffff) | top;
  const m = f32[0]!;
  const entry = LOG_TABLE + k * LOG_TABLE_STRIDE;
  const u = m * C[entry]! - 1.0;
  const th = C[entry + 1]!;
  const a = e + th;
  const ea = th - (a - e);
  const b = L2_C1H * u;
  const s = a + b;
  const es = b - (s - a);
  const q = L2_C2 + u * (L2_C3 + u * (L2_C4 + u * (L2_C5 + u * (L2_C6 + u * (L2_C7 + u * L2_C8)))));
  const small = (((u * u) * q + L2_C1L * u) + C[entry + 2]!) + (ea + es);
  const l = s + small;
  const le = small - (l - s);
  const cut = SPLIT29 * l;
  const lh = cut - (cut - l);
  const ll = (l - lh) + le;
  if (probe !== null) {
    probe[0] = lh;
    probe[1] = ll;
  }
  return pow32(y, lh, ll);
}

export function powv32(x: number, y: number): number {
  if (x > 0.0 && x < Infinity && y - y === 0.0) return powPositive32(x, y, null);
  const ax = specialPow(x, y);
  if (answered) return ax;
  const v = powPositive32(ax, y, null);
  return negative ? -v : v;
}

function powPositive64(x: number, y: number, probe: Float64Array | null): number {
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
  const entry = LOG_TABLE + k * LOG_TABLE_STRIDE;
  const r = C[entry]!;
  const mh = splitHigh(m);
  const a = mh * r - 1.0;
  const b = (m - mh) * r;
  const uh = a + b;
  const ul = b - (uh - a);
  let cut = SPLIT13 * uh;
  const hh = cut - (cut - uh);
  const hl = uh - hh;
  const h2 = hh * hh;
  const h3 = h2 * hh;
  const q2 = -0.5 * h2;
  const c3 = h3 * K3;
  const hx = -(hh * hl);
  let s = uh + q2;
  let lo = q2 - (s - uh);
  const s2 = s + c3;
  lo += c3 - (s2 - s);
  s = s2 + hx;
  lo += hx - (s - s2);
  const sq = uh * uh;
  const p = LN4 + uh * (LN5 + uh * (LN6 + uh * (LN7 + uh * (LN8 + uh * (LN9 + uh * LN10)))));
  const rest3 = h3 * K3B + hl * (((sq + uh * hh) + h2) * THIRD);
  lo += ((rest3 - 0.5 * (hl * hl)) + (sq * sq) * p) + ul / (1.0 + uh);
  const c1 = e * LN2H;
  const tlh = C[entry + 3]!;
  const p1 = c1 + tlh;
  const f1 = tlh - (p1 - c1);
  const p2 = p1 + s;
  const f2 = s - (p2 - p1);
  const rest = ((f1 + f2) + lo) + (C[entry + 4]! + e * LN2L);
  const lnH = p2 + rest;
  const lnL = rest - (lnH - p2);
  if (probe !== null) {
    probe[0] = lnH;
    probe[1] = lnL;
  }
  const th = y * lnH;
  if (!(Math.abs(th) <= T64_LIMIT)) return th > 0.0 ? Infinity : 0.0;
  const yh = splitHigh(y);
  const lh = splitHigh(lnH);
  const tl = twoProductErrorSplit(yh, y - yh, lh, lnH - lh, th) + y * lnL;
  const kf = Math.floor(th * INV_LN2_256 + 0.5);
  const fh = th - kf * LN2_256H;
  const fl = tl - kf * LN2_256L;
  const f = fh + fl;
  const bf = f - fh;
  const g = (fh - (f - bf)) + (fl - bf);
  cut = SPLIT13 * f;
  const ff = cut - (cut - f);
  const fg = f - ff;
  const e2 = 0.5 * (ff * ff);
  const es = f + e2;
  const ff2 = f * f;
  const sl =
    (e2 - (es - f)) +
    (((ff * fg + 0.5 * (fg * fg)) + (ff2 * f) * (EX3 + f * (EX4 + f * (EX5 + f * (EX6 + f * EX7))))) + g * (1.0 + f));
  const z = EXP2_TABLE + ((kf & 255) << 1);
  const tabh = C[z]!;
  const tabl = C[z + 1]!;
  const mm = tabh * es;
  const me = twoProductError(tabh, es, mm);
  const h = tabh + mm;
  const zl = (((mm - (h - tabh)) + me) + tabl) + (tabh * sl + tabl * es);
  if (probe !== null) {
    probe[2] = h;
    probe[3] = zl;
  }
  return round64w(h, zl, kf >> 8, EPS_BASE + Math.abs(th) * EPS_SLOPE);
}

function round64w(h: number, l: number, n: number, w: number): number {
  if (n > 1024) return Infinity;
  if (n < -1076) return 0.0;
  if (n < -1021) return undecided();
  const eps = w + w;
  const lo = h + (l - eps);
  const hi = h + (l + eps);
  if (lo !== hi) return undecided();
  return n === 1024 ? (lo * 2.0) * SCALE[1023 + 1074]! : lo * SCALE[n + 1074]!;
}

export function powv64(x: number, y: number): number {
  if (x > 0.0 && x < Infinity && y - y === 0.0) return powPositive64(x, y, null);
  const ax = specialPow(x, y);
  if (answered) return ax;
  const v = powPositive64(ax, y, null);
  return negative ? -v : v;
}

// The tests' views of the values before the rounding tests. Each lowers the undecided flag that the
// power it runs may raise.
const probe = new Float64Array(4);

/** ln x as [hi, lo] for a finite x > 0 (the float64 path's log), for tests that measure its error. */
export function ln64ForTesting(x: number): [number, number] {
  powPositive64(x, 1, probe);
  wasUndecided();
  return [probe[0]!, probe[1]!];
}

/** log2 x as [lh, ll] for a float32 x > 0 (the float32 path's log), for tests that measure its error. */
export function log2Split32ForTesting(x: number): [number, number] {
  powPositive32(x, 1, probe);
  wasUndecided();
  return [probe[0]!, probe[1]!];
}

/**
 * powv64's z for a positive normal x whose |y ln x| is within T64_LIMIT, before its rounding test:
 * [h, l, n, w], where 2^n (h + l) approximates x^y and w is the test's relative width, for tests
 * that measure the error against w.
 */
export function powZ64ForTesting(x: number, y: number): [number, number, number, number] {
  powPositive64(x, y, probe);
  wasUndecided();
  const th = y * probe[0]!;
  return [probe[2]!, probe[3]!, Math.floor(th * INV_LN2_256 + 0.5) >> 8, EPS_BASE + Math.abs(th) * EPS_SLOPE];
}
