// The schedules and steps that Node (global-setup.ts) and the browser (node-parity.test.ts) both
// compute, to compare their bits.
import type { DType } from "../../src/index.js";

export const CASES = [
  { a: 0.1, d: 100000, r: 0.96, staircase: false },
  { a: 0.1, d: 3, r: 0.96, staircase: true },
  { a: 5, d: 777.25, r: 0.37, staircase: false },
  { a: -0.25, d: 8, r: 0.5, staircase: false },
  { a: 1, d: 1, r: 4097 / 4096, staircase: false },
  { a: 0.01, d: 1000, r: 1.5, staircase: false },
].flatMap((c) => (["float32", "float64"] as DType[]).map((dtype) => ({ ...c, dtype })));

export const RANGE: [number, number] = [-2000, 150000];
export const STEPS = Array.from({ length: 4000 }, (_, i) => ((i * 7919) % 1000003) - 3000 + (i % 3 === 0 ? i / 7 : 0));

/** Float bits as hex, so that -0, NaN and every last bit survive JSON. */
export function toHex(values: ArrayLike<number>): string {
  const bits = new BigUint64Array(Float64Array.from(values as ArrayLike<number>).buffer);
  return Array.from(bits, (b) => b.toString(16).padStart(16, "0")).join("");
}
