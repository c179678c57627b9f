/**
 * The decimal.js oracle of docs/NUMERICS.md for InverseTimeDecay, PiecewiseConstantDecay and
 * PolynomialDecay: each pipeline written out operation by operation, every operation evaluated
 * exactly (decimal.js, 90 digits, on the exact binary values) and rounded to the dtype by
 * test/oracle.ts's exact comparison with the midpoints. Independent of the kernels and of src/exact.
 */
import { exactDecimal, oraclePow, roundDecimalSigned, type DType } from "../oracle.js";

const R = (x: number, dtype: DType) => (dtype === "float32" ? Math.fround(x) : x);

/** One IEEE operation on two dtype values, rounded exactly; special values as IEEE says. */
export function op(kind: "+" | "-" | "*" | "/", x: number, y: number, dtype: DType): number {
  const js = kind === "+" ? x + y : kind === "-" ? x - y : kind === "*" ? x * y : x / y;
  // Infinities, NaN and division by zero: the double result is the exact one.
  if (!Number.isFinite(x) || !Number.isFinite(y) || (kind === "/" && y === 0)) return R(js, dtype);
  const X = exactDecimal(x);
  const Y = exactDecimal(y);
  const z = kind === "+" ? X.plus(Y) : kind === "-" ? X.minus(Y) : kind === "*" ? X.times(Y) : X.div(Y);
  if (z.isZero()) return js; // an exact zero: the double operation has its sign right
  return roundDecimalSigned(z, dtype);
}

/** IEEE pow(x, y) correctly rounded for any sign of x (the special cases of C99 Annex F). */
export function oraclePowSigned(x: number, y: number, dtype: DType): number {
  if (y === 0 || x === 1) return 1;
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  const negativeBase = x < 0 || Object.is(x, -0);
  const integer = !Number.isFinite(y) || Number.isInteger(y);
  if (negativeBase && !integer && x !== -Infinity && x !== 0) return NaN;
  const odd = negativeBase && Number.isInteger(y) && Math.abs(y) % 2 === 1;
  const v = oraclePow(Math.abs(x), y, dtype);
  return odd ? -v : v;
}

export function oracleInverseTimeDecay(a: number, d: number, r: number, staircase: boolean, step: number, dtype: DType): number {
  const [a1, d1, r1, s] = [R(a, dtype), R(d, dtype), R(r, dtype), R(step, dtype)];
  let p = op("/", s, d1, dtype);
  if (staircase) p = Math.floor(p);
  return op("/", a1, op("+", 1, op("*", r1, p, dtype), dtype), dtype);
}

export function oraclePiecewiseConstantDecay(boundaries: readonly number[], values: readonly number[], step: number, dtype: DType): number {
  const i = boundaries.filter((b) => b < step).length;
  return op("+", 0, R(values[i]!, dtype), dtype);
}

export function oraclePolynomialDecay(
  a: number, d: number, e: number, power: number, cycle: boolean, step: number, dtype: DType,
): number {
  const [a1, d1, e1, y] = [R(a, dtype), R(d, dtype), R(e, dtype), R(power, dtype)];
  let s = R(step, dtype);
  let D = d1;
  if (cycle) D = op("*", d1, s === 0 ? 1 : Math.ceil(op("/", s, d1, dtype)), dtype);
  else s = Math.min(s, d1);
  const p = op("/", s, D, dtype);
  const v = oraclePowSigned(op("-", 1, p, dtype), y, dtype);
  return op("+", op("*", op("-", a1, e1, dtype), v, dtype), e1, dtype);
}
