// ExponentialDecay's own paths (extremes, the geometric range path, staircase fills, full chunks),
// identical on every backend and equal to the oracle. The generic parity test is test/parity.test.ts.
import { describe, expect, test } from "vitest";
import { ExponentialDecay, type DType } from "../../src/index.js";
import { pow32, pow64 } from "../../assembly/numerics/exp2.twin.js";
import { wasUndecided } from "../../assembly/numerics/undecided.twin.js";
import { exponentialDecay32, p32, p64 } from "../../assembly/keras/exponentialDecay.twin.js";
import { geometricConstants, log2DoubleDouble, log2Split32 } from "../../src/exact/constants.js";
import { oracleExponentialDecay } from "../oracle.js";

import { BACKENDS, expectSameBits } from "../registry.js";


describe("extreme steps on every backend", () => {
  // Found by the property test above: with rate 1 (log2 r = 0) a step of 1e300 overflows Dekker's
  // split into NaN bounds, which the SIMD rounding test once took for a decision.
  test.each([1, 1 + 2 ** -52, 0.5, 0, 3])("rate %s, steps up to 1e308, both dtypes", (rate) => {
    const steps = new Float64Array([1.3393857490036326e300, 0, -1e308, 1e308, 2 ** 996, -(2 ** 997), 5e-324, 7]);
    for (const dtype of ["float32", "float64"] as const) {
      const s = new ExponentialDecay({ initialLearningRate: 0.5, decaySteps: 1, decayRate: rate, dtype });
      const [first, ...rest] = BACKENDS.map((backend) => s.evaluate(steps, { backend }));
      for (const other of rest) expectSameBits(first!, other);
      steps.forEach((step, i) => expect([i, first![i]]).toEqual([i, oracleExponentialDecay(0.5, 1, rate, false, step, dtype)]));
    }
  });
});

describe("ranges whose p = k/d overflows", () => {
  // Found by the registry's property test in Chromium: rate 1 (M = 0) with a subnormal decay_steps
  // passed the geometric path's test, and its correction 2^(M e), e = p d - k, made p = Infinity
  // into NaN. Keras' 1^Infinity is 1; the range now leaves such steps to the per-element path.
  test.each([
    ["float32", 7.006492321624087e-46],
    ["float32", 1e-40],
    ["float64", 5e-324],
    ["float64", 1e-310],
  ] as const)("%s, rate 1, decay_steps %s: every backend, equal to the oracle", (dtype, d) => {
    const s = new ExponentialDecay({ initialLearningRate: 0.01, decaySteps: d, decayRate: 1, dtype });
    const [first, ...rest] = BACKENDS.map((backend) => s.range(-3, 600, { backend }));
    for (const other of rest) expectSameBits(first!, other);
    for (let i = 0; i < first!.length; i += 37) expect([i, first![i]]).toEqual([i, oracleExponentialDecay(0.01, d, 1, false, i - 3, dtype)]);
  });
});

describe("the geometric path of ranges", () => {
  // Schedules that cross underflow or overflow inside the range, so that blocks of every kind
  // occur: geometric, straddling the limits (per element), all 0, all Infinity; a < 0 gives -0.
  const schedules: [a: number, d: number, r: number][] = [
    [1, 8, 0.5],
    [-3, 8, 0.5],
    [0.1, 3, 2],
    [0, 3, 2],
    [0.25, 1000, 1e-30],
    [5, 1e6, 0.999],
  ];
  const cases = schedules.flatMap(([a, d, r]) =>
    (["float32", "float64"] as const).map((dtype): [number, number, number, DType] => [a, d, r, dtype]),
  );
  test.each(cases)("a=%s d=%s r=%s %s equals the oracle at every block edge and across backends", (a, d, r, dtype) => {
    const s = new ExponentialDecay({ initialLearningRate: a, decaySteps: d, decayRate: r, dtype });
    const start = -3000;
    const n = 12_000;
    const [first, ...rest] = BACKENDS.map((backend) => s.range(start, start + n, { backend }));
    for (const other of rest) expectSameBits(first!, other);
    // Blocks are 256 steps from the call's start: check both sides of every block edge.
    for (let edge = 0; edge <= n; edge += 256)
      for (const j of [edge - 1, edge, edge + 1])
        if (j >= 0 && j < n) expect([j, first![j]]).toEqual([j, oracleExponentialDecay(a, d, r, false, start + j, dtype)]);
  });
});

describe("the float64 geometric path near the subnormals", () => {
  test("every element of 0.5^(k/8) from t = -925 to -1012 (blocks on both sides of t = -960, where the path hands over to pow64) is the oracle's, on every backend", () => {
    // t = -k/8: below -960 the products' low parts near the subnormals would round by more than the
    // geometric path's 2^-82 window, which itself underflows to 0 from t = -993.
    const s = new ExponentialDecay({ initialLearningRate: 1, decaySteps: 8, decayRate: 0.5, dtype: "float64" });
    const start = 7400;
    const n = 700;
    const [first, ...rest] = BACKENDS.map((backend) => s.range(start, start + n, { backend }));
    for (const other of rest) expectSameBits(first!, other);
    for (let j = 0; j < n; j++) expect([j, first![j]]).toEqual([j, oracleExponentialDecay(1, 8, 0.5, false, start + j, "float64")]);
  });
});

describe("an undecided element on the float32 geometric path", () => {
  test("step 119948 of 0.1 * 0.96^(k/1e5) is left to the exact path, which every backend then agrees on", () => {
    // The twin's geometric loop stores every element and rescans a block only when one of its
    // roundings is undecided: this block is one, so the rescan and the exact path both run.
    const [a, d, r] = [Math.fround(0.1), Math.fround(1e5), Math.fround(0.96)];
    const [l1, l2] = log2Split32(r);
    const [m1, m2, c] = geometricConstants(r, d);
    const hard = new Int32Array(100);
    const params = Float64Array.of(a, d, l1, l2, 0, m1, m2, c);
    const count = exponentialDecay32(params, null, 119_900, new Float32Array(100), hard, 100);
    expect([...hard.subarray(0, count)]).toEqual([48]);
    const s = new ExponentialDecay(0.1, 1e5, 0.96);
    const [first, ...rest] = BACKENDS.map((backend) => s.range(119_900, 120_000, { backend }));
    for (const other of rest) expectSameBits(first!, other);
    for (let j = 0; j < 100; j++) expect([j, first![j]]).toEqual([j, oracleExponentialDecay(0.1, 1e5, 0.96, false, 119_900 + j, "float32")]);
  });
});

describe("staircase ranges filled run by run", () => {
  test.each<[number, number, number, DType]>([
    [100_000, 0, 1_000_000, "float32"],
    [64, -5000, 20_000, "float32"],
    [777.25, -100_000, 300_000, "float64"],
    [1000, 2 ** 24 - 150_000, 300_000, "float32"], // past 2^24, float32 rounds the steps: runs shift
    [3e5, 2 ** 40, 200_000, "float32"],
    [65, 2 ** 53 - 100_000, 100_000, "float64"],
  ])("decay_steps=%s from %s, %s steps, %s: every step equals its own evaluation", (d, start, n, dtype) => {
    const s = new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: d, decayRate: 0.9, staircase: true, dtype });
    const steps = new Float64Array(n).map((_, i) => start + i);
    expectSameBits(s.evaluate(steps, { backend: "js" }), s.range(start, start + n));
  });

  test("a staircase of 64 steps or more: the fill (backend auto) and every kernel agree, at every run edge", () => {
    for (const dtype of ["float32", "float64"] as const) {
      const s = new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 1000, decayRate: 0.9, staircase: true, dtype });
      const [first, ...rest] = BACKENDS.map((backend) => s.range(-2500, 7500, { backend }));
      for (const other of rest) expectSameBits(first!, other);
      for (let edge = -2000; edge <= 7000; edge += 1000)
        for (const k of [edge - 1, edge, edge + 1]) expect([k, first![k + 2500]]).toEqual([k, oracleExponentialDecay(0.1, 1000, 0.9, true, k, dtype)]);
    }
  });

  test("whole runs left to the exact path (results turning subnormal) are decided once and agree everywhere", () => {
    // 0.9^6717 is below 2^-1021: the fast power leaves every such p undecided, so on the kernels
    // whole runs of 1000 steps go to the exact path.
    const s = new ExponentialDecay({ initialLearningRate: 1, decaySteps: 1000, decayRate: 0.9, staircase: true, dtype: "float64" });
    const start = 6_714_500;
    const [first, ...rest] = BACKENDS.map((backend) => s.range(start, start + 5000, { backend }));
    for (const other of rest) expectSameBits(first!, other);
    for (let j = 0; j < 5000; j += 250) expect([j, first![j]]).toEqual([j, oracleExponentialDecay(1, 1000, 0.9, true, start + j, "float64")]);
    expect(first![4999]).toBeLessThan(2 ** -1021);
  });

  test("a fresh and a given out array receive the same fill", () => {
    const s = new ExponentialDecay(0.1, 100, 0.5, true);
    const out = new Float32Array(10_000).fill(NaN);
    expectSameBits(s.range(0, 10_000), s.range(0, 10_000, { out }));
  });
});

describe("at full chunk size", () => {
  // 2^16 + 2^16 + 3: crosses both engines' real chunk boundaries, with an odd tail for SIMD.
  const n = 2 * 65536 + 3;
  for (const dtype of ["float32", "float64"] as const)
    for (const staircase of [false, true])
      test(`${n} steps, ${dtype}${staircase ? ", staircase" : ""}, including undecided elements`, () => {
        const s = new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 977, decayRate: 0.37, staircase, dtype });
        // pow64 leaves some of these steps to the exact path (float64; float32's one in 17 million
        // may not occur here): count them, so the test covers that path. The arrays below take pow64
        // (the range's geometric path decides all but about 1 element in 2^28 itself).
        const f32 = dtype === "float32";
        const [l1, l2] = f32 ? log2Split32(Math.fround(0.37)) : log2DoubleDouble(0.37);
        let hard = 0;
        for (let k = -1000; k < n - 1000; k++) {
          const p = f32 ? p32(k, 977, staircase) : p64(k, 977, staircase);
          (f32 ? pow32 : pow64)(p, l1, l2);
          if (wasUndecided()) hard++;
        }
        if (!f32 && !staircase) expect(hard).toBeGreaterThan(0);
        const [first, ...rest] = BACKENDS.map((backend) => s.range(-1000, n - 1000, { backend }));
        for (const other of rest) expectSameBits(first!, other);
        const steps = new Float64Array(n).map((_, i) => (i * 7919) % 1_000_003 - 1000 + i / 7);
        const [a, ...others] = BACKENDS.map((backend) => s.evaluate(steps, { backend }));
        for (const other of others) expectSameBits(a!, other);
      });
});
