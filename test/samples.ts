/** Deterministic inputs shared by the numerics tests. */

/** A deterministic stream of doubles in [0, 1) (fast-check's shrinking is no use for a census). */
export function* uniform(seed: number, count: number): Generator<number> {
  let s = seed >>> 0;
  for (let i = 0; i < count; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const hi = s;
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    yield (hi * 2 ** 21 + (s >>> 11)) / 2 ** 53;
  }
}

/**
 * A hexadecimal float literal ("0x1.a6ae5142326b5p+0", "-0x1p-3") as its exact double, built from
 * the integer significand (decimal.js' and parseFloat's readings of such strings can lose bits).
 */
export function hex(s: string): number {
  const m = /^([+-]?)0x([01])(?:\.([0-9a-f]*))?p([+-]?\d+)$/i.exec(s);
  if (m === null) throw new Error(`not a hex float: ${s}`);
  const frac = m[3] ?? "";
  const e = Number(m[4]) - 4 * frac.length;
  // At most 53 significant bits: Number() is exact, and so are the halvings and doublings.
  let v = Number(BigInt(`0x${m[2]}${frac}`));
  for (let i = 0; i < Math.abs(e); i++) v = e > 0 ? v * 2 : v / 2;
  return m[1] === "-" ? -v : v;
}
