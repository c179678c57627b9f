// The result types follow the dtype: a float32 schedule's batches are typed Float32Array, a float64
// one's Float64Array, and the dtype option narrows them. Checked by the type checker (npm test runs
// tsc over the tests) and, for the runtime classes, here.
import { describe, expect, expectTypeOf, test } from "vitest";
import { ExponentialDecay, deserialize, type DType, type FloatArray } from "../src/index.js";

describe("types follow the dtype", () => {
  test("float32 by default, float64 when built so, narrowed by the option", () => {
    const s = new ExponentialDecay(0.1, 100, 0.96);
    expectTypeOf(s.evaluate([1, 2])).toEqualTypeOf<Float32Array>();
    expectTypeOf(s.range(0, 3)).toEqualTypeOf<Float32Array>();
    expectTypeOf(s.evaluate([1], { dtype: "float64" })).toEqualTypeOf<Float64Array>();
    expect(s.evaluate([1, 2])).toBeInstanceOf(Float32Array);

    const wide = new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 100, decayRate: 0.96, dtype: "float64" });
    expectTypeOf(wide.range(0, 3)).toEqualTypeOf<Float64Array>();
    expectTypeOf(wide.evaluate([1], { dtype: "float32" })).toEqualTypeOf<Float32Array>();
    expectTypeOf(wide.dtype).toEqualTypeOf<"float64">();
    expect(wide.range(0, 3)).toBeInstanceOf(Float64Array);

    const out = new Float64Array(2);
    expectTypeOf(wide.range(0, 2, { out })).toEqualTypeOf(out);
    expect(wide.range(0, 2, { out })).toBe(out);

    // A dtype known only at run time gives the union.
    const dtype = "float64" as DType;
    const either = new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 100, decayRate: 0.96, dtype });
    expectTypeOf(either.range(0, 1)).toEqualTypeOf<FloatArray>();
    expectTypeOf(deserialize(JSON.stringify(either)).range(0, 1)).toEqualTypeOf<FloatArray>();
  });

  test("the declared arguments type the options, the properties and the config", () => {
    const s = new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 100, decayRate: 0.96 });
    expectTypeOf(s.staircase).toEqualTypeOf<boolean>();
    expectTypeOf(s.name).toEqualTypeOf<string | null>();
    // @ts-expect-error decaySteps is required
    expect(() => new ExponentialDecay({ initialLearningRate: 0.1, decayRate: 0.96 })).toThrow("Argument `decay_steps` must be a number");
    // @ts-expect-error no such option
    expect(() => new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 1, decayRate: 0.5, warmup: 3 })).toThrow("unexpected option `warmup`");
  });
});
