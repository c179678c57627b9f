// Issue 7's table: every argument of every entry point against every kind of bad value. Each gets
// the documented behaviour: a TypeError or RangeError naming the argument and the value, or a
// defined result (README, "Errors and edge cases").
import { describe, expect, test } from "vitest";
import { SCHEDULES, deserialize, type Arg, type DType, type LearningRateSchedule } from "../src/index.js";
import { argsOf, build, buildPositional, exampleConfig, exampleOf, fromConfig, NAMES, TYPE_RULE } from "./registry.js";

type Outcome = "TypeError" | "RangeError" | "ok";
const accepted = (arg: Arg, value: unknown) => {
  try {
    arg.check(value);
    return true;
  } catch {
    return false;
  }
};

// Values of the wrong type, and numbers that are no valid number for anything.
const WRONG_TYPES: [string, unknown][] = [
  ["a string", "0.1"], ["null", null], ["an object", { value: 0.1 }], ["a boolean", true], ["a bigint", 1n], ["an array", [0.1]],
];
const NON_FINITE: [string, number][] = [["NaN", NaN], ["Infinity", Infinity], ["-Infinity", -Infinity]];

interface Row { name: string; run: () => unknown; outcome: Outcome; message?: string }
const rows: Row[] = [];

// Every declared argument of every schedule in the registry, in all three forms (Keras' positional
// order, the options object, fromConfig), against values of every wrong type and non-finite numbers.
// Each schedule's own value rules (decay_steps > 0, ...) are tested beside it in test/keras/.
for (const name of NAMES) {
  const args = argsOf(name);
  const example = exampleOf(name);
  for (const arg of args) {
    const wrongTypes = WRONG_TYPES.filter(([, v]) => !accepted(arg, v));
    const cases: [string, unknown, Outcome, string?][] = [
      ["undefined", undefined, arg.required ? "TypeError" : "ok", arg.required ? TYPE_RULE[arg.kind] : undefined],
      ...wrongTypes.map(([n, v]): [string, unknown, Outcome, string] => [n, v, "TypeError", TYPE_RULE[arg.kind]]),
    ];
    if (arg.kind === "number" || arg.kind === "optionalNumber")
      cases.push(...NON_FINITE.map(([n, v]): [string, unknown, Outcome, string] => [n, v, "RangeError", "must be finite"]));
    if (arg.kind === "numbers") {
      const list = (example[arg.option] as number[]).length > 0 ? (example[arg.option] as number[]) : [1];
      cases.push(["a list holding NaN", [...list.slice(0, -1), NaN], "RangeError", `Argument \`${arg.key}[${list.length - 1}]\` must be finite`]);
      cases.push(["a list holding a string", ["1", ...list.slice(1)], "TypeError", `Argument \`${arg.key}[0]\` must be a number`]);
    }
    for (const [what, value, outcome, rule] of cases) {
      const options = { ...example, [arg.option]: value };
      if (value === undefined) delete options[arg.option];
      const positional = args.map((a) => options[a.option]);
      while (positional.length > 0 && positional.at(-1) === undefined) positional.pop();
      const config = Object.fromEntries(args.filter((a) => Object.hasOwn(options, a.option)).map((a) => [a.key, options[a.option]]));
      const m = rule === undefined || rule.startsWith("Argument") ? rule : `Argument \`${arg.key}\` ${rule}`;
      // A schedule that builds must also compute: its results are defined (maybe 0, Infinity or NaN).
      const use = (s: LearningRateSchedule<DType>) => [s(0), s(12345), s.range(0, 100)[99], s.evaluate([5], { dtype: "float64" })[0]];
      rows.push({ name: `${name}(...): ${arg.key} = ${what}`, run: () => use(buildPositional(name, positional)), outcome, message: m });
      rows.push({ name: `${name}({...}): ${arg.option} = ${what}`, run: () => use(build(name, options)), outcome, message: m });
      rows.push({ name: `${name}.fromConfig: ${arg.key} = ${what}`, run: () => use(fromConfig(name, config)), outcome, message: m });
    }
  }
  const positional = args.map((a) => example[a.option]);
  rows.push({ name: `${name}: one positional argument too many`, run: () => buildPositional(name, [...positional, "float64"]), outcome: "TypeError", message: `${name} takes at most ${args.length} arguments. Received: ${args.length + 1}` });
  rows.push({ name: `${name}: an unknown option`, run: () => build(name, { ...example, warmup: 1 }), outcome: "TypeError", message: `${name} got an unexpected option \`warmup\`` });
  rows.push({ name: `${name}: a Keras name among the options`, run: () => build(name, { ...example, [args[0]!.key + "_"]: 1 }), outcome: "TypeError", message: "got an unexpected option" });
  rows.push({ name: `${name}: an unknown dtype`, run: () => build(name, { ...example, dtype: "float16" }), outcome: "TypeError", message: 'Argument `dtype` must be "float32" or "float64"' });
  rows.push({ name: `${name}.fromConfig: an unknown key`, run: () => fromConfig(name, { ...exampleConfig(name), lr: 1 }), outcome: "TypeError", message: `${name}.fromConfig got an unexpected key \`lr\`` });
  rows.push({ name: `${name}.fromConfig: not an object`, run: () => fromConfig(name, [] as never), outcome: "TypeError", message: "Argument `config` must be an object" });
}

// Single steps, arrays of steps, range bounds and batch options, on every schedule.
for (const name of NAMES) {
const s = build(name, exampleOf(name));
for (const [what, value] of WRONG_TYPES.filter(([, v]) => typeof v !== "bigint"))
  rows.push({ name: `${name}: step = ${what}`, run: () => s(value as never), outcome: "TypeError", message: "Argument `step` must be a number or a bigint" });
for (const [what, value] of NON_FINITE) rows.push({ name: `${name}: step = ${what}`, run: () => s(value), outcome: "RangeError", message: "Argument `step` must be finite" });
for (const [what, value] of [["-0", -0], ["negative", -5], ["1e308", 1e308], ["2^53 + 1", 2 ** 53 + 1], ["a bigint beyond 2^64", 2n ** 70n]] as [string, number | bigint][])
  rows.push({ name: `${name}: step = ${what}`, run: () => s(value), outcome: "ok" });

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
  rows.push({ name: `${name}: evaluate(${what})`, run: () => s.evaluate(value as never), outcome, message });

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
  rows.push({ name: `${name}: range(${what})`, run: () => s.range(start as never, stop as never), outcome, message });

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
  rows.push({ name: `${name}: range(0, 4, ${what})`, run: () => s.range(0, 4, options as never), outcome, message });
}

// Untrusted JSON.
for (const [what, json, outcome, message] of [
  ["a huge string", " ".repeat((1 << 20) + 1), "RangeError", "Argument `json` must be at most 1048576 characters"],
  ["deeply nested JSON", `{"class_name": "ExponentialDecay", "config": ${"[".repeat(100000)}${"]".repeat(100000)}}`, "TypeError", "Argument `json.config` must be an object"],
  ...NAMES.flatMap((name): [string, unknown, Outcome, string][] => [
    [`${name} with a constructor key`, { class_name: name, config: { ...exampleConfig(name), constructor: {} } }, "TypeError", "unexpected key `constructor`"],
    [`${name} with a prototype key`, { class_name: name, config: { ...exampleConfig(name), prototype: {} } }, "TypeError", "unexpected key `prototype`"],
    [`${name} with a __proto__ key`, `{"class_name": "${name}", "config": {"__proto__": {"staircase": true}}}`, "TypeError", "unexpected key `__proto__`"],
  ]),
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
    for (const proto of [Object.prototype, Array.prototype, Function.prototype, ...Object.values(SCHEDULES).map((c) => c.prototype)])
      expect(Object.keys(proto)).toEqual([]);
  });
});
