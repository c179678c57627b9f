// JS twin of oneCycleLR.ts: the same operations in the same order, on JavaScript numbers.

import { cosinesAt } from "./cosines.twin.js";
import { FROM, PI, SPAN, START, TO } from "./oneCycleLR.params.js";

export function oneCycleCos64(params: Float64Array, _steps: Float64Array | null, start: number, out: Float64Array, hard: Int32Array, n: number): number {
  const s = params[START]!;
  const span = params[SPAN]!;
  const pi = params[PI]!;
  const to = params[TO]!;
  const half = (params[FROM]! - to) / 2.0;
  for (let i = 0; i < n; i++) out[i] = pi * ((start + i - s) / span);
  const count = cosinesAt(out, out, hard, n);
  for (let i = 0; i < n; i++) out[i] = to + half * (out[i]! + 1.0);
  return count;
}
