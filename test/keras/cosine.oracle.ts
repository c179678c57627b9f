/**
 * The decimal.js oracle of docs/NUMERICS.md's cosine pipelines, independent of src/exact and of
 * the kernels: every operation is done exactly on the exact binary values (decimal.js at 120+
 * significant digits for cos and log) and rounded to the dtype by test/oracle.ts' exact comparison
 * with the midpoints. Special values (infinite or NaN operands, exact zeros and their signs, division
 * by zero) follow IEEE 754, which JavaScript's double operations reproduce exactly for them.
 */
import type { Decimal } from "decimal.js";
import { exactDecimal, OracleDecimal, oraclePow, roundDecimalSigned, type DType } from "../oracle.js";

const round = (x: number, dtype: DType) => (dtype === "float32" ? Math.fround(x) : x);

type Op = "+" | "-" | "*" | "/";

/** x op y in the dtype: exact, then rounded once. */
export function op(x: number, o: Op, y: number, dtype: DType): number {
  const js = o === "+" ? x + y : o === "-" ? x - y : o === "*" ? x * y : x / y;
  // Non-finite operands and results, and exact zeros (whose sign IEEE fixes), are the double's.
  if (!Number.isFinite(x) || !Number.isFinite(y) || (o === "/" && y === 0) || js === 0) return round(js, dtype);
  const a = exactDecimal(x);
  const b = exactDecimal(y);
  const exact = o === "+" ? a.plus(b) : o === "-" ? a.minus(b) : o === "*" ? a.times(b) : a.div(b);
  if (exact.isZero()) return round(js, dtype);
  return roundDecimalSigned(exact, dtype);
}

/** Decimal with enough digits for a function of x: 120, and more for arguments far from 0. */
function precise(x: number) {
  return OracleDecimal.clone({ precision: 120 + Math.max(0, Math.ceil(Math.log10(Math.abs(x)))) });
}

/** cos x, correctly rounded. */
export function oracleCos(x: number, dtype: DType): number {
  if (!Number.isFinite(x)) return NaN;
  if (x === 0) return 1;
  return roundDecimalSigned(precise(x).cos(exactDecimal(x)) as Decimal, dtype);
}

/** ln x, correctly rounded, with C99's special values. */
export function oracleLog(x: number, dtype: DType): number {
  if (Number.isNaN(x) || x < 0) return NaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return Infinity;
  if (x === 1) return 0;
  return roundDecimalSigned(precise(x).ln(exactDecimal(x)) as Decimal, dtype);
}

/** pow(x, y) for x >= 0, correctly rounded, with IEEE's special values (pow(1, NaN) = 1). */
export function oraclePowIEEE(x: number, y: number, dtype: DType): number {
  if (x === 1 || y === 0) return 1;
  if (Number.isNaN(y)) return NaN;
  return oraclePow(x, y, dtype);
}

/** CosineDecay's pipeline (NUMERICS.md), one rounded operation at a time. */
export function oracleCosineDecay(
  a0: number, d0: number, alpha0: number, warmupTarget: number | null, warmupSteps: number, step: number, dtype: DType,
): number {
  const R = (x: number) => round(x, dtype);
  const a = R(a0);
  const d = R(d0);
  const alpha = R(alpha0);
  // 1 - alpha in Python's float64, then the tensor's dtype.
  const A = R(op(1, "-", alpha0, "float64"));
  const pi = R(Math.PI);
  const s = R(step);
  const decay = (x: number, from: number): number => {
    const c = oracleCos(op(pi, "*", op(x, "/", d, dtype), dtype), dtype);
    const cosine = op(0.5, "*", op(1, "+", c, dtype), dtype);
    return op(from, "*", op(op(A, "*", cosine, dtype), "+", alpha, dtype), dtype);
  };
  if (warmupTarget === null) return decay(Math.min(s, d), a);
  const w = R(warmupTarget);
  const ws = R(warmupSteps);
  const sw = Math.min(s, op(d, "+", ws, dtype));
  if (sw < ws) return op(op(op(w, "-", a, dtype), "*", op(sw, "/", ws, dtype), dtype), "+", a, dtype);
  return decay(op(sw, "-", ws, dtype), w);
}

/** Keras' restart index of the fraction cf (a number of the dtype): floor(cf) for t_mul 1, else its log formula. */
export function oracleRestartIndex(tMul: number, cf: number, dtype: DType): number {
  const T = round(tMul, dtype);
  if (T === 1) return Math.floor(cf);
  const u = op(1, "-", op(cf, "*", op(1, "-", T, dtype), dtype), dtype);
  return Math.floor(op(oracleLog(u, dtype), "/", oracleLog(T, dtype), dtype));
}

/**
 * CosineDecayRestarts' pipeline (NUMERICS.md), one rounded operation at a time: the restart index
 * from floor(log(1 - cf (1 - T)) / log(T)), as Keras' formula has it, one off where its log says so.
 */
export function oracleCosineDecayRestarts(
  a0: number, fd0: number, tMul: number, mMul: number, alpha0: number, step: number, dtype: DType,
): number {
  const R = (x: number) => round(x, dtype);
  const a = R(a0);
  const fd = R(fd0);
  const T = R(tMul);
  const M = R(mMul);
  const alpha = R(alpha0);
  const pi = R(Math.PI);
  const cf = op(R(step), "/", fd, dtype);
  const i = oracleRestartIndex(tMul, cf, dtype);
  let c: number;
  if (T === 1) {
    c = op(cf, "-", i, dtype);
  } else {
    const omt = op(1, "-", T, dtype);
    const P = oraclePowIEEE(T, i, dtype);
    c = op(op(cf, "-", op(op(1, "-", P, dtype), "/", omt, dtype), dtype), "/", P, dtype);
  }
  const cosine = op(op(0.5, "*", oraclePowIEEE(M, i, dtype), dtype), "*", op(1, "+", oracleCos(op(pi, "*", c, dtype), dtype), dtype), dtype);
  return op(a, "*", op(op(op(1, "-", alpha, dtype), "*", cosine, dtype), "+", alpha, dtype), dtype);
}
