// Property-based fuzzing (issue 7): across 10,000+ generated documents and argument lists, the
// only exceptions that escape are this library's documented ones: TypeError and RangeError, never
// another error, a Wasm trap (WebAssembly.RuntimeError), or a hang.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { ExponentialDecay, deserialize, toKerasJSON, type BatchOptions } from "../src/index.js";

const RUNS = 2500;
let calls = 0;

/** Runs f; passes if it returns or throws exactly a TypeError or RangeError. */
function onlyDocumentedErrors(f: () => unknown): void {
  calls++;
  try {
    f();
  } catch (e) {
    if (!(e instanceof Error) || (e.constructor !== TypeError && e.constructor !== RangeError))
      throw new Error(`undocumented exception ${e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e)}`);
  }
}

const anything = fc.anything({ maxDepth: 3, withBigInt: true, withNullPrototype: true, withTypedArray: true, withSparseArray: true, withBoxedValues: true });
const number = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(0, -0, 1e308, -1e308, 2 ** 53 + 1, 5e-324, NaN, Infinity));
const key = fc.constantFrom("initial_learning_rate", "decay_steps", "decay_rate", "staircase", "name", "__proto__", "constructor", "lr", "extra");
const config = fc.dictionary(key, fc.oneof(number, anything), { maxKeys: 6 });
const document = fc.oneof(
  anything,
  fc.record({ class_name: fc.oneof(fc.constantFrom("ExponentialDecay", "CosineDecay", "__proto__"), fc.string()), config }, { requiredKeys: [] }),
  fc.record({ module: anything, class_name: fc.constant("ExponentialDecay"), config, registered_name: anything }, { requiredKeys: ["class_name", "config"] }),
);
const options = fc.oneof(
  anything,
  fc.record({ dtype: fc.oneof(fc.constantFrom("float32", "float64"), anything), backend: fc.oneof(fc.constantFrom("auto", "wasm", "js", "wasm-simd", "wasm-scalar"), anything), out: fc.oneof(anything, fc.constantFrom(new Float32Array(3), new Float64Array(3))) }, { requiredKeys: [] }),
);
const schedule = fc.record({ initialLearningRate: number, decaySteps: number, decayRate: number, staircase: fc.boolean() }).filter(
  (o) => Number.isFinite(o.initialLearningRate) && Number.isFinite(o.decaySteps) && o.decaySteps > 0 && Number.isFinite(o.decayRate) && o.decayRate >= 0 && !Object.is(o.decayRate, -0),
);

describe("fuzz: only documented errors escape", () => {
  test("deserialize and fromConfig on generated documents, also as JSON text", () => {
    fc.assert(
      fc.property(document, (doc) => {
        onlyDocumentedErrors(() => deserialize(doc));
        onlyDocumentedErrors(() => deserialize(JSON.stringify(doc) ?? "null"));
        onlyDocumentedErrors(() => ExponentialDecay.fromConfig((doc as { config?: never })?.config ?? (doc as never)));
      }),
      { numRuns: RUNS },
    );
  });

  test("the constructor on generated argument lists, and what it builds", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(number, anything), { maxLength: 6 }), fc.oneof(number, anything), (args, step) => {
        onlyDocumentedErrors(() => {
          const s = new (ExponentialDecay as unknown as new (...a: unknown[]) => ExponentialDecay)(...args);
          // Whatever it accepted must compute, and round-trip through Keras JSON (with -0's sign).
          onlyDocumentedErrors(() => s(step as number));
          expect(deserialize(toKerasJSON(s)).getConfig()).toEqual(s.getConfig());
        });
      }),
      { numRuns: RUNS },
    );
  });

  test("evaluate on generated steps and options", () => {
    fc.assert(
      fc.property(schedule, fc.oneof(anything, fc.array(fc.oneof(number, anything), { maxLength: 40 }), fc.float64Array({ maxLength: 40 })), options, (o, steps, opts) => {
        const s = new ExponentialDecay(o);
        onlyDocumentedErrors(() => {
          const out = s.evaluate(steps as never, opts as BatchOptions);
          expect(out.length).toBe((steps as ArrayLike<unknown>).length);
        });
      }),
      { numRuns: RUNS },
    );
  });

  test("range on generated bounds and options", () => {
    // Bounds stay within a million steps of each other; huge requests are the memory test's job.
    const bound = fc.oneof(fc.integer({ min: -1e6, max: 1e6 }), fc.double({ min: -1e6, max: 1e6 }), fc.bigInt({ min: -(10n ** 6n), max: 10n ** 6n }), anything);
    fc.assert(
      fc.property(schedule, bound, bound, options, (o, start, stop, opts) => {
        const s = new ExponentialDecay(o);
        onlyDocumentedErrors(() => s.range(start as never, stop as never, opts as BatchOptions));
      }),
      { numRuns: RUNS },
    );
    expect(calls).toBeGreaterThanOrEqual(10_000);
    console.log(`fuzz: ${calls} calls, only TypeError and RangeError escaped`);
  });
});
