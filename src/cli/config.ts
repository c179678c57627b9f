/**
 * --config: a schedule from a Keras file. Accepted: a serialized schedule (Keras 3 or legacy), an
 * optimizer config holding one under learning_rate (or lr, as older Keras wrote), a model config
 * (its compile config's optimizer, or tf.keras' training_config), or a .keras archive (a zip whose
 * config.json is the model config).
 */
import { readFileSync } from "node:fs";
import { unzipSync, strFromU8 } from "fflate";
import { SCHEDULES } from "../registry.js";

export class ConfigError extends Error {}

type Json = Record<string, unknown>;
const isObject = (x: unknown): x is Json => x !== null && typeof x === "object" && !Array.isArray(x);

/** Reads the file (JSON or .keras) and returns the serialized schedule it holds. */
export function loadScheduleConfig(path: string): { serialized: Json; where: string } {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new ConfigError(`cannot read ${path}: ${(e as Error).message}`);
  }
  let text: string;
  // A zip starts with "PK\x03\x04": a .keras archive, whatever its name.
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    let files: Record<string, Uint8Array>;
    try {
      files = unzipSync(bytes, { filter: (f) => f.name === "config.json" });
    } catch (e) {
      throw new ConfigError(`${path} is not a readable zip (.keras) archive: ${(e as Error).message}`);
    }
    if (files["config.json"] === undefined) throw new ConfigError(`${path} is a zip without config.json, not a .keras archive`);
    text = strFromU8(files["config.json"]);
  } else {
    text = strFromU8(bytes);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`${path} is not valid JSON: ${(e as Error).message}`);
  }
  const found = findSchedule(json, "");
  if (found === null)
    throw new ConfigError(
      `${path} holds no learning rate schedule (looked for a serialized schedule, an optimizer's learning_rate or lr, ` +
        `a model's compile_config.optimizer and training_config.optimizer_config)`,
    );
  return found;
}

function isSchedule(x: unknown): boolean {
  return isObject(x) && typeof x.class_name === "string" && Object.hasOwn(SCHEDULES, x.class_name) && isObject(x.config);
}

/** The serialized schedule at the places Keras puts one, and where it was found. */
function findSchedule(x: unknown, where: string): { serialized: Json; where: string } | null {
  if (!isObject(x)) return null;
  if (isSchedule(x)) return { serialized: x, where: where || "the file itself" };
  // An optimizer, serialized ({class_name, config: {learning_rate}}) or as its bare config.
  for (const holder of [x.config, x]) {
    if (!isObject(holder)) continue;
    for (const key of ["learning_rate", "lr"]) {
      const rate = holder[key];
      if (isSchedule(rate)) return { serialized: rate as Json, where: `${where}${holder === x ? "" : "config."}${key}` };
    }
  }
  // A model: Keras 3 (compile_config.optimizer) or tf.keras (training_config.optimizer_config).
  const compile = x.compile_config;
  if (isObject(compile)) {
    const found = findSchedule(compile.optimizer, `${where}compile_config.optimizer.`);
    if (found) return found;
  }
  const training = x.training_config;
  if (isObject(training)) {
    const found = findSchedule(training.optimizer_config, `${where}training_config.optimizer_config.`);
    if (found) return found;
  }
  return null;
}
