/**
 * Constants of the fast paths, computed from exact arithmetic so that both backends read identical
 * numbers: the exp2 region of the constant layout (assembly/numerics/layout.ts), log2 of a rate as
 * the fast powers take it, and the geometric range path's constants.
 */
import * as L from "../../assembly/numerics/layout.js";
import { BINARY64, bitLength, decompose, pow2 } from "./binary.js";
import { cosCorrectlyRounded, cosEnclosure, piFixed, sinCorrectlyRounded } from "./cos.js";
import { expFixed, ln2Fixed, log2Fixed } from "./fixed.js";


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
 * log2(r) as pow32 takes it (assembly/numerics/exp2.ts): a head with 29 significant bits, so that its
 * product with any float32 is exact, and the rest. Infinite for r = 0 or Infinity, with a zero tail.
 */
export function log2Split32(r: number): [number, number] {
  const [l1, l2] = log2DoubleDouble(r);
  if (!Number.isFinite(l1)) return [l1, 0];
  const c = 16777217 * l1; // Veltkamp's split by 2^24 + 1 leaves 53 - 24 = 29 bits on top
  const head = c - (c - l1);
  return [head, l1 - head + l2];
}

/**
 * The whole constant region (assembly/numerics/layout.ts), computed from exact arithmetic. Run at
 * build time by scripts/generate-constants.mjs; test/exact/constants.test.ts checks the generated
 * file against a fresh computation.
 */
export function constantsRegion(): Float64Array {
  // NaN marks a slot no region filled: the generator refuses it.
  const out = new Float64Array(L.CONSTANTS_LENGTH).fill(NaN);
  fillExp2(out);
  fillLog(out);
  fillCos(out);
  fillPow(out);
  fillCos64(out);
  fillCosFar(out);
  return out;
}

/**
 * pow's region (assembly/numerics/pow.ts): for float32, log2(e) cut to 16 significant bits (its
 * product with the reduced argument u of a float32 base, at most 37 bits, is then exact) and the
 * rest, and the series coefficients (-1)^(n+1) / (n ln 2) of log2(1 + u) for n = 2..8; for
 * float64, 256 / ln 2, and ln 2 / 256 as a head of 34 significant bits (k times it is exact for
 * |k| < 2^19) and the rest. All rounded to nearest from 220-bit fixed point.
 */
function fillPow(out: Float64Array): void {
  const bits = 220;
  const b = BigInt(bits);
  const ln2 = ln2Fixed(bits);
  const log2e = (1n << (2n * b)) / ln2;
  const head = roundToBits(log2e, 16);
  out[L.POW_L2_C1H] = toDoubleDouble(head, bits)[0]; // exact: 16 significant bits
  out[L.POW_L2_C1L] = toDoubleDouble(log2e - head, bits)[0];
  for (let n = 2; n <= L.POW_L2_DEGREE; n++) {
    const c = log2e / BigInt(n);
    out[L.POW_L2_C2 + n - 2] = toDoubleDouble(n % 2 === 0 ? -c : c, bits)[0];
  }
  out[L.POW_INV_LN2_256] = toDoubleDouble(log2e << 8n, bits)[0];
  const step = ln2 >> 8n;
  const stepHead = roundToBits(step, 34);
  out[L.POW_LN2_256H] = toDoubleDouble(stepHead, bits)[0]; // exact: 34 significant bits
  out[L.POW_LN2_256L] = toDoubleDouble(step - stepHead, bits)[0];
}

/**
 * cos's region (assembly/numerics/cos.ts): 2/pi rounded; pi/2 split into P1 + P2 + P3 + P4, where
 * P1, P2, P3 are the successive remainders rounded to 33 significant bits (so that k * Pi is exact
 * for k < 2^20) and P4 is the last remainder rounded to a double (pi/2 - P1 - P2 - P3 - P4 is below
 * 2^-150); then the Taylor coefficients (-1)^floor(n/2) / n! of cos and sin for n = 0..27 as
 * double-doubles (within 2^-106 relative). Computed from pi at 400 bits (Machin's formula).
 * Then the near path's table: for j = 0..COS_NEAR_STEPS, cos(A_j) and sin(A_j) correctly rounded
 * to doubles, where A_j = f32(j (Math.PI / COS_NEAR_STEPS)) is the anchor cos.ts computes the same way.
 */
function fillCos(out: Float64Array): void {
  const bits = 400;
  const b = BigInt(bits);
  const pi = piFixed(bits);
  out[L.COS_TWO_OVER_PI] = toDoubleDouble((1n << (2n * b + 1n)) / pi, bits)[0];
  let rest = pi >> 1n; // pi/2, within 2 units of 2^-400
  for (const slot of [L.COS_PIO2_1, L.COS_PIO2_2, L.COS_PIO2_3]) {
    const part = roundToBits(rest, 33);
    out[slot] = toDoubleDouble(part, bits)[0]; // exact: 33 significant bits
    rest -= part;
  }
  out[L.COS_PIO2_4] = toDoubleDouble(rest, bits)[0];
  let factorial = 1n;
  for (let n = 0; n < L.COS_TAYLOR_SIZE; n++) {
    if (n > 0) factorial *= BigInt(n);
    const v = (1n << b) / factorial;
    [out[L.COS_TAYLOR + 2 * n], out[L.COS_TAYLOR + 2 * n + 1]] = toDoubleDouble((n >> 1) & 1 ? -v : v, bits);
  }
  out[L.COS_EPS64] = 2 ** -90; // cos.ts' EPS64, exact
  for (let j = 0; j < L.COS_NEAR_SIZE; j++) {
    const a = nearAnchor(j);
    out[L.COS_NEAR + 2 * j] = cosCorrectlyRounded(a, BINARY64);
    out[L.COS_NEAR + 2 * j + 1] = sinCorrectlyRounded(a, BINARY64);
  }
}

/**
 * cos64's far reduction (assembly/numerics/cos.ts): pi/2 split into F1 + F2 + F3 + F4 + F5, where
 * F1..F4 are the successive remainders rounded to 22 significant bits (so that k * Fi is exact for
 * k < 2^31) and F5 is the last remainder rounded to a double (pi/2 - F1 - ... - F5 is below 2^-140).
 */
function fillCosFar(out: Float64Array): void {
  const bits = 400;
  let rest = piFixed(bits) >> 1n;
  for (let i = 0; i < L.COS_FAR_PIECES - 1; i++) {
    const part = roundToBits(rest, 22);
    out[L.COS_FAR + i] = toDoubleDouble(part, bits)[0]; // exact: 22 significant bits
    rest -= part;
  }
  out[L.COS_FAR + L.COS_FAR_PIECES - 1] = toDoubleDouble(rest, bits)[0];
}

/** cos.ts's anchor A_j: j times the double pi/512 (exact), rounded to a float32. */
export function nearAnchor(j: number): number {
  return Math.fround(j * (Math.PI / L.COS_NEAR_STEPS));
}

/**
 * cos64's region (assembly/numerics/cos.ts, the float64 near path): for j = 0..COS_NEAR_STEPS, with
 * B_j = fl(j (Math.PI / COS_NEAR_STEPS)) as cos.ts computes it, cos(B_j) and sin(B_j) as
 * double-doubles: hi correctly rounded, lo the rest rounded to nearest, from a 240-bit enclosure
 * (so hi + lo is within 2^-105 relative: lo's rounding, 2^-53 of |lo| <= 2^-53 |hi|, and the
 * enclosure's 2^-230 absolute on values of at least 2^-54).
 */
function fillCos64(out: Float64Array): void {
  for (let slot = L.COS64_START; slot < L.COS64_NEAR; slot++) out[slot] = 0; // the alignment pad
  for (let j = 0; j < L.COS_NEAR_SIZE; j++) {
    const at = L.COS64_NEAR + L.COS64_NEAR_STRIDE * j;
    const b = near64Anchor(j);
    if (b === 0) {
      out.set([1, 0, 0, 0], at); // cos 0 and sin 0, exactly
      continue;
    }
    [out[at], out[at + 1]] = doubleDoubleOf(b, 0, cosCorrectlyRounded(b, BINARY64));
    [out[at + 2], out[at + 3]] = doubleDoubleOf(b, 1, sinCorrectlyRounded(b, BINARY64));
  }
}

/** cos.ts' float64 anchor B_j: j times the double pi/512 (exact), rounded to a double. */
export function near64Anchor(j: number): number {
  return j * (Math.PI / L.COS_NEAR_STEPS);
}

/** [hi, lo] for cos(b) (quarter 0) or sin(b) (quarter 1), b > 0, hi its correctly rounded value. */
function doubleDoubleOf(b: number, quarter: 0 | 1, hi: number): [number, number] {
  const bits = 240;
  const [lo, up] = cosEnclosure(b, bits, quarter);
  const [m, e] = decompose(hi);
  // hi >= 2^-54 here, so hi * 2^240 is an integer.
  const head = e + bits >= 0 ? m << BigInt(e + bits) : m >> BigInt(-(e + bits));
  return [hi, Number((lo + up) / 2n - head) * pow2(-bits)];
}

/** v rounded to nearest at `sig` significant bits (ties away from zero), sign kept. */
function roundToBits(v: bigint, sig: number): bigint {
  const a = v < 0n ? -v : v;
  const shift = BigInt(Math.max(0, bitLength(a) - sig));
  if (shift === 0n) return v;
  const r = ((a + (1n << (shift - 1n))) >> shift) << shift;
  return v < 0n ? -r : r;
}

/**
 * log's region (assembly/numerics/log.ts): ln 2 split so that its head has 42 bits (e * head is
 * exact for |e| < 2^11), log2(e), the series coefficients (-1)^(k+1)/k of ln(1 + u), and the table:
 * for k = 0..128, r_k = 1/c_k (k < LOG_HALF_FROM) or 2/c_k (k >= LOG_HALF_FROM), c_k = 1 + k/128,
 * rounded to a multiple of 2^-LOG_R_BITS (21 significant bits, so that its products with the halves
 * of a Veltkamp split are exact), then -log2(r_k) and -ln(r_k) as double-doubles (within 2^-106
 * relative). r_0 = r_128 = 1, whose logarithms are exactly 0.
 */
function fillLog(out: Float64Array): void {
  const bits = 220;
  const b = BigInt(bits);
  const one = 1n << b;
  const ln2 = ln2Fixed(bits);
  // ln 2 (top bit 2^-1) rounded to a multiple of 2^-42: 42 significant bits.
  const head = ((ln2 + (1n << (b - 43n))) >> (b - 42n)) << (b - 42n);
  out[L.LOG_LN2H] = toDoubleDouble(head, bits)[0];
  out[L.LOG_LN2L] = toDoubleDouble(ln2 - head, bits)[0];
  [out[L.LOG_LOG2EH], out[L.LOG_LOG2EL]] = toDoubleDouble((one << b) / ln2, bits);
  [out[L.LOG_C3H], out[L.LOG_C3L]] = toDoubleDouble(one / 3n, bits);
  [out[L.LOG_C5H], out[L.LOG_C5L]] = toDoubleDouble(one / 5n, bits);
  for (let k = 6; k <= 12; k++) out[L.LOG_C6 + k - 6] = toDoubleDouble((k % 2 === 0 ? -one : one) / BigInt(k), bits)[0];
  const rb = BigInt(L.LOG_R_BITS);
  for (let k = 0; k < L.LOG_TABLE_SIZE; k++) {
    // R = round(2^LOG_R_BITS * s / c_k) with s = 1 or 2 and c_k = (128 + k) / 128.
    const num = (k < L.LOG_HALF_FROM ? 128n : 256n) << rb;
    const den = BigInt(128 + k);
    const R = (2n * num + den) / (2n * den);
    const at = L.LOG_TABLE + L.LOG_TABLE_STRIDE * k;
    out[at] = Number(R) * pow2(-L.LOG_R_BITS);
    // -log2(r) = LOG_R_BITS - log2(R), exactly 0 for R = 2^LOG_R_BITS.
    const t2 = (rb << b) - log2Fixed(Number(R), bits);
    [out[at + 1], out[at + 2]] = toDoubleDouble(t2, bits);
    [out[at + 3], out[at + 4]] = toDoubleDouble((t2 * ln2) >> b, bits);
  }
}

/**
 * exp2's region: 2^(j/256) as hi + lo for j = 0..255 (each within 2^-106 relative), ln 2 as
 * hi + lo and the Taylor coefficients (ln 2)^k / k!, k = 2..6, rounded to nearest; then the low
 * parts of k = 2..4 (double-doubles within 2^-106) and k = 7..10 rounded.
 */
function fillExp2(out: Float64Array): void {
  const bits = 220;
  const b = BigInt(bits);
  const ln2 = ln2Fixed(bits);
  [out[L.EXP2_C1H], out[L.EXP2_C1L]] = toDoubleDouble(ln2, bits);
  out[L.EXP2_PAD] = 0;
  const taylor = [L.EXP2_C2, L.EXP2_C3, L.EXP2_C4, L.EXP2_C5, L.EXP2_C6];
  let power = ln2;
  let factorial = 1n;
  for (let k = 2; k <= 10; k++) {
    power = (power * ln2) >> b;
    factorial *= BigInt(k);
    const [hi, lo] = toDoubleDouble(power / factorial, bits);
    if (k <= 6) out[taylor[k - 2]!] = hi;
    if (k <= 4) out[L.EXP2_C2L + k - 2] = lo;
    if (k >= 7) out[L.EXP2_C7 + k - 7] = hi;
  }
  out[L.EXP2_C7 + 4] = 0;
  // 2^(j/256) by repeated multiplication with 2^(1/256): 255 products of 220-bit numbers lose at
  // most 255 units of 2^-220, far below the 2^-106 that the double-doubles keep.
  const step = expFixed(ln2 / BigInt(L.EXP2_TABLE_SIZE), b);
  let t = 1n << b;
  for (let j = 0; j < L.EXP2_TABLE_SIZE; j++) {
    [out[L.EXP2_TABLE + 2 * j], out[L.EXP2_TABLE + 2 * j + 1]] = toDoubleDouble(t, bits);
    t = (t * step) >> b;
  }
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
