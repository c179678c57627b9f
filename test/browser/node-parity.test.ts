// In Chromium: every backend gives the bits Node gave for the same schedules and steps.
import { describe, expect, test } from "vitest";
import { ExponentialDecay, type Backend } from "../../src/index.js";
import { CASES, RANGE, STEPS, toHex } from "./cases.js";

// Written by global-setup.ts in Node before this file runs.
const nodeValues: { range: string; steps: string }[] = await (await fetch(new URL("../../test-results/node-values.json", import.meta.url))).json();

describe("the browser computes Node's bits", () => {
  test.each(CASES.map((c, i) => [`${c.a}, ${c.d}, ${c.r}${c.staircase ? ", staircase" : ""}, ${c.dtype}`, c, i] as const))("%s", (_, c, i) => {
    const s = new ExponentialDecay({ initialLearningRate: c.a, decaySteps: c.d, decayRate: c.r, staircase: c.staircase, dtype: c.dtype });
    for (const backend of ["wasm-simd", "wasm-scalar", "js"] as Backend[]) {
      expect(toHex(s.range(...RANGE, { backend })) === nodeValues[i]!.range, `range on ${backend}`).toBe(true);
      expect(toHex(s.evaluate(STEPS, { backend })) === nodeValues[i]!.steps, `steps on ${backend}`).toBe(true);
    }
  });
});
