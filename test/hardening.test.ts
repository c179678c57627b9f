// Issue 7's table: every argument of every entry point against every kind of bad value. Each gets
// the documented behaviour: a TypeError or RangeError naming the argument and the value, or a
// defined result (README, "Errors and edge cases").
import { describe, expect, test } from "vitest";
import { ExponentialDecay, deserialize, type DType } from "../src/index.js";

type Outcome = "TypeError" | "RangeError" | "ok";
const make = (...args: unknown[]) => new (ExponentialDecay as unknown as new (...a: unknown[]) => ExponentialDecay)(...args);
const good = { initialLearningRate: 0.1, decaySteps: 1000, decayRate: 0.96 };

// Values of the wrong type, and numbers that are no valid number for anything.
const WRONG_TYPES: [string, unknown][] = [
  ["a string", "0.1"], ["null", null], ["an object", { value: 0.1 }], ["a boolean", true], ["a bigint", 1n], ["an array", [0.1]],
];
const NON_FINITE: [string, number][] = [["NaN", NaN], ["Infinity", Infinity], ["-Infinity", -Infinity]];

interface Row { name: string; run: () => unknown; outcome: Outcome; message?: string }
const rows: Row[] = [];

// The constructor's numbers, in both forms, and fromConfig's.
const NUMBERS: [option: keyof typeof good, key: string, extra: [string, number, Outcome, string?][]][] = [
  ["initialLearningRate", "initial_learning_rate", [["-0", -0, "ok"], ["negative", -1, "ok"], ["zero", 0, "ok"], ["1e308", 1e308, "ok"], ["2^53 + 1", 2 ** 53 + 1, "ok"]]],
  ["decaySteps", "decay_steps", [["-0", -0, "RangeError", "must be > 0"], ["negative", -1, "RangeError", "must be > 0"], ["zero", 0, "RangeError", "must be > 0"], ["1e308", 1e308, "ok"], ["2^53 + 1", 2 ** 53 + 1, "ok"]]],
  ["decayRate", "decay_rate", [["-0", -0, "RangeError", "must be >= 0 and not -0"], ["negative", -0.5, "RangeError", "must be >= 0"], ["zero", 0, "ok"], ["1e308", 1e308, "ok"], ["2^53 + 1", 2 ** 53 + 1, "ok"]]],
];
for (const [option, key, extra] of NUMBERS) {
  const cases: [string, unknown, Outcome, string?][] = [
    ["undefined", undefined, "TypeError", "must be a number"],
    ...WRONG_TYPES.map(([n, v]): [string, unknown, Outcome, string] => [n, v, "TypeError", "must be a number"]),
    ...NON_FINITE.map(([n, v]): [string, unknown, Outcome, string] => [n, v, "RangeError", "must be finite"]),
    ...extra,
  ];
  for (const [what, value, outcome, message] of cases) {
    const options = { ...good, [option]: value };
    const positional = [options.initialLearningRate, options.decaySteps, options.decayRate];
    const config = { initial_learning_rate: 0.1, decay_steps: 1000, decay_rate: 0.96, [key]: value };
    if (value === undefined) delete config[key];
    const m = message && `Argument \`${key}\` ${message}`;
    // A schedule that builds must also compute: its results are defined (maybe 0, Infinity or NaN).
    const use = (s: ExponentialDecay<DType>) => [s(0), s(12345), s.range(0, 100)[99], s.evaluate([5], { dtype: "float64" })[0]];
    rows.push({ name: `constructor: ${key} = ${what}`, run: () => use(make(...positional)), outcome, message: m });
    rows.push({ name: `options: ${option} = ${what}`, run: () => use(make(options)), outcome, message: m });
    rows.push({ name: `fromConfig: ${key} = ${what}`, run: () => use(ExponentialDecay.fromConfig(config as never)), outcome, message: m });
  }
}
for (const [what, value] of [...WRONG_TYPES.filter(([, v]) => typeof v !== "boolean"), ["a number", 1]] as [string, unknown][])
  rows.push({ name: `staircase = ${what}`, run: () => make(0.1, 10, 0.9, value), outcome: "TypeError", message: "Argument `staircase` must be a boolean" });
for (const [what, value] of [["a number", 5], ["an object", {}], ["a boolean", false]] as [string, unknown][])
  rows.push({ name: `name = ${what}`, run: () => make(0.1, 10, 0.9, false, value), outcome: "TypeError", message: "Argument `name` must be a string or null" });
rows.push({ name: "name = null (tf.keras)", run: () => make(0.1, 10, 0.9, false, null), outcome: "ok" });

// Single steps.
const s = new ExponentialDecay(0.1, 1000, 0.96);
for (const [what, value] of WRONG_TYPES.filter(([, v]) => typeof v !== "bigint"))
  rows.push({ name: `step = ${what}`, run: () => s(value as never), outcome: "TypeError", message: "Argument `step` must be a number or a bigint" });
for (const [what, value] of NON_FINITE) rows.push({ name: `step = ${what}`, run: () => s(value), outcome: "RangeError", message: "Argument `step` must be finite" });
for (const [what, value] of [["-0", -0], ["negative", -5], ["1e308", 1e308], ["2^53 + 1", 2 ** 53 + 1], ["a bigint beyond 2^64", 2n ** 70n]] as [string, number | bigint][])
  rows.push({ name: `step = ${what}`, run: () => s(value), outcome: "ok" });

// Arrays of steps.
const detached = new Float64Array(8);
structuredClone(detached.buffer, { transfer: [detached.buffer] });
for (const [what, value, outcome, message] of [
  ["a string", "123", "TypeError", "Argument `steps` must be an array or typed array"],
  ["a number", 5, "TypeError", "Argument `steps` must be an array or typed array"],
  ["null", null, "TypeError", "Argument `steps` must be an array or typed array"],
  ["an object without length", { 0: 1 }, "TypeError", "Argument `steps` must be an array or typed array"],
  ["a negative length", { length: -1 }, "TypeError", "Argument `steps` must be an array or typed array"],
  ["a fractional length", { length: 1.5 }, "TypeError", "Argument `steps` must be an array or typed array"],
  ["a string element", [1, "2"], "TypeError", 'steps[1]="2" (string)'],
  ["a null element", [1, null], "TypeError", "steps[1]=null"],
  ["a boolean element", [true], "TypeError", "steps[0]=true"],
  ["a hole", [1, , 3], "TypeError", "steps[1]=undefined"],
  ["NaN", [1, 2, NaN], "RangeError", "steps[2]=NaN"],
  ["Infinity in a Float32Array", new Float32Array([1, Infinity]), "RangeError", "steps[1]=Infinity"],
  ["an empty array", [], "ok"],
  ["a detached typed array (length 0)", detached, "ok"],
  ["-0 and 1e308", [-0, 1e308], "ok"],
] as [string, unknown, Outcome, string?][])
  rows.push({ name: `evaluate(${what})`, run: () => s.evaluate(value as never), outcome, message });

// Range bounds.
for (const [what, start, stop, outcome, message] of [
  ["a string start", "0", 10, "TypeError", "Argument `start` must be an integer"],
  ["a null stop", 0, null, "TypeError", "Argument `stop` must be an integer"],
  ["an object stop", 0, {}, "TypeError", "Argument `stop` must be an integer"],
  ["a NaN start", NaN, 10, "RangeError", "Argument `start` must be an integer between -2^53 and 2^53"],
  ["an infinite stop", 0, Infinity, "RangeError", "Argument `stop` must be an integer between"],
  ["a fractional start", 0.5, 10, "RangeError", "Received: start=0.5"],
  ["a stop beyond 2^53", 0, 2 ** 53 + 2, "RangeError", "Received: stop=9007199254740994"],
  ["a bigint beyond 2^53", 0n, 2n ** 53n + 1n, "RangeError", "Received: stop=9007199254740993n (bigint)"],
  ["start > stop", 10, 5, "RangeError", "Argument `stop` must be >= start. Received: start=10, stop=5"],
  ["start = stop", 7, 7, "ok"],
  ["-0 bounds", -0, 3, "ok"],
] as [string, unknown, unknown, Outcome, string?][])
  rows.push({ name: `range(${what})`, run: () => s.range(start as never, stop as never), outcome, message });

// Options and out.
const detachedOut = new Float32Array(4);
structuredClone(detachedOut.buffer, { transfer: [detachedOut.buffer] });
for (const [what, options, outcome, message] of [
  ["options as a string", "float64", "TypeError", "Argument `options` must be an object"],
  ["options as null", null, "TypeError", "Argument `options` must be an object"],
  ["a misspelt option", { dtyp: "float64" }, "TypeError", "Unknown option `dtyp`. Known: dtype, backend, out"],
  ["an unknown dtype", { dtype: "float16" }, "TypeError", 'Argument `dtype` must be "float32" or "float64"'],
  ["an unknown backend", { backend: "gpu" }, "TypeError", "Argument `backend` must be one of"],
  ["out as a plain array", { out: [0, 0, 0, 0] }, "TypeError", "Argument `out` must be a Float32Array"],
  ["out of the wrong dtype", { out: new Float64Array(4) }, "TypeError", "Argument `out` must be a Float32Array"],
  ["out too short", { out: new Float32Array(3) }, "RangeError", "Argument `out` must have length 4. Received: out.length=3"],
  ["out too long", { out: new Float32Array(5) }, "RangeError", "Received: out.length=5"],
  ["a detached out", { out: detachedOut }, "RangeError", "out.length=0 (its buffer is detached)"],
  ["out as a subarray view", { out: new Float32Array(10).subarray(3, 7) }, "ok"],
] as [string, unknown, Outcome, string?][])
  rows.push({ name: `range(0, 4, ${what})`, run: () => s.range(0, 4, options as never), outcome, message });

// Untrusted JSON.
for (const [what, json, outcome, message] of [
  ["a huge string", " ".repeat((1 << 20) + 1), "RangeError", "Argument `json` must be at most 1048576 characters"],
  ["deeply nested JSON", `{"class_name": "ExponentialDecay", "config": ${"[".repeat(100000)}${"]".repeat(100000)}}`, "TypeError", "Argument `json.config` must be an object"],
  ["a constructor key", { class_name: "ExponentialDecay", config: { ...{ initial_learning_rate: 0.1, decay_steps: 1, decay_rate: 0.5 }, constructor: {} } }, "TypeError", "unexpected key `constructor`"],
  ["a prototype key", { class_name: "ExponentialDecay", config: { initial_learning_rate: 0.1, decay_steps: 1, decay_rate: 0.5, prototype: {} } }, "TypeError", "unexpected key `prototype`"],
  ["class_name __proto__", { class_name: "__proto__", config: {} }, "RangeError", "Unknown learning rate schedule"],
  ["class_name toString", { class_name: "toString", config: {} }, "RangeError", "Unknown learning rate schedule"],
] as [string, unknown, Outcome, string?][])
  rows.push({ name: `deserialize(${what})`, run: () => deserialize(json), outcome, message });

describe(`${rows.length} bad inputs, each with its documented outcome`, () => {
  test.each(rows.map((r) => [r.name, r] as const))("%s", (_, row) => {
    if (row.outcome === "ok") {
      expect(row.run).not.toThrow();
      return;
    }
    const type = row.outcome === "TypeError" ? TypeError : RangeError;
    let error: unknown;
    try {
      row.run();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(type);
    expect((error as Error).constructor).toBe(type); // not a subclass that merely inherits
    if (row.message) expect((error as Error).message).toContain(row.message);
  });

  test("no prototype was changed by any of them", () => {
    for (const proto of [Object.prototype, Array.prototype, Function.prototype, ExponentialDecay.prototype])
      expect(Object.keys(proto)).toEqual([]);
  });
});
