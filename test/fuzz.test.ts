// Property-based fuzzing: across 10,000+ generated documents and argument lists, the
// only exceptions that escape are this library's documented ones: TypeError and RangeError, never
// another error, a Wasm trap (WebAssembly.RuntimeError), or a hang.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { deserialize, loadSchedule, toKerasJSON, type BatchOptions, type ScheduleName } from "../src/index.js";
import { anySchedule, argsOf, build, buildPositional, fromConfig, NAMES, type AnySchedule } from "./registry.js";

const RUNS = 2500;
let calls = 0;

/**
 * Runs f; passes if it returns (its result) or throws exactly a TypeError or RangeError (undefined).
 * Only the call under fuzzing goes inside: what must then hold of its result is asserted outside,
 * where a TypeError fails the test.
 */
function onlyDocumentedErrors<T>(f: () => T): T | undefined {
  calls++;
  try {
    return f();
  } catch (e) {
    if (!(e instanceof Error) || (e.constructor !== TypeError && e.constructor !== RangeError))
      throw new Error(`undocumented exception ${e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e)}`);
    return undefined;
  }
}

/** A call's result, or its error's class and message: the same for a schedule and its round trip. */
function outcome(f: () => ArrayLike<number> | number): unknown {
  try {
    const r = f();
    return typeof r === "number" ? r : Array.from(r);
  } catch (e) {
    return `${(e as Error).constructor.name}: ${(e as Error).message}`;
  }
}

let roundTrips = 0;

/** Whatever was accepted comes back from its Keras JSON with the same config and the same values. */
function expectRoundTrip(s: AnySchedule, step: unknown): void {
  roundTrips++;
  const back = deserialize(toKerasJSON(s), { dtype: s.dtype });
  expect(back.getConfig()).toEqual(s.getConfig());
  expect(outcome(() => back.range(-3, 5))).toEqual(outcome(() => s.range(-3, 5)));
  expect(outcome(() => back(step as number))).toEqual(outcome(() => s(step as number)));
}

const anything = fc.anything({ maxDepth: 3, withBigInt: true, withNullPrototype: true, withTypedArray: true, withSparseArray: true, withBoxedValues: true });
const number = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(0, -0, 1e308, -1e308, 2 ** 53 + 1, 5e-324, NaN, Infinity));
// Every schedule's Keras keys, and keys that must never work.
const key = fc.constantFrom(...new Set(NAMES.flatMap((n) => argsOf(n).map((a) => a.key))), "__proto__", "constructor", "lr", "extra");
const className = fc.constantFrom(...NAMES);
const config = fc.dictionary(key, fc.oneof(number, anything), { maxKeys: 6 });
/** A valid schedule's config with one key set to anything, or kept: many are accepted, to round-trip. */
const nearlyValid = fc.tuple(anySchedule, fc.option(fc.tuple(key, fc.oneof(number, anything)), { nil: undefined })).map(([{ name, options: o }, change]) => {
  const config: Record<string, unknown> = build(name, o).getConfig();
  if (change !== undefined) config[change[0]] = change[1];
  return { module: "keras.optimizers.schedules", class_name: name, config, registered_name: null };
});
const document = fc.oneof(
  anything,
  nearlyValid,
  fc.record({ class_name: fc.oneof(className, fc.constantFrom("OneCycle", "__proto__"), fc.string()), config }, { requiredKeys: [] }),
  fc.record({ module: anything, class_name: className, config, registered_name: anything }, { requiredKeys: ["class_name", "config"] }),
  fc.record({ class_name: fc.constant("Adam"), config: fc.record({ learning_rate: fc.oneof(number, anything, fc.record({ class_name: className, config })) }) }),
);
const options = fc.oneof(
  anything,
  fc.record({ dtype: fc.oneof(fc.constantFrom("float32", "float64"), anything), backend: fc.oneof(fc.constantFrom("auto", "wasm", "js", "wasm-simd", "wasm-scalar"), anything), out: fc.oneof(anything, fc.constantFrom(new Float32Array(3), new Float64Array(3))) }, { requiredKeys: [] }),
);
/** Positional arguments: generated, or a valid schedule's with one of them replaced by anything. */
const argumentList: fc.Arbitrary<[ScheduleName, unknown[]]> = fc.oneof(
  fc.tuple(className, fc.array(fc.oneof(number, anything, fc.array(number, { maxLength: 4 })), { maxLength: 7 })),
  fc.tuple(anySchedule, fc.nat(), fc.option(fc.oneof(number, anything), { nil: undefined })).map(([{ name, options: o }, at, value]) => {
    const args: unknown[] = argsOf(name).map((a) => o[a.option]);
    if (value !== undefined) args[at % args.length] = value;
    return [name, args] as [ScheduleName, unknown[]];
  }),
);

describe("fuzz: only documented errors escape", () => {
  test("deserialize and fromConfig on generated documents, also as JSON text", () => {
    fc.assert(
      fc.property(document, (doc) => {
        const s = onlyDocumentedErrors(() => deserialize(doc));
        if (s !== undefined) expectRoundTrip(s, 7);
        onlyDocumentedErrors(() => deserialize(JSON.stringify(doc) ?? "null"));
        onlyDocumentedErrors(() => loadSchedule(doc));
        for (const name of NAMES) onlyDocumentedErrors(() => fromConfig(name, (doc as { config?: never })?.config ?? (doc as never)));
      }),
      { numRuns: RUNS },
    );
  });

  test("the constructor on generated argument lists, and what it builds", () => {
    fc.assert(
      fc.property(argumentList, fc.oneof(number, anything), ([name, args], step) => {
        const s = onlyDocumentedErrors(() => buildPositional(name, args));
        if (s === undefined) return;
        // Whatever it accepted must compute, and round-trip through Keras JSON (with -0's sign).
        onlyDocumentedErrors(() => s(step as number));
        expectRoundTrip(s, step);
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
    // The round trip is asserted for the schedules accepted: enough of them to mean something.
    expect(roundTrips).toBeGreaterThanOrEqual(300);
    console.log(`fuzz: ${calls} calls, only TypeError and RangeError escaped; ${roundTrips} accepted schedules round-tripped`);
  });
});
