// JS twin of cosines.ts: the same operations in the same order, on JavaScript numbers (the scalar
// build's loop: two in a row at one anchor take the run step, the others cos64).

import { anchor64Of, ANCHOR_HALF_PI, cos64, cosRun64, NEAR64, runAnchor64 } from "../numerics/cos.twin.js";
import { wasUndecided } from "../numerics/undecided.twin.js";

const anchor64 = new Float64Array(12);

/** cosines.ts' cosinesAt: out[i] = cos(x[i]) (out may be x), or i recorded in hard. */
export function cosinesAt(x: Float64Array, out: Float64Array, hard: Int32Array, n: number): number {
  let count = 0;
  let prevJ = -1;
  let heldJ = -1;
  let b = 0, ph = 0, pl = 0, qh1 = 0, qr = 0, h2 = 0, g3 = 0, h4 = 0, g5 = 0, h6 = 0, g7 = 0, err = 0;
  for (let i = 0; i < n; i++) {
    const t = x[i]!;
    if (!(t - t === 0.0)) return -1 - i;
    let c = NaN;
    if (t >= 0 && t < NEAR64) {
      const j = anchor64Of(t);
      if (j === prevJ && j !== ANCHOR_HALF_PI) {
        if (j !== heldJ) {
          runAnchor64(j, anchor64);
          heldJ = j;
          b = anchor64[0]!; ph = anchor64[1]!; pl = anchor64[2]!; qh1 = anchor64[3]!; qr = anchor64[4]!;
          h2 = anchor64[5]!; g3 = anchor64[6]!; h4 = anchor64[7]!; g5 = anchor64[8]!; h6 = anchor64[9]!; g7 = anchor64[10]!; err = anchor64[11]!;
        }
        c = cosRun64(t, b, ph, pl, qh1, qr, h2, g3, h4, g5, h6, g7, err);
      }
      prevJ = j;
    }
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
