/**
 * The decimal.js oracle of optax's schedules: each one written out as optax's source has it
 * (optax/schedules/_schedule.py, _join.py), operation by operation, every float operation done
 * exactly on the exact binary values and rounded once to the dtype (test/keras/cosine.oracle.ts' op,
 * oracleCos; test/oracle.ts' powers). Integers as JAX holds them: int32 for float32 (a subtraction
 * wraps around, `| 0`), int64 for float64. Independent of the kernels, their twins and src/exact:
 * the joins are the literal chain of jnp.where, the piecewise constant schedule the literal loop of
 * sign indicators, the interpolation's dot product the literal sum over every interval.
 */
import { oracleCos, oraclePowIEEE, op } from "../keras/cosine.oracle.js";
import { oraclePow, type DType } from "../oracle.js";

export type Count = (t: number) => number;

const R = (x: number, dtype: DType) => (dtype === "float32" ? Math.fround(x) : x);

/** count - x in JAX's integers: int32 wraps around; int64 does not at these sizes. */
export const isub = (a: number, b: number, dtype: DType) => (dtype === "float32" ? (a - b) | 0 : a - b);

/** jnp.power(x, y): integer_pow's products for an integer y (a Python int), else lax.pow correctly rounded. */
export function power(x: number, y: number, dtype: DType): number {
  if (!Number.isInteger(y)) return oraclePowIEEE(x, y, dtype);
  if (y === 0) return 1;
  let acc: number | null = null;
  let b = x;
  for (let n = y; n > 0; ) {
    if (n % 2 === 1) acc = acc === null ? b : op(acc, "*", b, dtype);
    n = Math.floor(n / 2);
    if (n > 0) b = op(b, "*", b, dtype);
  }
  return acc!;
}

/** polynomial_schedule (linear_schedule: power 1). */
export function polynomial(init: number, end: number, pw: number, steps: number, begin: number, dtype: DType): Count {
  if (steps <= 0) return () => R(init, dtype);
  const b = Math.max(begin, 0);
  return (t) => {
    const count = Math.min(Math.max(isub(t, b, dtype), 0), steps);
    const frac = op(1, "-", op(R(count, dtype), "/", R(steps, dtype), dtype), dtype);
    return op(op(R(init - end, dtype), "*", power(frac, pw, dtype), dtype), "+", R(end, dtype), dtype);
  };
}

/** exponential_decay. */
export function exponential(init: number, steps: number, rate: number, begin: number, staircase: boolean, end: number | null, dtype: DType): Count {
  if (steps <= 0 || rate === 0) return () => R(init, dtype);
  const b = Math.max(begin, 0);
  return (t) => {
    const dc = isub(t, b, dtype);
    let p = op(R(dc, dtype), "/", R(steps, dtype), dtype);
    if (staircase) p = Math.floor(p);
    const v = dc <= 0 ? R(init, dtype) : op(R(init, dtype), "*", oraclePow(R(rate, dtype), p, dtype), dtype);
    if (end === null) return v;
    return rate < 1 ? Math.max(v, R(end, dtype)) : Math.min(v, R(end, dtype));
  };
}

/** cosine_decay_schedule: (pi * count) / decay_steps. */
export function cosineDecay(init: number, steps: number, alpha: number, exponent: number, dtype: DType): Count {
  return (t) => {
    const x = Math.min(R(t, dtype), R(steps, dtype));
    const u = op(op(R(Math.PI, dtype), "*", x, dtype), "/", R(steps, dtype), dtype);
    const cd = op(0.5, "*", op(1, "+", oracleCos(u, dtype), dtype), dtype);
    const decayed = op(op(R(1 - alpha, dtype), "*", power(cd, exponent, dtype), dtype), "+", R(alpha, dtype), dtype);
    return op(R(init, dtype), "*", decayed, dtype);
  };
}

/** piecewise_constant_schedule: the loop of sign indicators, in sorted order of step. */
export function piecewiseConstant(init: number, pairs: readonly (readonly [number, number])[], dtype: DType): Count {
  const sorted = [...pairs].sort((x, y) => x[0] - y[0]);
  return (t) => {
    let v = R(init, dtype);
    for (const [b, s] of sorted) {
      const indicator = Math.max(0, Math.sign(isub(b, t, dtype)));
      v = op(op(v, "*", indicator, dtype), "+", op(op(op(1, "-", indicator, dtype), "*", R(s, dtype), dtype), "*", v, dtype), dtype);
    }
    return v;
  };
}

/** piecewise_interpolate_schedule: the float32 (float64) cumprod, the dot product over every interval from +0. */
export function piecewiseInterpolate(type: "linear" | "cosine", init: number, pairs: readonly (readonly [number, number])[], dtype: DType): Count {
  const sorted = [...pairs].sort((x, y) => x[0] - y[0]);
  const bounds = [0, ...sorted.map(([b]) => b)];
  const values = [R(init, dtype)];
  for (const [, s] of sorted) values.push(op(values[values.length - 1]!, "*", R(s, dtype), dtype));
  const n = sorted.length;
  const interpolate = (start: number, end: number, pct: number): number =>
    type === "linear"
      ? op(op(op(end, "-", start, dtype), "*", pct, dtype), "+", start, dtype)
      : op(end, "+", op(op(op(start, "-", end, dtype), "/", 2, dtype), "*", op(oracleCos(op(R(Math.PI, dtype), "*", pct, dtype), dtype), "+", 1, dtype), dtype), dtype);
  return (t) => {
    let dot = 0;
    for (let i = 0; i < n; i++) {
      const indicator = bounds[i]! <= t && t < bounds[i + 1]! ? 1 : 0;
      const size = Math.max(isub(bounds[i + 1]!, bounds[i]!, dtype), 1);
      const pct = op(R(isub(t, bounds[i]!, dtype), dtype), "/", R(size, dtype), dtype);
      dot = op(dot, "+", op(indicator, "*", interpolate(values[i]!, values[i + 1]!, pct), dtype), dtype);
    }
    return op(dot, "+", op(bounds[n]! <= t ? 1 : 0, "*", values[n]!, dtype), dtype);
  };
}

/** join_schedules: the chain of jnp.where. */
export function join(pieces: readonly Count[], boundaries: readonly number[], dtype: DType): Count {
  return (t) => {
    let out = pieces[0]!(t);
    boundaries.forEach((b, j) => {
      if (!(t < b)) out = pieces[j + 1]!(isub(t, b, dtype));
    });
    return out;
  };
}

/** warmup_cosine_decay_schedule. */
export function warmupCosine(init: number, peak: number, warmup: number, decay: number, end: number, exponent: number, dtype: DType): Count {
  const alpha = peak === 0 ? 0 : end / peak;
  return join([polynomial(init, peak, 1, warmup, 0, dtype), cosineDecay(peak, decay - warmup, alpha, exponent, dtype)], [warmup], dtype);
}
