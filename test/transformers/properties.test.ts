/**
 * Property tests of lrdecay/transformers against the decimal.js oracle of HF's operations
 * (oracle.ts): generated settings and steps (before, inside and past each phase, up to three times
 * the training length) for the cosine, polynomial and inverse-sqrt families and the rest; each value
 * by stepping (a LambdaLR resumed at the first step) and by range on every backend must be the
 * oracle's, bit for bit. Then the backends against each other on long ranges across chunks.
 */
import fc from "fast-check";
import { afterAll, describe, expect, test } from "vitest";
import { setChunkLengthForTesting } from "../../src/core/wasm.js";
import * as hf from "../../src/transformers/index.js";
import {
  type Cosine, oracleCosine, oracleCosineLrRate, oracleInverseSqrt, oraclePolynomial, oracleRestarts, oracleWsd, type Polynomial, type Shape, type Wsd,
} from "./oracle.js";

const BACKENDS = ["js", "wasm-scalar", "wasm-simd"] as const;
/** Runs per property: each value costs the oracle a few milliseconds. */
const RUNS = 25;

/** A one-group optimizer whose lr is `base` (and defaults.lr `defaultLr`), resumable at any step. */
const optimizer = (base: number, defaultLr = base) => ({ param_groups: [{ lr: base, initial_lr: base }], defaults: { lr: defaultLr } });

interface Run {
  /** The scheduler, resumed so that its first value is step `start`'s. */
  make: (lastEpoch: number) => hf.LRScheduler;
  /** The oracle's lr at step t. */
  oracle: (t: number) => number;
  start: number;
  count: number;
}

/** Every backend's range and the stepped scheduler give the oracle's values at start .. start + count - 1. */
function check({ make, oracle, start, count }: Run): void {
  const want = Array.from({ length: count }, (_, k) => oracle(start + k));
  const s = make(start - 1);
  const stepped = [s.getLastLr()[0]!];
  for (let k = 1; k < count; k++) {
    s.step();
    stepped.push(s.getLastLr()[0]!);
  }
  expect(["step", stepped]).toEqual(["step", want]);
  const fresh = make(-1);
  for (const backend of BACKENDS) expect([backend, [...fresh.range(start, start + count, { backend })]]).toEqual([backend, want]);
}

/** A step range: anywhere up to 3 n, or next to one of the given boundaries. */
const window = (bounds: number[], top: number) =>
  fc.record({
    start: fc.oneof(fc.integer({ min: 0, max: Math.max(0, 3 * top) }), fc.constantFrom(...bounds).chain((b) => fc.integer({ min: Math.max(0, b - 4), max: b + 2 }))),
    count: fc.integer({ min: 1, max: 8 }),
  });

/** Settings, and a step range next to the boundaries they make. */
const withWindow = <T>(settings: fc.Arbitrary<T>, bounds: (s: T) => number[], top: (s: T) => number) =>
  settings.chain((s) => fc.tuple(fc.constant(s), window(bounds(s), top(s))));

const base = fc.oneof(fc.constantFrom(0.1, 1, 5e-5, 3e-4), fc.double({ min: 1e-6, max: 10, noNaN: true }));
const cycles = fc.oneof(fc.constantFrom(0.5, 1, 1.5, 2.5, 3), fc.double({ min: -4, max: 8, noNaN: true }));
const ratio = fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.9, noNaN: true }));
const steps = (max: number) => fc.integer({ min: 0, max });

describe("the cosine family against the oracle", () => {
  const cosine = fc.record({ w: steps(300), n: steps(3000), cycles, m: ratio });

  test("get_cosine_schedule_with_warmup and get_cosine_with_min_lr_schedule_with_warmup", () => {
    fc.assert(
      fc.property(withWindow(cosine, (c) => [c.w, c.n], (c) => c.n), base, fc.boolean(), ([c, { start, count }], b, minLr) => {
        const settings = minLr ? c : { ...c, m: 0 };
        check({
          make: (lastEpoch) =>
            minLr
              ? hf.getCosineWithMinLrScheduleWithWarmup(optimizer(b), { numWarmupSteps: c.w, numTrainingSteps: c.n, numCycles: c.cycles, minLrRate: c.m, lastEpoch })
              : hf.getCosineScheduleWithWarmup(optimizer(b), c.w, c.n, c.cycles, lastEpoch),
          oracle: (t) => oracleCosine(b, settings, t),
          start,
          count,
        });
      }),
      { numRuns: RUNS },
    );
  });

  test("get_cosine_with_min_lr_schedule_with_warmup_lr_rate (warmup_lr_rate None or given)", () => {
    fc.assert(
      fc.property(withWindow(cosine, (c) => [0, c.w, c.n], (c) => c.n), base, fc.option(fc.double({ min: 0, max: 1, noNaN: true })), ([c, { start, count }], b, rate) => {
        check({
          make: (lastEpoch) =>
            hf.getCosineWithMinLrScheduleWithWarmupLrRate(optimizer(b), {
              numWarmupSteps: c.w, numTrainingSteps: c.n, numCycles: c.cycles, minLrRate: c.m, warmupLrRate: rate, lastEpoch,
            }),
          oracle: (t) => oracleCosineLrRate(b, c, rate, t),
          start,
          count,
        });
      }),
      { numRuns: RUNS },
    );
  });

  test("get_cosine_with_hard_restarts_schedule_with_warmup", () => {
    fc.assert(
      fc.property(
        withWindow(fc.record({ w: steps(300), n: steps(3000), cycles: fc.oneof(fc.integer({ min: 1, max: 6 }), cycles) }), (c) => [c.w, c.n], (c) => c.n),
        base,
        ([c, { start, count }], b) => {
          check({
            make: (lastEpoch) => hf.getCosineWithHardRestartsScheduleWithWarmup(optimizer(b), c.w, c.n, c.cycles, lastEpoch),
            oracle: (t) => oracleRestarts(b, c, t),
            start,
            count,
          });
        },
      ),
      { numRuns: RUNS },
    );
  });

  test("get_wsd_schedule, every warm-up and decay shape", () => {
    const shape = fc.constantFrom<Shape>("linear", "cosine", "1-sqrt");
    fc.assert(
      fc.property(
        withWindow(
          fc.record({ w: steps(200), stable: steps(300), d: steps(400), warmupType: shape, decayType: shape, m: ratio, cycles }),
          (c) => [c.w, c.w + c.stable, c.w + c.stable + c.d],
          (c) => c.w + c.stable + c.d,
        ),
        base,
        ([c, { start, count }]: [Wsd, { start: number; count: number }], b) => {
          check({
            make: (lastEpoch) =>
              hf.getWsdSchedule(optimizer(b), {
                numWarmupSteps: c.w, numDecaySteps: c.d, numStableSteps: c.stable, warmupType: c.warmupType, decayType: c.decayType,
                minLrRatio: c.m, numCycles: c.cycles, lastEpoch,
              }),
            oracle: (t) => oracleWsd(b, c, t),
            start,
            count,
          });
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe("the polynomial and inverse-sqrt families against the oracle", () => {
  test("get_polynomial_decay_schedule_with_warmup (lr_init = optimizer.defaults.lr, any group lr)", () => {
    const power = fc.oneof(fc.constantFrom(0, 0.5, 1, 2, 3), fc.double({ min: 0.05, max: 6, noNaN: true }));
    fc.assert(
      fc.property(
        withWindow(
          fc.record({ w: steps(300), n: steps(3000), power, lrInit: fc.double({ min: 1e-5, max: 2, noNaN: true }), end: fc.double({ min: 0, max: 0.95, noNaN: true }) }),
          (r) => [r.w, r.n],
          (r) => r.n,
        ),
        base,
        ([r, { start, count }], b) => {
          const p: Polynomial = { w: r.w, n: Math.max(r.n, r.w + 1), lrEnd: r.lrInit * r.end, power: r.power, lrInit: r.lrInit };
          check({
            make: (lastEpoch) => hf.getPolynomialDecayScheduleWithWarmup(optimizer(b, p.lrInit), p.w, p.n, p.lrEnd, p.power, lastEpoch),
            oracle: (t) => oraclePolynomial(b, p, t),
            start,
            count,
          });
        },
      ),
      { numRuns: RUNS },
    );
  });

  test("get_inverse_sqrt_schedule (timescale None or given)", () => {
    fc.assert(
      fc.property(
        withWindow(fc.tuple(steps(500), fc.option(fc.integer({ min: 1, max: 20_000 }))), ([w, ts]) => [w, ts ?? 0], ([w, ts]) => ts ?? (w || 10_000)),
        base,
        ([[w, timescale], { start, count }], b) => {
        check({
          make: (lastEpoch) => hf.getInverseSqrtSchedule(optimizer(b), w, timescale, lastEpoch),
          oracle: (t) => oracleInverseSqrt(b, w, timescale, t),
          start,
          count,
        });
        },
      ),
      { numRuns: RUNS },
    );
  });

  test("get_inverse_sqrt_schedule past 2^53 in HF's int sum: the exact quotient, where doubles would round twice", () => {
    const b = 0.1;
    // A timescale near 2^53: t + shift = t + timescale - W passes 2^53 from t = 5 on, in a range.
    const big = 2 ** 53 - 1;
    check({ make: (lastEpoch) => hf.getInverseSqrtSchedule(optimizer(b), 3, big, lastEpoch), oracle: (t) => oracleInverseSqrt(b, 3, big, t), start: 0, count: 40 });
    // Steps near 2^53 with a small timescale, where the double sum would give other values: stepping
    // (resumed there) and the lambda's batch plan on every backend (range stops at 2^31 steps).
    const w = 1;
    const timescale = 2 ** 30 + 7;
    const start = 2 ** 53 - 300;
    const count = 200;
    const exact = Array.from({ length: count }, (_, k) => oracleInverseSqrt(b, w, timescale, start + k));
    const naive = exact.map((_, k) => b * (1.0 / Math.sqrt((start + k + (timescale - w)) / timescale)));
    expect(naive.filter((v, k) => !Object.is(v, exact[k])).length).toBeGreaterThan(0);
    const s = hf.getInverseSqrtSchedule(optimizer(b), w, timescale, start - 1);
    const stepped = [s.getLastLr()[0]];
    for (let k = 1; k < count; k++) {
      s.step();
      stepped.push(s.getLastLr()[0]);
    }
    expect(stepped).toEqual(exact);
    const lambda = (s as hf.LambdaLR).lrLambdas[0] as hf.LrLambda & { batch: hf.LambdaBatch };
    for (const backend of BACKENDS) {
      const factors = new Float64Array(count);
      lambda.batch.fill(start, count, factors, backend);
      expect([backend, [...factors].map((f) => b * f)]).toEqual([backend, exact]);
    }
  });
});

describe("every backend gives the same bits on long ranges", () => {
  afterAll(() => setChunkLengthForTesting(1 << 16));
  const schedules: [string, (b: number) => hf.LRScheduler][] = [
    ["cosine", (b) => hf.getCosineScheduleWithWarmup(b, 1000, 40_000)],
    ["cosine, 2.5 cycles, min lr", (b) => hf.getCosineWithMinLrScheduleWithWarmup(b, { numWarmupSteps: 100, numTrainingSteps: 30_000, numCycles: 2.5, minLrRate: 0.05 })],
    ["cosine_warmup_with_min_lr", (b) => hf.getCosineWithMinLrScheduleWithWarmupLrRate(b, { numWarmupSteps: 100, numTrainingSteps: 30_000, minLrRate: 0.05, warmupLrRate: 0.01 })],
    ["hard restarts", (b) => hf.getCosineWithHardRestartsScheduleWithWarmup(b, 500, 30_000, 4)],
    ["linear", (b) => hf.getLinearScheduleWithWarmup(b, 500, 30_000)],
    ["polynomial 1.7", (b) => hf.getPolynomialDecayScheduleWithWarmup(b, 500, 30_000, 1e-6, 1.7)],
    ["polynomial 2", (b) => hf.getPolynomialDecayScheduleWithWarmup(b, 500, 30_000, 1e-6, 2)],
    ["inverse sqrt", (b) => hf.getInverseSqrtSchedule(b, 500)],
    ["wsd 1-sqrt", (b) => hf.getWsdSchedule(b, { numWarmupSteps: 500, numDecaySteps: 5000, numTrainingSteps: 30_000, warmupType: "1-sqrt", decayType: "1-sqrt" })],
    ["wsd cosine", (b) => hf.getWsdSchedule(b, { numWarmupSteps: 500, numDecaySteps: 5000, numTrainingSteps: 30_000, warmupType: "cosine", minLrRatio: 0.1 })],
  ];
  test.each(schedules)("%s: 45,000 steps in chunks of 4,099, each backend's bits the JS twin's, and the lambda's at 200 steps", (_name, make) => {
    setChunkLengthForTesting(4099);
    const s = make(3e-4);
    const js = s.range(0, 45_000, { backend: "js" });
    for (const backend of ["wasm-scalar", "wasm-simd", "auto"] as const) {
      const got = s.range(0, 45_000, { backend });
      expect([backend, [...got.keys()].filter((i) => !Object.is(got[i], js[i])).slice(0, 5)]).toEqual([backend, []]);
    }
    const lambda = (s as hf.LambdaLR).lrLambdas[0]!;
    for (let t = 0; t < 45_000; t += 225) expect([t, 3e-4 * lambda(t)]).toEqual([t, js[t]]);
  });
});
