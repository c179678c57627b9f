// The CLI's summary decides a schedule's shape from its values: a warm-up and restarts here, from
// values of a cosine-with-restarts shape, and step rises and thresholds from short series (the
// registry's classes are tested end to end in cli.test.ts).
import { describe, expect, test } from "vitest";
import { Summary, formatterFor } from "../src/cli/summary.js";
import { CosineDecayRestarts, type DType, type LearningRateSchedule } from "../src/index.js";

const shape = (step: number) =>
  step < 100 ? 0.001 * step : 0.1 * (0.5 + 0.5 * Math.cos((Math.PI * ((step - 100) % 300)) / 300)) * 0.9 ** Math.floor((step - 100) / 300);

/** A schedule of the given values at steps 0, 1, ... (what bisection calls). */
const tabled = (values: readonly number[]) => ((step: number) => values[step]!) as unknown as LearningRateSchedule<DType>;

/** The summary lines of `values` at steps 0, 1, ..., fed in one chunk. */
function linesOf(values: readonly number[], dtype: DType): string[] {
  const summary = new Summary(formatterFor(dtype), dtype);
  summary.add(values, 0, 1);
  return summary.lines(tabled(values));
}

test("a warm-up's peak and restarts, fed in chunks with --every; no falls lines when not monotone", () => {
  const summary = new Summary(String, "float64");
  const values = Float64Array.from({ length: 500 }, (_, i) => shape(i * 2));
  for (let i = 0; i < 500; i += 64) summary.add(values.subarray(i, i + 64), i * 2, 2);
  const lines = summary.lines(shape as unknown as LearningRateSchedule<DType>);
  expect(lines).toContain("warm-up: rises from 0 to its peak 0.1 at step 100");
  expect(lines).toContain("restarts: 2, at steps 400, 700");
  expect(lines).toContain(`max:   step 100 -> 0.1`);
  expect(lines).toContain('not monotone over these steps: no "falls to" lines');
});

test("a one-ulp wobble is no restart; a monotone decay gets exact falls lines", () => {
  expect(linesOf([1, 0.5, 0.5000001, 0.25, 0.1, 0.01], "float64").join("\n")).not.toContain("restarts");
  const decay = (s: number) => 0.5 ** (s / 10);
  const monotone = new Summary(String, "float64");
  monotone.add(Float64Array.from({ length: 100 }, (_, i) => decay(i * 7)), 0, 7);
  expect(monotone.lines(decay as unknown as LearningRateSchedule<DType>)).toEqual(expect.arrayContaining([
    "falls to 1/2 of its first value (0.5 in float64) at step 10",
    `falls to 1/10 of its first value (0.1 in float64) at step ${Math.ceil(10 * Math.log2(10))}`,
    `falls to 1/100 of its first value (0.01 in float64) at step ${Math.ceil(10 * Math.log2(100))}`,
  ]));
});

describe("falls to 1/k in the dtype's terms", () => {
  test("float32: 1, 0.5, 0.1f falls to 1/10 (0.1f is 1/10 rounded to float32, above the real 1/10)", () => {
    const tenth = Math.fround(0.1);
    expect(tenth).toBeGreaterThan(1 / 10);
    const lines = linesOf([1, 0.5, tenth, tenth], "float32");
    expect(lines).toContain("falls to 1/2 of its first value (0.5 in float32) at step 1");
    expect(lines).toContain("falls to 1/10 of its first value (0.1 in float32) at step 2");
    expect(lines).toContain("does not fall to 1/100 of its first value (0.01 in float32) by step 3");
  });

  test("float32: the float32 just above 1/10 of the first value does not fall to it", () => {
    const first = Math.fround(0.3);
    const threshold = Math.fround(first / 10);
    const above = new Float32Array(new Uint32Array([new Uint32Array(new Float32Array([threshold]).buffer)[0]! + 1]).buffer)[0]!;
    expect(linesOf([first, above], "float32")).toContain(`does not fall to 1/10 of its first value (${formatterFor("float32")(threshold)} in float32) by step 1`);
    expect(linesOf([first, threshold], "float32")).toContain(`falls to 1/10 of its first value (${formatterFor("float32")(threshold)} in float32) at step 1`);
  });
});

describe("a rise at the start", () => {
  test("one step up, then a fall: a step up, not a warm-up", () => {
    expect(linesOf([1, 1, 2, 2, 0.5], "float64")).toContain("steps up from 1 to 2 at step 2, then falls");
  });

  test("one step up and no fall", () => {
    expect(linesOf([1, 1, 2, 2], "float64")).toContain("steps up from 1 to 2 at step 2 and does not fall over these steps");
  });

  test("a rise over several steps and no fall: no warm-up", () => {
    const lines = linesOf([1, 2, 3, 4], "float64");
    expect(lines).toContain("rises from 1 to 4 at step 3 and does not fall over these steps");
    expect(lines.join("\n")).not.toContain("warm-up");
  });

  test("a rise over several steps, then a fall: a warm-up", () => {
    expect(linesOf([0, 1, 2, 1.5], "float64")).toContain("warm-up: rises from 0 to its peak 2 at step 2");
  });
});

test("values that are not finite are counted, with the first one's step, across chunks and --every", () => {
  const summary = new Summary(String, "float64");
  summary.add([0.1, 0.05, NaN], 0, 5);
  summary.add([NaN, Infinity, Infinity, 0.01], 15, 5);
  const lines = summary.lines(tabled([]));
  expect(lines).toContain("not finite: 4 of the 7 values, the first at step 10 (NaN): the framework's formula gives it there");
  expect(linesOf([0.1, 0.05, 0.01], "float64").join("\n")).not.toContain("not finite");
});

test("Keras' CosineDecayRestarts with t_mul < 1 past its last restart: its NaN, counted", () => {
  const values = new CosineDecayRestarts(0.1, 10, 0.5).range(0, 30);
  expect(values.slice(20).every(Number.isNaN) && values.slice(0, 20).every(Number.isFinite)).toBe(true);
  expect(linesOf([...values], "float32")).toContain("not finite: 10 of the 30 values, the first at step 20 (NaN): the framework's formula gives it there");
});
