/**
 * The correctly rounded natural logarithm, the exact fallback of assembly/numerics/log.ts: when the
 * fast path's rounding test cannot decide, `logCorrectlyRounded` encloses ln x = log2(x) ln 2 at
 * ever more bits (Ziv's strategy) until both ends of the enclosure round to the same float. ln x is
 * transcendental for every rational x != 1 (Lindemann), so it is never a float nor a midpoint and
 * the loop ends; x = 1 is answered first.
 */
import { roundDyadic, type Format } from "./binary.js";
import { ln2Fixed, log2Fixed } from "./fixed.js";

/**
 * Encloses ln x for finite x > 0 at `bits` fractional bits: [v, err] with |ln x - v 2^-bits| <=
 * err 2^-bits. log2Fixed is within 2 units and ln2Fixed within `bits` units of 2^-bits, and the
 * product is truncated once: err = 2 ln 2 + |log2 x| bits + 1 < 3 + (|L| 2^-bits + 1) bits.
 */
function lnEnclosure(x: number, bits: number): [bigint, bigint] {
  const b = BigInt(bits);
  const l = log2Fixed(x, bits);
  const v = (l * ln2Fixed(bits)) >> b;
  const whole = (l < 0n ? -l : l) >> b;
  return [v, 4n + (whole + 1n) * b];
}

/**
 * ln x rounded to nearest (ties to even) in `fmt`, with C99's special values: ln(+-0) = -Infinity,
 * ln(x < 0) = NaN, ln(+Infinity) = +Infinity, ln(NaN) = NaN, ln(1) = +0.
 */
export function logCorrectlyRounded(x: number, fmt: Format): number {
  if (Number.isNaN(x) || x < 0) return NaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return Infinity;
  if (x === 1) return 0;
  // |ln x| >= 2^-(precision + 1) for x != 1 in the format, so 2 precision + 64 fractional bits
  // leave precision + 60 significant bits or more at the first try.
  for (let bits = 2 * fmt.precision + 64; bits <= 1 << 15; bits *= 2) {
    const [v, err] = lnEnclosure(x, bits);
    const negative = v < 0n;
    const mag = negative ? -v : v;
    if (mag > err) {
      const a = roundDyadic(mag - err, -bits, fmt);
      if (a === roundDyadic(mag + err, -bits, fmt)) return negative ? -a : a;
    }
  }
  throw new Error(`lrdecay internal error: ln(${x}) could not be rounded`);
}
