import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { CosineDecayRestarts, type Backend, type DType } from "../../src/index.js";
import { setChunkLengthForTesting } from "../../src/core/wasm.js";
import { oracleCosineDecayRestarts, oracleRestartIndex } from "./cosine.oracle.js";
import * as P from "../../assembly/keras/cosineDecayRestarts.params.js";
import { TABLE_STRIDE, T_END, T_SUM, T_PERIOD, T_HALF_M } from "../../assembly/keras/cosineDecayRestarts.table.js";
import { oraclePowIEEE, op } from "./cosine.oracle.js";

const BACKENDS: Backend[] = ["auto", "js", "wasm-scalar", "wasm-simd"];
const DTYPES: DType[] = ["float32", "float64"];

function expectSameBits(a: ArrayLike<number>, b: ArrayLike<number>, what = ""): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) expect([what, i, b[i]]).toEqual([what, i, a[i]]);
}

/** Keras' test helper np_cosine_decay_restarts, in float64. */
function npCosineDecayRestarts(step: number, decaySteps: number, tMul = 2, mMul = 1, alpha = 0): number {
  let fac = 1;
  while (step >= decaySteps) {
    step -= decaySteps;
    decaySteps *= tMul;
    fac *= mMul;
  }
  return (1 - alpha) * (fac * 0.5 * (1 + Math.cos((Math.PI * step) / decaySteps))) + alpha;
}
const close = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-6 + 1e-6 * Math.abs(expected));

describe("Keras' published test values (learning_rate_schedule_test.py, CosineDecayRestartsTest)", () => {
  const steps = [0, 250, 500, 750, 1000, 1250];
  test.each<[string, { tMul?: number; mMul?: number; alpha?: number }]>([
    ["test_decay", {}],
    ["test_alpha", { alpha: 0.1 }],
    ["test_mmul", { mMul: 0.9 }],
    ["test_tmul (t_mul 1)", { tMul: 1 }],
  ])("%s: (1.0, 1000) at steps 0 .. 1250, both dtypes (test_float64)", (_, o) => {
    for (const dtype of DTYPES) {
      const s = new CosineDecayRestarts({ initialLearningRate: 1, firstDecaySteps: 1000, ...o, dtype });
      for (const step of steps) {
        close(s(step), npCosineDecayRestarts(step, 1000, o.tMul, o.mMul, o.alpha));
        expect(s(step)).toBe(oracleCosineDecayRestarts(1, 1000, o.tMul ?? 2, o.mMul ?? 1, o.alpha ?? 0, step, dtype));
      }
    }
  });
});

describe("restarts", () => {
  test.each<[number, number]>([
    [2, 1],
    [2, 0.5],
    [1, 0.9],
    [3, 1],
    [4, 0.8],
    [0.5, 1],
    [1.5, 2],
  ])("t_mul %s, m_mul %s: steps at, just before and just after each restart equal the oracle", (tMul, mMul) => {
    for (const dtype of DTYPES) {
      const s = new CosineDecayRestarts({ initialLearningRate: 0.1, firstDecaySteps: 100, tMul, mMul, alpha: 0.01, dtype });
      // The restarts of the real-number schedule: 100, 100 (1 + t), ...
      const edges: number[] = [0];
      let length = 100;
      for (let k = 0, at = 0; k < 6 && length >= 1; k++) {
        at += length;
        edges.push(Math.round(at));
        length *= tMul;
      }
      for (const edge of edges)
        for (const step of [edge - 1, edge, edge + 1, edge - 0.5, edge + 0.5])
          expect([dtype, step, s(step)]).toEqual([dtype, step, oracleCosineDecayRestarts(0.1, 100, tMul, mMul, 0.01, step, dtype)]);
    }
  });

  test("Keras' index may land one off near a restart, and is reproduced: late for t_mul 3, early for t_mul 10", () => {
    // float64, t_mul 3, fd 100: the fifth restart is at step 100 (1 + 3 + 9 + 27 + 81) = 12100, where
    // log(1 + 2 * 121) / log(3) = log(243) / log(3) rounds below 5: the index stays 4 and c = 1,
    // the old period's end (lr * alpha = 0) for one more step.
    const late = new CosineDecayRestarts({ initialLearningRate: 1, firstDecaySteps: 100, tMul: 3, dtype: "float64" });
    expect(late(12100)).toBe(0);
    expect(late(12100)).toBe(oracleCosineDecayRestarts(1, 100, 3, 1, 0, 12100, "float64"));
    expect(late(12101)).toBeGreaterThan(0.99);
    // float32, t_mul 10, fd 100: the sixth restart is at 11111100; cf = f32(11111097 / 100) (spacing
    // 2^-7 there) and the float32 log round up far enough that step 11111097 already has index 5:
    // the restart comes three steps early.
    const early = new CosineDecayRestarts(1, 100, 10);
    expect(early(11111097)).toBe(1);
    expect(early(11111097)).toBe(oracleCosineDecayRestarts(1, 100, 10, 1, 0, 11111097, "float32"));
    expect(early(11111096)).toBe(0);
    expect(early(11111096)).toBe(oracleCosineDecayRestarts(1, 100, 10, 1, 0, 11111096, "float32"));
    for (const backend of BACKENDS) {
      expectSameBits(late.range(12098, 12103, { backend }), late.evaluate([12098, 12099, 12100, 12101, 12102]), backend);
      expectSameBits(early.range(11111095, 11111100, { backend }), early.evaluate([11111095, 11111096, 11111097, 11111098, 11111099]), backend);
    }
  });

  test("negative steps: before 0 the log's argument falls below 1 and then below 0, giving NaN", () => {
    for (const dtype of DTYPES) {
      const s = new CosineDecayRestarts({ initialLearningRate: 0.1, firstDecaySteps: 100, dtype });
      for (const step of [-1, -50, -99, -100, -101, -1000, -1e9])
        expect([step, s(step)]).toEqual([step, oracleCosineDecayRestarts(0.1, 100, 2, 1, 0, step, dtype)]);
      expect(s(-101)).toBeNaN();
      const flat = new CosineDecayRestarts({ initialLearningRate: 0.1, firstDecaySteps: 100, tMul: 1, dtype });
      for (const step of [-1, -50, -100, -12345.5]) expect(flat(step)).toBe(oracleCosineDecayRestarts(0.1, 100, 1, 1, 0, step, dtype));
    }
  });

  test("t_mul < 1: the periods sum to fd / (1 - t_mul); past that, NaN", () => {
    const s = new CosineDecayRestarts(0.1, 100, 0.5);
    for (const step of [0, 99, 100, 150, 175, 190, 199, 200, 201, 1000])
      expect([step, s(step)]).toEqual([step, oracleCosineDecayRestarts(0.1, 100, 0.5, 1, 0, step, "float32")]);
    expect(s(1000)).toBeNaN();
  });

  test("m_mul 0: the learning rate is alpha * lr after the first period", () => {
    const s = new CosineDecayRestarts(0.1, 100, 2, 0, 0.1);
    expect(s(50)).toBe(oracleCosineDecayRestarts(0.1, 100, 2, 0, 0.1, 50, "float32"));
    expect(s(150)).toBe(Math.fround(Math.fround(0.1) * Math.fround(0.1)));
  });
});

const scheduleArb = fc.record({
  initialLearningRate: fc.oneof(fc.double({ min: -2, max: 2, noNaN: true }), fc.constantFrom(0.1, 1, 0)),
  firstDecaySteps: fc.oneof(fc.integer({ min: 1, max: 20_000 }), fc.double({ min: 0.1, max: 1e5, noNaN: true })),
  tMul: fc.oneof(fc.constantFrom(1, 2, 3, 4, 0.5, 1.5), fc.double({ min: 0.05, max: 5, noNaN: true })),
  mMul: fc.oneof(fc.constantFrom(1, 0.9, 0.5, 0, 2), fc.double({ min: 0, max: 3, noNaN: true })),
  alpha: fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 0.1)),
});
const stepArb = fc.oneof(
  fc.integer({ min: 0, max: 500_000 }),
  fc.integer({ min: -20_000, max: 0 }),
  fc.double({ min: -1e3, max: 1e6, noNaN: true }),
  fc.integer({ min: 2 ** 24, max: 2 ** 40 }),
);

describe("the numerics contract", () => {
  test.each(DTYPES)("every step equals the decimal.js oracle (%s)", (dtype) => {
    fc.assert(
      fc.property(scheduleArb, fc.array(stepArb, { minLength: 1, maxLength: 5 }), (o, steps) => {
        if (dtype === "float32" && Math.fround(o.firstDecaySteps) === 0) return;
        const s = new CosineDecayRestarts({ ...o, dtype });
        const batch = s.evaluate(steps, { backend: "wasm-simd" });
        steps.forEach((step, i) => {
          const expected = oracleCosineDecayRestarts(o.initialLearningRate, o.firstDecaySteps, o.tMul, o.mMul, o.alpha, step, dtype);
          expect([step, s(step)]).toEqual([step, expected]);
          expect(Object.is(batch[i], expected)).toBe(true);
        });
      }),
      { numRuns: 120 },
    );
  });

  test.each(DTYPES)("every step of three periods equals the oracle (%s)", (dtype) => {
    const s = new CosineDecayRestarts({ initialLearningRate: 0.02, firstDecaySteps: 30, tMul: 2, mMul: 0.7, alpha: 0.05, dtype });
    s.range(-3, 215).forEach((v, i) => expect([i - 3, v]).toEqual([i - 3, oracleCosineDecayRestarts(0.02, 30, 2, 0.7, 0.05, i - 3, dtype)]));
  });
});

describe("every backend gives the same bits", () => {
  beforeAll(() => setChunkLengthForTesting(13));
  afterAll(() => setChunkLengthForTesting(1 << 16));

  test("on ranges and arrays, both dtypes", () => {
    fc.assert(
      fc.property(
        scheduleArb,
        fc.constantFrom<DType>("float32", "float64"),
        fc.integer({ min: -30_000, max: 300_000 }),
        fc.integer({ min: 0, max: 70 }),
        fc.array(stepArb, { maxLength: 40 }),
        (o, dtype, start, length, steps) => {
          if (dtype === "float32" && Math.fround(o.firstDecaySteps) === 0) return;
          const s = new CosineDecayRestarts({ ...o, dtype });
          const ranges = BACKENDS.map((backend) => s.range(start, start + length, { backend }));
          const arrays = BACKENDS.map((backend) => s.evaluate(steps, { backend }));
          for (let b = 1; b < BACKENDS.length; b++) {
            expectSameBits(ranges[0]!, ranges[b]!, `range ${BACKENDS[b]}`);
            expectSameBits(arrays[0]!, arrays[b]!, `array ${BACKENDS[b]}`);
          }
          steps.forEach((step, i) => expect(Object.is(s(step), arrays[0]![i])).toBe(true));
          for (let i = 0; i < length; i++) expect(Object.is(s(start + i), ranges[0]![i])).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("ranges, block by block", () => {
  // Blocks of 256 steps share the restart index of their two ends; a block holding a restart goes
  // element by element. Long ranges over many restarts, against the steps one at a time.
  test.each<[number, number, DType]>([
    [2, 1, "float32"],
    [3, 0.8, "float32"],
    [1, 0.9, "float32"],
    [0.5, 1, "float32"],
    [2, 1, "float64"],
    [4, 0.5, "float64"],
  ])("t_mul %s, m_mul %s, %s: a range equals its steps evaluated one by one, on every backend", (tMul, mMul, dtype) => {
    const s = new CosineDecayRestarts({ initialLearningRate: 0.1, firstDecaySteps: 300, tMul, mMul, dtype });
    const start = -700;
    const n = 20_000;
    const steps = Float64Array.from({ length: n }, (_, i) => start + i);
    const expected = s.evaluate(steps, { backend: "js" });
    for (const backend of BACKENDS) expectSameBits(expected, s.range(start, start + n, { backend }), backend);
    for (let i = 0; i < n; i += 997) expect(Object.is(expected[i], oracleCosineDecayRestarts(0.1, 300, tMul, mMul, 0, start + i, dtype))).toBe(true);
  });

  test.each<[number, DType]>([
    [1, "float32"],
    [2, "float32"],
    [1, "float64"],
    [2, "float64"],
  ])("t_mul %s, %s: a restart on a block's first, second, second-last or last step, on every backend", (tMul, dtype) => {
    // first_decay_steps 256: every restart (256 (2^k - 1) for t_mul 2, 256 k for t_mul 1) is a
    // multiple of 256, so a range from start puts each on block position -start mod 256. A block
    // whose last step restarts shares no index with its first (a block end read one step early
    // passed every other test here).
    const s = new CosineDecayRestarts({ initialLearningRate: 0.1, firstDecaySteps: 256, tMul, mMul: 0.9, alpha: 0.01, dtype });
    const n = 4 * 256;
    for (const start of [0, -1, 1, 2]) {
      const want = new Map<number, number>();
      for (let i = 0; i < n; i++) if (i % 256 < 2 || i % 256 > 253) want.set(i, oracleCosineDecayRestarts(0.1, 256, tMul, 0.9, 0.01, start + i, dtype));
      for (const backend of BACKENDS) {
        const got = s.range(start, start + n, { backend });
        for (const [i, v] of want) expect([backend, start + i, got[i]]).toEqual([backend, start + i, v]);
      }
    }
  });
});

/** The kernels' parameter block of a schedule in a dtype (its plan's, built at the first batch). */
function paramsOf(s: CosineDecayRestarts<DType>, dtype: DType): Float64Array {
  return (s as unknown as { planFor(d: DType): { params: Float64Array } }).planFor(dtype).params;
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);
/** The float of the dtype just below x > 0. */
function below(x: number, dtype: DType): number {
  if (dtype === "float32") return ((f32[0] = x), (u32[0] = u32[0]! - 1), f32[0]!);
  return ((f64[0] = x), (u64[0] = u64[0]! - 1n), f64[0]!);
}

describe("the restart table (the index of each fraction, and what each index fixes, computed once per schedule)", () => {
  // Each entry's end is the least fraction whose index, by Keras' log formula evaluated exactly
  // (the oracle), is past the entry's: the index there is beyond, and at the float below it is not.
  // Then the entry's sum, period and 0.5 M^k are the oracle's.
  test.each<[number, number, DType]>([
    [2, 0.9, "float32"],
    [3, 1, "float32"],
    [10, 1, "float32"],
    [1.5, 0.7, "float32"],
    [0.5, 1, "float32"],
    [0.9, 1.1, "float32"],
    [1, 0.9, "float32"],
    [2, 0.9, "float64"],
    [3, 1, "float64"],
    [10, 0.5, "float64"],
    [0.5, 1, "float64"],
    [1.1, 1, "float64"],
  ])("t_mul %s, m_mul %s, %s: every entry's end, sum, period and 0.5 M^k are the oracle's", (tMul, mMul, dtype) => {
    const fd = 7;
    const s = new CosineDecayRestarts({ initialLearningRate: 0.1, firstDecaySteps: fd, tMul, mMul, dtype });
    const p = paramsOf(s, dtype);
    const n = p[P.TABLE]!;
    const limit = p[P.TABLE_LIMIT]!;
    expect(n).toBeGreaterThan(5);
    const R = (x: number) => (dtype === "float32" ? Math.fround(x) : x);
    const T = R(tMul);
    for (let k = 0; k < n; k++) {
      const at = P.SLOTS + TABLE_STRIDE * k;
      const end = p[at + T_END]!;
      // Every entry up to the table's limit: index k + 1 or more from its end on, k or less below.
      if (end <= limit && Number.isFinite(end)) {
        expect([k, !(oracleRestartIndex(tMul, end, dtype) < k + 1)]).toEqual([k, true]);
        const prior = below(end, dtype);
        if (prior >= 0 && (k === 0 || prior >= p[at - TABLE_STRIDE + T_END]!)) expect([k, oracleRestartIndex(tMul, prior, dtype) <= k]).toEqual([k, true]);
      }
      const P_k = T === 1 ? 1 : oraclePowIEEE(T, k, dtype);
      const sum = T === 1 ? k : op(op(1, "-", P_k, dtype), "/", op(1, "-", T, dtype), dtype);
      expect([k, p[at + T_SUM], p[at + T_PERIOD], p[at + T_HALF_M]]).toEqual([k, sum, P_k, op(0.5, "*", oraclePowIEEE(R(mMul), k, dtype), dtype)]);
    }
  }, 120_000);

  test("a fraction at, just below and just above every entry's end gives the oracle's rate on every backend (float32 and float64, t_mul 3 and 0.9)", () => {
    // first_decay_steps 1: the fraction is the step itself, so a step can be any float of the dtype.
    for (const dtype of DTYPES)
      for (const [tMul, mMul] of [[3, 0.8], [0.9, 1]] as const) {
        const s = new CosineDecayRestarts({ initialLearningRate: 0.5, firstDecaySteps: 1, tMul, mMul, alpha: 0.1, dtype });
        const p = paramsOf(s, dtype);
        const steps: number[] = [];
        for (let k = 0; k < Math.min(p[P.TABLE]!, 40); k++) {
          const end = p[P.SLOTS + TABLE_STRIDE * k + T_END]!;
          if (!Number.isFinite(end) || end > 1e15) continue;
          steps.push(end, below(end, dtype), dtype === "float32" ? Math.fround(end * (1 + 2 ** -23)) : end * (1 + 2 ** -52));
        }
        const want = steps.map((step) => oracleCosineDecayRestarts(0.5, 1, tMul, mMul, 0.1, step, dtype));
        for (const backend of BACKENDS) expectSameBits(want, s.evaluate(steps, { backend }), `${dtype} ${tMul} ${backend}`);
      }
  }, 120_000);
});

describe("arrays of steps across many restarts (the table, four float32 lanes at a time), on every backend", () => {
  // Shuffled steps over thousands of periods, steps past the table's reach (beyond 2^40 first
  // periods), negative steps and, for t_mul < 1, steps past the schedule's end (NaN), on a chunk of
  // 13 elements; every backend the same bits, the oracle's at every 11th step and every fallback.
  beforeAll(() => setChunkLengthForTesting(13));
  afterAll(() => setChunkLengthForTesting(1 << 16));
  test.each<[number, number, DType]>([
    [2, 0.9, "float32"],
    [1.5, 1, "float32"],
    [1, 0.8, "float32"],
    [0.5, 1, "float32"],
    [2, 0.9, "float64"],
    [3, 0.7, "float64"],
  ])("t_mul %s, m_mul %s, %s", (tMul, mMul, dtype) => {
    const fd = 37;
    const s = new CosineDecayRestarts({ initialLearningRate: 0.1, firstDecaySteps: fd, tMul, mMul, alpha: 0.01, dtype });
    const steps: number[] = [];
    for (let i = 0; i < 3000; i++) steps.push(Math.floor(((i * 7919) % 3000) * 1.3 ** (i % 40)));
    steps.push(-1, -36, -37, -38, -1e6, fd * 2 ** 40, fd * 2 ** 41, 2 ** 60, 0.5, 1e-9, fd * 2 ** 40 - 1);
    const results = BACKENDS.map((backend) => s.evaluate(steps, { backend }));
    for (let b = 1; b < BACKENDS.length; b++) expectSameBits(results[0]!, results[b]!, BACKENDS[b]);
    for (let i = 0; i < steps.length; i += i >= 3000 ? 1 : 11)
      expect([steps[i], results[0]![i]]).toEqual([steps[i], oracleCosineDecayRestarts(0.1, fd, tMul, mMul, 0.01, steps[i]!, dtype)]);
  }, 120_000);
});

describe("float64 ranges over long periods: the run step at a held anchor, on every backend", () => {
  // Periods of 30,000 steps and more: a block's steps share a cosine anchor for runs of about 60
  // steps, which the SIMD build takes two at a time with the run step and the scalar build and the
  // twin one at a time; a block holding a restart, a run with the anchor at pi/2 and the steps the
  // run step leaves go element by element. Chunk of 1,001 steps: pairs straddle chunk ends.
  beforeAll(() => setChunkLengthForTesting(1001));
  afterAll(() => setChunkLengthForTesting(1 << 16));
  test.each<[number, number]>([
    [2, 0.9],
    [1, 1],
    [0.75, 1],
  ])("t_mul %s, m_mul %s: 100,000 steps, the oracle's at every 251st and at both sides of every restart", (tMul, mMul) => {
    const fd = 30_000;
    const s = new CosineDecayRestarts({ initialLearningRate: 0.1, firstDecaySteps: fd, tMul, mMul, alpha: 0.01, dtype: "float64" });
    const start = -1_000;
    const n = 100_000;
    const [first, ...rest] = (["js", "wasm-scalar", "wasm-simd"] as const).map((backend) => s.range(start, start + n, { backend }));
    for (const other of rest) expectSameBits(first!, other);
    const oracle = (step: number) => oracleCosineDecayRestarts(0.1, fd, tMul, mMul, 0.01, step, "float64");
    for (let i = 0; i < n; i += 251) expect([i, first![i]]).toEqual([i, oracle(start + i)]);
    let at = 0;
    for (let length = fd, k = 0; k < 4; k++, length *= tMul) {
      at += length;
      const i = Math.round(at) - start;
      for (const j of [i - 2, i - 1, i, i + 1]) if (j >= 0 && j < n) expect([j, first![j]]).toEqual([j, oracle(start + j)]);
    }
  }, 120_000);
});

describe("the API", () => {
  test("Keras' positional order, defaults and config keys", () => {
    const s = new CosineDecayRestarts(0.1, 1000);
    expect(s.getConfig()).toEqual({ initial_learning_rate: 0.1, first_decay_steps: 1000, t_mul: 2, m_mul: 1, alpha: 0, name: "SGDRDecay" });
    const t = new CosineDecayRestarts(0.05, 10, 3, 4, 0.1, "my_cdr");
    expect(t.getConfig()).toEqual({ initial_learning_rate: 0.05, first_decay_steps: 10, t_mul: 3, m_mul: 4, alpha: 0.1, name: "my_cdr" });
    const u = new CosineDecayRestarts({ initialLearningRate: 0.05, firstDecaySteps: 10, tMul: 3, mMul: 4, alpha: 0.1, name: "my_cdr" });
    expect(u.getConfig()).toEqual(t.getConfig());
    expect(CosineDecayRestarts.fromConfig(t.getConfig()).range(0, 500)).toEqual(t.range(0, 500));
    expect(String(t)).toBe('CosineDecayRestarts(initial_learning_rate=0.05, first_decay_steps=10, t_mul=3, m_mul=4, alpha=0.1, name="my_cdr")');
  });
});

describe("refused input, in Keras' words where Keras has them", () => {
  const make = (...args: unknown[]) => () => new (CosineDecayRestarts as unknown as new (...a: unknown[]) => unknown)(...args);
  test.each<[string, () => unknown, ErrorConstructor, string]>([
    ["first_decay_steps = 0", make(0.1, 0), RangeError, "Argument `first_decay_steps` must be > 0. Received: first_decay_steps=0"],
    ["negative first_decay_steps", make(0.1, -3), RangeError, "Argument `first_decay_steps` must be > 0. Received: first_decay_steps=-3"],
    ["t_mul = 0", make(0.1, 10, 0), RangeError, "Argument `t_mul` must be > 0. Received: t_mul=0"],
    ["negative t_mul", make(0.1, 10, -2), RangeError, "Argument `t_mul` must be > 0. Received: t_mul=-2"],
    ["negative m_mul", make(0.1, 10, 2, -0.5), RangeError, "Argument `m_mul` must be >= 0. Received: m_mul=-0.5"],
    ["infinite t_mul", make(0.1, 10, Infinity), RangeError, "Argument `t_mul` must be finite. Received: t_mul=Infinity"],
    ["NaN m_mul", make(0.1, 10, 2, NaN), RangeError, "Argument `m_mul` must be finite. Received: m_mul=NaN"],
    ["NaN alpha", make(0.1, 10, 2, 1, NaN), RangeError, "Argument `alpha` must be finite. Received: alpha=NaN"],
    ["string t_mul", make(0.1, 10, "2"), TypeError, 'Argument `t_mul` must be a number. Received: t_mul="2" (string)'],
    ["numeric name", make(0.1, 10, 2, 1, 0, 7), TypeError, "Argument `name` must be a string or null. Received: name=7"],
    ["too many arguments", make(0.1, 10, 2, 1, 0, "x", 1), TypeError, "CosineDecayRestarts takes at most 6 arguments. Received: 7"],
    ["first_decay_steps that float32 rounds to 0", () => new CosineDecayRestarts(0.1, 1e-50)(1), RangeError, "Argument `first_decay_steps` must be > 0 in float32, where it rounds to 0"],
  ])("%s", (_, run, type, message) => {
    expect(run).toThrow(type);
    expect(run).toThrow(message);
  });
});
