// JS twin of pow.ts: the same functions with the same operations in the same order, on JavaScript
// numbers (IEEE doubles). Read pow.ts for the algorithm, its error budget and the special cases.

import { pow32, pow64 } from "./exp2.twin.js";
import { log2dd, log2Low } from "./log.twin.js";

const SPLIT29 = 16777217.0;
const TWO53 = 9007199254740992.0;

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

export function powv64(x: number, y: number): number {
  const ax = specialPow(x, y);
  if (answered) return ax;
  const l1 = log2dd(ax);
  const v = pow64(y, l1, log2Low());
  return negative ? -v : v;
}

export function powv32(x: number, y: number): number {
  const ax = specialPow(x, y);
  if (answered) return ax;
  const l1 = log2dd(ax);
  const c = SPLIT29 * l1;
  const lh = c - (c - l1);
  const v = pow32(y, lh, (l1 - lh) + log2Low());
  return negative ? -v : v;
}
