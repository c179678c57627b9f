// Every Keras schedule, on every backend, against the decimal.js oracle element by element: the
// Wasm SIMD kernel, the Wasm scalar kernel, the JS twin, and backend "auto" (which takes a plan's
// run fill on ranges: staircases, PiecewiseConstantDecay), on whole arrays and ranges, in both
// dtypes, across chunk boundaries (small chunks, and the real 65,536). Each schedule's own test
// file checks single steps and that the backends agree with each other; this one checks that each
// backend agrees with the oracle, so that a bug the twin shares with a kernel's range algorithm,
// or a kernel's bug between sampled steps, cannot pass.
//
// The oracle costs 0.05 to 5 ms an element (decimal.js; CosineDecayRestarts' log, powers and
// cosine the most), so the sizes are small and many: each element's oracle value is computed once
// and then compared with every backend at every chunk length. The counts are printed at the end.
import fc from "fast-check";
import { afterAll, afterEach, describe, expect, test } from "vitest";
import * as keras from "../../src/keras/index.js";
import { setChunkLengthForTesting } from "../../src/core/wasm.js";
import type { DType } from "../../src/index.js";
import { oracleExponentialDecay } from "../oracle.js";
import { BACKENDS, build, optionsOf, type AnySchedule } from "../registry.js";
import { oracleCosineDecay, oracleCosineDecayRestarts } from "./cosine.oracle.js";
import { oracleInverseTimeDecay, oraclePiecewiseConstantDecay, oraclePolynomialDecay } from "./oracles.js";

type Config = Record<string, unknown>;
type Oracle = (step: number) => number;

const num = (c: Config, key: string) => c[key] as number;
const nums = (c: Config, key: string) => c[key] as number[];

/**
 * Each Keras schedule's oracle, from its Keras config (getConfig) and dtype; how many property runs
 * its oracle's cost allows per dtype; and schedules that are sure to reach the regimes its own
 * tests name (run first, in both dtypes, before the drawn ones), each with a range [start, start + n).
 */
const ORACLES: Record<string, { of: (c: Config, dtype: DType) => Oracle; runs: number; regimes: [Config, number, number][] }> = {
  ExponentialDecay: {
    of: (c, dtype) => (s) => oracleExponentialDecay(num(c, "initial_learning_rate"), num(c, "decay_steps"), num(c, "decay_rate"), c.staircase as boolean, s, dtype),
    runs: 24,
    regimes: [
      [{ initialLearningRate: 0.1, decaySteps: 64, decayRate: 0.5, staircase: true }, 100, 100], // runs of 64: the fill
      [{ initialLearningRate: 0.1, decaySteps: 3, decayRate: 0.96, staircase: true }, -20, 40], // short stairs: the kernels
      [{ initialLearningRate: 1, decaySteps: 1, decayRate: 2 }, 120, 20], // a rate above 1: overflow at 2^128
      [{ initialLearningRate: 3, decaySteps: 1, decayRate: 0.5 }, 140, 20], // float32 subnormals, then 0
      // float64 subnormals, then 0; from an even step, so that SIMD pairs (1022, 1023) and (1024, 1025).
      [{ initialLearningRate: 1, decaySteps: 1, decayRate: 0.5 }, 1014, 66],
      [{ initialLearningRate: 1e-10, decaySteps: 1, decayRate: 2 }, 1015, 20], // float64: the power overflows at 2^1024
      [{ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0 }, -3, 6], // 0^p: Infinity, 1, 0
      [{ initialLearningRate: 0.1, decaySteps: 100_000, decayRate: 0.96 }, 119_900, 260], // an undecided float32 element
      // Across 2^24 while the schedule still decays (drawn decay_steps <= 5000 have underflowed by then),
      // where float32 rounds the steps: the geometric range path must stop at 2^24.
      [{ initialLearningRate: 0.1, decaySteps: 1e6, decayRate: 0.96 }, 2 ** 24 - 130, 260],
    ],
  },
  InverseTimeDecay: {
    of: (c, dtype) => (s) => oracleInverseTimeDecay(num(c, "initial_learning_rate"), num(c, "decay_steps"), num(c, "decay_rate"), c.staircase as boolean, s, dtype),
    runs: 60,
    regimes: [
      [{ initialLearningRate: 0.1, decaySteps: 64, decayRate: 0.5, staircase: true }, -70, 100],
      [{ initialLearningRate: 1e30, decaySteps: 1e-3, decayRate: 3e30 }, -5, 10], // overflow of r p, then 0
      [{ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0 }, 0, 8],
      [{ initialLearningRate: 0.1, decaySteps: 1e6, decayRate: 0.5 }, 2 ** 24 - 20, 40], // across 2^24, still decaying
    ],
  },
  PiecewiseConstantDecay: {
    of: (c, dtype) => (s) => oraclePiecewiseConstantDecay(nums(c, "boundaries"), nums(c, "values"), s, dtype),
    runs: 80,
    regimes: [
      // Fractional, equal and consecutive boundaries: each run's end, and the one that starts right after.
      [{ boundaries: [-10.5, 0, 0, 1, 7.25, 8, 100], values: [1e-45, 0.1, 2, -0, 3e38, 1e-40, 0.5, 7] }, -15, 130],
      [{ boundaries: [2 ** 24 + 1], values: [0.1, 0.2] }, 2 ** 24 - 3, 8],
    ],
  },
  PolynomialDecay: {
    of: (c, dtype) => (s) =>
      oraclePolynomialDecay(num(c, "initial_learning_rate"), num(c, "decay_steps"), num(c, "end_learning_rate"), num(c, "power"), c.cycle as boolean, s, dtype),
    runs: 24,
    regimes: [
      [{ initialLearningRate: 0.1, decaySteps: 100, endLearningRate: 0.001, power: 2 }, 80, 40], // the constant tail
      [{ initialLearningRate: 0.1, decaySteps: 99.5, endLearningRate: 0.001, power: 0.5, cycle: true }, -110, 40], // b = -Infinity
      [{ initialLearningRate: 1, decaySteps: 64, endLearningRate: 0, power: 4 }, -4, 8], // a float32 midpoint at step -1
      [{ initialLearningRate: 0.1, decaySteps: 1000, endLearningRate: 0.0001, power: 7.3, cycle: true }, 990, 30],
      [{ initialLearningRate: 0.1, decaySteps: 2 ** 25 + 0.5, endLearningRate: 0.001, power: 2.5 }, 2 ** 24 - 20, 40], // across 2^24
      // float32's varying-base power where log2 x's low part decides: (1 - 8808826 / 2^24)^111.07729
      // is so near a float32 midpoint that without it the fast path rounds down (found by a search
      // of 10^8 powers with |t| in [100, 149]).
      [{ initialLearningRate: 1, decaySteps: 2 ** 24, endLearningRate: 0, power: 111.0772933959961 }, 8_808_824, 5],
    ],
  },
  CosineDecay: {
    of: (c, dtype) => (s) =>
      oracleCosineDecay(num(c, "initial_learning_rate"), num(c, "decay_steps"), num(c, "alpha"), c.warmup_target as number | null, num(c, "warmup_steps"), s, dtype),
    runs: 24,
    regimes: [
      [{ initialLearningRate: 0, decaySteps: 900, warmupTarget: 0.1, warmupSteps: 100 }, 90, 20], // the warm-up's end
      [{ initialLearningRate: 0, decaySteps: 900, warmupTarget: 0.1, warmupSteps: 100 }, 990, 20], // the decay's end
      [{ initialLearningRate: 0.1, decaySteps: 1000, alpha: 0.01 }, 495, 270], // past pi/2, anchors' runs
      [{ initialLearningRate: 0.1, decaySteps: 1000 }, -12, 20], // negative steps: the far path
      [{ initialLearningRate: 0.1, decaySteps: 2 ** 32 }, 2 ** 24 - 16, 32], // runs across 2^24, where float32 steps round
      [{ initialLearningRate: 0.1, decaySteps: 2 ** 32 }, 2 ** 31 - 16, 32], // runs across 2^31 (past an i32)
    ],
  },
  CosineDecayRestarts: {
    of: (c, dtype) => (s) =>
      oracleCosineDecayRestarts(num(c, "initial_learning_rate"), num(c, "first_decay_steps"), num(c, "t_mul"), num(c, "m_mul"), num(c, "alpha"), s, dtype),
    runs: 10,
    regimes: [
      // The second restart (step 300), as a block's last step at chunks of 13: [288, 301).
      [{ initialLearningRate: 0.1, firstDecaySteps: 100, tMul: 2, mMul: 0.9, alpha: 0.01 }, 288, 20],
      // The third restart, as the last step of a whole block of 256: [45, 301).
      [{ initialLearningRate: 0.1, firstDecaySteps: 100, tMul: 1, mMul: 0.5 }, 45, 256],
      // float32's log puts step 11111097 in the sixth period, three steps before the real-number
      // restart (cosineDecayRestarts.test.ts): the index is Keras' formula, rounding included.
      [{ initialLearningRate: 1, firstDecaySteps: 100, tMul: 10 }, 11_111_092, 10],
      [{ initialLearningRate: 0.1, firstDecaySteps: 1e6, tMul: 2, mMul: 0.9 }, 2 ** 24 - 10, 20], // across 2^24, index 4
      [{ initialLearningRate: 0.1, firstDecaySteps: 10, tMul: 0.5 }, 15, 10], // a finite total length: NaN after it
    ],
  },
};

/** The schedules lrdecay/keras exports (every class with Keras' className). */
const KERAS_NAMES = Object.entries(keras)
  .filter(([, v]) => typeof v === "function" && Object.hasOwn(v, "className"))
  .map(([k]) => k)
  .sort();

/** The oracle's value at each step, computed once (a Map; -0 apart from +0) and counted in `row`. */
function memo(oracle: Oracle, row: string): Oracle {
  const cache = new Map<number | string, number>();
  return (step) => {
    const key = Object.is(step, -0) ? "-0" : step;
    let v = cache.get(key);
    if (v === undefined) {
      v = oracle(step);
      cache.set(key, v);
      count(row, "oracle values", 1);
    }
    return v;
  };
}

/** How many elements were compared, by schedule and dtype, then by backend and kind. */
const compared = new Map<string, Map<string, number>>();
function count(row: string, column: string, n: number): void {
  const r = compared.get(row) ?? new Map<string, number>();
  compared.set(row, r);
  r.set(column, (r.get(column) ?? 0) + n);
}

/** Object.is per element against the oracle's floats; names the first difference. */
function expectOracle(got: ArrayLike<number>, steps: ArrayLike<number>, expected: ArrayLike<number>, what: string): void {
  expect(got.length, what).toBe(expected.length);
  for (let i = 0; i < got.length; i++)
    if (!Object.is(got[i], expected[i]))
      expect.fail(`${what}: element ${i}, step ${Object.is(steps[i], -0) ? "-0" : steps[i]}: got ${got[i]}, the oracle says ${expected[i]}`);
}

// Chunk lengths: 3 (below one SIMD group of four, so every group straddles a chunk end), 13 and 61
// (odd, so pairs and groups straddle at every offset), and the real one.
const SMALL_CHUNKS = [3, 13, 61];
const REAL_CHUNK = 1 << 16;

afterEach(() => setChunkLengthForTesting(REAL_CHUNK));

/**
 * Every backend at every chunk length on one schedule: the array `steps` and the range
 * [start, start + n), each element against the oracle; single calls on the array's steps too.
 */
function checkAll(s: AnySchedule, oracle: Oracle, steps: number[] | Float64Array, start: number, n: number, row: string): void {
  const expectedSteps = Array.from(steps, oracle);
  const rangeSteps = Array.from({ length: n }, (_, i) => start + i);
  const expectedRange = rangeSteps.map(oracle);
  const config = `${s}, ${s.dtype}`;
  steps.forEach((step, i) => {
    if (!Object.is(s(step), expectedSteps[i])) expect.fail(`${config}, single call at step ${step}: got ${s(step)}, the oracle says ${expectedSteps[i]}`);
  });
  count(row, "single calls", steps.length);
  for (const chunk of [...SMALL_CHUNKS, REAL_CHUNK]) {
    setChunkLengthForTesting(chunk);
    for (const backend of BACKENDS) {
      expectOracle(s.evaluate(steps, { backend }), steps, expectedSteps, `${config}, ${backend}, array, chunks of ${chunk}`);
      expectOracle(s.range(start, start + n, { backend }), rangeSteps, expectedRange, `${config}, ${backend}, range from ${start}, chunks of ${chunk}`);
      count(row, `${backend} array`, steps.length);
      count(row, `${backend} range`, n);
    }
  }
  setChunkLengthForTesting(REAL_CHUNK);
}

/**
 * Steps where a schedule changes course, from its arguments alone (no names): each number it takes
 * of size 1 to 2^40 (decay steps, boundaries, warm-up lengths), its multiples by 2, 3 and 7 (a
 * staircase's next stairs; restarts at 1, 3, 7 periods for t_mul 2), and sums of two (the end of
 * a warm-up and decay); and 0.
 */
function landmarks(options: Config): number[] {
  const values = Object.values(options)
    .flatMap((v) => (Array.isArray(v) ? v : [v]))
    .filter((v): v is number => typeof v === "number" && Math.abs(v) >= 1 && Math.abs(v) <= 2 ** 40);
  const marks = new Set<number>([0]);
  for (const v of values) for (const k of [1, 2, 3, 7]) marks.add(k * v);
  for (const v of values) for (const w of values) marks.add(v + w);
  return [...marks];
}

const word32 = new Float32Array(1);
const bits32 = new Int32Array(word32.buffer);
const word64 = new Float64Array(1);
const bits64 = new BigInt64Array(word64.buffer);

/** The float k units in the last place from x in `dtype` (x first rounded to it); 0 stays 0. */
function ulpsFrom(x: number, k: number, dtype: DType): number {
  if (dtype === "float32") {
    word32[0] = x;
    if (word32[0] === 0) return 0;
    bits32[0] = bits32[0]! + (x < 0 ? -k : k);
    return word32[0]!;
  }
  if (x === 0) return 0;
  word64[0] = x;
  bits64[0] = bits64[0]! + BigInt(x < 0 ? -k : k);
  return word64[0]!;
}

/**
 * An array's steps: near the landmarks (integers, fractions, and their float32 and float64
 * neighbours, where a rounding decides a run or a cycle), negative, above 2^24, extremes.
 */
function stepsOf(marks: number[]): fc.Arbitrary<number[] | Float64Array> {
  const mark = fc.constantFrom(...marks);
  const step = fc.oneof(
    { weight: 4, arbitrary: fc.tuple(mark, fc.integer({ min: -3, max: 3 })).map(([m, k]) => Math.round(m) + k) },
    { weight: 2, arbitrary: fc.tuple(mark, fc.double({ min: -2, max: 2, noNaN: true })).map(([m, x]) => m + x) },
    { weight: 2, arbitrary: fc.tuple(mark, fc.integer({ min: -2, max: 2 }), fc.constantFrom<DType>("float32", "float64")).map(([m, k, t]) => ulpsFrom(m, k, t)) },
    { weight: 1, arbitrary: fc.integer({ min: -100_000, max: 0 }) },
    { weight: 1, arbitrary: fc.double({ min: -1e4, max: 1e7, noNaN: true }) },
    { weight: 1, arbitrary: fc.integer({ min: 2 ** 24, max: 2 ** 53 }) },
    { weight: 1, arbitrary: fc.constantFrom(0, -0, 2 ** 24 + 1, 2 ** 24 + 3, 1e12, 2 ** 53, -(2 ** 53)) },
  );
  // Lengths on both sides of 32, where backend "auto" moves from the twin to the kernel.
  return fc.tuple(fc.array(step, { minLength: 0, maxLength: 40 }), fc.boolean()).map(([a, typed]) => (typed ? Float64Array.from(a) : a));
}

/** A range [start, start + n): from, across or up to a landmark; across 2^24; high; up to 2^53; negative. */
function rangeOf(marks: number[]): fc.Arbitrary<{ start: number; n: number }> {
  // Mostly short; sometimes past 256, the ExponentialDecay range paths' block length.
  const n = fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 0, max: 40 }) }, { weight: 1, arbitrary: fc.integer({ min: 250, max: 270 }) });
  return fc.tuple(n, fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...marks), fc.constantFrom(0, 0.5, 1)).map(([m, b]) => ({ m: Math.round(m), b })) },
    { weight: 1, arbitrary: fc.constant({ m: 2 ** 24, b: 0.5 }) },
    { weight: 1, arbitrary: fc.integer({ min: 2 ** 24, max: 2 ** 40 }).map((m) => ({ m, b: 0 })) },
    { weight: 1, arbitrary: fc.constant({ m: 2 ** 53, b: 1 }) },
    { weight: 1, arbitrary: fc.integer({ min: -100_000, max: 0 }).map((m) => ({ m, b: 0 })) },
  )).map(([n, { m, b }]) => ({ start: m - Math.round(b * n), n }));
}

/**
 * Whether options drawn for either dtype still build in the one they now name: float32 rounds
 * a tiny decay_steps to 0, which the schedule refuses.
 */
function builds(name: string, options: Config): boolean {
  try {
    build(name as never, options)(0);
    return true;
  } catch {
    return false;
  }
}

describe("every Keras schedule has an oracle here", () => {
  test("the oracle table names exactly the schedules lrdecay/keras exports", () => {
    expect(Object.keys(ORACLES).sort()).toEqual(KERAS_NAMES);
  });
});

/**
 * An example's steps: each landmark, a step and half a step either side, its float32 and float64
 * neighbours, and a few far ones.
 */
function stepsNear(marks: number[]): number[] {
  const near = (m: number) => [m - 1, m, m + 0.5, m + 1, ulpsFrom(m, -1, "float32"), ulpsFrom(m, 1, "float32"), ulpsFrom(m, 1, "float64")];
  return [...marks.slice(0, 8).flatMap(near), -7, 2 ** 24 + 1, 1e12];
}

describe.each(Object.keys(ORACLES))("%s: every backend equals the oracle, element by element", (name) => {
  const { of, runs, regimes } = ORACLES[name]!;
  for (const dtype of ["float32", "float64"] as const) {
    test(`${dtype}: arrays, ranges and single calls, on its regimes and on schedules drawn from its declared arguments; chunks of 3, 13, 61 and 65,536`, () => {
      const drawn = optionsOf(name as never).map((o) => ({ ...o, dtype })).filter((o) => builds(name, o)).chain((options) => {
        const marks = landmarks(options);
        return fc.tuple(fc.constant(options), stepsOf(marks), rangeOf(marks));
      });
      // Each regime's array: the steps near its landmarks, and 16 half steps spread over its range.
      const examples = regimes.map(([o, start, n]): [[Config & { dtype: DType }, number[], { start: number; n: number }]] => {
        const options = { ...o, dtype };
        const halves = n === 0 ? [] : Array.from({ length: 16 }, (_, k) => start + Math.floor((k * n) / 16) + 0.5);
        return [[options, [...stepsNear(landmarks(options)), ...halves], { start, n }]];
      });
      fc.assert(
        fc.property(drawn, ([options, steps, { start, n }]) => {
          const s = build(name as never, options);
          checkAll(s, memo(of(s.getConfig() as Config, dtype), `${name} ${dtype}`), steps, start, n, `${name} ${dtype}`);
        }),
        { numRuns: runs + examples.length, examples, endOnFailure: true },
      );
    });
  }
});

describe("at the real chunk length: two chunks of 65,536 and a few more", () => {
  // Arrays: 65,536 + 67 steps cycling through 61 drawn ones (65,536 is not a multiple of 61, so
  // an element of the second chunk read or written at the wrong offset meets another step's value).
  const POOL = 61;
  const LENGTH = REAL_CHUNK + 67;
  test.each(Object.keys(ORACLES))("%s: arrays, every element, every backend, both dtypes", (name) => {
    const { of } = ORACLES[name]!;
    for (const dtype of ["float32", "float64"] as const) {
      const drawn = optionsOf(name as never).map((o) => ({ ...o, dtype })).filter((o) => builds(name, o)).chain((options) => {
        const marks = landmarks(options);
        return fc.tuple(fc.constant(options), stepsOf(marks).filter((a) => a.length > 0), fc.array(fc.constantFrom(...marks), { minLength: POOL, maxLength: POOL }));
      });
      fc.assert(
        fc.property(drawn, ([options, some, marks]) => {
          const s = build(name as never, options);
          const oracle = memo(of(s.getConfig() as Config, dtype), `${name} ${dtype}`);
          // The pool: the drawn steps, then landmarks and their neighbours.
          const pool = Array.from({ length: POOL }, (_, i) => (i < some.length ? some[i]! : Math.round(marks[i]!) + (i % 3) - 1));
          const steps = Float64Array.from({ length: LENGTH }, (_, i) => pool[i % POOL]!);
          const expected = Array.from(steps, oracle);
          for (const backend of BACKENDS) {
            expectOracle(s.evaluate(steps, { backend }), steps, expected, `${s}, ${dtype}, ${backend}, ${LENGTH} steps`);
            count(`${name} ${dtype}`, `${backend} array`, LENGTH);
          }
        }),
        { numRuns: 2, endOnFailure: true },
      );
    }
  });

  test("a range across the chunk end: PiecewiseConstantDecay with boundaries at and around it, every element, every backend", () => {
    // Backend "auto" fills the whole range run by run; the others compute it in two chunks. The
    // boundaries around index 65,536 (step 65,536 - 1000) make a step off by one anywhere there
    // take another value.
    const start = -1000;
    const edge = start + REAL_CHUNK;
    const boundaries = [-500.5, 0, 30_000, edge - 2.5, edge - 1, edge - 0.5, edge, edge + 1, edge + 1.5, edge + 3, edge + 40];
    const values = [0.5, -0.25, 0.1, 1e-3, 2e-3, 3e-3, 4e-3, 5e-3, 6e-3, 7e-3, 8e-3, 9e-3];
    for (const dtype of ["float32", "float64"] as const) {
      const s = new keras.PiecewiseConstantDecay({ boundaries, values, dtype });
      const oracle = memo((step) => oraclePiecewiseConstantDecay(boundaries, values, step, dtype), `PiecewiseConstantDecay ${dtype}`);
      const n = REAL_CHUNK + 100;
      const steps = Array.from({ length: n }, (_, i) => start + i);
      const expected = steps.map(oracle);
      for (const backend of BACKENDS) {
        expectOracle(s.range(start, start + n, { backend }), steps, expected, `${s}, ${dtype}, ${backend}, range ${start} .. ${start + n}`);
        count(`PiecewiseConstantDecay ${dtype}`, `${backend} range`, n);
      }
    }
  });
});

afterAll(() => {
  const columns = [...new Set([...compared.values()].flatMap((r) => [...r.keys()]))];
  const lines = [...compared].map(([row, r]) => `${row.padEnd(32)} ${columns.map((c) => String(r.get(c) ?? 0).padStart(c.length)).join("  ")}`);
  console.log(`elements compared with the oracle:\n${"".padEnd(32)} ${columns.join("  ")}\n${lines.join("\n")}`);
});
