// Types of bench/oracle.mjs, for test/benchOracle.test.ts.
import type { Decimal } from "decimal.js";

export type DType = "float32" | "float64";
export interface Arithmetic {
  round(x: number): number;
  add(a: number, b: number): number;
  sub(a: number, b: number): number;
  mul(a: number, b: number): number;
  div(a: number, b: number): number;
  pow(x: number, y: number): number;
  cos(x: number): number;
  log(x: number): number;
}
export function exact(D: typeof Decimal, x: number): Decimal;
export function arithmetic(dtype: DType): Arithmetic;
export const ORACLES: Record<
  "ExponentialDecay" | "InverseTimeDecay" | "PiecewiseConstantDecay" | "PolynomialDecay" | "CosineDecay" | "CosineDecayRestarts",
  (options: Record<string, unknown>, dtype: DType) => (step: number) => number
>;
