import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { ExponentialDecay, type DType } from "../../src/index.js";
import { oracleExponentialDecay } from "../oracle.js";

describe("Keras' published test values", () => {
  // keras/src/optimizers/schedules/learning_rate_schedule_test.py, ExponentialDecayTest.
  test("continuous: (0.05, 10, 0.96) at step 5 is 0.05 * 0.96^0.5", () => {
    const s = new ExponentialDecay(0.05, 10, 0.96);
    expect(s(5)).toBeCloseTo(0.05 * Math.sqrt(0.96), 6);
    expect(s(5)).toBe(oracleExponentialDecay(0.05, 10, 0.96, false, 5, "float32"));
  });

  test("staircase: (0.1, 3, 0.96) is 0.1 at steps 1 and 2 and 0.1 * 0.96^33 at step 100", () => {
    const s = new ExponentialDecay(0.1, 3, 0.96, true);
    expect(s(1)).toBe(Math.fround(0.1));
    expect(s(2)).toBe(Math.fround(0.1));
    expect(s(100)).toBeCloseTo(0.1 * 0.96 ** 33, 6);
    expect(s(100)).toBe(oracleExponentialDecay(0.1, 3, 0.96, true, 100, "float32"));
  });
});

/** Schedules and steps that cover every regime NUMERICS.md names. */
const schedule = fc.record({
  a: fc.oneof(fc.double({ min: -10, max: 10, noNaN: true }), fc.constantFrom(0.1, 1, 0.001, 3e38, 1e-30)),
  d: fc.oneof(fc.integer({ min: 1, max: 1_000_000 }), fc.double({ min: 1e-3, max: 1e7, noNaN: true })),
  r: fc.oneof(
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.double({ min: 1, max: 100, noNaN: true }), // rates above 1 grow, up to overflow
    fc.constantFrom(0, 1, 0.96, 0.5, 0.1, 1e-30, 1e30),
  ),
  staircase: fc.boolean(),
});
const stepArb = fc.oneof(
  fc.integer({ min: 0, max: 1_000_000 }),
  fc.integer({ min: -100_000, max: 0 }), // negative steps are allowed, as in Keras
  fc.double({ min: -1e4, max: 1e7, noNaN: true }), // fractional steps
  fc.integer({ min: 2 ** 24, max: 2 ** 53 }), // above 2^24: float32 rounds the step first
  fc.constantFrom(0, 16777217, 1e12, 1e300),
);

describe("the numerics contract", () => {
  for (const dtype of ["float32", "float64"] as const) {
    test(`every step equals the arbitrary-precision oracle (${dtype})`, () => {
      fc.assert(
        fc.property(schedule, fc.array(stepArb, { minLength: 1, maxLength: 8 }), ({ a, d, r, staircase }, steps) => {
          if (dtype === "float32" && Math.fround(d) === 0) return;
          const s = new ExponentialDecay({ initialLearningRate: a, decaySteps: d, decayRate: r, staircase, dtype });
          const batch = s.evaluate(steps);
          steps.forEach((step, i) => {
            const expected = oracleExponentialDecay(a, d, r, staircase, step, dtype);
            expect(s(step)).toBe(expected);
            expect(batch[i]).toBe(expected);
          });
        }),
        { numRuns: 300 },
      );
    });
  }

  test.each<[string, number, number, number, number, DType, number]>([
    ["a step above 2^24 is rounded before dividing", 1, 1, 0.5, 16777217, "float32", 0],
    ["2^24 + 1 steps of 2^24: p = f32(16777217) / 2^24 = 1", 1, 2 ** 24, 0.5, 2 ** 24 + 1, "float32", 0.5],
    ["float64 keeps the step", 1, 2 ** 24, 0.25, 2 ** 24 + 2 ** 23, "float64", 0.125],
    ["decay rate 0 gives 0 after step 0", 0.1, 10, 0, 5, "float32", 0],
    ["decay rate 0 at step 0 is 0^0 = 1", 0.1, 10, 0, 0, "float64", 0.1],
    ["decay rate 0 before step 0 is 0^-1 = Infinity", 0.1, 10, 0, -1, "float64", Infinity],
    ["underflow to 0", 1, 1, 0.5, 200, "float32", 0],
    ["gradual underflow", 1, 1, 0.5, 1074, "float64", 5e-324],
    ["overflow to Infinity", 1, 1, 2, 129, "float32", Infinity],
  ])("%s", (_, a, d, r, step, dtype, expected) => {
    const s = new ExponentialDecay({ initialLearningRate: a, decaySteps: d, decayRate: r, dtype });
    expect(s(step)).toBe(expected);
    expect(s(step)).toBe(oracleExponentialDecay(a, d, r, false, step, dtype));
  });

  test("an exact float32 midpoint of r^p rounds to even on every backend", () => {
    // (4097/4096)^2 = 1 + 2^-11 + 2^-24 is halfway between two float32s.
    const s = new ExponentialDecay(1, 1, 4097 / 4096);
    expect(s(2)).toBe(1.00048828125);
    for (const backend of ["js", "wasm-scalar", "wasm-simd"] as const)
      expect(s.evaluate([2, 2, 2], { backend })).toEqual(new Float32Array([1.00048828125, 1.00048828125, 1.00048828125]));
  });

  test("bigint steps beyond 2^53 are rounded once to float32, as Keras' cast does", () => {
    const s = new ExponentialDecay(1, 2 ** 60, 0.5);
    const big = 2n ** 60n + 2n ** 36n + 1n; // f32 rounds this up to 2^60 + 2^37; f64 first would tie down
    expect(s(big)).toBe(oracleExponentialDecay(1, 2 ** 60, 0.5, false, 2 ** 60 + 2 ** 37, "float32"));
    expect(s.evaluate(new BigInt64Array([big]))[0]).toBe(s(big));
  });
});

describe("both ends of the exponent range, on every backend", () => {
  const BACKENDS = ["auto", "js", "wasm-scalar", "wasm-simd"] as const;
  const check = (a: number, r: number, steps: number[], dtype: DType) => {
    const s = new ExponentialDecay({ initialLearningRate: a, decaySteps: 1, decayRate: r, dtype });
    for (const backend of BACKENDS) {
      const out = s.evaluate(steps, { backend });
      steps.forEach((step, i) => expect([backend, step, out[i]]).toEqual([backend, step, oracleExponentialDecay(a, 1, r, false, step, dtype)]));
    }
  };
  const around = (x: number, width: number, n: number) => Array.from({ length: n }, (_, i) => x - width + (2 * width * i) / (n - 1));

  test("float64: 2^1023.999 is finite (1.7964e298 after a 1e-10 rate), and overflow starts where the oracle says", () => {
    const edge = new ExponentialDecay({ initialLearningRate: 1e-10, decaySteps: 1, decayRate: 2, dtype: "float64" })(1023.999);
    expect(edge).toBe(oracleExponentialDecay(1e-10, 1, 2, false, 1023.999, "float64"));
    expect(edge.toPrecision(5)).toBe("1.7964e+298");
    check(1e-10, 2, [1023.999, 1023.99999, 1024 - 2 ** -40, 1024, 1024 + 2 ** -40], "float64");
    check(1, 2, [...around(1024, 0.01, 41), 1024 - 2 ** -43, 1024 - 2 ** -44, 1023.9999999999999], "float64");
    check(1, 0.5, around(-1024, 0.01, 41), "float64");
  });

  test("float64: subnormal results, down to the last one and zero", () => {
    check(1, 0.5, [...around(1022, 0.5, 21), ...around(1060, 1, 21), ...around(1074, 1, 41), 1075, 1076, 1080], "float64");
    check(1, 2, around(-1074, 1, 41), "float64");
  });

  test("float32: overflow near 2^128 and subnormals down to 2^-149", () => {
    check(1, 2, around(128, 0.01, 41), "float32");
    check(1, 0.5, [...around(126, 0.5, 21), ...around(149, 1, 41), 150, 151], "float32");
    check(3, 0.5, around(149, 1, 21), "float32");
  });
});

describe("the API", () => {
  test("instances are callable schedules with Keras' attributes", () => {
    const s = new ExponentialDecay(0.1, 100000, 0.96);
    expect(typeof s).toBe("function");
    expect(s).toBeInstanceOf(ExponentialDecay);
    expect(s.initialLearningRate).toBe(0.1);
    expect(s.decaySteps).toBe(100000);
    expect(s.decayRate).toBe(0.96);
    expect(s.staircase).toBe(false);
    expect(s.name).toBe("ExponentialDecay");
    expect(s.dtype).toBe("float32");
    expect(s.call(null, 100000)).toBe(s(100000)); // Function.prototype's methods work too
    expect(String(s)).toBe(
      'ExponentialDecay(initial_learning_rate=0.1, decay_steps=100000, decay_rate=0.96, staircase=false, name="ExponentialDecay")',
    );
  });

  test("positional and options forms build the same schedule", () => {
    const a = new ExponentialDecay(0.1, 3, 0.96, true, "lr");
    const b = new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 3, decayRate: 0.96, staircase: true, name: "lr" });
    expect(a.getConfig()).toEqual(b.getConfig());
    expect(a.range(0, 50)).toEqual(b.range(0, 50));
  });

  test("getConfig returns exactly the constructor's arguments and fromConfig inverts it", () => {
    const s = new ExponentialDecay(0.1, 100000, 0.96, true, "lr");
    expect(s.getConfig()).toEqual({
      initial_learning_rate: 0.1, decay_steps: 100000, decay_rate: 0.96, staircase: true, name: "lr",
    });
    const t = ExponentialDecay.fromConfig(s.getConfig());
    expect(t.getConfig()).toEqual(s.getConfig());
    expect(t(123456)).toBe(s(123456));
  });

  test("dtype is an option of the library: per schedule, per call, never in the config", () => {
    const s = new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.96, dtype: "float64" });
    expect(s(5)).toBe(oracleExponentialDecay(0.1, 10, 0.96, false, 5, "float64"));
    expect(s.evaluate([5])).toBeInstanceOf(Float64Array);
    expect(s.evaluate([5], { dtype: "float32" })).toBeInstanceOf(Float32Array);
    expect(s.evaluate([5], { dtype: "float32" })[0]).toBe(oracleExponentialDecay(0.1, 10, 0.96, false, 5, "float32"));
    expect(Object.keys(s.getConfig())).not.toContain("dtype");
    expect(ExponentialDecay.fromConfig(s.getConfig(), { dtype: "float64" }).dtype).toBe("float64");
  });

  test("range(start, stop) is evaluate over start .. stop - 1", () => {
    const s = new ExponentialDecay(0.1, 7, 0.9, true);
    const steps = Array.from({ length: 100 }, (_, i) => i - 30);
    expect(s.range(-30, 70)).toEqual(s.evaluate(steps));
    expect(s.range(5n, 8n)).toEqual(s.evaluate([5, 6, 7]));
    expect(s.range(3, 3)).toEqual(new Float32Array(0));
  });

  test("evaluate accepts every kind of array of steps", () => {
    const s = new ExponentialDecay(0.1, 7, 0.9);
    const expected = s.evaluate([0, 1, 2, 300]);
    for (const steps of [
      [0, 1, 2, 300], new Float64Array([0, 1, 2, 300]), new Float32Array([0, 1, 2, 300]), new Int32Array([0, 1, 2, 300]),
      new Uint32Array([0, 1, 2, 300]), new Int16Array([0, 1, 2, 300]), new Uint16Array([0, 1, 2, 300]),
      new BigInt64Array([0n, 1n, 2n, 300n]), new BigUint64Array([0n, 1n, 2n, 300n]), [0n, 1n, 2n, 300n],
      { length: 4, 0: 0, 1: 1, 2: 2, 3: 300 },
    ])
      expect(s.evaluate(steps as ArrayLike<number>)).toEqual(expected);
  });

  test("out is filled and returned", () => {
    const s = new ExponentialDecay(0.1, 7, 0.9);
    const out = new Float64Array(4);
    expect(s.evaluate([0, 1, 2, 3], { out, dtype: "float64" })).toBe(out);
    expect(out).toEqual(s.evaluate([0, 1, 2, 3], { dtype: "float64" }));
    const out32 = new Float32Array(100);
    expect(s.range(0, 100, { out: out32 })).toBe(out32);
    expect(out32).toEqual(s.range(0, 100));
  });
});

describe("refused input", () => {
  const make = (...args: unknown[]) => () => new (ExponentialDecay as unknown as new (...a: unknown[]) => unknown)(...args);
  test.each<[string, () => unknown, ErrorConstructor, string]>([
    ["decay_steps = 0 (Keras' message)", make(0.1, 0, 0.96), RangeError, "Argument `decay_steps` must be > 0. Received: decay_steps=0"],
    ["negative decay_steps", make(0.1, -5, 0.96), RangeError, "Argument `decay_steps` must be > 0. Received: decay_steps=-5"],
    ["infinite decay_steps", make(0.1, Infinity, 0.96), RangeError, "Argument `decay_steps` must be finite. Received: decay_steps=Infinity"],
    ["NaN learning rate", make(NaN, 10, 0.96), RangeError, "Argument `initial_learning_rate` must be finite. Received: initial_learning_rate=NaN"],
    ["string learning rate", make("0.1", 10, 0.96), TypeError, 'Argument `initial_learning_rate` must be a number. Received: initial_learning_rate="0.1" (string)'],
    ["null decay_steps", make(0.1, null, 0.96), TypeError, "Argument `decay_steps` must be a number. Received: decay_steps=null"],
    ["missing decay_rate", make(0.1, 10), TypeError, "Argument `decay_rate` must be a number. Received: decay_rate=undefined"],
    ["negative decay_rate", make(0.1, 10, -0.5), RangeError, "Argument `decay_rate` must be >= 0. Received: decay_rate=-0.5"],
    ["decay_rate = -0, whose powers carry a sign", make(0.1, 10, -0), RangeError, "Argument `decay_rate` must be >= 0 and not -0 (Keras' pow(-0.0, p) is negative for odd p). Received: decay_rate=-0"],
    ["infinite decay_rate", make(0.1, 10, Infinity), RangeError, "Argument `decay_rate` must be finite. Received: decay_rate=Infinity"],
    ["bigint decay_rate", make(0.1, 10, 1n), TypeError, "Argument `decay_rate` must be a number. Received: decay_rate=1n (bigint)"],
    ["string staircase", make(0.1, 10, 0.9, "yes"), TypeError, 'Argument `staircase` must be a boolean. Received: staircase="yes" (string)'],
    ["numeric name", make(0.1, 10, 0.9, false, 5), TypeError, "Argument `name` must be a string or null. Received: name=5"],
    ["too many arguments", make(0.1, 10, 0.9, false, "x", "float64"), TypeError, "ExponentialDecay takes at most 5 arguments. Received: 6"],
    ["unknown option", make({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.9, decay_rate: 1 }), TypeError, "ExponentialDecay got an unexpected option `decay_rate`"],
    ["unknown dtype", make({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.9, dtype: "float16" }), TypeError, 'Argument `dtype` must be "float32" or "float64". Received: dtype="float16" (string)'],
    ["decay_steps that float32 rounds to 0", () => new ExponentialDecay(0.1, 1e-50, 0.9)(1), RangeError, "Argument `decay_steps` must be > 0 in float32, where it rounds to 0. Received: decay_steps=1e-50"],
  ])("%s", (_, run, type, message) => {
    expect(run).toThrow(type);
    expect(run).toThrow(message);
  });

  const s = new ExponentialDecay(0.1, 10, 0.9);
  test.each<[string, () => unknown, ErrorConstructor, string]>([
    ["NaN step", () => s(NaN), RangeError, "Argument `step` must be finite. Received: step=NaN"],
    ["string step", () => s("5" as never), TypeError, 'Argument `step` must be a number or a bigint. Received: step="5" (string)'],
    ["non-finite step in an array names its index", () => s.evaluate([1, 2, Infinity]), RangeError, "Received: steps[2]=Infinity"],
    ["non-finite step in a Float64Array on Wasm", () => s.evaluate(new Float64Array(100).fill(1).fill(NaN, 77), { backend: "wasm" }), RangeError, "Received: steps[77]=NaN"],
    ["non-finite step on the SIMD kernel's odd lane", () => s.evaluate(new Float64Array(100).fill(1).fill(-Infinity, 41), { backend: "wasm-simd" }), RangeError, "Received: steps[41]=-Infinity"],
    ["string inside steps", () => s.evaluate([1, "2" as never]), TypeError, 'Argument `steps` must hold numbers or bigints. Received: steps[1]="2" (string)'],
    ["hole in a sparse array", () => s.evaluate([1, , 3] as never), TypeError, "Received: steps[1]=undefined"],
    ["steps not an array", () => s.evaluate("123" as never), TypeError, 'Argument `steps` must be an array or typed array of numbers. Received: steps="123" (string)'],
    ["fractional range bound", () => s.range(0, 10.5), RangeError, "Argument `stop` must be an integer between -2^53 and 2^53. Received: stop=10.5"],
    ["range bound beyond 2^53", () => s.range(0, 2 ** 54), RangeError, "Received: stop=18014398509481984"],
    ["range with stop < start", () => s.range(10, 5), RangeError, "Argument `stop` must be >= start. Received: start=10, stop=5"],
    ["out of the wrong dtype", () => s.range(0, 4, { out: new Float64Array(4) }), TypeError, 'Argument `out` must be a Float32Array for dtype "float32". Received: out=a Float64Array'],
    ["out of the wrong length", () => s.range(0, 4, { out: new Float32Array(5) }), RangeError, "Argument `out` must have length 4. Received: out.length=5"],
    ["unknown backend", () => s.range(0, 4, { backend: "gpu" as never }), TypeError, 'Argument `backend` must be one of "auto", "wasm", "wasm-simd", "wasm-scalar", "js". Received: backend="gpu" (string)'],
  ])("%s", (_, run, type, message) => {
    expect(run).toThrow(type);
    expect(run).toThrow(message);
  });
});
