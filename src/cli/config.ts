/**
 * --config: a schedule from a file: whatever the library's findSchedule reads (a serialized Keras
 * schedule, an optimizer config, a model config), a .keras archive (a zip whose config.json is the
 * model config), an optax schedule's JSON (`{"module": "optax", ...}`, as lrdecay/optax writes it),
 * or the catalog's JSON of any framework's schedule (`{"schedule": "torch.OneCycleLR", "config":
 * {...}}`, as the playground and `lrdecay compare` write it).
 */
import { readFileSync } from "node:fs";
import { unzipSync, strFromU8 } from "fflate";
import { findSchedule, type DType } from "../index.js";
import { argumentErrorData, describe } from "../core/validate.js";
import { findEntry, type Entry } from "./catalog.js";

export class ConfigError extends Error {}

/** A schedule a file holds: its entry, its config by the framework's names, and where it was. */
export interface FoundConfig {
  readonly entry: Entry;
  readonly config: Record<string, unknown>;
  /** The dtype the file says (catalog JSON), if it says one. */
  readonly dtype?: DType;
  readonly where: string;
}

/** Reads the file (JSON or .keras) and returns the schedule it holds, and where. */
export function loadScheduleConfig(path: string, dtype: DType | undefined): FoundConfig {
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
  const o = json as Record<string, unknown> | null;
  if (o !== null && typeof o === "object" && !Array.isArray(o) && (typeof o.schedule === "string" || o.module === "optax")) return otherFramework(path, o);
  try {
    const found = findSchedule(json, { dtype: dtype ?? "float32" });
    const name = (found.schedule.constructor as { className?: string }).className!;
    return { entry: findEntry(name)!, config: found.schedule.getConfig(), where: found.where };
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

/** The catalog's JSON of a schedule, or optax's own. */
function otherFramework(path: string, o: Record<string, unknown>): FoundConfig {
  const name = typeof o.schedule === "string" ? o.schedule : `optax.${String(o.class_name)}`;
  const entry = findEntry(name);
  if (entry === undefined) throw new ConfigError(`${path}: ${typeof o.schedule === "string" ? "schedule" : "class_name"}=${describe(typeof o.schedule === "string" ? o.schedule : o.class_name)} is no schedule lrdecay knows (lrdecay --help lists them)`);
  if (entry.unavailable !== undefined) throw new ConfigError(`${path}: ${entry.unavailable}`);
  const config = o.config ?? {};
  if (config === null || typeof config !== "object" || Array.isArray(config)) throw new ConfigError(`${path}: its config must be an object. Received: config=${describe(config)}`);
  if (o.dtype !== undefined && o.dtype !== "float32" && o.dtype !== "float64") throw new ConfigError(`${path}: dtype=${describe(o.dtype)} is neither float32 nor float64`);
  return { entry, config: config as Record<string, unknown>, ...(o.dtype === undefined ? {} : { dtype: o.dtype as DType }), where: "the JSON itself" };
}
