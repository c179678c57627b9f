/**
 * Python's semantics where Hugging Face's lr lambdas need more than lrdecay/torch's (torch/python.ts:
 * Python's `%`, `/` with its ZeroDivisionError, and the correctly rounded math.cos and `**` of the
 * contract): `max(0, x)`, math.cos's ValueError, `**`'s OverflowError, the true division of ints
 * beyond 2^53, and repr() of a float for HF's error messages.
 */
import { bitLength, BINARY64, roundDyadic } from "../exact/binary.js";
import { cos as crCos, pyPow } from "../torch/python.js";

/**
 * Python's `max(0, x)` and `max(0.0, x)`: the first argument unless x is greater, so 0 for NaN
 * (where Math.max gives NaN) and for -0.
 */
export function maxZero(x: number): number {
  return x > 0 ? x : 0;
}

/**
 * `math.cos(x)`, correctly rounded; like Python, NaN for NaN, and a ValueError (a RangeError here)
 * for an infinity, which a cosine's argument reaches when num_cycles is near the largest double.
 */
export function cos(x: number): number {
  if (x === Infinity || x === -Infinity) throw new RangeError(`math domain error (Python's ValueError): math.cos(${x > 0 ? "inf" : "-inf"})`);
  if (Number.isNaN(x)) return NaN;
  return crCos(x);
}

/**
 * Python's `x ** y` on finite floats, correctly rounded: torch/python.ts's pyPow (ZeroDivisionError
 * for 0.0 ** -y, no complex results), and an OverflowError where the result would be infinite
 * (CPython's float_pow raises for ERANGE; + - * / overflow silently, ** does not).
 */
export function floatPow(x: number, y: number): number {
  const v = pyPow(x, y);
  if (v === Infinity || v === -Infinity) throw new RangeError(`(34, 'Numerical result out of range') (Python's OverflowError): ${floatRepr(x)} ** ${floatRepr(y)}`);
  return v;
}

/** 2^53: below it every integer is a double, and a sum of two safe integers is exact. */
export const TWO53 = 9007199254740992;

/**
 * Python's `a / b` on ints (true division): the exact quotient rounded once, to nearest, ties to
 * even, however large a and b are (CPython's long_true_divide). For a sum that left 2^53 behind.
 */
export function intTrueDivide(a: bigint, b: bigint): number {
  if (b === 0n) throw new RangeError("division by zero (Python's ZeroDivisionError)");
  const negative = (a < 0n) !== (b < 0n);
  const x = a < 0n ? -a : a;
  const y = b < 0n ? -b : b;
  if (x === 0n) return negative ? -0 : 0;
  // A quotient of at least 55 bits, and a sticky bit for the remainder: enough to round to 53 bits
  // as the exact quotient rounds (the remainder can never put it on a tie it was not on).
  const shift = Math.max(0, 55 + bitLength(y) - bitLength(x));
  const scaled = x << BigInt(shift);
  const q = scaled / y;
  const sticky = scaled - q * y === 0n ? 0n : 1n;
  const v = roundDyadic((q << 1n) | sticky, -shift - 1, BINARY64);
  return negative ? -v : v;
}

/**
 * `repr(x)` of a Python float, for HF's messages (`lr_end (1e-07) must be smaller than initial lr
 * (10.0)`): the shortest digits that read back (as JavaScript's), in scientific notation with a
 * two-digit exponent below 1e-4 and from 1e16 on, else fixed with ".0" when integral.
 */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (x === Infinity || x === -Infinity) return x > 0 ? "inf" : "-inf";
  if (Object.is(x, -0)) return "-0.0";
  const [mantissa, exp] = x.toExponential().split("e") as [string, string];
  const e = Number(exp);
  if (e < -4 || e >= 16) return `${mantissa}e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
  const s = String(x);
  return s.includes(".") ? s : `${s}.0`;
}
