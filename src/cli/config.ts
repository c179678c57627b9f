/**
 * --config: a schedule from a Keras file: whatever the library's findSchedule reads (a serialized
 * schedule, an optimizer config, a model config), or a .keras archive (a zip whose config.json is
 * the model config).
 */
import { readFileSync } from "node:fs";
import { unzipSync, strFromU8 } from "fflate";
import { findSchedule, type DType, type FoundSchedule } from "../index.js";
import { argumentErrorData, describe } from "../core/validate.js";

export class ConfigError extends Error {}

/** Reads the file (JSON or .keras) and returns the schedule it holds, and where. */
export function loadScheduleConfig(path: string, dtype: DType): FoundSchedule {
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
  try {
    return findSchedule(json, { dtype });
  } catch (e) {
    // The library's message names config keys, which is what a config file's reader needs. An
    // unknown class is worded from the error's data: the library's hint at its customObjects
    // option is for programs, not for the command line.
    const data = argumentErrorData(e);
    if (data?.argument === "class_name") throw new ConfigError(`${path}: class_name=${describe(data.value)} ${data.rule}`);
    if (e instanceof TypeError || e instanceof RangeError) throw new ConfigError(`${path}: ${e.message}`);
    throw e;
  }
}
