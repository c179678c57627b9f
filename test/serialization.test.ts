import { describe, expect, test } from "vitest";
import { deserialize, ExponentialDecay, findSchedule, LearningRateSchedule, loadSchedule, SCHEDULES, serialize, toKerasJSON, type DType } from "../src/index.js";
import { argsOf, build, exampleOf, expectSameBits, fromConfig, NAMES, optionsOf } from "./registry.js";
import fc from "fast-check";

// What Keras 3.x writes for keras.optimizers.schedules.serialize(ExponentialDecay(0.1, 100000, 0.96)).
const KERAS3 = `{"module": "keras.optimizers.schedules", "class_name": "ExponentialDecay", "config": {"initial_learning_rate": 0.1, "decay_steps": 100000, "decay_rate": 0.96, "staircase": false, "name": "ExponentialDecay"}, "registered_name": null}`;
// What tf.keras 2.x (before 2.13) writes: no module, name None for an unnamed schedule.
const LEGACY = `{"class_name": "ExponentialDecay", "config": {"initial_learning_rate": 0.1, "decay_steps": 100000, "decay_rate": 0.96, "staircase": true, "name": null}}`;

describe("serialize", () => {
  test("writes Keras 3's form", () => {
    const s = new ExponentialDecay(0.1, 100000, 0.96);
    expect(serialize(s)).toEqual(JSON.parse(KERAS3));
    expect(JSON.parse(JSON.stringify(s))).toEqual(JSON.parse(KERAS3));
  });

  test("toKerasJSON writes floats as Python does, so Keras does not read an int", () => {
    const s = new ExponentialDecay(1, 1000, 1, true, "warm");
    const text = toKerasJSON(s);
    expect(text).toContain('"initial_learning_rate":1.0');
    expect(text).toContain('"decay_rate":1.0');
    expect(text).toContain('"decay_steps":1000,');
    expect(JSON.parse(text)).toEqual(serialize(s));
    expect(toKerasJSON(new ExponentialDecay(1e-7, 10, 0.5))).toContain('"initial_learning_rate":1e-7,');
    expect(toKerasJSON(s, 2)).toContain('\n    "initial_learning_rate": 1.0,');
    // -0 keeps its sign, as Python writes it: a -0 learning rate gives -0 results, not +0.
    const negativeZero = new ExponentialDecay(-0, 10, 0.5);
    expect(toKerasJSON(negativeZero)).toContain('"initial_learning_rate":-0.0,');
    expect(Object.is(deserialize(toKerasJSON(negativeZero))(3), -0)).toBe(true);
  });
});

describe("deserialize", () => {
  test.each([
    ["Keras 3's form, as a string", KERAS3],
    ["Keras 3's form, as an object", JSON.parse(KERAS3)],
    ["tf.keras' legacy form", LEGACY],
    ["a config without staircase and name", { class_name: "ExponentialDecay", config: { initial_learning_rate: 0.1, decay_steps: 100000, decay_rate: 0.96 } }],
    ["integer-valued floats", { class_name: "ExponentialDecay", config: { initial_learning_rate: 1.0, decay_steps: 100000.0, decay_rate: 1 } }],
    ["Keras' internal module path", { module: "keras.src.optimizers.schedules.learning_rate_schedule", class_name: "ExponentialDecay", config: JSON.parse(KERAS3).config, registered_name: null }],
  ])("reads %s", (_, json) => {
    const s = deserialize(json);
    expect(s).toBeInstanceOf(ExponentialDecay);
    const config = (typeof json === "string" ? JSON.parse(json) : json).config;
    expect(s.getConfig()).toEqual({ staircase: false, name: "ExponentialDecay", ...config });
    expect(s(100000)).toBe(new ExponentialDecay(config.initial_learning_rate, config.decay_steps, config.decay_rate, config.staircase)(100000));
  });

  test("round trips through JSON, keeping tf.keras' name: null", () => {
    for (const s of [new ExponentialDecay(0.1, 3, 0.96, true, "lr"), deserialize(LEGACY)]) {
      const back = deserialize(JSON.stringify(s));
      expect(back.getConfig()).toEqual(s.getConfig());
      expect(back.range(0, 100)).toEqual(s.range(0, 100));
    }
    expect(deserialize(LEGACY).name).toBeNull();
    expect(deserialize(toKerasJSON(deserialize(LEGACY))).getConfig()).toEqual(deserialize(LEGACY).getConfig());
  });

  test("takes the dtype option, which never enters the config", () => {
    const s = deserialize(KERAS3, { dtype: "float64" });
    expect(s.dtype).toBe("float64");
    expect(serialize(s)).toEqual(JSON.parse(KERAS3));
  });

  test.each<[string, unknown, ErrorConstructor, string]>([
    ["an unknown class, listing the known ones", { class_name: "OneCycle", config: {} }, RangeError, `Unknown learning rate schedule class_name="OneCycle" (string). Known: ${Object.keys(SCHEDULES).join(", ")}`],
    ["an unexpected config key, as Keras' from_config", { class_name: "ExponentialDecay", config: { initial_learning_rate: 0.1, decay_steps: 10, decay_rate: 0.9, warmup: 5 } }, TypeError, "ExponentialDecay.fromConfig got an unexpected key `warmup`"],
    ["a number given as a string", { class_name: "ExponentialDecay", config: { initial_learning_rate: "0.1", decay_steps: 10, decay_rate: 0.9 } }, TypeError, 'Argument `initial_learning_rate` must be a number. Received: initial_learning_rate="0.1" (string)'],
    ["a nested object for a number", { class_name: "ExponentialDecay", config: { initial_learning_rate: { value: 0.1 }, decay_steps: 10, decay_rate: 0.9 } }, TypeError, "initial_learning_rate=an object (Object)"],
    ["decay_steps = 0", { class_name: "ExponentialDecay", config: { initial_learning_rate: 0.1, decay_steps: 0, decay_rate: 0.9 } }, RangeError, "Argument `decay_steps` must be > 0. Received: decay_steps=0"],
    ["a __proto__ key", '{"class_name": "ExponentialDecay", "config": {"initial_learning_rate": 0.1, "decay_steps": 10, "decay_rate": 0.9, "__proto__": {"staircase": true}}}', TypeError, "unexpected key `__proto__`"],
    ["a missing config", { class_name: "ExponentialDecay" }, TypeError, "Argument `json.config` must be an object. Received: json.config=undefined"],
    ["an unknown wrapper key", { class_name: "ExponentialDecay", config: {}, extra: 1 }, TypeError, "A serialized schedule has no key `extra`"],
    ["not JSON", "{class_name:", TypeError, "Argument `json` is not valid JSON"],
    ["an array", [1, 2], TypeError, "Argument `json` must be an object. Received: json=an array of length 2"],
  ])("refuses %s", (_, json, type, message) => {
    expect(() => deserialize(json)).toThrow(type);
    expect(() => deserialize(json)).toThrow(message);
    expect(({} as Record<string, unknown>).staircase).toBeUndefined(); // no prototype was touched
  });
});

describe.each(NAMES)("%s: Keras JSON", (name) => {
  test("serialize, JSON text and toKerasJSON all read back to the same schedule, in either dtype", () => {
    fc.assert(
      fc.property(optionsOf(name), (options) => {
        const s = build(name, options);
        const dtype = s.dtype as DType;
        // JSON.stringify writes -0 as 0 (toKerasJSON keeps it): that path is exact without a -0.
        const negativeZero = JSON.stringify(s.getConfig(), (_, v: unknown) => (Object.is(v, -0) ? "-0" : v)).includes('"-0"');
        for (const json of [serialize(s), toKerasJSON(s), ...(negativeZero ? [] : [JSON.stringify(s)])]) {
          const back = deserialize(json, { dtype });
          expect(back).toBeInstanceOf(SCHEDULES[name]);
          expect(back.getConfig()).toEqual(s.getConfig());
          expectSameBits(back.range(-50, 150), s.range(-50, 150));
        }
        expect(JSON.parse(toKerasJSON(s))).toEqual(serialize(s));
        expect(serialize(s)).toMatchObject({ module: "keras.optimizers.schedules", class_name: name, registered_name: null });
      }),
      { numRuns: 60 },
    );
  });

  test("getConfig is exactly the declared arguments under Keras' names, and fromConfig reads it back", () => {
    const s = build(name, exampleOf(name));
    const config = s.getConfig();
    expect(Object.keys(config)).toEqual(argsOf(name).map((a) => a.key));
    const back = fromConfig(name, config, { dtype: "float64" });
    expect(back.getConfig()).toEqual(config);
    expect(back.dtype).toBe("float64");
    expect(String(s).startsWith(`${name}(`)).toBe(true);
    for (const key of Object.keys(config)) expect(String(s)).toContain(`${key}=`);
  });

  test("toKerasJSON writes every argument Keras holds as a float with a decimal point, list elements included", () => {
    const floats = argsOf(name).filter((a) => a.float);
    const text = toKerasJSON(build(name, exampleOf(name)));
    for (const arg of floats) expect(text, arg.key).toMatch(new RegExp(`"${arg.key}":(-?[0-9]|\\[)`));
    // Integral values: 1 is written 1.0, so that Keras does not compute in int32.
    const integral = { ...exampleOf(name) };
    for (const arg of floats) {
      const v = integral[arg.option];
      integral[arg.option] = Array.isArray(v) ? v.map((x: number) => Math.round(x) || 1) : Math.round(v as number) || 1;
    }
    // Every schedule takes integral values for its float arguments (a RangeError here fails the test).
    const s = build(name, integral);
    expect(s.getConfig()).toMatchObject(Object.fromEntries(floats.map((a) => [a.key, integral[a.option]])));
    const integralText = toKerasJSON(s);
    for (const arg of floats) {
      const v = (s.getConfig() as Record<string, unknown>)[arg.key];
      const written = Array.isArray(v) ? `[${v.map((x) => `${x}.0`).join(",")}]` : `${v}.0`;
      expect(integralText).toContain(`"${arg.key}":${written}`);
    }
  });

  test("loadSchedule finds it in an optimizer config, an old optimizer's lr, and a Keras 3 or tf.keras model config", () => {
    const s = build(name, exampleOf(name));
    const json = serialize(s);
    const optimizer = { module: "keras.optimizers", class_name: "SGD", config: { name: "SGD", learning_rate: json, momentum: 0.0 }, registered_name: null };
    const shapes: [unknown, string][] = [
      [json, "the JSON itself"],
      [optimizer, "config.learning_rate"],
      [{ lr: json, decay: 0 }, "lr"],
      [{ class_name: "Functional", config: { layers: [] }, compile_config: { optimizer, loss: "mse" } }, "compile_config.optimizer.config.learning_rate"],
      [JSON.stringify({ training_config: { optimizer_config: { class_name: "Adam", config: { learning_rate: json } } } }), "training_config.optimizer_config.config.learning_rate"],
    ];
    for (const [shape, where] of shapes) {
      const found = findSchedule(shape, { dtype: "float64" });
      expect(found.where).toBe(where);
      expect(found.schedule.getConfig()).toEqual(s.getConfig());
      expect(found.schedule.dtype).toBe("float64");
      expect(loadSchedule(shape).getConfig()).toEqual(s.getConfig());
    }
  });
});

describe("loadSchedule refuses what holds no schedule, saying why", () => {
  test.each<[string, unknown, ErrorConstructor, string]>([
    ["an optimizer whose learning rate is a plain number", { class_name: "Adam", config: { learning_rate: 0.001 } }, TypeError, "its optimizer's learning rate is a plain number (config.learning_rate=0.001)"],
    ["a model whose optimizer has a plain number", { compile_config: { optimizer: { class_name: "SGD", config: { learning_rate: 0.01 } } } }, TypeError, "compile_config.optimizer.config.learning_rate=0.01"],
    ["a schedule class lrdecay does not know, named", { class_name: "OneCycle", config: { max_lr: 0.1 } }, RangeError, 'class_name="OneCycle"'],
    ["an optimizer holding an unknown schedule, named", { class_name: "SGD", config: { learning_rate: { class_name: "OneCycle", config: {} } } }, RangeError, 'class_name="OneCycle"'],
    ["an object with nothing in it", { layers: [] }, TypeError, "The JSON holds no learning rate schedule"],
    ["a number", 3, TypeError, "Argument `json` must be a Keras JSON object"],
    ["not JSON", "{", TypeError, "Argument `json` is not valid JSON"],
  ])("%s", (_, json, type, message) => {
    expect(() => loadSchedule(json)).toThrow(type);
    expect(() => loadSchedule(json)).toThrow(message);
  });
});

/** A string as hostile as JSON text can carry: control characters, lone surrogates, quotes, backslashes, the old marker. */
const hostile = fc.tuple(fc.boolean(), fc.oneof(
  fc.string({ unit: "binary", maxLength: 24 }),
  fc.string({ unit: fc.constantFrom("\u0000", "\"", "\\", ":", "float", "\ud800", "\udfff", "\u2028", "}", "]", ",", "1", "e", "-", "."), maxLength: 16 }),
  fc.constantFrom("\u0000float:1", "\u0000float:", "\u0000float:1}}", '\u0000float:1","x":"', "\\u0000float:1"),
)).map(([marked, s]) => (marked ? `\u0000float:${s}` : s));

/** What JSON.stringify takes as indentation and writes JSON with: a count, or JSON whitespace. */
const space = fc.oneof(fc.constant(undefined), fc.integer({ min: -2, max: 12 }), fc.string({ unit: fc.constantFrom(" ", "\t", "\n", "\r"), maxLength: 12 }));

/** Whether a -0 sits anywhere in it: JSON.stringify writes it as 0, toKerasJSON as -0.0. */
function hasNegativeZero(x: unknown, seen = new Set<unknown>()): boolean {
  if (Object.is(x, -0) || (x instanceof Number && Object.is(x.valueOf(), -0))) return true;
  if (x === null || typeof x !== "object" || seen.has(x)) return false;
  seen.add(x);
  return Object.values(x).some((v) => hasNegativeZero(v, seen));
}

describe("toKerasJSON on hostile strings (names come from untrusted JSON and the playground's address)", () => {
  test('a name starting with "\\u0000float:" is written as the string it is', () => {
    const s = new ExponentialDecay(0.1, 10, 0.5, false, "\u0000float:1");
    const text = toKerasJSON(s);
    expect(text).toContain('"name":"\\u0000float:1"');
    expect(JSON.parse(text)).toEqual(serialize(s));
    expect(deserialize(text).getConfig()).toEqual(s.getConfig());
  });

  test.each(NAMES)("%s: any name, any indentation: the text parses back (JSON.parse and deserialize) to the same config", (name) => {
    const nameArg = argsOf(name).find((a) => a.key === "name");
    fc.assert(
      fc.property(optionsOf(name), hostile, space, (options, label, space) => {
        const s = build(name, nameArg === undefined ? options : { ...options, [nameArg.option]: label });
        const text = toKerasJSON(s, space);
        expect(JSON.parse(text)).toEqual(serialize(s));
        const back = deserialize(text, { dtype: s.dtype as DType });
        expect(back.getConfig()).toEqual(s.getConfig());
        expectSameBits(back.range(0, 20), s.range(0, 20));
        // The layout is JSON.stringify's wherever no float is written with a decimal point.
        // (Strings compared above; here each string literal is blanked, so that a name holding
        // "1.0," is not taken for a number.)
        const numbersAsJS = (t: string) => t.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/(\d)\.0(?=[,\s\]}])/g, "$1").replace(/-0(?=[,\s\]}])/g, "0");
        expect(numbersAsJS(text)).toBe(numbersAsJS(JSON.stringify(serialize(s), null, space)));
      }),
      { numRuns: 150 },
    );
  });

  test("a schedule of one's own with any config: the text is JSON.stringify's, a -0 kept as -0.0", () => {
    class Anything extends LearningRateSchedule {
      constructor(readonly config: unknown) {
        super();
      }
      override compute(): number {
        return 0.1;
      }
      override getConfig() {
        return this.config as Record<string, unknown>;
      }
    }
    const value = fc.anything({ maxDepth: 3, withBoxedValues: true, withDate: true, withNullPrototype: true, withSparseArray: true, withObjectString: true, key: hostile, values: [hostile, fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined)] });
    fc.assert(
      fc.property(fc.dictionary(hostile, value, { maxKeys: 5 }), space, (config, space) => {
        const s = new Anything(config);
        const text = toKerasJSON(s, space);
        if (!hasNegativeZero(config)) expect(text).toBe(JSON.stringify(serialize(s), null, space));
        else expect(text).toContain("-0.0");
        const positiveZero = (_: string, v: unknown) => (Object.is(v, -0) ? 0 : v);
        expect(JSON.parse(text, positiveZero)).toEqual(JSON.parse(JSON.stringify(serialize(s))));
      }),
      { numRuns: 500 },
    );
    // An indentation JSON.stringify would take and write no JSON with is refused by name.
    for (const bad of ["--", "\u0000", " x"]) expect(() => toKerasJSON(new Anything({}), bad)).toThrow(`Argument \`space\` must hold only JSON whitespace (space, tab, line feed, carriage return). Received: space=${JSON.stringify(bad)} (string)`);
    expect(() => toKerasJSON(new Anything({}), {} as never)).toThrow(TypeError);
    expect(toKerasJSON(new Anything({ a: [-0, 1], b: { c: -0 } }))).toBe('{"module":null,"class_name":"Anything","config":{"a":[-0.0,1],"b":{"c":-0.0}},"registered_name":"Anything"}');
  });
});
