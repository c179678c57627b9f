/**
 * lrdecay/optax's API: both call forms, the config, the Python call and the JSON; errors by
 * argument name, in optax's words where optax raises; optax's logged cases as one warning; what a
 * count is (int32 without x64, int64 with it) and int32's wrap-around; joins select, where the
 * interpolation's dot product does not.
 */
import { afterEach, describe, expect, test, vi } from "vitest";
import { deserialize } from "../../src/index.js";
import * as optax from "../../src/optax/index.js";
import * as oracle from "./oracle.js";

const BACKENDS = ["auto", "js", "wasm-scalar", "wasm-simd"] as const;
const f32 = Math.fround;

describe("both call forms, the config, the Python call, the JSON", () => {
  test("optax's positional order and the options object in camelCase make the same schedule", () => {
    const pairs: [optax.OptaxSchedule, optax.OptaxSchedule][] = [
      [optax.cosineDecaySchedule(0.1, 1000, 0.1, 2), optax.cosineDecaySchedule({ initValue: 0.1, decaySteps: 1000, alpha: 0.1, exponent: 2 })],
      [optax.exponentialDecay(0.1, 100, 0.5, 10, true, 0.01), optax.exponentialDecay({ initValue: 0.1, transitionSteps: 100, decayRate: 0.5, transitionBegin: 10, staircase: true, endValue: 0.01 })],
      [optax.warmupCosineDecaySchedule(0, 0.1, 10, 100, 0.001, 1), optax.warmupCosineDecaySchedule({ initValue: 0, peakValue: 0.1, warmupSteps: 10, decaySteps: 100, endValue: 0.001 })],
      [optax.linearOnecycleSchedule(100, 0.1, 0.25, 0.75, 10, 100), optax.linearOnecycleSchedule({ transitionSteps: 100, peakValue: 0.1, pctStart: 0.25, pctFinal: 0.75, divFactor: 10, finalDivFactor: 100 })],
      [optax.piecewiseInterpolateSchedule("cosine", 1, [[10, 0.5]]), optax.piecewiseInterpolateSchedule({ interpolateType: "cosine", initValue: 1, boundariesAndScales: new Map([[10, 0.5]]) })],
    ];
    for (const [a, b] of pairs) {
      expect(a.getConfig()).toEqual(b.getConfig());
      expect(String(a)).toBe(String(b));
      expect(a.range(0, 200)).toEqual(b.range(0, 200));
    }
  });

  test("toString is the call in Python: floats with their point, ints without, dicts, None and booleans", () => {
    expect(String(optax.cosineDecaySchedule(0.1, 1000))).toBe("optax.cosine_decay_schedule(init_value=0.1, decay_steps=1000, alpha=0.0, exponent=1)");
    expect(String(optax.exponentialDecay(1, 100, 0.5))).toBe(
      "optax.exponential_decay(init_value=1.0, transition_steps=100, decay_rate=0.5, transition_begin=0, staircase=False, end_value=None)",
    );
    expect(String(optax.piecewiseConstantSchedule(1, { 200: 0.01, 100: 0.1 }))).toBe("optax.piecewise_constant_schedule(init_value=1.0, boundaries_and_scales={100: 0.1, 200: 0.01})");
    expect(String(optax.piecewiseInterpolateSchedule("linear", 13))).toBe("optax.piecewise_interpolate_schedule(interpolate_type='linear', init_value=13.0, boundaries_and_scales=None)");
    expect(String(optax.joinSchedules([optax.constantSchedule(1), optax.constantSchedule(-0)], [3]))).toBe(
      "optax.join_schedules(schedules=[optax.constant_schedule(value=1.0), optax.constant_schedule(value=-0.0)], boundaries=[3])",
    );
    expect(String(optax.sgdrSchedule([{ initValue: 0, peakValue: 1.6, warmupSteps: 500, decaySteps: 2000 }]))).toBe(
      "optax.sgdr_schedule(cosine_kwargs=[{'init_value': 0.0, 'peak_value': 1.6, 'warmup_steps': 500, 'decay_steps': 2000, 'end_value': 0.0, 'exponent': 1}])",
    );
    expect(String(optax.linearSchedule(1e-5, 1e21, 10))).toBe("optax.linear_schedule(init_value=0.00001, end_value=1e+21, transition_steps=10, transition_begin=0)");
  });

  test("getConfig has optax's names; toJSON is Keras 3's envelope naming optax, which fromJSON reads and Keras' deserialize refuses", () => {
    const s = optax.warmupExponentialDecaySchedule({ initValue: 0, peakValue: 0.1, warmupSteps: 10, transitionSteps: 100, decayRate: 0.5, endValue: 0.001 });
    expect(s.getConfig()).toEqual({
      init_value: 0, peak_value: 0.1, warmup_steps: 10, transition_steps: 100, decay_rate: 0.5, transition_begin: 0, staircase: false, end_value: 0.001,
    });
    expect(s.toJSON()).toEqual({ module: "optax", class_name: "warmup_exponential_decay_schedule", config: s.getConfig(), registered_name: null });
    expect(s.functionName).toBe("warmup_exponential_decay_schedule");
    expect(() => deserialize(JSON.stringify(s))).toThrow("Unknown learning rate schedule class_name=\"warmup_exponential_decay_schedule\"");
    const schedules = [
      s,
      optax.piecewiseConstantSchedule(1, { 100: 0.1, "-5": 2 }),
      optax.joinSchedules([optax.linearSchedule(0, 1, 10), optax.cosineOnecycleSchedule(100, 1)], [10]),
      optax.sgdrSchedule([{ initValue: 0, peakValue: 1, warmupSteps: 5, decaySteps: 50 }, { initValue: 0, peakValue: 0.5, warmupSteps: 5, decaySteps: 100, exponent: 2 }]),
    ];
    for (const x of schedules) {
      const back = optax.fromJSON(JSON.stringify(x));
      expect(String(back)).toBe(String(x));
      expect(back.range(-20, 300)).toEqual(x.range(-20, 300));
      const wide = optax.fromJSON(x.toJSON(), { dtype: "float64" });
      expect(wide.dtype).toBe("float64");
      expect(wide.range(0, 50)).toEqual(x.range(0, 50, { dtype: "float64" }));
    }
    expect(() => optax.fromJSON({ module: "keras.optimizers.schedules", class_name: "CosineDecay", config: {} })).toThrow('module="keras.optimizers.schedules" (string)');
    expect(() => optax.fromJSON({ module: "optax", class_name: "adam", config: {} })).toThrow("names no optax schedule function");
    expect(() => optax.fromJSON("{")).toThrow("is not valid JSON");
  });

  test("each function carries optax's name and its declared arguments", () => {
    expect(optax.cosineDecaySchedule.optaxName).toBe("cosine_decay_schedule");
    expect(optax.cosineDecaySchedule.args.map((a) => [a.key, a.option, a.required, a.default])).toEqual([
      ["init_value", "initValue", true, undefined],
      ["decay_steps", "decaySteps", true, undefined],
      ["alpha", "alpha", false, 0],
      ["exponent", "exponent", false, 1],
    ]);
  });

  test("the float64 variant: Float64Arrays, JAX with x64's numbers", () => {
    const s = optax.cosineDecaySchedule({ initValue: 0.1, decaySteps: 1000, dtype: "float64" });
    expect(s.range(0, 3)).toBeInstanceOf(Float64Array);
    expect(s(500)).toBe(oracle.cosineDecay(0.1, 1000, 0, 1, "float64")(500));
    expect(s(500)).toBe(0.05); // float64's pi is below pi: cos(pi_64 / 2) > 0, lost in 1 + c
    expect(optax.cosineDecaySchedule(0.1, 1000)(500)).toBe(0.04999999701976776); // float32's: cos(pi_32 / 2) < 0
  });
});

describe("counts: int32 without x64, int64 with it", () => {
  const s = optax.linearSchedule({ initValue: 1, endValue: 0, transitionSteps: 100, transitionBegin: 10 });

  test("a fractional count, or one beyond int32, is refused: in a single call, by index in arrays, by bounds in ranges", () => {
    expect(() => s(2.5)).toThrow(RangeError);
    expect(() => s(2.5)).toThrow("Argument `step` must be one of the int32 counts: integers from -2^31 to 2^31 - 1 (JAX without x64 holds optax's count in int32). Received: step=2.5");
    expect(() => s(2 ** 31)).toThrow("Received: step=2147483648");
    for (const backend of BACKENDS)
      for (const at of [0, 5, 42]) {
        const steps = new Float64Array(50).fill(3).fill(0.5, at, at + 1);
        expect(() => s.evaluate(steps, { backend })).toThrow(`must hold int32 counts: integers from -2^31 to 2^31 - 1 (JAX without x64 holds optax's count in int32). Received: steps[${at}]=0.5`);
        for (const other of [optax.warmupCosineDecaySchedule(0, 1, 10, 100), optax.constantSchedule(0.1), optax.piecewiseInterpolateSchedule("linear", 1, { 10: 0.5 })])
          expect(() => other.evaluate(steps, { backend })).toThrow(`Received: steps[${at}]=0.5`);
      }
    expect(() => s.evaluate([1, -(2 ** 31) - 1])).toThrow("steps[1]=-2147483649");
    expect(() => s.evaluate([1, NaN])).toThrow("steps[1]=NaN");
    expect(() => s.range(2 ** 31 - 5, 2 ** 31 + 5)).toThrow("Arguments `start` and `stop` must give int32 counts");
    expect(s.range(2 ** 31 - 5, 2 ** 31)).toHaveLength(5);
    expect(s.range(2 ** 31 - 5, 2 ** 31 + 5, { dtype: "float64" })).toHaveLength(10);
  });

  test("float64: counts below 2^53 in magnitude; bigints and -0 are counts too", () => {
    const w = optax.linearSchedule({ initValue: 1, endValue: 0, transitionSteps: 100, dtype: "float64" });
    expect(w(2 ** 31)).toBe(0);
    expect(() => w(2 ** 53)).toThrow("int64 counts below 2^53 in magnitude");
    expect(() => w(0.5)).toThrow(RangeError);
    expect(s(50n)).toBe(s(50));
    expect(() => s(2n ** 40n)).toThrow(RangeError);
    expect(Object.is(s(-0), s(0))).toBe(true);
    expect(s.evaluate([50n, 7n])).toEqual(s.evaluate([50, 7]));
    expect(s.evaluate([-0, 3])).toEqual(s.evaluate([0, 3]));
  });

  test("count - transition_begin wraps around in int32, as JAX's does; not in float64's int64", () => {
    // (-2^31 - 10) wraps to 2^31 - 10, past the transition: the end value; one count later it does not wrap.
    expect(s(-(2 ** 31))).toBe(0);
    expect(s(-(2 ** 31) + 10)).toBe(1);
    for (const backend of BACKENDS) expect(Array.from(s.range(-(2 ** 31), -(2 ** 31) + 12, { backend }))).toEqual([...Array(10).fill(0), 1, 1]);
    expect(optax.linearSchedule({ initValue: 1, endValue: 0, transitionSteps: 100, transitionBegin: 10, dtype: "float64" })(-(2 ** 31))).toBe(1);
    // join_schedules' count - boundary too: a boundary below 0 sends the top counts round to the bottom.
    const j = optax.joinSchedules([optax.constantSchedule(5), optax.linearSchedule(0, 1, 2 ** 30)], [-(2 ** 30)]);
    expect(j(2 ** 31 - 1)).toBe(oracle.join([() => 5, oracle.polynomial(0, 1, 1, 2 ** 30, 0, "float32")], [-(2 ** 30)], "float32")(2 ** 31 - 1));
    expect(j(2 ** 31 - 1)).toBe(0); // (2^31 - 1 + 2^30) wraps below 0: the linear schedule's start
  });

  test("float64: a join refuses a count whose count - boundary would leave 2^53", () => {
    const j = optax.joinSchedules({ schedules: [optax.constantSchedule(1), optax.constantSchedule(2)], boundaries: [-5], dtype: "float64" });
    expect(j(2 ** 53 - 6)).toBe(2);
    expect(() => j(2 ** 53 - 1)).toThrow("join_schedules gives schedules[1] the count minus boundaries[0] = -5, which must stay below 2^53");
    expect(() => j.evaluate([0, 2 ** 53 - 1])).toThrow("at steps[1]=9007199254740991");
    expect(() => j.range(2 ** 53 - 10, 2 ** 53 - 1)).toThrow(RangeError);
  });
});

describe("joins select; the interpolation's dot product does not", () => {
  test("an unselected piece's NaN or Infinity does not reach a join's values (jnp.where)", () => {
    // (1e39 - -1e39) and -1e39 are Infinity and -Infinity in float32: the piece is NaN at every count.
    const nan = optax.linearSchedule(1e39, -1e39, 10);
    expect(nan(0)).toBeNaN();
    const j = optax.joinSchedules([optax.constantSchedule(1), nan, optax.constantSchedule(1e39)], [5, 8]);
    expect([0, 4, 5, 7, 8, 9].map((t) => j(t))).toEqual([1, 1, NaN, NaN, Infinity, Infinity]);
    for (const backend of BACKENDS) {
      expect(Array.from(j.range(0, 10, { backend }))).toEqual([1, 1, 1, 1, 1, NaN, NaN, NaN, Infinity, Infinity]);
      expect(Array.from(j.evaluate([9, 4, 5], { backend }))).toEqual([Infinity, 1, NaN]);
    }
  });

  test("piecewise_interpolate_schedule: an infinite value makes every count NaN (0 * Infinity in the dot product)", () => {
    const s = optax.piecewiseInterpolateSchedule("linear", 1, { 5: 1e39, 10: 0 });
    const want = oracle.piecewiseInterpolate("linear", 1, [[5, 1e39], [10, 0]], "float32");
    for (const backend of BACKENDS) s.range(-2, 15, { backend }).forEach((v, i) => expect([i - 2, v]).toEqual([i - 2, want(i - 2)]));
    expect(s(0)).toBeNaN();
    expect(s(100)).toBeNaN();
    // Finite but huge values (above 2^63) take the same path, every interval computed: still exact.
    const huge = optax.piecewiseInterpolateSchedule("cosine", 1e20, { 5: 1e10, 10: 1e-20 });
    const wantHuge = oracle.piecewiseInterpolate("cosine", 1e20, [[5, 1e10], [10, 1e-20]], "float32");
    huge.range(-2, 15).forEach((v, i) => expect([i - 2, v]).toEqual([i - 2, wantHuge(i - 2)]));
  });

  test("an interval whose size wraps around in int32 is taken as size 1: pct runs far past 1, the cosine far past pi", () => {
    // bounds 0, -2^31, 0: the interval [-2^31, 0) has size (0 - -2^31) | 0 = -2^31, so max(., 1) = 1.
    const s = optax.piecewiseInterpolateSchedule("cosine", 1, { [-(2 ** 31)]: 0.5, 0: 2 });
    const want = oracle.piecewiseInterpolate("cosine", 1, [[-(2 ** 31), 0.5], [0, 2]], "float32");
    for (const backend of BACKENDS) s.range(-(2 ** 31), -(2 ** 31) + 64, { backend }).forEach((v, i) => expect([backend, i, v]).toEqual([backend, i, want(-(2 ** 31) + i)]));
  });

  test("the dot product is a sum from +0: -0 values come out +0 below the last boundary", () => {
    const s = optax.piecewiseInterpolateSchedule("linear", -1, { 5: 0 });
    // values -1, -0: at count 5 on, (1 * -0) is added to the dot product's +0 + 0 * interp.
    expect(Object.is(s(5), -0) || Object.is(s(5), 0)).toBe(true);
    expect(Object.is(s(5), oracle.piecewiseInterpolate("linear", -1, [[5, 0]], "float32")(5))).toBe(true);
    expect(Object.is(s(4), f32(f32(f32(1) * f32(4 / 5)) + -1))).toBe(true);
  });
});

describe("optax's logged cases: a constant schedule or an argument taken as 0, with optax's notice once", () => {
  afterEach(() => vi.restoreAllMocks());

  test("transition_steps <= 0, decay_rate 0 and a negative transition_begin warn once each, in optax's words", () => {
    // The first of these notices in this file's process: each must appear exactly once.
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const a = optax.exponentialDecay({ initValue: 0.5, transitionSteps: 10, decayRate: 0.5, transitionBegin: -777 });
    optax.exponentialDecay({ initValue: 0.5, transitionSteps: 10, decayRate: 0.5, transitionBegin: -778 });
    for (const steps of [0, -5]) optax.exponentialDecay({ initValue: 0.5, transitionSteps: steps, decayRate: 0.5 });
    for (const rate of [0, -0]) optax.exponentialDecay({ initValue: 0.5, transitionSteps: 10, decayRate: rate });
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([
      "lrdecay/optax, as optax logs: An exponential schedule was set with a negative `transition_begin` value; this will result in `transition_begin` falling back to `0`.",
      "lrdecay/optax, as optax logs: An exponential schedule was set with a non-positive `transition_steps` value; this will result in a constant schedule with value `init_value`.",
      "lrdecay/optax, as optax logs: An exponential schedule was set with a zero `decay_rate` value; this will result in a constant schedule with value `init_value`.",
    ]);
    expect(a.range(0, 30)).toEqual(optax.exponentialDecay({ initValue: 0.5, transitionSteps: 10, decayRate: 0.5 }).range(0, 30));
    expect(a.getConfig().transition_begin).toBe(-777); // optax's argument, as given
  });

  test("the constant schedules hold init_value as the dtype does", () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    for (const s of [optax.polynomialSchedule(0.1, 1, 2, 0), optax.exponentialDecay(0.1, -3, 0.5), optax.exponentialDecay(0.1, 3, 0), optax.warmupConstantSchedule(0.1, 1, 0)])
      for (const backend of BACKENDS) expect(Array.from(s.range(-3, 40, { backend }))).toEqual(Array(43).fill(f32(0.1)));
  });
});

describe("refused arguments: TypeError or RangeError by name, in optax's words where optax raises", () => {
  const call = (fn: unknown, ...args: unknown[]) => () => (fn as (...a: unknown[]) => unknown)(...args);
  test.each<[string, () => unknown, ErrorConstructor, string]>([
    ["cosine decay_steps 0", call(optax.cosineDecaySchedule, 0.1, 0), RangeError, "The cosine_decay_schedule requires positive decay_steps, got decay_steps=0."],
    ["cosine decay_steps fractional", call(optax.cosineDecaySchedule, 0.1, 10.5), RangeError, "Argument `decay_steps` must be an integer (optax's argument is an int)"],
    ["cosine exponent negative", call(optax.cosineDecaySchedule, 0.1, 10, 0, -1), RangeError, "Argument `exponent` must be >= 0"],
    ["string init_value", call(optax.constantSchedule, "0.1"), TypeError, 'Argument `value` must be a number. Received: value="0.1" (string)'],
    ["NaN init_value", call(optax.linearSchedule, NaN, 1, 10), RangeError, "Argument `init_value` must be finite. Received: init_value=NaN"],
    ["transition_steps beyond int32 in float32", call(optax.linearSchedule, 0, 1, 2 ** 31), RangeError, "Argument `transition_steps` must be an int32 for float32"],
    ["polynomial power negative", call(optax.polynomialSchedule, 1, 0, -2, 10), RangeError, "Argument `power` must be >= 0"],
    ["exponential decay_rate negative", call(optax.exponentialDecay, 1, 10, -0.5), RangeError, "Argument `decay_rate` must be >= 0"],
    ["staircase not a boolean", call(optax.exponentialDecay, 1, 10, 0.5, 0, 1), TypeError, "Argument `staircase` must be a boolean"],
    ["negative scale (constant)", call(optax.piecewiseConstantSchedule, 1, { 10: -0.5 }), RangeError, "`piecewise_constant_schedule` expects non-negative scale factors. Received: boundaries_and_scales[10]=-0.5"],
    ["fractional step key", call(optax.piecewiseConstantSchedule, 1, { "1.5": 0.5 }), TypeError, 'must have integer steps as keys. Received: the key "1.5"'],
    ["a step twice in pairs", call(optax.piecewiseConstantSchedule, 1, [[5, 0.5], [5, 0.1]]), RangeError, "must give each step once"],
    ["boundaries_and_scales a number", call(optax.piecewiseConstantSchedule, 1, 5), TypeError, "must be an object, a Map or an array of [step, scale] pairs"],
    ["unknown interpolate_type", call(optax.piecewiseInterpolateSchedule, "cubic", 1), RangeError, "Argument `interpolate_type` must be either 'cosine' or 'linear'. Received: interpolate_type=\"cubic\" (string)"],
    ["linear onecycle transition_steps 0", call(optax.linearOnecycleSchedule, 0, 1), RangeError, "A linear onecycle schedule was set with a non-positive `transition_steps`"],
    ["onecycle div_factor 0", call(optax.linearOnecycleSchedule, 100, 1, 0.3, 0.85, 0), RangeError, "Argument `div_factor` must not be 0 (optax divides by it: Python's ZeroDivisionError)"],
    ["onecycle negative div_factor", call(optax.cosineOnecycleSchedule, 100, 1, 0.3, -2), RangeError, "`piecewise_interpolate_schedule` expects non-negative scale factors"],
    ["warm-up cosine decay_steps below warmup_steps", call(optax.warmupCosineDecaySchedule, 0, 1, 100, 50), RangeError, "got decay_steps=-50."],
    ["join of a non-schedule", call(optax.joinSchedules, [() => 1], []), TypeError, "Argument `schedules[0]` must be an optax schedule of lrdecay/optax"],
    ["join with too few boundaries", call(optax.joinSchedules, [optax.constantSchedule(1), optax.constantSchedule(2)], []), RangeError, "must hold one boundary fewer than `schedules`"],
    ["join of no schedules", call(optax.joinSchedules, [], []), RangeError, "Received: 0 schedules, 0 boundaries"],
    ["join boundary fractional", call(optax.joinSchedules, [optax.constantSchedule(1), optax.constantSchedule(2)], [1.5]), RangeError, "Argument `boundaries[0]` must be an integer"],
    ["sgdr with no cycles", call(optax.sgdrSchedule, []), RangeError, "Argument `cosine_kwargs` must hold at least one cycle"],
    ["sgdr cycle missing decaySteps", call(optax.sgdrSchedule, [{ initValue: 0, peakValue: 1, warmupSteps: 5 }]), TypeError, "Argument `cosine_kwargs[0]`: Argument `decay_steps` must be a number. Received: decay_steps=undefined"],
    ["sgdr cycle with a dtype", call(optax.sgdrSchedule, [{ initValue: 0, peakValue: 1, warmupSteps: 5, decaySteps: 50, dtype: "float64" }]), TypeError, "the dtype is the sgdr_schedule's"],
    ["unknown option", call(optax.cosineDecaySchedule, { initValue: 0.1, decaySteps: 10, decay_steps: 5 }), TypeError, "cosineDecaySchedule got an unexpected option `decay_steps`"],
    ["too many arguments", call(optax.constantSchedule, 1, 2), TypeError, "constantSchedule takes at most 1 arguments. Received: 2"],
    ["unknown dtype", call(optax.constantSchedule, { value: 1, dtype: "float16" }), TypeError, 'Argument `dtype` must be "float32" or "float64"'],
  ])("%s", (_, run, type, message) => {
    expect(run).toThrow(type);
    expect(run).toThrow(message);
  });
});
