/**
 * Python's arithmetic where it differs from JavaScript's, and the correctly rounded `math.cos`,
 * `math.log` and float `**` of the contract (docs/NUMERICS.md, "Other frameworks"): each is the
 * fast twin of lrdecay's Wasm numerics (assembly/numerics/*.twin.ts), which either rounds or says
 * it cannot, then the exact BigInt fallback (src/exact/). `+ - * /` and `Math.sqrt` are IEEE
 * binary64 in both languages, bit for bit.
 */
import { cos64 } from "../../assembly/numerics/cos.twin.js";
import { log64 } from "../../assembly/numerics/log.twin.js";
import { powv64 } from "../../assembly/numerics/pow.twin.js";
import { wasUndecided } from "../../assembly/numerics/undecided.twin.js";
import { BINARY64 } from "../exact/binary.js";
import { cosCorrectlyRounded } from "../exact/cos.js";
import { logCorrectlyRounded } from "../exact/log.js";
import { powSignedCorrectlyRounded } from "../exact/pow.js";

/** `math.pi`: the double nearest pi, as Python's. */
export const PI = Math.PI;

/** `math.cos(x)`, correctly rounded. */
export function cos(x: number): number {
  const v = cos64(x);
  return wasUndecided() ? cosCorrectlyRounded(x, BINARY64) : v;
}

/**
 * `math.cos(x)`, correctly rounded, for an x whose cosine a kernel has just left undecided: the
 * exact path alone (the fast twin would only say again that it cannot round it).
 */
export function cosUndecided(x: number): number {
  return cosCorrectlyRounded(x, BINARY64);
}

/** `math.log(x)` (one argument), correctly rounded; x > 0. */
export function log(x: number): number {
  const v = log64(x);
  return wasUndecided() ? logCorrectlyRounded(x, BINARY64) : v;
}

/** `x ** y` on floats (C's pow), correctly rounded. */
export function pow(x: number, y: number): number {
  const v = powv64(x, y);
  return wasUndecided() ? powSignedCorrectlyRounded(x, y, BINARY64) : v;
}

/** `math.log(x, base)`: Python computes log(x) / log(base), each rounded, then the quotient. */
export function logBase(x: number, base: number): number {
  return log(x) / log(base);
}

/**
 * Python's `a % b` on floats (and on ints within 2^53, where it is the same): C's fmod, which
 * JavaScript's `%` is, exactly; then the divisor's sign, as CPython's float_rem.
 */
export function mod(a: number, b: number): number {
  const m = a % b;
  if (m !== 0) return (b < 0) !== (m < 0) ? m + b : m;
  return b < 0 ? -0 : 0;
}

/**
 * Python's `a // b` on ints (exact for |a|, |b| < 2^53): a - (a mod b) is a multiple of b, so the
 * division is exact, where Math.floor(a / b) could round the quotient up to the next integer.
 */
export function floorDiv(a: number, b: number): number {
  return (a - mod(a, b)) / b;
}

/** `bisect.bisect_right(sorted, x)`: the number of elements <= x. */
export function bisectRight(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x < sorted[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Python's `x ** y` on floats, with its errors where C's pow would give a number: `0.0 ** -1`
 * raises ZeroDivisionError, and a negative base with a fractional exponent gives a complex number
 * (which no learning rate can be). Both are RangeErrors here.
 */
export function pyPow(x: number, y: number): number {
  if (x === 0 && y < 0) throw new RangeError(`0.0 cannot be raised to a negative power (Python's ZeroDivisionError): ${x} ** ${y}`);
  if (x < 0 && !Number.isInteger(y) && Number.isFinite(y))
    throw new RangeError(`A negative number cannot be raised to a fractional power (Python would give a complex number): ${x} ** ${y}`);
  return pow(x, y);
}

/** Python's `a / b` on numbers, with its ZeroDivisionError as a RangeError naming what divided. */
export function div(a: number, b: number, what: string): number {
  if (b === 0) throw new RangeError(`float division by zero (Python's ZeroDivisionError) in ${what}`);
  return a / b;
}

/** Python's `int ** int` for a non-negative exponent: exact while the result is below 2^53. */
export function intPow(base: number, exponent: number): number {
  let r = 1;
  for (let i = 0; i < exponent; i++) r *= base;
  return r;
}
