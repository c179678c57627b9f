import { describe, expect, test } from "vitest";
import { deserialize, ExponentialDecay, serialize, toKerasJSON } from "../src/index.js";

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
    ["an unknown class, listing the known ones", { class_name: "NoSuchDecay", config: {} }, RangeError, 'Unknown learning rate schedule class_name="NoSuchDecay" (string). Known: ExponentialDecay, CosineDecay, CosineDecayRestarts'],
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
