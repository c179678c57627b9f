/**
 * The correctly rounded power r^p, the exact fallback of assembly/numerics/exp2.ts: when the fast
 * path's rounding test cannot decide, `powCorrectlyRounded` evaluates the power to ever more bits
 * (Ziv's strategy) and detects the exact cases, where the power is a dyadic rational and no number
 * of bits would ever decide.
 */
import { bitLength, decompose, oddPart, pow2, roundDyadic, type Format } from "./binary.js";
import { expFixed, ln2Fixed, log2Fixed } from "./fixed.js";


/**
 * Encloses 2^(p * log2(r)) = r^p for finite p and finite r > 0, at about `bits` bits:
 * returns [lo, hi, e] with lo * 2^e <= r^p <= hi * 2^e, or null when |p log2 r| is beyond any
 * finite float (the caller has ruled that out).
 */
function powEnclosure(r: number, p: number, bits: number): [bigint, bigint, number] {
  const [pm, pe] = decompose(p);
  // |p| < 2^(pe + bitLength(pm)); log2 r must be known to that many more bits for an absolute
  // error of 2^-bits in t = p log2 r.
  const pBits = Math.max(0, pe + bitLength(pm));
  const wl = bits + pBits + 4;
  const l = log2Fixed(r, wl); // error < 2 units of 2^-wl
  // t * 2^bits = pm * l * 2^(pe - wl + bits): error < |p| * 2 * 2^-wl * 2^bits + 1 < 1.2 units
  const shift = pe - wl + bits;
  const t = shift >= 0 ? (pm * l) << BigInt(shift) : (pm * l) >> BigInt(-shift);
  const b = BigInt(bits);
  const n = t >> b; // floor
  const f = t - (n << b); // t = n + f, 0 <= f < 1
  const x = (f * ln2Fixed(bits)) >> b; // f ln 2, error < 2 units (f error 1.2 * ln 2, ln 2's error)
  const y = expFixed(x, b); // 2^f: error < bits units, plus 2 units from x (the slope is < 2)
  // Error budget in units of 2^-bits: x is off by < 1.3 bits + 2 (mostly ln 2's series), which
  // the slope (< 2) doubles, and the exp series adds < 4 per term over < bits/2 terms.
  const err = BigInt(8 * bits + 64);
  return [y - err, y + err, Number(n) - bits];
}

/**
 * r^p as an exact dyadic rational [x, e] (the value x * 2^e) when it is one, else null.
 * Those are the only powers a Ziv loop could never decide, because they may lie exactly on a
 * rounding midpoint: (4097/4096)^2 has 25 significant bits, the midpoint between two float32s.
 * r = M 2^E with M odd and p = N 2^-K with N odd: r^p is dyadic iff either p is a positive integer,
 * or M is a perfect 2^K-th power m^(2^K) and 2^K divides E (then r^p = m^N 2^(E N / 2^K), N > 0),
 * or M = 1 and 2^K divides E N. Values too large to be near the float range are left to Ziv.
 */
export function dyadicPower(r: number, p: number): [bigint, number] | null {
  const [rm, re] = decompose(r);
  const [M, mShift] = oddPart(rm);
  const E = re + mShift;
  const [pm, pe] = decompose(p);
  const [N, nShift] = oddPart(pm);
  const K = -(pe + nShift); // p = N * 2^-K
  const maxBits = 1 << 16;
  if (M === 1n) {
    // r = 2^E: r^p = 2^(E N / 2^K), dyadic iff that exponent is an integer (|E| < 2^11).
    let ep: bigint;
    if (K <= 0) ep = (BigInt(E) * N) << BigInt(-K);
    else if (K < 12 && E % (1 << K) === 0) ep = BigInt(E / (1 << K)) * N;
    else return null;
    return ep > maxBits || ep < -maxBits ? null : [1n, Number(ep)];
  }
  if (K <= 0) {
    if (p < 0 || p * bitLength(M) > maxBits) return null;
    return [M ** BigInt(p), E * p];
  }
  if (N < 0n || K > 5) return null; // 3^(2^6) > 2^53 >= M: no 64th roots of odd M > 1
  const pow2K = 1 << K;
  if (E % pow2K !== 0) return null;
  let m = M;
  for (let i = 0; i < K; i++) {
    const s = isqrt(m);
    if (s * s !== m) return null;
    m = s;
  }
  if (Number(N) * bitLength(m) > maxBits) return null;
  return [m ** N, (E / pow2K) * Number(N)];
}

function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = 1n << BigInt((bitLength(n) >> 1) + 1);
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/**
 * r^p rounded to nearest (ties to even) in `fmt`, for r >= 0 and any p, with IEEE pow's special
 * values: r^0 = 1, 1^p = 1, 0^p = 0 or Infinity, Infinity^p = Infinity or 0, r^(+-Infinity).
 * NaN inputs give NaN.
 */
export function powCorrectlyRounded(r: number, p: number, fmt: Format): number {
  if (Number.isNaN(r) || Number.isNaN(p)) return r === 1 || p === 0 ? 1 : NaN;
  if (p === 0 || r === 1) return 1;
  if (r === 0) return p > 0 ? 0 : Infinity;
  if (r === Infinity) return p > 0 ? Infinity : 0;
  if (p === Infinity) return r < 1 ? 0 : Infinity;
  if (p === -Infinity) return r < 1 ? Infinity : 0;
  // Far outside the format, the result is 0 or Infinity whatever the rounding: |log2 r| >= 2^-53
  // for r != 1, so |p| > 2^(11 + 53 + 2) gives |t| > 2^13, and a double estimate settles the rest.
  const estimate = p * log2Estimate(r);
  if (estimate > fmt.emax + 2) return Infinity;
  if (estimate < fmt.emin - fmt.precision - 2) return 0;
  let exactTried = false;
  for (let bits = 2 * fmt.precision + 40; bits <= 1 << 15; bits *= 2) {
    const [lo, hi, e] = powEnclosure(r, p, bits);
    const a = roundDyadic(lo, e, fmt);
    if (a === roundDyadic(hi, e, fmt)) return a;
    if (!exactTried) {
      exactTried = true;
      const exact = dyadicPower(r, p);
      if (exact !== null) return roundDyadic(exact[0], exact[1], fmt);
    }
  }
  throw new Error(`lrdecay internal error: ${r}^${p} could not be rounded`);
}

/** log2(r) within 2^-40 relative: only used to skip results that overflow or underflow. */
function log2Estimate(r: number): number {
  return Number(log2Fixed(r, 64)) * pow2(-64);
}


/**
 * IEEE pow(x, y) rounded to nearest (ties to even) in `fmt` for any sign of x, the exact fallback of
 * assembly/numerics/pow.ts (powv32, powv64): the special cases of IEEE 754 / C99 Annex F.9.4.4,
 * then the sign of a negative base with an integer exponent around powCorrectlyRounded(|x|, y).
 * pow(x, +-0) = 1 and pow(1, y) = 1 even for NaN; pow(-1, +-Infinity) = 1; pow(x < 0, finite
 * non-integer y) = NaN; an odd integer y keeps the sign of x (also for x = -0 and -Infinity, and
 * for a result that underflows to -0 or overflows to -Infinity).
 */
export function powSignedCorrectlyRounded(x: number, y: number, fmt: Format): number {
  if (y === 0 || x === 1) return 1;
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  let negative = false;
  if (x < 0 || Object.is(x, -0)) {
    const integer = !Number.isFinite(y) || Number.isInteger(y);
    if (!integer && x !== -Infinity && x !== 0) return NaN;
    // Doubles of 2^53 and more are even integers.
    negative = integer && Number.isFinite(y) && Math.abs(y) < 9007199254740992 && Math.abs(y) % 2 === 1;
  }
  const v = powCorrectlyRounded(Math.abs(x), y, fmt);
  return negative ? -v : v;
}
