// JS twin of ipow.ts: jnp.power(x, n) for a Python int n >= 0, integer_pow's products in the same
// order (read ipow.ts for the order and why each product rounds as the dtype's).

/** x^n by integer_pow's products, in float32. */
export function ipow32(x: number, n: number): number {
  if (n === 0) return 1.0;
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
  if (n === 0) return 1.0;
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
