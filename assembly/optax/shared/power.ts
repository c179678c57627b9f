// jnp.power(x, y) as optax's schedules take it, for a base x in [0, 1] (polynomial_schedule's frac,
// cosine_decay_schedule's cosine term): by a mode the facade picks from y once.
//   INTEGER: y is a Python int: lax.integer_pow, repeated multiplication (ipow.ts).
//   SQRT:    y = 0.5, a float: lax.pow, correctly rounded, which is IEEE's correctly rounded square
//            root for x >= +0 (in float32, the float64 root of a float32 rounded to float32 is the
//            float32 root: 53 >= 2 * 24 + 2).
//   GENERAL: any other float: ../../numerics/pow.ts's powv32/powv64 (correctly rounded, or
//            undecided: the facade's exact path).
//
// JS twin: power.twin.ts.

import { powv32, powv64 } from "../../numerics/pow";
import { ipow32, ipow32x4, ipow64, ipow64x2 } from "./ipow";

export const GENERAL = 0;
export const INTEGER = 1;
export const SQRT = 2;

/** x^y in float32 (x a float32 value in [0, 1]), or undecided() (GENERAL only). */
// @ts-ignore: decorator
@inline
export function power32(x: f64, y: f64, mode: i32): f64 {
  if (mode == INTEGER) return ipow32(x, <i64>y);
  if (mode == SQRT) return <f64><f32>Math.sqrt(x);
  return powv32(x, y);
}

/** x^y in float64, or undecided() (GENERAL only). */
// @ts-ignore: decorator
@inline
export function power64(x: f64, y: f64, mode: i32): f64 {
  if (mode == INTEGER) return ipow64(x, <i64>y);
  if (mode == SQRT) return Math.sqrt(x);
  return powv64(x, y);
}

/**
 * power32 on four float32 lanes, for INTEGER (n = y as an integer, converted once by the caller) and
 * SQRT; the caller takes GENERAL lane by lane.
 */
// @ts-ignore: decorator
@inline
export function power32x4(x: v128, n: i64, mode: i32): v128 {
  return mode == SQRT ? f32x4.sqrt(x) : ipow32x4(x, n);
}

/**
 * power64 on two float64 lanes, for INTEGER (n = y as an integer, converted once by the caller) and
 * SQRT (f64x2.sqrt is IEEE's square root, as Math.sqrt); the caller takes GENERAL lane by lane.
 */
// @ts-ignore: decorator
@inline
export function power64x2(x: v128, n: i64, mode: i32): v128 {
  return mode == SQRT ? f64x2.sqrt(x) : ipow64x2(x, n);
}
