import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { InverseTimeDecay, deserialize, toKerasJSON, type Backend, type DType } from "../../src/index.js";
import { setChunkLengthForTesting } from "../../src/core/wasm.js";
import { oracleInverseTimeDecay } from "./oracles.js";

const BACKENDS: Backend[] = ["auto", "js", "wasm-scalar", "wasm-simd"];

function expectSameBits(a: ArrayLike<number>, b: ArrayLike<number>): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) expect([i, b[i]]).toEqual([i, a[i]]);
}

/** Keras' assertAllClose(x, expected, 1e-6): atol 1e-6 + rtol 1e-6. */
function expectClose(x: number, expected: number): void {
  expect(Math.abs(x - expected)).toBeLessThanOrEqual(1e-6 + 1e-6 * Math.abs(expected));
}

describe("Keras' published test values", () => {
  // keras/src/optimizers/schedules/learning_rate_schedule_test.py, InverseTimeDecayTest.
  test("test_decay: (0.1, 10, 0.96) at steps 0..10 is 0.1 / (1 + i / 10 * 0.96)", () => {
    const s = new InverseTimeDecay(0.1, 10, 0.96);
    for (let i = 0; i <= 10; i++) {
      expectClose(s(i), 0.1 / (1 + (i / 10) * 0.96));
      expect(s(i)).toBe(oracleInverseTimeDecay(0.1, 10, 0.96, false, i, "float32"));
    }
  });

  test("test_staircase: (0.1, 10, 0.96, staircase) at steps 0..10 is 0.1 / (1 + 0.96 * (i // 10))", () => {
    const s = new InverseTimeDecay(0.1, 10, 0.96, true);
    for (let i = 0; i <= 10; i++) {
      expectClose(s(i), 0.1 / (1 + 0.96 * Math.floor(i / 10)));
      expect(s(i)).toBe(oracleInverseTimeDecay(0.1, 10, 0.96, true, i, "float32"));
    }
    expect(s(9)).toBe(Math.fround(0.1));
    expect(s(10)).toBe(Math.fround(Math.fround(0.1) / Math.fround(1.96)));
  });
});

const scheduleArb = fc.record({
  initialLearningRate: fc.oneof(fc.double({ min: -10, max: 10, noNaN: true }), fc.constantFrom(0.1, 1, 3e38, 1e-30, -0)),
  decaySteps: fc.oneof(fc.integer({ min: 1, max: 1_000_000 }), fc.double({ min: 1e-3, max: 1e7, noNaN: true }), fc.constantFrom(1, 3, 7, 1e-30)),
  decayRate: fc.oneof(fc.double({ min: 0, max: 10, noNaN: true }), fc.constantFrom(0, -0, 0.5, 0.96, 1, 1e-30, 1e30)),
  staircase: fc.boolean(),
});
const stepArb = fc.oneof(
  fc.integer({ min: 0, max: 1_000_000 }),
  fc.integer({ min: -100_000, max: 0 }), // negative steps: the denominator may reach 0 and cross it
  fc.double({ min: -1e4, max: 1e7, noNaN: true }), // fractional steps
  fc.integer({ min: 2 ** 24, max: 2 ** 53 }), // above 2^24: float32 rounds the step first
  fc.constantFrom(0, -0, 16777217, 1e12, 1e300, -1e300),
);

describe("the numerics contract", () => {
  for (const dtype of ["float32", "float64"] as const) {
    test(`every step equals the arbitrary-precision oracle (${dtype})`, () => {
      fc.assert(
        fc.property(scheduleArb, fc.array(stepArb, { minLength: 1, maxLength: 8 }), ({ initialLearningRate: a, decaySteps: d, decayRate: r, staircase }, steps) => {
          if (dtype === "float32" && Math.fround(d) === 0) return;
          const s = new InverseTimeDecay({ initialLearningRate: a, decaySteps: d, decayRate: r, staircase, dtype });
          const batch = s.evaluate(steps);
          steps.forEach((step, i) => {
            const expected = oracleInverseTimeDecay(a, d, r, staircase, step, dtype);
            expect(s(step)).toBe(expected);
            expect(batch[i]).toBe(expected);
          });
        }),
        { numRuns: 300 },
      );
    });
  }

  test.each<[string, number, number, number, boolean, number, DType, number]>([
    ["a step above 2^24 is rounded before dividing", 1, 1, 1, false, 16777217, "float32", 2 ** -24], // f32(1 + 2^24) = 2^24 too,
    ["float64 keeps that step", 1, 1, 1, false, 16777217, "float64", 1 / 16777218],
    ["the denominator reaches 0 at step -d / r: Infinity", 0.1, 10, 0.5, false, -20, "float32", Infinity],
    ["and crosses it: negative rates", 0.1, 10, 0.5, false, -30, "float32", Math.fround(Math.fround(0.1) / -0.5)],
    ["a negative learning rate over 0 is -Infinity", -0.1, 10, 0.5, false, -20, "float64", -Infinity],
    ["rate 0 keeps the initial rate", 0.1, 10, 0, false, 12345, "float32", Math.fround(0.1)],
    ["a -0 learning rate stays -0", -0, 10, 0.5, false, 12345, "float32", -0],
    ["a fractional step", 1, 4, 1, false, 2.5, "float64", 1 / (1 + 2.5 / 4)],
    ["a negative fractional staircase step floors down", 1, 4, 1, true, -0.5, "float32", Infinity],
  ])("%s", (_, a, d, r, staircase, step, dtype, expected) => {
    const s = new InverseTimeDecay({ initialLearningRate: a, decaySteps: d, decayRate: r, staircase, dtype });
    expect(s(step)).toBe(expected);
    expect(s(step)).toBe(oracleInverseTimeDecay(a, d, r, staircase, step, dtype));
    for (const backend of BACKENDS) expect(s.evaluate([step, step, step, step, step], { backend })[4]).toBe(expected);
  });
});

describe("every backend gives the same bits", () => {
  // A chunk of 13 elements: odd, so SIMD groups straddle chunk ends, and cheap to cross often.
  beforeAll(() => setChunkLengthForTesting(13));
  afterAll(() => setChunkLengthForTesting(1 << 16));
  const withDtype = scheduleArb.chain((o) => fc.constantFrom<DType>("float32", "float64").map((dtype) => ({ ...o, dtype })));

  test("on arrays of steps", () => {
    fc.assert(
      fc.property(withDtype, fc.oneof(fc.float64Array({ noNaN: true, noDefaultInfinity: true, maxLength: 60 }), fc.array(stepArb, { maxLength: 60 })), (o, steps) => {
        if (o.dtype === "float32" && Math.fround(o.decaySteps) === 0) return;
        const s = new InverseTimeDecay(o);
        const [first, ...rest] = BACKENDS.map((backend) => s.evaluate(steps, { backend }));
        for (const other of rest) expectSameBits(first!, other);
        steps.forEach((step, i) => expect(Object.is(s(step), first![i])).toBe(true));
      }),
      { numRuns: 200 },
    );
  });

  test("on ranges, staircase or not, within 2^24 and beyond", () => {
    fc.assert(
      fc.property(
        withDtype,
        fc.oneof(fc.integer({ min: -10_000, max: 10_000 }), fc.integer({ min: 2 ** 24 - 60, max: 2 ** 24 + 10 }), fc.integer({ min: -(2 ** 40), max: 2 ** 40 })),
        fc.integer({ min: 0, max: 70 }),
        (o, start, length) => {
          if (o.dtype === "float32" && Math.fround(o.decaySteps) === 0) return;
          const s = new InverseTimeDecay(o);
          const [first, ...rest] = BACKENDS.map((backend) => s.range(start, start + length, { backend }));
          for (const other of rest) expectSameBits(first!, other);
          expectSameBits(first!, s.evaluate(Array.from({ length }, (_, i) => start + i), { backend: "js" }));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("float32 ranges within 2^24 (the kernel's own loop, range32)", () => {
  test("every length 0..19, every chunk length, starts up to and across 2^24: each value the oracle's on every backend", () => {
    const starts = [0, 5, -3, 2 ** 24 - 19, 2 ** 24 - 8, 2 ** 24 - 7, -(2 ** 24)];
    try {
      for (const [a, d, r] of [[0.1, 3, 0.5], [1, 0.7, 3.3]] as const) {
        const s = new InverseTimeDecay({ initialLearningRate: a, decaySteps: d, decayRate: r });
        const oracle = new Map<number, number>();
        const want = (step: number): number => {
          let v = oracle.get(step);
          if (v === undefined) oracle.set(step, (v = oracleInverseTimeDecay(a, d, r, false, step, "float32")));
          return v;
        };
        for (const chunk of [13, 8, 9, 1 << 16]) {
          setChunkLengthForTesting(chunk);
          for (const start of starts)
            for (let length = 0; length <= 19; length++)
              for (const backend of BACKENDS) {
                const got = s.range(start, start + length, { backend });
                for (let i = 0; i < length; i++) expect(Object.is(got[i], want(start + i)), `${backend}, d ${d}, chunk ${chunk}, step ${start + i}`).toBe(true);
              }
        }
      }
    } finally {
      setChunkLengthForTesting(1 << 16);
    }
  });
});

describe("float32 ranges within 2^24 divide by d as a product with 1 / d (the same bits)", () => {
  // f32(k / d) = f32(fl64(k * fl64(1 / d))) for integers |k| <= 2^24 (RECIPROCAL32 in the kernel).
  // d across float32: the smallest subnormal (quotients overflow to Infinity), values near the
  // overflow threshold of k / d, 3 * 2^j and 7 (exact quotients), huge d (quotients near and below
  // float32's subnormal range), the largest float32.
  const ds = [2 ** -149, 3 * 2 ** -130, 1e-38, 2 ** -104, 1 / 3, 0.1, 0.7, 3, 7, 3 * 2 ** 20, 12_345.678, 2 ** 100 / 3, 1e38, 3.4028234663852886e38];
  const starts = [-(2 ** 24), -7, 0, 1_000_003, 2 ** 24 - 20];

  test("each value the oracle's on every backend, d across float32 (a = 1, r = 1)", () => {
    for (const d of ds) {
      const s = new InverseTimeDecay({ initialLearningRate: 1, decaySteps: d, decayRate: 1 });
      for (const start of starts) {
        const [first, ...rest] = BACKENDS.map((backend) => s.range(start, start + 20, { backend }));
        for (const other of rest) expectSameBits(first!, other);
        for (let i = 0; i < 20; i++) expect(Object.is(first![i], oracleInverseTimeDecay(1, d, 1, false, start + i, "float32")), `d ${d}, step ${start + i}`).toBe(true);
      }
    }
  });

  test("random float32 d and starts: every backend equals the oracle", () => {
    fc.assert(
      fc.property(
        fc.float({ min: Math.fround(2 ** -149), max: Math.fround(3.4e38), noNaN: true }),
        fc.integer({ min: -(2 ** 24), max: 2 ** 24 - 12 }),
        (d, start) => {
          const s = new InverseTimeDecay({ initialLearningRate: 0.1, decaySteps: d, decayRate: 0.5 });
          const [first, ...rest] = BACKENDS.map((backend) => s.range(start, start + 12, { backend }));
          for (const other of rest) expectSameBits(first!, other);
          for (let i = 0; i < 12; i++) expect(Object.is(first![i], oracleInverseTimeDecay(0.1, d, 0.5, false, start + i, "float32")), `d ${d}, step ${start + i}`).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("staircase ranges are filled run by run", () => {
  test.each<[number, number, number, DType]>([
    [1000, 0, 1_000_000, "float32"],
    [64, -5000, 20_000, "float32"],
    [777.25, -100_000, 300_000, "float64"],
    [1000, 2 ** 24 - 150_000, 300_000, "float32"], // past 2^24, float32 rounds the steps: runs shift
    [65, 2 ** 53 - 100_000, 100_000, "float64"],
  ])("decay_steps=%s from %s, %s steps, %s: the fill equals every kernel", (d, start, n, dtype) => {
    const s = new InverseTimeDecay({ initialLearningRate: 0.1, decaySteps: d, decayRate: 0.9, staircase: true, dtype });
    const filled = s.range(start, start + n); // backend "auto": the plan's fill
    for (const backend of ["js", "wasm-simd"] as const) expectSameBits(filled, s.range(start, start + n, { backend }));
    for (let i = 0; i < n; i += 997) expect(Object.is(filled[i], oracleInverseTimeDecay(0.1, d, 0.9, true, start + i, dtype))).toBe(true);
  });
});

describe("the API", () => {
  test("instances are callable schedules with Keras' attributes and defaults", () => {
    const s = new InverseTimeDecay(0.1, 1, 0.5);
    expect(s(2)).toBe(0.05000000074505806);
    expect(s).toBeInstanceOf(InverseTimeDecay);
    expect([s.initialLearningRate, s.decaySteps, s.decayRate, s.staircase, s.name, s.dtype]).toEqual([0.1, 1, 0.5, false, "InverseTimeDecay", "float32"]);
    expect(String(s)).toBe('InverseTimeDecay(initial_learning_rate=0.1, decay_steps=1, decay_rate=0.5, staircase=false, name="InverseTimeDecay")');
  });

  test("positional and options forms, getConfig and fromConfig agree", () => {
    const a = new InverseTimeDecay(0.05, 10, 0.96, true, "my_itd");
    const b = new InverseTimeDecay({ initialLearningRate: 0.05, decaySteps: 10, decayRate: 0.96, staircase: true, name: "my_itd" });
    const config = { initial_learning_rate: 0.05, decay_steps: 10, decay_rate: 0.96, staircase: true, name: "my_itd" };
    expect(a.getConfig()).toEqual(config);
    expect(b.getConfig()).toEqual(config);
    expect(InverseTimeDecay.fromConfig(config).getConfig()).toEqual(config);
    expectSameBits(a.range(0, 100), b.range(0, 100));
    expect(InverseTimeDecay.fromConfig(config, { dtype: "float64" })(15)).toBe(0.05 / (1 + 0.96));
  });

  test("Keras JSON round trip; floats written as Python floats", () => {
    const s = new InverseTimeDecay(1, 10, 2, true, "lr");
    const text = toKerasJSON(s);
    expect(text).toContain('"initial_learning_rate":1.0,');
    expect(text).toContain('"decay_rate":2.0,');
    expect(text).toContain('"decay_steps":10,');
    const back = deserialize(text);
    expect(back).toBeInstanceOf(InverseTimeDecay);
    expect(back.getConfig()).toEqual(s.getConfig());
  });
});

describe("refused input", () => {
  const make = (...args: unknown[]) => () => new (InverseTimeDecay as unknown as new (...a: unknown[]) => unknown)(...args);
  test.each<[string, () => unknown, ErrorConstructor, string]>([
    ["decay_steps = 0 (Keras' message)", make(0.1, 0, 0.96), RangeError, "Argument `decay_steps` must be > 0. Received: decay_steps=0"],
    ["negative decay_steps", make(0.1, -5, 0.96), RangeError, "Argument `decay_steps` must be > 0. Received: decay_steps=-5"],
    ["negative decay_rate", make(0.1, 10, -0.5), RangeError, "Argument `decay_rate` must be >= 0. Received: decay_rate=-0.5"],
    ["infinite decay_rate", make(0.1, 10, Infinity), RangeError, "Argument `decay_rate` must be finite. Received: decay_rate=Infinity"],
    ["NaN learning rate", make(NaN, 10, 0.96), RangeError, "Argument `initial_learning_rate` must be finite. Received: initial_learning_rate=NaN"],
    ["string learning rate", make("0.1", 10, 0.96), TypeError, 'Argument `initial_learning_rate` must be a number. Received: initial_learning_rate="0.1" (string)'],
    ["missing decay_rate", make(0.1, 10), TypeError, "Argument `decay_rate` must be a number. Received: decay_rate=undefined"],
    ["string staircase", make(0.1, 10, 0.9, "yes"), TypeError, 'Argument `staircase` must be a boolean. Received: staircase="yes" (string)'],
    ["too many arguments", make(0.1, 10, 0.9, false, "x", "float64"), TypeError, "InverseTimeDecay takes at most 5 arguments. Received: 6"],
    ["decay_steps that float32 rounds to 0", () => new InverseTimeDecay(0.1, 1e-50, 0.9)(1), RangeError, "Argument `decay_steps` must be > 0 in float32, where it rounds to 0. Received: decay_steps=1e-50"],
    ["a non-finite step names its index", () => new InverseTimeDecay(0.1, 10, 0.9).evaluate(new Float64Array(50).fill(NaN, 41), { backend: "wasm-simd" }), RangeError, "Received: steps[41]=NaN"],
  ])("%s", (_, run, type, message) => {
    expect(run).toThrow(type);
    expect(run).toThrow(message);
  });
});
