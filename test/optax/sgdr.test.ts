/**
 * sgdr_schedule in float32 runs as one join of every cycle's two pieces (src/optax/joinSchedules.ts
 * flatSgdr) where that gives every count the same piece and count as optax's join of joins, and as
 * the join of joins elsewhere (a negative warm-up; a restart plus its warm-up at 2^31 or beyond).
 * Both, on every backend, against the decimal.js oracle of the join of joins: counts at every
 * boundary and its neighbours, int32's ends, ranges across the boundaries and chunk ends.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { setChunkLengthForTesting } from "../../src/core/wasm.js";
import * as optax from "../../src/optax/index.js";
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
