/**
 * CyclicLR's batch paths (src/torch/cyclic.ts): the kernels of PyTorch's built-in scale functions
 * (assembly/torch/cyclicLR.ts: triangular2, exp_range; their twins) and the step-by-step run of a
 * caller's scale_fn. Each against PyTorch's get_lr written out here, its `**` from the decimal.js
 * oracle (test/keras/cosine.oracle.ts) and 2.0 ** -k by halving (exact), on every backend, exactly:
 * cycle boundaries, odd and even lengths, Wasm chunk boundaries, ranges that start mid-way,
 * gamma ** t through the subnormals to 0, the cycle where triangular2's 2.0 ** 1024 raises, resumed
 * and chained schedulers.
 */
import { afterEach, describe, expect, test } from "vitest";
import { setChunkLengthForTesting } from "../../src/core/wasm.js";
import * as torch from "../../src/torch/index.js";
import { expectError } from "../expectError.js";
import { oraclePowIEEE } from "../keras/cosine.oracle.js";
import { stepped } from "./stepped.js";

const BACKENDS = ["js", "wasm-scalar", "wasm-simd"] as const;
const opt = (lr: number) => ({ param_groups: [{ lr, momentum: 0.9 }], defaults: { lr, momentum: 0.9 } });

afterEach(() => setChunkLengthForTesting(1 << 16));

/** 1 / (2.0 ** k), by halving: exact down to 2^-1074. */
function halvings(k: number): number {
  let f = 1;
  for (let i = 0; i < k; i++) f *= 0.5;
  return f;
}

interface Args {
  base: number;
  max: number;
  up: number;
  down: number;
  mode: "triangular2" | "exp_range";
  gamma?: number;
}

/** PyTorch's get_lr at t (group 0), operation by operation; gamma ** t from the oracle. */
function want(a: Args, t: number): number {
  const total = a.up + a.down, ratio = a.up / total;
  const cycle = Math.floor(1 + t / total);
  const x = 1.0 + t / total - cycle;
  const scale = x <= ratio ? x / ratio : (x - 1) / (ratio - 1);
  const f = a.mode === "triangular2" ? halvings(cycle - 1) : oraclePowIEEE(a.gamma!, t, "float64");
  return a.base + (a.max - a.base) * scale * f;
}

const make = (a: Args, lastEpoch = -1, o: torch.OptimizerLike = opt(a.max)) =>
  new torch.CyclicLR(o, { baseLr: a.base, maxLr: a.max, stepSizeUp: a.up, stepSizeDown: a.down, mode: a.mode, gamma: a.gamma ?? 1, cycleMomentum: false, lastEpoch });

/** Indices t in [start, stop) where got[t - start] differs (Object.is) from expected(t). */
function wrongAt(got: Float64Array, start: number, expected: (t: number) => number, ts: Iterable<number>): number[] {
  const bad: number[] = [];
  for (const t of ts) if (!Object.is(got[t - start], expected(t))) bad.push(t);
  return bad;
}

const every = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

/**
 * On every backend and with Wasm chunks of `chunk`: the range [start, stop) equals the expected
 * values at the steps `ts`, the three backends agree on all of it, and ranges starting mid-way
 * (odd and even starts, lengths 1 and 2) and evaluate picks agree with it.
 */
function expectRange(a: Args, start: number, stop: number, ts: number[], chunk: number): void {
  setChunkLengthForTesting(chunk);
  const memo = new Map<number, number>();
  const expected = (t: number) => memo.get(t) ?? (memo.set(t, want(a, t)), memo.get(t)!);
  let first: Float64Array | null = null;
  for (const backend of BACKENDS) {
    const s = make(a);
    const got = s.range(start, stop, { backend });
    expect([backend, wrongAt(got, start, expected, ts)]).toEqual([backend, []]);
    if (first === null) first = got;
    else expect(Buffer.from(got.buffer).equals(Buffer.from(first.buffer))).toBe(true);
    const n = stop - start;
    for (const from of [start + 1, start + 2, start + 37, start + (n >> 1) + 1])
      for (const to of [from + 1, from + 2, Math.min(stop, from + 1001), stop]) {
        if (from >= stop || to > stop) continue;
        expect([backend, from, to, [...s.range(from, to, { backend })]]).toEqual([backend, from, to, [...first.subarray(from - start, to - start)]]);
      }
    const picks = [stop - 1, start, start + 1, start + (n >> 1), stop - 2];
    expect([...s.evaluate(picks, { backend })]).toEqual(picks.map((t) => first![t - start]));
  }
}

describe("CyclicLR triangular2: the factor 2^(1 - cycle) in the kernel", () => {
  test("up 2000 / down 2000, 3 / 5, 7 / 1, 2.5 / 1.25 (fractional cycles): every step against PyTorch's get_lr, Wasm chunks of 37 and 65536", () => {
    for (const [up, down] of [[2000, 2000], [3, 5], [7, 1], [2.5, 1.25]] as const) {
      const a: Args = { base: 0.001, max: 0.1, up, down, mode: "triangular2" };
      const n = up === 2000 ? 20001 : up === 2.5 ? 3801 : 5001; // cycle 1025 starts at 3840 for 2.5 / 1.25
      expectRange(a, 0, n, every(0, n), 37);
      expectRange(a, 0, n, every(0, n), 1 << 16);
    }
  });

  test("cycles 1015 to 1024 (the last factors, 2^-1023 a subnormal), base_lr 0 so that the factor shows in every bit", () => {
    for (const [up, down] of [[1, 1], [3, 4], [2.5, 3]] as const) {
      const a: Args = { base: 0, max: 1, up, down, mode: "triangular2" };
      const total = up + down;
      // The first step of cycle 1025 is the first t with 1 + t / total >= 1025.
      let end = Math.floor(1024 * total) - 2;
      while (Math.floor(1 + end / total) < 1025) end++;
      const start = Math.max(0, end - Math.ceil(10 * total));
      expectRange(a, start, end, every(start, end), 37);
      expect(Object.is(want(a, end - 1), 0)).toBe(false);
    }
  });

  test("cycle 1025 is PyTorch's OverflowError (2.0 ** 1024), at that step: stepping, range and evaluate", () => {
    const a: Args = { base: 0.001, max: 0.1, up: 3, down: 4, mode: "triangular2" };
    // Cycle 1025 starts at t = 1024 * 7 = 7168.
    const message = "(34, 'Numerical result out of range') (Python's OverflowError): 2.0 ** 1024";
    for (const backend of BACKENDS) {
      const s = make(a);
      expect(s.range(7160, 7168, { backend })[7]).toBe(want(a, 7167));
      expectError(() => s.range(0, 7169, { backend }), RangeError, message);
      expectError(() => s.range(7168, 7169, { backend }), RangeError, message);
      expectError(() => s.evaluate([5, 7168], { backend }), RangeError, message);
      // Past the first overflow, the error is still that step's (stepping would raise there first).
      expectError(() => s.range(0, 30000, { backend }), RangeError, message);
      expectError(() => s.range(7000, 9001, { backend }), RangeError, message);
      expectError(() => s.evaluate([9000, 5], { backend }), RangeError, message);
    }
    const s = make(a);
    for (let k = 1; k < 7168; k++) s.step();
    expect(s.getLastLr()[0]).toBe(want(a, 7167));
    expectError(() => s.step(), RangeError, message);
  });
});

describe("CyclicLR exp_range: gamma ** t correctly rounded in the kernel", () => {
  test("gamma 0.99999 (up 2000), 0.9 (up 3, down 2), 1.001 (up 5, down 7): against the oracle, Wasm chunks of 37", () => {
    const cases: [Args, number[]][] = [
      // Steps around cycle turns and chunk boundaries, and a spread.
      [{ base: 0.001, max: 0.1, up: 2000, down: 2000, mode: "exp_range", gamma: 0.99999 }, [...every(0, 80), ...every(1990, 2010), ...every(3990, 4010), ...Array.from({ length: 150 }, (_, i) => 4011 + i * 37)]],
      [{ base: 0.01, max: 0.3, up: 3, down: 2, mode: "exp_range", gamma: 0.9 }, every(0, 400)],
      [{ base: 0.001, max: 0.1, up: 5, down: 7, mode: "exp_range", gamma: 1.001 }, [...every(0, 200), ...every(9700, 9800)]],
    ];
    for (const [a, ts] of cases) expectRange(a, 0, 10000, ts, 37);
  });

  test("gamma 0.999 through the subnormals to 0: base_lr 0.001 (the sum is base_lr), base_lr 0 and a huge max_lr (every bit of the power shows)", () => {
    // 0.999 ** t falls below 2^-1022 at t = 708,043 and rounds to 0 from t = 744,761.
    const normalEnd = 708_043, zero = 744_761;
    for (const [base, max] of [[0.001, 0.1], [0, 0.1], [0.001, 1e300]] as const) {
      const a: Args = { base, max, up: 5, down: 5, mode: "exp_range", gamma: 0.999 };
      for (const at of [normalEnd, 726_000, zero]) expectRange(a, at - 60, at + 60, every(at - 60, at + 60), 37);
    }
    // The boundaries are where the comments say: the power is normal, subnormal, then 0.
    expect(oraclePowIEEE(0.999, normalEnd - 60, "float64")).toBeGreaterThanOrEqual(2 ** -1022);
    expect(oraclePowIEEE(0.999, normalEnd + 59, "float64")).toBeLessThan(2 ** -1022);
    expect(oraclePowIEEE(0.999, zero - 60, "float64")).toBeGreaterThan(0);
    expect(oraclePowIEEE(0.999, zero + 59, "float64")).toBe(0);
  });

  test("a million steps of gamma 0.999 (up 5): the three backends agree, the tail is base_lr, samples against the oracle", () => {
    const a: Args = { base: 0.001, max: 0.1, up: 5, down: 5, mode: "exp_range", gamma: 0.999 };
    const runs = BACKENDS.map((backend) => make(a).range(0, 1_000_000, { backend }));
    for (const r of runs.slice(1)) expect(Buffer.from(r.buffer).equals(Buffer.from(runs[0]!.buffer))).toBe(true);
    const ts = [...Array.from({ length: 120 }, (_, i) => i * 8311 + 3), 999_999];
    expect(wrongAt(runs[0]!, 0, (t) => want(a, t), ts)).toEqual([]);
    expect(runs[0]!.subarray(708_043).every((v) => v === 0.001)).toBe(true);
  });

  test("gamma 1.5: gamma ** 1751 overflows, PyTorch's OverflowError at that step; 1750 is still finite", () => {
    const a: Args = { base: 0.001, max: 0.1, up: 2, down: 3, mode: "exp_range", gamma: 1.5 };
    const message = "(34, 'Numerical result out of range') (Python's OverflowError): 1.5 ** 1751";
    for (const backend of BACKENDS) {
      const s = make(a);
      const got = s.range(1700, 1751, { backend });
      expect(wrongAt(got, 1700, (t) => want(a, t), every(1740, 1751))).toEqual([]);
      expectError(() => s.range(0, 1752, { backend }), RangeError, message);
      expectError(() => s.evaluate([1751], { backend }), RangeError, message);
      expectError(() => s.range(0, 5000, { backend }), RangeError, message);
      expectError(() => s.range(1751, 1752 + 37 * 3, { backend }), RangeError, message);
      expectError(() => s.evaluate([4000, 3], { backend }), RangeError, message);
    }
  });
});

describe("CyclicLR exp_range with gamma <= 0: no kernel, PyTorch's get_lr step by step", () => {
  test("gamma -0.9 (the sign alternates) and 0 (0.0 ** 0 is 1): range equals stepping on every backend", () => {
    for (const gamma of [-0.9, 0]) {
      const a: Args = { base: 0.001, max: 0.1, up: 3, down: 4, mode: "exp_range", gamma };
      const steps = stepped(make(a), 400);
      // gamma ** 1 and gamma ** 2 (one rounding of the exact square) need no oracle.
      const at = (t: number, f: number) => {
        const cycle = Math.floor(1 + t / 7), x = 1.0 + t / 7 - cycle;
        return 0.001 + (0.1 - 0.001) * (x <= 3 / 7 ? x / (3 / 7) : (x - 1) / (3 / 7 - 1)) * f;
      };
      expect(steps.slice(0, 3)).toEqual([at(0, 1), at(1, gamma), at(2, gamma * gamma)]);
      for (const backend of BACKENDS) expect([...make(a).range(0, 400, { backend })]).toEqual(steps);
    }
  });
});

describe("CyclicLR with a caller's scale_fn: one call per step, straight into out", () => {
  test("scale_mode cycle and iterations, against PyTorch's get_lr with the same function, every backend", () => {
    const fn = (x: number) => 1 / (1 + x / 7);
    for (const scaleMode of ["cycle", "iterations"] as const) {
      const expected = (t: number) => {
        const cycle = Math.floor(1 + t / 9), x = 1.0 + t / 9 - cycle;
        const scale = x <= 4 / 9 ? x / (4 / 9) : (x - 1) / (4 / 9 - 1);
        return 0.002 + (0.2 - 0.002) * scale * fn(scaleMode === "cycle" ? cycle : t);
      };
      for (const backend of BACKENDS) {
        let calls = 0;
        const s = new torch.CyclicLR(opt(0.2), { baseLr: 0.002, maxLr: 0.2, stepSizeUp: 4, stepSizeDown: 5, scaleFn: (x) => (calls++, fn(x)), scaleMode, cycleMomentum: false });
        calls = 0;
        const got = s.range(100, 5100, { backend });
        expect(wrongAt(got, 100, expected, every(100, 5100))).toEqual([]);
        // The steps before the range are not computed (a closed form); at most one more call sets
        // up the scheduler's initial step.
        expect(calls).toBeGreaterThanOrEqual(5000);
        expect(calls).toBeLessThanOrEqual(5001);
      }
    }
  });

  test("a scale_fn returning a non-number is a TypeError in a range", () => {
    for (const backend of BACKENDS) {
      const s = new torch.CyclicLR(opt(0.2), { baseLr: 0.002, maxLr: 0.2, stepSizeUp: 4, scaleFn: ((x: number) => (x > 50 ? "x" : 1)) as unknown as (x: number) => number, scaleMode: "iterations", cycleMomentum: false });
      expectError(() => s.range(0, 100, { backend }), TypeError, 'scale_fn must return a number. Received: "x" (string)');
    }
  });
});

describe("CyclicLR resumed and chained: the kernels from a mid-way last_epoch and in a ChainedScheduler's fill", () => {
  test("last_epoch 3001 (triangular2, exp_range), on every backend: range equals stepping", () => {
    for (const a of [
      { base: 0.001, max: 0.1, up: 7, down: 4, mode: "triangular2" },
      { base: 0.001, max: 0.1, up: 7, down: 4, mode: "exp_range", gamma: 0.9995 },
    ] as Args[]) {
      const resumed = () => make(a, 3001, { param_groups: [{ lr: 0.05, initial_lr: 0.001, momentum: 0.9 }], defaults: { lr: 0.05, momentum: 0.9 } });
      const steps = stepped(resumed(), 3000);
      expect(steps[0]).toBe(want(a, 3002));
      expect(steps[2999]).toBe(want(a, 6001));
      setChunkLengthForTesting(37);
      for (const backend of BACKENDS) expect([...resumed().range(0, 3000, { backend })]).toEqual(steps);
    }
  });

  test("ChainedScheduler of CyclicLR (triangular2, exp_range) and ExponentialLR: range equals stepping", () => {
    for (const a of [
      { base: 0.001, max: 0.1, up: 5, down: 6, mode: "triangular2" },
      { base: 0.001, max: 0.1, up: 5, down: 6, mode: "exp_range", gamma: 0.999 },
    ] as Args[]) {
      const chained = () => {
        const o = opt(0.1);
        return new torch.ChainedScheduler([make(a, -1, o), new torch.ExponentialLR(o, 0.9999)]);
      };
      const steps = stepped(chained(), 6000);
      for (const backend of BACKENDS) expect([...chained().range(0, 6000, { backend })]).toEqual(steps);
    }
  });
});

describe("CyclicLR on a group that already has an initial_lr: the constructor's step reads it", () => {
  // PyTorch sets self.base_lrs = base_lr only after super().__init__, whose step reads the base lrs
  // from initial_lr. Real PyTorch 1.13.1, SGD(lr=0.2, momentum=0.9) with initial_lr 0.1, CyclicLR(base_lr
  // 0.01, max_lr 0.3, step_size_up 4, mode triangular2): the values below, printed by Python's repr.
  const group = () => ({ param_groups: [{ lr: 0.2, initial_lr: 0.1, momentum: 0.9 }], defaults: { lr: 0.2, momentum: 0.9 } });
  const make = (last: number) => new torch.CyclicLR(group(), { baseLr: 0.01, maxLr: 0.3, stepSizeUp: 4, mode: "triangular2", lastEpoch: last });

  test("fresh (last_epoch -1): step 0 is initial_lr, later steps from base_lr; range and evaluate agree, on every backend", () => {
    const pytorch = [0.1, 0.08249999999999999, 0.155, 0.22749999999999998, 0.3, 0.22749999999999998, 0.155, 0.08249999999999999, 0.01, 0.04625];
    expect(stepped(make(-1), 10)).toEqual(pytorch);
    for (const backend of [...BACKENDS, "auto"] as const) {
      expect([...make(-1).range(0, 10, { backend })]).toEqual(pytorch);
      expect([...make(-1).evaluate([0, 9, 1], { backend })]).toEqual([pytorch[0], pytorch[9], pytorch[1]]);
    }
  });

  test("resumed (last_epoch 5): the constructor's step at t = 6 from initial_lr, on every backend", () => {
    const pytorch = [0.2, 0.08249999999999999, 0.01, 0.04625, 0.08249999999999999, 0.11874999999999998];
    expect(stepped(make(5), 6)).toEqual(pytorch);
    for (const backend of [...BACKENDS, "auto"] as const) expect([...make(5).range(0, 6, { backend })]).toEqual(pytorch);
  });
});
