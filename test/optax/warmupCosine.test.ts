/**
 * warmup_cosine_decay_schedule's fused kernel (assembly/optax/cosineDecaySchedule.ts sgdrSchedule32/64
 * with one cycle, its lanes' parameters splatted once, and its twin), which an array of counts takes
 * when warmup_steps > 0: each count's piece chosen in its lane, both pieces' operations as the join's. Every value the
 * decimal.js oracle's (the literal jnp.where of optax's join), on every backend, in both dtypes:
 * counts at the boundary and its neighbours, negative ones, int32's ends (float32), beyond int32 and
 * at 2^53's edge (float64), warm-up and cosine counts mixed in one group of lanes, odd lengths and
 * chunk ends; the exponents that take the lanes (integers, 0.5) and the one that does not (1.7).
 * The errors are the join's: the same as joinSchedules of the two pieces, where the join runs.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { setChunkLengthForTesting } from "../../src/core/wasm.js";
import type { DType } from "../../src/core/types.js";
import * as optax from "../../src/optax/index.js";
import * as cosineSlots from "../../assembly/optax/cosineDecaySchedule.params.js";
import * as slots from "../../assembly/optax/warmupCosineDecaySchedule.params.js";
import { BACKENDS, expectArrays, interleaved } from "./fused.js";
import * as oracle from "./oracle.js";

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

interface Args { init: number; peak: number; warmup: number; decay: number; end: number; exponent: number }

const CASES: Args[] = [
  { init: 0, peak: 0.1, warmup: 10, decay: 100, end: 1e-4, exponent: 1 },
  { init: 0.2, peak: 1.21, warmup: 50, decay: 100, end: -3, exponent: 2 },
  { init: 0.01, peak: 0.3, warmup: 1, decay: 37, end: 0.07, exponent: 0.5 },
  { init: 0.5, peak: 0.02, warmup: 7, decay: 8, end: 0.001, exponent: 1.7 },
  { init: 0.2, peak: 0, warmup: 13, decay: 90, end: -3, exponent: 3 },
  { init: 0, peak: 0.1, warmup: 2 ** 30, decay: 2 ** 31 - 5, end: 0, exponent: 1 },
  // alpha = 1e17: R(1 - alpha) + R(alpha) is 0, not 1, so the cosine's value at the boundary (0) is
  // not the warm-up's end (0.5), and a count given the wrong piece there shows.
  { init: 0.2, peak: 0.5, warmup: 9, decay: 60, end: 5e16, exponent: 1 },
];

/** Counts around the boundary and the cosine's end, negative, at int32's ends; beyond int32 and near 2^53 in float64. */
function countsFor(a: Args, dtype: DType): number[] {
  const near = [0, a.warmup, a.decay, 2 * a.decay].flatMap((b) => [b - 3, b - 2, b - 1, b, b + 1, b + 2, b + 3]);
  const far = dtype === "float32" ? [INT32_MIN, INT32_MIN + 1, INT32_MAX - 1, INT32_MAX] : [INT32_MIN - 1, 2 ** 31, 2 ** 40 + 3, 2 ** 53 - 1, -(2 ** 53) + 1];
  const inside = Array.from({ length: 40 }, (_, k) => Math.floor((k * a.decay) / 17) - 5);
  const all = [...near, ...far, ...inside, -0, -1, -7].filter((t) => dtype === "float64" || (t >= INT32_MIN && t <= INT32_MAX));
  return interleaved(all);
}

const make = (a: Args, dtype: DType) =>
  optax.warmupCosineDecaySchedule({ initValue: a.init, peakValue: a.peak, warmupSteps: a.warmup, decaySteps: a.decay, endValue: a.end, exponent: a.exponent, dtype });

test("a cycle's cosine slots are cosine_decay_schedule's (its helpers read the same block)", () => {
  const { SLOTS: _, ...cosine } = cosineSlots;
  for (const [name, at] of Object.entries(cosine)) expect([name, (slots as Record<string, number>)[name]]).toEqual([name, at]);
  expect(slots.SLOTS).toBe(cosineSlots.SLOTS + 4);
});

describe.each(["float32", "float64"] as const)("warmup_cosine_decay_schedule's fused kernel (%s)", (dtype) => {
  beforeAll(() => setChunkLengthForTesting(13));
  afterAll(() => setChunkLengthForTesting(1 << 16));

  test.each(CASES)("init $init, peak $peak, warm-up $warmup, decay $decay, end $end, exponent $exponent", (a) => {
    const s = make(a, dtype);
    const want = oracle.warmupCosine(a.init, a.peak, a.warmup, a.decay, a.end, a.exponent, dtype);
    const counts = countsFor(a, dtype);
    expectArrays(s, want, counts);
  });

  test("a step that is no count is named as the join of the two pieces names it", () => {
    const a = CASES[0]!;
    const alpha = a.end / a.peak;
    const join = optax.joinSchedules({
      schedules: [optax.linearSchedule({ initValue: a.init, endValue: a.peak, transitionSteps: a.warmup }), optax.cosineDecaySchedule({ initValue: a.peak, decaySteps: a.decay - a.warmup, alpha })],
      boundaries: [a.warmup],
      dtype,
    });
    const s = make(a, dtype);
    const bad = dtype === "float32" ? 2 ** 31 : 2 ** 53;
    for (const steps of [[1, 20, 2.5, 30], [50, 3, 11, bad], [NaN, 1]])
      for (const backend of BACKENDS) {
        const message = (() => {
          try {
            join.evaluate(steps, { backend });
          } catch (e) {
            return (e as Error).message;
          }
          return "none";
        })();
        expect(message).toMatch(/^Argument `steps` must hold/);
        expect(() => s.evaluate(steps, { backend })).toThrow(message);
      }
  });

  test("the first bad step is named, even where a later one is no number (the kernel reads a chunk, the join a block, ahead)", () => {
    setChunkLengthForTesting(1 << 16);
    const s = make(CASES[0]!, dtype);
    const steps: unknown[] = Array.from({ length: 40_000 }, (_, i) => i % 97);
    steps[5] = 0.5;
    steps[39_999] = "7";
    for (const backend of BACKENDS) expect(() => s.evaluate(steps as number[], { backend })).toThrow(/^Argument `steps` must hold .*Received: steps\[5\]=0\.5$/);
    setChunkLengthForTesting(13);
  });
});

describe("undecided cosines in the fused kernel's lanes", () => {
  // 100,000 shuffled counts over a long decay: about 1 pair in 500 has a lane the fast cosine
  // cannot round (its group then redone one count at a time), and in float32 a few of those go on
  // to the exact path (float64's general path leaves about 1 in 2^36). The array's values must be
  // the range's (the join's runs: another path) bit for bit.
  test.each(["float32", "float64"] as const)("%s: shuffled counts of a 100,010-step schedule equal its range, on every backend", (dtype) => {
    const s = optax.warmupCosineDecaySchedule({ initValue: 0, peakValue: 0.1, warmupSteps: 10, decaySteps: 100_010, endValue: 1e-4, dtype });
    const n = 100_010;
    const want = s.range(0, n);
    const counts = Array.from({ length: n }, (_, i) => i);
    // A fixed shuffle (a linear congruential generator), so a failure repeats.
    let seed = 12345;
    for (let i = n - 1; i > 0; i--) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const j = seed % (i + 1);
      [counts[i], counts[j]] = [counts[j]!, counts[i]!];
    }
    for (const backend of BACKENDS) {
      const got = s.evaluate(counts, { backend });
      const bad = counts.filter((t, i) => !Object.is(got[i], want[t]));
      expect([backend, bad.slice(0, 5)]).toEqual([backend, []]);
    }
  });
});
