/**
 * The schedule a command line asks for, from --schedule and its flags, or --config FILE with flags
 * beside it winning; any framework's (catalog.ts). Every refusal names what the user typed: the
 * flag that gave the argument, or the file and its config key, or the schedule for a rule across
 * arguments.
 */
import { InvalidArgumentError } from "commander";
import type { DType } from "../index.js";
import { argumentErrorData, type ArgumentErrorData } from "../core/validate.js";
import type { Built, Entry } from "./catalog.js";
import { findEntry } from "./catalog.js";
import { ConfigError, loadScheduleConfig } from "./config.js";
import { DEFAULT_SCHEDULE, configFromFlags, displayName } from "./flags.js";
import { UsageError, type StepRange } from "./request.js";

/** What the command line says of one schedule. */
export interface ScheduleRequest {
  /** --schedule (or --vs) as typed, if given. */
  readonly name?: string;
  /** The flag that named it, for messages ("--schedule", "--vs"). */
  readonly nameFlag: string;
  /** --config FILE, if given. */
  readonly config?: string;
  /** --dtype, if given. */
  readonly dtype?: DType;
  /** The dtype --out's format holds (.f32, .f64), if it holds one: what the user typed for it. */
  readonly width?: { readonly dtype: DType; readonly typed: string };
  /** Commander's options: the schedule's flags among them. */
  readonly flags: Record<string, unknown>;
}

/** A value as the command line writes it: lists comma-separated, -0 as -0. */
export function asTyped(value: unknown): string {
  if (Array.isArray(value)) return value.map(asTyped).join(",");
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  if (value !== null && typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** An argument error of the library, told by the flag that gave the argument. */
export function flagMessage(flag: string, data: ArgumentErrorData): string {
  const where = data.index === undefined ? "" : ` at position ${data.index + 1}`;
  return `--${flag} ${data.rule} (got ${asTyped(data.value)}${where})`;
}

/** An error of an argument a flag gave: the rule by the flag (from the error's data), or its message. */
function byFlag(flag: string, e: unknown): UsageError {
  const data = argumentErrorData(e);
  return new UsageError(data !== undefined ? flagMessage(flag, data) : `--${flag}: ${(e as Error).message}`);
}

/** The dtype the request settles for `entry`, or a refusal naming what asked for another. */
function dtypeOf(entry: Entry, r: ScheduleRequest, fileDtype: DType | undefined): DType {
  const dtype = r.dtype ?? r.width?.dtype ?? fileDtype ?? entry.dtypes[0]!;
  if (entry.dtypes.includes(dtype)) return dtype;
  const only = `${displayName(entry)} computes in ${entry.dtypes.join(" or ")} only`;
  if (r.dtype !== undefined) throw new UsageError(`--dtype ${r.dtype}: ${only}`);
  if (r.width !== undefined) throw new UsageError(`${r.width.typed} holds ${r.width.dtype} values, but ${only}`);
  throw new UsageError(`${r.config}: dtype ${dtype}: ${only}`);
}

/** The schedule of a request: from its flags, or its file with the flags over it. */
export function resolveSchedule(r: ScheduleRequest): { built: Built; source: string } {
  let entry: Entry;
  let base: Record<string, unknown> = {};
  let source = "flags";
  let fileDtype: DType | undefined;
  if (r.config !== undefined) {
    const found = loadScheduleConfig(r.config, r.dtype ?? r.width?.dtype);
    if (r.name !== undefined && findEntry(r.name) !== found.entry)
      throw new UsageError(`${r.nameFlag} ${r.name} contradicts ${r.config}, which holds a ${displayName(found.entry)}`);
    entry = found.entry;
    base = found.config;
    fileDtype = found.dtype;
    source = `${r.config} (${found.where})`;
  } else {
    const named = findEntry(r.name ?? DEFAULT_SCHEDULE);
    if (named === undefined) throw new UsageError(`${r.nameFlag} ${r.name}: no schedule has that name (lrdecay --help lists them)`);
    if (named.unavailable !== undefined) throw new UsageError(`${r.nameFlag} ${r.name}: ${named.unavailable}`);
    entry = named;
  }
  const dtype = dtypeOf(entry, r, fileDtype);
  let flags: Record<string, unknown>;
  try {
    flags = configFromFlags(entry, r.flags);
  } catch (e) {
    if (e instanceof InvalidArgumentError) throw new UsageError(e.message);
    throw e;
  }
  if (r.config !== undefined) {
    // The summary's "from FILE" names the flags that changed the file's values too.
    const over = entry.args.filter((a) => flags[a.key] !== undefined).map((a) => `--${a.flag}`);
    if (over.length > 0) source += ` and ${over.join(", ")} over it`;
  }
  if (r.config === undefined) {
    const missing = entry.args.filter((a) => a.required && flags[a.key] === undefined).map((a) => `--${a.flag}`);
    if (missing.length > 0) throw new UsageError(`${displayName(entry)} needs ${missing.join(", ")} (or --config FILE)`);
  }
  // Each argument a flag gives, by its own declaration first: a refusal then names the flag. (A
  // Keras schedule's checks that depend on the dtype come at its first use, below.)
  for (const arg of entry.args) {
    // Nested schedules and sgdr's dicts are read by the framework's JSON reader, which build runs.
    if (flags[arg.key] === undefined || arg.kind === "schedules" || arg.kind === "objects") continue;
    try {
      arg.check(flags[arg.key]);
    } catch (e) {
      throw byFlag(arg.flag, e);
    }
  }
  try {
    const built = entry.build({ ...base, ...flags }, dtype);
    // float32 checks (a decay_steps that rounds to 0) happen on first use.
    if (entry.framework === "keras" || entry.framework === "optax") built.at(0);
    return { built, source };
  } catch (e) {
    const data = argumentErrorData(e);
    // A rule on what a flag gave speaks of that flag; one on the file's values keeps the config
    // keys (the file's own words) and names the file; one across arguments names the schedule.
    const arg = data === undefined ? undefined : entry.args.find((a) => a.key === data.argument);
    if (arg !== undefined && arg.key in flags) throw new UsageError(flagMessage(arg.flag, data!));
    if (r.config !== undefined) throw new ConfigError(`${r.config}: ${(e as Error).message}`);
    // Keras' checks are each of one argument, which a flag or the file gave: a refusal that neither
    // explains is lrdecay's own mistake. The others' rules across arguments are the user's to mend.
    if (entry.framework === "keras" || !(e instanceof TypeError || e instanceof RangeError)) throw e;
    throw new UsageError(`${displayName(entry)}: ${e.message}`);
  }
}

const figure = (n: number) => n.toLocaleString("en-US");

/** Refuses a range of steps the schedule does not compute, by the flags that asked for it. */
export function checkSteps(built: Built, range: StepRange, asked: string): void {
  const { first, last, rule } = built.steps;
  const label = displayName(built.entry);
  if (range.start < first) throw new UsageError(`--start ${range.start}: ${label} starts at step ${figure(first)} (${rule})`);
  if (range.last > last) throw new UsageError(`${asked} reach step ${figure(range.last)}, beyond step ${figure(last)}, the last ${label} computes (${rule})`);
}
