/**
 * The correctly rounded cosine (and sine, for the constant tables of cos.ts's near paths, whose
 * double-double entries also take cosEnclosure directly), the exact fallback of
 * assembly/numerics/cos.ts (and of its twin cos.twin.ts): when the fast path's rounding test cannot
 * decide, `cosCorrectlyRounded` encloses cos(x) at ever more bits (Ziv's strategy) until both ends
 * of the enclosure round alike.
 *
 * The loop always ends: for a float x != 0, cos(x) is transcendental (Lindemann), so it is neither
 * a float nor a midpoint between two floats, and a narrow enough enclosure decides it. cos(0) = 1.
 *
 * The argument is reduced modulo pi/2 with enough bits of pi for any finite double (up to 2^1024
 * needs 1024 more bits than the result): pi comes from Machin's formula on BigInt, cached.
 * Only integer arithmetic and correctly rounded conversions (docs/NUMERICS.md, "Determinism").
 */
import { bitLength, decompose, roundDyadic, type Format } from "./binary.js";

/** atan(1/n) * 2^bits for an integer n >= 2, error below `terms` units (one truncation a term). */
function atanInverse(n: bigint, bits: bigint): [value: bigint, terms: number] {
  // atan(1/n) = sum (-1)^k / ((2k + 1) n^(2k + 1)); power = 2^bits / n^(2k + 1), truncated.
  const n2 = n * n;
  let power = (1n << bits) / n;
  let sum = power;
  let terms = 1;
  for (let k = 1n; power !== 0n; k++) {
    power /= n2;
    const term = power / (2n * k + 1n);
    sum += k & 1n ? -term : term;
    terms++;
  }
  return [sum, terms];
}

// pi at a few sizes, each a multiple of PI_STEP bits: a value depends on its size alone, never on
// which calls came before.
const piCache = new Map<number, bigint>();
const PI_STEP = 256;
const PI_GUARD = 32;

/**
 * pi * 2^bits, truncated, with an error below 2 units of 2^-bits. Machin's formula
 * pi = 16 atan(1/5) - 4 atan(1/239) at `size` + 32 guard bits: the series' truncations
 * (below 16 * 2 * bits/2.3 units of the guarded precision, far below 2^32) and the final shift
 * cost under 2 units.
 */
export function piFixed(bits: number): bigint {
  const size = Math.ceil((bits + 1) / PI_STEP) * PI_STEP;
  let v = piCache.get(size);
  if (v === undefined) {
    const g = BigInt(size + PI_GUARD);
    v = (16n * atanInverse(5n, g)[0] - 4n * atanInverse(239n, g)[0]) >> BigInt(PI_GUARD);
    piCache.set(size, v);
  }
  return v >> BigInt(size - bits);
}

/**
 * Encloses cos(x) for a finite x: returns [lo, hi] with lo * 2^-bits <= cos(x) <= hi * 2^-bits.
 * With quarter = 1, encloses cos(|x| - pi/2) = sin(|x|) instead (the same reduction, one quadrant on).
 *
 * x = k pi/2 + r with |r| <= pi/4 (a hair more when k is rounded the other way); cos(x) is
 * cos(r), -sin(r), -cos(r), sin(r) for k = 0, 1, 2, 3 mod 4. r is known to 2 units of 2^-bits,
 * and the Taylor series of the computed r lose at most 4 units a term and 8 at the end.
 */
export function cosEnclosure(x: number, bits: number, quarter: 0 | 1 = 0): [bigint, bigint] {
  const [m0, e] = decompose(Math.abs(x));
  const m = m0 < 0n ? -m0 : m0;
  // |x| < 2^xBits, and k < 2^xBits: pi/2 at W bits makes k's multiple of it err by
  // 4 k 2^-W < 2^-(bits + 6), and X's truncation 2^-W.
  const xBits = Math.max(0, e + bitLength(m));
  const W = bits + xBits + 8;
  const halfPi = piFixed(W - 1); // pi/2 * 2^W, error < 4 units of 2^-W
  const X = e + W >= 0 ? m << BigInt(e + W) : m >> BigInt(-(e + W)); // |x| * 2^W, error < 1 unit
  const k = (2n * X + halfPi) / (2n * halfPi); // round(|x| / (pi/2)), X >= 0
  const R = X - k * halfPi;
  // Arithmetic shift: floor, error < 1 unit; with the reduction's < 1/32 unit, r is within 2 units.
  const r = R >> BigInt(W - bits);
  const q = Number((k + 4n - BigInt(quarter)) & 3n);
  const sign = r < 0n ? -1n : 1n;
  const ra = r < 0n ? -r : r;
  const b = BigInt(bits);
  const z = (ra * ra) >> b;
  // Alternating series; each term t_n = t_{n-1} z / d_n with two truncations: with z < 1 and
  // d_n >= 2, a term is off by at most e_{n-1}/2 + 2 < 4 units, and the sum by 4 units a term;
  // the tail beyond the first zero term is below that term's error plus one unit.
  let t = q & 1 ? ra : 1n << b;
  let sum = t;
  let terms = 1;
  for (let d = q & 1 ? 2n : 1n; t !== 0n; d += 2n) {
    t = ((t * z) >> b) / (d * (d + 1n));
    sum += terms & 1 ? -t : t;
    terms++;
  }
  // cos(r) for even k, sin(|r|) for odd k; r's error (2 units) moves either by at most 2 units.
  const err = BigInt(4 * terms + 8 + 2);
  let v: bigint;
  if (q === 0) v = sum;
  else if (q === 1) v = -sign * sum;
  else if (q === 2) v = -sum;
  else v = sign * sum;
  return [v - err, v + err];
}

/** v * 2^-bits rounded to `fmt`, for a signed v. */
function roundSigned(v: bigint, bits: number, fmt: Format): number {
  return v < 0n ? -roundDyadic(-v, -bits, fmt) : roundDyadic(v, -bits, fmt);
}

/**
 * cos(x) rounded to nearest (ties to even; there are none) in `fmt`, for any finite x: the exact
 * value of the double x, whatever its size. cos(+-0) = 1; NaN and +-Infinity give NaN.
 */
export function cosCorrectlyRounded(x: number, fmt: Format): number {
  if (!Number.isFinite(x)) return NaN;
  if (x === 0) return 1;
  return rounded(x, fmt, 0, "cos");
}

/**
 * sin(x) rounded to nearest in `fmt`, for any finite x (sin(+-0) = +-0; NaN and +-Infinity give
 * NaN). For x != 0, sin(x) is transcendental too (Lindemann), so the loop ends.
 */
export function sinCorrectlyRounded(x: number, fmt: Format): number {
  if (!Number.isFinite(x)) return NaN;
  if (x === 0) return x;
  const v = rounded(x, fmt, 1, "sin");
  return x < 0 ? -v : v; // the enclosure is of sin(|x|)
}

/** Ziv's loop on cosEnclosure: cos(|x|) (quarter 0) or sin(|x|) (quarter 1), x != 0 finite. */
function rounded(x: number, fmt: Format, quarter: 0 | 1, name: string): number {
  // Start where a float64 needs about 40 bits beyond its own, and double: the enclosure is
  // absolute, so results near 0 (x near a zero of the function) may need a round more.
  for (let bits = 2 * fmt.precision + 40; bits <= 1 << 16; bits *= 2) {
    const [lo, hi] = cosEnclosure(x, bits, quarter);
    if (lo > 0n === hi > 0n && lo !== 0n && hi !== 0n) {
      const a = roundSigned(lo, bits, fmt);
      if (a === roundSigned(hi, bits, fmt)) return a;
    }
  }
  throw new Error(`lrdecay internal error: ${name}(${x}) could not be rounded`);
}
