/**
 * Constants of the fast paths, computed from exact arithmetic so that both backends read identical
 * numbers: the exp2 region of the constant layout (assembly/numerics/layout.ts), log2 of a rate as
 * the fast powers take it, and the geometric range path's constants.
 */
import * as L from "../../assembly/numerics/layout.js";
import { decompose, pow2 } from "./binary.js";
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
  return out;
}

/**
 * exp2's region: 2^(j/256) as hi + lo for j = 0..255 (each within 2^-106 relative), ln 2 as
 * hi + lo and the Taylor coefficients (ln 2)^k / k!, k = 2..6, rounded to nearest.
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
  for (let k = 2; k <= 6; k++) {
    power = (power * ln2) >> b;
    factorial *= BigInt(k);
    out[taylor[k - 2]!] = toDoubleDouble(power / factorial, bits)[0];
  }
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
