import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { PolynomialDecay, deserialize, toKerasJSON, type Backend, type DType } from "../../src/index.js";
import { setChunkLengthForTesting } from "../../src/core/wasm.js";
import { oraclePolynomialDecay } from "./oracles.js";

const BACKENDS: Backend[] = ["auto", "js", "wasm-scalar", "wasm-simd"];

function expectSameBits(a: ArrayLike<number>, b: ArrayLike<number>): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) expect([i, b[i]]).toEqual([i, a[i]]);
}

function expectClose(x: number, expected: number): void {
  expect(Math.abs(x - expected)).toBeLessThanOrEqual(1e-6 + 1e-6 * Math.abs(expected));
}

describe("Keras' published test values", () => {
  // keras/src/optimizers/schedules/learning_rate_schedule_test.py, LinearDecayTest and SqrtDecayTest.
  test.each<[string, number, number, number, boolean, number, number]>([
    ["linear halfway", 0.05, 0.0, 1.0, false, 5, 0.05 * 0.5],
    ["linear end", 0.05, 0.001, 1.0, false, 10, 0.001],
    ["linear halfway with end", 0.05, 0.001, 1.0, false, 5, (0.05 + 0.001) * 0.5],
    ["linear beyond end", 0.05, 0.001, 1.0, false, 15, 0.001],
    ["linear beyond end with cycle", 0.05, 0.001, 1.0, true, 15, (0.05 - 0.001) * 0.25 + 0.001],
    ["sqrt halfway", 0.05, 0.0, 0.5, false, 5, 0.05 * 0.5 ** 0.5],
    ["sqrt end", 0.05, 0.001, 0.5, false, 10, 0.001],
    ["sqrt halfway with end", 0.05, 0.001, 0.5, false, 5, (0.05 - 0.001) * 0.5 ** 0.5 + 0.001],
    ["sqrt beyond end", 0.05, 0.001, 0.5, false, 15, 0.001],
    ["sqrt beyond end with cycle", 0.05, 0.001, 0.5, true, 15, (0.05 - 0.001) * 0.25 ** 0.5 + 0.001],
  ])("%s", (_, a, e, power, cycle, step, expected) => {
    const s = new PolynomialDecay(a, 10, e, power, cycle);
    expectClose(s(step), expected);
    expect(s(step)).toBe(oraclePolynomialDecay(a, 10, e, power, cycle, step, "float32"));
  });

  test("begin with cycle: (0.001, 10, cycle) at step 0", () => {
    const s = new PolynomialDecay({ initialLearningRate: 0.001, decaySteps: 10, cycle: true });
    expectClose(s(0), 0.001);
    expect(s(0)).toBe(oraclePolynomialDecay(0.001, 10, 0.0001, 1, true, 0, "float32"));
  });
});

const scheduleArb = fc.record({
  initialLearningRate: fc.oneof(fc.double({ min: -2, max: 2, noNaN: true }), fc.constantFrom(0.1, 0.05, 1, 0, -0)),
  decaySteps: fc.oneof(fc.integer({ min: 1, max: 100_000 }), fc.double({ min: 1e-2, max: 1e6, noNaN: true }), fc.constantFrom(1, 10, 4096)),
  endLearningRate: fc.oneof(fc.double({ min: -1, max: 1, noNaN: true }), fc.constantFrom(0.0001, 0, 0.01)),
  power: fc.oneof(fc.constantFrom(0, 0.5, 1, 2, 3, 4, 1.5, 0.25, 7.3), fc.double({ min: 0, max: 10, noNaN: true })),
  cycle: fc.boolean(),
});
const stepArb = fc.oneof(
  fc.integer({ min: 0, max: 300_000 }),
  fc.integer({ min: -100_000, max: 0 }), // negative steps; with cycle, -d < s < 0 gives b = -Infinity
  fc.double({ min: -1e4, max: 1e6, noNaN: true }), // fractional steps
  fc.integer({ min: 2 ** 24, max: 2 ** 53 }), // above 2^24: float32 rounds the step first
  fc.constantFrom(0, -0, 16777217, 1e12, -1e300),
);

describe("the numerics contract", () => {
  for (const dtype of ["float32", "float64"] as const) {
    test(`every step equals the arbitrary-precision oracle (${dtype})`, () => {
      fc.assert(
        fc.property(scheduleArb, fc.array(stepArb, { minLength: 1, maxLength: 6 }), (o, steps) => {
          if (dtype === "float32" && Math.fround(o.decaySteps) === 0) return;
          const s = new PolynomialDecay({ ...o, dtype });
          const batch = s.evaluate(steps);
          steps.forEach((step, i) => {
            const expected = oraclePolynomialDecay(o.initialLearningRate, o.decaySteps, o.endLearningRate, o.power, o.cycle, step, dtype);
            expect(s(step)).toBe(expected);
            expect(batch[i]).toBe(expected);
          });
        }),
        { numRuns: 200 },
      );
    });
  }

  test.each<[string, number, number, number, number, boolean, number, DType, number | null]>([
    ["step 0 is (a - e) + e, not a", 0.05, 10, 0.01, 1, false, 0, "float32", 0.04999999701976776],
    ["step 0 with cycle, likewise", 0.05, 10, 0.01, 2, true, 0, "float32", 0.04999999701976776],
    ["an exact multiple with cycle is e", 0.05, 10, 0.01, 1, true, 30, "float32", Math.fround(0.01)],
    ["an exact multiple with cycle, power 0.5", 0.05, 7, 0.01, 0.5, true, 700, "float64", 0.01],
    ["power 0 is a constant a - e + e", 0.05, 10, 0.01, 0, false, 3, "float32", 0.04999999701976776],
    ["power 2, a float32 midpoint rounds to even: (1 + 2^-12)^2", 1, 4096, 0, 2, false, -1, "float32", 1 + 2 ** -11],
    ["power 4, a float32 midpoint on the pow path: (1 + 2^-6)^4", 1, 64, 0, 4, false, -1, "float32", null],
    ["power 0.5 of an exact square: 0.25^0.5", 1, 4, 0, 0.5, false, 3, "float32", 0.5],
    ["a fractional power", 0.1, 1000, 0.0001, 1.7, false, 250, "float64", null],
    ["a fractional step", 0.1, 1000, 0.0001, 3, false, 250.75, "float32", null],
    ["a negative step grows the rate", 0.1, 1000, 0.0001, 2, false, -1000, "float32", null],
    ["cycle, a step in (-d, 0): D = -0, b = -Infinity, pow(-Inf, 0.5) = +Infinity", 0.1, 1000, 0.0001, 0.5, true, -3, "float32", Infinity],
    ["the same with power 3 (odd): -Infinity", 0.1, 1000, 0.0001, 3, true, -3, "float64", -Infinity],
    ["the same with power 2: +Infinity", 0.1, 1000, 0.0001, 2, true, -3, "float32", Infinity],
    ["a step above 2^24 in float32 is rounded first", 1, 2 ** 24 + 2, 0, 1, false, 2 ** 24 + 1, "float32", null],
    ["a huge power underflows to e", 0.1, 10, 0.0001, 1000, false, 5, "float32", Math.fround(0.0001)],
    // b = 1 - s / d = 66049 = 257^2: b^1.5 = 257^3 = 16974593, a float32 midpoint (25 bits, odd).
    ["a float32 midpoint on the general pow path: 66049^1.5 ties to even", 1, 1, 0, 1.5, false, -66048, "float32", 16974592],
    // b = 262143^2: b^1.5 = 262143^3 = 2^54 - 3 2^36 + 3 2^18 - 1, a float64 midpoint (54 bits, odd).
    ["a float64 midpoint on the general pow path: (262143^2)^1.5 ties to even", 1, 1, 0, 1.5, false, -68718952448, "float64", 18014192351838208],
    ["a general power below 1 near the end: b = 2^-20", 0.1, 2 ** 20, 0.0001, 0.9, false, 2 ** 20 - 1, "float32", null],
    ["a large general power: 7.3", 0.1, 1000, 0.0001, 7.3, false, 333, "float64", null],
  ])("%s", (_, a, d, e, power, cycle, step, dtype, expected) => {
    const s = new PolynomialDecay({ initialLearningRate: a, decaySteps: d, endLearningRate: e, power, cycle, dtype });
    const oracle = oraclePolynomialDecay(a, d, e, power, cycle, step, dtype);
    if (expected !== null) expect(oracle).toBe(expected);
    expect(s(step)).toBe(oracle);
    // Five: a SIMD group (four float32 or two float64 lanes) and a step the scalar loop takes.
    for (const backend of BACKENDS) s.evaluate([step, step, step, step, step], { backend }).forEach((v) => expect(Object.is(v, oracle), backend).toBe(true));
  });

  test("the float32 midpoint (1 + 2^-6)^4 = 1 + 2^-4 + 3 2^-11 + 2^-16 + 2^-24 ties to even", () => {
    const s = new PolynomialDecay({ initialLearningRate: 1, decaySteps: 64, endLearningRate: 0, power: 4 });
    expect(s(-1)).toBe(1 + 2 ** -4 + 3 * 2 ** -11 + 2 ** -16); // the even neighbour: last bit 2^-16's multiple
  });
});

describe("every backend gives the same bits", () => {
  beforeAll(() => setChunkLengthForTesting(13));
  afterAll(() => setChunkLengthForTesting(1 << 16));
  const withDtype = scheduleArb.chain((o) => fc.constantFrom<DType>("float32", "float64").map((dtype) => ({ ...o, dtype })));

  test("on arrays of steps", () => {
    fc.assert(
      fc.property(withDtype, fc.oneof(fc.float64Array({ noNaN: true, noDefaultInfinity: true, maxLength: 40 }), fc.array(stepArb, { maxLength: 40 })), (o, steps) => {
        if (o.dtype === "float32" && Math.fround(o.decaySteps) === 0) return;
        const s = new PolynomialDecay(o);
        const [first, ...rest] = BACKENDS.map((backend) => s.evaluate(steps, { backend }));
        for (const other of rest) expectSameBits(first!, other);
        steps.forEach((step, i) => expect(Object.is(s(step), first![i])).toBe(true));
      }),
      { numRuns: 200 },
    );
  });

  test("on ranges that cross decay_steps (the constant tail), 2^24, and with cycle", () => {
    fc.assert(
      fc.property(
        withDtype,
        fc.oneof(fc.integer({ min: -200, max: 200 }), fc.integer({ min: 2 ** 24 - 60, max: 2 ** 24 + 10 }), fc.integer({ min: -(2 ** 40), max: 2 ** 40 })),
        fc.integer({ min: 0, max: 70 }),
        (o, start, length) => {
          if (o.dtype === "float32" && Math.fround(o.decaySteps) === 0) return;
          const s = new PolynomialDecay({ ...o, decaySteps: o.decaySteps % 100 || 1 }); // small, so ranges cross it
          const [first, ...rest] = BACKENDS.map((backend) => s.range(start, start + length, { backend }));
          for (const other of rest) expectSameBits(first!, other);
          expectSameBits(first!, s.evaluate(Array.from({ length }, (_, i) => start + i), { backend: "js" }));
        },
      ),
      { numRuns: 300 },
    );
  });

  test("general powers: a SIMD group whose lanes the fast path leaves (midpoints, b = 0, b = -Infinity) between decided ones, every backend, every chunk length", () => {
    // 66049^1.5 is a float32 midpoint; with cycle, steps at multiples of d give b = 0 and steps in
    // (-d, 0) give b = -Infinity (D = -0).
    const steps = [5, -66048, 7, 11, 13, 2, -66048, 1, 100, 3, -0.5, 99, 0, 4, 6, 8, -66048, -66048, -66048, 12];
    for (const chunk of [13, 4, 1 << 16]) {
      setChunkLengthForTesting(chunk);
      // decay_steps 1 with power 1.5 puts the midpoint at -66048 (b = 66049); 100 with cycle gives b = 0 at 0 and 100.
      for (const [power, cycle, d] of [[1.5, false, 1], [1.7, true, 100], [0.9, true, 100], [7.3, false, 100]] as const)
        for (const dtype of ["float32", "float64"] as const) {
          const s = new PolynomialDecay({ initialLearningRate: 1, decaySteps: d, endLearningRate: 0, power, cycle, dtype });
          const [first, ...rest] = BACKENDS.map((backend) => s.evaluate(steps, { backend }));
          for (const other of rest) expectSameBits(first!, other);
          steps.forEach((step, i) => expect(Object.is(first![i], oraclePolynomialDecay(1, d, 0, power, cycle, step, dtype)), `step ${step}, power ${power}, ${dtype}`).toBe(true));
        }
    }
    setChunkLengthForTesting(13);
  });

  test("power 2, float64 ranges (the kernel's own loop, four steps an iteration): every length 0..13, every chunk length, starts across decay_steps and near -2^53, each value the oracle's", () => {
    const d = 1000.25; // not an integer: the constant tail starts at ceil(d) = 1001, inside some ranges
    const s = new PolynomialDecay({ initialLearningRate: 0.1, decaySteps: d, endLearningRate: 0.0001, power: 2, dtype: "float64" });
    const starts = [0, 1, 3, 990, 997, 1001, -7, -(2 ** 53) + 20, 2 ** 40 + 1];
    const oracle = new Map<number, number>();
    const want = (step: number): number => {
      let v = oracle.get(step);
      if (v === undefined) oracle.set(step, (v = oraclePolynomialDecay(0.1, d, 0.0001, 2, false, step, "float64")));
      return v;
    };
    try {
      for (const chunk of [13, 4, 5, 1 << 16])
        for (const start of starts)
          for (let length = 0; length <= 13; length++) {
            setChunkLengthForTesting(chunk);
            for (const backend of BACKENDS) {
              const got = s.range(start, start + length, { backend });
              for (let i = 0; i < length; i++)
                expect(Object.is(got[i], want(start + i)), `${backend}, chunk ${chunk}, step ${start + i}`).toBe(true);
            }
          }
    } finally {
      setChunkLengthForTesting(13);
    }
  });

  test("float32 ranges within 2^24, powers 0, 0.5, 1, 2 (min(s, d) / d as a product with 1 / d): d across float32, lengths 0..9, starts across the constant tail, each value the oracle's on every backend", () => {
    const ds = [2 ** -149, 1e-30, 1 / 3, 0.7, 3, 7, 1000.25, 3 * 2 ** 20, 2 ** 24 - 1, 1e30];
    try {
      for (const chunk of [13, 5]) {
        setChunkLengthForTesting(chunk);
        for (const power of [0, 0.5, 1, 2])
          for (const d of ds) {
            const s = new PolynomialDecay({ initialLearningRate: 0.1, decaySteps: d, endLearningRate: 0.0001, power });
            const oracle = new Map<number, number>();
            const want = (step: number): number => {
              let v = oracle.get(step);
              if (v === undefined) oracle.set(step, (v = oraclePolynomialDecay(0.1, d, 0.0001, power, false, step, "float32")));
              return v;
            };
            const tail = Math.min(Math.ceil(Math.fround(d)), 2 ** 24); // where the constant tail starts, if within 2^24
            for (const start of [-(2 ** 24), -5, 0, tail - 6, 2 ** 24 - 9])
              for (let length = 0; length <= 9; length++)
                for (const backend of BACKENDS) {
                  const got = s.range(start, start + length, { backend });
                  for (let i = 0; i < length; i++)
                    expect(Object.is(got[i], want(start + i)), `${backend}, power ${power}, d ${d}, step ${start + i}`).toBe(true);
                }
          }
      }
    } finally {
      setChunkLengthForTesting(13);
    }
  });

  test.each([0, 0.5, 1, 2, 2.5, 1.7, 0.9, 7.3])("power %s over 2^17 + 3 steps at full chunk size, with and without cycle, equals the oracle where sampled", (power) => {
    setChunkLengthForTesting(1 << 16);
    try {
      for (const cycle of [false, true])
        for (const dtype of ["float32", "float64"] as const) {
          const s = new PolynomialDecay({ initialLearningRate: 0.1, decaySteps: 99_999.5, endLearningRate: 0.001, power, cycle, dtype });
          const n = 2 * 65536 + 3;
          const [first, ...rest] = BACKENDS.map((backend) => s.range(-1000, n - 1000, { backend }));
          for (const other of rest) expectSameBits(first!, other);
          for (let i = 0; i < n; i += 4999) expect(first![i]).toBe(oraclePolynomialDecay(0.1, 99_999.5, 0.001, power, cycle, i - 1000, dtype));
        }
    } finally {
      setChunkLengthForTesting(13);
    }
  });
});

describe("the API", () => {
  test("Keras' defaults, attributes and toString", () => {
    const s = new PolynomialDecay(0.1, 10000);
    expect([s.endLearningRate, s.power, s.cycle, s.name]).toEqual([0.0001, 1.0, false, "PolynomialDecay"]);
    expect(String(s)).toBe('PolynomialDecay(initial_learning_rate=0.1, decay_steps=10000, end_learning_rate=0.0001, power=1, cycle=false, name="PolynomialDecay")');
    expect(new PolynomialDecay(0.1, 10000, 0.01, 0.5)(2500)).toBe(0.08794228732585907);
  });

  test("Keras' test_config: positional and options forms, getConfig and fromConfig agree", () => {
    const config = { initial_learning_rate: 0.1, decay_steps: 100, end_learning_rate: 0.005, power: 1.0, cycle: false, name: "my_ld" };
    const a = new PolynomialDecay(0.1, 100, 0.005, 1.0, false, "my_ld");
    const b = new PolynomialDecay({ initialLearningRate: 0.1, decaySteps: 100, endLearningRate: 0.005, power: 1.0, cycle: false, name: "my_ld" });
    expect(a.getConfig()).toEqual(config);
    expect(b.getConfig()).toEqual(config);
    expect(PolynomialDecay.fromConfig(config).getConfig()).toEqual(config);
    expectSameBits(a.range(0, 200), b.range(0, 200));
  });

  test("Keras JSON: floats written as Python floats", () => {
    const s = new PolynomialDecay(1, 100, 0, 2, true);
    const text = toKerasJSON(s);
    expect(text).toContain('"initial_learning_rate":1.0,"decay_steps":100,"end_learning_rate":0.0,"power":2.0,"cycle":true');
    expect(deserialize(text).getConfig()).toEqual(s.getConfig());
  });
});

describe("refused input", () => {
  const make = (...args: unknown[]) => () => new (PolynomialDecay as unknown as new (...a: unknown[]) => unknown)(...args);
  test.each<[string, () => unknown, ErrorConstructor, string]>([
    ["decay_steps = 0 (Keras' message)", make(0.1, 0), RangeError, "Argument `decay_steps` must be > 0. Received: decay_steps=0"],
    ["negative decay_steps", make(0.1, -1), RangeError, "Argument `decay_steps` must be > 0. Received: decay_steps=-1"],
    ["a negative power", make(0.1, 10, 0.0001, -1), RangeError, "Argument `power` must be >= 0. Received: power=-1"],
    ["an infinite end rate", make(0.1, 10, Infinity), RangeError, "Argument `end_learning_rate` must be finite. Received: end_learning_rate=Infinity"],
    ["a string power", make(0.1, 10, 0.0001, "2"), TypeError, 'Argument `power` must be a number. Received: power="2" (string)'],
    ["a numeric cycle", make(0.1, 10, 0.0001, 1, 1), TypeError, "Argument `cycle` must be a boolean. Received: cycle=1"],
    ["too many arguments", make(0.1, 10, 0.0001, 1, false, "x", 1), TypeError, "PolynomialDecay takes at most 6 arguments. Received: 7"],
    ["decay_steps that float32 rounds to 0", () => new PolynomialDecay(0.1, 1e-50)(1), RangeError, "Argument `decay_steps` must be > 0 in float32, where it rounds to 0. Received: decay_steps=1e-50"],
    ["a non-finite step names its index", () => new PolynomialDecay(0.1, 10, 0.001, 2).evaluate(new Float64Array(30).fill(Infinity, 29), { backend: "wasm-simd" }), RangeError, "Received: steps[29]=Infinity"],
  ])("%s", (_, run, type, message) => {
    expect(run).toThrow(type);
    expect(run).toThrow(message);
  });
});
