/**
 * Exact arithmetic on BigInt: binary formats, exact decomposition of doubles, and correct rounding
 * of a dyadic rational x 2^e to a format. The base of every exact fallback in src/exact/.
 *
 * Only integer operations and correctly rounded conversions are used (Number(bigint) rounds to
 * nearest, ties to even). Nothing in src/exact/ touches Math.pow/exp/log/cos, whose results differ
 * between JavaScript engines (docs/NUMERICS.md, "Determinism").
 */

/** A binary floating-point format: precision in bits and the exponent range of normal numbers. */
export interface Format {
  readonly precision: number;
  readonly emin: number;
  readonly emax: number;
}
export const BINARY32: Format = { precision: 24, emin: -126, emax: 127 };
export const BINARY64: Format = { precision: 53, emin: -1022, emax: 1023 };

const f64Scratch = new Float64Array(1);
const u64Scratch = new BigUint64Array(f64Scratch.buffer);

/** 2^n as a double, built from its bits; exact for every n in [-1074, 1023]. */
export function pow2(n: number): number {
  if (n > 1023) return Infinity;
  if (n < -1074) return 0;
  u64Scratch[0] = n >= -1022 ? BigInt(n + 1023) << 52n : 1n << BigInt(n + 1074);
  return f64Scratch[0]!;
}

/** x = mantissa * 2^exponent exactly, for a finite double x. The mantissa carries the sign. */
export function decompose(x: number): [mantissa: bigint, exponent: number] {
  f64Scratch[0] = x;
  const bits = u64Scratch[0]!;
  const biased = Number((bits >> 52n) & 0x7ffn);
  let m = bits & 0xfffffffffffffn;
  let e = -1074;
  if (biased !== 0) {
    m |= 1n << 52n;
    e = biased - 1075;
  }
  return [bits >> 63n ? -m : m, e];
}

export function bitLength(x: bigint): number {
  if (x < 0n) x = -x;
  if (x === 0n) return 0;
  const hex = x.toString(16);
  return (hex.length - 1) * 4 + 32 - Math.clz32(parseInt(hex[0]!, 16));
}

/** Strips trailing zero bits: x = odd * 2^shift. */
export function oddPart(x: bigint): [odd: bigint, shift: number] {
  let shift = 0;
  while (x !== 0n && (x & 0xffffffffn) === 0n) {
    x >>= 32n;
    shift += 32;
  }
  while (x !== 0n && (x & 1n) === 0n) {
    x >>= 1n;
    shift++;
  }
  return [x, shift];
}

/**
 * Rounds the exact value x * 2^e (x >= 0) to the nearest number of `fmt`, ties to even,
 * with gradual underflow and overflow to Infinity, and returns it as a JavaScript number.
 */
export function roundDyadic(x: bigint, e: number, fmt: Format): number {
  if (x === 0n) return 0;
  const p = fmt.precision;
  const top = bitLength(x) - 1 + e; // x * 2^e lies in [2^top, 2^(top+1))
  if (top > fmt.emax + 1) return Infinity;
  if (top < fmt.emin - p - 1) return 0; // below half the smallest subnormal
  const quantum = Math.max(top - (p - 1), fmt.emin - (p - 1));
  const shift = quantum - e;
  let y: bigint;
  if (shift <= 0) {
    y = x << BigInt(-shift);
  } else {
    const s = BigInt(shift);
    y = x >> s;
    const rest = x - (y << s);
    const half = 1n << (s - 1n);
    if (rest > half || (rest === half && (y & 1n) === 1n)) y += 1n;
  }
  if (bitLength(y) - 1 + quantum > fmt.emax) return Infinity;
  // y has at most p + 1 bits and y * 2^quantum is representable, so this product is exact.
  return Number(y) * pow2(quantum);
}

