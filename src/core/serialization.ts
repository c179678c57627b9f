/**
 * Keras' JSON for schedules. `serialize` writes what Keras 3 writes
 * (`keras.optimizers.schedules.serialize`); `deserialize` reads that, the legacy tf.keras form
 * `{ class_name, config }`, and configs as older versions wrote them (no staircase, name: null);
 * `loadSchedule` finds the schedule inside an optimizer's or a model's config. JSON from outside is
 * untrusted: unknown classes and keys are refused by name.
 */
import type { Arg } from "./args.js";
import { SCHEDULES } from "./registry.js";
import { LearningRateSchedule, withUnspecifiedDtype, type SerializedSchedule } from "./schedule.js";
import type { DType } from "./types.js";
import * as check from "./validate.js";

export type { SerializedSchedule };

/** A class of the user's own, as Keras' custom_objects holds it: it has fromConfig(config). */
export type CustomScheduleClass = { fromConfig(config: Record<string, unknown>, options?: { dtype?: DType }): LearningRateSchedule<DType> } & (abstract new (...args: never[]) => LearningRateSchedule<DType>);

export interface DeserializeOptions {
  /** The dtype of the schedule's results (lrdecay's option, never in the JSON). Defaults to "float32". */
  dtype?: DType;
  /** Schedule classes of one's own by the name they serialize under, as Keras' `custom_objects`. */
  customObjects?: Record<string, CustomScheduleClass>;
}

/** Keras 3's serialized form of a schedule. */
export function serialize(schedule: LearningRateSchedule<DType>): SerializedSchedule {
  if (!(schedule instanceof LearningRateSchedule))
    throw new TypeError(`Argument \`schedule\` must be a LearningRateSchedule. Received: schedule=${check.describe(schedule)}`);
  return schedule.toJSON();
}

const WRAPPER_KEYS = ["module", "class_name", "config", "registered_name"];
/** A serialized schedule is a few hundred characters; anything past 1 MiB is not one. */
const MAX_JSON_LENGTH = 1 << 20;

function parse(json: unknown, name: string): unknown {
  if (typeof json !== "string") return json;
  if (json.length > MAX_JSON_LENGTH)
    throw new RangeError(`Argument \`${name}\` must be at most ${MAX_JSON_LENGTH} characters. Received: ${json.length} characters`);
  try {
    return JSON.parse(json);
  } catch (e) {
    throw new TypeError(`Argument \`${name}\` is not valid JSON: ${(e as Error).message}`);
  }
}

function customObjectsOf(options: DeserializeOptions): Record<string, CustomScheduleClass> {
  const custom = options.customObjects === undefined ? {} : check.plainObject("customObjects", options.customObjects);
  for (const [name, cls] of Object.entries(custom))
    if (typeof cls !== "function" || !(cls.prototype instanceof LearningRateSchedule))
      throw new TypeError(`Argument \`customObjects.${name}\` must be a LearningRateSchedule subclass. Received: ${check.describe(cls)}`);
  return custom as Record<string, CustomScheduleClass>;
}

/** The class a serialized schedule names: the user's (customObjects) first, as Keras, then lrdecay's. */
function classFor(wrapper: Record<string, unknown>, custom: Record<string, CustomScheduleClass>): CustomScheduleClass | null {
  for (const key of ["registered_name", "class_name"]) {
    const name = wrapper[key];
    if (typeof name === "string" && Object.hasOwn(custom, name)) return custom[name]!;
  }
  const className = wrapper.class_name;
  return typeof className === "string" && Object.hasOwn(SCHEDULES, className) ? (SCHEDULES[className as keyof typeof SCHEDULES] as unknown as CustomScheduleClass) : null;
}

/** A schedule from its serialized form: an object, or a JSON string of one. */
export function deserialize(json: unknown, options: DeserializeOptions = {}): LearningRateSchedule<DType> {
  const opts = check.plainObject("options", options) as DeserializeOptions;
  const custom = customObjectsOf(opts);
  const wrapper = check.plainObject("json", parse(json, "json"));
  for (const key of Object.keys(wrapper))
    if (!WRAPPER_KEYS.includes(key))
      throw new TypeError(`A serialized schedule has no key \`${key}\`. Known: ${WRAPPER_KEYS.join(", ")}`);
  const className = wrapper.class_name;
  if (typeof className !== "string")
    throw new TypeError(`Argument \`json.class_name\` must be a string. Received: class_name=${check.describe(className)}`);
  for (const key of ["module", "registered_name"])
    if (wrapper[key] !== undefined && wrapper[key] !== null && typeof wrapper[key] !== "string")
      throw new TypeError(`Argument \`json.${key}\` must be a string or null. Received: ${key}=${check.describe(wrapper[key])}`);
  const cls = classFor(wrapper, custom);
  if (cls === null) {
    // The rule as data (check.argumentError), so a reader of its own (the CLI) words it without the
    // hint at options.customObjects, which is for programs.
    const rule = `is not a known learning rate schedule. Known: ${[...Object.keys(SCHEDULES), ...Object.keys(custom)].join(", ")}`;
    throw check.argumentError(
      RangeError, { argument: "class_name", value: className, rule },
      `Unknown learning rate schedule class_name=${check.describe(className)}. Known: ${[...Object.keys(SCHEDULES), ...Object.keys(custom)].join(", ")}` +
        " (pass a class of your own in options.customObjects)",
    );
  }
  const config = check.plainObject("json.config", wrapper.config);
  const dtype = opts.dtype === undefined ? undefined : check.dtype(opts.dtype);
  // A class of one's own may build its schedule with super() and no dtype (Keras' fromConfig is
  // `return new C(config)`): that schedule takes the dtype asked for.
  const schedule: unknown =
    dtype === undefined ? cls.fromConfig(config) : withUnspecifiedDtype(dtype, () => cls.fromConfig(config, { dtype }));
  if (!(schedule instanceof LearningRateSchedule))
    throw new TypeError(`${className}.fromConfig must return a LearningRateSchedule. Received: ${check.describe(schedule)}`);
  if (dtype !== undefined && schedule.dtype !== dtype)
    throw new TypeError(
      `${cls.name}.fromConfig returned a ${schedule.dtype} schedule where dtype "${dtype}" was asked for: its constructor ` +
        `sets the dtype itself. Let fromConfig(config, options) pass options.dtype on to super() (super({ dtype: options?.dtype })), ` +
        "or call super() with no dtype.",
    );
  return schedule;
}

type Json = Record<string, unknown>;
const isObject = (x: unknown): x is Json => x !== null && typeof x === "object" && !Array.isArray(x);

/** What loadSchedule found, and where in the JSON. */
export interface FoundSchedule {
  readonly schedule: LearningRateSchedule<DType>;
  /** The path to it ("the JSON itself", "config.learning_rate", "compile_config.optimizer.config.learning_rate"). */
  readonly where: string;
}

/**
 * The schedule inside any Keras JSON: a serialized schedule, an optimizer (serialized, or its bare
 * config) with `learning_rate` or `lr` (as older Keras wrote), or a model config (Keras 3's
 * `compile_config.optimizer`, tf.keras' `training_config.optimizer_config`); an object or a string.
 * An optimizer whose learning rate is a plain number gets an error that says so.
 */
export function loadSchedule(json: unknown, options: DeserializeOptions = {}): LearningRateSchedule<DType> {
  return findSchedule(json, options).schedule;
}

/** loadSchedule, and where in the JSON the schedule was. */
export function findSchedule(json: unknown, options: DeserializeOptions = {}): FoundSchedule {
  const custom = customObjectsOf(check.plainObject("options", options) as DeserializeOptions);
  const root = parse(json, "json");
  if (!isObject(root)) throw new TypeError(`Argument \`json\` must be a Keras JSON object. Received: json=${check.describe(root)}`);
  const rates: string[] = [];
  const found = search(root, "", custom, rates);
  // A serialized object that is no optimizer or model: a schedule whose class is unknown, which
  // deserialize refuses by name.
  if (found === null && rates.length === 0 && isSerialized(root)) deserialize(root, options);
  if (found === null) {
    if (rates.length > 0)
      throw new TypeError(`The JSON holds no learning rate schedule: its optimizer's learning rate is a plain number (${rates.join(", ")}).`);
    throw new TypeError(
      "The JSON holds no learning rate schedule (looked for a serialized schedule, an optimizer's learning_rate or lr, " +
        "and a model's compile_config.optimizer and training_config.optimizer_config).",
    );
  }
  return { schedule: deserialize(found.serialized, options), where: found.where || "the JSON itself" };
}

/** Serialized: a class name and a config. */
const isSerialized = (x: unknown): x is Json => isObject(x) && typeof x.class_name === "string" && isObject(x.config);

/** The serialized schedule at the places Keras puts one, and where it was found. */
function search(x: unknown, where: string, custom: Record<string, CustomScheduleClass>, rates: string[]): { serialized: Json; where: string } | null {
  if (!isObject(x)) return null;
  if (isSerialized(x) && classFor(x, custom) !== null) return { serialized: x, where };
  // An optimizer, serialized ({class_name, config: {learning_rate}}) or as its bare config.
  for (const holder of [x.config, x]) {
    if (!isObject(holder)) continue;
    for (const key of ["learning_rate", "lr"]) {
      const rate = holder[key];
      const path = `${where}${holder === x ? "" : "config."}${key}`;
      // Whatever class it names: deserialize then refuses an unknown one by name.
      if (isSerialized(rate)) return { serialized: rate, where: path };
      if (typeof rate === "number") rates.push(`${path}=${rate}`);
    }
  }
  // A model: Keras 3 (compile_config.optimizer) or tf.keras (training_config.optimizer_config).
  const compile = x.compile_config;
  if (isObject(compile)) {
    const found = search(compile.optimizer, `${where}compile_config.optimizer.`, custom, rates);
    if (found) return found;
  }
  const training = x.training_config;
  if (isObject(training)) {
    const found = search(training.optimizer_config, `${where}training_config.optimizer_config.`, custom, rates);
    if (found) return found;
  }
  return null;
}

/**
 * The schedule as a JSON string that Keras reads back identically. Unlike JSON.stringify, it
 * writes Python floats with a decimal point (1.0, not 1) for every argument Keras holds as a float,
 * list elements included: Keras would otherwise read an integer initial_learning_rate (or
 * PiecewiseConstantDecay values) and compute the whole schedule in int32. Everything else is
 * written as JSON.stringify writes it, layout (`space`) included.
 */
export function toKerasJSON(schedule: LearningRateSchedule<DType>, space?: number | string): string {
  const args = (schedule.constructor as { args?: readonly Arg[] }).args ?? [];
  const serialized = serialize(schedule);
  // The writer decides how each number is written as it goes: no value is ever marked in-band (a
  // marker string could be a schedule's name, which comes from untrusted JSON).
  return writeJSON(serialized, gapOf(space), (holder, key) => holder === serialized.config && args.some((a) => a.float && a.key === key));
}

/**
 * JSON.stringify's indentation for `space`: up to 10 spaces, or the string's first 10 characters.
 * Only JSON's whitespace: JSON.stringify would indent with any string and write what no JSON
 * parser reads.
 */
function gapOf(space: unknown): string {
  if (space === undefined) return "";
  if (typeof space === "number") {
    if (Number.isNaN(space)) throw new RangeError(`Argument \`space\` must be a number of spaces. Received: space=NaN`);
    return " ".repeat(Math.min(10, Math.max(0, Math.trunc(space))));
  }
  if (typeof space !== "string")
    throw new TypeError(`Argument \`space\` must be a number or a string of JSON whitespace. Received: space=${check.describe(space)}`);
  if (!/^[ \t\n\r]*$/.test(space))
    throw new RangeError(`Argument \`space\` must hold only JSON whitespace (space, tab, line feed, carriage return). Received: space=${check.describe(space)}`);
  return space.slice(0, 10);
}

/**
 * JSON.stringify(value, null, gap), except that a number is written as a Python float (pythonFloat)
 * where `isFloat(holder, key)` says Keras holds it as one, in lists under such a key too, and
 * wherever it is -0 (Python has no integer -0, and JSON.stringify writes 0, which turns a * v
 * from -0 to +0). The rest follows JSON.stringify: toJSON, boxed primitives, undefined and
 * functions left out of objects and written null in arrays, a bigint or a cycle a TypeError.
 */
function writeJSON(root: unknown, gap: string, isFloat: (holder: object, key: string) => boolean): string {
  const stack: object[] = [];
  const write = (value: unknown, key: string, float: boolean, indent: string): string | undefined => {
    if ((value !== null && typeof value === "object") || typeof value === "bigint") {
      const toJSON = (value as { toJSON?: unknown }).toJSON;
      if (typeof toJSON === "function") value = toJSON.call(value, key);
    }
    if (value instanceof Number) value = Number(value);
    else if (value instanceof String) value = String(value);
    else if (value instanceof Boolean) value = value.valueOf();
    switch (typeof value) {
      case "number":
        if (!Number.isFinite(value)) return "null";
        return float || Object.is(value, -0) ? pythonFloat(value) : JSON.stringify(value);
      case "string":
      case "boolean":
      case "bigint": // JSON.stringify's TypeError
        return JSON.stringify(value);
      case "undefined":
      case "function":
      case "symbol":
        return undefined;
    }
    if (value === null) return "null";
    const object = value as Record<string, unknown>;
    if (stack.includes(object)) throw new TypeError("Converting circular structure to JSON");
    stack.push(object);
    const inner = indent + gap;
    const parts: string[] = [];
    if (Array.isArray(object)) {
      for (let i = 0; i < object.length; i++) parts.push(write(object[i], String(i), float, inner) ?? "null");
    } else {
      for (const k of Object.keys(object)) {
        const text = write(object[k], k, isFloat(object, k), inner);
        if (text !== undefined) parts.push(`${JSON.stringify(k)}:${gap === "" ? "" : " "}${text}`);
      }
    }
    stack.pop();
    const [open, close] = Array.isArray(object) ? ["[", "]"] : ["{", "}"];
    if (parts.length === 0) return open + close;
    return gap === "" ? `${open}${parts.join(",")}${close}` : `${open}\n${inner}${parts.join(`,\n${inner}`)}\n${indent}${close}`;
  };
  return write(root, "", false, "") ?? "undefined";
}

/**
 * A finite double as Python's repr writes it: the shortest round-trip digits, ".0" if integral, and
 * -0.0 with its sign (JSON.stringify writes -0 as 0, which changes a * v from -0 to +0).
 */
function pythonFloat(x: number): string {
  if (Object.is(x, -0)) return "-0.0";
  const s = String(x);
  return /[.eE]/.test(s) ? s : `${s}.0`;
}
