// The CLI's reading of integers and of what a request needs (src/cli/request.ts), and its "did you
// mean" (src/cli/suggest.ts), against brute force and plain cases.
import { describe, expect, test } from "vitest";
import { decimalCharacters, exactInteger, stepRange } from "../src/cli/request.js";
import { editDistance, nearestFlags } from "../src/cli/suggest.js";

describe("exactInteger reads the integer the text denotes, never a double's rounding of it", () => {
  test.each<[string, bigint | undefined]>([
    ["1000000", 1000000n],
    ["1e6", 1000000n],
    ["2.5e3", 2500n],
    ["-7", -7n],
    ["+7", 7n],
    ["0", 0n],
    ["-0", 0n],
    ["000120", 120n],
    ["1.000", 1n],
    ["9007199254740993", 9007199254740993n],
    ["9.007199254740993e15", 9007199254740993n],
    ["4503599627370495.5", undefined],
    ["1.5", undefined],
    ["1e-3", undefined],
    ["10e-1", 1n],
    ["", undefined],
    [".", undefined],
    ["abc", undefined],
    ["0x10", undefined],
    ["1e999999999", 10n ** 40n],
    ["-1e999999999", -(10n ** 40n)],
  ])("%j", (text, value) => expect(exactInteger(text)).toBe(value));
});

describe("stepRange", () => {
  test("counts and last steps exactly, where doubles would round", () => {
    expect(stepRange(0, 2 ** 53, 3)).toEqual({ start: 0, every: 3, count: 3002399751580331, last: 9007199254740990 });
    expect(stepRange(2 ** 53 - 1, 2, 1)).toEqual({ start: 2 ** 53 - 1, every: 1, count: 2, last: 2 ** 53 });
    expect(() => stepRange(2 ** 53 - 1, 3, 1)).toThrow("reach step 9007199254740993, beyond step 2^53");
  });
});

describe("decimalCharacters: the characters of every step, summed", () => {
  const brute = (start: number, steps: number, every: number) => {
    let total = 0n;
    for (let s = start; s < start + steps; s += every) total += BigInt(String(s).length);
    return total;
  };
  test.each<[number, number, number]>([
    [0, 1, 1],
    [0, 100_000, 1],
    [-12_345, 30_000, 1],
    [-99_999, 200_000, 7],
    [-5, 11, 3],
    [999_990, 40, 13],
    [-1_000_000, 1, 1],
    [2 ** 53 - 30_000, 30_000, 1],
    [-(2 ** 53), 30_000, 11],
  ])("from %i, %i steps, every %i", (start, steps, every) => {
    expect(decimalCharacters(stepRange(start, steps, every))).toBe(brute(start, steps, every));
  });
});

describe("nearestFlags", () => {
  test("edit distance counts a transposition once", () => {
    expect(editDistance("strat", "start")).toBe(1);
    expect(editDistance("stairs", "start")).toBe(2);
    expect(editDistance("", "abc")).toBe(3);
  });

  test("a flag that begins like the typed word wins over a closer edit of a shorter one", () => {
    const own = ["--start", "--steps", "--staircase", "--no-staircase"];
    expect(nearestFlags("--stairs", [own])).toEqual({ group: 0, flags: ["--staircase"] });
    expect(nearestFlags("--strat", [own])).toEqual({ group: 0, flags: ["--start"] });
    expect(nearestFlags("--step", [own])).toEqual({ group: 0, flags: ["--steps"] });
    expect(nearestFlags("--no-stair", [own])).toEqual({ group: 0, flags: ["--no-staircase"] });
  });

  test("the first group with a near flag answers; nothing near, nothing", () => {
    const groups = [["--start", "--out"], ["--warmup-steps", "--warmup-target"]];
    expect(nearestFlags("--warmup", groups)).toEqual({ group: 1, flags: ["--warmup-steps", "--warmup-target"] });
    expect(nearestFlags("--outt=x", groups)).toEqual({ group: 0, flags: ["--out"] });
    expect(nearestFlags("--zzzzzz", groups)).toBeUndefined();
    expect(nearestFlags("--", groups)).toBeUndefined();
  });
});
