/**
 * Test inputs derived from the registry and the schedules' declared arguments, so that the
 * parity, serialization, hardening and fuzz tests cover every schedule, including one added to
 * the registry tomorrow, without naming it.
 */
import fc from "fast-check";
import { expect } from "vitest";
import { SCHEDULES, type Arg, type DType, type LearningRateSchedule, type ScheduleName } from "../src/index.js";

export const NAMES = Object.keys(SCHEDULES) as ScheduleName[];

type Options = Record<string, unknown>;
export type AnySchedule = LearningRateSchedule<DType>;

/** Builds a schedule from an options object (camelCase keys, dtype). */
export function build(name: ScheduleName, options: Options): AnySchedule {
  return new (SCHEDULES[name] as unknown as new (o: Options) => AnySchedule)(options);
}

/** Builds a schedule from Keras' positional arguments. */
export function buildPositional(name: ScheduleName, args: unknown[]): AnySchedule {
  return new (SCHEDULES[name] as unknown as new (...a: unknown[]) => AnySchedule)(...args);
}

export function argsOf(name: ScheduleName): readonly Arg[] {
  return SCHEDULES[name].args as readonly Arg[];
}

const accepts = (arg: Arg, value: unknown) => {
  try {
    arg.check(value);
    return true;
  } catch {
    return false;
  }
};

/** Numbers of the sizes schedules take: rates, step counts, exponents; a few special values. */
const number = fc.oneof(
  fc.double({ min: -2, max: 2, noNaN: true }),
  fc.double({ min: 0.01, max: 5000, noNaN: true }),
  fc.integer({ min: 1, max: 5000 }),
  fc.constantFrom(0, 0.1, 0.5, 0.96, 1, 2, 3, 1e-20),
);
/** Short sorted lists (boundaries, values): lengths 0 to 3, so that related lists often match. */
const list = fc.array(fc.oneof(fc.integer({ min: -100, max: 5000 }), fc.double({ min: -1, max: 1, noNaN: true })), { maxLength: 3 }).map((a) => a.sort((x, y) => x - y));

function valueFor(arg: Arg): fc.Arbitrary<unknown> {
  const value: fc.Arbitrary<unknown> = (() => {
    switch (arg.kind) {
      case "number":
        return number;
      case "optionalNumber":
        return fc.oneof(fc.constant(null), number);
      case "boolean":
        return fc.boolean();
      case "string":
        return fc.constantFrom("lr", null, arg.default ?? "x");
      case "numbers":
        return list;
      default:
        // Kinds only optax's schedules have (lrdecay/optax: test/optax/): no Keras argument is one.
        throw new Error(`No values for the kind ${arg.kind}`);
    }
  })();
  return value.filter((v) => accepts(arg, v));
}

/** Valid options objects for a schedule (every one constructs), with a dtype. */
export function optionsOf(name: ScheduleName): fc.Arbitrary<Options> {
  const record: Record<string, fc.Arbitrary<unknown>> = { dtype: fc.constantFrom<DType>("float32", "float64") };
  for (const arg of argsOf(name)) record[arg.option] = valueFor(arg);
  return fc.record(record).filter((o) => {
    try {
      build(name, o)(0);
      return true;
    } catch {
      return false; // a rule across arguments (list lengths), or float32 rounding decay_steps to 0
    }
  });
}

/** A schedule of any registered class with valid arguments. */
export const anySchedule: fc.Arbitrary<{ name: ScheduleName; options: Options }> = fc.oneof(
  ...NAMES.map((name) => optionsOf(name).map((options) => ({ name, options }))),
);

/** One valid options object per schedule, the same every run (no dtype: float32). */
export function exampleOf(name: ScheduleName): Options {
  const [options] = fc.sample(optionsOf(name), { seed: 42, numRuns: 1 });
  const { dtype: _, ...rest } = options!;
  return rest;
}

/** The example as Keras' config. */
export function exampleConfig(name: ScheduleName): Record<string, unknown> {
  const options = exampleOf(name);
  return Object.fromEntries(argsOf(name).map((a) => [a.key, options[a.option]]));
}

/** What a value of the wrong type gets, by kind: the start of the TypeError's rule. */
export const TYPE_RULE: Record<Arg["kind"], string> = {
  number: "must be a number",
  optionalNumber: "must be a number",
  boolean: "must be a boolean",
  string: "must be a string or null",
  numbers: "must be an array of numbers",
  numberMap: "must be an object, a Map or an array of [step, scale] pairs",
  schedules: "must be an array",
  objects: "must be an array",
};

/** Every backend, "auto" (which fills runs where a schedule can) first. */
export const BACKENDS = ["auto", "js", "wasm-scalar", "wasm-simd"] as const;

/** The same bits, element by element (Object.is: NaN and -0 included); names the first difference. */
export function expectSameBits(a: ArrayLike<number>, b: ArrayLike<number>): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) expect([i, b[i]]).toEqual([i, a[i]]);
}

/** `fromConfig` of a registered class (TypeScript cannot call it on the union of their types). */
export function fromConfig(name: ScheduleName, config: unknown, options?: { dtype?: DType }): AnySchedule {
  const cls = SCHEDULES[name] as unknown as { fromConfig(c: unknown, o?: { dtype?: DType }): AnySchedule };
  return cls.fromConfig(config, options);
}
