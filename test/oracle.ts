/**
 * The arbitrary-precision oracle of docs/NUMERICS.md, independent of src/exact/: decimal.js
 * evaluates the power at 90 significant digits on the exact float inputs, and the result is rounded
 * to float32 or float64 by comparing it with the exact midpoints between neighbouring floats.
 */
import { Decimal } from "decimal.js";

const D = Decimal.clone({ precision: 90, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -9e15, toExpPos: 9e15 });
/** The Decimal constructor of the oracle: 90 significant digits, ties to even. */
export const OracleDecimal = D;
type Dec = Decimal;

export type DType = "float32" | "float64";

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

/** The exact decimal value of a finite double (decimal.js keeps every digit of a constructor). */
export function exactDecimal(x: number): Dec {
  f64[0] = x;
  const bits = u64[0]!;
  const biased = Number((bits >> 52n) & 0x7ffn);
  let m = bits & 0xfffffffffffffn;
  let e = -1074;
  if (biased !== 0) {
    m |= 1n << 52n;
    e = biased - 1075;
  }
  const digits = e >= 0 ? (m << BigInt(e)).toString() : (m * 5n ** BigInt(-e)).toString();
  const v = new D(e >= 0 ? digits : `${digits}e${e}`);
  return bits >> 63n ? v.neg() : v;
}

function nextUp(x: number, dtype: DType): number {
  if (dtype === "float64") {
    f64[0] = x;
    if (x === 0) return 5e-324;
    u64[0] = u64[0]! + 1n;
    return f64[0]!;
  }
  const f = new Float32Array([x]);
  const u = new Uint32Array(f.buffer);
  if (x === 0) u[0] = 1;
  else u[0] = u[0]! + 1;
  return f[0]!;
}

function nextDown(x: number, dtype: DType): number {
  if (x === 0) return 0;
  if (dtype === "float64") {
    f64[0] = x;
    u64[0] = u64[0]! - 1n;
    return f64[0]!;
  }
  const f = new Float32Array([x]);
  const u = new Uint32Array(f.buffer);
  u[0] = u[0]! - 1;
  return f[0]!;
}

const MAX: Record<DType, number> = { float32: 3.4028234663852886e38, float64: Number.MAX_VALUE };

/** Rounds a positive Decimal to the nearest float of `dtype`, ties to even, deciding exactly. */
export function roundDecimal(y: Dec, dtype: DType): number {
  if (y.isZero()) return 0;
  const max = MAX[dtype];
  const maxD = exactDecimal(max);
  // Overflow threshold: max + half an ulp of max.
  const ulpMax = dtype === "float32" ? new D(2).pow(104) : new D(2).pow(971);
  if (y.gte(maxD.plus(ulpMax.div(2)))) return Infinity;
  let c = dtype === "float32" ? Math.fround(y.toNumber()) : y.toNumber();
  if (c > max) c = max;
  // Walk to the float whose rounding interval holds y (at most a step or two).
  for (;;) {
    const cD = exactDecimal(c);
    const up = nextUp(c, dtype);
    const down = nextDown(c, dtype);
    const midUp = c === max ? maxD.plus(ulpMax.div(2)) : cD.plus(exactDecimal(up)).div(2);
    const midDown = cD.plus(exactDecimal(down)).div(2);
    // A power that is exactly a midpoint (an exact case such as (4097/4096)^2 in float32) comes
    // out of exp/ln a hair off it; at 90 digits, anything within 1e-80 is that tie.
    const tie = y.times("1e-80");
    if (y.minus(midUp).abs().lte(tie)) return isEven(c, dtype) ? c : up;
    if (c !== 0 && y.minus(midDown).abs().lte(tie)) return isEven(c, dtype) ? c : down;
    if (y.gt(midUp)) c = up;
    else if (y.lt(midDown) && c !== 0) c = down;
    else return c;
  }
}

/** Rounds any Decimal to the nearest float of `dtype`, ties to even: the sign goes around roundDecimal. */
export function roundDecimalSigned(y: Dec, dtype: DType): number {
  return y.isNegative() && !y.isZero() ? -roundDecimal(y.neg(), dtype) : roundDecimal(y, dtype);
}

function isEven(x: number, dtype: DType): boolean {
  if (dtype === "float64") {
    f64[0] = x;
    return (u64[0]! & 1n) === 0n;
  }
  return (new Uint32Array(new Float32Array([x]).buffer)[0]! & 1) === 0;
}

/** r^p for r >= 0 (exact inputs), correctly rounded to dtype; IEEE pow's special values. */
export function oraclePow(r: number, p: number, dtype: DType): number {
  if (p === 0 || r === 1) return 1;
  if (r === 0) return p > 0 ? 0 : Infinity;
  if (r === Infinity) return p > 0 ? Infinity : 0;
  if (p === Infinity) return r < 1 ? 0 : Infinity;
  if (p === -Infinity) return r < 1 ? Infinity : 0;
  const rD = exactDecimal(r);
  const pD = exactDecimal(p);
  // Results far outside the format: decide on log2 without computing the huge power.
  const t = pD.times(rD.ln()).div(new D(2).ln());
  const [lo, hi] = dtype === "float32" ? [-152, 130] : [-1077, 1026];
  if (t.lt(lo)) return 0;
  if (t.gt(hi)) return Infinity;
  const y = pD.isInteger() && pD.abs().lt(4096) ? rD.pow(pD) : t.times(new D(2).ln()).exp();
  return roundDecimal(y, dtype);
}

/**
 * The whole ExponentialDecay pipeline of docs/NUMERICS.md on the oracle:
 * float32: a, d, r, s rounded to float32, p = f32(s/d), floor if staircase, v = f32(r^p),
 * out = f32(a v); float64: p = s/d, v = r^p, out = a v, each rounded once.
 */
export function oracleExponentialDecay(
  a: number,
  d: number,
  r: number,
  staircase: boolean,
  step: number,
  dtype: DType,
): number {
  const round = (x: Dec): number => roundDecimal(x.abs(), dtype) * (x.isNegative() ? -1 : 1);
  const fr = dtype === "float32" ? Math.fround : (x: number) => x;
  const a1 = fr(a);
  const d1 = fr(d);
  const r1 = fr(r);
  const s1 = fr(step);
  let p = d1 === Infinity ? (s1 === 0 ? 0 : 0 * Math.sign(s1)) : round(exactDecimal(s1).div(exactDecimal(d1)));
  if (Math.abs(s1) === Infinity) p = s1 / d1;
  if (staircase) p = Math.floor(p);
  const v = oraclePow(r1, p, dtype);
  if (v === Infinity || a1 === Infinity || a1 === -Infinity) return a1 * v;
  return round(exactDecimal(a1).times(exactDecimal(v)));
}
