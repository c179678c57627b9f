// JS twin of polynomialLR.ts: the same operations in the same order, on JavaScript numbers.

import { LR, POWER, T } from "./polynomialLR.params.js";

export function polynomialLR64(params: Float64Array, _steps: Float64Array | null, start: number, out: Float64Array, _hard: Int32Array, n: number): number {
  const total = params[T]!;
  const p = params[POWER]!;
  let lr = params[LR]!;
  let den = 1.0 - (start - 1.0) / total;
  for (let i = 0; i < n; i++) {
    const num = 1.0 - (start + i) / total;
    let x = num / den;
    if (p === 2.0) x = x * x;
    else if (p === 0.5) x = Math.sqrt(x);
    lr = lr * x;
    out[i] = lr;
    den = num;
  }
  return 0;
}
