/**
 * optax's own published values: its tests (google-deepmind/optax, optax/schedules/_schedule_test.py
 * and _join_test.py at 2edbcbe2), cited by class and test name, and its docstrings' examples. Where
 * optax prints a value to 17 significant digits (a float32 value written out in full), it must hold
 * bit for bit; elsewhere at optax's tolerance (numpy's assert_allclose: |x - y| <= atol + rtol |y|,
 * rtol 1e-7 and atol 0 unless the test says otherwise). Every value is also the decimal.js oracle's
 * (test/optax/oracle.ts), so a tolerance never hides a rounding.
 */
import { describe, expect, test } from "vitest";
import * as optax from "../../src/optax/index.js";
import * as oracle from "./oracle.js";

function allclose(actual: ArrayLike<number>, desired: readonly number[], { rtol = 1e-7, atol = 0 } = {}): void {
  expect(actual.length).toBe(desired.length);
  desired.forEach((d, i) => expect([i, Math.abs(actual[i]! - d) <= atol + rtol * Math.abs(d)]).toEqual([i, true]));
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const f32 = Math.fround;

/** The schedule at counts 0 .. n-1, single calls and a batch (which must agree), checked against the oracle. */
function values(s: optax.OptaxSchedule, n: number, want: oracle.Count): number[] {
  const single = range(n).map((t) => s(t));
  expect(Array.from(s.range(0, n, { backend: "wasm-simd" }))).toEqual(single);
  single.forEach((v, t) => expect([t, v]).toEqual([t, want(t)]));
  return single;
}

describe("_schedule_test.py", () => {
  test("ConstantTest.test_constant: constant_schedule(10), 15 counts, atol 1e-3", () => {
    allclose(values(optax.constantSchedule(10), 15, () => 10), Array(15).fill(10), { atol: 1e-3 });
  });

  test("PolynomialTest.test_linear: (10 -> 20, power 1, 10 steps), atol 1e-3", () => {
    const s = optax.polynomialSchedule({ initValue: 10, endValue: 20, power: 1, transitionSteps: 10 });
    allclose(values(s, 15, oracle.polynomial(10, 20, 1, 10, 0, "float32")), [...range(10).map((n) => 10 + n), ...Array(5).fill(20)], { atol: 1e-3 });
  });

  test("PolynomialTest.test_zero_steps_schedule: transition_steps -1 and 0 hold init_value", () => {
    for (const steps of [-1, 0]) {
      const s = optax.polynomialSchedule({ initValue: 10, endValue: 20, power: 1, transitionSteps: steps });
      allclose(values(s, 15, () => 10), Array(15).fill(10));
    }
  });

  test("PolynomialTest.test_nonlinear: (25 -> 10, power 2, 10 steps), atol 1e-3", () => {
    const s = optax.polynomialSchedule({ initValue: 25, endValue: 10, power: 2, transitionSteps: 10 });
    const want = [...range(10).map((n) => 10 + 15 * (1 - n / 10) ** 2), ...Array(5).fill(10)];
    allclose(values(s, 15, oracle.polynomial(25, 10, 2, 10, 0, "float32")), want, { atol: 1e-3 });
  });

  test("PolynomialTest.test_with_decay_begin: (30 -> 10, power 2, 10 steps from 4), atol 1e-3", () => {
    const s = optax.polynomialSchedule({ initValue: 30, endValue: 10, power: 2, transitionSteps: 10, transitionBegin: 4 });
    const want = [...Array(4).fill(30), ...range(10).map((n) => 10 + 20 * (1 - n / 10) ** 2), ...Array(6).fill(10)];
    allclose(values(s, 20, oracle.polynomial(30, 10, 2, 10, 4, "float32")), want, { atol: 1e-3 });
  });

  test("PiecewiseConstantTest.test_positive and test_negative: (+-0.1, {3: 2.0, 6: 0.5}), atol 1e-3", () => {
    for (const sign of [1, -1]) {
      const s = optax.piecewiseConstantSchedule(sign * 0.1, { 3: 2.0, 6: 0.5 });
      const want = [0.1, 0.1, 0.1, 0.2, 0.2, 0.2, 0.1, 0.1, 0.1, 0.1].map((x) => sign * x);
      allclose(values(s, 10, oracle.piecewiseConstant(sign * 0.1, [[3, 2], [6, 0.5]], "float32")), want, { atol: 1e-3 });
    }
  });

  test.each([false, true])("ExponentialTest.test_constant_schedule (staircase %s): decay_rate 1.0, atol 1e-3", (staircase) => {
    const s = optax.exponentialDecay({ initValue: 1, transitionSteps: 15, decayRate: 1, staircase });
    allclose(values(s, 15, oracle.exponential(1, 15, 1, 0, staircase, null, "float32")), Array(15).fill(1), { atol: 1e-3 });
  });

  test.each([false, true])("ExponentialTest.test_nonvalid_transition_steps and test_nonvalid_decay_rate (staircase %s)", (staircase) => {
    for (const steps of [-1, 0]) allclose(values(optax.exponentialDecay(1, steps, 1, 0, staircase), 15, () => 1), Array(15).fill(1));
    allclose(values(optax.exponentialDecay(1, 2, 0, 0, staircase), 15, () => 1), Array(15).fill(1));
  });

  test.each([
    [false, 0],
    [true, 0],
    [false, 5],
    [true, 5],
  ])("ExponentialTest.test_exponential (staircase %s, transition_begin %i): 1.0 * 2^(count / 2), atol 1e-3", (staircase, begin) => {
    const s = optax.exponentialDecay({ initValue: 1, transitionSteps: 2, decayRate: 2, transitionBegin: begin, staircase });
    const p = (n: number) => (staircase ? Math.floor(n / 2) : n / 2);
    const want = [...Array(begin).fill(1), ...range(15).map((n) => f32(2 ** p(n)))];
    allclose(values(s, 15 + begin, oracle.exponential(1, 2, 2, begin, staircase, null, "float32")), want, { atol: 1e-3 });
  });

  test.each([
    [0.2, 0.1, false],
    [1.0, 0.1, false],
    [2.0, 3.0, false],
    [0.2, 0.1, true],
    [1.0, 0.1, true],
    [2.0, 3.0, true],
  ])("ExponentialTest.test_end_value_with_staircase (decay_rate %s, end_value %s, staircase %s), atol 1e-3", (rate, end, staircase) => {
    const s = optax.exponentialDecay({ initValue: 1, transitionSteps: 2, decayRate: rate, transitionBegin: 3, staircase, endValue: end });
    const p = (n: number) => (staircase ? Math.floor(n / 2) : n / 2);
    let want = [...Array(3).fill(1), ...range(11).map((n) => f32(rate ** p(n)))];
    want = want.map((v) => (rate < 1 ? Math.max(v, end) : Math.min(v, end)));
    allclose(values(s, 14, oracle.exponential(1, 2, rate, 3, staircase, end, "float32")), want, { atol: 1e-3 });
  });

  test("ExponentialTest.test_immutable_count: 32 halving every count", () => {
    const s = optax.exponentialDecay({ initValue: 32, transitionSteps: 1, decayRate: 0.5 });
    expect(values(s, 5, oracle.exponential(32, 1, 0.5, 0, false, null, "float32"))).toEqual([32, 16, 8, 4, 2]);
  });

  const cosineMultipliers = (pcts: number[], alpha = 0) => pcts.map((p) => (1 - alpha) * (0.5 + 0.5 * Math.cos(Math.PI * p)) + alpha);

  test("CosineDecayTest.test_decay_count_smaller_count: (0.1, 10, 0.0), atol 1e-3", () => {
    const s = optax.cosineDecaySchedule(0.1, 10, 0.0);
    const want = cosineMultipliers(range(10).map((k) => k / 10)).map((m) => 0.1 * m);
    allclose(values(s, 10, oracle.cosineDecay(0.1, 10, 0, 1, "float32")), want, { atol: 1e-3 });
  });

  test.each([0, 0.1])("CosineDecayTest.test_decay_count_greater_count (alpha %s): (0.1, 5), 12 counts, atol 1e-3", (alpha) => {
    const s = optax.cosineDecaySchedule(0.1, 5, alpha);
    const want = cosineMultipliers([0, 0.2, 0.4, 0.6, 0.8, 1, 1, 1, 1, 1, 1, 1], alpha).map((m) => 0.1 * m);
    allclose(values(s, 12, oracle.cosineDecay(0.1, 5, alpha, 1, "float32")), want, { atol: 1e-3 });
  });

  test("CosineDecayTest.test_with_exponent: the values printed to 17 digits hold bit for bit", () => {
    const s = optax.cosineDecaySchedule({ initValue: 0.1, decaySteps: 100, alpha: 0, exponent: 2 });
    const got = s.evaluate([0, 10, 50, 75, 100]);
    allclose(got, [0.1, 0.09516553580760956, 0.025, 0.0021446612663567066, 0.0], { rtol: 1e-6, atol: 1e-8 });
    // 0.1 and 0.0 are the float32s nearest those decimals; 0.025 is a rounded decimal (the float32
    // pipeline gives 0.02499999664723873, within optax's tolerance).
    expect(Array.from(got)).toEqual([f32(0.1), 0.09516553580760956, 0.02499999664723873, 0.0021446612663567066, 0]);
    [0, 10, 50, 75, 100].forEach((t, i) => expect(got[i]).toBe(oracle.cosineDecay(0.1, 100, 0, 2, "float32")(t)));
  });

  test("CosineDecayTest.test_with_giant_int_steps: decay_steps int(1e10) beyond int32, count int(1e9)", () => {
    const s = optax.cosineDecaySchedule({ initValue: 1000, decaySteps: 1e10, alpha: 0, exponent: 1 });
    allclose([s(1e9)], [975.52826]);
    expect(s(1e9)).toBe(975.5282592773438);
    expect(s(1e9)).toBe(oracle.cosineDecay(1000, 1e10, 0, 1, "float32")(1e9));
  });

  test.each([
    ["with end value", 10, 0.5, 1e-4],
    ["without end value", 5, 3, 0.0],
  ])("WarmupCosineDecayTest.test_limits (%s)", (_, init, peak, end) => {
    const s = optax.warmupCosineDecaySchedule({ initValue: init, peakValue: peak, warmupSteps: 100, decaySteps: 1000, endValue: end });
    allclose([s(0)], [init]);
    allclose([s(100)], [peak]);
    allclose([s(1000)], [end], { rtol: 1e-3 });
    const want = oracle.warmupCosine(init, peak, 100, 1000, end, 1, "float32");
    for (const t of [0, 100, 1000]) expect(s(t)).toBe(want(t));
  });

  test("WarmupCosineDecayTest.test_with_exponent: all five values, printed to 17 digits, hold bit for bit", () => {
    const s = optax.warmupCosineDecaySchedule({ initValue: 0.2, peakValue: 1.21, endValue: -3.0, warmupSteps: 50, decaySteps: 100, exponent: 2 });
    const published = [0.20000004768371582, 0.4020000100135803, 1.2100000381469727, -1.947500228881836, -3.000000238418579];
    for (const backend of ["auto", "js", "wasm-scalar", "wasm-simd"] as const) {
      expect(Array.from(s.evaluate([0, 10, 50, 75, 100], { backend }))).toEqual(published);
      const r = s.range(0, 101, { backend });
      expect([0, 10, 50, 75, 100].map((t) => r[t])).toEqual(published);
    }
    expect([0, 10, 50, 75, 100].map((t) => s(t))).toEqual(published);
  });

  test("WarmupCosineDecayTest.test_zero_peak_value: alpha is 0 when peak_value is 0", () => {
    const s = optax.warmupCosineDecaySchedule({ initValue: 0.2, peakValue: 0, endValue: -3.0, warmupSteps: 50, decaySteps: 100, exponent: 2 });
    const got = s.evaluate([0, 10, 50, 75, 100]);
    allclose(got, [0.2, 0.16, 0.0, 0.0, 0.0], { rtol: 1e-6, atol: 1e-8 });
    const want = oracle.warmupCosine(0.2, 0, 50, 100, -3, 2, "float32");
    [0, 10, 50, 75, 100].forEach((t, i) => expect(got[i]).toBe(want(t)));
  });

  test("WarmupCosineDecayTest.test_monotonicity_and_exponent_ordering", () => {
    const regular = optax.warmupCosineDecaySchedule({ initValue: 0, peakValue: 1, warmupSteps: 5, decaySteps: 25, endValue: 0.1, exponent: 1.0 });
    const steep = optax.warmupCosineDecaySchedule({ initValue: 0, peakValue: 1, warmupSteps: 5, decaySteps: 25, endValue: 0.1, exponent: 2.0 });
    const vals = regular.range(0, 26);
    const vals2 = steep.range(0, 26);
    for (let t = 0; t < 5; t++) expect(vals[t]!).toBeLessThan(vals[t + 1]!);
    expect(Math.abs(vals[5]! - 1)).toBeLessThan(5e-7); // assertAlmostEqual(places=6)
    for (let t = 5; t < 25; t++) expect(vals[t]!).toBeGreaterThanOrEqual(vals[t + 1]!);
    expect(Math.abs(vals[25]! - 0.1)).toBeLessThan(5e-7);
    for (let t = 5; t <= 25; t++) expect(vals2[t]!).toBeLessThanOrEqual(vals[t]! + 1e-12);
  });

  test("WarmupCosineDecayTest.test_raises_when_decay_equals_warmup: optax's ValueError, a RangeError here", () => {
    const make = () => optax.warmupCosineDecaySchedule({ initValue: 0.2, peakValue: 1.2, warmupSteps: 10, decaySteps: 10, endValue: 0 });
    expect(make).toThrow(RangeError);
    expect(make).toThrow("The cosine_decay_schedule requires positive decay_steps, got decay_steps=0.");
  });

  test.each([
    ["with step decay", 1.6, 0.8, 0.4],
    ["without step_decay", 1.6, 1.6, 1.6],
  ])("SGDRTest.test_limits (%s)", (_, lr0, lr1, lr2) => {
    const kwargs = [2000, 3000, 5000].map((steps, i) => ({ decaySteps: steps, peakValue: [lr0, lr1, lr2][i]!, initValue: 0, endValue: 0, warmupSteps: 500 }));
    const s = optax.sgdrSchedule(kwargs);
    allclose([s(500), s(2500), s(5500)], [lr0, lr1, lr2]);
    const want = oracle.join(
      [2000, 3000, 5000].map((steps, i) => oracle.warmupCosine(0, [lr0, lr1, lr2][i]!, 500, steps, 0, 1, "float32")),
      [2000, 5000],
      "float32",
    );
    for (const t of [0, 499, 500, 1999, 2000, 2500, 4999, 5000, 5500, 9999, 10000, 20000]) expect([t, s(t)]).toEqual([t, want(t)]);
  });

  test("PiecewiseInterpolateTest.test_linear_piecewise: ('linear', 200.0, {5: 1.5, 10: 0.25}), atol 1e-3", () => {
    const s = optax.piecewiseInterpolateSchedule("linear", 200.0, { 5: 1.5, 10: 0.25 });
    const want = [200, 220, 240, 260, 280, 300, 255, 210, 165, 120, 75, 75, 75];
    allclose(values(s, 13, oracle.piecewiseInterpolate("linear", 200, [[5, 1.5], [10, 0.25]], "float32")), want, { atol: 1e-3 });
  });

  test("PiecewiseInterpolateTest.test_cos_piecewise: ('cosine', 400.0, {5: 1.2, 3: 0.6, 7: 1.0}), atol 1e-3", () => {
    const s = optax.piecewiseInterpolateSchedule("cosine", 400.0, { 5: 1.2, 3: 0.6, 7: 1.0 });
    const want = [400, 360, 280, 240, 264, 288, 288, 288, 288];
    allclose(values(s, 9, oracle.piecewiseInterpolate("cosine", 400, [[5, 1.2], [3, 0.6], [7, 1]], "float32")), want, { atol: 1e-3 });
  });

  test("PiecewiseInterpolateTest.test_empty_dict and test_no_dict", () => {
    allclose(values(optax.piecewiseInterpolateSchedule("linear", 13.0, {}), 5, () => 13), Array(5).fill(13), { atol: 1e-3 });
    allclose(values(optax.piecewiseInterpolateSchedule("cosine", 17.0), 3, () => 17), Array(3).fill(17), { atol: 1e-3 });
  });

  test("PiecewiseInterpolateTest.test_invalid_type and test_invalid_scale: optax's ValueErrors", () => {
    expect(() => optax.piecewiseInterpolateSchedule("linar" as "linear", 13.0)).toThrow("must be either 'cosine' or 'linear'");
    expect(() => optax.piecewiseInterpolateSchedule("" as "linear", 13.0, { 5: 3.0 })).toThrow(RangeError);
    expect(() => optax.piecewiseInterpolateSchedule(null as unknown as "linear", 13.0, {})).toThrow(TypeError);
    expect(() => optax.piecewiseInterpolateSchedule("linear", 13.0, { 5: -3 })).toThrow("`piecewise_interpolate_schedule` expects non-negative scale factors");
  });

  test("PiecewiseInterpolateTest.test_zero_interval_size: ('linear', 13.0, {0: 2.0, 5: 3.0})", () => {
    const s = optax.piecewiseInterpolateSchedule("linear", 13.0, { 0: 2.0, 5: 3.0 });
    const got = values(s, 6, oracle.piecewiseInterpolate("linear", 13, [[0, 2], [5, 3]], "float32"));
    expect(got.every(Number.isFinite)).toBe(true);
    expect(got[0]).toBe(26); // 13.0 * 2.0
    expect(got[5]).toBe(78); // 26.0 * 3.0
  });

  test("OneCycleTest.test_linear: (10, 1000, pct_start 0.3, pct_final 0.7, div 10, final_div 100), atol 1e-3", () => {
    const s = optax.linearOnecycleSchedule({ transitionSteps: 10, peakValue: 1000, pctStart: 0.3, pctFinal: 0.7, divFactor: 10.0, finalDivFactor: 100.0 });
    const want = [100, 400, 700, 1000, 775, 550, 325, 100, 67, 34, 1, 1];
    allclose(values(s, 12, oracle.piecewiseInterpolate("linear", 100, [[3, 10], [7, 0.1], [10, 0.01]], "float32")), want, { atol: 1e-3 });
  });

  test("OneCycleTest.test_cosine: (5, 1000.0, pct_start 0.4, div 10, final_div 100), atol 1e-3", () => {
    const s = optax.cosineOnecycleSchedule({ transitionSteps: 5, peakValue: 1000.0, pctStart: 0.4, divFactor: 10.0, finalDivFactor: 100.0 });
    const want = [100, 550, 1000, 750.25, 250.75, 1, 1];
    allclose(values(s, 7, oracle.piecewiseInterpolate("cosine", 100, [[2, 10], [5, 1 / 1000]], "float32")), want, { atol: 1e-3 });
  });

  test("OneCycleTest.test_nonpositive_transition_steps: optax's ValueErrors, by their words", () => {
    expect(() => optax.cosineOnecycleSchedule({ transitionSteps: 0, peakValue: 5.0 })).toThrow(/cosine onecycle/);
    expect(() => optax.linearOnecycleSchedule({ transitionSteps: 0, peakValue: 5.0 })).toThrow(/linear onecycle/);
  });
});

describe("_join_test.py", () => {
  test("JoinTest.test_join_schedules: constants 1, 2, 1 at [3, 6], atol 0", () => {
    const s = optax.joinSchedules([optax.constantSchedule(1.0), optax.constantSchedule(2.0), optax.constantSchedule(1.0)], [3, 6]);
    expect(range(7).map((t) => s(t))).toEqual([1, 1, 1, 2, 2, 2, 1]);
    for (const backend of ["auto", "js", "wasm-scalar", "wasm-simd"] as const) {
      expect(Array.from(s.range(0, 7, { backend }))).toEqual([1, 1, 1, 2, 2, 2, 1]);
      expect(Array.from(s.evaluate([6, 0, 3, 1, 4, 2, 5], { backend }))).toEqual([1, 1, 2, 1, 2, 1, 2]);
    }
  });
});

describe("the docstrings' examples (optax/schedules/_schedule.py)", () => {
  test("polynomial_schedule: Array(1.) at 0 and Array(0.01) at 100; with transition_begin 5, the four printed digits", () => {
    const s = optax.polynomialSchedule({ initValue: 1.0, endValue: 0.01, transitionSteps: 100, power: 2 });
    expect(s(0)).toBe(1);
    expect(s(100)).toBe(f32(0.01)); // numpy prints a float32 with its shortest digits: 0.01
    const b = optax.polynomialSchedule({ initValue: 1.0, endValue: 0.01, transitionSteps: 100, transitionBegin: 5, power: 2 });
    const printed = [0, 5, 6, 104, 105, 110].map((t) => b(t).toFixed(4));
    expect(printed).toEqual(["1.0000", "1.0000", "0.9803", "0.0101", "0.0100", "0.0100"]);
  });

  test("linear_schedule: Array(1.) at 0 and Array(0.01) at 100", () => {
    const s = optax.linearSchedule({ initValue: 1.0, endValue: 0.01, transitionSteps: 100 });
    expect([s(0), s(100)]).toEqual([1, f32(0.01)]);
  });

  test("piecewise_constant_schedule: prints 1.0, 0.1 and 0.001 (the float32s of those shortest decimals)", () => {
    const s = optax.piecewiseConstantSchedule({ initValue: 1.0, boundariesAndScales: { 100: 0.1, 200: 0.01 } });
    expect([s(50), s(150), s(250)]).toEqual([1, f32(0.1), f32(0.001)]);
  });

  test("piecewise_interpolate_schedule: the six values printed with :.6f", () => {
    const s = optax.piecewiseInterpolateSchedule({ interpolateType: "linear", initValue: 1.0, boundariesAndScales: { 4: 0.1, 8: 0.01 } });
    expect([0, 2, 4, 6, 8, 10].map((t) => s(t).toFixed(6))).toEqual(["1.000000", "0.550000", "0.100000", "0.050500", "0.001000", "0.001000"]);
  });
});

describe("the warm-up cosine compared across four frameworks (README's comparison): optax's formula in numpy float32", () => {
  test("linear warm-up over 10 steps to 0.1, then cosine to 0 at step 100: optax's column", () => {
    const s = optax.warmupCosineDecaySchedule({ initValue: 0, peakValue: 0.1, warmupSteps: 10, decaySteps: 100 });
    const table: [number, number][] = [
      [0, 0], [1, 0.01000000536441803], [9, 0.08999999612569809], [10, 0.10000000149011612], [55, 0.04999999701976776],
      [99, 3.045797348022461e-5], [100, 0], [110, 0], [160, 0],
    ];
    for (const [t, v] of table) expect([t, s(t)]).toEqual([t, v]);
  });
});
