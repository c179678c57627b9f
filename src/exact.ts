/**
 * Exact arithmetic on BigInt: the slow, always-right half of the numerics.
 *
 * Every backend computes `r ^ p` with a fast approximation and a rounding test
 * (assembly/exp2.ts and its twin). When the test cannot decide, the answer comes from here:
 * `powCorrectlyRounded` evaluates the power to ever more bits (Ziv's strategy) and detects the exact
 * cases, where the power is a dyadic rational and no number of bits would ever decide. The same
 * code also builds the constants the fast paths use (log2 of the rate, the 2^(j/256) table, the
 * polynomial), so both backends read identical numbers.
 *
 * Only integer operations and correctly rounded conversions are used (Number(bigint) rounds to
 * nearest, ties to even). Nothing here touches Math.pow/exp/log, whose results differ between
 * JavaScript engines (shared/NUMERICS.md, "Determinism").
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
function oddPart(x: bigint): [odd: bigint, shift: number] {
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

// ---------------------------------------------------------------------------------------------
// Fixed-point transcendental functions. A value v is held as the BigInt V = v * 2^bits; every
// function below returns V with an error of at most a few units in its last place (stated each).

function atanhSeries(u: bigint, bits: bigint): bigint {
  // atanh(u) = u + u^3/3 + u^5/5 + ...; with |u| <= 1/3 each term is 9 times smaller.
  // Each term is truncated once: error <= 1 unit per term, about bits/3 terms.
  const u2 = (u * u) >> bits;
  let term = u;
  let sum = u;
  for (let k = 3n; term !== 0n; k += 2n) {
    term = (term * u2) >> bits;
    sum += term / k;
  }
  return sum;
}

const ln2Cache = new Map<number, bigint>();
/** ln 2 * 2^bits, error < bits units of 2^-bits. */
export function ln2Fixed(bits: number): bigint {
  let v = ln2Cache.get(bits);
  if (v === undefined) {
    const b = BigInt(bits);
    v = 2n * atanhSeries((1n << b) / 3n, b); // ln 2 = 2 atanh(1/3)
    ln2Cache.set(bits, v);
  }
  return v;
}

// log2 of the last few rates: a schedule resolves every undecided element with the same rate,
// and the series below was two thirds of that cost. The series runs at a whole number of 64-bit
// words with at least 32 bits to spare, so that a result depends on (x, bits) alone, never on
// which calls came before.
const log2Cache = new Map<string, bigint>();
const LOG2_CACHE_SIZE = 64;

/**
 * log2(x) * 2^bits for a finite x > 0, with an error below 2 units of 2^-bits: the series, run at
 * `more` >= bits + 32 bits, is within 2 units of 2^-more, and truncating it adds less than 1 unit.
 */
export function log2Fixed(x: number, bits: number): bigint {
  const more = Math.ceil((bits + 32) / 64) * 64;
  const key = `${x}:${more}`;
  let v = log2Cache.get(key);
  if (v === undefined) {
    v = log2Series(x, more);
    if (log2Cache.size >= LOG2_CACHE_SIZE) log2Cache.clear();
    log2Cache.set(key, v);
  }
  return v >> BigInt(more - bits);
}

/**
 * log2(x) * 2^bits with an error below 2 units of 2^-bits.
 * x = m * 2^e with m in [2^(n-1), 2^n); log2(x) = (e + n - 1) + ln(y)/ln 2 with y = m / 2^(n-1)
 * in [1, 2), and ln(y) = 2 atanh((y - 1) / (y + 1)), whose argument is below 1/3.
 */
function log2Series(x: number, bits: number): bigint {
  const [m, e] = decompose(x);
  const n = bitLength(m);
  const guard = 24;
  const g = BigInt(bits + guard);
  const h = 1n << BigInt(n - 1);
  const u = ((m - h) << g) / (m + h);
  const ln = 2n * atanhSeries(u, g);
  const log2 = (BigInt(e + n - 1) << g) + (ln << g) / ln2Fixed(bits + guard);
  return log2 >> BigInt(guard);
}

/**
 * exp(x) * 2^bits for a fixed-point 0 <= x < 1 held at `bits` (X = x * 2^bits), by its Taylor
 * series. Each term is truncated twice (error <= 2 units) and there are at most ~bits/2 terms
 * at this size of x, so the error is below bits units.
 */
function expFixed(x: bigint, bits: bigint): bigint {
  let term = 1n << bits;
  let sum = term;
  for (let k = 1n; term !== 0n; k++) {
    term = ((term * x) >> bits) / k;
    sum += term;
  }
  return sum;
}

// ---------------------------------------------------------------------------------------------
// Correctly rounded power.

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

// ---------------------------------------------------------------------------------------------
// Constants for the fast paths.

/** A number's two leading doubles (hi + lo) from a fixed-point value V * 2^-bits. */
function toDoubleDouble(v: bigint, bits: number): [number, number] {
  const scale = pow2(-bits);
  const hi = Number(v);
  const lo = Number(v - BigInt(hi));
  return [hi * scale, lo * scale];
}

/**
 * log2(r) as the double-double L1 + L2 that the fast paths multiply by p, with a relative error
 * near 2^-150 (the fixed point holds 200 fractional bits and |log2 r| >= 2^-53 for r != 1).
 * r = 0 gives -Infinity and r = Infinity gives +Infinity, which the fast paths handle as IEEE pow.
 */
export function log2DoubleDouble(r: number): [number, number] {
  if (r === 0) return [-Infinity, 0];
  if (r === Infinity) return [Infinity, 0];
  return toDoubleDouble(log2Fixed(r, 200), 200);
}

/**
 * log2(r) as pow32 takes it (assembly/exp2.ts): a head with 29 significant bits, so that its
 * product with any float32 is exact, and the rest. Infinite for r = 0 or Infinity, with a zero tail.
 */
export function log2Split32(r: number): [number, number] {
  const [l1, l2] = log2DoubleDouble(r);
  if (!Number.isFinite(l1)) return [l1, 0];
  const c = 16777217 * l1; // Veltkamp's split by 2^24 + 1 leaves 53 - 24 = 29 bits on top
  const head = c - (c - l1);
  return [head, l1 - head + l2];
}

/** Number of entries of the 2^(j/N) table. */
export const EXP2_TABLE_SIZE = 256;
/** Layout of `exp2Constants()`: C1 = ln 2 as hi, lo; C2..C6 = (ln 2)^k / k!; then the table. */
export const CONST_C1H = 0;
export const CONST_C1L = 1;
export const CONST_C2 = 2;
export const CONST_TABLE = 8;
export const CONST_COUNT = CONST_TABLE + 2 * EXP2_TABLE_SIZE;

let constants: Float64Array | null = null;
/**
 * The constants of the fast exp2 (assembly/exp2.ts), computed once from exact arithmetic:
 * 2^(j/256) as hi + lo for j = 0..255 (each within 2^-106 relative), ln 2 as hi + lo and the
 * Taylor coefficients (ln 2)^k / k!, k = 2..6, rounded to nearest.
 */
export function exp2Constants(): Float64Array {
  if (constants !== null) return constants;
  const bits = 220;
  const b = BigInt(bits);
  const out = new Float64Array(CONST_COUNT);
  const ln2 = ln2Fixed(bits);
  [out[CONST_C1H], out[CONST_C1L]] = toDoubleDouble(ln2, bits);
  let power = ln2;
  let factorial = 1n;
  for (let k = 2; k <= 6; k++) {
    power = (power * ln2) >> b;
    factorial *= BigInt(k);
    out[CONST_C2 + k - 2] = toDoubleDouble(power / factorial, bits)[0];
  }
  // 2^(j/256) by repeated multiplication with 2^(1/256): 255 products of 220-bit numbers lose at
  // most 255 units of 2^-220, far below the 2^-106 that the double-doubles keep.
  const step = expFixed(ln2 / BigInt(EXP2_TABLE_SIZE), b);
  let t = 1n << b;
  for (let j = 0; j < EXP2_TABLE_SIZE; j++) {
    [out[CONST_TABLE + 2 * j], out[CONST_TABLE + 2 * j + 1]] = toDoubleDouble(t, bits);
    t = (t * step) >> b;
  }
  constants = out;
  return out;
}

/**
 * For the geometric fast path of a contiguous range: M = log2(r) / d as a double-double (so that
 * 2^(M k) = r^(k/d) for integer k) and c = M ln 2 rounded, the first-order coefficient of the
 * correction 2^(M e) = 1 + c e + ... for a step whose p was rounded by e / d.
 */
export function geometricConstants(r: number, d: number): [m1: number, m2: number, c: number] {
  if (r === 0 || r === Infinity || d === Infinity) return [NaN, NaN, NaN]; // no geometric path
  const bits = 200;
  const [dm, de] = decompose(d); // d = dm 2^de > 0
  const m = (log2Fixed(r, bits + 64) << BigInt(bits)) / dm; // log2(r) / dm at 2^-(2 bits + 64)
  const [m1, m2] = toDoubleDouble(m, 2 * bits + 64 + de);
  const c = toDoubleDouble((m * ln2Fixed(bits)) >> BigInt(bits), 2 * bits + 64 + de)[0];
  return [m1, m2, c];
}
