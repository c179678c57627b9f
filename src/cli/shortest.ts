/**
 * The shortest decimal that reads back to the same float32, fast: the CLI's text formats print
 * millions of values. It gives exactly what core/format.ts's formatValue gives (the fewest
 * significant digits k in 1..9 for which a k-digit decimal, read as a double and rounded to
 * float32, is x; the nearest such decimal, of two equally near the even one; JavaScript's number
 * formatting of it), without formatValue's string round trips, and straight into bytes
 * (emitValue) for the CSV and JSON writers:
 *
 * - the k-digit rounding of x is c * 10^t with c = round(x / 10^t), t = E - k + 1 and
 *   E = floor(log10 |x|). x / 10^t is computed in doubles (error below 3e-7 for c < 1e9); where it
 *   lies within 1e-6 of a rounding tie, or E is within as much of a power of ten, formatValue
 *   decides (exactly).
 * - whether c * 10^t reads back to x: for |t| <= 22 the double nearest c * 10^t is one correctly
 *   rounded operation on exact operands, as Number() reads the decimal; beyond, a product within
 *   1e-15 of a float32 rounding boundary is read with Number() instead.
 * - for every x except a power of two, if the k-digit rounding reads back to x so does the
 *   (k+1)-digit one (it is no farther from x, and x's rounding interval is symmetric): a binary
 *   search downwards from k = 8 (most values need 7 to 9 digits), binary below 6. A power of two's
 *   interval reaches half as far below it as above: it is searched k = 1, 2, ..., trying the
 *   k-digit decimal above x where the rounding lies below and does not read back (2^-96 is
 *   1.2621775e-29, not 1.26217745e-29).
 *
 * test/shortest.test.ts checks it against an exact shortest decimal (BigInt) on every power of two
 * and random bit patterns, and against formatValue on millions of random bit patterns and on
 * every power of two, power of ten and short decimal neighbourhood.
 */
import { formatValue } from "../core/format.js";

const POW10: number[] = [];
for (let i = -60; i <= 60; i++) POW10.push(Number(`1e${i}`));
/** 10^n as the double nearest it, |n| <= 60. */
const pow10 = (n: number): number => POW10[n + 60]!;

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The double that Number() reads from the decimal c * 10^t (c a positive integer below 2^53). */
function decimal(c: number, t: number): number {
  if (t >= 0 && t <= 22) return c * pow10(t);
  if (t < 0 && t >= -22) return c / pow10(-t);
  return Number(`${c}e${t}`);
}

/** Whether the decimal c * 10^t reads back (as a double, then float32) to the float32 a > 0. */
function readsBack(c: number, t: number, a: number): boolean {
  if (t >= -22 && t <= 22) return Math.fround(decimal(c, t)) === a;
  const v = c * pow10(t);
  const lo = Math.fround(v * (1 - 1e-15));
  if (lo === Math.fround(v * (1 + 1e-15))) return lo === a;
  return Math.fround(Number(`${c}e${t}`)) === a;
}

/** The decimal c * 10^t (c > 0) as JavaScript writes a number, into bytes at pos; returns the end. */
function emitDecimal(out: Uint8Array, pos: number, negative: boolean, c: number, t: number): number {
  let v = c | 0; // c <= 1e9 < 2^31
  while (v % 10 === 0) {
    v = (v / 10) | 0;
    t++;
  }
  let k = 0;
  do {
    const q = (v / 10) | 0;
    DIGITS[k++] = 48 + v - q * 10;
    v = q;
  } while (v > 0);
  // The digits are DIGITS[k - 1], ..., DIGITS[0]; the value is 0.digits * 10^n.
  const n = t + k;
  if (negative) out[pos++] = 45; // -
  if (0 < n && n <= 21) {
    for (let i = 0; i < n; i++) out[pos++] = i < k ? DIGITS[k - 1 - i]! : 48;
    if (n < k) {
      out[pos++] = 46; // .
      for (let i = n; i < k; i++) out[pos++] = DIGITS[k - 1 - i]!;
    }
  } else if (-6 < n && n <= 0) {
    out[pos++] = 48;
    out[pos++] = 46;
    for (let i = n; i < 0; i++) out[pos++] = 48;
    for (let i = k - 1; i >= 0; i--) out[pos++] = DIGITS[i]!;
  } else {
    out[pos++] = DIGITS[k - 1]!;
    if (k > 1) {
      out[pos++] = 46;
      for (let i = k - 2; i >= 0; i--) out[pos++] = DIGITS[i]!;
    }
    out[pos++] = 101; // e
    out[pos++] = n - 1 < 0 ? 45 : 43;
    pos = emitInteger(out, pos, Math.abs(n - 1));
  }
  return pos;
}

const DIGITS = new Uint8Array(24);

/** An integer (|x| <= 2^53) in decimal, into bytes at pos; returns the end. */
export function emitInteger(out: Uint8Array, pos: number, x: number): number {
  if (x < 0) {
    out[pos++] = 45;
    x = -x;
  }
  let k = 0;
  if (x < 2147483648) {
    let v = x | 0;
    do {
      const q = (v / 10) | 0;
      DIGITS[k++] = 48 + v - q * 10;
      v = q;
    } while (v > 0);
  } else {
    do {
      const q = Math.floor(x / 10);
      DIGITS[k++] = 48 + (x - q * 10); // 48 + x would round above 2^53
      x = q;
    } while (x > 0);
  }
  while (k > 0) out[pos++] = DIGITS[--k]!;
  return pos;
}

/** A string of ASCII characters into bytes at pos; returns the end. */
export function emitAscii(out: Uint8Array, pos: number, s: string): number {
  for (let i = 0; i < s.length; i++) out[pos++] = s.charCodeAt(i);
  return pos;
}

/** The longest a float32 or a float64 value gets as text ("-1.2345678901234567e-308"). */
export const MAX_VALUE_BYTES = 24;

/** The slow, exact way: formatValue's (ties to the even digits, decided exactly). */
const slow = (x: number): string => formatValue(x, "float32");

/** tryDigits' result: the decimal c * 10^t. */
let foundC = 0;
let foundT = 0;

/**
 * The k-digit rounding c * 10^t of a (whose 9-digit scaling is q, its exponent e): 1 if it reads
 * back to a (and sets foundC, foundT), 0 if not, -1 if it lies too near a tie to tell.
 */
function tryDigits(a: number, q: number, e: number, k: number): number {
  const r = k === 9 ? q : q / pow10(9 - k);
  const floor = Math.floor(r);
  const frac = r - floor;
  if (frac > 0.5 - 1e-6 && frac < 0.5 + 1e-6) return -1;
  const c = frac > 0.5 ? floor + 1 : floor;
  const t = e - k + 1;
  if (k < 9 && !readsBack(c, t, a)) return 0;
  foundC = c;
  foundT = t;
  return 1;
}

/**
 * The shortest decimal of the float32 x: a string where the fast way cannot tell (rare) or x is 0,
 * an integer or not finite; otherwise null, with the decimal |x| = foundC * 10^foundT.
 */
function decide(x: number): string | null {
  if (x === 0) return "0";
  if (x !== x || x === Infinity || x === -Infinity) return String(x);
  const a = x < 0 ? -x : x;
  // Integers below 2^24 are float32 values whose own digits are the shortest.
  if (a < 16777216 && a === Math.floor(a)) return String(x);
  f32[0] = a;
  const bits = u32[0]!;
  const binaryExponent = bits >>> 23;
  // floor(log10 a) is this or one more (a normal float32's significand lies in [1, 2)).
  let e = binaryExponent === 0 ? Math.floor(Math.log10(a)) : Math.floor((binaryExponent - 127) * 0.30102999566398120);
  // E exactly: a / 10^(E-8) lies in [1e8, 1e9).
  let q = a / pow10(e - 8);
  if (q >= 1e9) q = a / pow10(++e - 8);
  else if (q < 1e8) q = a / pow10(--e - 8);
  if (q < 1e8 + 1e-6 || q > 1e9 - 1e-6) return slow(x);
  if ((bits & 0x7fffff) === 0) {
    // A power of two: k = 1, 2, ...; its rounding interval reaches half as far below it as above,
    // so where the nearest k-digit decimal lies below and does not read back, the one above may.
    for (let k = 1; k <= 9; k++) {
      let ok = tryDigits(a, q, e, k);
      if (ok === 0) ok = tryDigitsAbove(a, q, e, k);
      if (ok < 0) return slow(x);
      if (ok > 0) return found(foundC, foundT);
    }
    return slow(x);
  }
  // The smallest k that reads back, going down from 8 (most values need 7 to 9 digits); below 6,
  // a binary search. Nine digits always read back (formatValue writes them unchecked).
  let ok = tryDigits(a, q, e, 8);
  if (ok < 0) return slow(x);
  if (ok === 0) return tryDigits(a, q, e, 9) < 0 ? slow(x) : null;
  for (let k = 7; k >= 6; k--) {
    const c = foundC;
    const t = foundT;
    ok = tryDigits(a, q, e, k);
    if (ok < 0) return slow(x);
    if (ok === 0) return found(c, t);
  }
  let c = foundC;
  let t = foundT;
  let lo = 1;
  let hi = 6;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    ok = tryDigits(a, q, e, mid);
    if (ok < 0) return slow(x);
    if (ok > 0) {
      hi = mid;
      c = foundC;
      t = foundT;
    } else lo = mid + 1;
  }
  return found(c, t);
}

/**
 * For a power of two: the k-digit decimal just above a, when the k-digit rounding lies below a
 * (tryDigits found it does not read back): 1 if it reads back (and sets foundC, foundT), else 0.
 * Kept apart from tryDigits: with this as a branch of tryDigits, 1e7 CSV lines peaked at 150 MiB
 * instead of 94 (measured; V8 boxing the doubles of a call it no longer inlines, presumably).
 */
function tryDigitsAbove(a: number, q: number, e: number, k: number): number {
  const r = k === 9 ? q : q / pow10(9 - k);
  const floor = Math.floor(r);
  if (r - floor > 0.5) return 0;
  const t = e - k + 1;
  if (!readsBack(floor + 1, t, a)) return 0;
  foundC = floor + 1;
  foundT = t;
  return 1;
}

function found(c: number, t: number): null {
  foundC = c;
  foundT = t;
  return null;
}

const scratch = new Uint8Array(MAX_VALUE_BYTES);

/** The shortest decimal that reads back to the float32 x, as formatValue(x, "float32") writes it. */
export function shortestFloat32(x: number): string {
  const s = decide(x);
  if (s !== null) return s;
  const end = emitDecimal(scratch, 0, x < 0, foundC, foundT);
  return String.fromCharCode(...scratch.subarray(0, end));
}

/** The value x of dtype as text (formatValue's), into bytes at pos; returns the end. */
export function emitValue(out: Uint8Array, pos: number, x: number, float32: boolean): number {
  if (!float32) return emitAscii(out, pos, String(x));
  const s = decide(x);
  return s !== null ? emitAscii(out, pos, s) : emitDecimal(out, pos, x < 0, foundC, foundT);
}
