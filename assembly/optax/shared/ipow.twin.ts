// JS twin of ipow.ts: jnp.power(x, n) for a Python int n >= 0, integer_pow's products in the same
// order (read ipow.ts for the order and why each product rounds as the dtype's).

// A JS number n is a double: below 2^31 the loop runs on int32 bits (a double's n % 2 is a call to
// fmod in V8, which made a float64 linear_schedule's twin 10x slower than the user's loop), in the
// form below: acc starts as the power at n's lowest set bit, then each higher set bit multiplies it
// by that bit's power, the squares made one per bit as the kernel makes them, so the same products
// in the same order. Larger n (a Python int of 2^31 or more) take the kernel's loop as written.

/** x^n by integer_pow's products, in float32. */
export function ipow32(x: number, n: number): number {
  if (n === 0) return 1.0;
  if (n <= 0x7fffffff) {
    let m = n | 0;
    let b = x;
    while ((m & 1) === 0) {
      m >>= 1;
      b = Math.fround(b * b);
    }
    let acc = b;
    for (m >>= 1; m > 0; m >>= 1) {
      b = Math.fround(b * b);
      if ((m & 1) === 1) acc = Math.fround(acc * b);
    }
    return acc;
  }
  let acc = 0;
  let first = true;
  let b = x;
  let m = n;
  while (m > 0) {
    if (m % 2 === 1) {
      acc = first ? b : Math.fround(acc * b);
      first = false;
    }
    m = Math.floor(m / 2);
    if (m > 0) b = Math.fround(b * b);
  }
  return acc;
}

/** x^n by integer_pow's products, in float64. */
export function ipow64(x: number, n: number): number {
  if (n === 1) return x;
  if (n === 2) return x * x;
  if (n === 0) return 1.0;
  if (n <= 0x7fffffff) {
    let m = n | 0;
    let b = x;
    while ((m & 1) === 0) {
      m >>= 1;
      b = b * b;
    }
    let acc = b;
    for (m >>= 1; m > 0; m >>= 1) {
      b = b * b;
      if ((m & 1) === 1) acc = acc * b;
    }
    return acc;
  }
  let acc = 0;
  let first = true;
  let b = x;
  let m = n;
  while (m > 0) {
    if (m % 2 === 1) {
      acc = first ? b : acc * b;
      first = false;
    }
    m = Math.floor(m / 2);
    if (m > 0) b = b * b;
  }
  return acc;
}
