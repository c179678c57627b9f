/**
 * The shortest decimal of a binary float, decided exactly (BigInt), independently of
 * src/cli/shortest.ts and src/core/format.ts: the float's rounding interval (half the gap to each
 * neighbour; a power of two's gap below is half its gap above; the ends belong to it when its
 * significand is even, as round-half-even reads them), then for k = 1, 2, ... digits the two
 * k-digit decimals around x; the first k with one inside wins, the nearer to x if both are.
 * This is the definition numpy's repr (Dragon4) and Ryu implement.
 */
interface Binary {
  /** Significand bits, the hidden one included. */
  readonly precision: number;
  /** The exponent of the smallest normal number. */
  readonly minExponent: number;
}
export const FLOAT32: Binary = { precision: 24, minExponent: -126 };
export const FLOAT64: Binary = { precision: 53, minExponent: -1022 };

/** x = m * 2^e, with m an integer of at most `precision` bits (x > 0 finite). */
function decompose(x: number, f: Binary): { m: bigint; e: number; lowerGapHalved: boolean } {
  // Exactly: scale by powers of two (exact in doubles) until x is an integer of precision bits.
  let e = 0;
  let v = x;
  const top = 2 ** f.precision;
  while (v >= top) (v /= 2), e++;
  while (v < top / 2 && e > f.minExponent - (f.precision - 1)) (v *= 2), e--;
  if (!Number.isInteger(v)) throw new Error(`not a float of this format: ${x}`);
  const m = BigInt(v);
  // A power of two above the smallest normal: the gap below is half the gap above.
  return { m, e, lowerGapHalved: m === BigInt(top / 2) && e > f.minExponent - (f.precision - 1) };
}

const pow = (b: bigint, n: number) => b ** BigInt(n);

/** The shortest decimal of x > 0 (finite) as digits c and exponent t: x ~ c * 10^t. */
export function shortestExact(x: number, f: Binary): { c: bigint; t: number } {
  const { m, e, lowerGapHalved } = decompose(x, f);
  // Everything times 4 * 2^-e (when e < 0) so that the interval's ends are integers:
  // x = 4m, low = 4m - (lowerGapHalved ? 1 : 2), high = 4m + 2, in units of 2^(e-2).
  const X = 4n * m;
  const low = X - (lowerGapHalved ? 1n : 2n);
  const high = X + 2n;
  const inclusive = m % 2n === 0n;
  // A decimal c * 10^t against these, all in units of 2^(e-2): c * 10^t * 2^(2-e).
  const scaled = (c: bigint, t: number): [bigint, bigint] => {
    // numerator and denominator of c * 10^t / 2^(e-2)
    let num = c;
    let den = 1n;
    if (t >= 0) num *= pow(10n, t);
    else den *= pow(10n, -t);
    if (e - 2 >= 0) den *= pow(2n, e - 2);
    else num *= pow(2n, 2 - e);
    return [num, den];
  };
  const inside = (c: bigint, t: number) => {
    const [num, den] = scaled(c, t);
    const aboveLow = inclusive ? num >= low * den : num > low * den;
    const belowHigh = inclusive ? num <= high * den : num < high * den;
    return aboveLow && belowHigh;
  };
  // E with 10^E <= x < 10^(E+1), exactly.
  let E = Math.floor(Math.log10(x));
  const atLeast = (c: bigint, t: number) => {
    const [num, den] = scaled(c, t);
    return X * den >= num;
  };
  while (!atLeast(1n, E)) E--;
  while (atLeast(1n, E + 1)) E++;
  for (let k = 1; k <= 17; k++) {
    const t = E - k + 1;
    // floor(x / 10^t): x = X * 2^(e-2).
    const [num, den] = scaled(1n, t); // 10^t in units of 2^(e-2): num / den
    const below = (X * den) / num;
    const candidates = [below, below + 1n].filter((c) => c > 0n && inside(c, t));
    if (candidates.length === 0) continue;
    if (candidates.length === 1) return { c: candidates[0]!, t };
    // Both inside: the nearer (x - below * 10^t against (below + 1) * 10^t - x, times den); a tie
    // takes the even digits, as Ryu does.
    const [n0] = scaled(below, t);
    const [n1] = scaled(below + 1n, t);
    const dBelow = X * den - n0;
    const dAbove = n1 - X * den;
    if (dBelow !== dAbove) return { c: dBelow < dAbove ? below : below + 1n, t };
    return { c: below % 2n === 0n ? below : below + 1n, t };
  }
  throw new Error(`no decimal found for ${x}`);
}
