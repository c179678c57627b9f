/**
 * The fused batch paths (OpSource.run, src/torch/track.ts): schedulers whose range computes each
 * step's operand and applies it in one pass, straight into the caller's array, instead of a fill
 * pass and a scan. Each against PyTorch's recursion written out here (its + - * / are IEEE doubles
 * in JS as in Python; cos from the decimal.js oracle, test/keras/cosine.oracle.ts), on every
 * backend, for ranges that start at 0, inside and past a Wasm chunk, and for `evaluate` picks far
 * apart (the steps before a pick run with no output).
 */
import { afterEach, describe, expect, test } from "vitest";
import { setChunkLengthForTesting } from "../../src/core/wasm.js";
import * as torch from "../../src/torch/index.js";

const BACKENDS = ["js", "wasm-scalar", "wasm-simd"] as const;
const opt = (lr: number) => ({ param_groups: [{ lr, momentum: 0.9 }], defaults: { lr, momentum: 0.9 } });

/** Indices where got differs (Object.is) from want[offset + i]. */
function wrong(want: ArrayLike<number>, got: Float64Array, offset = 0): number[] {
  const bad: number[] = [];
  for (let i = 0; i < got.length; i++) if (!Object.is(got[i], want[offset + i])) bad.push(i);
  return bad;
}

/** Every range and evaluate a test checks: whole, from odd starts, and picks far apart. */
function expectBatches(make: () => torch.LRScheduler, want: Float64Array): void {
  const n = want.length;
  for (const backend of BACKENDS) {
    const s = make();
    expect(wrong(want, s.range(0, n, { backend }))).toEqual([]);
    for (const start of [1, 3, 37, 4095, 4097, n - 5])
      for (const stop of [start + 1, start + 2, Math.min(n, start + 1000), n]) expect(wrong(want, s.range(start, stop, { backend }), start)).toEqual([]);
    const picks = [n - 1, 0, 1, 9000, 9001, 4096, n - 2, 2 * 4096 + 7];
    expect([...s.evaluate(picks, { backend })]).toEqual(picks.map((k) => want[k]));
  }
}

afterEach(() => setChunkLengthForTesting(1 << 16));

describe("ExponentialLR: lr * gamma, a serial chain", () => {
  test("every step is the previous one times gamma, rounded once, on every backend", () => {
    for (const [lr, gamma] of [[0.1, 0.999999], [3.7, 0.9], [1e-3, 0.9999991]] as const) {
      const want = new Float64Array(12000);
      want[0] = lr;
      for (let k = 1; k < want.length; k++) want[k] = want[k - 1]! * gamma;
      expectBatches(() => new torch.ExponentialLR(opt(lr), gamma), want);
    }
  });
});
