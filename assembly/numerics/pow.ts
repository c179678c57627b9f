// x^y for two values of the dtype (the base varies per element: PolynomialDecay's pow(1 - p, power),
// CosineDecayRestarts' pow(T, i)), correctly rounded or not at all.
//
// JS twin: pow.twin.ts, the same functions with the same operations in the same order.
//
// powv64 and powv32 return the correctly rounded IEEE pow(x, y), or undecided() (undecided.ts); the
// caller then asks src/exact/pow.ts's powSignedCorrectlyRounded, whose BigInt Ziv loop decides and
// which also settles the exact and midpoint powers ((1 + 2^-12)^2 in float32, 0.25^0.5) that no
// approximation could. Only IEEE-exact operations (shared/NUMERICS.md).
//
// |x|^y = 2^(y log2 |x|): log2 |x| from log.ts's log2dd as a double-double within 2^-94 relative,
// then exp2.ts's fixed-base machinery, which takes log2 r precomputed in the same two forms:
//   float64: pow64(y, l1, l2). Its rounding test (EPS64 = 2^-68) covers expSplit's 2^-70 plus an
//     error in t = y log2|x| of up to about 2^-70; log2dd's 2^-94 |t| <= 2^-83.8 (|t| <= 1100).
//   float32: pow32(y, lh, ll) with lh = log2|x| cut to 29 significant bits (Veltkamp's split by
//     2^24 + 1, as src/exact/constants.ts's log2Split32 does), so that y lh is exact for a float32
//     y; ll = the rest. Its budget (EPS_Y = 2^-48 against 2^-51) takes 2^-82 |t| from ll; log2dd's
//     2^-94 |t| adds nothing visible.
// The sign: x < 0 with an odd integer y negates |x|^y (exactly); with a non-integer y it is NaN.
//
// Special cases, IEEE 754 / C99 Annex F.9.4.4: pow(x, +-0) = 1 and pow(1, y) = 1 for every x and y,
// NaN included; pow(-1, +-Infinity) = 1; otherwise NaN in gives NaN; pow(+-0, y) = +-0 (y > 0) or
// +-Infinity (y < 0), the sign kept only for odd integer y; pow(x, -Infinity) = +Infinity for
// |x| < 1, +0 for |x| > 1, and pow(x, +Infinity) the other way round; pow(-Infinity, y) =
// pow(-0, -y); pow(+Infinity, y) = +Infinity (y > 0) or +0 (y < 0).

import { pow32, pow64 } from "./exp2";
import { log2dd, log2Low } from "./log";

// Veltkamp's splitter for a 29-bit head: 2^24 + 1.
const SPLIT29: f64 = 16777217.0;
// 2^53: every double at least this large is an even integer.
const TWO53: f64 = 9007199254740992.0;

/** Whether y is an odd integer (then a negative base keeps its sign). */
// @ts-ignore: decorator
@inline
function isOddInteger(y: f64): bool {
  const h = y * 0.5;
  return Math.abs(y) < TWO53 && Math.floor(y) == y && Math.floor(h) != h;
}

// Set by specialPow: the sign of the result (true: negative), and whether it already answered.
let negative: bool = false;
let answered: bool = false;

/**
 * Every case but finite |x| not in {0, 1} with finite y != 0: sets answered and returns the
 * result; otherwise sets negative and returns |x|.
 */
// @ts-ignore: decorator
@inline
function specialPow(x: f64, y: f64): f64 {
  answered = true;
  if (y == 0.0 || x == 1.0) return 1.0;
  if (x != x || y != y) return x + y; // NaN
  negative = false;
  // x < 0, or x = -0 (1 / -0 = -Infinity).
  if (x < 0.0 || (x == 0.0 && 1.0 / x < 0.0)) {
    if (Math.abs(y) < Infinity && Math.floor(y) != y) {
      if (x != -Infinity && x != 0.0) return NaN; // a negative finite base, a non-integer exponent
    } else {
      negative = isOddInteger(y);
    }
  }
  const ax = Math.abs(x);
  if (y == Infinity) return ax < 1.0 ? 0.0 : ax == 1.0 ? 1.0 : Infinity;
  if (y == -Infinity) return ax < 1.0 ? Infinity : ax == 1.0 ? 1.0 : 0.0;
  if (ax == 0.0) return negative ? (y > 0.0 ? -0.0 : -Infinity) : y > 0.0 ? 0.0 : Infinity;
  if (ax == Infinity) return negative ? (y > 0.0 ? -Infinity : -0.0) : y > 0.0 ? Infinity : 0.0;
  if (ax == 1.0) return negative ? -1.0 : 1.0; // x = -1, an integer y
  answered = false;
  return ax;
}

/** pow(x, y) rounded to float64, or undecided(). */
export function powv64(x: f64, y: f64): f64 {
  const ax = specialPow(x, y);
  if (answered) return ax;
  const l1 = log2dd(ax);
  const v = pow64(y, l1, log2Low());
  return negative ? -v : v;
}

/** pow(x, y) rounded to float32 (x, y float32 values), or undecided(). */
export function powv32(x: f64, y: f64): f64 {
  const ax = specialPow(x, y);
  if (answered) return ax;
  const l1 = log2dd(ax);
  const c = SPLIT29 * l1;
  const lh = c - (c - l1);
  const v = pow32(y, lh, (l1 - lh) + log2Low());
  return negative ? -v : v;
}
