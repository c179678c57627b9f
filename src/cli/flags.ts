/**
 * The schedule flags of the lrdecay command, made from every framework's declared arguments
 * (catalog.ts): one flag per argument, the framework's name in lower kebab case (--decay-steps,
 * --t-max, --num-warmup-steps); lists comma-separated (--boundaries 1000,5000); booleans as
 * --staircase / --no-staircase; a number that may be None as --warmup-target none; a {step: scale}
 * map as --boundaries-and-scales 100:0.5,200:0.5; nested schedules as JSON. Commander keeps each
 * flag's text; it is read by the kind the schedule declares once the schedule is known (from
 * --schedule or --config).
 */
import { InvalidArgumentError, Option, type Command } from "commander";
import { showArgument } from "../core/args.js";
import { BUILDABLE, CATALOG, FRAMEWORKS, findEntry, type CatalogArg, type Entry } from "./catalog.js";
import { nearestFlags } from "./suggest.js";

/** Every name --schedule takes: the catalog's ids, and Keras' names alone as before. */
export const NAMES: readonly string[] = [...BUILDABLE.filter((e) => e.framework === "keras").map((e) => e.name), ...BUILDABLE.map((e) => e.id)];
export const DEFAULT_SCHEDULE = "ExponentialDecay";

/** Commander's property for a flag: its camelCase ("t-max" is tMax, "t-0" is t0). */
export const attributeOf = (flag: string) => flag.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** Every schedule's arguments by flag name; an argument that several schedules share appears once. */
export function allFlags(): Map<string, CatalogArg> {
  const flags = new Map<string, CatalogArg>();
  for (const entry of BUILDABLE) for (const arg of entry.args) if (!flags.has(arg.flag)) flags.set(arg.flag, arg);
  return flags;
}

/** The flags of a schedule, as typed ("--staircase", "--no-staircase", "--decay-steps"). */
export function flagsOf(entry: Entry): string[] {
  return entry.args.flatMap((a) => (a.kind === "boolean" ? [`--${a.flag}`, `--no-${a.flag}`] : [`--${a.flag}`]));
}

/** The --schedule the command line names (before Commander parses it), for its help and flags. */
export function scheduleInArgv(argv: readonly string[], flag = "--schedule"): Entry | undefined {
  let name: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") break;
    if (a === flag) name = argv[i + 1];
    else if (a.startsWith(`${flag}=`)) name = a.slice(flag.length + 1);
  }
  const entry = name === undefined ? undefined : findEntry(name);
  return entry?.unavailable === undefined ? entry : undefined;
}

/** What a flag's value looks like in help texts. */
const placeholder = (arg: CatalogArg) =>
  ({ numbers: "<list>", string: "<text>", numberMap: "<map>", schedules: "<json>", objects: "<json>" } as Record<string, string>)[arg.kind] ?? "<x>";

/** "(default: 0.0001)", "(required)", "(default: none)" */
function defaultText(arg: CatalogArg): string {
  if (arg.required) return "(required)";
  if (arg.kind === "optionalNumber" && arg.default === null) return "(default: none; a number turns it on)";
  if (arg.kind === "numberMap" && arg.default === null) return "(default: none)";
  if (arg.kind === "boolean") return `(default: ${arg.default ? `on; --no-${arg.flag} turns it off` : `off; --no-${arg.flag} turns off what --config set`})`;
  return `(default: ${showArgument(arg.default)})`;
}

/** How a kind's value is typed, for help texts. */
const HOW: Partial<Record<CatalogArg["kind"], string>> = {
  numbers: ", comma-separated",
  optionalNumber: ", or none",
  numberMap: ", as step:scale pairs (100:0.5,200:0.5) or a JSON object",
  schedules: `, as JSON: [{"schedule": "FRAMEWORK.NAME", "config": {...}}, ...]`,
  objects: `, as JSON: [{"init_value": 0, ...}, ...]`,
};

/**
 * Adds one option per schedule argument. The arguments of `shown` appear in --help with their
 * defaults; every other schedule's flags are hidden, but accepted, so that a flag of the wrong
 * schedule gets a message saying whose it is.
 */
export function addScheduleFlags(cli: Command, shown: Entry | undefined): Command {
  const visible = new Set(shown === undefined ? [] : shown.args.map((a) => a.flag));
  const ordered = [...(shown === undefined ? [] : shown.args), ...allFlags().values()];
  const added = new Set<string>();
  for (const arg of ordered) {
    if (added.has(arg.flag)) continue;
    added.add(arg.flag);
    const hidden = !visible.has(arg.flag);
    const doc = `${arg.doc}${HOW[arg.kind] ?? ""}${/\(default/.test(arg.doc) ? "" : ` ${defaultText(arg)}`}`;
    if (arg.kind === "boolean") {
      cli.addOption(new Option(`--${arg.flag}`, doc).hideHelp(hidden));
      cli.addOption(new Option(`--no-${arg.flag}`, `not --${arg.flag}`).hideHelp());
    } else {
      cli.addOption(new Option(`--${arg.flag} ${placeholder(arg)}`, doc).hideHelp(hidden));
    }
  }
  return cli;
}

/** A schedule's flags on one line, the optional ones in brackets. */
function synopsisOf(entry: Entry): string {
  return entry.args
    .filter((a) => a.key !== "name")
    .map((a) => {
      const flag = a.kind === "boolean" ? `--${a.flag}` : `--${a.flag} ${placeholder(a).slice(1, -1).toUpperCase()}`;
      return a.required ? flag : `[${flag}]`;
    })
    .join(" ");
}

/** The help text's list of schedules and their flags, by framework. */
export function schedulesHelp(): string {
  const sections = FRAMEWORKS.map((framework) => {
    const lines = CATALOG.filter((e) => e.framework === framework).map((e) =>
      e.unavailable !== undefined
        ? `  ${e.id}: not from the command line (${e.unavailable.replace(/^\S+ /, "")})`
        : `  ${e.id}${e.name === DEFAULT_SCHEDULE ? " (the default)" : ""}\n      ${synopsisOf(e)}`,
    );
    return `${TITLES[framework]}\n${lines.join("\n")}`;
  });
  return `\nSchedules (--schedule NAME; lrdecay --schedule NAME --help lists its flags with their defaults):\n${sections.join("\n")}\n`;
}

const TITLES: Record<Entry["framework"], string> = {
  keras: "Keras (keras.optimizers.schedules; float32, or --dtype float64; keras. may be left out):",
  torch: "PyTorch (torch.optim.lr_scheduler; float64; --lr is the optimizer's learning rate):",
  transformers: "Hugging Face transformers (float64; --lr is the optimizer's learning rate):",
  optax: "optax (float32 as JAX by default, or --dtype float64 as JAX with x64):",
};

/**
 * " Did you mean NAME?" for a --schedule that names none, or "": the name in other letter case
 * (torch.cosineannealinglr), without its framework's prefix (cosine_decay_schedule for
 * optax.cosine_decay_schedule), or a near spelling.
 */
export function scheduleHint(name: string): string {
  const bare = (n: string) => n.replace(/^(keras|torch|transformers|optax)\./, "");
  const lower = (n: string) => n.toLowerCase();
  const cased = NAMES.filter((n) => lower(n) === lower(name));
  const casedBare = NAMES.filter((n) => lower(bare(n)) === lower(bare(name)));
  const near = cased.length > 0 || casedBare.length > 0 ? undefined : nearestFlags(name, [NAMES as string[]]) ?? nearestFlags(bare(name), [NAMES.map(bare)]);
  const full = cased.length > 0 ? cased : casedBare.length > 0 ? casedBare
    : near?.flags.flatMap((f) => ((NAMES as readonly string[]).includes(f) ? [f] : NAMES.filter((n) => bare(n) === f)));
  return full === undefined ? "" : ` Did you mean ${[...new Set(full)].join(" or ")}?`;
}

/** A number written in decimal: digits, an optional point and exponent (no hex, binary or octal). */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A flag's decimal number, as typed (spaces around it aside), or NaN: `Number()` alone would also
 * read "0x10" as 16 and "0b11" as 3.
 */
export function decimal(text: string): number {
  const t = text.trim();
  return DECIMAL.test(t) ? Number(t) : NaN;
}

/** A flag's text read as the argument's kind says; the error names the flag. */
export function readFlag(arg: CatalogArg, text: string): unknown {
  const fail = (what: string) => new InvalidArgumentError(`--${arg.flag} must be ${what}, got "${text}"`);
  const num = (s: string) => {
    const x = decimal(s);
    if (!Number.isFinite(x)) throw fail(arg.kind === "numbers" ? "a comma-separated list of finite numbers" : arg.kind === "optionalNumber" ? "a finite number or none" : "a finite number");
    return x;
  };
  const json = (what: string) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw fail(what);
    }
  };
  switch (arg.kind) {
    case "number":
      return num(text);
    case "optionalNumber":
      return /^(none|null)$/i.test(text.trim()) ? null : num(text);
    case "numbers": {
      const list = text.trim() === "" ? [] : text.split(",").map(num);
      // torch's float-or-list arguments (max_lr, one per param group): one number is the float.
      return list.length === 1 && accepts(arg, list[0]) ? list[0] : list;
    }
    case "numberMap": {
      if (/^(none|null)$/i.test(text.trim())) return null;
      if (text.trim().startsWith("{")) return json("step:scale pairs (100:0.5,200:0.5) or a JSON object");
      const map: Record<string, number> = {};
      for (const pair of text.split(",")) {
        const m = /^\s*(-?\d+)\s*:\s*(\S+)\s*$/.exec(pair);
        if (m === null) throw fail("step:scale pairs (100:0.5,200:0.5) or a JSON object");
        const scale = decimal(m[2]!);
        if (!Number.isFinite(scale)) throw fail(`step:scale pairs whose scales are finite numbers (${m[1]}:${m[2]} has the scale "${m[2]}")`);
        map[m[1]!] = scale;
      }
      return map;
    }
    case "schedules":
    case "objects":
      return json("JSON (a list)");
    case "string":
    case "boolean":
      return text;
  }
}

function accepts(arg: CatalogArg, value: unknown): boolean {
  try {
    arg.check(value);
    return true;
  } catch {
    return false;
  }
}

/** The config values the command line gives for `entry`; a flag of another schedule is refused. */
export function configFromFlags(entry: Entry, given: Record<string, unknown>): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const flagArg of allFlags().values()) {
    const value = given[attributeOf(flagArg.flag)];
    if (value === undefined) continue;
    const arg = entry.args.find((a) => a.flag === flagArg.flag);
    if (arg === undefined)
      throw new InvalidArgumentError(`--${flagArg.flag} is not an argument of ${displayName(entry)} (its flags: ${entry.args.map((a) => `--${a.flag}`).join(", ")})`);
    config[arg.key] = typeof value === "string" ? readFlag(arg, value) : value;
  }
  return config;
}

/** Keras' schedules by their names alone, as before; the others by framework.name. */
export const displayName = (entry: Entry) => (entry.framework === "keras" ? entry.name : entry.id);
