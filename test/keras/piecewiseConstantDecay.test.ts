import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { PiecewiseConstantDecay, deserialize, toKerasJSON, type Backend, type DType } from "../../src/index.js";
import { setChunkLengthForTesting } from "../../src/core/wasm.js";
import { oraclePiecewiseConstantDecay } from "./oracles.js";

const BACKENDS: Backend[] = ["auto", "js", "wasm-scalar", "wasm-simd"];

function expectSameBits(a: ArrayLike<number>, b: ArrayLike<number>): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) expect([i, b[i]]).toEqual([i, a[i]]);
}

function expectClose(x: number, expected: number): void {
  expect(Math.abs(x - expected)).toBeLessThanOrEqual(1e-6 + 1e-6 * Math.abs(expected));
}

describe("Keras' published test values", () => {
  // keras/src/optimizers/schedules/learning_rate_schedule_test.py, PiecewiseConstantDecayTest.
  test("test_piecewise_values: [100, 110, 120], [1.0, 0.1, 0.01, 0.001]", () => {
    const s = new PiecewiseConstantDecay([100, 110, 120], [1.0, 0.1, 0.01, 0.001]);
    for (const [step, expected] of [[-999, 1.0], [100, 1.0], [105, 0.1], [110, 0.1], [120, 0.01], [999, 0.001]] as const) {
      expectClose(s(step), expected);
      expect(s(step)).toBe(oraclePiecewiseConstantDecay([100, 110, 120], [1.0, 0.1, 0.01, 0.001], step, "float32"));
      expect(s(step)).toBe(Math.fround(expected));
    }
  });

  test("test_boundary_values: [1, 2, 3], [0.4, 0.5, 0.6, 0.7] at steps 0..4", () => {
    const s = new PiecewiseConstantDecay([1, 2, 3], [0.4, 0.5, 0.6, 0.7]);
    [0.4, 0.4, 0.5, 0.6, 0.7].forEach((expected, step) => {
      expectClose(s(step), expected);
      expect(s(step)).toBe(Math.fround(expected));
    });
  });

  test("test_config: boundaries [10, 20], values [1, 2, 3], name my_pcd", () => {
    const s = new PiecewiseConstantDecay({ boundaries: [10, 20], values: [1, 2, 3], name: "my_pcd" });
    expect(s.getConfig()).toEqual({ boundaries: [10, 20], values: [1, 2, 3], name: "my_pcd" });
    expect(PiecewiseConstantDecay.fromConfig(s.getConfig()).getConfig()).toEqual(s.getConfig());
  });
});

describe("the numerics contract", () => {
  test("at, just before and just after each boundary, on every backend, both dtypes", () => {
    const boundaries = [-7.5, 0, 100, 100, 2 ** 24 + 1, 2 ** 40 + 0.5];
    const values = [0.1, -0, 0.3, 77, 0.5, -1e-45, 1e30];
    const steps = boundaries.flatMap((b) => [b - 1, b - 0.5, b - 2 ** -20, b, b + 2 ** -20, b + 0.5, b + 1]);
    for (const dtype of ["float32", "float64"] as const) {
      const s = new PiecewiseConstantDecay({ boundaries, values, dtype });
      const expected = steps.map((step) => oraclePiecewiseConstantDecay(boundaries, values, step, dtype));
      expectSameBits(steps.map((step) => s(step)), expected);
      for (const backend of BACKENDS) expectSameBits(s.evaluate(steps, { backend }), expected);
    }
  });

  test("the step is compared exactly: 2^24 + 1 is after a boundary at 2^24, even in float32", () => {
    const s = new PiecewiseConstantDecay([2 ** 24], [1, 2]);
    expect(s(2 ** 24)).toBe(1);
    expect(s(2 ** 24 + 1)).toBe(2);
    for (const backend of BACKENDS) expect([...s.range(2 ** 24 - 1, 2 ** 24 + 3, { backend })]).toEqual([1, 1, 2, 2]);
  });

  test("values are rounded to the dtype and added to 0: -0 gives +0, float32 rounds", () => {
    const s = new PiecewiseConstantDecay([0], [-0, 0.1]);
    expect(Object.is(s(0), 0)).toBe(true);
    expect(s(1)).toBe(Math.fround(0.1));
    expect(s.evaluate([1], { dtype: "float64" })[0]).toBe(0.1);
    for (const backend of BACKENDS) expect(Object.is(s.range(-2, 0, { backend })[0], 0)).toBe(true);
  });

  test("equal boundaries: the value between them never applies", () => {
    const s = new PiecewiseConstantDecay([5, 5, 5], [1, 2, 3, 4]);
    for (const backend of BACKENDS) expect([...s.range(3, 8, { backend })]).toEqual([1, 1, 1, 4, 4]);
  });

  const scheduleArb = fc
    .tuple(
      fc.array(fc.oneof(fc.integer({ min: -50, max: 200 }), fc.double({ min: -50, max: 200, noNaN: true }), fc.integer({ min: 2 ** 24 - 5, max: 2 ** 24 + 5 })), { minLength: 1, maxLength: 12 }),
      fc.array(fc.oneof(fc.double({ min: -10, max: 10, noNaN: true }), fc.constantFrom(-0, 1e-50, 3e38)), { minLength: 13, maxLength: 13 }),
      fc.constantFrom<DType>("float32", "float64"),
    )
    .map(([b, v, dtype]) => ({ boundaries: b.sort((x, y) => x - y), values: v.slice(0, b.length + 1), dtype }));

  test("arbitrary schedules: every backend equals the oracle on arrays and ranges", () => {
    setChunkLengthForTesting(13);
    try {
      fc.assert(
        fc.property(
          scheduleArb,
          fc.array(fc.oneof(fc.integer({ min: -60, max: 210 }), fc.double({ min: -60, max: 210, noNaN: true }), fc.integer({ min: 2 ** 24 - 8, max: 2 ** 24 + 8 })), { maxLength: 40 }),
          fc.oneof(fc.integer({ min: -60, max: 210 }), fc.integer({ min: 2 ** 24 - 40, max: 2 ** 24 + 8 })),
          fc.integer({ min: 0, max: 80 }),
          (o, steps, start, length) => {
            const s = new PiecewiseConstantDecay(o);
            const expected = steps.map((step) => oraclePiecewiseConstantDecay(o.boundaries, o.values, step, o.dtype));
            for (const backend of BACKENDS) expectSameBits(s.evaluate(steps, { backend }), expected);
            const range = Array.from({ length }, (_, i) => oraclePiecewiseConstantDecay(o.boundaries, o.values, start + i, o.dtype));
            for (const backend of BACKENDS) expectSameBits(s.range(start, start + length, { backend }), range);
          },
        ),
        { numRuns: 300 },
      );
    } finally {
      setChunkLengthForTesting(1 << 16);
    }
  });
});

describe("ranges are runs of one value", () => {
  beforeAll(() => setChunkLengthForTesting(1 << 16));
  afterAll(() => setChunkLengthForTesting(1 << 16));

  test.each<[string, number[], number, number, DType]>([
    ["a few boundaries over a million steps", [100_000, 110_000], 0, 1_000_000, "float32"],
    ["a thousand boundaries, some fractional and repeated", Array.from({ length: 1000 }, (_, i) => Math.floor(i / 2) * 977.5 - 3000), -5000, 600_000, "float64"],
    ["around 2^53", [2 ** 53 - 70_000, 2 ** 53 - 5], 2 ** 53 - 100_000, 100_000, "float64"],
  ])("%s: the fill equals every kernel", (_, boundaries, start, n, dtype) => {
    const values = Array.from({ length: boundaries.length + 1 }, (_, i) => 1 / (i + 1));
    const s = new PiecewiseConstantDecay({ boundaries, values, dtype });
    const filled = s.range(start, start + n);
    for (const backend of ["js", "wasm-scalar", "wasm-simd"] as const) expectSameBits(filled, s.range(start, start + n, { backend }));
    for (let i = 0; i < n; i += 1009) expect(filled[i]).toBe(oraclePiecewiseConstantDecay(boundaries, values, start + i, dtype));
  });
});

describe("the API", () => {
  test("Keras' positional signature, the default name, toString", () => {
    const s = new PiecewiseConstantDecay([100000, 110000], [1.0, 0.5, 0.1]);
    expect(s(100000)).toBe(1);
    expect(s(100001)).toBe(0.5);
    expect(s.name).toBe("PiecewiseConstant");
    expect(String(s)).toBe('PiecewiseConstantDecay(boundaries=[100000, 110000], values=[1, 0.5, 0.1], name="PiecewiseConstant")');
  });

  test("the lists are frozen copies", () => {
    const b = [10, 20];
    const s = new PiecewiseConstantDecay(b, new Float64Array([1, 2, 3]));
    b[0] = 1000;
    expect(s.boundaries).toEqual([10, 20]);
    expect(Object.isFrozen(s.values)).toBe(true);
    expect(s(15)).toBe(2);
  });

  test("toKerasJSON writes values as Python floats and boundaries as given", () => {
    const s = new PiecewiseConstantDecay([10, 20], [1, 2, 0.5], "lr");
    const text = toKerasJSON(s);
    expect(text).toContain('"boundaries":[10,20]');
    expect(text).toContain('"values":[1.0,2.0,0.5]');
    const back = deserialize(text);
    expect(back).toBeInstanceOf(PiecewiseConstantDecay);
    expect(back.getConfig()).toEqual(s.getConfig());
  });
});

describe("refused input", () => {
  const make = (...args: unknown[]) => () => new (PiecewiseConstantDecay as unknown as new (...a: unknown[]) => unknown)(...args);
  test.each<[string, () => unknown, ErrorConstructor, string]>([
    ["values not one longer (Keras' message)", make([100, 110], [1.0, 0.5]), RangeError, "The length of boundaries should be 1 less than the length of values. Received: boundaries=[100, 110] of length 2, and values=[1, 0.5] of length 2."],
    ["values too long", make([1], [1, 2, 3]), RangeError, "of length 1, and values=[1, 2, 3] of length 3."],
    ["decreasing boundaries", make([10, 5], [1, 2, 3]), RangeError, "Argument `boundaries` must be non-decreasing (Keras would add two values together between them). Received: boundaries[0]=10, boundaries[1]=5"],
    ["no boundaries", make([], [1]), RangeError, "Argument `boundaries` must hold at least one boundary"],
    ["a NaN boundary", make([1, NaN], [1, 2, 3]), RangeError, "Argument `boundaries[1]` must be finite. Received: boundaries[1]=NaN"],
    ["an infinite value", make([1], [1, Infinity]), RangeError, "Argument `values[1]` must be finite. Received: values[1]=Infinity"],
    ["a string value", make([1], [1, "2"]), TypeError, 'Argument `values[1]` must be a number. Received: values[1]="2" (string)'],
    ["boundaries not a list", make(5, [1, 2]), TypeError, "Argument `boundaries` must be an array of numbers. Received: boundaries=5"],
    ["missing values", make([1]), TypeError, "Argument `values` must be an array of numbers. Received: values=undefined"],
    ["a value that float32 rounds to Infinity", () => new PiecewiseConstantDecay([1], [1, 1e300])(0), RangeError, "Argument `values` must be finite in float32, where values[1]=1e+300 rounds to Infinity."],
    ["a non-finite step names its index", () => new PiecewiseConstantDecay([1], [1, 2]).evaluate([1, 2, -Infinity], { backend: "wasm" }), RangeError, "Received: steps[2]=-Infinity"],
  ])("%s", (_, run, type, message) => {
    expect(run).toThrow(type);
    expect(run).toThrow(message);
  });

  test("a float64 schedule takes values beyond float32's range", () => {
    expect(new PiecewiseConstantDecay({ boundaries: [1], values: [1, 1e300], dtype: "float64" })(2)).toBe(1e300);
  });
});
