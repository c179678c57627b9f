// Every backend returns the same bits for every schedule in the registry: Wasm SIMD, Wasm scalar,
// the JS twin and backend "auto" (which fills runs where a schedule can), on arrays and ranges of
// every length across chunk boundaries, and single calls agree with them. Compared with Object.is
// per element, never a tolerance. Each schedule's own paths are tested beside it (test/keras/).
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { setChunkLengthForTesting } from "../src/core/wasm.js";
import { BACKENDS, NAMES, build, expectSameBits, optionsOf } from "./registry.js";

describe.each(NAMES)("%s: every backend gives the same bits", (name) => {
  // A chunk of 13 elements: odd, so SIMD pairs straddle chunk ends, and cheap to cross often.
  beforeAll(() => setChunkLengthForTesting(13));
  afterAll(() => setChunkLengthForTesting(1 << 16));
  const options = optionsOf(name);

  test("on arbitrary float64 step arrays of every length, and single calls agree", () => {
    fc.assert(
      fc.property(options, fc.float64Array({ noNaN: true, noDefaultInfinity: true, maxLength: 90 }), (o, steps) => {
        const s = build(name, o);
        const [first, ...rest] = BACKENDS.map((backend) => s.evaluate(steps, { backend }));
        for (const other of rest) expectSameBits(first!, other);
        steps.forEach((step, i) => expect([i, s(step)]).toEqual([i, first![i]]));
      }),
      { numRuns: 150 },
    );
  });

  test("on integer, fractional and float32 step arrays", () => {
    fc.assert(
      fc.property(
        options,
        fc.oneof(
          fc.int32Array({ maxLength: 60 }),
          fc.float32Array({ noNaN: true, noDefaultInfinity: true, maxLength: 60 }),
          fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { maxLength: 60 }),
        ),
        (o, steps) => {
          const s = build(name, o);
          const [first, ...rest] = BACKENDS.map((backend) => s.evaluate(steps, { backend }));
          for (const other of rest) expectSameBits(first!, other);
        },
      ),
      { numRuns: 150 },
    );
  });

  test("on ranges of lengths around the SIMD width and the chunk size, equal to the same steps as an array", () => {
    fc.assert(
      fc.property(options, fc.integer({ min: -10_000, max: 2 ** 40 }), fc.integer({ min: 0, max: 60 }), (o, start, length) => {
        const s = build(name, o);
        const [first, ...rest] = BACKENDS.map((backend) => s.range(start, start + length, { backend }));
        for (const other of rest) expectSameBits(first!, other);
        expectSameBits(first!, s.evaluate(Array.from({ length }, (_, i) => start + i), { backend: "js" }));
      }),
      { numRuns: 150 },
    );
  });

  test("on long ranges near the schedule's own scale (runs, restarts, warm-up ends)", () => {
    fc.assert(
      fc.property(options, fc.integer({ min: -3000, max: 3000 }), (o, start) => {
        const s = build(name, o);
        const [first, ...rest] = BACKENDS.map((backend) => s.range(start, start + 6000, { backend }));
        for (const other of rest) expectSameBits(first!, other);
      }),
      { numRuns: 20 },
    );
  });
});
