// Runs in Node before the browser tests: computes the shared cases with Node and writes their bits
// to test-results/node-values.json, which the browser tests compare with their own.
import { mkdirSync, writeFileSync } from "node:fs";
import { ExponentialDecay } from "../../src/index.js";
import { CASES, RANGE, STEPS, toHex } from "./cases.js";

export default function setup(): void {
  const values = CASES.map(({ a, d, r, staircase, dtype }) => {
    const s = new ExponentialDecay({ initialLearningRate: a, decaySteps: d, decayRate: r, staircase, dtype });
    return { range: toHex(s.range(...RANGE)), steps: toHex(s.evaluate(STEPS)) };
  });
  mkdirSync(new URL("../../test-results/", import.meta.url), { recursive: true });
  writeFileSync(new URL("../../test-results/node-values.json", import.meta.url), JSON.stringify(values));
}
