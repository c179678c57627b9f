// Property-based fuzzing (issue 7): across 10,000+ generated documents and argument lists, the
// only exceptions that escape are this library's documented ones: TypeError and RangeError, never
// another error, a Wasm trap (WebAssembly.RuntimeError), or a hang.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { deserialize, loadSchedule, toKerasJSON, type BatchOptions } from "../src/index.js";
import { anySchedule, argsOf, build, buildPositional, fromConfig, NAMES } from "./registry.js";

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
// Every schedule's Keras keys, and keys that must never work.
const key = fc.constantFrom(...new Set(NAMES.flatMap((n) => argsOf(n).map((a) => a.key))), "__proto__", "constructor", "lr", "extra");
const className = fc.constantFrom(...NAMES);
const config = fc.dictionary(key, fc.oneof(number, anything), { maxKeys: 6 });
const document = fc.oneof(
  anything,
  fc.record({ class_name: fc.oneof(className, fc.constantFrom("OneCycle", "__proto__"), fc.string()), config }, { requiredKeys: [] }),
  fc.record({ module: anything, class_name: className, config, registered_name: anything }, { requiredKeys: ["class_name", "config"] }),
  fc.record({ class_name: fc.constant("Adam"), config: fc.record({ learning_rate: fc.oneof(number, anything, fc.record({ class_name: className, config })) }) }),
);
const options = fc.oneof(
  anything,
  fc.record({ dtype: fc.oneof(fc.constantFrom("float32", "float64"), anything), backend: fc.oneof(fc.constantFrom("auto", "wasm", "js", "wasm-simd", "wasm-scalar"), anything), out: fc.oneof(anything, fc.constantFrom(new Float32Array(3), new Float64Array(3))) }, { requiredKeys: [] }),
);
describe("fuzz: only documented errors escape", () => {
  test("deserialize and fromConfig on generated documents, also as JSON text", () => {
    fc.assert(
      fc.property(document, (doc) => {
        onlyDocumentedErrors(() => deserialize(doc));
        onlyDocumentedErrors(() => deserialize(JSON.stringify(doc) ?? "null"));
        onlyDocumentedErrors(() => loadSchedule(doc));
        for (const name of NAMES) onlyDocumentedErrors(() => fromConfig(name, (doc as { config?: never })?.config ?? (doc as never)));
      }),
      { numRuns: RUNS },
    );
  });

  test("the constructor on generated argument lists, and what it builds", () => {
    fc.assert(
      fc.property(className, fc.array(fc.oneof(number, anything, fc.array(number, { maxLength: 4 })), { maxLength: 7 }), fc.oneof(number, anything), (name, args, step) => {
        onlyDocumentedErrors(() => {
          const s = buildPositional(name, args);
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
      fc.property(anySchedule, fc.oneof(anything, fc.array(fc.oneof(number, anything), { maxLength: 40 }), fc.float64Array({ maxLength: 40 })), options, ({ name, options: o }, steps, opts) => {
        const s = build(name, o);
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
      fc.property(anySchedule, bound, bound, options, ({ name, options: o }, start, stop, opts) => {
        const s = build(name, o);
        onlyDocumentedErrors(() => s.range(start as never, stop as never, opts as BatchOptions));
      }),
      { numRuns: RUNS },
    );
    expect(calls).toBeGreaterThanOrEqual(10_000);
    console.log(`fuzz: ${calls} calls, only TypeError and RangeError escaped`);
  });
});
