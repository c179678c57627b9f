/**
 * Fixed-point transcendental functions on BigInt. A value v is held as the BigInt V = v * 2^bits;
 * every function returns V with an error of at most a few units in its last place (stated each).
 */
import { bitLength, decompose } from "./binary.js";

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
export function expFixed(x: bigint, bits: bigint): bigint {
  let term = 1n << bits;
  let sum = term;
  for (let k = 1n; term !== 0n; k++) {
    term = ((term * x) >> bits) / k;
    sum += term;
  }
  return sum;
}

