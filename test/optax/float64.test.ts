/**
 * The float64 kernels' vector paths (assembly/optax/: two counts a group in f64x2 lanes, a range
 * checked once by its ends, constant tails filled, the cosine's runs of one anchor): every value
 * the decimal.js oracle's, on every backend, at the edges of the lanes (odd lengths and starts, a
 * group across the head, the tail and the chunk ends), for counts beyond int32, and a bad step in
 * either lane of a pair still named by its index.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { setChunkLengthForTesting } from "../../src/core/wasm.js";
import * as optax from "../../src/optax/index.js";
import type { OptaxSchedule } from "../../src/optax/index.js";
import * as oracle from "./oracle.js";

const BACKENDS = ["js", "wasm-scalar", "wasm-simd", "auto"] as const;

/** Every backend's values over `counts` (a range [start, start + n) when counts is a number pair). */
function expectOracle(s: OptaxSchedule<"float64">, want: oracle.Count, counts: readonly number[] | readonly [number, number], range: boolean, label: string): void {
  const steps = range ? Array.from({ length: counts[1]! }, (_, i) => counts[0]! + i) : (counts as readonly number[]);
  const expected = steps.map(want);
  for (const backend of BACKENDS) {
    const got = range ? s.range(counts[0]!, counts[0]! + counts[1]!, { backend }) : s.evaluate(steps, { backend });
    expect(got).toBeInstanceOf(Float64Array);
    for (let i = 0; i < steps.length; i++)
      if (!Object.is(got[i], expected[i])) expect([label, backend, steps[i], got[i]]).toEqual([label, backend, steps[i], expected[i]]);
  }
}

/** Counts around the transition, negative, beyond int32 and at 2^53's edge, -0; odd in number. */
const WIDE = [
  0, -0, 1, 2, 3, 5, 8, 13, 49, 50, 51, 99, 100, 101, 150, 151, 152, -1, -7, 2 ** 31, -(2 ** 31) - 1, 2 ** 40 + 3, 2 ** 53 - 1, -(2 ** 53) + 1, 77, 1000, 12345,
];

describe("float64 polynomial_schedule and linear_schedule in f64x2 lanes", () => {
  beforeAll(() => setChunkLengthForTesting(13));
  afterAll(() => setChunkLengthForTesting(1 << 16));

  // Integer powers take the lanes (1 and 2 their short forms, 0 and 3 and 5 the loop), 0.5 the
  // vector square root; 1.7 the scalar loop beside them.
  const CASES = [0, 1, 2, 3, 5, 0.5, 1.7].flatMap((power) =>
    [0, 7, 50].map((begin) => ({ power, begin, init: 0.3, end: power === 2 ? -0.1 : 1e-3, steps: 101 })),
  );

  test.each(CASES)("power $power, transition_begin $begin: ranges at odd starts and lengths, wide arrays", ({ power, begin, init, end, steps }) => {
    const s = optax.polynomialSchedule({ initValue: init, endValue: end, power, transitionSteps: steps, transitionBegin: begin, dtype: "float64" });
    const want = oracle.polynomial(init, end, power, steps, begin, "float64");
    const label = `power ${power} begin ${begin}`;
    for (const [start, n] of [[-3, 1], [-3, 2], [-3, 200], [0, 160], [1, 159], [begin + 1, 3], [begin + 98, 7], [2 ** 53 - 40, 39]] as const)
      expectOracle(s, want, [start, n], true, `${label} range ${start}+${n}`);
    expectOracle(s, want, WIDE, false, `${label} array`);
    expectOracle(s, want, WIDE.slice(1), false, `${label} array shifted`);
  });

  test("linear_schedule over a long range: the lanes' bits across 2^16-long chunks", () => {
    setChunkLengthForTesting(1 << 16);
    try {
      const s = optax.linearSchedule({ initValue: 0.1, endValue: 0.001, transitionSteps: 300_001, transitionBegin: 3, dtype: "float64" });
      const want = oracle.polynomial(0.1, 0.001, 1, 300_001, 3, "float64");
      const [first, ...rest] = BACKENDS.map((backend) => s.range(-5, 400_000, { backend }));
      for (const other of rest) expect(Buffer.from(other.buffer).equals(Buffer.from(first!.buffer))).toBe(true);
      for (let i = 0; i < first!.length; i += 991) expect([i, first![i]]).toEqual([i, want(i - 5)]);
    } finally {
      setChunkLengthForTesting(13);
    }
  });

  test.each([0, 1, 2, 3, 4])("a step that is no int64 count, in lane %i of the pairs, is named by its index", (at) => {
    const s = optax.linearSchedule({ initValue: 1, endValue: 0, transitionSteps: 10, dtype: "float64" });
    for (const bad of [0.5, 2 ** 53, -(2 ** 53), NaN, Infinity]) {
      const steps = [1, 2, 3, 4, 5, 6];
      steps[at] = bad;
      for (const backend of BACKENDS) expect(() => s.evaluate(steps, { backend })).toThrow(`steps[${at}]=`);
    }
  });
});

describe("float64 cosine_decay_schedule: cosine pairs, runs of one anchor, the filled tail", () => {
  beforeAll(() => setChunkLengthForTesting(13));
  afterAll(() => setChunkLengthForTesting(1 << 16));

  // Integer exponents and 0.5 take the lanes; 1.7 the element loop (with the run step too).
  const CASES = [0, 1, 2, 3, 0.5, 1.7].flatMap((exponent) => [101, 4000].map((steps) => ({ exponent, steps, init: 0.1, alpha: exponent === 2 ? -0.25 : 0.01 })));

  test.each(CASES)("exponent $exponent, decay_steps $steps: ranges into the tail, sorted and wide arrays", ({ exponent, steps, init, alpha }) => {
    const s = optax.cosineDecaySchedule({ initValue: init, decaySteps: steps, alpha, exponent, dtype: "float64" });
    const want = oracle.cosineDecay(init, steps, alpha, exponent, "float64");
    const label = `exponent ${exponent} decay_steps ${steps}`;
    for (const [start, n] of [[-3, 1], [-3, 2], [-4, 170], [steps - 6, 13], [steps - 5, 1], [steps, 3], [steps + 1, 40], [(steps >> 1) - 20, 41], [2 ** 53 - 40, 39]] as const)
      expectOracle(s, want, [start, n], true, `${label} range ${start}+${n}`);
    expectOracle(s, want, WIDE, false, `${label} array`);
    // Sorted counts two apart: pairs at one anchor take the run step, as a range's.
    const sorted = Array.from({ length: 61 }, (_, i) => (steps >> 1) - 60 + 2 * i);
    expectOracle(s, want, sorted, false, `${label} sorted array`);
    // Large negative counts: |u| >= 2^20 for the smaller decay_steps, beyond the vector cosine.
    expectOracle(s, want, [-(2 ** 40), -(2 ** 40) + 1, -(2 ** 52), 3, -(2 ** 31), -(2 ** 31) + 7, 2 ** 52], false, `${label} far array`);
  });

  test("every count of a whole decay, every anchor's run: the oracle's bits on every backend", () => {
    setChunkLengthForTesting(1 << 16);
    try {
      const d = 20_000;
      const s = optax.cosineDecaySchedule({ initValue: 0.1, decaySteps: d, alpha: 0.001, dtype: "float64" });
      const want = oracle.cosineDecay(0.1, d, 0.001, 1, "float64");
      const [first, ...rest] = BACKENDS.map((backend) => s.range(-1, d + 50, { backend }));
      for (const other of rest) expect(Buffer.from(other.buffer).equals(Buffer.from(first!.buffer))).toBe(true);
      for (let i = 0; i < first!.length; i++) if (first![i] !== want(i - 1)) expect([i - 1, first![i]]).toEqual([i - 1, want(i - 1)]);
      const shuffledArray = Array.from({ length: d + 50 }, (_, i) => ((i * 7919) % (d + 50)) - 1);
      const [a, ...others] = BACKENDS.map((backend) => s.evaluate(shuffledArray, { backend }));
      for (const other of others) expect(Buffer.from(other.buffer).equals(Buffer.from(a!.buffer))).toBe(true);
      shuffledArray.forEach((t, i) => expect(a![i]).toBe(first![t + 1]));
    } finally {
      setChunkLengthForTesting(13);
    }
  });

  test.each([0, 1, 2, 3, 4])("a step that is no int64 count, in lane %i of the pairs, is named by its index", (at) => {
    const s = optax.cosineDecaySchedule({ initValue: 1, decaySteps: 10, dtype: "float64" });
    for (const bad of [0.5, 2 ** 53, NaN, -Infinity]) {
      const steps = [1, 2, 3, 4, 5, 6];
      steps[at] = bad;
      for (const backend of BACKENDS) expect(() => s.evaluate(steps, { backend })).toThrow(`steps[${at}]=`);
    }
  });
});

describe("float64 piecewise_interpolate_schedule and the onecycles: runs of one interval, pairs in lanes", () => {
  beforeAll(() => setChunkLengthForTesting(13));
  afterAll(() => setChunkLengthForTesting(1 << 16));

  const PAIRS: [number, number][][] = [
    [[7, 2], [50, 0.5], [51, 3], [300, 0.1]],
    [[-3, 2], [10, 0.5], [11, 4]],
    [[0, 5], [1, 0.25], [2 ** 40, 2]],
    [],
  ];
  const CASES = (["linear", "cosine"] as const).flatMap((type) => PAIRS.map((pairs) => ({ type, pairs })));

  test.each(CASES)("$type $pairs: ranges across the bounds at odd starts, wide arrays", ({ type, pairs }) => {
    const s = optax.piecewiseInterpolateSchedule({ interpolateType: type, initValue: 0.3, boundariesAndScales: pairs, dtype: "float64" });
    const want = oracle.piecewiseInterpolate(type, 0.3, pairs, "float64");
    const label = `${type} ${JSON.stringify(pairs)}`;
    for (const [start, n] of [[-5, 1], [-5, 2], [-6, 331], [6, 3], [49, 4], [50, 1], [299, 5], [2 ** 40 - 3, 7], [2 ** 53 - 40, 39]] as const)
      expectOracle(s, want, [start, n], true, `${label} range ${start}+${n}`);
    expectOracle(s, want, WIDE, false, `${label} array`);
  });

  test("cosine_onecycle_schedule over its whole transition, every anchor's run: one set of bits on every backend, the oracle's where sampled", () => {
    setChunkLengthForTesting(1 << 16);
    try {
      const s = optax.cosineOnecycleSchedule({ transitionSteps: 20_000, peakValue: 0.1, dtype: "float64" });
      const want = oracle.piecewiseInterpolate("cosine", 0.1 / 25, [[6000, 25], [20_000, 1 / 25e4]], "float64");
      const [first, ...rest] = BACKENDS.map((backend) => s.range(-2, 20_010, { backend }));
      for (const other of rest) expect(Buffer.from(other.buffer).equals(Buffer.from(first!.buffer))).toBe(true);
      // The oracle every 11th count (it is slow here); the other counts are held to it by the backends' agreement and the tests above.
      for (let i = 0; i < first!.length; i += 11) if (first![i] !== want(i - 2)) expect([i - 2, first![i]]).toEqual([i - 2, want(i - 2)]);
      const shuffledArray = Array.from({ length: 20_010 }, (_, i) => ((i * 7919) % 20_010) - 2);
      for (const backend of BACKENDS) {
        const a = s.evaluate(shuffledArray, { backend });
        shuffledArray.forEach((t, i) => expect(a[i]).toBe(first![t + 2]));
      }
    } finally {
      setChunkLengthForTesting(13);
    }
  });

  test("linear_onecycle_schedule: a step that is no int64 count is named by its index", () => {
    const s = optax.linearOnecycleSchedule({ transitionSteps: 100, peakValue: 0.1, dtype: "float64" });
    for (const backend of BACKENDS) expect(() => s.evaluate([1, 2, 3.5], { backend })).toThrow("steps[2]=");
  });
});

describe("float64 joins on arrays: a count that would leave 2^53 as a piece sees it", () => {
  // The join looks for it count by count only where its grouping saw one (joinSchedules.ts' farShift).
  test.each([2, 3])("%i pieces: refused in any block, the others computed", (pieces) => {
    const schedules = Array.from({ length: pieces }, (_, k) => optax.constantSchedule(k + 1));
    const boundaries = pieces === 2 ? [-5] : [-7, -5];
    const j = optax.joinSchedules({ schedules, boundaries, dtype: "float64" });
    const steps = Array.from({ length: 40_000 }, (_, i) => i - 10);
    // 2^53 - 5 - (-5) is 2^53 itself: the first count refused.
    for (const at of [1, 20_000, 39_999])
      for (const far of [2 ** 53 - 1, 2 ** 53 - 5]) {
        const bad = steps.slice();
        bad[at] = far;
        expect(() => j.evaluate(bad)).toThrow(`at steps[${at}]=${far}`);
      }
    const ok = steps.slice();
    ok[7] = 2 ** 53 - 6;
    ok[8] = -(2 ** 53) + 1;
    const got = j.evaluate(ok);
    ok.forEach((t, i) => expect([t, got[i]]).toEqual([t, j(t)]));
  });
});
