import type { DType } from "./types.js";

/**
 * The shortest decimal string that reads back to the same float of `dtype`: JavaScript's own for
 * float64; for float32 the fewest significant digits (1 to 9) whose value rounds to the same
 * float32. Non-finite values as Python and JavaScript both read them: Infinity, -Infinity, NaN.
 */
export function formatValue(x: number, dtype: DType): string {
  if (!Number.isFinite(x)) return String(x);
  if (dtype === "float64") return String(x);
  for (let digits = 1; digits < 9; digits++) {
    const candidate = Number(x.toPrecision(digits));
    if (Math.fround(candidate) === x) return String(candidate);
  }
  return String(Number(x.toPrecision(9)));
}

