// JS twin of power.ts: jnp.power(x, y) for a base in [0, 1], by mode (read power.ts for the modes).

import { powv32, powv64 } from "../../numerics/pow.twin.js";
import { ipow32, ipow64 } from "./ipow.twin.js";

export const GENERAL = 0;
export const INTEGER = 1;
export const SQRT = 2;

/** The mode of an exponent: an integer is a Python int (integer_pow); 0.5 the square root; else lax.pow. */
export function modeOf(y: number): number {
  return Number.isInteger(y) ? INTEGER : y === 0.5 ? SQRT : GENERAL;
}

type Pow = (x: number, y: number) => number;

/** x^y in float32, or undecided() (GENERAL, with the default pow); `pow` is GENERAL's function. */
export function power32(x: number, y: number, mode: number, pow: Pow = powv32): number {
  if (mode === INTEGER) return ipow32(x, y);
  if (mode === SQRT) return Math.fround(Math.sqrt(x));
  return pow(x, y);
}

/** x^y in float64, or undecided(); `pow` as power32's. */
export function power64(x: number, y: number, mode: number, pow: Pow = powv64): number {
  if (mode === INTEGER) return ipow64(x, y);
  if (mode === SQRT) return Math.sqrt(x);
  return pow(x, y);
}
