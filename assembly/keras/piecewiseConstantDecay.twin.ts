// JS twin of piecewiseConstantDecay.ts: the same functions with the same operations in the same
// order, and the same calling convention (assembly/abi.ts; src/core/batch.ts, TwinKernel). Read
// piecewiseConstantDecay.ts for why.

// Parameter block, as in piecewiseConstantDecay.ts: N, the N boundaries, the N + 1 values.
import { COUNT, SLOTS as BOUNDARIES } from "./piecewiseConstantDecay.params.js";

/** The number of boundaries below `s` (b[from .. from + n) non-decreasing): the index of its value. */
export function index(b: Float64Array, from: number, n: number, s: number): number {
  let base = 0;
  let len = n;
  while (len > 1) {
    const half = len >> 1;
    base = b[from + base + half]! < s ? base + half : base;
    len -= half;
  }
  return base + (b[from + base]! < s ? 1 : 0);
}

/** For a range: the end (exclusive, at most count) of the run of index k that starts at start + i. */
export function runEnd(b: Float64Array, from: number, n: number, k: number, start: number, count: number): number {
  if (k === n) return count;
  return Math.min(count, Math.floor(b[from + k]!) - start + 1.0);
}

function run(params: Float64Array, steps: Float64Array | null, start: number, out: Float32Array | Float64Array, n: number): number {
  const count = params[COUNT]!;
  const values = BOUNDARIES + count;
  if (steps === null) {
    let k = index(params, BOUNDARIES, count, start);
    for (let i = 0; i < n; ) {
      const end = runEnd(params, BOUNDARIES, count, k, start, n);
      out.fill(params[values + k]!, i, end); // a Float32Array rounds, as the kernel's demotion
      i = end;
      while (k < count && params[BOUNDARIES + k]! < start + i) k++;
    }
    return 0;
  }
  for (let i = 0; i < n; i++) {
    const step = steps[i]!;
    if (step - step !== 0) return -1 - i;
    out[i] = params[values + index(params, BOUNDARIES, count, step)]!;
  }
  return 0;
}

export function piecewiseConstantDecay32(
  params: Float64Array, steps: Float64Array | null, start: number, out: Float32Array, _hard: Int32Array, n: number,
): number {
  return run(params, steps, start, out, n);
}

export function piecewiseConstantDecay64(
  params: Float64Array, steps: Float64Array | null, start: number, out: Float64Array, _hard: Int32Array, n: number,
): number {
  return run(params, steps, start, out, n);
}
