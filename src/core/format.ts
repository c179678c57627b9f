import { decompose } from "../exact/binary.js";
import type { DType } from "./types.js";

/**
 * The shortest decimal string that reads back to the same float of `dtype`: JavaScript's own for
 * float64; for float32 the fewest significant digits (1 to 9) whose value rounds to the same
 * float32, the nearest such decimal, and of two equally near the one with even digits (as
 * JavaScript's own for float64, numpy's repr and Ryu). Non-finite values as Python and JavaScript
 * both read them: Infinity, -Infinity, NaN. src/cli/shortest.ts is its fast twin.
 */
export function formatValue(x: number, dtype: DType): string {
  if (!Number.isFinite(x)) return String(x);
  if (dtype === "float64") return String(x);
  const powerOfTwo = x !== 0 && isPowerOfTwo32(x);
  for (let digits = 1; digits < 9; digits++) {
    // The nearest decimal of these digits (toPrecision rounds a tie away from 0).
    const nearest = Number(x.toPrecision(digits));
    if (Math.fround(nearest) === x) return String(evenOfTie(x, digits, nearest));
    // A power of two's rounding interval reaches twice as far above it as below: where the nearest
    // decimal lies below it and does not read back, the one above may (2^-96: 1.2621775e-29).
    if (powerOfTwo && Math.abs(nearest) < Math.abs(x)) {
      const above = decimalOf(x, digits, 1n);
      if (Math.fround(above) === x) return String(above);
    }
  }
  // Nine digits always read back.
  return String(evenOfTie(x, 9, Number(x.toPrecision(9))));
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const isPowerOfTwo32 = (x: number) => ((f32[0] = x), (u32[0]! & 0x7fffff) === 0);

/** The k-digit decimal of x's toExponential, moved by `by` units of its last digit, read as a double. */
function decimalOf(x: number, k: number, by: bigint): number {
  const [mantissa, exponent] = x.toExponential(k - 1).split("e") as [string, string];
  const c = BigInt(mantissa.replace(/[-.]/g, "")) + by;
  return Number(`${x < 0 ? "-" : ""}${c}e${Number(exponent) - (k - 1)}`);
}

/**
 * `nearest`, the k-digit decimal nearest x that reads back, unless x lies exactly halfway between
 * it and the one below it (toPrecision then took the one away from 0): then the one with the even
 * last digit, if it reads back too.
 */
function evenOfTie(x: number, k: number, nearest: number): number {
  if (Math.abs(nearest) <= Math.abs(x)) return nearest;
  // A tie: x has exactly k + 1 significant digits, the last a 5.
  const longer = x.toPrecision(k + 1);
  const [mantissa, exponent = "0"] = longer.split("e") as [string, string?];
  if (!mantissa.endsWith("5")) return nearest;
  const digits = mantissa.replace(/[-.]/g, "");
  const point = mantissa.indexOf(".");
  const t = Number(exponent) - (point < 0 ? 0 : mantissa.length - point - 1);
  if (!equalsDecimal(Math.abs(x), BigInt(digits), t)) return nearest;
  // The nearest's last digit is that of (digits + 5) / 10: odd goes down to the even one.
  if (((BigInt(digits) + 5n) / 10n) % 2n === 0n) return nearest;
  const below = decimalOf(x, k, -1n);
  return Math.fround(below) === x ? below : nearest;
}

/** Whether the double x > 0 is exactly the decimal c * 10^t. */
function equalsDecimal(x: number, c: bigint, t: number): boolean {
  const [m, e] = decompose(x); // x = m * 2^e
  const left = m * 2n ** BigInt(Math.max(e, 0)) * 10n ** BigInt(Math.max(-t, 0));
  const right = c * 10n ** BigInt(Math.max(t, 0)) * 2n ** BigInt(Math.max(-e, 0));
  return left === right;
}
