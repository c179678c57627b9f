/**
 * Keras' JSON for schedules. `serialize` writes what Keras 3 writes
 * (`keras.optimizers.schedules.serialize`); `deserialize` reads that, the legacy tf.keras form
 * `{ class_name, config }`, and configs as older versions wrote them (no staircase, name: null).
 * JSON from outside is untrusted: unknown classes and keys are refused by name.
 */
import { SCHEDULES } from "./registry.js";
import type { LearningRateSchedule } from "./schedule.js";
import type { DType } from "./types.js";
import * as check from "./validate.js";

export interface SerializedSchedule {
  module: string;
  class_name: string;
  config: Record<string, unknown>;
  registered_name: null;
}

export type ScheduleClassName = keyof typeof SCHEDULES;

/** Keras 3's serialized form of a schedule. */
export function serialize(schedule: LearningRateSchedule): SerializedSchedule {
  return schedule.toJSON();
}

const WRAPPER_KEYS = ["module", "class_name", "config", "registered_name"];
/** A serialized schedule is a few hundred characters; anything past 1 MiB is not one. */
const MAX_JSON_LENGTH = 1 << 20;

/** A schedule from its serialized form: an object, or a JSON string of one. */
export function deserialize(json: unknown, options: { dtype?: DType } = {}): InstanceType<(typeof SCHEDULES)[ScheduleClassName]> {
  let value = json;
  if (typeof json === "string") {
    if (json.length > MAX_JSON_LENGTH)
      throw new RangeError(`Argument \`json\` must be at most ${MAX_JSON_LENGTH} characters. Received: ${json.length} characters`);
    try {
      value = JSON.parse(json);
    } catch (e) {
      throw new TypeError(`Argument \`json\` is not valid JSON: ${(e as Error).message}`);
    }
  }
  const wrapper = check.plainObject("json", value);
  for (const key of Object.keys(wrapper))
    if (!WRAPPER_KEYS.includes(key))
      throw new TypeError(`A serialized schedule has no key \`${key}\`. Known: ${WRAPPER_KEYS.join(", ")}`);
  const className = wrapper.class_name;
  if (typeof className !== "string")
    throw new TypeError(`Argument \`json.class_name\` must be a string. Received: class_name=${check.describe(className)}`);
  if (!Object.hasOwn(SCHEDULES, className))
    throw new RangeError(
      `Unknown learning rate schedule class_name=${check.describe(className)}. Known: ${Object.keys(SCHEDULES).join(", ")}`,
    );
  for (const key of ["module", "registered_name"])
    if (wrapper[key] !== undefined && wrapper[key] !== null && typeof wrapper[key] !== "string")
      throw new TypeError(`Argument \`json.${key}\` must be a string or null. Received: ${key}=${check.describe(wrapper[key])}`);
  const cls = SCHEDULES[className as ScheduleClassName];
  return cls.fromConfig(check.plainObject("json.config", wrapper.config) as never, options);
}

/**
 * The schedule as a JSON string that Keras reads back identically. Unlike JSON.stringify, it
 * writes Python floats with a decimal point (1.0, not 1): Keras would otherwise read an integer
 * initial_learning_rate and compute the whole schedule in int32.
 */
export function toKerasJSON(schedule: LearningRateSchedule, space?: number | string): string {
  const floatKeys = (schedule.constructor as { floatKeys?: readonly string[] }).floatKeys ?? [];
  const marker = "\u0000float:";
  const text = JSON.stringify(
    serialize(schedule),
    (key, value: unknown) =>
      floatKeys.includes(key) && typeof value === "number" ? `${marker}${pythonFloat(value)}` : value,
    space,
  );
  return text.replace(/"\\u0000float:([^"]*)"/g, "$1");
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
