// The library's argument errors carry their facts as data (argument, value, rule, index), beside
// messages that stay as they were: the lrdecay command names its flags from the data alone.
import { describe, expect, test } from "vitest";
import * as check from "../src/core/validate.js";
import { ExponentialDecay, PiecewiseConstantDecay, type DType } from "../src/index.js";
import { argsOf, build, exampleOf, NAMES } from "./registry.js";

/** Runs f, expecting it to throw; returns what it threw. */
function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error("did not throw");
}

function expectArgumentError(e: unknown, kind: typeof TypeError | typeof RangeError, data: check.ArgumentErrorData, message: string): void {
  expect(e).toBeInstanceOf(kind);
  expect((e as Error).message).toBe(message);
  expect(plain(check.argumentErrorData(e))).toEqual(data);
}

/** The data as a plain object (an Error compares by its message only). */
function plain(data: check.ArgumentErrorData | undefined) {
  if (data === undefined) return undefined;
  const { argument, index, value, rule } = data;
  return index === undefined ? { argument, value, rule } : { argument, index, value, rule };
}

describe("validate.ts: the same messages as before, and their facts as data", () => {
  test.each<[string, () => unknown, typeof TypeError | typeof RangeError, check.ArgumentErrorData, string]>([
    ["a number", () => check.finiteNumber("decay_rate", "0.5"), TypeError, { argument: "decay_rate", value: "0.5", rule: "must be a number" }, 'Argument `decay_rate` must be a number. Received: decay_rate="0.5" (string)'],
    ["finite", () => check.finiteNumber("alpha", Infinity), RangeError, { argument: "alpha", value: Infinity, rule: "must be finite" }, "Argument `alpha` must be finite. Received: alpha=Infinity"],
    ["> 0", () => check.positiveNumber("decay_steps", 0), RangeError, { argument: "decay_steps", value: 0, rule: "must be > 0" }, "Argument `decay_steps` must be > 0. Received: decay_steps=0"],
    [">= 0", () => check.nonNegativeNumber("power", -1), RangeError, { argument: "power", value: -1, rule: "must be >= 0" }, "Argument `power` must be >= 0. Received: power=-1"],
    ["an element of a list", () => check.finiteNumbers("values", [1, NaN]), RangeError, { argument: "values", index: 1, value: NaN, rule: "must be finite" }, "Argument `values[1]` must be finite. Received: values[1]=NaN"],
    ["a list", () => check.finiteNumbers("boundaries", 3), TypeError, { argument: "boundaries", value: 3, rule: "must be an array of numbers" }, "Argument `boundaries` must be an array of numbers. Received: boundaries=3"],
    ["a boolean", () => check.boolean("staircase", 1), TypeError, { argument: "staircase", value: 1, rule: "must be a boolean" }, "Argument `staircase` must be a boolean. Received: staircase=1"],
    ["a name", () => check.nameOrNull("name", 5), TypeError, { argument: "name", value: 5, rule: "must be a string or null" }, "Argument `name` must be a string or null. Received: name=5"],
    ["a dtype", () => check.dtype("float16"), TypeError, { argument: "dtype", value: "float16", rule: 'must be "float32" or "float64"' }, 'Argument `dtype` must be "float32" or "float64". Received: dtype="float16" (string)'],
    ["a backend", () => check.backend("gpu"), TypeError, { argument: "backend", value: "gpu", rule: 'must be one of "auto", "wasm", "wasm-simd", "wasm-scalar", "js"' }, 'Argument `backend` must be one of "auto", "wasm", "wasm-simd", "wasm-scalar", "js". Received: backend="gpu" (string)'],
    ["a step", () => check.step(NaN), RangeError, { argument: "step", value: NaN, rule: "must be finite" }, "Argument `step` must be finite. Received: step=NaN"],
    ["a range bound", () => check.safeInteger("stop", 2 ** 53 + 2), RangeError, { argument: "stop", value: 2 ** 53 + 2, rule: "must be an integer between -2^53 and 2^53" }, "Argument `stop` must be an integer between -2^53 and 2^53. Received: stop=9007199254740994"],
    ["an object", () => check.plainObject("options", []), TypeError, { argument: "options", value: [], rule: "must be an object" }, "Argument `options` must be an object. Received: options=an array of length 0"],
  ])("%s", (_, f, kind, data, message) => expectArgumentError(thrown(f), kind, data, message));

  test("other errors carry no argument data", () => {
    expect(check.argumentErrorData(new RangeError("Argument `x` must be > 0. Received: x=0"))).toBeUndefined();
    expect(check.argumentErrorData(new Error("x"))).toBeUndefined();
    expect(check.argumentErrorData("x")).toBeUndefined();
  });
});

describe("every schedule's refusals carry the argument's Keras name, the value and the rule", () => {
  test.each(NAMES)("%s: a value of the wrong type for each argument, by options object and by config", (name) => {
    const example = build(name, exampleOf(name));
    const cls = example.constructor as unknown as { fromConfig(config: unknown): unknown };
    for (const arg of argsOf(name)) {
      const value = arg.kind === "numbers" ? ["0.5"] : arg.kind === "boolean" ? "yes" : arg.kind === "string" ? 5 : "0.5";
      const element = arg.kind === "numbers" ? { index: 0, value: "0.5" } : { value };
      for (const make of [
        () => build(name, { ...exampleOf(name), [arg.option]: value }),
        () => cls.fromConfig({ ...example.getConfig(), [arg.key]: value }),
      ]) {
        const e = thrown(make);
        expect(e).toBeInstanceOf(TypeError);
        const data = check.argumentErrorData(e);
        expect(plain(data), `${name}.${arg.key}`).toMatchObject({ argument: arg.key, ...element });
        expect((e as Error).message).toContain(`${data!.rule}. Received: ${arg.key}`);
      }
    }
  });

  test("an unexpected option or config key", () => {
    const e = thrown(() => new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5, decay: 1 } as never));
    expectArgumentError(e, TypeError, { argument: "decay", value: 1, rule: "is not an option of ExponentialDecay" },
      "ExponentialDecay got an unexpected option `decay`. Known: initialLearningRate, decaySteps, decayRate, staircase, name, dtype");
    const f = thrown(() => ExponentialDecay.fromConfig({ initial_learning_rate: 0.1, decay_steps: 10, decay_rate: 0.5, rate: 1 }));
    expectArgumentError(f, TypeError, { argument: "rate", value: 1, rule: "is not a config key of ExponentialDecay" },
      "ExponentialDecay.fromConfig got an unexpected key `rate`. Known: initial_learning_rate, decay_steps, decay_rate, staircase, name");
  });

  test("the schedules' own rules: -0, lists, lengths, and what rounds away in float32 at first use", () => {
    expectArgumentError(thrown(() => new ExponentialDecay(0.1, 10, -0)), RangeError,
      { argument: "decay_rate", value: -0, rule: "must be >= 0 and not -0 (Keras' pow(-0.0, p) is negative for odd p)" },
      "Argument `decay_rate` must be >= 0 and not -0 (Keras' pow(-0.0, p) is negative for odd p). Received: decay_rate=-0");
    expectArgumentError(thrown(() => new ExponentialDecay(0.1, 1e-50, 0.5)(0)), RangeError,
      { argument: "decay_steps", value: 1e-50, rule: "must be > 0 in float32, where it rounds to 0" },
      "Argument `decay_steps` must be > 0 in float32, where it rounds to 0. Received: decay_steps=1e-50");
    expectArgumentError(thrown(() => new PiecewiseConstantDecay([], [1])), RangeError,
      { argument: "boundaries", value: [], rule: "must hold at least one boundary (Keras reads boundaries[0] at every step)" },
      "Argument `boundaries` must hold at least one boundary (Keras reads boundaries[0] at every step). Received: boundaries=[]");
    expectArgumentError(thrown(() => new PiecewiseConstantDecay([10, 5], [1, 2, 3])), RangeError,
      { argument: "boundaries", index: 1, value: 5, rule: "must be non-decreasing (Keras would add two values together between them)" },
      "Argument `boundaries` must be non-decreasing (Keras would add two values together between them). Received: boundaries[0]=10, boundaries[1]=5");
    expectArgumentError(thrown(() => new PiecewiseConstantDecay([10], [1, 2, 3])), RangeError,
      { argument: "values", value: [1, 2, 3], rule: "must have one more element than boundaries" },
      "The length of boundaries should be 1 less than the length of values. Received: boundaries=[10] of length 1, and values=[1, 2, 3] of length 3.");
    const dtype: DType = "float32";
    expectArgumentError(thrown(() => new PiecewiseConstantDecay({ boundaries: [10], values: [1, 1e39], dtype })(0)), RangeError,
      { argument: "values", index: 1, value: 1e39, rule: "must be finite in float32" },
      "Argument `values` must be finite in float32, where values[1]=1e+39 rounds to Infinity.");
  });
});
