// JS twin of cosines.ts: the same operations in the same order, on JavaScript numbers (the scalar
// build's loop: two in a row in one run hold it and take the run step, the others cos64), with its
// own gate for runs (MIN_RUN_STEPS, below).

import { cos64, cosRun64, runHolds64 } from "../numerics/cos.twin.js";
import { wasUndecided } from "../numerics/undecided.twin.js";

const run = new Float64Array(16);
/** cosines.ts' RUN_SPAN: a run's width, pi/512. */
const RUN_SPAN = 0.006135923151542565;
/**
 * cosines.ts' MIN_RUN_STEPS for the twin: a run is looked for only where consecutive arguments lie
 * within RUN_SPAN / 2, where it holds about two steps or more. Measured (Node 20, CosineAnnealingLR
 * over 1e6 steps, against the user's loop): T_max 1000 0.23x without the gate, 0.42x with it; 3000
 * 0.49x and 0.61x; 10000 0.83x and 0.95x (1, 1.5 and 3 gave about the same, 1000 worse at 1 and 1.5).
 * Either path gives cos64's bits.
 */
const MIN_RUN_STEPS = 2;

/** cosines.ts' cosinesAt: out[i] = cos(x[i]) (out may be x), or i recorded in hard. */
export function cosinesAt(x: Float64Array, out: Float64Array, hard: Int32Array, n: number): number {
  let count = 0;
  let prev = NaN;
  let lo = Infinity, hi = -Infinity, shift = 0, sign = 1;
  let b = 0, ph = 0, winLo = 0, qh1 = 0, qr = 0, h2 = 0, g3 = 0, h4 = 0, g5 = 0, h6 = 0, g7 = 0, winHi = 0;
  for (let i = 0; i < n; i++) {
    const t = x[i]!;
    if (!(t - t === 0.0)) return -1 - i;
    let c = NaN;
    let inRun = t >= lo && t <= hi;
    if (!inRun && Math.abs(t - prev) * MIN_RUN_STEPS <= RUN_SPAN && runHolds64(prev, t, run)) {
      b = run[0]!; ph = run[1]!; winLo = run[2]!; qh1 = run[3]!; qr = run[4]!;
      h2 = run[5]!; g3 = run[6]!; h4 = run[7]!; g5 = run[8]!; h6 = run[9]!; g7 = run[10]!; winHi = run[11]!;
      lo = run[12]!; hi = run[13]!; shift = run[14]!; sign = run[15]!;
      inRun = true;
    }
    if (inRun) c = cosRun64(sign * (t - shift), b, ph, winLo, qh1, qr, h2, g3, h4, g5, h6, g7, winHi);
    prev = t;
    if (c !== c) {
      c = cos64(t);
      if (wasUndecided()) {
        hard[count++] = i;
        continue;
      }
    }
    out[i] = c;
  }
  return count;
}

export function cosines64(_params: Float64Array, steps: Float64Array | null, _start: number, out: Float64Array, hard: Int32Array, n: number): number {
  return cosinesAt(steps!, out, hard, n);
}
