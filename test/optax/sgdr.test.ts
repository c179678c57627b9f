/**
 * sgdr_schedule in float32 runs as one join of every cycle's two pieces (src/optax/joinSchedules.ts
 * flatSgdr) where that gives every count the same piece and count as optax's join of joins, and as
 * the join of joins elsewhere (a negative warm-up; a restart plus its warm-up at 2^31 or beyond).
 * Both, on every backend, against the decimal.js oracle of the join of joins: counts at every
 * boundary and its neighbours, int32's ends, ranges across the boundaries and chunk ends. (Arrays
 * go through the fused kernel where every warm-up is > 0: tested on its own below, in both dtypes.)
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { setChunkLengthForTesting } from "../../src/core/wasm.js";
import * as optax from "../../src/optax/index.js";
import { expectArrays, interleaved } from "./fused.js";
import * as oracle from "./oracle.js";

const BACKENDS = ["js", "wasm-scalar", "wasm-simd", "auto"] as const;
const INT32_MAX = 2 ** 31 - 1;

interface Cycle { init: number; peak: number; warmup: number; decay: number; end: number; exponent: number }
const cycle = (warmup: number, decay: number, peak = 0.1, init = 0.01, end = 0.001, exponent = 1): Cycle => ({ init, peak, warmup, decay, end, exponent });

const CASES: [string, Cycle[]][] = [
  ["warm-ups of every size", [cycle(10, 100), cycle(25, 300, 0.2), cycle(1, 50, 0.05, 0, 0, 2)]],
  ["a warm-up of 0 (a boundary twice) first, in the middle and last", [cycle(0, 40), cycle(0, 60, 0.3), cycle(5, 70), cycle(0, 30)]],
  ["a negative warm-up: the join of joins", [cycle(10, 100), cycle(-2, 50)]],
  ["restarts at int32's scale, the last restart plus its warm-up just below 2^31", [cycle(2 ** 29, 2 ** 30), cycle(2 ** 28, 2 ** 30 - 1000), cycle(999, 5000)]],
  ["the last restart plus its warm-up at 2^31: the join of joins", [cycle(2 ** 29, 2 ** 30), cycle(2 ** 28, 2 ** 30 - 1000), cycle(1000, 5000)]],
  ["one cycle", [cycle(7, 33)]],
];

function parts(cycles: readonly Cycle[]) {
  const restarts: number[] = [];
  let at = 0;
  for (const c of cycles.slice(0, -1)) restarts.push((at += c.decay));
  const make = () => optax.sgdrSchedule({ cosineKwargs: cycles.map((c) => ({ initValue: c.init, peakValue: c.peak, warmupSteps: c.warmup, decaySteps: c.decay, endValue: c.end, exponent: c.exponent })) });
  const want = oracle.join(cycles.map((c) => oracle.warmupCosine(c.init, c.peak, c.warmup, c.decay, c.end, c.exponent, "float32")), restarts, "float32");
  // Every boundary the flat join has (restarts, restarts plus warm-ups) and its neighbours.
  const edges = [0, ...restarts].flatMap((b, k) => [b, b + cycles[k]!.warmup]).flatMap((b) => [b - 2, b - 1, b, b + 1, b + 2]);
  const counts = [...edges, -(2 ** 31), -(2 ** 31) + 1, -1, INT32_MAX - 1, INT32_MAX].filter((t) => t >= -(2 ** 31) && t <= INT32_MAX);
  return { make, want, counts };
}

describe("sgdr_schedule (float32): the flat join and the join of joins give optax's values", () => {
  beforeAll(() => setChunkLengthForTesting(13));
  afterAll(() => setChunkLengthForTesting(1 << 16));

  test.each(CASES)("%s", (_, cycles) => {
    const { make, want, counts } = parts(cycles);
    const s = make();
    const shuffled = [...counts].reverse();
    for (const backend of BACKENDS) {
      const got = s.evaluate(shuffled, { backend });
      shuffled.forEach((t, i) => {
        if (!Object.is(got[i], want(t))) expect([backend, t, got[i]]).toEqual([backend, t, want(t)]);
      });
      // Ranges of 9 across each boundary, and singles.
      for (const t of counts.filter((c) => c + 9 <= INT32_MAX + 1)) {
        const r = s.range(t - 4 < -(2 ** 31) ? t : t - 4, (t - 4 < -(2 ** 31) ? t : t - 4) + 9, { backend });
        for (let i = 0; i < 9; i++) {
          const c = (t - 4 < -(2 ** 31) ? t : t - 4) + i;
          if (!Object.is(r[i], want(c))) expect([backend, "range", c, r[i]]).toEqual([backend, "range", c, want(c)]);
        }
      }
    }
    for (const t of counts) expect([t, s(t)]).toEqual([t, want(t)]);
  });
});

/**
 * The fused sgdr kernel (cosineDecaySchedule.ts sgdrSchedule32/64), which arrays take when every
 * warm-up is > 0: in both dtypes, on every backend, against the oracle of the join of joins. Each
 * cycle has alpha = 1e17 (end_value = 1e17 * peak_value), so R(1 - alpha) + R(alpha) is 0 and the
 * cosine's value at its count 0 (0) is not the warm-up's end (the peak), and a cycle's end is not
 * the next cycle's start: a count given the wrong cycle or the wrong piece shows. Counts at every
 * restart and warm-up end and their neighbours, negative, at int32's ends, beyond int32 and near
 * 2^53 (float64), interleaved so that lanes of one group fall in different cycles; lengths 1 to 9
 * and chunk ends of 13; one exponent everywhere (the lanes) and mixed or fractional ones (element
 * by element).
 */
const huge = (warmup: number, decay: number, peak: number, init: number, exponent = 1): Cycle => ({ init, peak, warmup, decay, end: 1e17 * peak, exponent });

const FUSED: [string, Cycle[]][] = [
  ["three cycles, exponent 1", [huge(10, 100, 0.5, 0.2), huge(25, 300, 0.25, 0.01), huge(1, 50, 0.125, 0.03)]],
  ["two cycles, exponent 2", [huge(3, 7, 0.5, 0.1, 2), huge(4, 9, 0.75, 0.2, 2)]],
  ["exponents 1 and 2 mixed (element by element)", [huge(10, 100, 0.5, 0.2, 1), huge(5, 30, 0.25, 0.01, 2), huge(2, 20, 0.5, 0, 1)]],
  ["exponent 0.5 everywhere (the square root in lanes)", [huge(10, 40, 0.5, 0.2, 0.5), huge(5, 30, 0.25, 0.01, 0.5)]],
  ["exponent 1.7", [huge(10, 40, 0.5, 0.2, 1.7), huge(5, 30, 0.25, 0.01, 1.7)]],
  ["one cycle", [huge(7, 33, 0.5, 0.25)]],
  ["restarts at int32's scale", [huge(2 ** 29, 2 ** 30, 0.5, 0.2), huge(2 ** 28, 2 ** 30 - 1000, 0.25, 0.1), huge(999, 5000, 0.5, 0)]],
];

describe.each(["float32", "float64"] as const)("sgdr_schedule's fused kernel (%s)", (dtype) => {
  beforeAll(() => setChunkLengthForTesting(13));
  afterAll(() => setChunkLengthForTesting(1 << 16));

  test.each(FUSED)("%s", (_, cycles) => {
    const restarts: number[] = [];
    let at = 0;
    for (const c of cycles.slice(0, -1)) restarts.push((at += c.decay));
    const s = optax.sgdrSchedule({ cosineKwargs: cycles.map((c) => ({ initValue: c.init, peakValue: c.peak, warmupSteps: c.warmup, decaySteps: c.decay, endValue: c.end, exponent: c.exponent })), dtype });
    const want = oracle.join(cycles.map((c) => oracle.warmupCosine(c.init, c.peak, c.warmup, c.decay, c.end, c.exponent, dtype)), restarts, dtype);
    const edges = [0, ...restarts, at + cycles[cycles.length - 1]!.decay].flatMap((b, k) => [b, b + (cycles[k]?.warmup ?? 0)]).flatMap((b) => [b - 2, b - 1, b, b + 1, b + 2]);
    const far = dtype === "float32" ? [-(2 ** 31), -(2 ** 31) + 1, INT32_MAX - 1, INT32_MAX] : [-(2 ** 31) - 1, 2 ** 31, 2 ** 40 + 3, 2 ** 53 - 1, -(2 ** 53) + 1];
    const all = [...edges, ...far, -0, -1, -9].filter((t) => dtype === "float64" || (t >= -(2 ** 31) && t <= INT32_MAX));
    const counts = interleaved(all);
    // The pieces really differ at the boundaries (alpha = 1e17): at a warm-up's end the warm-up would
    // give the peak, at a restart the cycle before would give its cosine's end.
    const cycleOracle = cycles.map((c) => oracle.warmupCosine(c.init, c.peak, c.warmup, c.decay, c.end, c.exponent, dtype));
    [0, ...restarts].forEach((b, k) => {
      expect(want(b + cycles[k]!.warmup)).not.toBe(dtype === "float32" ? Math.fround(cycles[k]!.peak) : cycles[k]!.peak);
      if (k > 0) expect(want(b)).not.toBe(cycleOracle[k - 1]!(cycles[k - 1]!.decay));
    });
    expectArrays(s, want, counts);
  });
});

/**
 * sgdr_schedule of identical cycles: a range's counts in [0, cycles * decay_steps) are one period
 * computed and copies of it (joinSchedules.ts periodic). Ranges from every phase, across the
 * restarts and the end of the last cycle (past it the last cycle's end value, not a copy),
 * from negative counts, and lengths from 1 to past the whole span, against the oracle of the join
 * of joins, in both dtypes, on every backend.
 */
describe.each(["float32", "float64"] as const)("sgdr_schedule of identical cycles: one period and copies (%s)", (dtype) => {
  test.each([
    ["warm-up 3, decay 17, alpha 0.01", cycle(3, 17, 0.1, 0.01, 0.001)],
    ["warm-up 0 (a boundary twice)", cycle(0, 11, 0.3, 0, 0.01)],
    ["alpha 1e17 (a cycle's end is not the next start)", huge(4, 13, 0.5, 0.2)],
  ])("%s, 6 cycles", (_, c) => {
    const cycles = Array.from({ length: 6 }, () => c);
    const kwargs = cycles.map((k) => ({ initValue: k.init, peakValue: k.peak, warmupSteps: k.warmup, decaySteps: k.decay, endValue: k.end, exponent: k.exponent }));
    const s = optax.sgdrSchedule({ cosineKwargs: kwargs, dtype });
    const restarts = cycles.slice(0, -1).map((_, k) => (k + 1) * c.decay);
    const exact = oracle.join(cycles.map((k) => oracle.warmupCosine(k.init, k.peak, k.warmup, k.decay, k.end, k.exponent, dtype)), restarts, dtype);
    const span = 6 * c.decay;
    // The oracle once per count (counts -5 .. 2 span + 12).
    const table = Array.from({ length: 2 * span + 18 }, (_, i) => exact(i - 5));
    const want = (t: number) => table[t + 5]!;
    for (const backend of BACKENDS)
      for (const start of [-5, 0, 1, c.decay - 1, c.decay, c.decay + 2, span - 3, span, span + 4])
        for (const length of [1, 2, c.decay - 1, c.decay, c.decay + 1, 2 * c.decay + 3, span + 7]) {
          const got = s.range(start, start + length, { backend });
          const bad = [...got].flatMap((v, i) => (Object.is(v, want(start + i)) ? [] : [start + i]));
          expect([backend, start, length, bad]).toEqual([backend, start, length, []]);
        }
    // One cycle different in any argument: no period (the values still the oracle's).
    const other = optax.sgdrSchedule({ cosineKwargs: [...kwargs.slice(0, 5), { ...kwargs[5]!, endValue: 0.5 * kwargs[5]!.endValue }], dtype });
    const wantOther = oracle.join(
      cycles.map((k, j) => oracle.warmupCosine(k.init, k.peak, k.warmup, k.decay, j === 5 ? 0.5 * k.end : k.end, k.exponent, dtype)),
      restarts,
      dtype,
    );
    const got = other.range(0, span + 5);
    expect([...got].flatMap((v, i) => (Object.is(v, wantOther(i)) ? [] : [i]))).toEqual([]);
    // And the identical ones give the last cycle's values there too (a copy would give cycle 0's).
    expect([...s.range(5 * c.decay, span + 5)]).toEqual(table.slice(5 * c.decay + 5, span + 10));
  });
});

/**
 * join_schedules of one schedule repeated (pieces that print alike) every D counts: periodic too.
 * Against the oracle of the join, ranges from every phase and across the span's end; boundaries not
 * evenly spaced, or one piece different, are no period.
 */
describe.each(["float32", "float64"] as const)("join_schedules of one schedule repeated every D counts (%s)", (dtype) => {
  test("linear and cosine pieces, 5 of them", () => {
    const D = 23;
    const makes: [() => optax.OptaxSchedule<"float32" | "float64">, ReturnType<typeof oracle.polynomial>][] = [
      [() => optax.linearSchedule({ initValue: 0.1, endValue: 0.01, transitionSteps: 19, dtype }), oracle.polynomial(0.1, 0.01, 1, 19, 0, dtype)],
      [() => optax.cosineDecaySchedule({ initValue: 0.5, decaySteps: 17, alpha: 0.1, dtype }), oracle.cosineDecay(0.5, 17, 0.1, 1, dtype)],
    ];
    for (const [make, piece] of makes) {
      const boundaries = [1, 2, 3, 4].map((k) => k * D);
      const s = optax.joinSchedules({ schedules: Array.from({ length: 5 }, make), boundaries, dtype });
      const exact = oracle.join(Array.from({ length: 5 }, () => piece), boundaries, dtype);
      const table = Array.from({ length: 13 * D }, (_, i) => exact(i - 5));
      for (const backend of BACKENDS)
        for (const start of [-5, 0, 3, D, 2 * D + 7, 5 * D - 1, 5 * D + 2])
          for (const length of [1, D - 1, D + 2, 3 * D, 6 * D])
            expect([backend, start, length, [...s.range(start, start + length, { backend })]]).toEqual([backend, start, length, table.slice(start + 5, start + 5 + length)]);
      // Unevenly spaced: no period, the oracle's values still.
      const uneven = [D, 2 * D, 3 * D + 1, 4 * D];
      const wantUneven = oracle.join(Array.from({ length: 5 }, () => piece), uneven, dtype);
      const got = optax.joinSchedules({ schedules: Array.from({ length: 5 }, make), boundaries: uneven, dtype }).range(0, 6 * D);
      expect([...got].flatMap((v, i) => (Object.is(v, wantUneven(i)) ? [] : [i]))).toEqual([]);
    }
  });
});
