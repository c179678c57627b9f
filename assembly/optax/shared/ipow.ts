// jnp.power(x, n) for a Python int n >= 0: lax.integer_pow, which JAX lowers to multiplications in
// this order (jax/_src/lax/lax.py, _integer_pow; its lowering's direct forms for n = 1, 2, 3 are the
// same products): binary exponentiation from the lowest bit up,
//
//   acc = None
//   while n > 0:
//     if n & 1: acc = x if acc is None else acc * x
//     n >>= 1
//     if n > 0: x = x * x
//
// with n = 0 giving 1 (full_like(x, 1), for every x). Each product is one IEEE multiplication in the
// dtype: in float32, a double product of two float32 values rounded once to float32 is the float32
// product (48 bits are exact in a double).
//
// JS twin: ipow.twin.ts.

/** x^n by integer_pow's products, in float32 (x a float32 value held in an f64). */
// @ts-ignore: decorator
@inline
export function ipow32(x: f64, n: i64): f64 {
  if (n == 0) return 1.0;
  let acc: f64 = 0;
  let first = true;
  let b = x;
  let m = n;
  while (m > 0) {
    if (m & 1) {
      acc = first ? b : <f64><f32>(acc * b);
      first = false;
    }
    m >>= 1;
    if (m > 0) b = <f64><f32>(b * b);
  }
  return acc;
}

/** x^n by integer_pow's products, in float64. */
// @ts-ignore: decorator
@inline
export function ipow64(x: f64, n: i64): f64 {
  if (n == 0) return 1.0;
  let acc: f64 = 0;
  let first = true;
  let b = x;
  let m = n;
  while (m > 0) {
    if (m & 1) {
      acc = first ? b : acc * b;
      first = false;
    }
    m >>= 1;
    if (m > 0) b = b * b;
  }
  return acc;
}

/**
 * ipow32 on four float32 lanes: the same products, lane by lane. The powers 1 and 2 (linear_schedule's,
 * the cosine's default, a square) skip the loop.
 */
// @ts-ignore: decorator
@inline
export function ipow32x4(x: v128, n: i64): v128 {
  if (n == 1) return x;
  if (n == 2) return f32x4.mul(x, x);
  if (n == 0) return f32x4.splat(1.0);
  let acc = x;
  let first = true;
  let b = x;
  let m = n;
  while (m > 0) {
    if (m & 1) {
      acc = first ? b : f32x4.mul(acc, b);
      first = false;
    }
    m >>= 1;
    if (m > 0) b = f32x4.mul(b, b);
  }
  return acc;
}

/**
 * ipow64 on two float64 lanes: the same products, lane by lane. The powers 1 and 2 skip the loop
 * (ipow64's loop makes the same products for them: x, and x * x).
 */
// @ts-ignore: decorator
@inline
export function ipow64x2(x: v128, n: i64): v128 {
  if (n == 1) return x;
  if (n == 2) return f64x2.mul(x, x);
  if (n == 0) return f64x2.splat(1.0);
  let acc = x;
  let first = true;
  let b = x;
  let m = n;
  while (m > 0) {
    if (m & 1) {
      acc = first ? b : f64x2.mul(acc, b);
      first = false;
    }
    m >>= 1;
    if (m > 0) b = f64x2.mul(b, b);
  }
  return acc;
}
