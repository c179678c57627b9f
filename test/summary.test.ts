// The CLI's summary decides a schedule's shape from its values: a warm-up and restarts here, from
// values of a cosine-with-restarts shape (the registry's classes are tested end to end in cli.test.ts).
import { expect, test } from "vitest";
import { Summary } from "../src/cli/summary.js";
import type { DType, LearningRateSchedule } from "../src/index.js";

const shape = (step: number) =>
  step < 100 ? 0.001 * step : 0.1 * (0.5 + 0.5 * Math.cos((Math.PI * ((step - 100) % 300)) / 300)) * 0.9 ** Math.floor((step - 100) / 300);

test("a warm-up's peak and restarts, fed in chunks with --every; no falls lines when not monotone", () => {
  const summary = new Summary(String);
  const values = Float64Array.from({ length: 500 }, (_, i) => shape(i * 2));
  for (let i = 0; i < 500; i += 64) summary.add(values.subarray(i, i + 64), i * 2, 2);
  const lines = summary.lines(shape as unknown as LearningRateSchedule<DType>);
  expect(lines).toContain("warm-up: rises from 0 to its peak 0.1 at step 100");
  expect(lines).toContain("restarts: 2, at steps 400, 700");
  expect(lines).toContain(`max:   step 100 -> 0.1`);
  expect(lines).toContain('not monotone over these steps: no "falls to" lines');
});

test("a one-ulp wobble is no restart; a monotone decay gets exact falls lines", () => {
  const summary = new Summary(String);
  summary.add([1, 0.5, 0.5000001, 0.25, 0.1, 0.01], 0, 1);
  expect(summary.lines(((s: number) => [1, 0.5, 0.5000001, 0.25, 0.1, 0.01][s]) as unknown as LearningRateSchedule<DType>).join("\n")).not.toContain("restarts");
  const decay = (s: number) => 0.5 ** (s / 10);
  const monotone = new Summary(String);
  monotone.add(Float64Array.from({ length: 100 }, (_, i) => decay(i * 7)), 0, 7);
  expect(monotone.lines(decay as unknown as LearningRateSchedule<DType>)).toEqual(expect.arrayContaining([
    "falls to 1/2 of its first value at step 10",
    `falls to 1/10 of its first value at step ${Math.ceil(10 * Math.log2(10))}`,
    `falls to 1/100 of its first value at step ${Math.ceil(10 * Math.log2(100))}`,
  ]));
});
