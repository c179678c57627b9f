/**
 * Property tests of every optax schedule: generated arguments and counts, each value equal to the
 * decimal.js oracle of its pipeline (test/optax/oracle.ts), in float32 and float64; every backend
 * (Wasm SIMD, Wasm scalar, the JS twin, "auto") giving the same bits on ranges and arrays across
 * chunk boundaries; long ranges through the kernels' runs.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { setChunkLengthForTesting } from "../../src/core/wasm.js";
import * as optax from "../../src/optax/index.js";
import type { DType, OptaxSchedule } from "../../src/optax/index.js";
import * as oracle from "./oracle.js";

const BACKENDS = ["auto", "js", "wasm-scalar", "wasm-simd"] as const;
const DTYPES: DType[] = ["float32", "float64"];
const INT32_MAX = 2 ** 31 - 1;

function expectSameBits(a: ArrayLike<number>, b: ArrayLike<number>, what: string): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) expect([what, i, b[i]]).toEqual([what, i, a[i]]);
}

/** A schedule case: how to make it in a dtype, and its oracle. */
interface Case {
  readonly label: string;
  readonly make: (dtype: DType) => OptaxSchedule<DType>;
  readonly oracle: (dtype: DType) => oracle.Count;
}

const value = fc.oneof(fc.double({ min: -2, max: 2, noNaN: true }), fc.constantFrom(0, 0.1, 1, 1e-3, -0.5, 3));
const steps = fc.integer({ min: -2, max: 3000 });
const begin = fc.integer({ min: -5, max: 500 });
const power = fc.oneof(fc.integer({ min: 0, max: 5 }), fc.double({ min: 0, max: 4, noNaN: true }), fc.constantFrom(0.5, 1.5));
const scale = fc.oneof(fc.double({ min: 0, max: 3, noNaN: true }), fc.constantFrom(0, 0.1, 0.5, 2, 1e30));
/** {step: scale} pairs with distinct steps, now and then at int32's ends (where step - count wraps). */
const pairs = fc.uniqueArray(
  fc.tuple(fc.oneof(fc.integer({ min: -100, max: 3000 }), fc.constantFrom(INT32_MAX, -(2 ** 31), 2 ** 30)), scale),
  { maxLength: 4, selector: ([b]) => b },
);

const polynomialCase = fc.record({ init: value, end: value, power, steps, begin }).map<Case>((a) => ({
  label: `polynomial ${JSON.stringify(a)}`,
  make: (dtype) => optax.polynomialSchedule({ initValue: a.init, endValue: a.end, power: a.power, transitionSteps: a.steps, transitionBegin: a.begin, dtype }),
  oracle: (dtype) => oracle.polynomial(a.init, a.end, a.power, a.steps, a.begin, dtype),
}));

const linearCase = fc.record({ init: value, end: value, steps, begin }).map<Case>((a) => ({
  label: `linear ${JSON.stringify(a)}`,
  make: (dtype) => optax.linearSchedule({ initValue: a.init, endValue: a.end, transitionSteps: a.steps, transitionBegin: a.begin, dtype }),
  oracle: (dtype) => oracle.polynomial(a.init, a.end, 1, a.steps, a.begin, dtype),
}));

const exponentialCase = fc
  .record({
    init: value,
    steps,
    rate: fc.oneof(fc.double({ min: 0.01, max: 3, noNaN: true }), fc.constantFrom(0, 1, 0.5, 0.96, 1e-50)),
    begin,
    staircase: fc.boolean(),
    end: fc.oneof(fc.constant(null), value),
  })
  .map<Case>((a) => ({
    label: `exponential ${JSON.stringify(a)}`,
    make: (dtype) =>
      optax.exponentialDecay({ initValue: a.init, transitionSteps: a.steps, decayRate: a.rate, transitionBegin: a.begin, staircase: a.staircase, endValue: a.end, dtype }),
    oracle: (dtype) => oracle.exponential(a.init, a.steps, a.rate, a.begin, a.staircase, a.end, dtype),
  }));

const exponent = fc.oneof(fc.integer({ min: 0, max: 4 }), fc.double({ min: 0, max: 3, noNaN: true }), fc.constant(1));
const cosineCase = fc
  .record({ init: value, steps: fc.oneof(fc.integer({ min: 1, max: 3000 }), fc.constantFrom(1, 2, 1e10)), alpha: value, exponent })
  .map<Case>((a) => ({
    label: `cosine ${JSON.stringify(a)}`,
    make: (dtype) => optax.cosineDecaySchedule({ initValue: a.init, decaySteps: a.steps, alpha: a.alpha, exponent: a.exponent, dtype }),
    oracle: (dtype) => oracle.cosineDecay(a.init, a.steps, a.alpha, a.exponent, dtype),
  }));

const constantCase = value.map<Case>((v) => ({
  label: `constant ${v}`,
  make: (dtype) => optax.constantSchedule({ value: v, dtype }),
  oracle: (dtype) => () => (dtype === "float32" ? Math.fround(v) : v),
}));

const piecewiseConstantCase = fc.record({ init: value, pairs }).map<Case>((a) => ({
  label: `piecewise constant ${JSON.stringify(a)}`,
  make: (dtype) => optax.piecewiseConstantSchedule({ initValue: a.init, boundariesAndScales: a.pairs, dtype }),
  oracle: (dtype) => oracle.piecewiseConstant(a.init, a.pairs, dtype),
}));

const interpolateCase = fc.record({ type: fc.constantFrom("linear" as const, "cosine" as const), init: value, pairs }).map<Case>((a) => ({
  label: `piecewise interpolate ${JSON.stringify(a)}`,
  make: (dtype) => optax.piecewiseInterpolateSchedule({ interpolateType: a.type, initValue: a.init, boundariesAndScales: a.pairs, dtype }),
  oracle: (dtype) => oracle.piecewiseInterpolate(a.type, a.init, a.pairs, dtype),
}));

/** Python's dict literal of the onecycles: a later equal key replaces the scale. */
const dict = (entries: [number, number][]): [number, number][] => [...new Map(entries).entries()];

const linearOnecycleCase = fc
  .record({
    steps: fc.integer({ min: 1, max: 3000 }),
    peak: value,
    pctStart: fc.double({ min: 0, max: 1, noNaN: true }),
    pctFinal: fc.double({ min: 0, max: 1, noNaN: true }),
    div: fc.double({ min: 0.5, max: 50, noNaN: true }),
    finalDiv: fc.double({ min: 1, max: 1e5, noNaN: true }),
  })
  .map<Case>((a) => ({
    label: `linear onecycle ${JSON.stringify(a)}`,
    make: (dtype) =>
      optax.linearOnecycleSchedule({ transitionSteps: a.steps, peakValue: a.peak, pctStart: a.pctStart, pctFinal: a.pctFinal, divFactor: a.div, finalDivFactor: a.finalDiv, dtype }),
    oracle: (dtype) =>
      oracle.piecewiseInterpolate(
        "linear",
        a.peak / a.div,
        dict([
          [Math.trunc(a.pctStart * a.steps), a.div],
          [Math.trunc(a.pctFinal * a.steps), 1 / a.div],
          [a.steps, 1 / a.finalDiv],
        ]),
        dtype,
      ),
  }));

const cosineOnecycleCase = fc
  .record({
    steps: fc.integer({ min: 1, max: 3000 }),
    peak: value,
    pctStart: fc.double({ min: 0, max: 1, noNaN: true }),
    div: fc.double({ min: 0.5, max: 50, noNaN: true }),
    finalDiv: fc.double({ min: 1, max: 1e5, noNaN: true }),
  })
  .map<Case>((a) => ({
    label: `cosine onecycle ${JSON.stringify(a)}`,
    make: (dtype) => optax.cosineOnecycleSchedule({ transitionSteps: a.steps, peakValue: a.peak, pctStart: a.pctStart, divFactor: a.div, finalDivFactor: a.finalDiv, dtype }),
    oracle: (dtype) =>
      oracle.piecewiseInterpolate(
        "cosine",
        a.peak / a.div,
        dict([
          [Math.trunc(a.pctStart * a.steps), a.div],
          [a.steps, 1 / (a.div * a.finalDiv)],
        ]),
        dtype,
      ),
  }));

const warmupCosine = fc.record({ init: value, peak: value, warmup: fc.integer({ min: -2, max: 1000 }), length: fc.integer({ min: 1, max: 3000 }), end: value, exponent });
const warmupCosineCase = warmupCosine.map<Case>((a) => ({
  label: `warmup cosine ${JSON.stringify(a)}`,
  make: (dtype) =>
    optax.warmupCosineDecaySchedule({ initValue: a.init, peakValue: a.peak, warmupSteps: a.warmup, decaySteps: a.warmup + a.length, endValue: a.end, exponent: a.exponent, dtype }),
  oracle: (dtype) => oracle.warmupCosine(a.init, a.peak, a.warmup, a.warmup + a.length, a.end, a.exponent, dtype),
}));

const warmupExponentialCase = fc
  .record({
    init: value,
    peak: value,
    warmup: fc.integer({ min: -2, max: 1000 }),
    steps,
    rate: fc.oneof(fc.double({ min: 0.01, max: 3, noNaN: true }), fc.constantFrom(0, 0.5)),
    begin,
    staircase: fc.boolean(),
    end: fc.oneof(fc.constant(null), value),
  })
  .map<Case>((a) => ({
    label: `warmup exponential ${JSON.stringify(a)}`,
    make: (dtype) =>
      optax.warmupExponentialDecaySchedule({
        initValue: a.init, peakValue: a.peak, warmupSteps: a.warmup, transitionSteps: a.steps, decayRate: a.rate,
        transitionBegin: a.begin, staircase: a.staircase, endValue: a.end, dtype,
      }),
    oracle: (dtype) =>
      oracle.join(
        [oracle.polynomial(a.init, a.peak, 1, a.warmup, 0, dtype), oracle.exponential(a.peak, a.steps, a.rate, a.begin, a.staircase, a.end, dtype)],
        [a.warmup],
        dtype,
      ),
  }));

const sgdrCase = fc.array(warmupCosine, { minLength: 1, maxLength: 3 }).map<Case>((cycles) => {
  const boundaries: number[] = [];
  let at = 0;
  for (const c of cycles.slice(0, -1)) boundaries.push((at += c.warmup + c.length));
  return {
    label: `sgdr ${JSON.stringify(cycles)}`,
    make: (dtype) =>
      optax.sgdrSchedule({
        cosineKwargs: cycles.map((c) => ({ initValue: c.init, peakValue: c.peak, warmupSteps: c.warmup, decaySteps: c.warmup + c.length, endValue: c.end, exponent: c.exponent })),
        dtype,
      }),
    oracle: (dtype) =>
      oracle.join(
        cycles.map((c) => oracle.warmupCosine(c.init, c.peak, c.warmup, c.warmup + c.length, c.end, c.exponent, dtype)),
        boundaries,
        dtype,
      ),
  };
});

/** join_schedules of other cases, at boundaries in any order (the last one at or below a count wins). */
const joinCase = fc
  .array(fc.oneof(constantCase, linearCase, cosineCase, exponentialCase, interpolateCase), { minLength: 1, maxLength: 3 })
  .chain((pieces) =>
    fc.array(fc.oneof(fc.integer({ min: -100, max: 3000 }), fc.constantFrom(-(2 ** 31), INT32_MAX)), { minLength: pieces.length - 1, maxLength: pieces.length - 1 }).map<Case>((boundaries) => ({
      label: `join [${pieces.map((p) => p.label).join("; ")}] at ${JSON.stringify(boundaries)}`,
      make: (dtype) => optax.joinSchedules({ schedules: pieces.map((p) => p.make(dtype)), boundaries, dtype }),
      oracle: (dtype) => oracle.join(pieces.map((p) => p.oracle(dtype)), boundaries, dtype),
    })),
  );

/** The cases, by optax's name; the last field says whether the schedule is a join. */
const CASES: [string, fc.Arbitrary<Case>, boolean?][] = [
  ["constant_schedule", constantCase],
  ["polynomial_schedule", polynomialCase],
  ["linear_schedule", linearCase],
  ["exponential_decay", exponentialCase],
  ["cosine_decay_schedule", cosineCase],
  ["piecewise_constant_schedule", piecewiseConstantCase],
  ["piecewise_interpolate_schedule", interpolateCase],
  ["linear_onecycle_schedule", linearOnecycleCase],
  ["cosine_onecycle_schedule", cosineOnecycleCase],
  ["warmup_cosine_decay_schedule", warmupCosineCase, true],
  ["warmup_exponential_decay_schedule", warmupExponentialCase, true],
  ["sgdr_schedule", sgdrCase, true],
  ["join_schedules", joinCase, true],
];

/**
 * Counts of the dtype's pipeline: around the schedules' scales, negative, near int32's ends, and
 * (float64) beyond; a join's within 2^52, where count - boundary stays below 2^53 (beyond, a join
 * refuses the count: test/optax/api.test.ts).
 */
function countArb(dtype: DType, join = false): fc.Arbitrary<number> {
  const common = [
    fc.integer({ min: -50, max: 5000 }),
    fc.integer({ min: -(2 ** 31), max: INT32_MAX }),
    fc.constantFrom(0, 1, -1, INT32_MAX, -(2 ** 31), 2 ** 24 + 1, 2 ** 30),
  ];
  if (dtype === "float32") return fc.oneof(...common);
  const wide = fc.integer({ min: -(2 ** 52), max: 2 ** 52 });
  return join ? fc.oneof(...common, wide) : fc.oneof(...common, wide, fc.constantFrom(2 ** 53 - 1, -(2 ** 53) + 1));
}

describe("every optax schedule equals the decimal.js oracle of its pipeline", () => {
  for (const dtype of DTYPES)
    test.each(CASES)(`%s (${dtype})`, (_, cases, join) => {
      fc.assert(
        fc.property(cases, fc.array(countArb(dtype, join), { minLength: 1, maxLength: 6 }), (c, counts) => {
          const s = c.make(dtype);
          const want = c.oracle(dtype);
          const batch = s.evaluate(counts, { backend: "wasm-simd" });
          counts.forEach((t, i) => {
            const expected = want(t);
            expect([c.label, t, s(t)]).toEqual([c.label, t, expected]);
            expect([c.label, t, Object.is(batch[i], expected)]).toEqual([c.label, t, true]);
          });
        }),
        { numRuns: 40 },
      );
    });
});

describe("every backend gives the same bits", () => {
  // A chunk of 13 elements: odd, so SIMD groups straddle chunk ends.
  beforeAll(() => setChunkLengthForTesting(13));
  afterAll(() => setChunkLengthForTesting(1 << 16));

  test.each(CASES)("%s: ranges and arrays, both dtypes, across chunk boundaries", (_, cases) => {
    fc.assert(
      fc.property(
        cases,
        fc.constantFrom<DType>("float32", "float64"),
        fc.oneof(fc.integer({ min: -100, max: 4000 }), fc.constantFrom(-(2 ** 31), INT32_MAX - 60)),
        fc.integer({ min: 0, max: 60 }),
        fc.array(countArb("float32"), { maxLength: 40 }),
        (c, dtype, start, length, counts) => {
          const s = c.make(dtype);
          const ranges = BACKENDS.map((backend) => s.range(start, start + length, { backend }));
          const arrays = BACKENDS.map((backend) => s.evaluate(counts, { backend }));
          for (let b = 1; b < BACKENDS.length; b++) {
            expectSameBits(ranges[0]!, ranges[b]!, `${c.label} range ${BACKENDS[b]}`);
            expectSameBits(arrays[0]!, arrays[b]!, `${c.label} array ${BACKENDS[b]}`);
          }
          counts.forEach((t, i) => expect(Object.is(s(t), arrays[0]![i])).toBe(true));
          for (let i = 0; i < length; i++) expect(Object.is(s(start + i), ranges[0]![i])).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("piecewise_constant_schedule's runs", () => {
  // A range is filled run by run of one value, up to each boundary (the kernel, and the twin that
  // the js backend runs): boundaries next to each other, one at the range's first count, many.
  test("ranges across close and many boundaries, on every backend, are the schedule's values", () => {
    const many = Object.fromEntries(Array.from({ length: 300 }, (_, k) => [String(3 * k + (k % 2)), k % 3 === 0 ? 0.5 : 1.5]));
    for (const pairs of [{ 3: 0.5, 7: 2, 8: 0.25, 20: 3 }, many])
      for (const dtype of DTYPES) {
        const s = optax.piecewiseConstantSchedule({ initValue: 0.1, boundariesAndScales: pairs, dtype });
        for (const [start, stop] of [[0, 30], [3, 25], [8, 9], [-5, 950]] as const)
          for (const backend of BACKENDS) {
            const got = s.range(start, stop, { backend });
            const bad = [...got].flatMap((v, i) => (Object.is(v, s(start + i)) ? [] : [start + i]));
            expect([dtype, backend, start, bad]).toEqual([dtype, backend, start, []]);
          }
      }
  });
});

describe("Python's constants are combined in float64 and converted once", () => {
  const f = Math.fround;
  /** Counts where the schedule differs from `other`, checking every value against the oracle. */
  function differences(s: OptaxSchedule, want: oracle.Count, other: (t: number) => number, n: number): number {
    const r = s.range(0, n);
    let differ = 0;
    for (let t = 0; t < n; t++) {
      expect([t, r[t]]).toEqual([t, want(t)]);
      if (r[t] !== other(t)) differ++;
    }
    return differ;
  }
  const cosineTerm = (t: number, d: number) => f(0.5 * f(1 + Math.cos(f(f(f(Math.PI) * t) / d))));

  test("cosine_decay_schedule's 1 - alpha: R(1 - alpha), not 1 - R(alpha)", () => {
    for (const alpha of [0.6, 0.1]) {
      const s = optax.cosineDecaySchedule(1, 1000, alpha);
      // Math.cos rounded is the correctly rounded float32 cosine at these arguments (every value is the oracle's too).
      const other = (t: number) => f(f(f(1 - f(alpha)) * cosineTerm(t, 1000)) + f(alpha));
      expect(differences(s, oracle.cosineDecay(1, 1000, alpha, 1, "float32"), other, 1001)).toBeGreaterThan(100);
    }
  });

  test("warmup_cosine_decay_schedule's alpha = end_value / peak_value in float64, then converted", () => {
    const s = optax.warmupCosineDecaySchedule({ initValue: 0, peakValue: 0.3, warmupSteps: 0, decaySteps: 1000, endValue: 0.07 });
    const other = (t: number) => {
      const alpha = f(f(0.07) / f(0.3));
      return f(f(0.3) * f(f(f(1 - alpha) * cosineTerm(t, 1000)) + alpha));
    };
    expect(differences(s, oracle.warmupCosine(0, 0.3, 0, 1000, 0.07, 1, "float32"), other, 1001)).toBeGreaterThan(10);
  });

  test("polynomial_schedule's init_value - end_value: R(init - end), not R(init) - R(end)", () => {
    const s = optax.linearSchedule(0.3, 0.1, 1000);
    const other = (t: number) => f(f(f(f(0.3) - f(0.1)) * f(1 - f(f(t) / 1000))) + f(0.1));
    expect(differences(s, oracle.polynomial(0.3, 0.1, 1, 1000, 0, "float32"), other, 1001)).toBeGreaterThan(100);
  });
});

describe("jnp.power with a Python int: integer_pow's products, in JAX's order", () => {
  test.each(DTYPES)("powers 4 to 9 over a whole transition: the oracle's binary exponentiation, where left-to-right products differ (%s)", (dtype) => {
    const R = dtype === "float32" ? Math.fround : (x: number) => x;
    let differ = 0;
    for (let power = 4; power <= 9; power++) {
      const s = optax.polynomialSchedule({ initValue: 1, endValue: 0, power, transitionSteps: 999, dtype });
      const want = oracle.polynomial(1, 0, power, 999, 0, dtype);
      const values = BACKENDS.map((backend) => s.range(0, 1000, { backend }));
      for (let b = 1; b < BACKENDS.length; b++) expectSameBits(values[0]!, values[b]!, `power ${power} ${BACKENDS[b]}`);
      for (let t = 0; t < 1000; t++) {
        if (t % 5 === 0) expect([power, t, values[0]![t]]).toEqual([power, t, want(t)]);
        // (((x x) x) x)...: another rounding sequence, which JAX does not take.
        const frac = R(1 - R(R(t) / R(999)));
        let naive = frac;
        for (let k = 1; k < power; k++) naive = R(naive * frac);
        if (naive !== values[0]![t]) differ++;
      }
    }
    expect(differ).toBeGreaterThan(100);
  });
  test.each(DTYPES)("large Python int powers, about int32's end and past it: the oracle's products on every backend (%s)", (dtype) => {
    // The twin multiplies on int32 bits below 2^31 and on doubles from there; the kernels on int64.
    // A transition of 2^40 steps keeps frac within 2^-40 of 1 early on, where x^(2^31) is not yet 0.
    for (const power of [31, 64, 1000, 2 ** 31 - 1, 2 ** 31, 2 ** 31 + 1, 3 * 2 ** 31 + 5]) {
      const steps = dtype === "float32" ? 2 ** 30 : 2 ** 40;
      const s = optax.polynomialSchedule({ initValue: 1, endValue: 0, power, transitionSteps: steps, dtype });
      const want = oracle.polynomial(1, 0, power, steps, 0, dtype);
      const counts = new Float64Array([0, 1, 2, 3, 5, 8, 13, 100, 1000, 4096, 65537]);
      const values = BACKENDS.map((backend) => s.evaluate(counts, { backend }));
      for (let b = 1; b < BACKENDS.length; b++) expectSameBits(values[0]!, values[b]!, `power ${power} ${BACKENDS[b]}`);
      counts.forEach((t, i) => expect([power, t, values[0]![i]]).toEqual([power, t, want(t)]));
      // Not all 0 or 1: the products decide something here.
      if (dtype === "float64" && power < 2 ** 32) expect(values[0]!.some((v) => v > 0 && v < 1)).toBe(true);
    }
  });
});

describe("long ranges: the kernels' runs, on the default chunk length", () => {
  test.each([
    ["cosine_decay_schedule", () => optax.cosineDecaySchedule({ initValue: 0.1, decaySteps: 1_000_000, alpha: 0.01 }), oracle.cosineDecay(0.1, 1_000_000, 0.01, 1, "float32"), 0, 300_000],
    ["cosine_decay_schedule, exponent 2, past its end", () => optax.cosineDecaySchedule({ initValue: 1, decaySteps: 100_000, exponent: 2 }), oracle.cosineDecay(1, 100_000, 0, 2, "float32"), 90_000, 50_000],
    [
      "warmup_cosine_decay_schedule",
      () => optax.warmupCosineDecaySchedule({ initValue: 0, peakValue: 0.1, warmupSteps: 20_000, decaySteps: 200_000, endValue: 1e-4 }),
      oracle.warmupCosine(0, 0.1, 20_000, 200_000, 1e-4, 1, "float32"),
      -7,
      250_000,
    ],
    ["exponential_decay, staircase", () => optax.exponentialDecay({ initValue: 0.1, transitionSteps: 1000, decayRate: 0.9, transitionBegin: 500, staircase: true }), oracle.exponential(0.1, 1000, 0.9, 500, true, null, "float32"), -100, 100_000],
    ["cosine_onecycle_schedule", () => optax.cosineOnecycleSchedule({ transitionSteps: 200_000, peakValue: 0.1 }), oracle.piecewiseInterpolate("cosine", 0.1 / 25, [[60_000, 25], [200_000, 1 / 25e4]], "float32"), 0, 210_000],
  ] as const)("%s: the same bits on every backend, the oracle's where sampled", (_, make, want, start, n) => {
    const s = make();
    const [first, ...rest] = BACKENDS.map((backend) => s.range(start, start + n, { backend }));
    for (const other of rest) expectSameBits(first!, other, "range");
    for (let i = 0; i < n; i += 997) expect([i, first![i]]).toEqual([i, want(start + i)]);
  });

  test("elements the fast cosine leaves undecided are decided exactly on every backend", () => {
    // u = f32(f32(pi c) / 2^24) for large c: arguments dense enough over [0, pi] to meet the rare
    // float32 cosines within 2^-48 of a midpoint.
    const s = optax.cosineDecaySchedule(1, 2 ** 24);
    const start = 7_000_000;
    const n = 1 << 18;
    const [first, ...rest] = (["js", "wasm-scalar", "wasm-simd"] as const).map((backend) => s.range(start, start + n, { backend }));
    for (const other of rest) expectSameBits(first!, other, "range");
    const want = oracle.cosineDecay(1, 2 ** 24, 0, 1, "float32");
    for (let i = 0; i < n; i += 4099) expect(first![i]).toBe(want(start + i));
  });
});
