// JS twin of warmRestarts.ts: the same operations in the same order, on JavaScript numbers.

import { cosinesAt } from "./cosines.twin.js";
import { BASE, ETA, PI, TI } from "./warmRestarts.params.js";

export function warmRestarts64(params: Float64Array, _steps: Float64Array | null, start: number, out: Float64Array, hard: Int32Array, n: number): number {
  const ti = params[TI]!;
  const pi = params[PI]!;
  const eta = params[ETA]!;
  const range = params[BASE]! - eta;
  for (let i = 0; i < n; i++) out[i] = (pi * (start + i)) / ti;
  const count = cosinesAt(out, out, hard, n);
  for (let i = 0; i < n; i++) out[i] = eta + (range * (1.0 + out[i]!)) / 2.0;
  return count;
}
