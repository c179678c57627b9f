// JS twin of linearLR.ts: the same operations in the same order, on JavaScript numbers.

import { D, LR, TS } from "./linearLR.params.js";

export function linearLR64(params: Float64Array, _steps: Float64Array | null, start: number, out: Float64Array, _hard: Int32Array, n: number): number {
  const ts = params[TS]!;
  const d = params[D]!;
  let lr = params[LR]!;
  for (let i = 0; i < n; i++) {
    lr = lr * (1.0 + d / (ts + (start - 1.0 + i) * d));
    out[i] = lr;
  }
  return 0;
}
