/**
 * The decimal.js oracle of Hugging Face's lr lambdas (huggingface/transformers,
 * src/transformers/optimization.py), independent of src/transformers and of the kernels: each of
 * HF's operations is done exactly on the exact binary values and rounded once to float64
 * (test/keras/cosine.oracle.ts' op), math.cos and ** by decimal.js, correctly rounded, Python's
 * int arithmetic exactly (BigInt). What each returns is LambdaLR's `base_lr * lmbda(t)`.
 */
import { exactDecimal, OracleDecimal, roundDecimalSigned } from "../oracle.js";
import { op, oracleCos, oraclePowIEEE } from "../keras/cosine.oracle.js";

const F = "float64";
const add = (a: number, b: number) => op(a, "+", b, F);
const sub = (a: number, b: number) => op(a, "-", b, F);
const mul = (a: number, b: number) => op(a, "*", b, F);
const div = (a: number, b: number) => op(a, "/", b, F);
const cos = (x: number) => oracleCos(x, F);
/** Python's max(0, x): x if it is greater, else 0. */
const max0 = (x: number) => (x > 0 ? x : 0);
/** float(a - b) of Python ints: the exact difference, rounded once. */
const intSub = (a: number, b: number) => roundDecimalSigned(new OracleDecimal((BigInt(a) - BigInt(b)).toString()), F);
/** Python's int / int: the exact quotient, rounded once. */
const intDiv = (a: bigint, b: bigint) => roundDecimalSigned(new OracleDecimal(a.toString()).div(b.toString()), F);
/** math.sqrt: correctly rounded (decimal.js's square root, rounded by exact comparison). */
const sqrt = (x: number) => (x === 0 ? x : roundDecimalSigned(exactDecimal(x).sqrt(), F));
/** Python's x % 1.0 for finite x: x - floor(x), exactly, rounded once. */
const frac = (x: number) => {
  const e = exactDecimal(x);
  return roundDecimalSigned(e.minus(e.floor()), F);
};
const warmup = (t: number, w: number) => div(t, Math.max(1, w));

export interface Cosine {
  w: number;
  n: number;
  cycles: number;
  m: number;
}

/** get_cosine_schedule_with_warmup (m = 0) and get_cosine_with_min_lr_schedule_with_warmup. */
export function oracleCosine(base: number, { w, n, cycles, m }: Cosine, t: number): number {
  if (t < w) return mul(base, warmup(t, w));
  const progress = div(intSub(t, w), Math.max(1, n - w));
  let factor = mul(0.5, add(1.0, cos(mul(mul(mul(Math.PI, cycles), 2.0), progress))));
  factor = add(mul(factor, sub(1, m)), m);
  return mul(base, max0(factor));
}

/** get_cosine_with_min_lr_schedule_with_warmup_lr_rate: every value a float, shifted by one. */
export function oracleCosineLrRate(base: number, { w, n, cycles, m }: Cosine, rate: number | null, t: number): number {
  if (t < w) {
    if (rate === null) return mul(base, div(add(t, 1.0), Math.max(1.0, w)));
    return mul(base, add(rate, div(mul(sub(1.0, rate), t), Math.max(1, sub(w, 1)))));
  }
  const progress = div(add(sub(t, w), 1.0), Math.max(1.0, sub(n, w)));
  let factor = mul(0.5, add(1.0, cos(mul(mul(mul(Math.PI, cycles), 2.0), progress))));
  factor = add(mul(factor, sub(1, m)), m);
  return mul(base, max0(factor));
}

/** get_cosine_with_hard_restarts_schedule_with_warmup. */
export function oracleRestarts(base: number, { w, n, cycles }: Omit<Cosine, "m">, t: number): number {
  if (t < w) return mul(base, warmup(t, w));
  const progress = div(intSub(t, w), Math.max(1, n - w));
  if (progress >= 1.0) return mul(base, 0.0);
  return mul(base, max0(mul(0.5, add(1.0, cos(mul(Math.PI, frac(mul(cycles, progress))))))));
}

export interface Polynomial {
  w: number;
  n: number;
  lrEnd: number;
  power: number;
  lrInit: number;
}

/** get_polynomial_decay_schedule_with_warmup (lr_init is optimizer.defaults["lr"]). */
export function oraclePolynomial(base: number, { w, n, lrEnd, power, lrInit }: Polynomial, t: number): number {
  if (t < w) return mul(base, warmup(t, w));
  if (t > n) return mul(base, div(lrEnd, lrInit));
  const lrRange = sub(lrInit, lrEnd);
  const pct = sub(1, intDiv(BigInt(t) - BigInt(w), BigInt(n) - BigInt(w)));
  const decay = add(mul(lrRange, oraclePowIEEE(pct, power, F)), lrEnd);
  return mul(base, div(decay, lrInit));
}

/** get_inverse_sqrt_schedule with its timescale (None: W, or 10,000 for W = 0). */
export function oracleInverseSqrt(base: number, w: number, timescale: number | null, t: number): number {
  const ts = timescale ?? (w || 10_000);
  if (t < w) return mul(base, warmup(t, w));
  const shift = BigInt(ts) - BigInt(w);
  return mul(base, div(1.0, sqrt(intDiv(BigInt(t) + shift, BigInt(ts)))));
}

export type Shape = "linear" | "cosine" | "1-sqrt";

export interface Wsd {
  w: number;
  stable: number;
  d: number;
  warmupType: Shape;
  decayType: Shape;
  m: number;
  cycles: number;
}

/** get_wsd_schedule's lambda, num_stable_steps given. */
export function oracleWsd(base: number, { w, stable, d, warmupType, decayType, m, cycles }: Wsd, t: number): number {
  if (t < w) {
    const p = warmup(t, w);
    const f = warmupType === "linear" ? p : warmupType === "cosine" ? mul(0.5, sub(1.0, cos(mul(Math.PI, p)))) : sub(1.0, sqrt(sub(1.0, p)));
    return mul(base, max0(add(mul(f, sub(1.0, m)), m)));
  }
  if (t < w + stable) return mul(base, 1.0);
  if (t < w + stable + d) {
    const p = div(intSub(t - w, stable), Math.max(1, d));
    const f =
      decayType === "linear" ? sub(1.0, p) : decayType === "cosine" ? mul(0.5, add(1.0, cos(mul(mul(mul(Math.PI, cycles), 2.0), p)))) : sub(1.0, sqrt(p));
    return mul(base, max0(add(mul(f, sub(1.0, m)), m)));
  }
  return mul(base, m);
}
